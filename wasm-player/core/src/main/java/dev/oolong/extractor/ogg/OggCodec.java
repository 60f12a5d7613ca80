package dev.oolong.extractor.ogg;

import dev.oolong.C;
import dev.oolong.codec.FlacFrameHeader;
import dev.oolong.codec.FlacStreamInfo;
import dev.oolong.codec.OpusPackets;
import dev.oolong.codec.VorbisSetup;
import dev.oolong.media.Format;
import dev.oolong.media.TrackType;
import java.io.ByteArrayOutputStream;
import java.util.List;

/**
 * One codec's mapping into Ogg: which packets are headers, the track format they give, and how
 * many samples (at the granule rate) each audio packet lasts. Instances keep the state a packet
 * duration depends on (Vorbis: the previous block size).
 */
abstract class OggCodec {
  /** The codec of a stream from its first packet, or null when it is not one we read. */
  static OggCodec identify(byte[] first) {
    if (startsWith(first, 0, "OpusHead") && first.length >= 19) {
      return new Opus();
    }
    if (first.length >= 30 && first[0] == 1 && VorbisSetup.isHeader(first)) {
      return new Vorbis();
    }
    if (first.length >= 13 + 38 && (first[0] & 0xFF) == 0x7F && startsWith(first, 1, "FLAC")
        && startsWith(first, 9, "fLaC")) {
      return new Flac();
    }
    return null;
  }

  /** A short name for messages when the first packet is not recognised. */
  static String guessName(byte[] first) {
    if (first.length > 7 && first[0] == (byte) 0x80 && startsWith(first, 1, "theora")) {
      return "theora";
    }
    if (startsWith(first, 0, "Speex")) {
      return "speex";
    }
    return "unknown";
  }

  /**
   * Takes one packet while the headers are not complete.
   *
   * @return false when the packet is not a header (it is then audio)
   * @throws IllegalArgumentException when a header is malformed
   */
  abstract boolean header(byte[] packet);

  /** Whether every header has been seen, so {@link #format} can be called. */
  abstract boolean headersComplete();

  abstract Format format(int trackId);

  /** The duration of an audio packet in granule units (samples). */
  abstract long duration(byte[] packet);

  /** Granules per second. */
  abstract int granuleRate();

  /** Samples to subtract from granule positions to get presentation times (Opus pre-skip). */
  long preSkip() {
    return 0;
  }

  /** Forgets the state carried from packet to packet (after a seek). */
  void reset() {}

  static boolean startsWith(byte[] d, int offset, String magic) {
    if (d.length < offset + magic.length()) {
      return false;
    }
    for (int i = 0; i < magic.length(); i++) {
      if (d[offset + i] != magic.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /** Opus (RFC 7845): OpusHead and OpusTags, 48 kHz granules, pre-skip. */
  static final class Opus extends OggCodec {
    private byte[] head;
    private int headers;

    @Override
    boolean header(byte[] packet) {
      if (headers == 0) {
        head = packet;
      }
      headers++;
      return true;
    }

    @Override
    boolean headersComplete() {
      return headers >= 2;
    }

    @Override
    Format format(int trackId) {
      return new Format(trackId, TrackType.AUDIO, "opus", "opus", 0, 0, 48000, head[9] & 0xFF,
          List.of(head), null, C.TIME_UNSET, false);
    }

    @Override
    long duration(byte[] packet) {
      return OpusPackets.samples(packet);
    }

    @Override
    int granuleRate() {
      return 48000;
    }

    @Override
    long preSkip() {
      return (head[10] & 0xFF) | (head[11] & 0xFF) << 8;
    }
  }

  /**
   * Vorbis I (Vorbis specification, appendix A): three headers; a packet lasts a quarter of the
   * previous block plus a quarter of its own, the previous block of the first packet being taken
   * as short (as ffmpeg's parser does, so times agree with ffprobe's).
   */
  static final class Vorbis extends OggCodec {
    private final byte[][] headers = new byte[3][];
    private int count;
    private VorbisSetup setup;
    private int previousBlock = -1;

    @Override
    boolean header(byte[] packet) {
      int expectedType = 2 * count + 1;
      if (packet.length == 0 || packet[0] != expectedType || !VorbisSetup.isHeader(packet)) {
        throw new IllegalArgumentException("Vorbis header " + (count + 1) + " of 3 missing");
      }
      headers[count++] = packet;
      if (count == 3) {
        setup = VorbisSetup.parse(headers[0], headers[2]);
      }
      return true;
    }

    @Override
    boolean headersComplete() {
      return count == 3;
    }

    @Override
    Format format(int trackId) {
      // The three headers, Xiph-laced, as Matroska's CodecPrivate carries them.
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      out.write(2);
      for (int i = 0; i < 2; i++) {
        int n = headers[i].length;
        for (; n >= 255; n -= 255) {
          out.write(255);
        }
        out.write(n);
      }
      for (byte[] h : headers) {
        out.write(h, 0, h.length);
      }
      return new Format(trackId, TrackType.AUDIO, "vorbis", "vorbis", 0, 0, setup.sampleRate(),
          setup.channels(), List.of(out.toByteArray()), null, C.TIME_UNSET, false);
    }

    @Override
    long duration(byte[] packet) {
      int block = setup.blockSize(packet);
      if (block < 0) {
        return 0;
      }
      int previous = previousBlock < 0 ? setup.blockSize0() : previousBlock;
      previousBlock = block;
      return (previous + block) / 4;
    }

    @Override
    int granuleRate() {
      return setup.sampleRate();
    }

    @Override
    void reset() {
      previousBlock = -1;
    }
  }

  /**
   * FLAC in Ogg (the FLAC-to-Ogg mapping): the first packet carries the mapping header and
   * STREAMINFO, then the other metadata blocks, one per packet, then one frame per packet.
   */
  static final class Flac extends OggCodec {
    private FlacStreamInfo info;
    private int headersLeft = -1; // -1: unknown count, metadata until the block flagged last
    private boolean done;

    @Override
    boolean header(byte[] packet) {
      if (info == null) {
        info = FlacStreamInfo.parse(packet, 13 + 4);
        headersLeft = (packet[7] & 0xFF) << 8 | (packet[8] & 0xFF);
        done = (packet[13] & 0x80) != 0;
        if (headersLeft == 0) {
          headersLeft = -1;
        }
        return true;
      }
      if (packet.length == 0 || (packet[0] & 0xFF) == 0xFF) {
        done = true; // a frame where a metadata block was expected: the headers are over
        return false;
      }
      if ((packet[0] & 0x80) != 0 || headersLeft == 1) {
        done = true;
      }
      if (headersLeft > 0) {
        headersLeft--;
      }
      return true;
    }

    @Override
    boolean headersComplete() {
      return done;
    }

    @Override
    Format format(int trackId) {
      return new Format(trackId, TrackType.AUDIO, "flac", "flac", 0, 0, info.sampleRate(),
          info.channels(), List.of(info.body()), null, C.TIME_UNSET, false);
    }

    @Override
    long duration(byte[] packet) {
      FlacFrameHeader h = FlacFrameHeader.parse(packet, 0, packet.length);
      return h == null ? 0 : h.blockSize();
    }

    @Override
    int granuleRate() {
      return info.sampleRate();
    }
  }
}
