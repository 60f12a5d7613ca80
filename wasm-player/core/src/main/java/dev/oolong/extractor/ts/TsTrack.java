package dev.oolong.extractor.ts;

import dev.oolong.C;
import dev.oolong.extractor.TrackOutput;
import dev.oolong.media.Format;
import dev.oolong.media.Times;

/** One TS track: its output, whether its format is out yet, and 90 kHz → µs conversion. */
final class TsTrack {
  final TrackOutput output;
  final int pid;
  boolean formatSent;

  TsTrack(TrackOutput output, int pid) {
    this.output = output;
    this.pid = pid;
  }

  void format(Format f) {
    output.format(f);
    formatSent = true;
  }

  /** Commits a sample whose bytes were just written; times in 90 kHz ticks, -1 when unknown. */
  void sample(long pts, long dts, int flags, int size) {
    long ptsUs = pts < 0 ? C.TIME_UNSET : Times.ticksToUs(pts, 90_000);
    long dtsUs = dts < 0 ? ptsUs : Times.ticksToUs(dts, 90_000);
    output.sampleMetadata(ptsUs, dtsUs, flags, size, null);
  }
}
