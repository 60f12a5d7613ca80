package dev.oolong.manifest.hls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oolong.C;
import dev.oolong.ErrorCode;
import dev.oolong.PlayerException;
import dev.oolong.manifest.Presentation;
import dev.oolong.manifest.Presentation.RenditionType;
import dev.oolong.manifest.SegmentList;
import dev.oolong.manifest.SegmentList.KeyMethod;
import dev.oolong.manifest.SegmentList.Segment;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** RFC 8216bis playlists, from the RFC's own examples and the LL-HLS specification's, and hostile ones. */
class HlsParserTest {
  static final String BASE = "https://example.com/live/master.m3u8";
  static final String MEDIA = "https://example.com/live/v1/prog.m3u8";

  @Test
  void aMultivariantPlaylistGivesItsVariantsAndRenditions() throws Exception {
    String text = """
        #EXTM3U
        #EXT-X-INDEPENDENT-SEGMENTS
        #EXT-X-START:TIME-OFFSET=-12.5
        #EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID="aac",NAME="English",LANGUAGE="en",DEFAULT=YES,AUTOSELECT=YES,CHANNELS="2",URI="audio/en.m3u8"
        #EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID="aac",NAME="Deutsch",LANGUAGE="de",DEFAULT=NO,URI="audio/de.m3u8"
        #EXT-X-MEDIA:TYPE=SUBTITLES,GROUP-ID="subs",NAME="English",LANGUAGE="en",FORCED=NO,URI="/subs/en.m3u8"
        #EXT-X-MEDIA:TYPE=CLOSED-CAPTIONS,GROUP-ID="cc",NAME="CC1",INSTREAM-ID="CC1"
        #EXT-X-STREAM-INF:BANDWIDTH=1280000,AVERAGE-BANDWIDTH=1000000,CODECS="avc1.4d401f,mp4a.40.2",RESOLUTION=640x360,FRAME-RATE=29.970,AUDIO="aac",SUBTITLES="subs",CLOSED-CAPTIONS="cc"
        v1/prog.m3u8
        #EXT-X-I-FRAME-STREAM-INF:BANDWIDTH=86000,URI="v1/iframes.m3u8"
        #EXT-X-STREAM-INF:BANDWIDTH=2560000,CODECS="avc1.64001f,mp4a.40.2",RESOLUTION=1280x720,AUDIO="aac"
        https://cdn.example.net/v2/prog.m3u8?token=a,b

        """;
    assertThat(HlsParser.isMultivariant(text)).isTrue();
    Presentation p = HlsParser.parseMultivariant(BASE, text);
    assertThat(p.independentSegments()).isTrue();
    assertThat(p.startOffsetUs()).isEqualTo(-12_500_000);
    assertThat(p.variants()).hasSize(2);
    Presentation.Variant v = p.variants().get(0);
    assertThat(v.url()).isEqualTo("https://example.com/live/v1/prog.m3u8");
    assertThat(v.bandwidth()).isEqualTo(1_280_000);
    assertThat(v.averageBandwidth()).isEqualTo(1_000_000);
    assertThat(v.codecs()).isEqualTo("avc1.4d401f,mp4a.40.2");
    assertThat(v.width()).isEqualTo(640);
    assertThat(v.height()).isEqualTo(360);
    assertThat(v.frameRate()).isEqualTo(29.97);
    assertThat(v.audioGroup()).isEqualTo("aac");
    assertThat(v.subtitleGroup()).isEqualTo("subs");
    assertThat(p.variants().get(1).url()).isEqualTo("https://cdn.example.net/v2/prog.m3u8?token=a,b");
    assertThat(p.variants().get(1).subtitleGroup()).isNull();
    assertThat(p.renditions()).hasSize(4);
    Presentation.Rendition en = p.renditions().get(0);
    assertThat(en.type()).isEqualTo(RenditionType.AUDIO);
    assertThat(en.isDefault()).isTrue();
    assertThat(en.autoselect()).isTrue();
    assertThat(en.channels()).isEqualTo("2");
    assertThat(en.url()).isEqualTo("https://example.com/live/audio/en.m3u8");
    assertThat(p.renditions().get(2).url()).isEqualTo("https://example.com/subs/en.m3u8");
    assertThat(p.renditions().get(3).type()).isEqualTo(RenditionType.CLOSED_CAPTIONS);
    assertThat(p.renditions().get(3).url()).isNull();
  }

