package dev.oolong.player;

import dev.oolong.timeline.TimelineSanitizer;
import dev.oolong.extractor.Extractor;
import dev.oolong.util.Json;
import dev.oolong.C;
import dev.oolong.PlayerException;
import dev.oolong.extractor.ExtractionLoader;
import dev.oolong.extractor.ExtractorOutput;
import dev.oolong.extractor.FirstSampleWatch;
import dev.oolong.extractor.ForwardingExtractorOutput;
import dev.oolong.extractor.SeekMap;
import dev.oolong.extractor.TrackOutput;
import dev.oolong.media.TrackType;
import dev.oolong.timeline.Timeline;
import dev.oolong.manifest.ManifestSource;
import dev.oolong.upstream.Cipher;
import dev.oolong.upstream.DataSource;
import dev.oolong.upstream.Delay;
import dev.oolong.util.Clock;

/**
 * The one chain every path plays through, built here and nowhere else:
 *
 * <pre>
 *   DataSource ─► ExtractionLoader (sniff, extractor, resume) ─► FirstSampleWatch ─► Timeline
 *       (unwrap, normalise to media time 0, sanitise) ─► SampleQueue per track (bounded)
 *       ─► the output (MSE remuxer or decoders)
 * </pre>
 *
 * The output receives media time only. Seeks, holds and the end of the input go through this
 * class, in the order the stages need: a seek resets the timeline and drops what the queues hold
 * before the loader moves, and the end flushes what the timeline held, and what the queues hold,
 * before the output hears it. Back-pressure has two steps: the output's {@link #hold} keeps
 * samples in the queues, and the extraction stops only once the queues are full (their bound:
 * {@link SampleQueues#DEFAULT_MAX_BYTES}, {@link SampleQueues#DEFAULT_MAX_DURATION_US}), so the
 * input is read a little ahead of what the output takes.
 * A manifest-driven source (segments, renditions, discontinuities) is a {@link DataSource} that
 * presents them as one input to this same chain: every input goes through {@link ManifestSource},
 * which tells an HLS playlist from a media file by its first bytes; a playlist's segment index then
 * replaces the container's seek map, and its clock the container's.
 */
public final class Pipeline {
  /** What the pipeline reports to its player. */
  public interface Events {
    /** The input was read to its end and everything held passed on to the output. */
    void inputEnded();

    /** The load failed: nothing more comes. */
    void failed(PlayerException error);

    /** A broken connection is being resumed where the bytes stopped. */
    default void retrying(PlayerException error) {}

    /**
     * Playback goes on past a fault: {@code warning} is recoverable. A file cut short is one
     * ({@code CONTAINER_TRUNCATED}): what is there plays, then {@link #inputEnded}.
     */
    default void warning(PlayerException warning) {}

    /** The seek map is known (the duration may have changed). */
    default void seekMapKnown(SeekMap map) {}

    /** The reading went on to another variant of the multivariant playlist ({@link #selectLevel}). */
    default void levelSwitched(int index) {}
  }

  private final Timeline timeline;
  private final SampleQueues queues;
  /** The input ended while samples were queued: the output hears of it once they are drained. */
  private boolean endPending;
  private final FirstSampleWatch firstSample;
  private final ExtractionLoader loader;
  private final Events events;
  /** The input: the URL's media file, or an HLS playlist's segments. */
  private final ManifestSource manifest;
  /** The timeline was told where a playlist starts its clock. */
  private boolean anchored;
  private SeekMap seekMap;
  private boolean cancelled;
  /** Faults played past: connections resumed, an input cut short ended where it was cut. */
  private int recoveries;

  /**
   * @param output where media-time samples go
   * @param epoch the clock the first sample's arrival is read on (for the glass-to-glass figures)
   */
  public Pipeline(DataSource source, String url, ExtractorOutput output, Clock epoch, Events events) {
    this(source, url, output, epoch, Delay.NOW, null, events);
  }

