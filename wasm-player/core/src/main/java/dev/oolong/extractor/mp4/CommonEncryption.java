package dev.oolong.extractor.mp4;

import dev.oolong.PlayerException;
import dev.oolong.extractor.CryptoData;
import dev.oolong.media.PsshBox;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Common Encryption (ISO/IEC 23001-7) boxes: the track's defaults ({@code schm} + {@code tenc}
 * under {@code sinf}), the per-sample auxiliary information (a {@code senc} box, or the bytes
 * {@code saiz}/{@code saio} point at), and {@code pssh}. Each count is checked against the bytes
 * that are really there before anything is allocated.
 */
final class CommonEncryption {
  private CommonEncryption() {}

  /**
   * A track's encryption defaults.
   *
   * @param scheme {@code cenc}, {@code cbcs}, {@code cens} or {@code cbc1}
   * @param isProtected default_isProtected
   * @param perSampleIvSize 0, 8 or 16; 0 means every sample uses {@code constantIv}
   */
  record TrackEncryption(String scheme, boolean isProtected, int perSampleIvSize, byte[] keyId,
      byte[] constantIv, int cryptByteBlock, int skipByteBlock) {}

  /** Reads {@code schm} and {@code schi/tenc} from a {@code sinf} body; null without a {@code tenc}. */
  static TrackEncryption parseSinf(byte[] data, int start, int end, long fileOffset)
      throws PlayerException {
    String[] scheme = {"cenc"};
    TrackEncryption[] tenc = {null};
    Boxes.children(data, start, end, fileOffset, (type, s, e) -> {
      if (type == BoxTypes.SCHM && e - s >= 8) {
        scheme[0] = BoxTypes.name((int) Boxes.readUnsignedInt(data, s + 4));
      } else if (type == BoxTypes.SCHI) {
        Boxes.children(data, s, e, fileOffset, (t2, s2, e2) -> {
          if (t2 == BoxTypes.TENC) {
            tenc[0] = parseTenc(data, s2, e2, fileOffset);
          }
        });
      }
    });
    if (tenc[0] == null) {
      return null;
    }
    TrackEncryption t = tenc[0];
    return new TrackEncryption(scheme[0], t.isProtected(), t.perSampleIvSize(), t.keyId(),
        t.constantIv(), t.cryptByteBlock(), t.skipByteBlock());
  }

  private static TrackEncryption parseTenc(byte[] data, int s, int e, long fileOffset)
      throws PlayerException {
    if (e - s < 4 + 20) {
      throw Boxes.malformed(fileOffset + s, "tenc of " + (e - s) + " bytes");
    }
    int version = data[s] & 0xFF;
    int p = s + 4 + 1; // reserved
    int crypt = 0;
    int skip = 0;
    if (version > 0) {
      crypt = (data[p] >> 4) & 0x0F;
      skip = data[p] & 0x0F;
    }
    p++;
    boolean isProtected = data[p++] == 1;
    int ivSize = data[p++] & 0xFF;
    byte[] kid = Arrays.copyOfRange(data, p, p + 16);
    p += 16;
    byte[] constantIv = null;
    if (ivSize != 0 && ivSize != 8 && ivSize != 16) {
      throw Boxes.malformed(fileOffset + s, "tenc Per_Sample_IV_Size " + ivSize);
    }
    if (isProtected && ivSize == 0) {
      int n = p < e ? data[p++] & 0xFF : 0;
      if ((n != 8 && n != 16) || p + n > e) {
        throw Boxes.malformed(fileOffset + s, "tenc constant IV of " + n + " bytes");
      }
      constantIv = Arrays.copyOfRange(data, p, p + n);
    }
    return new TrackEncryption("cenc", isProtected, ivSize, kid, constantIv, crypt, skip);
  }

