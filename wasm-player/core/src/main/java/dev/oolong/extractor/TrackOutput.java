package dev.oolong.extractor;

import dev.oolong.media.Format;

/**
 * Receives one track's format, its sample bytes and its sample metadata. Sample bytes are
 * appended by {@link #sampleData} (possibly in several pieces) and committed by {@link
 * #sampleMetadata}, which names how many of the bytes written so far belong to the sample.
 */
public interface TrackOutput {
  /** Sample flag: a key frame (random access point). */
  int FLAG_KEY_FRAME = 1;
  /** Sample flag: decode but do not present (e.g. encoder priming cut by an edit list). */
  int FLAG_DECODE_ONLY = 2;
  /** Sample flag: the sample is encrypted; {@code crypto} describes how. */
  int FLAG_ENCRYPTED = 4;
  /**
   * Sample flag: the container stores no decode time (Matroska video); {@code dtsUs} repeats
   * {@code ptsUs}, the samples come in decode order, and whoever needs decode times derives them.
   */
  int FLAG_NO_DECODE_TIME = 8;

  void format(Format format);

  void sampleData(byte[] data, int offset, int length);

  /**
   * Commits a sample.
   *
   * @param ptsUs presentation time in µs (edit lists applied)
   * @param dtsUs decode time in µs
   * @param flags {@code FLAG_*}
   * @param size the sample's size: the last {@code size} bytes written by {@link #sampleData}
   * @param crypto encryption data, or null when the sample is clear
   */
  void sampleMetadata(long ptsUs, long dtsUs, int flags, int size, CryptoData crypto);
}
