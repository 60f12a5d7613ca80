package dev.oolong.decoder;

import dev.oolong.extractor.CryptoData;
import dev.oolong.extractor.ExtractorOutput;
import dev.oolong.extractor.SampleBytes;
import dev.oolong.extractor.SeekMap;
import dev.oolong.extractor.TrackOutput;
import dev.oolong.media.Format;
import dev.oolong.media.PsshBox;
import dev.oolong.media.TrackType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Collects the first video track's format and whole samples ({@link EncodedChunk}s, in decode
 * order) from an extractor, up to a bound: what a decoder is fed from.
 */
public final class ChunkCollector implements ExtractorOutput {
  private final int maxChunks;
  private final List<EncodedChunk> chunks = new ArrayList<>();
  private Format format;
  private int videoTrack = -1;

  /** @param maxChunks the most chunks kept (later ones are ignored) */
  public ChunkCollector(int maxChunks) {
    this.maxChunks = maxChunks;
  }

  /** The video track's format, or null when none was found. */
  public Format format() {
    return format;
  }

  public List<EncodedChunk> chunks() {
    return chunks;
  }

  /** Whether the bound is reached (the extraction may stop). */
  public boolean full() {
    return chunks.size() >= maxChunks;
  }

  @Override
  public TrackOutput track(int id, TrackType type) {
    if (type != TrackType.VIDEO || videoTrack >= 0 && videoTrack != id) {
      return IGNORED;
    }
    videoTrack = id;
    return new TrackOutput() {
      private final SampleBytes pending = new SampleBytes(64 * 1024);

      @Override
      public void format(Format f) {
        if (format == null) {
          format = f;
        }
      }

      @Override
      public void sampleData(byte[] data, int offset, int length) {
        pending.append(data, offset, length);
      }

      @Override
      public void sampleMetadata(long ptsUs, long dtsUs, int flags, int sampleSize, CryptoData crypto) {
        int start = pending.size() - sampleSize;
        if (!full() && start >= 0) {
          chunks.add(new EncodedChunk(Arrays.copyOfRange(pending.array(), start, pending.size()),
              ptsUs, dtsUs, (flags & FLAG_KEY_FRAME) != 0));
        }
        pending.clear();
      }
    };
  }

  private static final TrackOutput IGNORED = new TrackOutput() {
    @Override
    public void format(Format f) {}

    @Override
    public void sampleData(byte[] data, int offset, int length) {}

    @Override
    public void sampleMetadata(long ptsUs, long dtsUs, int flags, int size, CryptoData crypto) {}
  };

  @Override
  public void endTracks() {}

  @Override
  public void seekMap(SeekMap seekMap) {}

  @Override
  public void drmInitData(List<PsshBox> boxes) {}
}
