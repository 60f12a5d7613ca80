package dev.oolong.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Frame pacing seen from the page, on the page's wall clock ({@code performance.now()}): the one
 * sampler for tests and benchmarks, whatever draws the picture. On a {@code <video>} it reads the
 * frame-index barcode in {@code requestVideoFrameCallback} (once per frame the element presents);
 * on a {@code <canvas>} (the canvas path's, drawn from the engine worker) it reads it back on every
 * {@code requestAnimationFrame}. From the samples: frames shown, frames skipped (an index jumped
 * over), frames held past their time (repeated), time stalled, frames presented per wall second.
 * Nothing here asks the engine: a player whose clock stops while it waits shows up as stalls.
 */
final class FramePacing {
  /**
   * Page script prefix defining {@code startPacing(element, videoWidth)} (starts sampling; the
   * samples go to {@code window.pacing}: {@code [performance.now(), index]}, index -1 where no
   * barcode could be read) and {@code stopPacing()}.
   */
  static final String JS = """
      const readBarcode = %s;
      const startPacing = (el, videoWidth) => {
        window.pacing = [];
        window.pacingOn = true;
        const sample = (now) => window.pacing.push([now, readBarcode([el, videoWidth])]);
        if (el instanceof HTMLVideoElement) {
          const onFrame = (now, meta) => {
            if (!window.pacingOn) return;
            sample(performance.now());
            el.requestVideoFrameCallback(onFrame);
          };
          el.requestVideoFrameCallback(onFrame);
        } else {
          const onRefresh = () => {
            if (!window.pacingOn) return;
            sample(performance.now());
            requestAnimationFrame(onRefresh);
          };
          requestAnimationFrame(onRefresh);
        }
      };
      const stopPacing = () => { window.pacingOn = false; return window.pacing; };
      """.formatted(Barcode.READ_SCALED_JS);

  /**
   * What the page saw: {@code shown} distinct frames, {@code skipped} frame indices jumped over,
   * {@code backwards} times an index went down, {@code repeated} frames held past 1.5 frame times,
   * {@code stallMs} the time frames were held past two frame times, {@code longestHoldMs}, {@code
   * unreadable} samples without a barcode, over {@code seconds} of wall time (first to last new
   * frame).
   */
  record Result(int samples, int shown, int skipped, int backwards, int repeated, double stallMs,
      double longestHoldMs, int unreadable, double seconds, int firstIndex, int lastIndex) {
    /** Frames presented per wall-clock second. */
    double presentedPerSecond() {
      return seconds <= 0 ? Double.NaN : (shown - 1) / seconds;
    }

    @Override
    public String toString() {
      return String.format(Locale.ROOT,
          "%d frames shown (%d..%d) in %.2f s (%.1f/s), %d skipped, %d backwards, %d held past 1.5 frames, "
              + "stalled %.0f ms (longest hold %.0f ms), %d of %d samples unreadable",
          shown, firstIndex, lastIndex, seconds, presentedPerSecond(), skipped, backwards, repeated, stallMs,
          longestHoldMs, unreadable, samples);
    }
  }

  private FramePacing() {}

  /** Analyses samples {@code [[ms, index], ...]} of a video at {@code fps}. */
  static Result analyse(JsonNode samples, double fps) {
    List<double[]> changes = new ArrayList<>(); // [ms, index] where a new frame appeared
    int unreadable = 0;
    int skipped = 0;
    int backwards = 0;
    for (JsonNode s : samples) {
      int index = s.get(1).asInt();
      if (index < 0) {
        unreadable++;
        continue;
      }
      double ms = s.get(0).asDouble();
      if (!changes.isEmpty()) {
        int last = (int) changes.get(changes.size() - 1)[1];
        if (index == last) {
          continue;
        }
        if (index < last) {
          backwards++;
        } else {
          skipped += index - last - 1;
        }
      }
      changes.add(new double[] {ms, index});
    }
    double frameMs = 1000 / fps;
    int repeated = 0;
    double stall = 0;
    double longest = 0;
    for (int i = 1; i < changes.size(); i++) {
      double hold = changes.get(i)[0] - changes.get(i - 1)[0];
      longest = Math.max(longest, hold);
      if (hold > 1.5 * frameMs) {
        repeated++;
      }
      if (hold > 2 * frameMs) {
        stall += hold - frameMs;
      }
    }
    double seconds = changes.size() < 2 ? 0 : (changes.get(changes.size() - 1)[0] - changes.get(0)[0]) / 1000;
    return new Result(samples.size(), changes.size(), skipped, backwards, repeated, stall, longest, unreadable,
        seconds, changes.isEmpty() ? -1 : (int) changes.get(0)[1],
        changes.isEmpty() ? -1 : (int) changes.get(changes.size() - 1)[1]);
  }
}
