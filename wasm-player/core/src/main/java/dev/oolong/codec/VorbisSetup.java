package dev.oolong.codec;

/**
 * What a demuxer needs of Vorbis's three header packets (Vorbis I specification, sections 4.2
 * and 4.3): the identification header's rate, channels and two block sizes, and the setup
 * header's modes, whose block flags give each audio packet's duration. The setup header is read
 * forward field by field (codebooks, time-domain transforms, floors, residues, mappings, modes),
 * as the specification lays it out, so the mode list is found without guessing from the end.
 * Every count comes from a bounded field, so damaged input ends in an exception, never a long
 * loop.
 */
public final class VorbisSetup {
  private final int sampleRate;
  private final int channels;
  private final int blockSize0;
  private final int blockSize1;
  private final boolean[] modeBlockFlags;
  private final int modeBits;

  private VorbisSetup(int sampleRate, int channels, int blockSize0, int blockSize1,
      boolean[] modeBlockFlags) {
    this.sampleRate = sampleRate;
    this.channels = channels;
    this.blockSize0 = blockSize0;
    this.blockSize1 = blockSize1;
    this.modeBlockFlags = modeBlockFlags;
    this.modeBits = ilog(modeBlockFlags.length - 1);
  }

  public int sampleRate() {
    return sampleRate;
  }

  public int channels() {
    return channels;
  }

  public int blockSize0() {
    return blockSize0;
  }

  /** The block size (short or long) of an audio packet, or -1 if it is not an audio packet. */
  public int blockSize(byte[] packet) {
    if (packet.length == 0 || (packet[0] & 1) != 0) {
      return -1;
    }
    LsbBits bits = new LsbBits(packet, 0, packet.length);
    bits.read(1);
    int mode = bits.read(modeBits);
    if (mode >= modeBlockFlags.length) {
      return -1;
    }
    return modeBlockFlags[mode] ? blockSize1 : blockSize0;
  }

  /** Whether a packet is one of the three headers (type 1, 3 or 5 followed by "vorbis"). */
  public static boolean isHeader(byte[] packet) {
    return packet.length >= 7 && (packet[0] == 1 || packet[0] == 3 || packet[0] == 5)
        && packet[1] == 'v' && packet[2] == 'o' && packet[3] == 'r' && packet[4] == 'b'
        && packet[5] == 'i' && packet[6] == 's';
  }

  /**
   * Parses the identification and setup headers.
   *
   * @throws IllegalArgumentException when either is malformed
   */
  public static VorbisSetup parse(byte[] identification, byte[] setup) {
    if (identification.length < 30 || identification[0] != 1 || !isHeader(identification)) {
      throw new IllegalArgumentException("not a Vorbis identification header");
    }
    int channels = identification[11] & 0xFF;
    long rate = (identification[12] & 0xFFL) | (identification[13] & 0xFFL) << 8
        | (identification[14] & 0xFFL) << 16 | (identification[15] & 0xFFL) << 24;
    int b0 = identification[28] & 0x0F;
    int b1 = (identification[28] >> 4) & 0x0F;
    if (channels == 0 || rate == 0 || rate > Integer.MAX_VALUE || b0 < 6 || b1 > 13 || b0 > b1) {
      throw new IllegalArgumentException("Vorbis identification header: channels " + channels
          + ", rate " + rate + ", block sizes 2^" + b0 + "/2^" + b1);
    }
    if (setup.length < 7 || setup[0] != 5 || !isHeader(setup)) {
      throw new IllegalArgumentException("not a Vorbis setup header");
    }
    try {
      return new VorbisSetup((int) rate, channels, 1 << b0, 1 << b1, modes(setup, channels));
    } catch (IndexOutOfBoundsException e) {
      throw new IllegalArgumentException("Vorbis setup header ends early", e);
    }
  }

  private static boolean[] modes(byte[] setup, int channels) {
    LsbBits bits = new LsbBits(setup, 7, setup.length - 7);
    int codebooks = bits.read(8) + 1;
    for (int i = 0; i < codebooks; i++) {
      skipCodebook(bits);
    }
    int times = bits.read(6) + 1;
    for (int i = 0; i < times; i++) {
      if (bits.read(16) != 0) {
        throw new IllegalArgumentException("Vorbis time-domain transform type must be 0");
      }
    }
    int floors = bits.read(6) + 1;
    for (int i = 0; i < floors; i++) {
      skipFloor(bits);
    }
    int residues = bits.read(6) + 1;
    for (int i = 0; i < residues; i++) {
      skipResidue(bits);
    }
    int mappings = bits.read(6) + 1;
    for (int i = 0; i < mappings; i++) {
      skipMapping(bits, channels);
    }
    int modeCount = bits.read(6) + 1;
    boolean[] flags = new boolean[modeCount];
    for (int i = 0; i < modeCount; i++) {
      flags[i] = bits.read(1) == 1;
      if (bits.read(16) != 0 || bits.read(16) != 0) {
        throw new IllegalArgumentException("Vorbis mode window/transform type must be 0");
      }
      if (bits.read(8) >= mappings) {
        throw new IllegalArgumentException("Vorbis mode names a missing mapping");
      }
    }
    if (bits.read(1) != 1) {
      throw new IllegalArgumentException("Vorbis setup header framing bit not set");
    }
    return flags;
  }