  @Test
  void aVodMediaPlaylistGivesTimedNumberedSegments() throws Exception {
    String text = """
        #EXTM3U
        #EXT-X-VERSION:7
        #EXT-X-TARGETDURATION:10
        #EXT-X-MEDIA-SEQUENCE:100
        #EXT-X-DISCONTINUITY-SEQUENCE:3
        #EXT-X-PLAYLIST-TYPE:VOD
        #EXT-X-MAP:URI="init.mp4",BYTERANGE="720@0"
        #EXT-X-PROGRAM-DATE-TIME:2026-12-07T10:00:00.000Z
        #EXTINF:9.009,first
        seg100.m4s
        #EXT-X-KEY:METHOD=AES-128,URI="../keys/k1",IV=0x0000000000000000000000000000ABCD
        #EXT-X-BYTERANGE:1000@0
        #EXTINF:9.009,
        big.ts
        #EXT-X-BYTERANGE:2000
        #EXTINF:3.003
        big.ts
        #EXT-X-KEY:METHOD=NONE
        #EXT-X-DISCONTINUITY
        #EXTINF:5,
        other.ts
        #EXT-X-GAP
        #EXTINF:5,
        missing.ts
        #EXT-X-ENDLIST
        """;
    assertThat(HlsParser.isMultivariant(text)).isFalse();
    SegmentList l = HlsParser.parseMedia(MEDIA, text);
    assertThat(l.targetDurationUs()).isEqualTo(10_000_000);
    assertThat(l.type()).isEqualTo(SegmentList.Type.VOD);
    assertThat(l.ended()).isTrue();
    assertThat(l.segments()).hasSize(5);
    assertThat(l.durationUs()).isEqualTo(9_009_000 + 9_009_000 + 3_003_000 + 10_000_000);
    assertThat(l.nextSequence()).isEqualTo(105);
    Segment s0 = l.segments().get(0);
    assertThat(s0.sequence()).isEqualTo(100);
    assertThat(s0.url()).isEqualTo("https://example.com/live/v1/seg100.m4s");
    assertThat(s0.init().url()).isEqualTo("https://example.com/live/v1/init.mp4");
    assertThat(s0.init().range()).isEqualTo(new SegmentList.ByteRange(0, 720));
    assertThat(s0.programDateTimeMs()).isEqualTo(java.time.Instant.parse("2026-12-07T10:00:00Z").toEpochMilli());
    assertThat(s0.key().method()).isEqualTo(KeyMethod.NONE);
    Segment s1 = l.segments().get(1);
    assertThat(s1.key().method()).isEqualTo(KeyMethod.AES_128);
    assertThat(s1.key().url()).isEqualTo("https://example.com/live/keys/k1");
    assertThat(s1.key().iv()).hasSize(16).endsWith((byte) 0xAB, (byte) 0xCD).startsWith(0, 0, 0);
    assertThat(s1.range()).isEqualTo(new SegmentList.ByteRange(0, 1000));
    assertThat(s1.programDateTimeMs()).as("carried on from the last date").isEqualTo(s0.programDateTimeMs() + 9_009);
    Segment s2 = l.segments().get(2);
    assertThat(s2.range()).as("no offset: after the previous range").isEqualTo(new SegmentList.ByteRange(1000, 2000));
    assertThat(s2.key()).isSameAs(s1.key());
    assertThat(s2.discontinuitySequence()).isEqualTo(3);
    Segment s3 = l.segments().get(3);
    assertThat(s3.key().method()).isEqualTo(KeyMethod.NONE);
    assertThat(s3.discontinuity()).isTrue();
    assertThat(s3.discontinuitySequence()).isEqualTo(4);
    assertThat(s3.init()).as("the map stays until replaced").isEqualTo(s0.init());
    assertThat(l.segments().get(4).gap()).isTrue();
    assertThat(l.segments().get(4).discontinuitySequence()).isEqualTo(4);
  }

