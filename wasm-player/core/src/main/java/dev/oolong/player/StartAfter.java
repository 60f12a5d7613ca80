package dev.oolong.player;

import dev.oolong.C;
import dev.oolong.extractor.CryptoData;
import dev.oolong.extractor.ExtractorOutput;
import dev.oolong.extractor.ForwardingExtractorOutput;
import dev.oolong.extractor.ForwardingTrackOutput;
import dev.oolong.extractor.SampleBytes;
import dev.oolong.extractor.TrackOutput;
import dev.oolong.media.TrackType;

/**
 * Lets media through only from the first video key frame presented after a time (media µs), and
 * audio from that frame's time on; without video, samples presented after the time. A player
 * rebuilt past a point its output failed at (a MediaSource whose decoder rejected a packet there)
 * starts so: what lies between is never handed to the output again. Whatever the extraction
 * delivers first — from the stream's start, or from a seek point before the time — is read past
 * until then; after that everything passes (a seek later goes where it is asked).
 */
public final class StartAfter extends ForwardingExtractorOutput {
  private final long afterUs;
  private boolean hasVideo;
  /** Still looking for the first sample to let through. */
  private boolean waiting = true;
  /** The time audio starts at once the video's key frame passed (unset until then). */
  private long startUs = C.TIME_UNSET;

  /** @param afterUs media time: what is presented up to it (and the GOP it is in) is dropped */
  public StartAfter(ExtractorOutput downstream, long afterUs) {
    super(downstream);
    this.afterUs = afterUs;
  }

  /** Whether media passes now (the start was found). */
  public boolean started() {
    return !waiting;
  }

  @Override
  public TrackOutput track(int id, TrackType type) {
    hasVideo |= type == TrackType.VIDEO;
    return new Track(downstream.track(id, type), type);
  }

  private final class Track extends ForwardingTrackOutput {
    private final TrackType type;
    private final SampleBytes pending = new SampleBytes(0);

    Track(TrackOutput out, TrackType type) {
      super(out);
      this.type = type;
    }

    private boolean audioCaughtUp;

    /** Whether samples of this track may still be dropped (their bytes are held until judged). */
    private boolean judging() {
      return waiting || type == TrackType.AUDIO && hasVideo && !audioCaughtUp;
    }

    @Override
    public void sampleData(byte[] data, int offset, int length) {
      if (judging() || pending.size() > 0) { // (a sample begun while judging ends the same way)
        pending.append(data, offset, length);
      } else {
        out.sampleData(data, offset, length);
      }
    }

    @Override
    public void sampleMetadata(long ptsUs, long dtsUs, int flags, int size, CryptoData crypto) {
      if (!judging() && pending.size() == 0) {
        out.sampleMetadata(ptsUs, dtsUs, flags, size, crypto);
        return;
      }
      boolean pass;
      if (waiting) {
        boolean key = (flags & FLAG_KEY_FRAME) != 0;
        boolean after = ptsUs != C.TIME_UNSET && ptsUs > afterUs;
        pass = hasVideo ? type == TrackType.VIDEO && key && after : after;
        if (pass) {
          waiting = false;
          startUs = ptsUs;
        }
      } else if (type == TrackType.AUDIO && hasVideo && !audioCaughtUp) {
        pass = ptsUs != C.TIME_UNSET && ptsUs >= startUs;
        audioCaughtUp = pass;
      } else {
        pass = true;
      }
      if (pass) {
        int n = Math.min(Math.max(0, size), pending.size());
        out.sampleData(pending.array(), pending.size() - n, n);
        out.sampleMetadata(ptsUs, dtsUs, flags, size, crypto);
      }
      pending.clear();
    }
  }
}
