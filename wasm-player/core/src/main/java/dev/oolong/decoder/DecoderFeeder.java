package dev.oolong.decoder;

import dev.oolong.C;
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
 * drops the access unit it failed on, resets the decoder and is reported as a recoverable {@code
 * CODEC_DECODE_FAILED}: what the decoder rejected never comes out, the last good frame holds until
 * the next key frame decodes. Only when nothing has decoded since the first failure while the
 * limit (default {@link #DEFAULT_UNDECODABLE_LIMIT_US}) passed — in media fed to the decoder, or
 * in wall-clock time ({@link #tick}: a stream whose playback waits for a first frame feeds
 * little) — or when the input ends with nothing of the track ever decoded, is the failure
 * critical.
 */
public final class DecoderFeeder {
  /** Chunks in the decoder at most (WebCodecs' queue: enough to keep it busy, no more). */
  public static final int MAX_IN_DECODER = 4;
  /** Chunks waiting here before the extraction is asked to hold. */
  public static final int MAX_PENDING = 120;
  /** Media fed without anything decoded, after a failure, before the failure is critical. */
  public static final long DEFAULT_UNDECODABLE_LIMIT_US = 10_000_000;

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
  private long undecodableLimitUs = DEFAULT_UNDECODABLE_LIMIT_US;
  /** The time of the chunk last submitted (decode time, else presentation). */
  private long lastSubmittedUs = C.TIME_UNSET;
  /** Where the failures since the last output began, or unset while the decoder works. */
  private long failingSinceUs = C.TIME_UNSET;
  /** The wall-clock time of the first {@link #tick} since the failures began, or unset. */
  private long failingSinceWallUs = C.TIME_UNSET;
  private int resets;
  private long skippedAfterFailure;
  private boolean failed;
  private String lastReason = "";
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
        long t = c.dtsUs() != C.TIME_UNSET ? c.dtsUs() : c.ptsUs();
        if (awaitKey && !c.key()) {
          skipped++;
          if (failingSinceUs != C.TIME_UNSET) {
            skippedAfterFailure++;
            if (t != C.TIME_UNSET && t - failingSinceUs >= undecodableLimitUs) {
              giveUp("waiting for a key frame to resume at (nothing decoded in "
                  + seconds(undecodableLimitUs) + " s of media)");
              return;
            }
          }
          continue;
        }
        awaitKey = false;
        lastSubmittedUs = t;
        port.decode(c);
      }
    } finally {
      feeding = false;
    }
  }

  /** A frame came out of the decoder: it works again. */
  public void decoded() {
    failingSinceUs = C.TIME_UNSET;
    failingSinceWallUs = C.TIME_UNSET;
  }

  /**
   * The heartbeat: a failure with nothing decoded for the limit in wall-clock time, while the
   * output wanted frames, gives up (a paused player whose output is full is not waiting for any).
   */
  public void tick(long wallUs) {
    if (failed || failingSinceUs == C.TIME_UNSET) {
      return;
    }
    if (!wantsMore.getAsBoolean()) {
      failingSinceWallUs = C.TIME_UNSET;
    } else if (failingSinceWallUs == C.TIME_UNSET) {
      failingSinceWallUs = wallUs;
    } else if (wallUs - failingSinceWallUs >= undecodableLimitUs) {
      giveUp(lastReason + " (nothing decoded for " + seconds(undecodableLimitUs) + " s)");
    }
  }

  /**
   * How much media may go in with nothing decoded, after a failure, before it is critical (µs;
   * 0 or less: the default).
   */
  public void setUndecodableLimitUs(long limitUs) {
    undecodableLimitUs = limitUs > 0 ? limitUs : DEFAULT_UNDECODABLE_LIMIT_US;
  }

  /** Whether the decoder failed and has decoded nothing since. */
  public boolean failing() {
    return failingSinceUs != C.TIME_UNSET;
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
    resets++;
    if (failingSinceUs == C.TIME_UNSET) {
      failingSinceUs = lastSubmittedUs == C.TIME_UNSET ? 0 : lastSubmittedUs;
    }
    lastReason = reason;
    if (lastSubmittedUs != C.TIME_UNSET && lastSubmittedUs - failingSinceUs >= undecodableLimitUs) {
      giveUp(reason + " (nothing decoded in " + seconds(undecodableLimitUs) + " s of media)");
      return;
    }
    listener.onDecoderError(PlayerException.recoverable(ErrorCode.CODEC_DECODE_FAILED,
        "The " + codec + " decoder failed: " + reason + "; resuming at the next key frame",
        "codec", codec));
    feed();
  }

  /** The input ended while the decoder was failing: nothing more will decode. */
  public void endOfInput() {
    if (failingSinceUs != C.TIME_UNSET && !failed) {
      giveUp(lastReason + "; the input ended");
    }
  }

  private void giveUp(String reason) {
    failed = true;
    listener.onDecoderError(PlayerException.critical(ErrorCode.CODEC_DECODE_FAILED,
        "The " + codec + " decoder failed: " + reason, "codec", codec));
  }

  private static double seconds(long us) {
    return (us / 1000) / 1e3;
  }

  /** Decoder errors so far (each reset the decoder; decoding resumed at the next key frame). */
  public int resets() {
    return resets;
  }

  /** Chunks skipped after a decoder error while waiting for a key frame (the picture held). */
  public long skippedAfterFailure() {
    return skippedAfterFailure;
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
