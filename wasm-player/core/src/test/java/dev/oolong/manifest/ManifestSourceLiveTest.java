package dev.oolong.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oolong.C;
import dev.oolong.ErrorCode;
import dev.oolong.PlayerException;
import dev.oolong.upstream.DataSource;
import dev.oolong.upstream.DataSpec;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A live list through {@link ManifestSource}, with a server whose window slides when the test
 * says and timers the test runs by hand: playback starts at the hold-back from the end, the
 * reading waits at the end of the list and goes on after each reload, media time carries on
 * across reloads (the program date times map onto it), and a list going back or reloads failing
 * in a row end the reading typed.
 */
class ManifestSourceLiveTest {
  /** A live server: segments 0..latest published, a window of 5, 2 s each, date 1000 s + 2 s × n. */
  static final class Server implements DataSource {
    long latest = 9;
    long firstShown = -1;
    int failPlaylist;
    final List<String> requests = new ArrayList<>();
    /** With a clock: each answer takes its bytes at this many bits per second (0: no time). */
    double bps;
    long[] clockUs;
    /** Segment sizes by variant prefix (bytes); others are their names. */
    final java.util.Map<String, Integer> sizes = new java.util.HashMap<>();
    String master = MASTER;

    String playlist() {
      return playlist("", 0);
    }

    /** The live list with segments named {@code prefix + "s" + n}, numbered {@code shift} on. */
    String playlist(String prefix, long shift) {
      long first = firstShown >= 0 ? firstShown : Math.max(0, latest - 4);
      StringBuilder b = new StringBuilder("#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXT-X-MEDIA-SEQUENCE:" + (first + shift) + "\n");
      for (long n = first; n <= latest; n++) {
        b.append("#EXT-X-PROGRAM-DATE-TIME:").append(java.time.Instant.ofEpochMilli(1_000_000 + 2000 * n))
            .append("\n#EXTINF:2,\n").append(prefix).append('s').append(n).append(".ts\n");
      }
      return b.toString();
    }

    /** A multivariant playlist of a, b and c (c numbered 100 on: not aligned with the others). */
    static final String MASTER = "#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=900000,RESOLUTION=640x360\na.m3u8\n"
        + "#EXT-X-STREAM-INF:BANDWIDTH=300000,RESOLUTION=320x180\nb.m3u8\n"
        + "#EXT-X-STREAM-INF:BANDWIDTH=100000,RESOLUTION=160x90\nc.m3u8\n";

    String text(String uri) {
      if (uri.endsWith("master.m3u8")) {
        return master;
      }
      String name = uri.substring(uri.lastIndexOf('/') + 1);
      return switch (name) {
        case "a.m3u8" -> playlist("a-", 0);
        case "b.m3u8" -> playlist("b-", 0);
        case "c.m3u8" -> playlist("c-", 100);
        default -> playlist();
      };
    }

    @Override
    public Loading open(DataSpec spec, Listener listener) {
      requests.add(spec.uri());
      if (spec.uri().endsWith(".m3u8") && failPlaylist > 0) {
        failPlaylist--;
        listener.onError(PlayerException.critical(ErrorCode.NETWORK_BAD_HTTP_STATUS, "503", "url", spec.uri(), "status", 503));
        return () -> { };
      }
      String name = spec.uri().substring(spec.uri().lastIndexOf('/') + 1);
      byte[] b = spec.uri().endsWith(".m3u8") ? text(spec.uri()).getBytes(StandardCharsets.UTF_8)
          : ("<" + name + ">").getBytes(StandardCharsets.UTF_8);
      Integer size = sizes.get(name.substring(0, name.indexOf('-') + 1));
      if (size != null) {
        b = java.util.Arrays.copyOf(b, size);
      }
      if (bps > 0) {
        clockUs[0] += Math.round(b.length * 8 / bps * 1e6);
      }
      listener.onOpen(b.length);
      listener.onData(b, 0, b.length);
      listener.onEnd();
      return () -> { };
    }
  }

  final Server server = new Server();
  final Deque<Runnable> timers = new ArrayDeque<>();
  final List<Integer> waits = new ArrayList<>();
  final ByteArrayOutputStream read = new ByteArrayOutputStream();
  PlayerException error;
  boolean ended;
  final List<PlayerException> warnings = new ArrayList<>();
  final ManifestSource source = new ManifestSource(server, (ms, task) -> {
    waits.add(ms);
    timers.add(task);
  }, warnings::add);

  void open() {
    open("/live/index.m3u8");
  }

  void open(String url) {
    source.open(new DataSpec(url, 0, C.LENGTH_UNSET), new DataSource.Listener() {
      @Override
      public void onOpen(long totalLength) {}

      @Override
      public void onData(byte[] data, int offset, int length) {
        read.write(data, offset, length);
      }

      @Override
      public void onEnd() {
        ended = true;
      }

      @Override
      public void onError(PlayerException e) {
        error = e;
      }
    });
  }

  @Test
  void itStartsAtTheHoldBackAndGoesOnWithEachReload() {
    open();
    // window 5..9, hold-back 3 × 2 s from the end (10 s of list): starts at 4 s, segment 7
    assertThat(source.isLive()).isTrue();
    assertThat(source.seekMap().isSeekable()).isFalse();
    assertThat(source.startUs()).isEqualTo(4_000_000);
    assertThat(read.toString(StandardCharsets.UTF_8)).isEqualTo("<s7.ts><s8.ts><s9.ts>");
    assertThat(waits).containsExactly(2000); // the next reload after a target duration
    server.latest = 11;
    timers.poll().run();
    assertThat(read.toString(StandardCharsets.UTF_8)).isEqualTo("<s7.ts><s8.ts><s9.ts><s10.ts><s11.ts>");
    assertThat(source.reloads()).isEqualTo(1);
    timers.poll().run(); // unchanged: the next one after half a target duration
    assertThat(waits).containsExactly(2000, 2000, 1000);
    assertThat(ended).isFalse();
    assertThat(error).isNull();
    // media time of segment 11: 10 s after segment 5 (the first list's first); its date 1000 s + 22 s
    assertThat(source.programDateTimeMs(12_500_000)).isEqualTo(1_000_000 + 22_000 + 500);
  }

