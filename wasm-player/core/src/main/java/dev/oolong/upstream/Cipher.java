package dev.oolong.upstream;

import java.util.function.Consumer;

/**
 * Decryption the engine asks of where it runs (WebCrypto in the browser's worker; the JVM's
 * {@code javax.crypto} in tests): whole buffers, answered once, perhaps later.
 */
public interface Cipher {
  /**
   * AES-128 in CBC mode with PKCS#7 padding removed (HLS {@code METHOD=AES-128}).
   *
   * @param key 16 bytes
   * @param iv 16 bytes
   * @param done receives the plain bytes
   * @param failed receives why it failed (a wrong key or IV shows as bad padding)
   */
  void decryptAes128Cbc(byte[] key, byte[] iv, byte[] data, Consumer<byte[]> done, Consumer<String> failed);
}
