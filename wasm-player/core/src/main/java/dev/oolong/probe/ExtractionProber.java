package dev.oolong.probe;

import dev.oolong.C;
import dev.oolong.ErrorCode;
import dev.oolong.PlayerException;
import dev.oolong.extractor.CryptoData;
import dev.oolong.extractor.ExtractionLoader;
import dev.oolong.extractor.ExtractorOutput;
import dev.oolong.extractor.Extractors;
import dev.oolong.extractor.SeekMap;
import dev.oolong.extractor.TrackOutput;
import dev.oolong.media.Format;
import dev.oolong.media.MediaInfo;
import dev.oolong.media.TrackInfo;
import dev.oolong.media.TrackType;
import dev.oolong.upstream.DataSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Probes containers without a header index (MPEG-TS, FLV, Matroska, Ogg, elementary audio) by
 * extracting them: formats from the extractor, sample counts from the packets, and durations
 * estimated from the first and last timestamps plus one packet interval. Bounded by {@link
 * #MAX_BYTES}: larger inputs are refused with {@code CONTAINER_TOO_LARGE} rather than downloaded.
 */
final class ExtractionProber {
  static final long MAX_BYTES = 64L * 1024 * 1024;

  private ExtractionProber() {}

  static void probe(DataSource source, String uri, String container, long totalLength,
      Prober.Callback callback) {
    if (totalLength == C.LENGTH_UNSET || totalLength > MAX_BYTES) {
      callback.onError(PlayerException.critical(ErrorCode.CONTAINER_TOO_LARGE,
          "Probing " + (Extractors.UNDECIDED.equals(container) ? "this input" : container)
              + " reads the whole input; this one is "
              + (totalLength == C.LENGTH_UNSET ? "of unknown size" : totalLength + " bytes"),
          "offset", 0, "size", totalLength, "limit", MAX_BYTES));
      return;
    }
    Collector collector = new Collector();
    ExtractionLoader[] loader = new ExtractionLoader[1];
    loader[0] = new ExtractionLoader(source, uri, collector, new ExtractionLoader.Callback() {
      @Override
      public void onEnd() {
        callback.onResult(collector.info(loader[0].extractor().containerName(), totalLength));
      }

      @Override
      public void onError(PlayerException error) {
        callback.onError(error);
      }
    });
    loader[0].start();
  }

  /** Formats, packet counts and timestamp ranges per track. */
  private static final class Collector implements ExtractorOutput {
    private final Map<Integer, Track> tracks = new LinkedHashMap<>();

    private static final class Track implements TrackOutput {
      final int id;
      final TrackType type;
      Format format;
      long count;
      long minPts = Long.MAX_VALUE;
      long maxPts = Long.MIN_VALUE;

      Track(int id, TrackType type) {
        this.id = id;
        this.type = type;
      }

      @Override
      public void format(Format f) {
        format = f;
      }

      @Override
      public void sampleData(byte[] data, int offset, int length) {}

      @Override
      public void sampleMetadata(long ptsUs, long dtsUs, int flags, int size, CryptoData crypto) {
        count++;
        if (ptsUs != C.TIME_UNSET) {
          minPts = Math.min(minPts, ptsUs);
          maxPts = Math.max(maxPts, ptsUs);
        }
      }

      long durationUs() {
        if (count < 2 || maxPts < minPts) {
          return C.TIME_UNSET;
        }
        long span = maxPts - minPts;
        return span + span / (count - 1);
      }
    }

    @Override
    public TrackOutput track(int id, TrackType type) {
      return tracks.computeIfAbsent(id, k -> new Track(id, type));
    }

    @Override
    public void endTracks() {}

    @Override
    public void seekMap(SeekMap seekMap) {}

    MediaInfo info(String container, long size) {
      List<TrackInfo> out = new ArrayList<>();
      long longest = C.TIME_UNSET;
      for (Track t : tracks.values()) {
        Format f = t.format;
        long d = t.durationUs();
        longest = d == C.TIME_UNSET ? longest : Math.max(longest, d);
        out.add(new TrackInfo(t.id, t.type, f == null ? "unknown" : f.codec(),
            f == null ? null : f.codecString(), d, t.count, f == null ? 0 : f.width(),
            f == null ? 0 : f.height(), f == null ? 0 : f.sampleRate(), f == null ? 0 : f.channels(),
            f == null ? null : f.language(), f != null && f.encrypted()));
      }
      return new MediaInfo(container, false, longest, size, out);
    }
  }
}
