package dev.oolong.player;

import dev.oolong.ErrorCode;
import dev.oolong.ErrorCategory;
import dev.oolong.PlayerException;
import dev.oolong.Severity;

/**
 * When a failure on one output path is answered by going on along the other, at the same
 * position, instead of ending playback.
 *
 * <p>Only the output can be at fault for that to help: a decoder or a MediaSource that refuses
 * the codec ({@code CODEC_UNSUPPORTED}), fails on the bitstream ({@code CODEC_DECODE_FAILED}), or
 * breaks ({@code MEDIA_SOURCE_*}: an append failure, the element's decode error, no MediaSource
 * at all). Network, container and player errors would fail on the other path the same way, and
 * recoverable errors are not failures. Each load switches at most once by itself: the path it
 * falls back to is given per load (none once both were tried, or when the user fixed the mode).
 */
public final class PathPolicy {
  /**
   * MediaSources rebuilt per load at most: a failing MSE path (an append refused, its element's
   * decoder rejecting a packet) starts again past the point it failed at that many times before
   * its failure stands (or the other path takes over).
   */
  public static final int MAX_REBUILDS = 12;
  /**
   * A rebuilt MediaSource starts at the first key frame more than this after the point of failure
   * (seconds): the element names the failing packet on its own timeline, where the remuxer may have
   * moved a stream's first frame a little earlier (to 0).
   */
  public static final double REBUILD_MARGIN_S = 0.25;

  private PathPolicy() {}

  /**
   * Whether {@code error} on the MSE path is answered by a new MediaSource that goes on past the
   * point of failure ({@code budget} per load as the page configured it, {@link #MAX_REBUILDS} at
   * most; {@code rebuilds} done so far): a SourceBuffer append failure or the element's error —
   * the data at one point, not the codec or the browser. Asked only where no other path is given
   * to fall back to (mode {@code mse}): in mode {@code auto} the canvas path, which drops only the
   * access units its decoder rejects, takes over. On by default; the page's {@code mseRebuilds: 0}
   * turns it off.
   */
  public static boolean rebuild(PlayerException error, OutputPath path, int rebuilds, int budget) {
    return path == OutputPath.MSE && error.severity() == Severity.CRITICAL
        && error.errorCode() == ErrorCode.MEDIA_SOURCE_FAILED && rebuilds < Math.min(budget, MAX_REBUILDS);
  }

  /**
   * Where the MSE path failed (seconds): the element's position, or later where the error names
   * the packet its decoder rejected (Chromium: {@code timestamp=354666}, µs).
   */
  public static double failedAt(PlayerException error, double positionSeconds) {
    double at = Double.isNaN(positionSeconds) ? 0 : Math.max(0, positionSeconds);
    String m = error.getMessage();
    int i = m == null ? -1 : m.indexOf("timestamp=");
    if (i >= 0) {
      int start = i + "timestamp=".length();
      int end = start;
      while (end < m.length() && end - start < 15 && Character.isDigit(m.charAt(end))) {
        end++;
      }
      if (end > start) {
        at = Math.max(at, Long.parseLong(m.substring(start, end)) / 1e6);
      }
    }
    return at;
  }

  /**
   * The path to go on with after {@code error} on a path whose fallback is {@code fallback}
   * (null: none), or null when the error stands.
   */
  public static OutputPath switchTo(PlayerException error, OutputPath fallback) {
    if (fallback == null || error.severity() != Severity.CRITICAL) {
      return null;
    }
    ErrorCategory category = error.category();
    return category == ErrorCategory.CODEC || category == ErrorCategory.MEDIA_SOURCE ? fallback : null;
  }

  /** Why the MSE path starts again with a new MediaSource from the first key frame after {@code at} s. */
  public static String rebuildReason(OutputPath path, PlayerException error, double at) {
    return path.label() + " failed (" + error.errorCode().name() + ": " + error.getMessage()
        + "); a new MediaSource goes on from the next key frame after " + at + " s";
  }

  /** Why the player left {@code failed} for {@code next}: said in the stats and the path event. */
  public static String reason(OutputPath failed, OutputPath next, PlayerException error) {
    return failed.label() + " failed (" + error.errorCode().name() + ": " + error.getMessage() + "); "
        + next.label() + " goes on from the same position";
  }
}
