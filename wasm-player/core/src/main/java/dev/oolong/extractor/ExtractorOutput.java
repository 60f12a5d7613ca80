package dev.oolong.extractor;

/** Receives what an extractor finds: its tracks, their samples, and how to seek. */
public interface ExtractorOutput {
  /**
   * The output of track {@code id} (created on first call). Tracks keep the order in which they
   * are first asked for; that order is the stream index.
   */
  TrackOutput track(int id, dev.oolong.media.TrackType type);

  /** No more tracks will be added. */
  void endTracks();

  /** How to seek in the input (may be called again with a better map). */
  void seekMap(SeekMap seekMap);

  /**
   * Protection system data found in the input (MP4 {@code pssh} boxes of the {@code moov} or of a
   * {@code moof}). Called each time new boxes are found; the default ignores them.
   */
  default void drmInitData(java.util.List<dev.oolong.media.PsshBox> boxes) {}

  /**
   * What the extractor's times count from; called (if at all) in {@link Extractor#init}, before
   * any track. An extractor that never calls it has {@link TimeBase#STREAM} times.
   */
  default void timeBase(TimeBase base) {}
}
