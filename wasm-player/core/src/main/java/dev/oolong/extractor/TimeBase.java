package dev.oolong.extractor;

/** What a container's timestamps count from, as its extractor declares it to its output. */
public enum TimeBase {
  /**
   * Time 0 is the start of the presentation (MP4 and CMAF, edit lists applied): times are kept as
   * they are, and media that starts later starts later.
   */
  PRESENTATION,
  /**
   * The times are a stream clock with no stated start (MPEG-TS, FLV, Ogg, Matroska, elementary
   * audio): the presentation starts at the earliest timestamp of the stream's start, which
   * becomes 0. The default for an extractor that declares nothing.
   */
  STREAM
}
