package dev.oolong.probe;

import dev.oolong.C;
import dev.oolong.ErrorCode;
import dev.oolong.PlayerException;
import dev.oolong.extractor.ContainerErrors;
import dev.oolong.extractor.mp4.Durations;
import dev.oolong.extractor.mp4.FragmentStats;
import dev.oolong.extractor.mp4.MoovParser;
import dev.oolong.extractor.mp4.Movie;
import dev.oolong.media.MediaInfo;
import dev.oolong.media.TrackInfo;
import dev.oolong.media.TrackType;
import dev.oolong.upstream.DataSource;
import dev.oolong.upstream.RangeReader;
import java.util.ArrayList;
import java.util.List;

/**
 * Walks the top-level boxes of an ISO BMFF file with range requests: skips {@code mdat} without
 * downloading it, reads {@code moov} wherever it is, and in a fragmented file reads each {@code
 * moof} (not the media) to count samples and measure durations. Every size is bounded and every
 * loop is bounded by the file's length or a fixed limit.
 *
 * <p>Reads may complete synchronously (JVM sources) or later (fetch); the walk is a loop that
 * returns whenever it waits for bytes, so neither case grows the stack.
 */
final class Mp4Prober {
  static final int MAX_MOOV_BYTES = 64 * 1024 * 1024;
  static final int MAX_MOOF_BYTES = 16 * 1024 * 1024;
  static final int MAX_TOP_LEVEL_BOXES = 1_000_000;
  /** Fragments read to measure a fragmented file; beyond this, totals are reported unknown. */
  static final int MAX_FRAGMENTS = 4096;
  static final int FRAGMENT_HEADER_READ = 4096;

  private final DataSource source;
  private final String uri;
  private final Prober.Callback callback;

  private byte[] window;
  private long windowStart;
  private long totalLength;
  private long position;
  private int boxesSeen;
  private Movie movie;
  private FragmentStats fragments;
  private boolean fragmentLimitHit;
  private boolean done;

  // Trampoline state: a read that completed while the loop was still running.
  private boolean looping;
  private boolean resumePending;

  Mp4Prober(DataSource source, String uri, RangeReader.Result first, Prober.Callback callback) {
    this.source = source;
    this.uri = uri;
    this.callback = callback;
    this.window = first.data();
    this.windowStart = first.position();
    this.totalLength = first.totalLength();
  }

  void start() {
    loop();
  }

  private void loop() {
    if (looping) {
      resumePending = true;
      return;
    }
    looping = true;
    try {
      do {
        resumePending = false;
        while (!done && step()) {
          // each step consumes one box
        }
      } while (resumePending && !done);
    } catch (PlayerException e) {
      fail(e);
    } catch (RuntimeException e) {
      fail(PlayerException.critical(ErrorCode.PLAYER_INTERNAL,
          "Probe failed: " + e, "reason", String.valueOf(e)));
    } finally {
      looping = false;
    }
  }

  /** Handles the box at {@link #position}. Returns false when it waits for bytes or is done. */
  private boolean step() throws PlayerException {
    if (totalLength != C.LENGTH_UNSET && position >= totalLength) {
      finish();
      return false;
    }
    if (++boxesSeen > MAX_TOP_LEVEL_BOXES) {
      throw PlayerException.critical(ErrorCode.CONTAINER_TOO_LARGE, "Too many top-level boxes",
          "offset", position, "size", boxesSeen, "limit", MAX_TOP_LEVEL_BOXES);
    }
    if (!has(position, 8)) {
      if (windowEnd() == position && windowIsAtEof()) {
        finish(); // a clean end of file at a box boundary
        return false;
      }
      if (windowIsAtEof() && position < windowEnd()) {
        throw truncated("box header cut off");
      }
      fetch(position, movie == null ? Prober.FIRST_READ : FRAGMENT_HEADER_READ);
      return false;
    }
    int p = (int) (position - windowStart);
    long size = readUint32(p);
    String type = fourCc(p + 4);
    int header = 8;
    if (size == 1) {
      if (!has(position, 16)) {
        fetch(position, 16);
        return false;
      }
      size = readUint32(p + 8) << 32 | readUint32(p + 12);
      header = 16;
    } else if (size == 0) {
      if (totalLength == C.LENGTH_UNSET) {
        size = Long.MAX_VALUE - position; // the last box, of unknown length
      } else {
        size = totalLength - position;
      }
    }
    if (size < header) {
      throw malformed("box '" + type + "' has size " + size);
    }
    if (totalLength != C.LENGTH_UNSET && position + size > totalLength) {
      if ("moov".equals(type) || "moof".equals(type)) {
        throw truncated("'" + type + "' of " + size + " bytes runs past the end of the file");
      }
      // A cut-off mdat: what is there is still media; the walk ends here.
      position = totalLength;
      return true;
    }
    if ("moov".equals(type)) {
      if (size > MAX_MOOV_BYTES) {
        throw tooLarge("moov", size, MAX_MOOV_BYTES);
      }
      if (!has(position, (int) size)) {
        fetch(position, (int) size);
        return false;
      }
      int start = (int) (position - windowStart);
      movie = MoovParser.parse(window, start + header, start + (int) size, windowStart);
      position += size;
      if (!movie.fragmented) {
        finish();
        return false;
      }
      fragments = new FragmentStats(movie);
      return true;
    }
    if ("moof".equals(type) && fragments != null) {
      if (fragments.fragments() >= MAX_FRAGMENTS) {
        fragmentLimitHit = true;
        finish();
        return false;
      }
      if (size > MAX_MOOF_BYTES) {
        throw tooLarge("moof", size, MAX_MOOF_BYTES);
      }
      if (!has(position, (int) size)) {
        fetch(position, (int) size);
        return false;
      }
      int start = (int) (position - windowStart);
      fragments.addMoof(window, start + header, start + (int) size, windowStart);
    }
    if (size > Long.MAX_VALUE - position) {
      finish();
      return false;
    }
    position += size;
    return true;
  }

