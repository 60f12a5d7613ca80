package dev.oolong.extractor;

import dev.oolong.media.Format;
import dev.oolong.media.TrackType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * An {@link ExtractorOutput} that records everything: tracks in order (the stream index),
 * formats, and every packet with its times, flags, size and a CRC-32 of its bytes. Used by the
 * probe command's {@code --packets} and by tests.
 */
public final class PacketRecorder implements ExtractorOutput {

  /** One packet. */
  public record Packet(int streamIndex, long ptsUs, long dtsUs, int flags, int size, long crc32,
      CryptoData crypto) {
    /** {@code stream_index,pts_time,dts_time,size,flags} as ffprobe's CSV prints it. */
    public String toCsv() {
      return streamIndex + "," + seconds(ptsUs) + "," + seconds(dtsUs) + "," + size + ","
          + ((flags & TrackOutput.FLAG_KEY_FRAME) != 0 ? 'K' : '_')
          + ((flags & TrackOutput.FLAG_DECODE_ONLY) != 0 ? 'D' : '_');
    }

    /** The encryption data in one word: scheme, key id, IV and clear/encrypted pairs. */
    public String cryptoSummary() {
      if (crypto == null) {
        return "clear";
      }
      StringBuilder sb = new StringBuilder(crypto.scheme()).append(" kid=").append(hex(crypto.keyId()))
          .append(" iv=").append(hex(crypto.iv()));
      if (crypto.cryptByteBlock() != 0 || crypto.skipByteBlock() != 0) {
        sb.append(" pattern=").append(crypto.cryptByteBlock()).append(':').append(crypto.skipByteBlock());
      }
      for (int i = 0; i < crypto.clearBytes().length; i++) {
        sb.append(i == 0 ? " sub=" : ";").append(crypto.clearBytes()[i]).append('/')
            .append(crypto.encryptedBytes()[i]);
      }
      return sb.toString();
    }
  }

  private final Map<Integer, Track> tracks = new LinkedHashMap<>();
  private final List<Packet> packets = new ArrayList<>();
  private final boolean keepData;
  private boolean tracksEnded;
  private SeekMap seekMap;
  private final List<dev.oolong.media.PsshBox> pssh = new ArrayList<>();

  public PacketRecorder() {
    this(false);
  }

  /** @param keepData keep every packet's bytes (for tests of small inputs) */
  public PacketRecorder(boolean keepData) {
    this.keepData = keepData;
  }

  /** One recorded track. */
  public final class Track implements TrackOutput {
    public final int index;
    public final TrackType type;
    public Format format;
    private byte[] pending = new byte[1024];
    private int pendingSize;
    public final List<byte[]> data = new ArrayList<>();

    Track(int index, TrackType type) {
      this.index = index;
      this.type = type;
    }

    @Override
    public void format(Format f) {
      format = f;
    }

    @Override
    public void sampleData(byte[] d, int offset, int length) {
      if (pendingSize + length > pending.length) {
        pending = java.util.Arrays.copyOf(pending, Math.max(pending.length * 2, pendingSize + length));
      }
      System.arraycopy(d, offset, pending, pendingSize, length);
      pendingSize += length;
    }

    @Override
    public void sampleMetadata(long ptsUs, long dtsUs, int flags, int size, CryptoData crypto) {
      if (size > pendingSize) {
        throw new IllegalStateException("sample of " + size + " bytes but " + pendingSize + " written");
      }
      CRC32 crc = new CRC32();
      int start = pendingSize - size;
      crc.update(pending, start, size);
      if (keepData) {
        data.add(java.util.Arrays.copyOfRange(pending, start, pendingSize));
      }
      packets.add(new Packet(index, ptsUs, dtsUs, flags, size, crc.getValue(), crypto));
      pendingSize = 0;
    }
  }

  @Override
  public TrackOutput track(int id, TrackType type) {
    return tracks.computeIfAbsent(id, k -> new Track(tracks.size(), type));
  }

  @Override
  public void endTracks() {
    tracksEnded = true;
  }

  @Override
  public void seekMap(SeekMap map) {
    seekMap = map;
  }

  @Override
  public void drmInitData(List<dev.oolong.media.PsshBox> boxes) {
    pssh.addAll(boxes);
  }

  /** Every pssh box reported, in order. */
  public List<dev.oolong.media.PsshBox> pssh() {
    return pssh;
  }

  public List<Track> tracks() {
    return new ArrayList<>(tracks.values());
  }

  public List<Packet> packets() {
    return packets;
  }

  public boolean tracksEnded() {
    return tracksEnded;
  }

  public SeekMap seekMap() {
    return seekMap;
  }

  /** A plain-text dump: formats, then one line per packet (the golden-dump format). */
  public String dump() {
    StringBuilder sb = new StringBuilder();
    for (Track t : tracks.values()) {
      sb.append("track ").append(t.index).append(": ").append(describe(t.format)).append('\n');
    }
    for (dev.oolong.media.PsshBox b : pssh) {
      sb.append("pssh ").append(b.systemId()).append(" kids=").append(b.keyIds().size())
          .append(" data=").append(b.data().length).append('\n');
    }
    for (Packet p : packets) {
      sb.append(p.toCsv()).append(',').append(Long.toHexString(p.crc32()));
      if (p.crypto() != null) {
        sb.append(',').append(p.cryptoSummary());
      }
      sb.append('\n');
    }
    return sb.toString();
  }

  /** A format with its initialization data as sizes and CRC-32s (stable across runs). */
  static String describe(Format f) {
    if (f == null) {
      return "no format";
    }
    StringBuilder init = new StringBuilder();
    for (byte[] b : f.initializationData()) {
      CRC32 crc = new CRC32();
      crc.update(b);
      init.append(init.length() == 0 ? "" : " ").append(b.length).append(':')
          .append(Long.toHexString(crc.getValue()));
    }
    return f.type() + " " + f.codec() + " " + f.codecString() + " " + f.width() + "x" + f.height()
        + " " + f.sampleRate() + "Hz " + f.channels() + "ch lang=" + f.language() + " duration="
        + f.durationUs() + " encrypted=" + f.encrypted() + " init=[" + init + "]";
  }

  static String hex(byte[] b) {
    StringBuilder sb = new StringBuilder();
    for (byte x : b) {
      sb.append(Character.forDigit((x >> 4) & 0xF, 16)).append(Character.forDigit(x & 0xF, 16));
    }
    return sb.toString();
  }

  static String seconds(long us) {
    return String.format(Locale.ROOT, "%s%d.%06d", us < 0 ? "-" : "", Math.abs(us) / 1_000_000,
        Math.abs(us) % 1_000_000);
  }
}
