package dev.oolong.extractor.ts;

import dev.oolong.extractor.audio.AudioFrames;
import dev.oolong.extractor.audio.FrameSync;

import dev.oolong.PlayerException;
import dev.oolong.extractor.TrackOutput;

/**
 * Framed audio in PES (ADTS AAC, MPEG audio): one sample per frame. The first frame that starts
 * in a PES packet takes its PTS; the following ones are spaced by their duration in 90 kHz ticks
 * (as ffmpeg's parsers do). A frame is taken once the header after it confirms it ({@link
 * AudioFrames#confirmed}); bytes that are not a confirmed frame are skipped byte by byte until
 * one is (a resync, counted), so a damaged header neither swallows the frames after it nor
 * changes the format.
 */
final class AudioFrameReader implements EsReader {
  private final TsTrack track;
  private final AudioFrames frames;
  private final ByteAccumulator buffer = new ByteAccumulator(1 << 20);
  private long streamOffset; // stream byte offset of buffer.data[0]
  private long pendingPts = -1;
  private long pendingPtsOffset;
  private long nextPts = -1;
  private final FrameSync sync = new FrameSync();

  AudioFrameReader(TsTrack track, AudioFrames frames) {
    this.track = track;
    this.frames = frames;
  }

  @Override
  public void packetStarted(long pts, long dts) {
    if (pts >= 0) {
      pendingPts = pts;
      pendingPtsOffset = streamOffset + buffer.size;
    }
  }

  @Override
  public void consume(byte[] data, int offset, int length) throws PlayerException {
    buffer.append(data, offset, length);
    drain(false, false);
  }

  @Override
  public void packetFinished() {
    drain(true, false);
  }

  @Override
  public void discontinuity() {
    drain(true, true); // the whole frames before the loss stay
    clear();
  }

  @Override
  public void reset() {
    clear();
    sync.reset();
  }

  private void clear() {
    streamOffset += buffer.size;
    buffer.clear();
  }

  @Override
  public void endOfStream() {
    drain(true, true); // a cut-off last frame stays unemitted
  }

  @Override
  public long resyncs() {
    return sync.resyncs();
  }

  /**
   * Takes the confirmed frames in the buffer. {@code packetEnd}: the PES packet is complete, and a
   * frame ending exactly with it needs no header after it (packets carry whole frames);
   * {@code ending}: no more bytes follow.
   */
  private void drain(boolean packetEnd, boolean ending) {
    int p = 0;
    byte[] d = buffer.data;
    int headerSize = frames.headerSize();
    while (buffer.size - p >= headerSize) {
      AudioFrames.Frame f = frames.parse(d, p);
      if (f != null && buffer.size - p < f.length() && !ending) {
        break; // the frame is not all here yet
      }
      AudioFrames.Frame next = null;
      boolean atEnd = false;
      if (f != null && buffer.size - p >= f.length() + headerSize) {
        next = frames.parse(d, p + f.length());
      } else if (f != null && !ending && !(packetEnd && buffer.size - p == f.length())) {
        break; // the header confirming it is not here yet
      } else {
        atEnd = true;
      }
      if (f == null || buffer.size - p < f.length() || !sync.confirmed(f, next, atEnd)) {
        sync.skipped();
        p++;
        continue;
      }
      sync.taken(f);
      emit(f, d, p);
      p += f.length();
    }
    streamOffset += p;
    buffer.discard(p);
  }

  private void emit(AudioFrames.Frame f, byte[] d, int p) {
    if (!track.formatSent) {
      track.format(f.format());
    }
    long start = streamOffset + p;
    long pts;
    if (pendingPts >= 0 && start >= pendingPtsOffset) {
      pts = pendingPts;
      pendingPts = -1;
    } else {
      pts = nextPts;
    }
    if (pts >= 0 && f.sampleRate() > 0) {
      nextPts = pts + Math.round(f.samples() * 90_000.0 / f.sampleRate());
    }
    track.output.sampleData(d, p, f.length());
    track.sample(pts, pts, TrackOutput.FLAG_KEY_FRAME, f.length());
  }
}
