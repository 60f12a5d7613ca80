package dev.oolong.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oolong.manifest.hls.HlsParser;
import org.junit.jupiter.api.Test;

/** Where live playback starts, against the RFC's defaults, and the catch-up decisions. */
class LiveEdgeTest {
  static final String URL = "https://example.com/live.m3u8";

  static SegmentList list(String head, int segments, boolean ended) throws Exception {
    StringBuilder b = new StringBuilder("#EXTM3U\n#EXT-X-TARGETDURATION:4\n" + head);
    for (int i = 0; i < segments; i++) {
      b.append("#EXTINF:4,\ns").append(i).append(".ts\n");
    }
    if (ended) {
      b.append("#EXT-X-ENDLIST\n");
    }
    return HlsParser.parseMedia(URL, b.toString());
  }

  @Test
  void liveStartsThreeTargetDurationsFromTheEndUnlessTheServerSaysOtherwise() throws Exception {
    SegmentList live = list("", 10, false);
    assertThat(LiveEdge.holdBackUs(live)).isEqualTo(12_000_000);
    assertThat(LiveEdge.startUs(live, dev.oolong.C.TIME_UNSET)).isEqualTo(40_000_000 - 12_000_000);
    assertThat(LiveEdge.segmentAt(live, 28_000_000)).isEqualTo(7);
    SegmentList held = list("#EXT-X-SERVER-CONTROL:HOLD-BACK=9.5\n", 10, false);
    assertThat(LiveEdge.startUs(held, dev.oolong.C.TIME_UNSET)).isEqualTo(30_500_000);
    SegmentList start = list("#EXT-X-START:TIME-OFFSET=-6\n", 10, false);
    assertThat(LiveEdge.startUs(start, dev.oolong.C.TIME_UNSET)).isEqualTo(34_000_000);
    assertThat(LiveEdge.startUs(list("", 2, false), dev.oolong.C.TIME_UNSET)).as("clamped to the list").isZero();
  }

  @Test
  void vodStartsAtItsStartOrItsOffset() throws Exception {
    assertThat(LiveEdge.startUs(list("", 10, true), dev.oolong.C.TIME_UNSET)).isZero();
    assertThat(LiveEdge.startUs(list("", 10, true), 8_000_000)).isEqualTo(8_000_000);
    assertThat(LiveEdge.startUs(list("#EXT-X-START:TIME-OFFSET=5\n", 10, true), 8_000_000))
        .as("the media playlist's own offset wins").isEqualTo(5_000_000);
  }

  @Test
  void lowLatencyStartsAtThePartHoldBack() throws Exception {
    SegmentList ll = HlsParser.parseMedia(URL, "#EXTM3U\n#EXT-X-TARGETDURATION:4\n#EXT-X-PART-INF:PART-TARGET=0.5\n"
        + "#EXT-X-SERVER-CONTROL:CAN-BLOCK-RELOAD=YES,PART-HOLD-BACK=1.5\n#EXTINF:4,\na.mp4\n#EXTINF:4,\nb.mp4\n"
        + "#EXT-X-PART:DURATION=0.5,URI=\"p0.mp4\",INDEPENDENT=YES\n#EXT-X-PART:DURATION=0.5,URI=\"p1.mp4\"\n");
    assertThat(LiveEdge.endUs(ll)).isEqualTo(9_000_000);
    assertThat(LiveEdge.startUs(ll, dev.oolong.C.TIME_UNSET)).isEqualTo(7_500_000);
  }

  @Test
  void catchUpStaysInItsBandAndJumpsWhenFarBehind() {
    assertThat(CatchUp.decide(3_000_000, 3_000_000, 5_000_000)).isEqualTo(new CatchUp.Decision(1, false));
    assertThat(CatchUp.decide(3_100_000, 3_000_000, 5_000_000).rate()).as("within tolerance").isEqualTo(1);
    assertThat(CatchUp.decide(4_000_000, 3_000_000, 5_000_000).rate()).isCloseTo(1.05, org.assertj.core.api.Assertions.within(1e-9));
    assertThat(CatchUp.decide(8_000_000, 3_000_000, 5_000_000).rate()).isEqualTo(CatchUp.MAX_RATE);
    assertThat(CatchUp.decide(20_000_000, 3_000_000, 5_000_000).jump()).isTrue();
    assertThat(CatchUp.decide(1_000_000, 3_000_000, 5_000_000).rate()).isEqualTo(CatchUp.MIN_RATE);
    assertThat(CatchUp.decide(5_000_000, 3_000_000, 100_000).rate()).as("no speeding up on an empty buffer").isEqualTo(1);
    for (long l = 0; l < 30_000_000; l += 250_000) {
      CatchUp.Decision d = CatchUp.decide(l, 3_000_000, 2_000_000);
      assertThat(d.rate()).isBetween(CatchUp.MIN_RATE, CatchUp.MAX_RATE);
    }
  }
}