  /**
   * @param output where media-time samples go
   * @param epoch the clock the first sample's arrival is read on (for the glass-to-glass figures)
   * @param delay what waits between attempts of a failing segment (the back-off) and between
   *     reloads of a live playlist
   * @param cipher what decrypts HLS AES-128 segments, or null (they are then refused)
   */
  public Pipeline(DataSource source, String url, ExtractorOutput output, Clock epoch, Delay delay, Cipher cipher,
      Events events) {
    this.events = events;
    this.manifest = new ManifestSource(source, delay, cipher, w -> {
      if (!cancelled) {
        recoveries++;
        events.warning(w);
      }
    });
    manifest.setClock(epoch);
    manifest.onLevelSwitched(i -> {
      if (!cancelled) {
        events.levelSwitched(i);
      }
    });
    this.queues = new SampleQueues(output, SampleQueues.DEFAULT_MAX_BYTES,
        SampleQueues.DEFAULT_MAX_DURATION_US, this::queued);
    this.timeline = new Timeline(queues);
    ExtractorOutput watched = new ForwardingExtractorOutput(timeline.input()) {
      @Override
      public TrackOutput track(int id, TrackType type) {
        if (!anchored && manifest.seekMap() != null) {
          anchored = true;
          timeline.anchor(manifest.startUs()); // the playlist's clock, from the segment it starts at
          seekMap(manifest.seekMap()); // known before the container says anything
        }
        return downstream.track(id, type);
      }

      @Override
      public void seekMap(SeekMap map) {
        if (manifest.seekMap() != null) {
          if (seekMap != null) {
            return; // the playlist's index stands: the container's own map knows less
          }
          map = manifest.seekMap();
        }
        seekMap = map;
        super.seekMap(map);
        events.seekMapKnown(map);
      }
    };
    this.firstSample = new FirstSampleWatch(watched, epoch);
    this.loader = new ExtractionLoader(manifest, url, firstSample, () -> manifest.seekMap() != null,
        new ExtractionLoader.Callback() {
      @Override
      public void onEnd() {
        if (!cancelled) {
          timeline.endOfInput(); // samples held while the stream's start was looked for go on
          endPending = true;
          endIfDrained();
        }
      }

      @Override
      public void onError(PlayerException error) {
        if (!cancelled) {
          events.failed(error);
        }
      }

      @Override
      public void onRetry(PlayerException error) {
        if (!cancelled) {
          recoveries++;
          events.retrying(error);
        }
      }

      @Override
      public boolean onTruncated(PlayerException error) {
        if (cancelled || !firstSample.anySample()) {
          return false; // nothing to play: the cut is the error
        }
        recoveries++;
        events.warning(error.asRecoverable());
        return true;
      }
    });
  }

  public void start() {
    loader.start();
  }

  /** Stops loading for good. */
  public void cancel() {
    cancelled = true;
    manifest.close();
    loader.cancel();
    queues.clear();
  }

  /**
   * Back-pressure from the output: {@code true} when it has enough (samples wait in the queues,
   * and the extraction, with the reading where it can, pauses once they are full); {@code false}
   * when it takes samples again (what waits drains into it first).
   */
  public void hold(boolean hold) {
    queues.hold(hold);
    loader.hold(queues.full());
    endIfDrained();
  }

  /** A sample was queued: the extraction stops once the queues are full. */
  private void queued() {
    if (queues.full()) {
      loader.hold(true);
    }
  }

  private void endIfDrained() {
    if (endPending && queues.isEmpty() && !cancelled) {
      endPending = false;
      events.inputEnded();
    }
  }

  /** Whether the extraction is paused for back-pressure (the queues are full). */
  public boolean isHeld() {
    return loader.isHeld();
  }

  /**
   * Whether loading is paused because enough is ahead: the output holds (samples wait in the
   * queues) or the queues are full. (The end of a short stream may be read before they fill.)
   */
  public boolean isHolding() {
    return queues.isHeld() || loader.isHeld();
  }

  /**
   * The input was read to its end and the output has been given everything, or the load failed
   * or was cancelled.
   */
  public boolean isDone() {
    return loader.isDone() && !endPending;
  }

  /** The sample queues (their fill, for stats). */
  public SampleQueues queues() {
    return queues;
  }

  /** Whether a seek can be carried out now: a seekable map, and a load neither failed nor cancelled. */
  public boolean canSeek() {
    return seekMap != null && seekMap.isSeekable() && loader.canSeek();
  }

  /**
   * Moves the extraction to the seek point at or before media time {@code targetUs}; the output
   * must have dropped what it queued. False (nothing moved) when {@link #canSeek} is false.
   */
  public boolean seekTo(long targetUs) {
    if (!canSeek()) {
      return false;
    }
    timeline.seeked();
    queues.clear();
    endPending = false;
    firstSample.rearm();
    // Moved first, then released: releasing a held extraction first would run it on over the
    // bytes it holds from the old position.
    boolean moved = loader.seekTo(timeline.seekPoint(seekMap, targetUs));
    loader.hold(false);
    return moved;
  }

  /** The seek map, or null until the container gave one. */
  public SeekMap seekMap() {
    return seekMap;
  }

  /** The duration the container states or estimates (media time), or {@link C#TIME_UNSET}. */
  public long durationUs() {
    long d = seekMap == null ? C.TIME_UNSET : seekMap.getDurationUs();
    return d <= 0 ? C.TIME_UNSET : d;
  }

  /** When the first video sample since the start or the last seek came out of the extractor, or unset. */
  public long firstSampleAtUs() {
    return firstSample.arrivedAtUs();
  }

  /** Faults the pipeline played past: connections resumed, an input cut short. */
  public int recoveries() {
    return recoveries;
  }

