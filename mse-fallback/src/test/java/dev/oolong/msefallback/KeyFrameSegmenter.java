package dev.oolong.msefallback;

import dev.oolong.PlayerException;
import dev.oolong.extractor.CryptoData;
import dev.oolong.extractor.ExtractorOutput;
import dev.oolong.extractor.ForwardingTrackOutput;
import dev.oolong.extractor.SeekMap;
import dev.oolong.extractor.TrackOutput;
import dev.oolong.media.PsshBox;
import dev.oolong.media.TrackType;
import java.util.List;

/**
 * Hands samples to a remuxer and cuts a segment at every video key frame (after the first), as
 * the MSE session does: the tests' way of driving {@link Fmp4Remuxer} without a MediaSource.
 */
public final class KeyFrameSegmenter implements ExtractorOutput {
  private final Fmp4Remuxer remuxer;
  private final List<byte[]> segments;
  private final boolean failFast;

  /**
   * @param segments where the segments cut go
   * @param failFast a remuxer error fails the run (else that segment is not written: the run ends
   *     with what was)
   */
  public KeyFrameSegmenter(Fmp4Remuxer remuxer, List<byte[]> segments, boolean failFast) {
    this.remuxer = remuxer;
    this.segments = segments;
    this.failFast = failFast;
  }

  @Override
  public TrackOutput track(int id, TrackType type) {
    return new ForwardingTrackOutput(remuxer.track(id, type)) {
      @Override
      public void sampleMetadata(long ptsUs, long dtsUs, int flags, int size, CryptoData crypto) {
        super.sampleMetadata(ptsUs, dtsUs, flags, size, crypto);
        if (type != TrackType.VIDEO || (flags & FLAG_KEY_FRAME) == 0) {
          return;
        }
        try {
          if (remuxer.ready()) {
            byte[] s = remuxer.segment(false);
            if (s != null) {
              segments.add(s);
            }
          }
        } catch (PlayerException e) {
          if (failFast) {
            throw new IllegalStateException(e);
          }
        }
      }
    };
  }

  @Override
  public void endTracks() {
    remuxer.endTracks();
  }

  @Override
  public void seekMap(SeekMap seekMap) {}

  @Override
  public void drmInitData(List<PsshBox> boxes) {
    remuxer.drmInitData(boxes);
  }
}
