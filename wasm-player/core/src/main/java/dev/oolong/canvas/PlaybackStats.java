package dev.oolong.canvas;

import static dev.oolong.player.StatsField.AV_OFFSET_MS;
import static dev.oolong.player.StatsField.AV_OFFSET_P95_MS;
import static dev.oolong.player.StatsField.AV_SAMPLES;
import static dev.oolong.player.StatsField.DECODED_FRAMES;
import static dev.oolong.player.StatsField.DECODE_MS_PER_FRAME;
import static dev.oolong.player.StatsField.GLASS_FIRST_MS;
import static dev.oolong.player.StatsField.GLASS_MEDIAN_MS;
import static dev.oolong.player.StatsField.GLASS_SAMPLES;

import dev.oolong.util.Clock;
import dev.oolong.util.Json;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The canvas session's measurements of its video: decode time per frame (a chunk's submission to
 * its frame coming out), the A/V offset of each frame shown on the audio clock, and the
 * glass-to-glass delay (a sample's arrival in the engine, as the extractor put it out, to its
 * frame drawn). Times come from the platform's wall clock; the per-sample tables are bounded.
 */
final class PlaybackStats {
  /** A/V offsets and glass-to-glass delays remembered (the last ones). */
  static final int KEPT = 512;
  /** Samples in flight remembered for the decode and glass-to-glass times. */
  static final int IN_FLIGHT = 64;

  private final Clock clock;
  private final Map<Long, Long> arrived = new HashMap<>();
  private final Map<Long, Long> submitted = new HashMap<>();
  private long decoded;
  private double decodeUsTotal;
  private final double[] offsets = new double[KEPT];
  private int offsetCount;
  private final double[] glass = new double[KEPT];
  private int glassCount;
  private double firstGlassMs = Double.NaN;

  PlaybackStats(Clock clock) {
    this.clock = clock;
  }

  /** A video sample came out of the extractor. */
  void arrived(long ptsUs) {
    if (arrived.size() < IN_FLIGHT * 4) {
      arrived.put(ptsUs, clock.nowUs());
    }
  }

  /** A video sample went into the decoder. */
  void submitted(long ptsUs) {
    if (submitted.size() < IN_FLIGHT) {
      submitted.put(ptsUs, clock.nowUs());
    }
  }

  /** A frame came out of the decoder. */
  void decoded(long ptsUs) {
    decoded++;
    Long at = submitted.remove(ptsUs);
    if (at != null) {
      decodeUsTotal += clock.nowUs() - at;
    }
  }

  /** The decoders were reset (a seek): what was in flight will not come out. */
  void reset() {
    submitted.clear();
    arrived.clear();
  }

  /** A frame was drawn; {@code offsetUs} is its A/V offset when the audio is the clock, else null. */
  void shown(long ptsUs, Long offsetUs) {
    if (offsetUs != null) {
      offsets[offsetCount++ % KEPT] = offsetUs / 1000.0;
    }
    Long at = arrived.remove(ptsUs);
    if (at != null) {
      double ms = (clock.nowUs() - at) / 1000.0;
      if (Double.isNaN(firstGlassMs)) {
        firstGlassMs = ms;
      }
      glass[glassCount++ % KEPT] = ms;
    }
    // Samples older than the frame drawn will not be drawn (dropped or discarded).
    arrived.keySet().removeIf(pts -> pts < ptsUs);
  }

  /** The figures as JSON fields. */
  Json.ObjectWriter write(Json.ObjectWriter json) {
    int n = Math.min(offsetCount, KEPT);
    double[] abs = new double[n];
    double sum = 0;
    for (int i = 0; i < n; i++) {
      sum += offsets[i];
      abs[i] = Math.abs(offsets[i]);
    }
    double[] glassKept = Arrays.copyOf(glass, Math.min(glassCount, KEPT));
    return json.put(DECODED_FRAMES.key, decoded)
        .put(DECODE_MS_PER_FRAME.key, decoded == 0 ? 0 : decodeUsTotal / decoded / 1000)
        .put(AV_OFFSET_MS.key, n == 0 ? Double.NaN : sum / n)
        .put(AV_OFFSET_P95_MS.key, percentile(abs, 0.95))
        .put(AV_SAMPLES.key, n)
        .put(GLASS_FIRST_MS.key, firstGlassMs)
        .put(GLASS_MEDIAN_MS.key, percentile(glassKept, 0.5))
        .put(GLASS_SAMPLES.key, glassKept.length);
  }

  /** The {@code p} quantile (nearest rank) of {@code values}, sorted here; NaN when there are none. */
  static double percentile(double[] values, double p) {
    int n = values.length;
    if (n == 0) {
      return Double.NaN;
    }
    Arrays.sort(values);
    return values[Math.max(0, Math.min(n - 1, (int) Math.ceil(n * p) - 1))];
  }

  /** {@code d}, noting when each chunk goes in (the decode time per frame is measured from it). */
  dev.oolong.decoder.DecoderPort timed(MediaDecoder d) {
    return new dev.oolong.decoder.DecoderPort() {
      @Override
      public int queueSize() {
        return d.queueSize();
      }

      @Override
      public void decode(dev.oolong.decoder.EncodedChunk chunk) {
        submitted(chunk.ptsUs());
        d.decode(chunk);
      }

      @Override
      public void reset() {
        PlaybackStats.this.reset();
        d.reset();
      }
    };
  }
}
