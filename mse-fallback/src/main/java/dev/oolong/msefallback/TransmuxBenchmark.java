package dev.oolong.msefallback;

import dev.oolong.PlayerException;
import dev.oolong.extractor.FileExtractorRunner;

/**
 * Diagnostics: the whole MSE-path transmux of a file held in memory — extraction, timeline
 * sanitiser, remuxer, key-frame segments — into a sink that takes every segment at once (so only
 * the engine's own work is measured, no SourceBuffer).
 */
public final class TransmuxBenchmark {
  private TransmuxBenchmark() {}

  /** Transmuxes {@code data} once; returns the bytes of fMP4 produced (init segment included). */
  public static long transmuxOnce(byte[] data) throws PlayerException {
    long[] out = {0};
    PlayerException[] error = {null};
    MediaSink sink = new MediaSink() {
      @Override
      public boolean isOpen() {
        return true;
      }

      @Override
      public boolean isTypeSupported(String mimeType) {
        return true;
      }

      @Override
      public String createBuffer(int buffer, String mimeType) {
        return null;
      }

      @Override
      public boolean isUpdating(int buffer) {
        return false;
      }

      @Override
      public void setDuration(double seconds) {}

      @Override
      public void setTimestampOffset(int buffer, double seconds) {}

      @Override
      public String append(int buffer, byte[] segment) {
        out[0] += segment.length;
        return null;
      }

      @Override
      public String remove(int buffer, double startSeconds, double endSeconds) {
        return null;
      }

      @Override
      public void abort(int buffer) {}

      @Override
      public String endOfStream() {
        return null;
      }
    };
    MseSession session = new MseSession(sink, new MseSession.Listener() {
      @Override
      public void onAppended(int segments, long bytes) {}

      @Override
      public void onEndOfStream() {}

      @Override
      public void onError(PlayerException e) {
        error[0] = e;
      }
    });
    FileExtractorRunner.run(data, null, session.output(), 64 * 1024, true);
    session.inputEnded();
    // The sink is never busy, so each pump appends one segment: drain what is queued.
    for (int guard = 0; guard < 1_000_000 && error[0] == null; guard++) {
      int before = session.segmentsAppended();
      session.pump();
      if (session.segmentsAppended() == before) {
        break;
      }
    }
    if (error[0] != null) {
      throw error[0];
    }
    return out[0];
  }
}
