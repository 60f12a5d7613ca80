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
 * Collects the first video (or audio) track's format and whole samples ({@link EncodedChunk}s,
 * in decode order) from an extractor, up to a bound: what a decoder is fed from.
 */
public final class ChunkCollector implements ExtractorOutput {
  private final int maxChunks;
  private final TrackType type;
  private final List<EncodedChunk> chunks = new ArrayList<>();
  private Format format;
  private int track = -1;

  /** The first video track's, up to {@code maxChunks} (later ones are ignored). */
  public ChunkCollector(int maxChunks) {
    this(maxChunks, TrackType.VIDEO);
  }

  /** The first track of {@code type}'s, up to {@code maxChunks}. */
  public ChunkCollector(int maxChunks, TrackType type) {
    this(maxChunks, type, null);
  }

  /**
   * The first track of {@code type}'s, each chunk handed to {@code sink} as it comes (none kept)
   * when there is one; the format is known before the first chunk.
   */
  public ChunkCollector(int maxChunks, TrackType type, java.util.function.Consumer<EncodedChunk> sink) {
    this.maxChunks = maxChunks;
    this.type = type;
    this.sink = sink;
  }

  private final java.util.function.Consumer<EncodedChunk> sink;
  private int taken;

  /** The track's format, or null when none was found. */
  public Format format() {
    return format;
  }

  public List<EncodedChunk> chunks() {
    return chunks;
  }

  /** Whether the bound is reached (the extraction may stop). */
  public boolean full() {
    return taken >= maxChunks;
  }

  @Override
  public TrackOutput track(int id, TrackType type) {
    if (type != this.type || track >= 0 && track != id) {
      return IGNORED;
    }
    track = id;
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
          EncodedChunk c = new EncodedChunk(Arrays.copyOfRange(pending.array(), start, pending.size()),
              ptsUs, dtsUs, (flags & FLAG_KEY_FRAME) != 0);
          taken++;
          if (sink != null) {
            sink.accept(c);
          } else {
            chunks.add(c);
          }
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
