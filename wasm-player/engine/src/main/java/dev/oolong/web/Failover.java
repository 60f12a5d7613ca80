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
  /** Each player's fallback path, as its load gave it (absent: none). */
  private static final java.util.Map<Integer, OutputPath> FALLBACKS = new java.util.HashMap<>();
  /** Players whose path failed over: what they report after it is for the record only. */
  private static final java.util.Set<Integer> SWITCHED = new java.util.HashSet<>();

  private Failover() {}

  /** {@code player}'s path and the path it may fall back to (null: none). */
  static void register(int player, OutputPath fallback) {
    SWITCHED.remove(player);
    if (fallback == null) {
      FALLBACKS.remove(player);
    } else {
      FALLBACKS.put(player, fallback);
    }
  }

  static void forget(int player) {
    FALLBACKS.remove(player);
    SWITCHED.remove(player);
  }

  /** Reports {@code error} of {@code player}, which plays on {@code path}. */
  static void report(int player, OutputPath path, PlayerException error) {
    if (SWITCHED.contains(player)) {
      MseBindings.postError(player, recoverable(error)); // the failed path's aftermath: playback moved on
      return;
    }
    OutputPath next = PathPolicy.switchTo(error, FALLBACKS.get(player));
    if (next == null) {
      MseBindings.postError(player, error);
      return;
    }
    FALLBACKS.remove(player); // one switch per load; the page's next load says what follows
    SWITCHED.add(player);
    MseBindings.postError(player, recoverable(error));
    MseBindings.postEvent(MessageType.PLAYER_EVENT.value, player, Json.object().put("event", "path")
        .put("path", next.wireName()).put("reason", PathPolicy.reason(path, next, error)).toString());
  }

  private static PlayerException recoverable(PlayerException e) {
    return e.severity() == Severity.RECOVERABLE ? e
        : new PlayerException(Severity.RECOVERABLE, e.errorCode(), e.getMessage(), e.data());
  }
}
