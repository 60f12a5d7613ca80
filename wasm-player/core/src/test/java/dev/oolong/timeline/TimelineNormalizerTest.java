package dev.oolong.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oolong.C;
import dev.oolong.extractor.PacketRecorder;
import dev.oolong.extractor.TimeBase;
import dev.oolong.extractor.TrackOutput;
import dev.oolong.media.TrackType;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimelineNormalizerTest {
  final PacketRecorder rec = new PacketRecorder();
  final TimelineNormalizer n = new TimelineNormalizer(rec);

  static void sample(TrackOutput t, long ptsUs, int size) {
    t.sampleData(new byte[size], 0, size);
    t.sampleMetadata(ptsUs, ptsUs, TrackOutput.FLAG_KEY_FRAME, size, null);
  }

  List<Long> pts(int stream) {
    return rec.packets().stream().filter(p -> p.streamIndex() == stream).map(PacketRecorder.Packet::ptsUs).toList();
  }

  @Test
  void anEarlierTrackLaterInTheStreamSetsTheStart() {
    TrackOutput video = n.track(0, TrackType.VIDEO);
    TrackOutput audio = n.track(1, TrackType.AUDIO);
    n.endTracks();
    sample(video, 95_442_400_000L, 10);
    sample(video, 95_442_433_333L, 10);
    assertThat(rec.packets()).as("held until every track has a sample").isEmpty();
    sample(audio, 95_442_380_000L, 4);
    assertThat(n.originUs()).isEqualTo(95_442_380_000L);
    assertThat(pts(0)).containsExactly(20_000L, 53_333L);
    assertThat(pts(1)).containsExactly(0L);
    sample(video, 95_442_466_667L, 10);
    assertThat(pts(0)).last().isEqualTo(86_667L);
    assertThat(rec.packets().stream().mapToInt(PacketRecorder.Packet::size).sum()).isEqualTo(34);
  }

  @Test
  void aSilentTrackHoldsAtMostASecond() {
    TrackOutput video = n.track(0, TrackType.VIDEO);
    n.track(1, TrackType.AUDIO);
    n.endTracks();
    for (int i = 0; i < 30; i++) {
      sample(video, 5_000_000 + i * 33_333L, 10);
    }
    assertThat(rec.packets()).isEmpty();
    for (int i = 30; i <= 31; i++) {
      sample(video, 5_000_000 + i * 33_333L, 10);
    }
    assertThat(pts(0)).hasSize(32).first().isEqualTo(0L);
  }

  @Test
  void theEndOfInputReleasesWhatIsHeld() {
    TrackOutput video = n.track(0, TrackType.VIDEO);
    n.track(1, TrackType.AUDIO);
    n.endTracks();
    sample(video, 7_000_000, 10);
    n.flush();
    assertThat(pts(0)).containsExactly(0L);
  }

  @Test
  void aSeekWhileHoldingDropsWhatIsHeldAndTheStartIsFoundAfterIt() {
    TrackOutput video = n.track(0, TrackType.VIDEO);
    n.endTracks();
    n.track(1, TrackType.AUDIO);
    n.seeked(); // nothing held yet: nothing changes
    sample(video, 1_000_000, 10);
    n.seeked();
    sample(video, 3_000_000, 10);
    n.flush();
    assertThat(pts(0)).containsExactly(0L);
  }

  @Test
  void presentationTimesPassUnchangedAndUnheld() {
    n.timeBase(TimeBase.PRESENTATION);
    TrackOutput video = n.track(0, TrackType.VIDEO);
    n.track(1, TrackType.AUDIO);
    n.endTracks();
    sample(video, 1_400_000, 10);
    assertThat(pts(0)).containsExactly(1_400_000L);
    assertThat(n.originUs()).isZero();
    assertThat(n.toContainerUs(2_000_000)).isEqualTo(2_000_000);
  }

  @Test
  void samplesWithoutTimesPassAndDoNotSetTheStart() {
    TrackOutput video = n.track(0, TrackType.VIDEO);
    n.endTracks();
    video.sampleData(new byte[3], 0, 3);
    video.sampleMetadata(C.TIME_UNSET, C.TIME_UNSET, 0, 3, null);
    sample(video, 2_000_000, 10);
    assertThat(rec.packets()).hasSize(2);
    assertThat(rec.packets().get(0).ptsUs()).isEqualTo(C.TIME_UNSET);
    assertThat(pts(0)).last().isEqualTo(0L);
    assertThat(n.toContainerUs(500_000)).isEqualTo(2_500_000);
  }
}
