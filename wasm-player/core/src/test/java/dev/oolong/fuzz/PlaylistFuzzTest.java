package dev.oolong.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.oolong.C;
import dev.oolong.ErrorCategory;
import dev.oolong.PlayerException;
import dev.oolong.manifest.Presentation;
import dev.oolong.manifest.SegmentList;
import dev.oolong.manifest.hls.HlsParser;
import dev.oolong.manifest.hls.PlaylistUpdates;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Coverage-guided fuzzing of the HLS playlist parser and reload merging (Jazzer). Byte 0 picks
 * what is read: a multivariant playlist, a media playlist, or (the rest split at the first zero
 * byte) a media playlist and its reload, merged. Anything but success or a MANIFEST {@link
 * PlayerException} is a finding, as is a successful result that breaks the model's invariants:
 * segments numbered one after another from the media sequence, durations within the parser's
 * bounds, discontinuity numbers never going back, every URL absolute.
 */
class PlaylistFuzzTest {
  static final String BASE = "https://example.com/a/b/list.m3u8";

  /** A fixed amount of fuzzing in the suite; the long run is {@link PlaylistFuzzLongRun} ({@code ./oolong bench}). */
  @FuzzTest(maxExecutions = 4_000, maxDuration = "60s")
  void playlistsEndTyped(byte[] data) {
    check(data);
  }

  /** One fuzz input. */
  static void check(byte[] data) {
    if (data.length < 1) {
      return;
    }
    int mode = (data[0] & 0xFF) % 3;
    byte[] rest = Arrays.copyOfRange(data, 1, data.length);
    try {
      if (mode == 0) {
        check(HlsParser.parseMultivariant(BASE, text(rest)));
      } else if (mode == 1) {
        check(HlsParser.parseMedia(BASE, text(rest)));
      } else {
        int zero = 0;
        while (zero < rest.length && rest[zero] != 0) {
          zero++;
        }
        SegmentList before = HlsParser.parseMedia(BASE, text(Arrays.copyOfRange(rest, 0, zero)));
        check(before);
        SegmentList next = HlsParser.parseMedia(BASE,
            text(Arrays.copyOfRange(rest, Math.min(rest.length, zero + 1), rest.length)));
        SegmentList merged = PlaylistUpdates.merge(before, next);
        check(merged);
        if (merged.skippedSegments() != 0) {
          throw new AssertionError("a merged list still skips segments");
        }
        PlaylistUpdates.blockingReloadUrl(merged, true);
      }
    } catch (PlayerException e) {
      if (e.category() != ErrorCategory.MANIFEST) {
        throw new AssertionError("unexpected error category: " + e, e);
      }
    }
  }

  private static String text(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }

  private static void check(Presentation p) {
    if (p.variants().isEmpty()) {
      throw new AssertionError("a presentation without variants");
    }
    for (Presentation.Variant v : p.variants()) {
      absolute(v.url());
    }
    for (Presentation.Rendition r : p.renditions()) {
      if (r.url() != null) {
        absolute(r.url());
      }
    }
  }

  private static void check(SegmentList l) {
    long expected = l.mediaSequence() + l.skippedSegments();
    long discontinuity = Long.MIN_VALUE;
    for (SegmentList.Segment s : l.segments()) {
      if (s.sequence() != expected++) {
        throw new AssertionError("segment " + s.sequence() + " out of sequence");
      }
      if (s.durationUs() < 0 || s.durationUs() > HlsParser.MAX_DURATION_S * 1e6) {
        throw new AssertionError("duration " + s.durationUs());
      }
      if (s.discontinuitySequence() < discontinuity) {
        throw new AssertionError("discontinuity number went back");
      }
      discontinuity = s.discontinuitySequence();
      absolute(s.url());
      if (s.range() != null && (s.range().offset() < 0 || s.range().length() < 0)) {
        throw new AssertionError("range " + s.range());
      }
    }
    if (l.targetDurationUs() == C.TIME_UNSET || l.targetDurationUs() < 0) {
      throw new AssertionError("target duration " + l.targetDurationUs());
    }
  }

  private static void absolute(String url) {
    if (!url.startsWith("https://") && !url.matches("^[A-Za-z][A-Za-z0-9+.-]*:.*")) {
      throw new AssertionError("not absolute: " + url);
    }
  }
}
