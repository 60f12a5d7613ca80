package dev.oolong.audio;

import dev.oolong.C;
import dev.oolong.sync.AudioPlayhead;
import dev.oolong.util.Clock;
import dev.oolong.sync.MediaClock;
import java.util.ArrayDeque;

/**
 * The engine's side of audio output: decoded PCM waits here ({@link #queue}), is resampled to the
 * output rate and speed and written into the {@link PcmOutput} a little ahead of the consumer
 * ({@link #AHEAD_US}, so a rate change or a seek takes effect soon); the consumer's frame counter,
 * mapped back to media time by an {@link AudioPlayhead}, is the master clock ({@link
 * #positionUs}).
 *
 * <p>The counter moves in bursts (the audio thread renders several quanta at a time); between
 * two moves the position is carried on by the wall clock, at most {@link #MAX_EXTRAPOLATE_US}.
 * What is heard lags what was consumed by the output's latency ({@link #setLatencyUs}). After
 * a seek, decoded audio before the target is cut off sample-exactly.
 */
public final class AudioRenderer implements MediaClock.AudioSource {
  /** How far ahead of the consumer the output is filled. */
  public static final long AHEAD_US = 200_000;
  /** Decoded audio waiting here before the decoder is told to wait. */
  public static final long MAX_QUEUED_US = 1_000_000;
  /** The longest the position is carried on by the wall clock while the counter stands. */
  public static final long MAX_EXTRAPOLATE_US = 50_000;

  private final PcmOutput output;
  private final Clock wall;
  private final int outRate;
  private final Resampler resampler;
  private final AudioPlayhead playhead;
  private final ArrayDeque<Pcm> queue = new ArrayDeque<>();
  private long queuedUs;
  private float[] scratch = new float[0];
  /** Frames a Web Audio render quantum holds: the consumer takes at least this much at a time. */
  static final int RENDER_QUANTUM_FRAMES = 128;

  private double speed = 1;
  private boolean playing;
  private boolean outputOn = true;
  private boolean inputEnded;
  private long latencyUs;
  /** After a seek: audio before this goes. */
  private long trimUntilUs = C.TIME_UNSET;
  /** The output count where the current run of audio (since the last seek) starts. */
  private long runStart;
  private long lastConsumed = -1;
  private long lastMoveWallUs;

  public AudioRenderer(PcmOutput output, int outRate, Clock wall) {
    this.output = output;
    this.outRate = outRate;
    this.wall = wall;
    this.resampler = new Resampler(output.channels(), outRate);
    this.playhead = new AudioPlayhead(outRate);
  }

  /** Decoded audio, in order. */
  public void queue(Pcm pcm) {
    if (pcm.frames() <= 0 || pcm.sampleRate() <= 0) {
      return;
    }
    queue.add(pcm);
    queuedUs += pcm.endUs() - pcm.ptsUs();
    pump();
  }

  /**
   * The head of the queue with the audio before {@link #trimUntilUs} cut off (whole buffers
   * dropped, the one across it cut sample-exactly), or null when nothing is left.
   */
  private Pcm trimmedHead() {
    while (!queue.isEmpty() && trimUntilUs != C.TIME_UNSET) {
      Pcm pcm = queue.peek();
      if (pcm.endUs() <= trimUntilUs) {
        drop();
        continue;
      }
      int cut = (int) Math.max(0, Math.round((trimUntilUs - pcm.ptsUs()) * pcm.sampleRate() / 1e6));
      trimUntilUs = C.TIME_UNSET;
      if (cut > 0) {
        float[][] rest = new float[pcm.planar().length][];
        for (int c = 0; c < rest.length; c++) {
          rest[c] = java.util.Arrays.copyOfRange(pcm.planar()[c], cut, pcm.frames());
        }
        Pcm tail = new Pcm(rest, pcm.frames() - cut, pcm.sampleRate(),
            pcm.ptsUs() + cut * 1_000_000L / pcm.sampleRate());
        drop();
        queue.addFirst(tail);
        queuedUs += tail.endUs() - tail.ptsUs();
      }
    }
    return queue.peek();
  }

  private void drop() {
    Pcm p = queue.poll();
    queuedUs -= p.endUs() - p.ptsUs();
  }

  /** Whether more decoded audio is wanted (less than {@link #MAX_QUEUED_US} waits). */
  public boolean wantsMore() {
    return queuedUs < MAX_QUEUED_US;
  }

