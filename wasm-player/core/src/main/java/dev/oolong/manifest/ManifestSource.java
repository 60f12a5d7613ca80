package dev.oolong.manifest;

import dev.oolong.C;
import dev.oolong.ErrorCode;
import dev.oolong.PlayerException;
import dev.oolong.extractor.SeekMap;
import dev.oolong.manifest.hls.HlsParser;
import dev.oolong.upstream.DataSource;
import dev.oolong.upstream.DataSpec;
import dev.oolong.upstream.Delay;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * The input of a pipeline: the resource at the URL as it is (a media file), or, when the resource
 * is an HLS playlist ({@code #EXTM3U}), the segments it lists as one input ({@link
 * SegmentStream}). What the URL is is told by its first bytes, not by its name or content type.
 *
 * <p>A multivariant playlist plays its first variant (the author's choice for the start, per RFC
 * 8216bis §4.3.4.2; adaptive switching comes with ABR). Its media playlist is loaded next; a list
 * that may still grow (no {@code EXT-X-ENDLIST}) is refused for now with {@code
 * CONTAINER_UNSUPPORTED} ("hls-live"), not played as if it were complete.
 *
 * <p>Once the playlist is read, {@link #seekMap} is its segment index, in media time (the
 * playlist's clock: the first segment starts at 0).
 * Playlists are read whole, up to {@link HlsParser#MAX_CHARS} bytes ({@code MANIFEST_TOO_LARGE}
 * beyond), and parsed with its bounds.
 */
public final class ManifestSource implements DataSource {
  private final DataSource upstream;
  private final Delay delay;
  private final Consumer<PlayerException> warnings;
  /** Non-null once the URL turned out to be a playlist and its segments are known. */
  private SegmentStream stream;
  private SegmentSeekMap seekMap;
  /** The URL turned out to be a media file: loads go straight upstream. */
  private boolean plain;

  /**
   * @param delay what waits between attempts of a failing segment
   * @param warnings recoverable faults played past (a segment passed over)
   */
  public ManifestSource(DataSource upstream, Delay delay, Consumer<PlayerException> warnings) {
    this.upstream = upstream;
    this.delay = delay;
    this.warnings = warnings;
  }

  /** The segment index once a playlist was read (media time), else null (a plain file, or not known yet). */
  public SeekMap seekMap() {
    return seekMap;
  }

  /** The segments read, or null when the URL is not a playlist (or not read yet). */
  public SegmentStream segments() {
    return stream;
  }

  @Override
  public Loading open(DataSpec spec, Listener listener) {
    if (stream != null) {
      return stream.open(spec, listener);
    }
    if (plain || spec.position() != 0) {
      return upstream.open(spec, listener);
    }
    Sniff sniff = new Sniff(spec, listener);
    sniff.start();
    return sniff;
  }

  /** The first load: tells a playlist from a media file by its first bytes. */
  private final class Sniff implements Loading, Listener {
    private static final byte[] MAGIC = "#EXTM3U".getBytes(StandardCharsets.US_ASCII);
    private final DataSpec spec;
    private final Listener out;
    private Loading current;
    private boolean cancelled;
    private boolean paused;
    private long totalLength = C.LENGTH_UNSET;
    /** Bytes received before deciding, then the whole playlist text. */
    private byte[] buffer = new byte[4096];
    private int size;
    /** 0: undecided, 1: a media file (forwarding), 2: a playlist (collecting). */
    private int mode;
    /** The playlist being loaded (the multivariant one first, then the media one). */
    private String playlistUrl;
    private Presentation presentation;

    Sniff(DataSpec spec, Listener out) {
      this.spec = spec;
      this.out = out;
      this.playlistUrl = spec.uri();
    }

    void start() {
      current = upstream.open(spec, this);
      if (paused && current != null) {
        current.pause();
      }
    }

    @Override
    public void onOpen(long totalLength) {
      if (mode == 1) {
        out.onOpen(totalLength); // a loader reopening a plain file (not reached: plain goes straight)
      } else {
        this.totalLength = totalLength;
      }
    }

    @Override
    public void onData(byte[] data, int offset, int length) {
      if (cancelled) {
        return;
      }
      if (mode == 1) {
        out.onData(data, offset, length);
        return;
      }
      if (size + length > HlsParser.MAX_CHARS) {
        fail(PlayerException.critical(ErrorCode.MANIFEST_TOO_LARGE, "The playlist is larger than "
            + HlsParser.MAX_CHARS + " bytes", "url", playlistUrl, "size", size + length, "limit", HlsParser.MAX_CHARS));
        return;
      }
      if (size + length > buffer.length) {
        buffer = java.util.Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + length));
      }
      System.arraycopy(data, offset, buffer, size, length);
      size += length;
      if (mode == 0) {
        decide(false);
      }
    }

    /** Decides once the magic's length is there (or the resource ended). */
    private void decide(boolean atEnd) {
      int bom = size >= 3 && (buffer[0] & 0xFF) == 0xEF && (buffer[1] & 0xFF) == 0xBB && (buffer[2] & 0xFF) == 0xBF ? 3 : 0;
      if (size < bom + MAGIC.length && !atEnd) {
        return;
      }
      boolean playlist = size >= bom + MAGIC.length;
      for (int i = 0; playlist && i < MAGIC.length; i++) {
        playlist = buffer[bom + i] == MAGIC[i];
      }
      if (playlist) {
        mode = 2;
        return;
      }
      mode = 1;
      plain = true;
      out.onOpen(totalLength);
      byte[] head = java.util.Arrays.copyOf(buffer, size);
      buffer = null;
      if (head.length > 0) {
        out.onData(head, 0, head.length);
      }
    }

    @Override
    public void onEnd() {
      if (cancelled) {
        return;
      }
      if (mode == 0) {
        decide(true);
      }
      if (mode == 1) {
        out.onEnd();
        return;
      }
      try {
        playlistRead(new String(buffer, 0, size, StandardCharsets.UTF_8));
      } catch (PlayerException e) {
        fail(e);
      }
    }

    private void playlistRead(String text) throws PlayerException {
      if (presentation == null && HlsParser.isMultivariant(text)) {
        presentation = HlsParser.parseMultivariant(playlistUrl, text);
        if (presentation.variants().isEmpty()) {
          throw PlayerException.critical(ErrorCode.MANIFEST_MALFORMED, "The multivariant playlist lists no variant",
              "url", playlistUrl, "line", 0, "reason", "no EXT-X-STREAM-INF");
        }
        playlistUrl = presentation.variants().get(0).url();
        size = 0;
        mode = 2;
        current = upstream.open(DataSpec.whole(playlistUrl), this);
        if (paused && current != null) {
          current.pause();
        }
        return;
      }
      if (HlsParser.isMultivariant(text)) {
        throw PlayerException.critical(ErrorCode.MANIFEST_MALFORMED, "A variant's playlist is a multivariant playlist",
            "url", playlistUrl, "line", 0, "reason", "nested multivariant playlist");
      }
      SegmentList list = HlsParser.parseMedia(playlistUrl, text);
      if (!list.ended()) {
        throw PlayerException.critical(ErrorCode.CONTAINER_UNSUPPORTED,
            "Live HLS (a playlist without EXT-X-ENDLIST) is not supported yet: " + playlistUrl,
            "container", "hls-live");
      }
      if (list.segments().isEmpty()) {
        throw PlayerException.critical(ErrorCode.MANIFEST_MALFORMED, "The playlist lists no segment",
            "url", playlistUrl, "line", 0, "reason", "no segment");
      }
      buffer = null;
      stream = new SegmentStream(upstream, list, delay, warnings);
      seekMap = new SegmentSeekMap(list);
      current = stream.open(new DataSpec(spec.uri(), SegmentStream.positionOf(0), C.LENGTH_UNSET), out);
      if (paused && current != null) {
        current.pause();
      }
    }

    private void fail(PlayerException e) {
      cancel();
      out.onError(e);
    }

    @Override
    public void onError(PlayerException error) {
      if (!cancelled) {
        cancelled = true;
        out.onError(error);
      }
    }

    @Override
    public void cancel() {
      cancelled = true;
      if (current != null) {
        current.cancel();
      }
    }

    @Override
    public void pause() {
      paused = true;
      if (current != null) {
        current.pause();
      }
    }

    @Override
    public void resume() {
      paused = false;
      if (current != null) {
        current.resume();
      }
    }
  }

  /**
   * A playlist's segments as a seek map, in media time: segment {@code i} starts at the sum of the
   * durations before it and is found at {@link SegmentStream#positionOf}{@code (i)}. Seekable when
   * the list is complete (VOD); a gap is never a seek point (the next segment is).
   */
  static final class SegmentSeekMap implements SeekMap {
    private final SegmentList list;
    private final long[] startsUs;

    SegmentSeekMap(SegmentList list) {
      this.list = list;
      startsUs = new long[list.segments().size()];
      long t = 0;
      for (int i = 0; i < startsUs.length; i++) {
        startsUs[i] = t;
        t += list.segments().get(i).durationUs();
      }
    }

    @Override
    public boolean isSeekable() {
      return list.ended();
    }

    @Override
    public long getDurationUs() {
      return list.durationUs();
    }

    @Override
    public boolean inMediaTime() {
      return true;
    }

    @Override
    public SeekPoint getSeekPoint(long timeUs) {
      int lo = 0;
      int hi = startsUs.length - 1;
      while (lo < hi) { // the last segment starting at or before timeUs
        int mid = (lo + hi + 1) >>> 1;
        if (startsUs[mid] <= timeUs) {
          lo = mid;
        } else {
          hi = mid - 1;
        }
      }
      int i = lo;
      while (i < startsUs.length - 1 && list.segments().get(i).gap()) {
        i++;
      }
      return new SeekPoint(startsUs[i], SegmentStream.positionOf(i));
    }
  }
}