  /**
   * The samples' encryption data from a {@code senc} body ({@code senc} carries no IV size: the
   * track's {@code tenc} gives it). Null entries are clear samples.
   */
  static CryptoData[] parseSenc(byte[] data, int s, int e, TrackEncryption tenc, long fileOffset)
      throws PlayerException {
    if (e - s < 8) {
      throw Boxes.malformed(fileOffset + s, "senc of " + (e - s) + " bytes");
    }
    int flags = (data[s + 1] & 0xFF) << 16 | (data[s + 2] & 0xFF) << 8 | (data[s + 3] & 0xFF);
    long count = Boxes.readUnsignedInt(data, s + 4);
    int ivSize = tenc.perSampleIvSize();
    if (count > (e - s - 8) / Math.max(1, ivSize + ((flags & 2) != 0 ? 2 : 0))) {
      throw Boxes.malformed(fileOffset + s, "senc sample_count " + count + " exceeds its box");
    }
    CryptoData[] out = new CryptoData[(int) count];
    int p = s + 8;
    for (int i = 0; i < count; i++) {
      p = readEntry(data, p, e, ivSize, (flags & 2) != 0, tenc, out, i, fileOffset);
    }
    return out;
  }

  /** A {@code saiz} box: each sample's auxiliary information size. */
  record AuxSizes(int defaultSize, int count, byte[] data, int sizesStart) {
    int size(int i) {
      return defaultSize != 0 ? defaultSize : data[sizesStart + i] & 0xFF;
    }
  }

  /**
   * The samples' encryption data from auxiliary information held in memory, starting at {@code
   * data[p]}. The sizes are checked against the bytes there before the array is allocated.
   */
  static CryptoData[] parseAuxInfo(byte[] data, int p, int end, AuxSizes sizes,
      TrackEncryption tenc, long fileOffset) throws PlayerException {
    long total = 0;
    for (int i = 0; i < sizes.count() && total <= end - p; i++) {
      total += sizes.size(i);
    }
    if (p < 0 || total > end - p) {
      throw Boxes.malformed(fileOffset + Math.max(p, 0), "sample auxiliary information runs past its box");
    }
    CryptoData[] out = new CryptoData[sizes.count()];
    int ivSize = tenc.perSampleIvSize();
    for (int i = 0; i < out.length; i++) {
      int size = sizes.size(i);
      if (size > 0) {
        readEntry(data, p, p + size, ivSize, size > ivSize, tenc, out, i, fileOffset);
      }
      p += size;
    }
    return out;
  }

  private static int readEntry(byte[] data, int p, int e, int ivSize, boolean subsamples,
      TrackEncryption tenc, CryptoData[] out, int i, long fileOffset) throws PlayerException {
    if (p + ivSize + (subsamples ? 2 : 0) > e) {
      throw Boxes.malformed(fileOffset + p, "sample encryption entry " + i + " cut off");
    }
    byte[] iv = ivSize == 0 ? tenc.constantIv() : Arrays.copyOfRange(data, p, p + ivSize);
    p += ivSize;
    int[] clear = new int[0];
    int[] encrypted = new int[0];
    if (subsamples) {
      int n = (data[p] & 0xFF) << 8 | (data[p + 1] & 0xFF);
      p += 2;
      if (n * 6L > e - p) {
        throw Boxes.malformed(fileOffset + p, "subsample_count " + n + " exceeds its box");
      }
      clear = new int[n];
      encrypted = new int[n];
      for (int k = 0; k < n; k++, p += 6) {
        clear[k] = (data[p] & 0xFF) << 8 | (data[p + 1] & 0xFF);
        long enc = Boxes.readUnsignedInt(data, p + 2);
        if (enc > Integer.MAX_VALUE) {
          throw Boxes.malformed(fileOffset + p, "subsample of " + enc + " encrypted bytes");
        }
        encrypted[k] = (int) enc;
      }
    }
    out[i] = tenc.isProtected() && iv != null ? new CryptoData(tenc.scheme(), tenc.keyId(), iv,
        clear, encrypted, tenc.cryptByteBlock(), tenc.skipByteBlock()) : null;
    return p;
  }

  /** A {@code saiz} body. */
  static AuxSizes parseSaiz(byte[] data, int s, int e, long fileOffset) throws PlayerException {
    int flags = e - s >= 4 ? data[s + 3] & 0xFF : 0;
    int p = s + 4 + ((flags & 1) != 0 ? 8 : 0); // aux_info_type, aux_info_type_parameter
    if (p + 5 > e) {
      throw Boxes.malformed(fileOffset + s, "saiz cut off");
    }
    int defaultSize = data[p] & 0xFF;
    long count = Boxes.readUnsignedInt(data, p + 1);
    p += 5;
    if (count > Integer.MAX_VALUE || (defaultSize == 0 && count > e - p)) {
      throw Boxes.malformed(fileOffset + s, "saiz sample_count " + count + " exceeds its box");
    }
    return new AuxSizes(defaultSize, (int) count, data, p);
  }

