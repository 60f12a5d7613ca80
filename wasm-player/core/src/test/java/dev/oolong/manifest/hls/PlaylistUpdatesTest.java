package dev.oolong.manifest.hls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oolong.ErrorCode;
import dev.oolong.PlayerException;
import dev.oolong.manifest.SegmentList;
import dev.oolong.manifest.SegmentList.Segment;
import org.junit.jupiter.api.Test;

/** Reloads of a live list: delta updates joined, inconsistent ones refused, the reload timing and URLs. */
class PlaylistUpdatesTest {
  static final String URL = "https://example.com/live/v.m3u8?token=7";

  /** A live list of segments {@code first..last}, a discontinuity before {@code disc} (or none). */
  static String live(long first, long last, long disc, String extra) {
    StringBuilder b = new StringBuilder("#EXTM3U\n#EXT-X-TARGETDURATION:4\n" + extra + "#EXT-X-MEDIA-SEQUENCE:" + first + "\n");
    for (long i = first; i <= last; i++) {
      if (i == disc) {
        b.append("#EXT-X-DISCONTINUITY\n");
      }
      b.append("#EXTINF:4,\ns").append(i).append(".ts\n");
    }
    return b.toString();
  }

  @Test
  void aDeltaUpdateIsJoinedToTheListBefore() throws Exception {
    SegmentList full = HlsParser.parseMedia(URL, live(10, 20, 15,
        "#EXT-X-SERVER-CONTROL:CAN-BLOCK-RELOAD=YES,CAN-SKIP-UNTIL=24\n"));
    // The delta: 12..21 listed as a skip of 12..17 and then 18..21 (one more discontinuity at 19)
    SegmentList delta = HlsParser.parseMedia(URL, "#EXTM3U\n#EXT-X-TARGETDURATION:4\n"
        + "#EXT-X-SERVER-CONTROL:CAN-BLOCK-RELOAD=YES,CAN-SKIP-UNTIL=24\n#EXT-X-MEDIA-SEQUENCE:12\n"
        + "#EXT-X-SKIP:SKIPPED-SEGMENTS=6\n#EXTINF:4,\ns18.ts\n#EXT-X-DISCONTINUITY\n#EXTINF:4,\ns19.ts\n"
        + "#EXTINF:4,\ns20.ts\n#EXTINF:4,\ns21.ts\n");
    SegmentList merged = PlaylistUpdates.merge(full, delta);
    assertThat(merged.skippedSegments()).isZero();
    assertThat(merged.segments()).extracting(Segment::sequence)
        .containsExactly(12L, 13L, 14L, 15L, 16L, 17L, 18L, 19L, 20L, 21L);
    assertThat(merged.segments().get(0).url()).isEqualTo("https://example.com/live/s12.ts");
    // discontinuities: 15 made it 1 in the full list, 19 makes it 2
    assertThat(merged.segments()).extracting(Segment::discontinuitySequence)
        .containsExactly(0L, 0L, 0L, 1L, 1L, 1L, 1L, 2L, 2L, 2L);
    assertThat(merged.discontinuitySequence()).isZero();
    assertThat(merged.nextSequence()).isEqualTo(22);
  }

  @Test
  void inconsistentReloadsAreTypedErrors() throws Exception {
    SegmentList before = HlsParser.parseMedia(URL, live(10, 20, -1, ""));
    assertThatThrownBy(() -> PlaylistUpdates.merge(before, HlsParser.parseMedia(URL, live(8, 20, -1, ""))))
        .isInstanceOfSatisfying(PlayerException.class, e -> {
          assertThat(e.errorCode()).isEqualTo(ErrorCode.MANIFEST_INCONSISTENT);
          assertThat(e.getMessage()).contains("went back from 10 to 8");
        });
    SegmentList delta = HlsParser.parseMedia(URL, "#EXTM3U\n#EXT-X-TARGETDURATION:4\n#EXT-X-MEDIA-SEQUENCE:12\n"
        + "#EXT-X-SKIP:SKIPPED-SEGMENTS=12\n#EXTINF:4,\ns24.ts\n");
    assertThatThrownBy(() -> PlaylistUpdates.merge(before, delta)).isInstanceOfSatisfying(PlayerException.class,
        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.MANIFEST_INCONSISTENT));
    assertThatThrownBy(() -> PlaylistUpdates.merge(null, delta)).isInstanceOf(PlayerException.class);
  }

  @Test
  void reloadTimingFollowsTheRfc() throws Exception {
    SegmentList a = HlsParser.parseMedia(URL, live(10, 20, -1, ""));
    SegmentList same = HlsParser.parseMedia(URL, live(10, 20, -1, ""));
    SegmentList more = HlsParser.parseMedia(URL, live(11, 21, -1, ""));
    assertThat(PlaylistUpdates.changed(a, same)).isFalse();
    assertThat(PlaylistUpdates.changed(a, more)).isTrue();
    assertThat(PlaylistUpdates.reloadDelayUs(more, true)).isEqualTo(4_000_000);
    assertThat(PlaylistUpdates.reloadDelayUs(same, false)).isEqualTo(2_000_000);
    assertThat(PlaylistUpdates.blockingReloadUrl(a, true)).as("the server cannot block").isNull();
  }

  @Test
  void blockingReloadsAskForTheNextSegmentOrPart() throws Exception {
    SegmentList plain = HlsParser.parseMedia(URL + "&_HLS_msn=20", live(10, 20, -1,
        "#EXT-X-SERVER-CONTROL:CAN-BLOCK-RELOAD=YES,CAN-SKIP-UNTIL=24\n"));
    assertThat(PlaylistUpdates.blockingReloadUrl(plain, true))
        .isEqualTo("https://example.com/live/v.m3u8?token=7&_HLS_msn=21&_HLS_skip=YES");
    assertThat(PlaylistUpdates.blockingReloadUrl(plain, false))
        .isEqualTo("https://example.com/live/v.m3u8?token=7&_HLS_msn=21");
    SegmentList ll = HlsParser.parseMedia("https://example.com/ll.m3u8", "#EXTM3U\n#EXT-X-TARGETDURATION:4\n"
        + "#EXT-X-SERVER-CONTROL:CAN-BLOCK-RELOAD=YES,PART-HOLD-BACK=1\n#EXT-X-PART-INF:PART-TARGET=0.5\n"
        + "#EXT-X-MEDIA-SEQUENCE:5\n#EXTINF:4,\ns5.mp4\n"
        + "#EXT-X-PART:DURATION=0.5,URI=\"p6.0.mp4\",INDEPENDENT=YES\n#EXT-X-PART:DURATION=0.5,URI=\"p6.1.mp4\"\n");
    assertThat(PlaylistUpdates.blockingReloadUrl(ll, false)).isEqualTo("https://example.com/ll.m3u8?_HLS_msn=6&_HLS_part=2");
    assertThat(PlaylistUpdates.reloadDelayUs(ll, true)).isEqualTo(500_000);
    assertThat(PlaylistUpdates.withoutDirectives("https://h/p.m3u8?_HLS_msn=3&a=1&_HLS_part=2#f"))
        .isEqualTo("https://h/p.m3u8?a=1#f");
  }
}
