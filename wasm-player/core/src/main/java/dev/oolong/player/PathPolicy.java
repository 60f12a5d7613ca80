package dev.oolong.player;

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
  private PathPolicy() {}

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

  /** Why the player left {@code failed} for {@code next}: said in the stats and the path event. */
  public static String reason(OutputPath failed, OutputPath next, PlayerException error) {
    return failed.label() + " failed (" + error.errorCode().name() + ": " + error.getMessage() + "); "
        + next.label() + " goes on from the same position";
  }
}
