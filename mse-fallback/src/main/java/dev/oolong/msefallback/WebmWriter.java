package dev.oolong.msefallback;

import dev.oolong.media.Format;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Writes the WebM byte stream of MSE (for what has no MP4 form in the browser: VP8, Vorbis):
 * an init segment (EBML header, a Segment of unknown size, Info with a 1 ms timestamp scale,
 * Tracks) and media segments (one Cluster of SimpleBlocks, in time order). Element sizes are
 * written as 8-byte vints, patched when an element ends.
 */
final class WebmWriter {
  private WebmWriter() {}

  /** One frame of a cluster: its track number (1-based), time in ms, key flag and bytes. */
  record Block(int track, long timeMs, boolean key, byte[] data) {}

  static byte[] init(List<TrackConfig> tracks) {
    Ebml w = new Ebml();
    w.start(0x1A45DFA3);
    w.uint(0x4286, 1).uint(0x42F7, 1).uint(0x42F2, 4).uint(0x42F3, 8).string(0x4282, "webm")
        .uint(0x4287, 4).uint(0x4285, 2);
    w.end();
    w.id(0x18538067).bytes(new byte[] {0x01, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF,
        (byte) 0xFF, (byte) 0xFF, (byte) 0xFF}); // Segment, unknown size
    w.start(0x1549A966).uint(0x2AD7B1, 1_000_000).string(0x4D80, "oolong").string(0x5741, "oolong").end();
    w.start(0x1654AE6B);
    for (int i = 0; i < tracks.size(); i++) {
      Format f = tracks.get(i).format;
      boolean video = tracks.get(i).isVideo();
      w.start(0xAE).uint(0xD7, i + 1).uint(0x73C5, i + 1).uint(0x83, video ? 1 : 2).uint(0x9C, 0)
          .string(0x86, codecId(f));
      byte[] cp = codecPrivate(f);
      if (cp != null) {
        w.binary(0x63A2, cp);
      }
      if (video) {
        w.start(0xE0).uint(0xB0, f.width()).uint(0xBA, f.height()).end();
      } else {
        w.start(0xE1).floatDouble(0xB5, f.sampleRate()).uint(0x9F, f.channels()).end();
      }
      w.end();
    }
    w.end();
    return w.toByteArray();
  }

  /** A Cluster holding the blocks, sorted by time; its timestamp is the earliest. */
  static byte[] cluster(List<Block> blocks) {
    List<Block> sorted = new ArrayList<>(blocks);
    sorted.sort((a, b) -> Long.compare(a.timeMs(), b.timeMs()));
    long base = sorted.get(0).timeMs();
    Ebml w = new Ebml();
    w.start(0x1F43B675).uint(0xE7, base);
    for (Block b : sorted) {
      long relative = b.timeMs() - base;
      if (relative > Short.MAX_VALUE) {
        throw new IllegalStateException("a cluster spans more than 32 s");
      }
      w.id(0xA3).size(4 + b.data().length);
      w.u8(0x80 | b.track()).u8((int) (relative >> 8)).u8((int) relative).u8(b.key() ? 0x80 : 0);
      w.bytes(b.data());
    }
    w.end();
    return w.toByteArray();
  }

  static String codecId(Format f) {
    return switch (f.codec()) {
      case "vp8" -> "V_VP8";
      case "vp9" -> "V_VP9";
      case "av1" -> "V_AV1";
      case "vorbis" -> "A_VORBIS";
      case "opus" -> "A_OPUS";
      default -> throw new IllegalArgumentException("no WebM form for " + f.codec());
    };
  }

  /** Whether WebM can carry this codec here. */
  static boolean carries(String codec) {
    return switch (codec) {
      case "vp8", "vp9", "av1", "vorbis", "opus" -> true;
      default -> false;
    };
  }

  /** CodecPrivate: Vorbis's Xiph-laced headers, OpusHead (rebuilt from MP4's dOps), av1C. */
  private static byte[] codecPrivate(Format f) {
    byte[] first = f.initializationData().isEmpty() ? null : f.initializationData().get(0);
    if (first == null) {
      return null;
    }
    if ("opus".equals(f.codec()) && !(first.length >= 8 && first[0] == 'O' && first[1] == 'p')) {
      // dOps (big-endian) → OpusHead (little-endian)
      byte[] head = new byte[19 + Math.max(0, first.length - 11)];
      System.arraycopy("OpusHead".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, head, 0, 8);
      head[8] = 1;
      head[9] = first[1];
      head[10] = first[3];
      head[11] = first[2];
      head[12] = first[7];
      head[13] = first[6];
      head[14] = first[5];
      head[15] = first[4];
      head[16] = first[9];
      head[17] = first[8];
      head[18] = first[10];
      if (first.length > 11) {
        System.arraycopy(first, 11, head, 19, first.length - 11);
      }
      return head;
    }
    if ("vp9".equals(f.codec()) || "vp8".equals(f.codec())) {
      return null; // VP8/VP9 need none (MP4's vpcC is not a Matroska CodecPrivate)
    }
    return first;
  }

  /** EBML elements with 8-byte sizes patched at the end of each. */
  private static final class Ebml {
    private byte[] data = new byte[4096];
    private int size;
    private final int[] open = new int[16];
    private int depth;

    Ebml id(int id) {
      if ((id & 0xFF000000) != 0) {
        u8(id >>> 24);
      }
      if ((id & 0xFFFF0000) != 0) {
        u8(id >>> 16);
      }
      if ((id & 0xFFFFFF00) != 0) {
        u8(id >>> 8);
      }
      return u8(id);
    }

    Ebml start(int id) {
      id(id);
      open[depth++] = size;
      return bytes(new byte[8]);
    }

    Ebml end() {
      int at = open[--depth];
      long length = size - at - 8;
      data[at] = 0x01;
      for (int i = 1; i < 8; i++) {
        data[at + i] = (byte) (length >>> (8 * (7 - i)));
      }
      return this;
    }

    Ebml size(long length) {
      u8(0x01);
      for (int i = 1; i < 8; i++) {
        u8((int) (length >>> (8 * (7 - i))));
      }
      return this;
    }

    Ebml uint(int id, long v) {
      id(id).size(8);
      for (int i = 7; i >= 0; i--) {
        u8((int) (v >>> (8 * i)));
      }
      return this;
    }

    Ebml floatDouble(int id, double v) {
      long bits = Double.doubleToLongBits(v);
      id(id).size(8);
      for (int i = 7; i >= 0; i--) {
        u8((int) (bits >>> (8 * i)));
      }
      return this;
    }

    Ebml string(int id, String s) {
      byte[] b = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
      return binary(id, b);
    }

    Ebml binary(int id, byte[] b) {
      id(id).size(b.length);
      return bytes(b);
    }

    Ebml u8(int v) {
      ensure(1);
      data[size++] = (byte) v;
      return this;
    }

    Ebml bytes(byte[] b) {
      ensure(b.length);
      System.arraycopy(b, 0, data, size, b.length);
      size += b.length;
      return this;
    }

    byte[] toByteArray() {
      return Arrays.copyOf(data, size);
    }

    private void ensure(int n) {
      if (size + n > data.length) {
        data = Arrays.copyOf(data, Math.max(data.length * 2, size + n));
      }
    }
  }
}
