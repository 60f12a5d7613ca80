package dev.oolong.extractor;

import java.util.Arrays;

/**
 * How one sample is encrypted (ISO/IEC 23001-7): the scheme, the key id, the initialisation
 * vector, and the subsample map (pairs of clear and encrypted byte counts; empty when the whole
 * sample is encrypted).
 *
 * @param scheme {@code cenc}, {@code cbcs}, {@code cens} or {@code cbc1}
 */
public record CryptoData(String scheme, byte[] keyId, byte[] iv, int[] clearBytes,
    int[] encryptedBytes, int cryptByteBlock, int skipByteBlock) {

  /** Equal when every field has the same content (arrays compared element by element). */
  @Override
  public boolean equals(Object o) {
    return o instanceof CryptoData c && scheme.equals(c.scheme) && Arrays.equals(keyId, c.keyId)
        && Arrays.equals(iv, c.iv) && Arrays.equals(clearBytes, c.clearBytes)
        && Arrays.equals(encryptedBytes, c.encryptedBytes) && cryptByteBlock == c.cryptByteBlock
        && skipByteBlock == c.skipByteBlock;
  }

  @Override
  public int hashCode() {
    return scheme.hashCode() * 31 + Arrays.hashCode(iv) * 17 + Arrays.hashCode(clearBytes);
  }

  @Override
  public String toString() {
    return scheme + " kid=" + Arrays.toString(keyId) + " iv=" + Arrays.toString(iv) + " clear="
        + Arrays.toString(clearBytes) + " encrypted=" + Arrays.toString(encryptedBytes)
        + " pattern=" + cryptByteBlock + ":" + skipByteBlock;
  }
}
