package dev.oolong.audio;

import dev.oolong.util.SharedInts;

/**
 * The audio ring's shared memory as the producer sees it: the header integers (atomic) and the
 * sample area. A {@code SharedArrayBuffer} in the browser, arrays in tests.
 */
public interface RingMemory extends SharedInts {

  /**
   * Copies {@code length} floats from {@code source[offset..]} into the sample area at float
   * index {@code at} (0 = the first sample after the header).
   */
  void putSamples(int at, float[] source, int offset, int length);
}