  @Test
  void aReadingThatFellBehindTheWindowGoesOnAtItsStart() {
    open();
    server.latest = 20; // window 16..20: 10..15 are gone
    timers.poll().run();
    assertThat(read.toString(StandardCharsets.UTF_8)).endsWith("<s9.ts><s16.ts><s17.ts><s18.ts><s19.ts><s20.ts>");
    // its clock carries on from the last segment known
    assertThat(source.programDateTimeMs(10_000_000)).isEqualTo(1_000_000 + 32_000);
  }

  @Test
  void aListGoingBackEndsTheReading() {
    open();
    server.firstShown = 2;
    timers.poll().run();
    assertThat(error).isNotNull();
    assertThat(error.errorCode()).isEqualTo(ErrorCode.MANIFEST_INCONSISTENT);
    assertThat(timers).isEmpty(); // no more reloads
  }

  @Test
  void reloadsFailingInARowEndTheReadingAfterTheLastAttempt() {
    open();
    server.failPlaylist = ManifestSource.MAX_RELOAD_FAILURES - 1;
    for (int i = 0; i < ManifestSource.MAX_RELOAD_FAILURES - 1; i++) {
      timers.poll().run();
    }
    assertThat(error).isNull();
    timers.poll().run(); // the fourth answers
    assertThat(error).isNull();
    assertThat(source.reloads()).isEqualTo(1);
    server.failPlaylist = ManifestSource.MAX_RELOAD_FAILURES;
    for (int i = 0; i < ManifestSource.MAX_RELOAD_FAILURES; i++) {
      timers.poll().run();
    }
    assertThat(error).isNotNull();
    assertThat(error.errorCode()).isEqualTo(ErrorCode.NETWORK_BAD_HTTP_STATUS);
    assertThat(timers).isEmpty();
  }

  @Test
  void closedItReloadsNoMore() {
    open();
    source.close();
    int before = server.requests.size();
    timers.poll().run();
    assertThat(server.requests).hasSize(before);
  }

  @Test
  void anotherLevelIsReadFromTheNextSegmentOnAndReloaded() {
    List<Integer> switched = new ArrayList<>();
    source.onLevelSwitched(switched::add);
    open("/live/master.m3u8");
    assertThat(source.levels()).hasSize(3);
    assertThat(source.level()).isZero();
    assertThat(read.toString(StandardCharsets.UTF_8)).isEqualTo("<a-s7.ts><a-s8.ts><a-s9.ts>");
    assertThat(source.selectLevel(0)).as("the one playing").isFalse();
    assertThat(source.selectLevel(3)).as("no such level").isFalse();
    assertThat(source.selectLevel(1)).isTrue();
    assertThat(switched).containsExactly(1);
    assertThat(source.level()).isEqualTo(1);
    server.latest = 11;
    timers.poll().run();
    assertThat(read.toString(StandardCharsets.UTF_8)).endsWith("<a-s9.ts><b-s10.ts><b-s11.ts>");
    assertThat(server.requests.get(server.requests.size() - 3)).endsWith("b.m3u8"); // the reload follows the level
    // a variant numbered otherwise is refused: the level stays
    assertThat(source.selectLevel(2)).isTrue();
    assertThat(source.level()).isEqualTo(1);
    assertThat(warnings).singleElement().satisfies(w -> assertThat(w.errorCode()).isEqualTo(ErrorCode.MANIFEST_INCONSISTENT));
    assertThat(error).isNull();
  }

  @Test
  void theAbrGoesDownWhenTheThroughputDrops() {
    long[] now = {0};
    server.clockUs = now;
    server.bps = 10_000_000;
    server.sizes.put("a-", 225_000); // 900 kbit/s over 2 s
    server.sizes.put("b-", 75_000); // 300 kbit/s
    server.master = "#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=900000\na.m3u8\n#EXT-X-STREAM-INF:BANDWIDTH=300000\nb.m3u8\n";
    List<Integer> switched = new ArrayList<>();
    source.onLevelSwitched(switched::add);
    source.setClock(() -> now[0]);
    source.setBufferAheadUs(8_000_000);
    open("/live/master.m3u8");
    assertThat(source.autoLevel()).isTrue();
    for (int i = 0; i < 6; i++) { // fast network: the first variant stays
      server.latest++;
      timers.poll().run();
    }
    assertThat(switched).isEmpty();
    assertThat(source.throughputBps()).isGreaterThan(5_000_000);
    server.bps = 400_000; // a's segments now take 4.5 s each: b fits in 90 % of it
    for (int i = 0; i < 8 && switched.isEmpty(); i++) {
      server.latest++;
      timers.poll().run();
    }
    assertThat(switched).containsExactly(1);
    server.latest++;
    timers.poll().run();
    assertThat(read.toString(StandardCharsets.ISO_8859_1)).contains("<b-s");
    assertThat(warnings).isEmpty();
    assertThat(error).isNull();
    // a level chosen by hand turns the ABR off; -1 turns it on again
    source.selectLevel(0);
    assertThat(source.autoLevel()).isFalse();
    source.selectLevel(-1);
    assertThat(source.autoLevel()).isTrue();
  }
}
