package dev.oolong.extractor.mkv;

import dev.oolong.codec.FlacFrameHeader;
import dev.oolong.codec.MpegAudioHeader;
import dev.oolong.codec.OpusPackets;
import dev.oolong.codec.VorbisSetup;
import java.util.Arrays;

/**
 * Times of the frames after the first in a lace. The Matroska specification derives them from
 * the block's timestamp plus the durations of the frames before: the track's DefaultDuration
 * when it has one, else each frame's own duration from its codec (Opus TOC, Vorbis block sizes,
 * AAC 1024 samples, MPEG audio and FLAC headers). Without either, the frames share the block's
 * time.
 */
final class LaceTiming {
  private VorbisSetup vorbis;
  private boolean vorbisTried;
  private int previousVorbisBlock = -1;

  /** The duration of the frame at {@code d[p, p + length)} in ns, or -1 when unknown. */
  long durationNs(MkvTrack t, byte[] d, int p, int length) {
    if (t.defaultDurationNs > 0) {
      return t.defaultDurationNs;
    }
    double rate = t.samplingFrequency;
    long samples;
    switch (t.codecId) {
      case "A_OPUS" -> {
        samples = OpusPackets.samples(d, p, length);
        rate = 48000;
      }
      case "A_AAC" -> samples = 1024;
      case "A_MPEG/L3", "A_MPEG/L2" -> {
        MpegAudioHeader h = length >= 4 ? MpegAudioHeader.parse(d, p) : null;
        samples = h == null ? -1 : h.samplesPerFrame();
      }
      case "A_FLAC" -> {
        FlacFrameHeader h = FlacFrameHeader.parse(d, p, p + length);
        samples = h == null ? -1 : h.blockSize();
      }
      case "A_VORBIS" -> samples = vorbisSamples(t, Arrays.copyOfRange(d, p, p + length));
      default -> samples = -1;
    }
    return samples < 0 || rate <= 0 ? -1 : Math.round(samples * 1e9 / rate);
  }

  /** A seek: the Vorbis block before the next frame is not known. */
  void reset() {
    previousVorbisBlock = -1;
  }

  private long vorbisSamples(MkvTrack t, byte[] frame) {
    if (!vorbisTried) {
      vorbisTried = true;
      vorbis = parseVorbis(t.codecPrivate);
    }
    if (vorbis == null) {
      return -1;
    }
    int block = vorbis.blockSize(frame);
    if (block < 0) {
      return -1;
    }
    int previous = previousVorbisBlock < 0 ? vorbis.blockSize0() : previousVorbisBlock;
    previousVorbisBlock = block;
    return (previous + block) / 4;
  }

  /** The identification and setup headers of a Xiph-laced CodecPrivate; null when damaged. */
  private static VorbisSetup parseVorbis(byte[] cp) {
    try {
      if (cp == null || cp.length < 3 || cp[0] != 2) {
        return null;
      }
      int p = 1;
      int[] sizes = new int[2];
      for (int i = 0; i < 2; i++) {
        int v;
        do {
          v = cp[p++] & 0xFF;
          sizes[i] += v;
        } while (v == 255);
      }
      byte[] id = Arrays.copyOfRange(cp, p, p + sizes[0]);
      int setupStart = p + sizes[0] + sizes[1];
      if (setupStart > cp.length) {
        return null;
      }
      return VorbisSetup.parse(id, Arrays.copyOfRange(cp, setupStart, cp.length));
    } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
      return null;
    }
  }
}
