package dev.oolong.upstream;

import dev.oolong.PlayerException;

/**
 * The transport port: loads the bytes a {@link DataSpec} describes and pushes them to a
 * {@link Listener}. Implementations never block: in the browser the listener is called from
 * {@code fetch} promise callbacks, on the JVM it may be called synchronously from within {@link
 * #open} (callers must cope with both).
 *
 * <p>The listener sees exactly one {@link Listener#onOpen}, then any number of {@link
 * Listener#onData}, then exactly one of {@link Listener#onEnd} or {@link Listener#onError}
 * (an error may also come instead of {@code onOpen}). Nothing is delivered after {@link
 * Loading#cancel()}.
 */
public interface DataSource {

  /** Starts loading {@code spec}. */
  Loading open(DataSpec spec, Listener listener);

  /** A load in progress. */
  interface Loading {
    /** Stops the load; the listener receives nothing more. Idempotent. */
    void cancel();

    /**
     * Stops reading for now (back-pressure: the player has enough buffered). Bytes already on
     * their way may still be delivered. Sources that cannot pause ignore it.
     */
    default void pause() {}

    /** Reads on after {@link #pause}. */
    default void resume() {}
  }

  /** Receives the bytes of one load. */
  interface Listener {
    /**
     * The response started.
     *
     * @param totalLength the length of the whole resource in bytes, or {@code C.LENGTH_UNSET}
     */
    void onOpen(long totalLength);

    /** Bytes that follow the previous ones. The array is the listener's to keep. */
    void onData(byte[] data, int offset, int length);

    /** All bytes of the spec were delivered (fewer than asked when the resource ended first). */
    void onEnd();

    /** The load failed; nothing more follows. */
    void onError(PlayerException error);
  }
}
