package dev.oolong.web.diagnostics;

import dev.oolong.ErrorCode;
import dev.oolong.PlayerException;
import dev.oolong.decoder.ChunkCollector;
import dev.oolong.extractor.ExtractionLoader;
import dev.oolong.protocol.MessageType;
import dev.oolong.upstream.DataSource;
import dev.oolong.web.jso.WorkerScope;

/**
 * What the decode diagnostics ({@link DecodeCheck}, {@link AudioDecodeCheck}) share: extract a
 * URL's track into a {@link ChunkCollector}, then {@link #collected} decodes it; one answer per
 * request (a result or the first error).
 */
public abstract class DiagnosticDecode {
  public final int id;
  public final ChunkCollector collector;
  private boolean answered;

  public DiagnosticDecode(int id, ChunkCollector collector) {
    this.id = id;
    this.collector = collector;
  }

  /**
   * Extracts {@code url}, then calls {@link #collected}; an extraction error is the answer.
   * Returns the running extraction (a diagnostic that streams its chunks holds it).
   */
  public ExtractionLoader start(DataSource source, String url) {
    ExtractionLoader loader = new ExtractionLoader(source, url, collector, new ExtractionLoader.Callback() {
      @Override
      public void onEnd() {
        collected();
      }

      @Override
      public void onError(PlayerException error) {
        answer(error);
      }
    });
    loader.start();
    return loader;
  }

  /** The extraction reached the end (the format and, unless streamed, the chunks are in the collector). */
  public abstract void collected();

  /** Whether the request has had its answer. */
  public boolean answered() {
    return answered;
  }

  /** Claims the one answer: false when it was given already. */
  public boolean claimAnswer() {
    if (answered) {
      return false;
    }
    answered = true;
    return true;
  }

  /** Answers with an error (unless answered already). */
  public void answer(PlayerException e) {
    if (claimAnswer()) {
      reply(id, e);
    }
  }

  /** Answers with a WebCodecs failure on {@code codec}. */
  public void fail(ErrorCode code, String reason, String codec) {
    answer(PlayerException.critical(code, "WebCodecs failed on " + codec + ": " + reason, "codec", codec));
  }

  public static void reply(int id, PlayerException e) {
    WorkerScope.postMessage(WorkerScope.message(MessageType.ERROR.value, id, e.toJson()));
  }
}
