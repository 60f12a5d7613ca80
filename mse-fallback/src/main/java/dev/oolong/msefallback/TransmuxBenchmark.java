package dev.oolong.msefallback;

import dev.oolong.PlayerException;
import dev.oolong.extractor.FileExtractorRunner;
import java.util.ArrayList;
import java.util.List;

/**
 * Diagnostics: the whole MSE-path transmux of a file held in memory — extraction, timeline
 * sanitiser, remuxer, key-frame segments — into a sink that takes every segment at once and keeps
 * what each SourceBuffer would have been given (so the engine's own work is measured, no
 * SourceBuffer, and the output can be checked and handed back as the real sink's would be).
 */
public final class TransmuxBenchmark {
  private TransmuxBenchmark() {}

  /**
   * What one SourceBuffer would have been given: its MIME type and every segment appended (the
   * init segment first), in order, each as the remuxer made it.
   */
  public record Output(String mimeType, List<byte[]> segments) {}

  /** Transmuxes {@code data} once; returns each SourceBuffer's segments. */
  public static List<Output> transmux(byte[] data) throws PlayerException {
    List<String> mimes = new ArrayList<>();
    List<List<byte[]>> out = new ArrayList<>();
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
        while (out.size() <= buffer) {
          out.add(new ArrayList<>());
          mimes.add(null);
        }
        mimes.set(buffer, mimeType);
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
        out.get(buffer).add(segment);
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
    List<Output> result = new ArrayList<>();
    for (int i = 0; i < out.size(); i++) {
      result.add(new Output(mimes.get(i), out.get(i)));
    }
    return result;
  }
}
