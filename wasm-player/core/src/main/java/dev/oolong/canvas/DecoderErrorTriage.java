package dev.oolong.canvas;

import java.util.function.Consumer;

/**
 * Tells a codec the browser cannot decode from data it cannot decode when a decoder reports an
 * error. A refusal while the decoder is made, or a {@code NotSupportedError} before any output, is
 * the codec. Any other failure before the first output (Chromium refuses an HEVC configuration
 * with an {@code OperationError}) is put to the browser's own {@code isConfigSupported}, once:
 * "no" is the codec, "yes" the data; errors reported while the answer is awaited add nothing.
 * Everything else is the data (the feeder resets and resumes at the next key frame).
 */
final class DecoderErrorTriage {
  /** Where the verdict goes. */
  interface Verdict {
    /** The codec (or its configuration) cannot be decoded here. */
    void unsupported(String reason);

    /** The decoder failed on the data. */
    void decodeFailed(String reason);

    /** Whether the verdict is still wanted (false once the session stopped). */
    boolean wanted();
  }

  private final Consumer<Consumer<Boolean>> supportQuery;
  private final Verdict verdict;
  private boolean asked;
  private boolean asking;

  /** @param supportQuery asks whether the decoder's configuration is supported, answered once */
  DecoderErrorTriage(Consumer<Consumer<Boolean>> supportQuery, Verdict verdict) {
    this.supportQuery = supportQuery;
    this.verdict = verdict;
  }

  /**
   * The decoder reported {@code reason}; {@code made} is false while it is still being made,
   * {@code producedAny} whether it has put anything out.
   */
  void error(String reason, boolean made, boolean producedAny) {
    if (!made || reason != null && reason.startsWith("NotSupportedError") && !producedAny) {
      verdict.unsupported(reason);
      return;
    }
    if (asking) {
      return; // the first error's answer decides; the decoder is reset after it anyway
    }
    if (!producedAny && !asked) {
      asked = true;
      asking = true;
      supportQuery.accept(supported -> {
        asking = false;
        if (!verdict.wanted()) {
          return;
        }
        if (supported) {
          verdict.decodeFailed(reason);
        } else {
          verdict.unsupported(reason);
        }
      });
      return;
    }
    verdict.decodeFailed(reason);
  }
}
