package dev.oolong.decoder;

import dev.oolong.ErrorCode;
import dev.oolong.PlayerException;
import java.util.ArrayDeque;
import java.util.function.BooleanSupplier;

/**
 * Feeds a {@link DecoderPort} from the extracted chunks with back-pressure: at most {@link
 * #MAX_IN_DECODER} chunks in the decoder, none while the consumer of its output has enough
 * ({@code wantsMore} false, e.g. the video scheduler's queue is full), and the extraction asked to
 * hold while more than {@link #MAX_PENDING} chunks wait here. After a seek or a decoder error,
 * chunks are skipped up to the next key frame (a decoder can only start there). A decoder error
 * resets it and is reported as a recoverable {@code CODEC_DECODE_FAILED}; {@link
 * #MAX_FAILURES_IN_A_ROW} errors without a frame decoded in between make it critical.
 */
public final class DecoderFeeder {
  /** Chunks in the decoder at most (WebCodecs' queue: enough to keep it busy, no more). */
  public static final int MAX_IN_DECODER = 4;
  /** Chunks waiting here before the extraction is asked to hold. */
  public static final int MAX_PENDING = 120;
  /** Errors with no frame decoded in between before the failure is critical. */
  public static final int MAX_FAILURES_IN_A_ROW = 3;

  /** What the feeder reports. */
  public interface Listener {
    /** A decoder error: recoverable (decoding resumes at the next key frame) or critical. */
    void onDecoderError(PlayerException error);
  }

  private final DecoderPort port;
  private final BooleanSupplier wantsMore;
  private final Listener listener;
  private final String codec;
  private final ArrayDeque<EncodedChunk> pending = new ArrayDeque<>();
  private boolean awaitKey = true;
  private int failuresInARow;
  private boolean failed;
  private boolean feeding;
  private long skipped;

  /**
   * @param wantsMore whether the decoder's output is wanted now (the consumer's back-pressure)
   * @param codec the codec string, for errors
   */
  public DecoderFeeder(DecoderPort port, BooleanSupplier wantsMore, Listener listener, String codec) {
    this.port = port;
    this.wantsMore = wantsMore;
    this.listener = listener;
    this.codec = codec;
  }

  /** A chunk from the extraction, in decode order. */
  public void add(EncodedChunk chunk) {
    pending.add(chunk);
    feed();
  }

  /** Whether the extraction should hold (enough is waiting to be decoded). */
  public boolean full() {
    return pending.size() >= MAX_PENDING;
  }

  /**
   * Submits what the decoder and the consumer can take now (call it again when the decoder has
   * taken a chunk or put out a frame). Not re-entered: a decoder that fails inside {@code decode}
   * resets it, and this loop goes on from the next key frame.
   */
  public void feed() {
    if (feeding) {
      return;
    }
    feeding = true;
    try {
      while (!failed && !pending.isEmpty() && port.queueSize() < MAX_IN_DECODER
          && wantsMore.getAsBoolean()) {
        EncodedChunk c = pending.poll();
        if (awaitKey && !c.key()) {
          skipped++;
          continue;
        }
        awaitKey = false;
        port.decode(c);
      }
    } finally {
      feeding = false;
    }
  }

  /** A frame came out of the decoder: it works again. */
  public void decoded() {
    failuresInARow = 0;
  }

  /** A seek: what waits goes, the decoder is reset and starts again at a key frame. */
  public void seek() {
    pending.clear();
    port.reset();
    awaitKey = true;
  }

  /** The decoder failed: reset it and go on from the next key frame, or give up. */
  public void error(String reason) {
    if (failed) {
      return;
    }
    port.reset();
    awaitKey = true;
    failuresInARow++;
    String message = "The " + codec + " decoder failed: " + reason;
    if (failuresInARow >= MAX_FAILURES_IN_A_ROW) {
      failed = true;
      listener.onDecoderError(PlayerException.critical(ErrorCode.CODEC_DECODE_FAILED,
          message + " (" + failuresInARow + " times without a frame)", "codec", codec));
      return;
    }
    listener.onDecoderError(PlayerException.recoverable(ErrorCode.CODEC_DECODE_FAILED,
        message + "; resuming at the next key frame", "codec", codec));
    feed();
  }

  /** Chunks skipped to reach a key frame (after seeks and errors). */
  public long skipped() {
    return skipped;
  }

  /** Chunks waiting here. */
  public int pending() {
    return pending.size();
  }
}