  private void fetch(long at, int length) {
    if (totalLength != C.LENGTH_UNSET) {
      length = (int) Math.max(1, Math.min(length, totalLength - at));
    }
    RangeReader.read(source, uri, at, length, new RangeReader.Callback() {
      @Override
      public void onResult(RangeReader.Result r) {
        window = r.data();
        windowStart = r.position();
        if (r.totalLength() != C.LENGTH_UNSET) {
          totalLength = r.totalLength();
        }
        loop();
      }

      @Override
      public void onError(PlayerException error) {
        fail(error);
      }
    });
  }

  private boolean has(long at, int length) {
    return at >= windowStart && at + length <= windowEnd();
  }

  private long windowEnd() {
    return windowStart + window.length;
  }

  private boolean windowIsAtEof() {
    return totalLength != C.LENGTH_UNSET && windowEnd() >= totalLength;
  }

  private long readUint32(int p) {
    return ((window[p] & 0xFFL) << 24) | ((window[p + 1] & 0xFF) << 16)
        | ((window[p + 2] & 0xFF) << 8) | (window[p + 3] & 0xFF);
  }

  private String fourCc(int p) {
    return new String(new char[] {(char) (window[p] & 0xFF), (char) (window[p + 1] & 0xFF),
        (char) (window[p + 2] & 0xFF), (char) (window[p + 3] & 0xFF)});
  }

  private void finish() {
    if (done) {
      return;
    }
    if (movie == null) {
      fail(PlayerException.critical(ErrorCode.CONTAINER_NO_MOOV,
          "The MP4 file has no 'moov' box", "url", uri));
      return;
    }
    done = true;
    List<TrackInfo> tracks = new ArrayList<>();
    long longest = C.TIME_UNSET;
    for (Movie.Track t : movie.tracks) {
      TrackInfo info = trackInfo(t);
      tracks.add(info);
      if (info.durationUs() != C.TIME_UNSET && (longest == C.TIME_UNSET || info.durationUs() > longest)) {
        longest = info.durationUs();
      }
    }
    callback.onResult(new MediaInfo("mp4", movie.fragmented, longest, totalLength, tracks));
  }

  private TrackInfo trackInfo(Movie.Track t) {
    Movie.SampleEntry e = t.sampleEntry;
    TrackType type = switch (t.handlerType) {
      case "vide" -> TrackType.VIDEO;
      case "soun" -> TrackType.AUDIO;
      case "text", "subt", "sbtl", "clcp" -> TrackType.TEXT;
      case "meta" -> TrackType.METADATA;
      default -> TrackType.UNKNOWN;
    };
    long sampleCount = t.sampleCount;
    long mediaEnd = t.mediaDuration;
    if (movie.fragmented) {
      FragmentStats.TrackTotals totals = fragments == null ? null : fragments.totals(t.trackId);
      if (fragmentLimitHit) {
        sampleCount = -1;
        mediaEnd = -1;
      } else if (totals != null) {
        sampleCount += totals.sampleCount;
        mediaEnd = Math.max(mediaEnd, totals.endTime);
      }
    }
    long durationUs = Durations.presentationDurationUs(movie, t, mediaEnd);
    return new TrackInfo(t.trackId, type, e == null ? "none" : e.codecName,
        e == null ? null : e.codecString, durationUs, sampleCount,
        e == null ? 0 : e.width, e == null ? 0 : e.height,
        e == null ? 0 : e.sampleRate, e == null ? 0 : e.channels, t.language,
        e != null && e.encrypted);
  }

  private void fail(PlayerException e) {
    if (done) {
      return;
    }
    done = true;
    callback.onError(e);
  }

  private PlayerException malformed(String reason) {
    return ContainerErrors.malformed("MP4", position, reason);
  }

  private PlayerException truncated(String reason) {
    return ContainerErrors.truncated("MP4", position, reason);
  }

  private PlayerException tooLarge(String what, long size, long limit) {
    return PlayerException.critical(ErrorCode.CONTAINER_TOO_LARGE,
        "'" + what + "' of " + size + " bytes exceeds the limit of " + limit,
        "offset", position, "size", size, "limit", limit);
  }
}
