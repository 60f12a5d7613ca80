package dev.oolong.extractor.mp4;

import dev.oolong.extractor.CryptoData;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/** Test helper: Common Encryption decryption with javax.crypto, the oracle of the CENC tests. */
public final class Cenc {
  private Cenc() {}

  /** 'cenc' (ISO/IEC 23001-7 9.4): one AES-CTR keystream over the encrypted ranges of a sample. */
  public static byte[] decryptCtr(byte[] sample, CryptoData c, byte[] key) throws Exception {
    byte[] counter = new byte[16];
    System.arraycopy(c.iv(), 0, counter, 0, c.iv().length);
    Cipher aes = Cipher.getInstance("AES/CTR/NoPadding");
    aes.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(counter));
    if (c.clearBytes().length == 0) {
      return aes.doFinal(sample);
    }
    byte[] out = sample.clone();
    int p = 0;
    for (int i = 0; i < c.clearBytes().length; i++) {
      p += c.clearBytes()[i];
      byte[] part = aes.update(sample, p, c.encryptedBytes()[i]);
      if (part != null) {
        System.arraycopy(part, 0, out, p, part.length);
      }
      p += c.encryptedBytes()[i];
    }
    return out;
  }
}
