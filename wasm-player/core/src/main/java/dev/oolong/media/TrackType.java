package dev.oolong.media;

/** What a track carries. */
public enum TrackType {
  VIDEO,
  AUDIO,
  TEXT,
  METADATA,
  UNKNOWN
}
