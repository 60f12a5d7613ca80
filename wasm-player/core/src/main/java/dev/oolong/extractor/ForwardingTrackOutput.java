package dev.oolong.extractor;

import dev.oolong.media.Format;

/**
 * A {@link TrackOutput} that passes everything on to another: stages between an extractor and
 * its consumer (re-timing, routing, watching for a key frame) override only what they change.
 */
public abstract class ForwardingTrackOutput implements TrackOutput {
  /** Where everything goes (a stage may re-point it before the first sample). */
  protected TrackOutput out;

  protected ForwardingTrackOutput(TrackOutput out) {
    this.out = out;
  }

  @Override
  public void format(Format format) {
    out.format(format);
  }

  @Override
  public void sampleData(byte[] data, int offset, int length) {
    out.sampleData(data, offset, length);
  }

  @Override
  public void sampleMetadata(long ptsUs, long dtsUs, int flags, int size, CryptoData crypto) {
    out.sampleMetadata(ptsUs, dtsUs, flags, size, crypto);
  }
}
