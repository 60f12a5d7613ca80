package dev.oolong.canvas;

import java.util.function.Consumer;

/**
 * Tells a codec the browser cannot decode from data it cannot decode. A refusal while the decoder
 * is made, or a {@code NotSupportedError} before any output, is the codec. Any other failure
 * before the first output (Chromium refuses an HEVC configuration with an {@code OperationError})
 * is put to the browser's own {@code isConfigSupported}: "no" is the codec, "yes" the data. The
 * question is asked once — up front ({@link #ask}, so the caller can wait for the answer before
 * announcing the track) or at the first such failure — and errors reported while the answer is
 * awaited add nothing (the first one is decided when it comes). Everything else is the data (the
 * feeder resets and resumes at the next key frame).
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
  /** The browser's answer, or null while there is none. */
  private Boolean supported;
  /** The first failure before any output, waiting for the answer (null: none waits). */
  private String waiting;

  /** @param supportQuery asks whether the decoder's configuration is supported, answered once */
  DecoderErrorTriage(Consumer<Consumer<Boolean>> supportQuery, Verdict verdict) {
    this.supportQuery = supportQuery;
    this.verdict = verdict;
  }

  /** Puts the configuration to the browser now (once); a "no" is the codec at once. */
  void ask() {
    if (asked) {
      return;
    }
    asked = true;
    supportQuery.accept(answer -> {
      supported = answer;
      String reason = waiting;
      waiting = null;
      if (!verdict.wanted()) {
        return;
      }
      if (!answer) {
        verdict.unsupported(reason != null ? reason : "isConfigSupported: no");
      } else if (reason != null) {
        verdict.decodeFailed(reason);
      }
    });
  }

  /** Whether the browser has answered {@link #ask}. */
  boolean answered() {
    return supported != null;
  }

  /**
   * The decoder reported {@code reason}; {@code made} is false while it is still being made,
   * {@code producedAny} whether it has put anything out.
   */
  void error(String reason, boolean made, boolean producedAny) {
    if (!made || reason != null && reason.startsWith("NotSupportedError") && !producedAny) {
      verdict.unsupported(reason);
    } else if (producedAny || Boolean.TRUE.equals(supported)) {
      verdict.decodeFailed(reason);
    } else if (Boolean.FALSE.equals(supported)) {
      verdict.unsupported(reason);
    } else if (waiting == null) {
      waiting = reason;
      ask();
    }
  }
}
