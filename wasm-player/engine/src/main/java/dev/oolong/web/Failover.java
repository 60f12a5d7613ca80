package dev.oolong.web;

import dev.oolong.PlayerException;
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
   * @param switched its path failed over: what it reports after that is for the record only
   */
  private record Load(OutputPath fallback, boolean switched) {}

  private static final java.util.Map<Integer, Load> LOADS = new java.util.HashMap<>();

  private Failover() {}

  /** A load of {@code player}, with the path it may fall back to (null: none). */
  static void register(int player, OutputPath fallback) {
    LOADS.put(player, new Load(fallback, false));
  }

  static void forget(int player) {
    LOADS.remove(player);
  }

  /** Reports {@code error} of {@code player}, which plays on {@code path}. */
  static void report(int player, OutputPath path, PlayerException error) {
    Load load = LOADS.get(player);
    if (load != null && load.switched()) {
      MseBindings.postError(player, error.asRecoverable()); // the failed path's aftermath: playback moved on
      return;
    }
    OutputPath next = PathPolicy.switchTo(error, load == null ? null : load.fallback());
    if (next == null) {
      MseBindings.postError(player, error);
      return;
    }
    LOADS.put(player, new Load(null, true)); // one switch per load; the page's next load says what follows
    MseBindings.postError(player, error.asRecoverable());
    MseBindings.postEvent(MessageType.PLAYER_EVENT.value, player, Json.object().put("event", "path")
        .put("path", next.wireName()).put("reason", PathPolicy.reason(path, next, error)).toString());
  }

}
