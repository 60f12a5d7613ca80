package dev.oolong.web;

import dev.oolong.PlayerException;
import dev.oolong.Severity;
import dev.oolong.player.OutputPath;
import dev.oolong.player.PathPolicy;
import dev.oolong.protocol.MessageType;
import dev.oolong.util.Json;
import dev.oolong.web.mse.MseBindings;

/**
 * Where the players' errors go to the page: a failure that the other output path can get past
 * ({@link PathPolicy}) becomes a {@code path} event (and the error, made recoverable, for the
 * record); the page then loads the other path at the same position. Anything else is posted as
 * it is.
 */
final class Failover {
  /**
   * One player's failover state for its current load.
   *
   * @param fallback the path it may still fall back to, or null (none given, or used)
   * @param settled its path failed, and playback moved on (another path, a rebuild) or ended
   *     with a critical error: what it reports after that is aftermath, for the record only (a
   *     failed element's SourceBuffer refusing the next append, say)
   * @param rebuilds MediaSources rebuilt for the page's load so far (the page counts them)
   * @param budget MediaSources the page allows to be rebuilt per load ({@code mseRebuilds})
   */
  private record Load(OutputPath fallback, boolean settled, int rebuilds, int budget) {}

  private static final java.util.Map<Integer, Load> LOADS = new java.util.HashMap<>();

  private Failover() {}

  /**
   * A load of {@code player}, with the path it may fall back to (null: none), the MediaSources
   * rebuilt for the page's load so far and how many the page allows (negative: {@link
   * PathPolicy#MAX_REBUILDS}).
   */
  static void register(int player, OutputPath fallback, int rebuilds, int budget) {
    LOADS.put(player, new Load(fallback, false, Math.max(0, rebuilds), budget < 0 ? PathPolicy.MAX_REBUILDS : budget));
  }

  static void forget(int player) {
    LOADS.remove(player);
  }

  /** Reports {@code error} of {@code player}, which plays on {@code path}. */
  static void report(int player, OutputPath path, PlayerException error) {
    report(player, path, error, Double.NaN);
  }

  /**
   * Reports {@code error} of {@code player}, which plays on {@code path}, at {@code position}
   * (seconds, NaN: unknown).
   */
  static void report(int player, OutputPath path, PlayerException error, double position) {
    Load load = LOADS.get(player);
    if (load != null && load.settled()) {
      MseBindings.postError(player, error.asRecoverable()); // the failed path's aftermath: playback moved on
      return;
    }
    if (load != null && load.fallback() == null
        && PathPolicy.rebuild(error, path, load.rebuilds(), load.budget())) {
      // The data failed at one point: a new MediaSource goes on from the next key frame after it.
      double at = PathPolicy.failedAt(error, position) + PathPolicy.REBUILD_MARGIN_S;
      LOADS.put(player, new Load(load.fallback(), true, load.rebuilds() + 1, load.budget()));
      MseBindings.postError(player, error.asRecoverable());
      MseBindings.postEvent(MessageType.PLAYER_EVENT.value, player, Json.object().put("event", "path")
          .put("path", path.wireName()).put("from", at).put("rebuild", true)
          .put("reason", PathPolicy.rebuildReason(path, error, at)).toString());
      return;
    }
    OutputPath next = PathPolicy.switchTo(error, load == null ? null : load.fallback());
    if (next == null) {
      if (load != null && error.severity() == Severity.CRITICAL) {
        LOADS.put(player, new Load(load.fallback(), true, load.rebuilds(), load.budget()));
      }
      MseBindings.postError(player, error);
      return;
    }
    LOADS.put(player, new Load(null, true, load.rebuilds(), load.budget())); // one switch per load; the page's next load says what follows
    MseBindings.postError(player, error.asRecoverable());
    MseBindings.postEvent(MessageType.PLAYER_EVENT.value, player, Json.object().put("event", "path")
        .put("path", next.wireName()).put("reason", PathPolicy.reason(path, next, error)).toString());
  }

}
