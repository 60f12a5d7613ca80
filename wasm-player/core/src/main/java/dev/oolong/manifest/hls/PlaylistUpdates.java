package dev.oolong.manifest.hls;

import dev.oolong.C;
import dev.oolong.ErrorCode;
import dev.oolong.PlayerException;
import dev.oolong.manifest.SegmentList;
import dev.oolong.manifest.SegmentList.Segment;
import java.util.ArrayList;
import java.util.List;

/**
 * Live HLS: a reloaded media playlist joined to the one before (RFC 8216bis 6.2.2, 6.3.4, 6.2.5.1),
 * when to reload, and what to ask a server that can block a reload or send a delta update.
 */
public final class PlaylistUpdates {
  private PlaylistUpdates() {}

  /**
   * {@code next} as a whole list: a delta update's skipped segments taken from {@code previous}
   * (null: none loaded yet), with their discontinuity numbers carried through. A list whose media
   * sequence went backwards, or that skips segments {@code previous} does not have, is {@code
   * MANIFEST_INCONSISTENT} (the player then reloads without asking for a delta, or gives up).
   */
  public static SegmentList merge(SegmentList previous, SegmentList next) throws PlayerException {
    if (previous != null && next.mediaSequence() < previous.mediaSequence()) {
      throw inconsistent(next, "its media sequence went back from " + previous.mediaSequence() + " to "
          + next.mediaSequence());
    }
    if (next.skippedSegments() == 0) {
      return next;
    }
    long first = next.mediaSequence();
    long end = first + next.skippedSegments();
    if (previous == null || first < previous.mediaSequence() || end > previous.nextSequence()) {
      throw inconsistent(next, "a delta update skips segments " + first + "–" + (end - 1)
          + " that the list before did not have");
    }
    List<Segment> all = new ArrayList<>(next.skippedSegments() + next.segments().size());
    for (Segment s : previous.segments()) {
      if (s.sequence() >= first && s.sequence() < end) {
        all.add(s);
      }
    }
    long discontinuity = all.isEmpty() ? next.discontinuitySequence()
        : all.get(all.size() - 1).discontinuitySequence();
    for (Segment s : next.segments()) {
      discontinuity += s.discontinuity() ? 1 : 0;
      all.add(new Segment(s.sequence(), s.url(), s.durationUs(), s.range(), s.discontinuity(), discontinuity,
          s.programDateTimeMs(), s.key(), s.init(), s.gap(), s.parts()));
    }
    long firstDiscontinuity = all.get(0).discontinuitySequence();
    return new SegmentList(next.url(), next.targetDurationUs(), first, firstDiscontinuity, next.ended(),
        next.type(), next.startOffsetUs(), next.partTargetUs(), next.serverControl(), all,
        next.trailingParts(), next.preloadHint(), next.renditionReports(), 0);
  }

  /** Whether {@code next} adds anything to {@code previous}: a segment or a part. */
  public static boolean changed(SegmentList previous, SegmentList next) {
    return previous == null || next.nextSequence() != previous.nextSequence()
        || next.trailingParts().size() != previous.trailingParts().size() || next.ended() != previous.ended();
  }

  /**
   * How long to wait before reloading a live list that cannot block (µs): its target duration
   * when it changed, half of it when it did not (RFC 8216bis 6.3.4); with parts, the part target.
   */
  public static long reloadDelayUs(SegmentList list, boolean changed) {
    long unit = list.lowLatency() ? list.partTargetUs() : list.targetDurationUs();
    return changed ? unit : unit / 2;
  }

  /**
   * The URL asking a server that can block for the next segment or part (the query parameters of
   * RFC 8216bis 6.2.5.2): {@code _HLS_msn} (and {@code _HLS_part} for parts), plus {@code
   * _HLS_skip=YES} when a delta update is allowed and {@code delta} is wanted. Null when the
   * server cannot block.
   */
  public static String blockingReloadUrl(SegmentList list, boolean delta) {
    if (!list.serverControl().canBlockReload() || list.ended()) {
      return null;
    }
    // The next segment; with parts, the next part of it (after those listed already)
    long msn = list.nextSequence();
    int part = list.lowLatency() ? list.trailingParts().size() : -1;
    StringBuilder b = new StringBuilder(withoutDirectives(list.url()));
    b.append(b.indexOf("?") < 0 ? '?' : '&').append("_HLS_msn=").append(msn);
    if (part >= 0) {
      b.append("&_HLS_part=").append(part);
    }
    if (delta && list.serverControl().canSkipUntilUs() != C.TIME_UNSET) {
      b.append("&_HLS_skip=YES");
    }
    return b.toString();
  }

  /** The URL without the delivery directives a reload added ({@code _HLS_...} parameters). */
  static String withoutDirectives(String url) {
    int q = url.indexOf('?');
    if (q < 0) {
      return url;
    }
    int hash = url.indexOf('#', q);
    String query = hash < 0 ? url.substring(q + 1) : url.substring(q + 1, hash);
    StringBuilder kept = new StringBuilder();
    int start = 0;
    while (start <= query.length()) {
      int amp = query.indexOf('&', start);
      int end = amp < 0 ? query.length() : amp;
      String p = query.substring(start, end);
      if (!p.startsWith("_HLS_") && !p.isEmpty()) {
        kept.append(kept.length() == 0 ? "" : "&").append(p);
      }
      start = end + 1;
    }
    return url.substring(0, q) + (kept.length() == 0 ? "" : "?" + kept) + (hash < 0 ? "" : url.substring(hash));
  }

  private static PlayerException inconsistent(SegmentList list, String reason) {
    return PlayerException.critical(ErrorCode.MANIFEST_INCONSISTENT, "The reloaded playlist is inconsistent: " + reason,
        "url", list.url(), "reason", reason);
  }
}
