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

  /**
   * Whether two headers belong to one stream: the same codec (object type, layer), rate and
   * channels. A header damaged by bit errors rarely agrees with its neighbours on all of them.
   */
  static boolean sameStream(Frame a, Frame b) {
    return a.sampleRate() == b.sampleRate() && a.format().channels() == b.format().channels()
        && a.format().codecString().equals(b.format().codecString());
  }

  /**
   * Whether the header {@code f} starts a real frame rather than bytes that look like one (damage,
   * or a payload byte pattern). A header must start where its length says it ends ({@code next},
   * null: none does) — so a corrupt length, which would swallow the frames after it, is caught —
   * and it must agree with the last frame taken ({@code last}, null: none yet), or, the first
   * frame or a real change of format, with that next header. Where no header can follow ({@code
   * atEnd}: the input ends within or right after {@code f}), agreeing with the last is enough.
   */
  static boolean confirmed(Frame last, Frame f, Frame next, boolean atEnd) {
    if (atEnd) {
      return last == null || sameStream(last, f);
    }
    if (next == null) {
      return false; // its length does not lead to a header: damaged, or not a frame at all
    }
    // Like the frames before: its length led to a header (which may itself be damaged: it is
    // judged in turn). Otherwise (the first frame, a change of format) the next must agree.
    return last != null && sameStream(last, f) || sameStream(f, next);
  }

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