  /** The first offset of a {@code saio} body (one entry is the norm; more are not supported). */
  static long parseSaioFirstOffset(byte[] data, int s, int e, long fileOffset)
      throws PlayerException {
    if (e - s < 8) {
      throw Boxes.malformed(fileOffset + s, "saio cut off");
    }
    int version = data[s] & 0xFF;
    int flags = data[s + 3] & 0xFF;
    int p = s + 4 + ((flags & 1) != 0 ? 8 : 0);
    if (p + 4 + (version == 0 ? 4 : 8) > e) {
      throw Boxes.malformed(fileOffset + s, "saio cut off");
    }
    long count = Boxes.readUnsignedInt(data, p);
    p += 4;
    if (count != 1) {
      throw Boxes.malformed(fileOffset + s, "saio with " + count + " entries (one is supported)");
    }
    return version == 0 ? Boxes.readUnsignedInt(data, p)
        : Boxes.readUnsignedInt(data, p) << 32 | Boxes.readUnsignedInt(data, p + 4);
  }

  /** Auxiliary information stored outside the box held in memory (e.g. inside the mdat). */
  static PlayerException auxInfoOutside(long offset) {
    return PlayerException.critical(dev.oolong.ErrorCode.CONTAINER_UNSUPPORTED,
        "Sample encryption information outside the moov/moof (without a senc box) is not supported",
        "container", "mp4/cenc-aux-info-in-mdat", "offset", offset);
  }

  /**
   * The encryption data of a sample of {@code size} bytes, checked: its subsamples must not
   * cover more than the sample (a decryptor would read past it).
   */
  static CryptoData checked(CryptoData c, long size, long offset) throws PlayerException {
    if (c == null) {
      return null;
    }
    long covered = 0;
    for (int i = 0; i < c.clearBytes().length; i++) {
      covered += c.clearBytes()[i] + (long) c.encryptedBytes()[i];
    }
    if (covered > size) {
      throw Boxes.malformed(offset, "subsamples cover " + covered + " bytes of a " + size + "-byte sample");
    }
    return c;
  }

  /** A {@code pssh} box whose body is {@code data[s, e)} and whose header starts at {@code boxStart}. */
  static PsshBox parsePssh(byte[] data, int boxStart, int s, int e, long fileOffset)
      throws PlayerException {
    if (e - s < 4 + 16 + 4) {
      throw Boxes.malformed(fileOffset + s, "pssh of " + (e - s) + " bytes");
    }
    int version = data[s] & 0xFF;
    int p = s + 4;
    String systemId = uuid(data, p);
    p += 16;
    List<byte[]> kids = new ArrayList<>();
    if (version > 0) {
      long n = Boxes.readUnsignedInt(data, p);
      p += 4;
      if (n > (e - p) / 16) {
        throw Boxes.malformed(fileOffset + s, "pssh KID_count " + n + " exceeds its box");
      }
      for (int i = 0; i < n; i++, p += 16) {
        kids.add(Arrays.copyOfRange(data, p, p + 16));
      }
    }
    if (p + 4 > e) {
      throw Boxes.malformed(fileOffset + s, "pssh DataSize cut off");
    }
    long size = Boxes.readUnsignedInt(data, p);
    p += 4;
    if (size > e - p) {
      throw Boxes.malformed(fileOffset + s, "pssh DataSize " + size + " exceeds its box");
    }
    return new PsshBox(systemId, kids, Arrays.copyOfRange(data, p, p + (int) size),
        Arrays.copyOfRange(data, boxStart, e));
  }

  private static String uuid(byte[] d, int p) {
    StringBuilder sb = new StringBuilder(36);
    for (int i = 0; i < 16; i++) {
      if (i == 4 || i == 6 || i == 8 || i == 10) {
        sb.append('-');
      }
      sb.append(Character.forDigit((d[p + i] >> 4) & 0xF, 16)).append(Character.forDigit(d[p + i] & 0xF, 16));
    }
    return sb.toString();
  }
}