  private static void skipCodebook(LsbBits bits) {
    if (bits.read(24) != 0x564342) {
      throw new IllegalArgumentException("Vorbis codebook sync pattern missing");
    }
    int dimensions = bits.read(16);
    int entries = bits.read(24);
    if (bits.read(1) == 0) { // not ordered
      boolean sparse = bits.read(1) == 1;
      for (int i = 0; i < entries; i++) {
        if (!sparse || bits.read(1) == 1) {
          bits.read(5);
        }
      }
    } else {
      bits.read(5);
      for (int entry = 0; entry < entries; ) {
        entry += bits.read(ilog(entries - entry));
        if (entry > entries) {
          throw new IllegalArgumentException("Vorbis ordered codebook overruns its entries");
        }
      }
    }
    int lookup = bits.read(4);
    if (lookup == 1 || lookup == 2) {
      bits.read(32);
      bits.read(32);
      int valueBits = bits.read(4) + 1;
      bits.read(1);
      long values = lookup == 1 ? lookup1Values(entries, dimensions) : (long) entries * dimensions;
      bits.skip(values * valueBits);
    } else if (lookup != 0) {
      throw new IllegalArgumentException("Vorbis codebook lookup type " + lookup);
    }
  }

  /** The largest r with r^dimensions &lt;= entries (specification 9.2.3). */
  static long lookup1Values(int entries, int dimensions) {
    if (dimensions == 0) {
      throw new IllegalArgumentException("Vorbis codebook of 0 dimensions with a lookup table");
    }
    long r = (long) Math.floor(Math.pow(entries, 1.0 / dimensions));
    while (r > 0 && pow(r, dimensions) > entries) {
      r--;
    }
    while (pow(r + 1, dimensions) <= entries) {
      r++;
    }
    return r;
  }

  private static long pow(long base, int exponent) {
    long v = 1;
    for (int i = 0; i < exponent; i++) {
      v *= base;
      if (v > Integer.MAX_VALUE) {
        return Long.MAX_VALUE;
      }
    }
    return v;
  }

  private static void skipFloor(LsbBits bits) {
    int type = bits.read(16);
    if (type == 0) {
      bits.read(8 + 16 + 16 + 6 + 8);
      int books = bits.read(4) + 1;
      bits.skip(8L * books);
    } else if (type == 1) {
      int partitions = bits.read(5);
      int[] classOf = new int[partitions];
      int maxClass = -1;
      for (int i = 0; i < partitions; i++) {
        classOf[i] = bits.read(4);
        maxClass = Math.max(maxClass, classOf[i]);
      }
      int[] dimensions = new int[maxClass + 1];
      for (int c = 0; c <= maxClass; c++) {
        dimensions[c] = bits.read(3) + 1;
        int subclasses = bits.read(2);
        if (subclasses != 0) {
          bits.read(8);
        }
        bits.skip(8L << subclasses);
      }
      bits.read(2);
      int rangeBits = bits.read(4);
      for (int i = 0; i < partitions; i++) {
        bits.skip((long) dimensions[classOf[i]] * rangeBits);
      }
    } else {
      throw new IllegalArgumentException("Vorbis floor type " + type);
    }
  }

  private static void skipResidue(LsbBits bits) {
    int type = bits.read(16);
    if (type > 2) {
      throw new IllegalArgumentException("Vorbis residue type " + type);
    }
    bits.read(24);
    bits.read(24);
    bits.read(24);
    int classifications = bits.read(6) + 1;
    bits.read(8);
    int books = 0;
    for (int i = 0; i < classifications; i++) {
      int cascade = bits.read(3);
      if (bits.read(1) == 1) {
        cascade |= bits.read(5) << 3;
      }
      books += Integer.bitCount(cascade);
    }
    bits.skip(8L * books);
  }

  private static void skipMapping(LsbBits bits, int channels) {
    if (bits.read(16) != 0) {
      throw new IllegalArgumentException("Vorbis mapping type must be 0");
    }
    int submaps = bits.read(1) == 1 ? bits.read(4) + 1 : 1;
    if (bits.read(1) == 1) {
      int steps = bits.read(8) + 1;
      bits.skip(2L * steps * ilog(channels - 1));
    }
    if (bits.read(2) != 0) {
      throw new IllegalArgumentException("Vorbis mapping reserved bits set");
    }
    if (submaps > 1) {
      bits.skip(4L * channels);
    }
    bits.skip(24L * submaps);
  }

  /** The number of bits needed to hold {@code v} (ilog in the specification; 0 for v &lt;= 0). */
  static int ilog(int v) {
    return v <= 0 ? 0 : 32 - Integer.numberOfLeadingZeros(v);
  }

  /** Vorbis packs bits least significant first. */
  private static final class LsbBits {
    private final byte[] data;
    private final long end;
    private long position;

    LsbBits(byte[] data, int offset, int length) {
      this.data = data;
      this.position = offset * 8L;
      this.end = (offset + (long) length) * 8L;
    }

    int read(int n) {
      if (position + n > end) {
        throw new IndexOutOfBoundsException("read past the end of the packet");
      }
      int v = 0;
      for (int i = 0; i < n; i++, position++) {
        v |= ((data[(int) (position >>> 3)] >> (position & 7)) & 1) << i;
      }
      return v;
    }

    void skip(long n) {
      if (n < 0 || position + n > end) {
        throw new IndexOutOfBoundsException("skip past the end of the packet");
      }
      position += n;
    }
  }
}
