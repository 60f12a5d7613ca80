package dev.oolong.manifest.hls;

import dev.oolong.C;
import dev.oolong.ErrorCode;
import dev.oolong.PlayerException;
import dev.oolong.manifest.Presentation;
import dev.oolong.manifest.Presentation.Rendition;
import dev.oolong.manifest.Presentation.RenditionType;
import dev.oolong.manifest.Presentation.Variant;
import dev.oolong.manifest.SegmentList;
import dev.oolong.manifest.SegmentList.ByteRange;
import dev.oolong.manifest.SegmentList.Init;
import dev.oolong.manifest.SegmentList.Key;
import dev.oolong.manifest.SegmentList.KeyMethod;
import dev.oolong.manifest.SegmentList.Part;
import dev.oolong.manifest.SegmentList.PreloadHint;
import dev.oolong.manifest.SegmentList.RenditionReport;
import dev.oolong.manifest.SegmentList.Segment;
import dev.oolong.manifest.SegmentList.ServerControl;
import dev.oolong.util.Urls;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses HLS playlists (RFC 8216bis, with LL-HLS) into the format-neutral {@link Presentation}
 * and {@link SegmentList}. Relative URLs are resolved against the playlist's URL.
 *
 * <p>Hostile input ends in a typed {@code MANIFEST} error, bounded in time and memory: the text
 * is limited to {@link #MAX_CHARS}, the lists to {@link #MAX_SEGMENTS} segments, {@link
 * #MAX_PARTS} parts and {@link #MAX_VARIANTS} variants or renditions; durations must be finite,
 * not negative and at most {@link #MAX_DURATION_S}; a URI line needs its {@code EXTINF} or
 * {@code EXT-X-STREAM-INF}. Tags it does not know are ignored, as the RFC asks.
 */
public final class HlsParser {
  /** The longest playlist read (characters): about 100,000 segments of a long VOD. */
  public static final int MAX_CHARS = 16 << 20;
  public static final int MAX_SEGMENTS = 100_000;
  /** Parts listed in one playlist at most (LL-HLS lists the last few segments' parts). */
  public static final int MAX_PARTS = 10_000;
  public static final int MAX_VARIANTS = 1_000;
  /** The longest segment, part or target duration accepted (seconds): a day. */
  public static final double MAX_DURATION_S = 86_400;

  private final String url;
  private int lineNumber;

  private HlsParser(String url) {
    this.url = url;
  }

  /** Whether {@code text} is a multivariant playlist (variants) rather than a media playlist (segments). */
  public static boolean isMultivariant(String text) {
    int stream = text.indexOf("#EXT-X-STREAM-INF");
    int media = text.indexOf("#EXT-X-MEDIA:");
    int segments = Math.max(text.indexOf("#EXTINF"), text.indexOf("#EXT-X-TARGETDURATION"));
    return (stream >= 0 || media >= 0) && segments < 0;
  }

  /** A multivariant playlist. */
  public static Presentation parseMultivariant(String url, String text) throws PlayerException {
    return new HlsParser(url).multivariant(lines(url, text));
  }

  /** A media playlist. */
  public static SegmentList parseMedia(String url, String text) throws PlayerException {
    return new HlsParser(url).media(lines(url, text));
  }

  /** A media playlist loaded directly: a presentation of that one variant. */
  public static Presentation single(String url) {
    return new Presentation(url, List.of(new Variant(url, 0, 0, null, 0, 0, 0, null, null)), List.of(),
        C.TIME_UNSET, false);
  }

  private static String[] lines(String url, String text) throws PlayerException {
    if (text.length() > MAX_CHARS) {
      throw PlayerException.critical(ErrorCode.MANIFEST_TOO_LARGE, "The playlist has " + text.length()
          + " characters, more than " + MAX_CHARS, "url", url, "size", text.length(), "limit", MAX_CHARS);
    }
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    String[] lines = splitLines(text);
    if (lines.length == 0 || !lines[0].trim().equals("#EXTM3U")) {
      throw PlayerException.critical(ErrorCode.MANIFEST_MALFORMED, "Not an HLS playlist: it does not start with #EXTM3U",
          "url", url, "line", 1, "reason", "no #EXTM3U");
    }
    return lines;
  }

  /** Lines ended by LF, CR LF or CR (no regular expressions: they would weigh on the engine). */
  static String[] splitLines(String text) {
    List<String> out = new ArrayList<>();
    int start = 0;
    int n = text.length();
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      if (c == '\n' || c == '\r') {
        out.add(text.substring(start, i));
        if (c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') {
          i++;
        }
        start = i + 1;
      }
    }
    out.add(text.substring(start));
    return out.toArray(new String[0]);
  }

  private PlayerException malformed(String reason) {
    return PlayerException.critical(ErrorCode.MANIFEST_MALFORMED,
        "Malformed playlist (line " + lineNumber + "): " + reason, "url", url, "line", lineNumber, "reason", reason);
  }

  private PlayerException tooLarge(String what, int limit) {
    return PlayerException.critical(ErrorCode.MANIFEST_TOO_LARGE, "The playlist lists more than " + limit + " " + what,
        "url", url, "size", limit + 1, "limit", limit);
  }

  private AttributeList attributes(String line, String tag) throws PlayerException {
    try {
      return AttributeList.parse(value(line, tag));
    } catch (AttributeList.Malformed e) {
      throw malformed(tag + ": " + e.getMessage());
    }
  }

  /** What follows {@code tag:} on the line (empty when the tag stands alone). */
  private static String value(String line, String tag) {
    return line.length() > tag.length() ? line.substring(tag.length() + 1) : "";
  }

  private static boolean isTag(String line, String tag) {
    return line.startsWith(tag) && (line.length() == tag.length() || line.charAt(tag.length()) == ':');
  }

  /** What is done with each line that is not blank (trimmed). */
  private interface LineReader {
    void line(String line) throws PlayerException, AttributeList.Malformed;
  }

  /** Reads every line that is not blank, numbered for the errors it raises. */
  private void readLines(String[] lines, LineReader reader) throws PlayerException {
    try {
      for (lineNumber = 1; lineNumber <= lines.length; lineNumber++) {
        String line = lines[lineNumber - 1].trim();
        if (!line.isEmpty()) {
          reader.line(line);
        }
      }
    } catch (AttributeList.Malformed e) {
      throw malformed(e.getMessage());
    }
  }

  // --- multivariant

  /** The state of a multivariant playlist being read. */
  private static final class Multivariant {
    final List<Variant> variants = new ArrayList<>();
    final List<Rendition> renditions = new ArrayList<>();
    AttributeList pendingVariant;
    long startUs = C.TIME_UNSET;
    boolean independent;
  }

  private Presentation multivariant(String[] lines) throws PlayerException {
    Multivariant m = new Multivariant();
    readLines(lines, line -> {
      if (!line.startsWith("#")) {
        if (m.pendingVariant == null) {
          throw malformed("a URI without #EXT-X-STREAM-INF before it");
        }
        if (m.variants.size() >= MAX_VARIANTS) {
          throw tooLarge("variants", MAX_VARIANTS);
        }
        m.variants.add(variant(m.pendingVariant, Urls.resolve(url, line)));
        m.pendingVariant = null;
      } else if (isTag(line, "#EXT-X-STREAM-INF")) {
        m.pendingVariant = attributes(line, "#EXT-X-STREAM-INF");
      } else if (isTag(line, "#EXT-X-MEDIA")) {
        if (m.renditions.size() >= MAX_VARIANTS) {
          throw tooLarge("renditions", MAX_VARIANTS);
        }
        m.renditions.add(rendition(attributes(line, "#EXT-X-MEDIA")));
      } else if (isTag(line, "#EXT-X-START")) {
        m.startUs = startOffset(attributes(line, "#EXT-X-START"));
      } else if (isTag(line, "#EXT-X-INDEPENDENT-SEGMENTS")) {
        m.independent = true;
      } else if (isTag(line, "#EXTINF") || isTag(line, "#EXT-X-TARGETDURATION")) {
        throw malformed("a media playlist tag in a multivariant playlist");
      }
    });
    if (m.variants.isEmpty()) {
      lineNumber = lines.length;
      throw malformed("no variant stream");
    }
    return new Presentation(url, m.variants, m.renditions, m.startUs, m.independent);
  }

  private Variant variant(AttributeList a, String uri) throws AttributeList.Malformed {
    int[] resolution = a.resolution("RESOLUTION");
    return new Variant(uri, a.integer("BANDWIDTH", 0), a.integer("AVERAGE-BANDWIDTH", 0), a.string("CODECS"),
        resolution == null ? 0 : resolution[0], resolution == null ? 0 : resolution[1],
        Math.min(a.decimal("FRAME-RATE", 0, false), 1000), a.string("AUDIO"), a.string("SUBTITLES"));
  }

  private Rendition rendition(AttributeList a) throws AttributeList.Malformed, PlayerException {
    RenditionType type = switch (a.required("TYPE")) {
      case "AUDIO" -> RenditionType.AUDIO;
      case "VIDEO" -> RenditionType.VIDEO;
      case "SUBTITLES" -> RenditionType.SUBTITLES;
      case "CLOSED-CAPTIONS" -> RenditionType.CLOSED_CAPTIONS;
      default -> throw malformed("EXT-X-MEDIA TYPE=" + a.string("TYPE"));
    };
    String uri = a.string("URI");
    if (type == RenditionType.SUBTITLES && uri == null) {
      throw malformed("EXT-X-MEDIA TYPE=SUBTITLES without a URI");
    }
    return new Rendition(type, a.required("GROUP-ID"), a.required("NAME"), a.string("LANGUAGE"),
        a.yesNo("DEFAULT", false), a.yesNo("AUTOSELECT", false), a.yesNo("FORCED", false),
        uri == null || type == RenditionType.CLOSED_CAPTIONS ? null : Urls.resolve(url, uri), a.string("CHANNELS"));
  }

  private long startOffset(AttributeList a) throws AttributeList.Malformed, PlayerException {
    double offset = a.decimal("TIME-OFFSET", Double.NaN, true);
    if (Double.isNaN(offset) || Math.abs(offset) > MAX_DURATION_S * 365) {
      throw malformed("EXT-X-START without a plausible TIME-OFFSET");
    }
    return Math.round(offset * 1e6);
  }

  // --- media

  /** The state of a media playlist being read. */
  private final class Media {
    long targetUs = C.TIME_UNSET;
    long mediaSequence;
    long discontinuitySequence;
    boolean ended;
    SegmentList.Type type = SegmentList.Type.LIVE;
    long startUs = C.TIME_UNSET;
    long partTargetUs = C.TIME_UNSET;
    ServerControl control = ServerControl.NONE;
    int skipped;
    final List<Segment> segments = new ArrayList<>();
    final List<RenditionReport> reports = new ArrayList<>();
    PreloadHint hint;
    int partCount;
    boolean sequenceFixed;

    // the segment being read
    long durationUs = -1;
    ByteRange range;
    boolean discontinuity;
    boolean gap;
    long programDateTimeMs = Long.MIN_VALUE;
    final List<Part> parts = new ArrayList<>();
    // carried from segment to segment
    Key key = Key.NONE;
    boolean keyFromThisSlot;
    Init init;
    long nextDateTimeMs = Long.MIN_VALUE;
    final RangeChain segmentRanges = new RangeChain("EXT-X-BYTERANGE", "range");
    final RangeChain partRanges = new RangeChain("EXT-X-PART BYTERANGE", "part");
  }

  private SegmentList media(String[] lines) throws PlayerException {
    Media m = new Media();
    readLines(lines, line -> {
      if (!line.startsWith("#")) {
        segment(m, Urls.resolve(url, line));
      } else {
        mediaTag(m, line);
      }
    });
    if (m.targetUs == C.TIME_UNSET) {
      lineNumber = lines.length;
      throw malformed("no #EXT-X-TARGETDURATION");
    }
    if (m.ended && m.type == SegmentList.Type.LIVE) {
      m.type = SegmentList.Type.VOD; // a list that is complete plays like one
    }
    return new SegmentList(url, m.targetUs, m.mediaSequence, m.discontinuitySequence, m.ended, m.type, m.startUs,
        m.partTargetUs, m.control, m.segments, m.parts, m.hint, m.reports, m.skipped);
  }

  private void mediaTag(Media m, String line) throws PlayerException, AttributeList.Malformed {
    if (isTag(line, "#EXTINF")) {
      String v = value(line, "#EXTINF");
      int comma = v.indexOf(',');
      m.durationUs = durationUs(comma < 0 ? v.trim() : v.substring(0, comma).trim(), "EXTINF");
    } else if (isTag(line, "#EXT-X-TARGETDURATION")) {
      m.targetUs = durationUs(value(line, "#EXT-X-TARGETDURATION").trim(), "EXT-X-TARGETDURATION");
    } else if (isTag(line, "#EXT-X-MEDIA-SEQUENCE")) {
      m.mediaSequence = number(line, "#EXT-X-MEDIA-SEQUENCE");
      if (!m.segments.isEmpty()) {
        throw malformed("EXT-X-MEDIA-SEQUENCE after the first segment");
      }
    } else if (isTag(line, "#EXT-X-DISCONTINUITY-SEQUENCE")) {
      m.discontinuitySequence = number(line, "#EXT-X-DISCONTINUITY-SEQUENCE");
      if (!m.segments.isEmpty()) {
        throw malformed("EXT-X-DISCONTINUITY-SEQUENCE after the first segment");
      }
    } else if (isTag(line, "#EXT-X-ENDLIST")) {
      m.ended = true;
    } else if (isTag(line, "#EXT-X-PLAYLIST-TYPE")) {
      String t = value(line, "#EXT-X-PLAYLIST-TYPE").trim();
      m.type = switch (t) {
        case "VOD" -> SegmentList.Type.VOD;
        case "EVENT" -> SegmentList.Type.EVENT;
        default -> throw malformed("EXT-X-PLAYLIST-TYPE " + t);
      };
    } else if (isTag(line, "#EXT-X-DISCONTINUITY")) {
      m.discontinuity = true;
    } else if (isTag(line, "#EXT-X-GAP")) {
      m.gap = true;
    } else if (isTag(line, "#EXT-X-BYTERANGE")) {
      m.range = byteRange(value(line, "#EXT-X-BYTERANGE").trim(), "EXT-X-BYTERANGE");
    } else if (isTag(line, "#EXT-X-PROGRAM-DATE-TIME")) {
      long t = DateTimes.parseMs(value(line, "#EXT-X-PROGRAM-DATE-TIME").trim());
      if (t == Long.MIN_VALUE) {
        throw malformed("EXT-X-PROGRAM-DATE-TIME is not an ISO 8601 date and time");
      }
      m.programDateTimeMs = t;
    } else if (isTag(line, "#EXT-X-KEY")) {
      key(m, attributes(line, "#EXT-X-KEY"));
    } else if (isTag(line, "#EXT-X-MAP")) {
      AttributeList a = attributes(line, "#EXT-X-MAP");
      String r = a.string("BYTERANGE");
      m.init = new Init(Urls.resolve(url, a.required("URI")), r == null ? null : explicitRange(r, "EXT-X-MAP BYTERANGE"));
    } else if (isTag(line, "#EXT-X-START")) {
      m.startUs = startOffset(attributes(line, "#EXT-X-START"));
    } else if (isTag(line, "#EXT-X-PART-INF")) {
      m.partTargetUs = durationUs(attributes(line, "#EXT-X-PART-INF").required("PART-TARGET"), "PART-TARGET");
    } else if (isTag(line, "#EXT-X-SERVER-CONTROL")) {
      AttributeList a = attributes(line, "#EXT-X-SERVER-CONTROL");
      m.control = new ServerControl(a.yesNo("CAN-BLOCK-RELOAD", false), optionalUs(a, "HOLD-BACK"),
          optionalUs(a, "PART-HOLD-BACK"), optionalUs(a, "CAN-SKIP-UNTIL"));
    } else if (isTag(line, "#EXT-X-PART")) {
      part(m, attributes(line, "#EXT-X-PART"));
    } else if (isTag(line, "#EXT-X-PRELOAD-HINT")) {
      AttributeList a = attributes(line, "#EXT-X-PRELOAD-HINT");
      String type = a.required("TYPE");
      if (!type.equals("PART") && !type.equals("MAP")) {
        throw malformed("EXT-X-PRELOAD-HINT TYPE=" + type);
      }
      m.hint = new PreloadHint(type.equals("PART"), Urls.resolve(url, a.required("URI")),
          a.integer("BYTERANGE-START", 0), a.integer("BYTERANGE-LENGTH", -1));
    } else if (isTag(line, "#EXT-X-RENDITION-REPORT")) {
      AttributeList a = attributes(line, "#EXT-X-RENDITION-REPORT");
      if (m.reports.size() >= MAX_VARIANTS) {
        throw tooLarge("rendition reports", MAX_VARIANTS);
      }
      m.reports.add(new RenditionReport(Urls.resolve(url, a.required("URI")), a.integer("LAST-MSN", -1),
          (int) Math.min(a.integer("LAST-PART", -1), Integer.MAX_VALUE)));
    } else if (isTag(line, "#EXT-X-SKIP")) {
      if (!m.segments.isEmpty() || m.skipped > 0) {
        throw malformed("EXT-X-SKIP after the first segment");
      }
      long n = attributes(line, "#EXT-X-SKIP").integer("SKIPPED-SEGMENTS", -1);
      if (n < 0 || n > MAX_SEGMENTS) {
        throw malformed("EXT-X-SKIP without a plausible SKIPPED-SEGMENTS");
      }
      m.skipped = (int) n;
    } else if (isTag(line, "#EXT-X-STREAM-INF") || isTag(line, "#EXT-X-MEDIA")) {
      throw malformed("a multivariant playlist tag in a media playlist");
    }
  }

  private void segment(Media m, String uri) throws PlayerException {
    if (m.durationUs < 0) {
      throw malformed("a URI without #EXTINF before it");
    }
    if (m.segments.size() >= MAX_SEGMENTS) {
      throw tooLarge("segments", MAX_SEGMENTS);
    }
    ByteRange range = m.range == null ? null : m.segmentRanges.next(uri, m.range);
    if (range == null) {
      m.segmentRanges.reset(); // a whole resource between: the next range must give its offset
    }
    long dateTime = m.programDateTimeMs != Long.MIN_VALUE ? m.programDateTimeMs : m.nextDateTimeMs;
    // The first segment listed has the list's discontinuity number (its own tag counted in it
    // already); each later discontinuity adds one
    long discontinuities = m.segments.isEmpty() ? m.discontinuitySequence
        : m.segments.get(m.segments.size() - 1).discontinuitySequence() + (m.discontinuity ? 1 : 0);
    Segment s = new Segment(m.mediaSequence + m.skipped + m.segments.size(), uri, m.durationUs, range,
        m.discontinuity, discontinuities, dateTime, m.key, m.init, m.gap, m.parts);
    m.segments.add(s);
    m.nextDateTimeMs = dateTime == Long.MIN_VALUE ? Long.MIN_VALUE : dateTime + m.durationUs / 1000;
    m.durationUs = -1;
    m.range = null;
    m.discontinuity = false;
    m.gap = false;
    m.programDateTimeMs = Long.MIN_VALUE;
    m.parts.clear();
    m.keyFromThisSlot = false;
    m.partRanges.reset();
  }

  /**
   * Byte ranges given without an offset follow the previous range of the same resource (RFC
   * 8216bis 4.4.4.2, and for parts 4.4.4.9): the last one taken, per kind of range.
   */
  private final class RangeChain {
    private final String tag;
    private final String unit;
    private String lastUrl;
    private long lastEnd = -1;

    RangeChain(String tag, String unit) {
      this.tag = tag;
      this.unit = unit;
    }

    /** {@code range} of {@code uri} with its offset (an offset of -1: after the last range). */
    ByteRange next(String uri, ByteRange range) throws PlayerException {
      if (range.offset() < 0) {
        if (!uri.equals(lastUrl) || lastEnd < 0) {
          throw malformed(tag + " without an offset, and no " + unit + " of the same resource before it");
        }
        range = new ByteRange(lastEnd, range.length());
      }
      lastUrl = uri;
      lastEnd = range.offset() + range.length();
      return range;
    }

    void reset() {
      lastUrl = null;
      lastEnd = -1;
    }
  }

  private void part(Media m, AttributeList a) throws PlayerException, AttributeList.Malformed {
    if (++m.partCount > MAX_PARTS) {
      throw tooLarge("parts", MAX_PARTS);
    }
    String uri = Urls.resolve(url, a.required("URI"));
    long duration = durationUs(a.required("DURATION"), "EXT-X-PART DURATION");
    ByteRange range = null;
    String r = a.string("BYTERANGE");
    if (r != null) {
      range = m.partRanges.next(uri, byteRange(r, "EXT-X-PART BYTERANGE"));
    }
    m.parts.add(new Part(uri, duration, a.yesNo("INDEPENDENT", false), range, a.yesNo("GAP", false)));
  }

  private void key(Media m, AttributeList a) throws PlayerException, AttributeList.Malformed {
    KeyMethod method = switch (a.required("METHOD")) {
      case "NONE" -> KeyMethod.NONE;
      case "AES-128" -> KeyMethod.AES_128;
      case "SAMPLE-AES" -> KeyMethod.SAMPLE_AES;
      case "SAMPLE-AES-CTR" -> KeyMethod.SAMPLE_AES_CTR;
      default -> throw malformed("EXT-X-KEY METHOD=" + a.string("METHOD"));
    };
    String format = a.string("KEYFORMAT") == null ? "identity" : a.string("KEYFORMAT");
    if (method == KeyMethod.NONE) {
      m.key = Key.NONE;
      m.keyFromThisSlot = true;
      return;
    }
    // Several keys for the same segments (one per DRM system): a plain one is preferred
    if (m.keyFromThisSlot && "identity".equals(m.key.keyFormat()) && !format.equals("identity")) {
      return;
    }
    String uri = a.required("URI");
    m.key = new Key(method, Urls.resolve(url, uri), a.hex("IV", 16), format);
    m.keyFromThisSlot = true;
  }

  private long optionalUs(AttributeList a, String name) throws PlayerException, AttributeList.Malformed {
    String v = a.string(name);
    return v == null ? C.TIME_UNSET : durationUs(v, name);
  }

  private long durationUs(String v, String what) throws PlayerException {
    double d = AttributeList.number(v);
    if (Double.isNaN(d) || d < 0 || d > MAX_DURATION_S) {
      throw malformed(what + " '" + (v.length() > 40 ? v.substring(0, 40) : v)
          + "' is not a duration (seconds, 0 to " + (long) MAX_DURATION_S + ")");
    }
    return Math.round(d * 1e6);
  }

  private long number(String line, String tag) throws PlayerException {
    String v = value(line, tag).trim();
    try {
      return AttributeList.parse("N=" + v).integer("N", 0);
    } catch (AttributeList.Malformed e) {
      throw malformed(tag.substring(1) + " '" + v + "' is not a decimal integer");
    }
  }

  /** {@code length[@offset]}; the offset -1 when absent. */
  private ByteRange byteRange(String v, String what) throws PlayerException {
    int at = v.indexOf('@');
    try {
      AttributeList a = AttributeList.parse("L=" + (at < 0 ? v : v.substring(0, at))
          + (at < 0 ? "" : ",O=" + v.substring(at + 1)));
      return new ByteRange(a.integer("O", -1), a.integer("L", 0));
    } catch (AttributeList.Malformed e) {
      throw malformed(what + " '" + v + "' is not length[@offset]");
    }
  }

  private ByteRange explicitRange(String v, String what) throws PlayerException {
    ByteRange r = byteRange(v, what);
    return r.offset() < 0 ? new ByteRange(0, r.length()) : r;
  }
}