  /** The LL-HLS example of RFC 8216bis appendix, shortened. */
  @Test
  void aLowLatencyPlaylistGivesPartsHintsReportsAndServerControl() throws Exception {
    String text = """
        #EXTM3U
        #EXT-X-TARGETDURATION:4
        #EXT-X-VERSION:6
        #EXT-X-SERVER-CONTROL:CAN-BLOCK-RELOAD=YES,PART-HOLD-BACK=1.0,CAN-SKIP-UNTIL=12.0
        #EXT-X-PART-INF:PART-TARGET=0.33334
        #EXT-X-MEDIA-SEQUENCE:266
        #EXT-X-PROGRAM-DATE-TIME:2019-02-14T02:13:36.106Z
        #EXT-X-MAP:URI="init.mp4"
        #EXTINF:4.00008,
        fileSequence266.mp4
        #EXTINF:4.00008,
        fileSequence267.mp4
        #EXT-X-PART:DURATION=0.33334,URI="filePart268.0.mp4",INDEPENDENT=YES
        #EXT-X-PART:DURATION=0.33334,URI="filePart268.1.mp4"
        #EXTINF:0.66668,
        fileSequence268.mp4
        #EXT-X-PART:DURATION=0.33334,URI="filePart269.0.mp4",INDEPENDENT=YES
        #EXT-X-PART:DURATION=0.33334,URI="filePart269.1.mp4",BYTERANGE=100@0
        #EXT-X-PART:DURATION=0.33334,URI="filePart269.1.mp4",BYTERANGE=50
        #EXT-X-PRELOAD-HINT:TYPE=PART,URI="filePart269.3.mp4"
        #EXT-X-RENDITION-REPORT:URI="../1M/waitForMSN.php",LAST-MSN=269,LAST-PART=2
        #EXT-X-RENDITION-REPORT:URI="../4M/waitForMSN.php",LAST-MSN=269,LAST-PART=1
        """;
    SegmentList l = HlsParser.parseMedia(MEDIA, text);
    assertThat(l.lowLatency()).isTrue();
    assertThat(l.partTargetUs()).isEqualTo(333_340);
    assertThat(l.serverControl().canBlockReload()).isTrue();
    assertThat(l.serverControl().partHoldBackUs()).isEqualTo(1_000_000);
    assertThat(l.serverControl().canSkipUntilUs()).isEqualTo(12_000_000);
    assertThat(l.serverControl().holdBackUs()).isEqualTo(C.TIME_UNSET);
    assertThat(l.type()).isEqualTo(SegmentList.Type.LIVE);
    assertThat(l.segments()).extracting(Segment::sequence).containsExactly(266L, 267L, 268L);
    assertThat(l.segments().get(2).parts()).hasSize(2);
    assertThat(l.segments().get(2).parts().get(0).independent()).isTrue();
    assertThat(l.segments().get(2).parts().get(1).independent()).isFalse();
    assertThat(l.trailingParts()).hasSize(3);
    assertThat(l.trailingParts().get(2).range()).isEqualTo(new SegmentList.ByteRange(100, 50));
    assertThat(l.preloadHint().part()).isTrue();
    assertThat(l.preloadHint().url()).isEqualTo("https://example.com/live/v1/filePart269.3.mp4");
    assertThat(l.preloadHint().length()).isEqualTo(-1);
    assertThat(l.renditionReports()).hasSize(2);
    assertThat(l.renditionReports().get(0).url()).isEqualTo("https://example.com/live/1M/waitForMSN.php");
    assertThat(l.renditionReports().get(0).lastSequence()).isEqualTo(269);
    assertThat(l.renditionReports().get(0).lastPart()).isEqualTo(2);
    assertThat(l.nextSequence()).isEqualTo(269);
  }

  @Test
  void aDeltaUpdateCountsTheSegmentsItSkips() throws Exception {
    String text = """
        #EXTM3U
        #EXT-X-TARGETDURATION:4
        #EXT-X-SERVER-CONTROL:CAN-BLOCK-RELOAD=YES,CAN-SKIP-UNTIL=24
        #EXT-X-MEDIA-SEQUENCE:10
        #EXT-X-SKIP:SKIPPED-SEGMENTS=6
        #EXTINF:4,
        s16.ts
        #EXTINF:4,
        s17.ts
        """;
    SegmentList l = HlsParser.parseMedia(MEDIA, text);
    assertThat(l.skippedSegments()).isEqualTo(6);
    assertThat(l.segments()).extracting(Segment::sequence).containsExactly(16L, 17L);
    assertThat(l.nextSequence()).isEqualTo(18);
  }

  // --- hostile playlists: a typed MANIFEST error each, quickly

