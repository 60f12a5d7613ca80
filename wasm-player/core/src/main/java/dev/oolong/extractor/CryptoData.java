package dev.oolong.extractor;

/**
 * How one sample is encrypted (ISO/IEC 23001-7): the scheme, the key id, the initialisation
 * vector, and the subsample map (pairs of clear and encrypted byte counts; empty when the whole
 * sample is encrypted).
 *
 * @param scheme {@code cenc}, {@code cbcs}, {@code cens} or {@code cbc1}
 */
public record CryptoData(String scheme, byte[] keyId, byte[] iv, int[] clearBytes,
    int[] encryptedBytes, int cryptByteBlock, int skipByteBlock) {}
