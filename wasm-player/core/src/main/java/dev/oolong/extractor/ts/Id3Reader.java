package dev.oolong.extractor.ts;

import dev.oolong.C;
import dev.oolong.PlayerException;
import dev.oolong.extractor.TrackOutput;
import dev.oolong.media.Format;
import dev.oolong.media.TrackType;
import java.util.List;

/** ID3 timed metadata in PES (stream type 0x15 with an 'ID3 ' format identifier): one sample per PES. */
final class Id3Reader implements EsReader {
  private final TsTrack track;
  private final ByteAccumulator unit = new ByteAccumulator(1 << 20);
  private long pts = -1;

  Id3Reader(TsTrack track) {
    this.track = track;
  }

  @Override
  public void packetStarted(long pts, long dts) {
    this.pts = pts;
    unit.clear();
  }

  @Override
  public void consume(byte[] data, int offset, int length) throws PlayerException {
    unit.append(data, offset, length);
  }

  @Override
  public void packetFinished() {
    if (unit.size == 0) {
      return;
    }
    if (!track.formatSent) {
      track.format(new Format(track.pid, TrackType.METADATA, "timed_id3", null, 0, 0, 0, 0,
          List.of(), null, C.TIME_UNSET, false));
    }
    track.output.sampleData(unit.data, 0, unit.size);
    track.sample(pts, pts, TrackOutput.FLAG_KEY_FRAME, unit.size);
    unit.clear();
  }

  @Override
  public void discontinuity() {
    unit.clear();
  }

  @Override
  public void endOfStream() {
    packetFinished();
  }
}
