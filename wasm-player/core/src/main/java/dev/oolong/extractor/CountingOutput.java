package dev.oolong.extractor;

import dev.oolong.media.Format;
import dev.oolong.media.TrackType;

/** An {@link ExtractorOutput} that only counts packets and bytes (for throughput measurements). */
public final class CountingOutput implements ExtractorOutput, TrackOutput {
  public long packets;
  public long bytes;
  public int tracks;

  @Override
  public TrackOutput track(int id, TrackType type) {
    tracks++;
    return this;
  }

  @Override
  public void endTracks() {}

  @Override
  public void seekMap(SeekMap seekMap) {}

  @Override
  public void format(Format format) {}

  @Override
  public void sampleData(byte[] data, int offset, int length) {
    bytes += length;
  }

  @Override
  public void sampleMetadata(long ptsUs, long dtsUs, int flags, int size, CryptoData crypto) {
    packets++;
  }
}