  /**
   * Writes what the pipeline repaired or dropped of damaged input: the container's damaged units
   * and resynchronisations, timestamps repaired, samples dropped for their time, discontinuities
   * (zeros when {@code pipeline} is null: nothing loaded yet).
   */
  public static Json.ObjectWriter writeDamage(Pipeline pipeline, Json.ObjectWriter w) {
    Extractor e = pipeline == null ? null : pipeline.loader.extractor();
    TimelineSanitizer s = pipeline == null ? null : pipeline.timeline.sanitizer();
    return w.put(StatsField.CORRUPTED_PACKETS.key, e == null ? 0 : e.damagedUnits())
        .put(StatsField.RESYNCS.key, e == null ? 0 : e.resyncs())
        .put(StatsField.REPAIRED_TIMESTAMPS.key, s == null ? 0 : s.repairs())
        .put(StatsField.DROPPED_SAMPLES.key, s == null ? 0 : s.dropped())
        .put(StatsField.DISCONTINUITIES.key, s == null ? 0 : s.discontinuities());
  }

  /**
   * Writes what the stream is (live or not) and, live, its latency at media time {@code
   * positionUs} against the wall clock {@code nowEpochMs}, and its reloads.
   */
  public static Json.ObjectWriter writeLive(Pipeline pipeline, long positionUs, long nowEpochMs, Json.ObjectWriter w) {
    long latency = pipeline == null ? C.TIME_UNSET : pipeline.latencyUs(positionUs, nowEpochMs);
    return w.put(StatsField.LIVE.key, pipeline != null && pipeline.manifest.isLive())
        .put(StatsField.LATENCY.key, latency == C.TIME_UNSET ? Double.NaN : latency / 1e6)
        .put(StatsField.PLAYLIST_RELOADS.key, pipeline == null ? 0 : pipeline.manifest.reloads())
        .put(StatsField.BANDWIDTH_ESTIMATE.key, pipeline == null ? 0 : Math.round(pipeline.throughputBps()))
        .put(StatsField.AUTO_LEVEL.key, pipeline != null && pipeline.autoLevel());
  }

  /**
   * A live stream's latency at media time {@code positionUs} (µs from the capture of that media,
   * by its program date time, to {@code nowEpochMs}), or {@link C#TIME_UNSET}: not live, or no
   * program date times.
   */
  public long latencyUs(long positionUs, long nowEpochMs) {
    long captured = manifest.isLive() ? manifest.programDateTimeMs(positionUs) : Long.MIN_VALUE;
    return captured == Long.MIN_VALUE ? C.TIME_UNSET : (nowEpochMs - captured) * 1000;
  }

  /** The variants of a multivariant playlist (empty otherwise). */
  public java.util.List<dev.oolong.manifest.Presentation.Variant> levels() {
    return manifest.levels();
  }

  /**
   * Writes the {@code levels} event's fields: {@code "level"} (the one playing) and {@code
   * "levels"}, {@code [{"bitrate","averageBitrate","width","height","frameRate","codecs"}...]}.
   */
  public Json.ObjectWriter writeLevels(Json.ObjectWriter w) {
    Json.ArrayWriter all = Json.array();
    for (dev.oolong.manifest.Presentation.Variant v : manifest.levels()) {
      all.addRaw(Json.object().put("bitrate", v.bandwidth()).put("averageBitrate", v.averageBandwidth())
          .put("width", v.width()).put("height", v.height()).put("frameRate", v.frameRate())
          .put("codecs", v.codecs()).toString());
    }
    return w.put("level", manifest.level()).put("auto", manifest.autoLevel()).putRaw("levels", all.toString());
  }

  /** The variant playing (an index in {@link #levels}). */
  public int level() {
    return manifest.level();
  }

  /**
   * Goes on with variant {@code index} from the next segment ({@link ManifestSource#selectLevel});
   * {@link Events#levelSwitched} says when it does. False when there is nothing to switch.
   */
  public boolean selectLevel(int index) {
    return manifest.selectLevel(index);
  }

  /** Whether the level is chosen automatically (ABR over a multivariant playlist). */
  public boolean autoLevel() {
    return manifest.autoLevel();
  }

  /** The output's media ahead of its playhead (µs): what the ABR weighs. */
  public void setBufferAheadUs(long us) {
    manifest.setBufferAheadUs(us);
  }

  /** The ABR's throughput estimate (bits per second). */
  public double throughputBps() {
    return manifest.throughputBps();
  }

  /** The latency a live stream should be played at (its hold-back), or {@link C#TIME_UNSET}. */
  public long targetLatencyUs() {
    return manifest.isLive() ? dev.oolong.manifest.LiveEdge.holdBackUs(manifest.segments().list()) : C.TIME_UNSET;
  }

  /** The timeline stage (its counts, its origin). */
  public Timeline timeline() {
    return timeline;
  }
}
