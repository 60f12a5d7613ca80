package dev.oolong.decoder;

/**
 * A decoder as the engine feeds it: WebCodecs' {@code VideoDecoder}/{@code AudioDecoder} in the
 * browser, a Java software decoder, a fake in tests. Decoded output and errors go to whoever
 * made the port; the {@link DecoderFeeder} only submits chunks and resets.
 */
public interface DecoderPort {
  /** Chunks submitted and not yet decoded ({@code decodeQueueSize}). */
  int queueSize();

  /** Submits a chunk; the first after {@link #reset} (or at the start) is a key frame. */
  void decode(EncodedChunk chunk);

  /** Drops everything in flight and configures again: the next chunk must be a key frame. */
  void reset();
}