  @Test
  void hostilePlaylistsEndInTypedManifestErrors() {
    String head = "#EXTM3U\n#EXT-X-TARGETDURATION:6\n";
    malformed("<html>not a playlist</html>", "does not start with #EXTM3U");
    malformed("", "does not start with #EXTM3U");
    malformed(head + "#EXTINF:NaN,\na.ts\n", "EXTINF");
    malformed(head + "#EXTINF:-4,\na.ts\n", "EXTINF");
    malformed(head + "#EXTINF:1e9,\na.ts\n", "EXTINF");
    malformed(head + "#EXTINF:99999999,\na.ts\n", "EXTINF");
    malformed("#EXTM3U\n#EXT-X-TARGETDURATION:1000000\n", "EXT-X-TARGETDURATION");
    malformed(head + "a.ts\n", "without #EXTINF");
    malformed("#EXTM3U\n#EXTINF:4,\na.ts\n", "no #EXT-X-TARGETDURATION");
    malformed(head + "#EXT-X-KEY:METHOD=ROT13,URI=\"k\"\n", "METHOD");
    malformed(head + "#EXT-X-KEY:METHOD=AES-128,URI=\"k\n", "unterminated");
    malformed(head + "#EXT-X-KEY:METHOD=AES-128,URI=\"k\",IV=0xZZ\n", "hexadecimal");
    malformed(head + "#EXT-X-KEY:METHOD=AES-128\n", "missing URI");
    malformed(head + "#EXT-X-BYTERANGE:100\n#EXTINF:4,\na.ts\n", "no range of the same resource");
    malformed(head + "#EXT-X-MEDIA-SEQUENCE:-3\n", "not a decimal integer");
    malformed(head + "#EXT-X-MEDIA-SEQUENCE:99999999999999999999999\n", "not a decimal integer");
    malformed(head + "#EXT-X-PART:DURATION=0.5\n", "missing URI");
    malformed(head + "#EXT-X-SKIP:SKIPPED-SEGMENTS=-1\n", "SKIPPED-SEGMENTS");
    malformed(head + "#EXT-X-STREAM-INF:BANDWIDTH=1\nv.m3u8\n", "multivariant playlist tag");
    malformed("#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=1,RESOLUTION=99999999x1\nv.m3u8\n", "resolution");
    malformed("#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=1\n", "no variant");
    malformed("#EXTM3U\n#EXT-X-MEDIA:TYPE=AUDIO,NAME=\"a\"\n#EXT-X-STREAM-INF:BANDWIDTH=1\nv.m3u8\n", "GROUP-ID");
  }

  @Test
  void hugePlaylistsAreRefusedWithinBounds() {
    // Too many characters: refused before anything is read
    String huge = "#EXTM3U\n" + "#".repeat(HlsParser.MAX_CHARS);
    assertThatThrownBy(() -> HlsParser.parseMedia(MEDIA, huge)).isInstanceOfSatisfying(PlayerException.class,
        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.MANIFEST_TOO_LARGE));
    // Too many segments (each line short): refused at the limit, in well under a few seconds
    StringBuilder b = new StringBuilder("#EXTM3U\n#EXT-X-TARGETDURATION:1\n");
    for (int i = 0; i <= HlsParser.MAX_SEGMENTS; i++) {
      b.append("#EXTINF:1,\n").append(i).append(".ts\n");
    }
    long start = System.nanoTime();
    assertThatThrownBy(() -> HlsParser.parseMedia(MEDIA, b.toString())).isInstanceOfSatisfying(PlayerException.class,
        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.MANIFEST_TOO_LARGE));
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    // One enormous attribute list: still a bounded, typed end
    String attrs = "#EXTM3U\n#EXT-X-STREAM-INF:" + "A=1,".repeat(100_000) + "BANDWIDTH=1\nv.m3u8\n";
    assertThatThrownBy(() -> HlsParser.parseMultivariant(BASE, attrs)).isInstanceOfSatisfying(PlayerException.class,
        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.MANIFEST_MALFORMED));
  }

  @Test
  void unknownTagsAndBlankLinesAreIgnoredAsTheRfcAsks() throws Exception {
    SegmentList l = HlsParser.parseMedia(MEDIA, "\uFEFF#EXTM3U\r\n#EXT-X-TARGETDURATION:2\r\n\r\n"
        + "#EXT-X-FUTURE-TAG:X=1\r\n#EXTINF:2.0,\r\n  a.ts  \r\n# a comment\r\n#EXT-X-ENDLIST\r\n");
    assertThat(l.segments()).hasSize(1);
    assertThat(l.segments().get(0).url()).isEqualTo("https://example.com/live/v1/a.ts");
  }

  private static void malformed(String text, String reason) {
    assertThatThrownBy(() -> {
      if (HlsParser.isMultivariant(text)) {
        HlsParser.parseMultivariant(BASE, text);
      } else {
        HlsParser.parseMedia(MEDIA, text);
      }
    }).as("%s", text).isInstanceOfSatisfying(PlayerException.class, e -> {
      assertThat(e.errorCode()).isEqualTo(ErrorCode.MANIFEST_MALFORMED);
      assertThat(e.getMessage()).contains(reason);
      assertThat(e.data()).containsKeys("url", "line", "reason");
    });
  }
}
