package dev.oolong.extractor;

import dev.oolong.media.PsshBox;
import java.util.List;

/**
 * An {@link ExtractorOutput} that passes the end of the tracks, the seek map and protection data
 * on to another: stages between an extractor and its consumer (re-timing, seek gating, watching)
 * say only how they wrap each track ({@link #track}); {@link ForwardingTrackOutput} is the
 * per-track half.
 */
public abstract class ForwardingExtractorOutput implements ExtractorOutput {
  /** Where everything goes. */
  protected final ExtractorOutput downstream;

  protected ForwardingExtractorOutput(ExtractorOutput downstream) {
    this.downstream = downstream;
  }

  @Override
  public void endTracks() {
    downstream.endTracks();
  }

  @Override
  public void seekMap(SeekMap seekMap) {
    downstream.seekMap(seekMap);
  }

  @Override
  public void drmInitData(List<PsshBox> boxes) {
    downstream.drmInitData(boxes);
  }

  @Override
  public void timeBase(TimeBase base) {
    downstream.timeBase(base);
  }
}
