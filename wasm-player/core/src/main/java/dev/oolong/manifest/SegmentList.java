package dev.oolong.manifest;

import dev.oolong.C;
import java.util.List;

/**
 * The segments of one variant or rendition as its manifest lists them now (an HLS media
 * playlist; a DASH representation's segment list maps onto it): numbered, timed, with the
 * discontinuities (a new encode, a new period), the keys and initialisation sections they need,
 * and for live streams what the server says about reloading and latency.
 *
 * @param url where it was loaded from (the base of relative URLs)
 * @param targetDurationUs the longest segment duration the server promises
 * @param mediaSequence the number of the first segment listed
 * @param discontinuitySequence the discontinuity number of the first segment listed
 * @param ended no segment will be added ({@code EXT-X-ENDLIST})
 * @param type VOD, EVENT (segments are only added) or LIVE (a sliding window)
 * @param startOffsetUs where playback should start (negative: from the end), or {@code
 *     C.TIME_UNSET}
 * @param partTargetUs the longest part duration (LL-HLS {@code EXT-X-PART-INF}), or {@code
 *     C.TIME_UNSET}
 * @param serverControl what the server supports for reloading and where the live edge is
 * @param segments the complete segments, in order, each numbered from {@code mediaSequence}
 * @param trailingParts the parts of the segment being produced after the last complete one
 * @param preloadHint the resource the server will produce next (LL-HLS), or null
 * @param renditionReports the last segment and part of the other renditions (LL-HLS)
 * @param skippedSegments segments left out of a delta update ({@code EXT-X-SKIP}), to be taken
 *     from the previous version of the list; 0 once merged
 */
public record SegmentList(String url, long targetDurationUs, long mediaSequence,
    long discontinuitySequence, boolean ended, Type type, long startOffsetUs, long partTargetUs,
    ServerControl serverControl, List<Segment> segments, List<Part> trailingParts,
    PreloadHint preloadHint, List<RenditionReport> renditionReports, int skippedSegments) {

  public SegmentList {
    segments = List.copyOf(segments);
    trailingParts = List.copyOf(trailingParts);
    renditionReports = List.copyOf(renditionReports);
  }

  /** How the list changes over time. */
  public enum Type { VOD, EVENT, LIVE }

  /** The sum of the segments' durations (µs). */
  public long durationUs() {
    long d = 0;
    for (Segment s : segments) {
      d += s.durationUs();
    }
    return d;
  }

  /** The number the next segment will have. */
  public long nextSequence() {
    return mediaSequence + skippedSegments + segments.size();
  }

  /** Whether this is a low-latency list (it announces parts). */
  public boolean lowLatency() {
    return partTargetUs != C.TIME_UNSET;
  }

  /**
   * One segment.
   *
   * @param sequence its media sequence number
   * @param url its resource
   * @param durationUs its duration as listed
   * @param range the bytes of {@code url} it is, or null for the whole resource
   * @param discontinuity a discontinuity precedes it (another encode, another timeline)
   * @param discontinuitySequence its discontinuity number
   * @param programDateTimeMs the wall-clock time of its first sample (ms since the epoch), or
   *     {@code Long.MIN_VALUE} when not known
   * @param key how it is encrypted (never null: method NONE when clear)
   * @param init the initialisation section it needs (fMP4 {@code EXT-X-MAP}), or null
   * @param gap it is missing on purpose ({@code EXT-X-GAP}): not to be loaded
   * @param parts its parts (LL-HLS), empty when not listed
   */
  public record Segment(long sequence, String url, long durationUs, ByteRange range,
      boolean discontinuity, long discontinuitySequence, long programDateTimeMs, Key key, Init init,
      boolean gap, List<Part> parts) {
    public Segment {
      parts = List.copyOf(parts);
    }
  }

  /**
   * A part of a segment (LL-HLS), loadable before the segment is complete.
   *
   * @param url its resource
   * @param durationUs its duration
   * @param independent it starts with a key frame
   * @param range the bytes of {@code url} it is, or null for the whole resource
   * @param gap it is missing on purpose
   */
  public record Part(String url, long durationUs, boolean independent, ByteRange range, boolean gap) {}

  /** Bytes {@code [offset, offset + length)} of a resource. */
  public record ByteRange(long offset, long length) {}

  /** How segments are encrypted. */
  public enum KeyMethod { NONE, AES_128, SAMPLE_AES, SAMPLE_AES_CTR }

  /**
   * A segment's key.
   *
   * @param method the encryption method
   * @param url where the key is, or null (method NONE)
   * @param iv the 16-byte initialisation vector, or null: the segment's sequence number
   * @param keyFormat the key format ({@code identity} for a plain key)
   */
  public record Key(KeyMethod method, String url, byte[] iv, String keyFormat) {
    /** No encryption. */
    public static final Key NONE = new Key(KeyMethod.NONE, null, null, "identity");
  }

  /** An initialisation section: a resource or a range of one. */
  public record Init(String url, ByteRange range) {}

  /**
   * What a live list's server supports.
   *
   * @param canBlockReload it holds a reload until a given segment or part exists
   * @param holdBackUs how far from the end playback should stay, or {@code C.TIME_UNSET}
   * @param partHoldBackUs the same with parts (LL-HLS), or {@code C.TIME_UNSET}
   * @param canSkipUntilUs how old segments a delta update may leave out, or {@code C.TIME_UNSET}
   */
  public record ServerControl(boolean canBlockReload, long holdBackUs, long partHoldBackUs,
      long canSkipUntilUs) {
    public static final ServerControl NONE = new ServerControl(false, C.TIME_UNSET, C.TIME_UNSET, C.TIME_UNSET);
  }

  /**
   * The resource the server will produce next, to be requested ahead (LL-HLS).
   *
   * @param part a part (else an initialisation section)
   * @param url its resource
   * @param offset the first byte, 0 when the whole resource
   * @param length the byte count, or -1 up to the end
   */
  public record PreloadHint(boolean part, String url, long offset, long length) {}

  /**
   * The state of another rendition (LL-HLS), so a switch can ask for the right segment at once.
   *
   * @param url its list
   * @param lastSequence its last segment's number, or -1
   * @param lastPart its last part's index in that segment, or -1
   */
  public record RenditionReport(String url, long lastSequence, int lastPart) {}
}
