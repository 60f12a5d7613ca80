package dev.oolong.extractor.mp4;

import dev.oolong.C;
import dev.oolong.media.Times;

/** Presentation durations of ISO BMFF tracks, edit lists applied (ISO/IEC 14496-12 8.6.6). */
public final class Durations {
  private Durations() {}

  /**
   * The duration a track presents, in µs: the sum of its non-empty edits when the edit list
   * gives their durations, else its media duration from the first edit's media_time on.
   *
   * @param mediaEnd the end of the track's media in its timescale, or -1 when unknown
   */
  public static long presentationDurationUs(Movie movie, Movie.Track t, long mediaEnd) {
    long editSum = 0;
    long firstMediaTime = 0;
    boolean sawMediaEdit = false;
    for (Movie.Edit edit : t.edits) {
      if (edit.mediaTime() < 0) {
        continue; // an empty edit delays the start; it does not lengthen the media
      }
      if (!sawMediaEdit) {
        firstMediaTime = edit.mediaTime();
        sawMediaEdit = true;
      }
      editSum += edit.segmentDuration();
    }
    if (editSum > 0 && movie.timescale > 0 && !movie.fragmented) {
      return scale(editSum, movie.timescale);
    }
    if (mediaEnd < 0 || t.mediaTimescale <= 0) {
      if (movie.fragmentDuration > 0 && movie.timescale > 0) {
        return scale(movie.fragmentDuration, movie.timescale);
      }
      return C.TIME_UNSET;
    }
    return scale(Math.max(0, mediaEnd - firstMediaTime), t.mediaTimescale);
  }

  private static long scale(long value, long timescale) {
    return Times.ticksToUs(value, timescale);
  }
}