  /** Writes what the output has room for, up to {@link #AHEAD_US} ahead of the consumer. */
  public void pump() {
    long aheadFrames = AHEAD_US * outRate / 1_000_000;
    Pcm p;
    while (outputOn && (p = trimmedHead()) != null) {
      int max = resampler.maxOutput(p.frames(), p.sampleRate(), speed);
      long ahead = output.written() - output.consumed();
      if (max > output.freeFrames() || ahead >= aheadFrames) {
        break;
      }
      drop();
      if (scratch.length < max * output.channels()) {
        scratch = new float[max * output.channels()];
      }
      double at = resampler.position();
      long ptsUs = p.ptsUs() + Math.round(at * 1e6 / p.sampleRate());
      int n = resampler.process(p.planar(), p.frames(), p.sampleRate(), speed, scratch);
      playhead.written(ptsUs, n, speed);
      output.write(scratch, n);
    }
    updateState();
  }

  /**
   * Switches the output off or on. Off (the browser holds audio until a gesture, the player
   * started muted): nothing is written, the position is not the audio's (the wall clock leads),
   * and the session passes the position on ({@link #passed}) so decoded audio is let go as the
   * picture goes by. On again: audio resumes where the picture will be when it is heard
   * ({@code positionUs} plus a render quantum and the output's latency, at the current speed).
   */
  public void setOutputOn(boolean on, long positionUs) {
    if (on == outputOn) {
      return;
    }
    outputOn = on;
    output.discard();
    resampler.reset();
    lastConsumed = -1;
    runStart = output.written();
    // What is written now is heard after the consumer's next render quantum and the output's
    // latency; the picture runs on the wall clock meanwhile. Starting the audio that far ahead,
    // the clock passes from the wall to the audio without holding the picture until it catches up.
    long leadUs = latencyUs + RENDER_QUANTUM_FRAMES * 1_000_000L / outRate;
    trimUntilUs = on ? positionUs + Math.round(leadUs * speed) : C.TIME_UNSET;
    pump();
  }

  /** Whether the output is on ({@link #setOutputOn}). */
  public boolean outputOn() {
    return outputOn;
  }

  /** With the output off: the picture is at {@code positionUs}, decoded audio before it goes. */
  public void passed(long positionUs) {
    long until = trimUntilUs == C.TIME_UNSET ? positionUs : Math.max(positionUs, trimUntilUs);
    while (!outputOn && !queue.isEmpty() && queue.peek().endUs() <= until) {
      drop();
    }
  }

  /** Starts or stops the consumer. */
  public void setPlaying(boolean playing) {
    this.playing = playing;
    updateState();
  }

  /** The decoder has put out everything: once it is played, audio has ended. */
  public void endOfStream() {
    inputEnded = true;
    updateState();
  }

  private void updateState() {
    output.setState(playing && outputOn, inputEnded && queue.isEmpty());
  }

  /** Whether all audio has been played (the stream ended and the consumer ran out). */
  public boolean ended() {
    // Output off: nothing was written that the (perhaps suspended) consumer still has to play.
    return inputEnded && queue.isEmpty() && (!outputOn || output.consumed() >= output.written());
  }

  /**
   * A seek to {@code targetUs}: what waits here and in the output goes, and audio decoded from
   * the seek point on is cut at the target.
   */
  public void seek(long targetUs) {
    queue.clear();
    queuedUs = 0;
    output.discard();
    resampler.reset();
    trimUntilUs = targetUs;
    runStart = output.written();
    inputEnded = false;
    lastConsumed = -1;
    updateState();
  }

  /** The playback rate: audio written from now on plays at it (pitch follows, no time-stretch). */
  public void setSpeed(double speed) {
    this.speed = speed;
  }

  /** The output's latency: what is heard lags what was consumed by this. */
  public void setLatencyUs(long latencyUs) {
    this.latencyUs = Math.max(0, latencyUs);
  }

  /** Decoded audio buffered ahead of what is heard (here and in the output), µs. */
  public long bufferedUs() {
    return queuedUs + (output.written() - output.consumed()) * 1_000_000L / outRate;
  }

  @Override
  public long positionUs() {
    if (!playing || !outputOn) {
      return C.TIME_UNSET;
    }
    long consumed = output.consumed();
    long now = wall.nowUs();
    if (consumed != lastConsumed) {
      lastConsumed = consumed;
      lastMoveWallUs = now;
    }
    if (consumed >= output.written()) {
      return C.TIME_UNSET; // starved or ended: the wall clock carries on
    }
    long extra = Math.min(now - lastMoveWallUs, MAX_EXTRAPOLATE_US) * outRate / 1_000_000;
    long heard = Math.min(consumed + extra, output.written()) - latencyUs * outRate / 1_000_000;
    if (heard < runStart) {
      return C.TIME_UNSET; // still (or only just) before the audio of this run
    }
    return playhead.positionUs(heard);
  }

  /** Render quanta the consumer ran dry while playing. */
  public int underruns() {
    return output.underruns();
  }

  /** Frames played by the consumer. */
  public long playedFrames() {
    return output.played();
  }
}
