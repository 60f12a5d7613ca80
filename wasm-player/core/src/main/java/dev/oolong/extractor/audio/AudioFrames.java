package dev.oolong.extractor.audio;

import dev.oolong.C;
import dev.oolong.codec.AdtsHeader;
import dev.oolong.codec.MpegAudioHeader;
import dev.oolong.media.Format;
import dev.oolong.media.TrackType;
import java.util.List;

/** How to recognise and measure the frames of a framed audio stream (ADTS AAC, MPEG audio). */
public interface AudioFrames {
  /** Bytes needed to parse a header. */
  int headerSize();

  /** The frame starting at {@code d[p]}, or null when none starts there. */
  Frame parse(byte[] d, int p);

  /** One frame: its size, samples, rate, and the format it implies. */
  record Frame(int length, int samples, int sampleRate, Format format) {}

  /** ADTS: frames carry their 7 or 9 byte header, which stays in the sample (as in ffmpeg). */
  static AudioFrames adts(int trackId) {
    return new AudioFrames() {
      @Override
      public int headerSize() {
        return 7;
      }

      @Override
      public Frame parse(byte[] d, int p) {
        AdtsHeader h = AdtsHeader.parse(d, p);
        if (h == null) {
          return null;
        }
        Format f = new Format(trackId, TrackType.AUDIO, "aac", "mp4a.40." + h.audioObjectType(),
            0, 0, h.sampleRate(), h.channels(), List.of(h.audioSpecificConfig()), null,
            C.TIME_UNSET, false);
        return new Frame(h.frameLength(), AdtsHeader.SAMPLES_PER_FRAME, h.sampleRate(), f);
      }
    };
  }

  /** MPEG-1/2/2.5 audio layers I–III. */
  static AudioFrames mpegAudio(int trackId) {
    return new AudioFrames() {
      @Override
      public int headerSize() {
        return 4;
      }

      @Override
      public Frame parse(byte[] d, int p) {
        MpegAudioHeader h = MpegAudioHeader.parse(d, p);
        if (h == null || h.frameSize() < 4) {
          return null;
        }
        String codec = h.layer() == 3 ? "mp3" : h.layer() == 2 ? "mp2" : "mp1";
        Format f = new Format(trackId, TrackType.AUDIO, codec, h.layer() == 3 ? "mp3" : "mp4a.6B",
            0, 0, h.sampleRate(), h.channels(), List.of(), null, C.TIME_UNSET, false);
        return new Frame(h.frameSize(), h.samplesPerFrame(), h.sampleRate(), f);
      }
    };
  }
}
