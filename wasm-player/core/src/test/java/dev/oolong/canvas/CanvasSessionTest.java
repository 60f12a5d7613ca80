package dev.oolong.canvas;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oolong.PlayerException;
import dev.oolong.TestMedia;
import dev.oolong.audio.ArrayRingMemory;
import dev.oolong.audio.AudioRingLayout;
import dev.oolong.audio.Pcm;
import dev.oolong.audio.PcmOutput;
import dev.oolong.audio.RingPcmOutput;
import dev.oolong.decoder.AudioDecoderConfig;
import dev.oolong.decoder.EncodedChunk;
import dev.oolong.decoder.VideoDecoderConfig;
import dev.oolong.util.Clock;
import dev.oolong.sync.VideoScheduler;
import dev.oolong.upstream.FileDataSource;
import dev.oolong.util.Json;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import org.junit.jupiter.api.Test;

/**
 * The canvas player's logic on the JVM: a real fixture through the real extractors, decoders
 * faked (asynchronous, reordering like a real one), the audio ring's consumer played as the
 * worklet would, a fake wall clock and 60 Hz refreshes. Oracle: the fixture's 30 fps timing
 * (frame n at n/30 s), and ffprobe's stream layout.
 */
class CanvasSessionTest {
  static final int RATE = 48000;

  long nowUs;
  final Clock clock = () -> nowUs;
  final ArrayDeque<Runnable> tasks = new ArrayDeque<>();
  final List<String> events = new ArrayList<>();
  final List<PlayerException> errors = new ArrayList<>();
  final List<Long> shown = new ArrayList<>();
  ArrayRingMemory ring;
  boolean withAudio = true;
  /** The AudioContext runs (false: the browser holds it until a gesture, nothing is consumed). */
  boolean workletRunning = true;
  boolean refuseVideo;
  boolean throwOnConfigure;
  long quanta;

  /** A decoder that hands out its output later (a task), in presentation order, holding two frames for reordering. */
  final class FakeDecoder<T> implements MediaDecoder {
    final DecoderSink<T> sink;
    final java.util.function.LongFunction<T> make;
    final PriorityQueue<Long> held = new PriorityQueue<>();
    int generation;

    FakeDecoder(DecoderSink<T> sink, java.util.function.LongFunction<T> make) {
      this.sink = sink;
      this.make = make;
      if (throwOnConfigure && make.apply(0) instanceof Long) {
        sink.error("TypeError: bad configuration"); // as configure() throwing reports it
      }
    }

    @Override
    public int queueSize() {
      return held.size();
    }

    @Override
    public void decode(EncodedChunk chunk) {
      if (refuseVideo && make.apply(0) instanceof Long) {
        tasks.add(() -> sink.error("NotSupportedError: refused"));
        return;
      }
      if (failVideoAs != null && make.apply(0) instanceof Long) {
        tasks.add(() -> sink.error(failVideoAs)); // before any output, and at every chunk
        return;
      }
      if (make.apply(0) instanceof Long && chunk.ptsUs() >= rejectVideoFromUs && chunk.ptsUs() < rejectVideoUntilUs) {
        int gen = generation;
        tasks.add(() -> {
          if (gen == generation) {
            sink.error("EncodingError: Decoding error."); // the access unit is rejected: nothing comes out
          }
        });
        return;
      }
      held.add(chunk.ptsUs());
      int gen = generation;
      tasks.add(() -> {
        if (gen == generation) {
          sink.dequeued();
          if (held.size() > 2) {
            long pts = held.poll();
            sink.output(make.apply(pts), pts);
          }
        }
      });
    }

    @Override
    public void reset() {
      generation++;
      held.clear();
    }

    @Override
    public void flush(java.util.function.Consumer<String> done) {
      int gen = generation;
      tasks.add(() -> {
        if (gen != generation) {
          done.accept("AbortError: reset");
          return;
        }
        while (!held.isEmpty()) {
          long pts = held.poll();
          sink.output(make.apply(pts), pts);
        }
        done.accept(null);
      });
    }

    @Override
    public void close() {
      generation++;
    }
  }

  /** The fake video decoder fails every chunk with this error (null: it decodes). */
  String failVideoAs;
  /** The fake video decoder rejects the chunks presented in [from, until) µs. */
  long rejectVideoFromUs = Long.MAX_VALUE;
  long rejectVideoUntilUs = Long.MAX_VALUE;
  /** What the platform answers when asked whether the video configuration is supported. */
  boolean videoSupported = true;

  /** What the fake renderer answers to {@code busy()}. */
  boolean rendererBusy;

  final CanvasPlatform<Long> platform = new CanvasPlatform<>() {
    @Override
    public MediaDecoder videoDecoder(VideoDecoderConfig config, DecoderSink<Long> sink) {
      return new FakeDecoder<>(sink, pts -> pts);
    }

    @Override
    public void videoSupported(VideoDecoderConfig config, java.util.function.Consumer<Boolean> answer) {
      tasks.add(() -> answer.accept(videoSupported)); // answered later, as a promise is
    }

    @Override
    public MediaDecoder audioDecoder(AudioDecoderConfig config, DecoderSink<Pcm> sink) {
      return new FakeDecoder<>(sink, pts -> {
        float[][] p = new float[config.channels()][1024];
        for (float[] ch : p) {
          java.util.Arrays.fill(ch, 0.25f);
        }
        return new Pcm(p, 1024, config.sampleRate(), pts);
      });
    }

    @Override
    public PcmOutput audioOutput(int channels) {
      if (!withAudio) {
        return null;
      }
      int capacity = AudioRingLayout.capacityFor(RATE / 2);
      ring = new ArrayRingMemory(capacity, channels);
      return new RingPcmOutput(ring, capacity, channels);
    }

    @Override
    public int audioRate() {
      return RATE;
    }

    @Override
    public VideoScheduler.Renderer<Long> renderer() {
      return new VideoScheduler.Renderer<>() {
        @Override
        public void show(Long frame) {
          shown.add(frame);
        }

        @Override
        public void release(Long frame) {}

        @Override
        public boolean busy() {
          return rendererBusy;
        }
      };
    }

    @Override
    public Clock clock() {
      return clock;
    }
  };

  final CanvasSession<Long> session = new CanvasSession<>(platform, new CanvasSession.Listener() {
    @Override
    public void event(String name, Json.ObjectWriter fields) {
      events.add(name);
    }

    @Override
    public void error(PlayerException error) {
      errors.add(error);
    }
  });

  /** Runs the world for {@code ms}: tasks, the worklet's quanta, a refresh every 1/60 s. */
  void run(double ms) {
    double until = nowUs + ms * 1000;
    while (nowUs < until) {
      for (int i = 0; i < 100 && !tasks.isEmpty(); i++) {
        tasks.poll().run();
      }
      nowUs += 16_667;
      // The audio thread: 48 kHz in render quanta of 128 frames.
      while (ring != null && quanta * 128 + 128 <= nowUs * RATE / 1_000_000) {
        if (workletRunning) {
          ring.consume(128);
        }
        quanta++;
      }
      session.refreshed((long) nowUs);
      session.tick();
      afterEachTick.run();
    }
  }

  /** Called after every refresh's tick (a test looks at the state there). */
  Runnable afterEachTick = () -> {};

  long frameUs(int index) {
    return Math.round(index * 1e6 / 30);
  }

  @Test
  void playsInRealTimeOnTheAudioClockSeeksToTheFrameAndEnds() throws Exception {
    session.load(new FileDataSource(), TestMedia.file("mp4/h264-aac-moov-first.mp4").toString());
    run(300);
    assertThat(events).contains("loadedmetadata", "loadeddata");
    assertThat(shown).as("the first frame shows before play").containsExactly(0L);
    session.play();
    run(2000);
    assertThat(events).contains("play", "playing");
    assertThat(session.currentTime()).isCloseTo(2.0, org.assertj.core.data.Offset.offset(0.1));
    Json.ObjectWriter stats = session.stats();
    assertThat(stats.toString()).contains("\"audioMaster\":true", "\"droppedFrames\":0");
    // Every key the session reports is declared (the page's types are generated from the list).
    java.util.Set<String> declared = new java.util.HashSet<>();
    for (dev.oolong.player.StatsField f : dev.oolong.player.StatsField.values()) {
      if (f.by == dev.oolong.player.StatsField.By.ENGINE && f.path != dev.oolong.player.StatsField.Path.MSE) {
        declared.add(f.key);
      }
    }
    java.util.Iterator<String> keys = new com.fasterxml.jackson.databind.ObjectMapper().readTree(stats.toString())
        .fieldNames();
    keys.forEachRemaining(k -> assertThat(declared).as("stats key %s", k).contains(k));
    assertThat(stats.toString()).contains("\"state\":\"playing\"");
    // Every frame shown once, in order, none skipped.
    for (int i = 1; i < shown.size(); i++) {
      assertThat(shown.get(i) - shown.get(i - 1)).isBetween(33_000L, 34_000L);
    }

    session.pause();
    for (int index : new int[] {135, 15, 96, 60}) {
      shown.clear();
      session.seek((index + 0.5) / 30);
      run(500);
      assertThat(shown).as("seek to frame %d", index).containsExactly(frameUs(index));
      assertThat(events.get(events.size() - 1)).isIn("seeked", "timeupdate");
    }
    session.seek(5.5);
    session.play();
    run(1500);
    assertThat(events.stream().filter("ended"::equals).count()).isEqualTo(1);
    assertThat(session.paused()).isTrue();
    assertThat(shown.get(shown.size() - 1)).isEqualTo(frameUs(179));
    assertThat(errors).isEmpty();
  }

  /**
   * A Matroska file whose Cues come last: the extractor reads them first (a detour), which closes
   * its Segment; a seek then must not leave a Cluster of before open (it read the next Cluster's
   * header as damage, then failed 6 bytes into it, once Cluster resync came in).
   */
  @Test
  void aSeekInAMatroskaFileWhoseCuesComeLastLandsOnItsFrame() throws Exception {
    session.load(new FileDataSource(), TestMedia.file("mkv/h264-aac.mkv").toString());
    run(300);
    session.seek(3.0376666666666665);
    run(1000);
    assertThat(errors).isEmpty();
    assertThat(shown.get(shown.size() - 1)).as("%s", shown).isBetween(3_004_000L, 3_037_667L);
  }

  @Test
  void eachRefreshDrawsTheFrameDueWhenItIsSeenOneRefreshLater() throws Exception {
    session.load(new FileDataSource(), TestMedia.file("mp4/h264-aac-moov-first.mp4").toString());
    run(300);
    session.play();
    long[] ahead = new long[1];
    long[] ticks = new long[1];
    afterEachTick = () -> {
      if (!events.contains("playing")) {
        return;
      }
      long position = Math.round(session.currentTime() * 1e6);
      long onScreen = shown.get(shown.size() - 1);
      ticks[0]++;
      // Never further ahead than half a refresh past what is seen one refresh (16.7 ms here)
      // from now (the frame covering most of that refresh)...
      assertThat(onScreen).as("tick %d", ticks[0])
          .isLessThanOrEqualTo(position + 16_667 + 16_667 / 2);
      // ... nor behind it by a frame.
      assertThat(onScreen).isGreaterThan(position + 16_667 - 33_334);
      if (onScreen > position + VideoScheduler.EARLY_US) {
        ahead[0]++; // drawn before its time by the clock: it is on screen when its time comes
      }
    };
    run(2000);
    assertThat(ticks[0]).isGreaterThan(100);
    assertThat(ahead[0]).as("refreshes showing the frame due one refresh later").isGreaterThan(ticks[0] / 4);
    assertThat(session.stats().toString()).contains("\"droppedFrames\":0");
  }

  @Test
  void aStreamNearThe33BitWrapPlaysFromZeroAndItsDurationIsItsEndOnceRead() throws Exception {
    // ts/near-wrap.m2ts: the clock starts 1.3 s before the wrap and crosses it. ffprobe reports
    // its packets with 2^33 subtracted before the wrap; media time 0 is its earliest first packet.
    long firstVideoUs = dev.oolong.FfprobePackets.firstVideoFrameUs("ts/near-wrap.m2ts");
    double ffDuration = TestMedia.ffprobe("ts/near-wrap.m2ts").get("format").get("duration").asDouble();
    session.load(new FileDataSource(), TestMedia.file("ts/near-wrap.m2ts").toString());
    run(300);
    assertThat(session.currentTime()).isZero();
    assertThat(shown).as("the first frame, at its media time").containsExactly(firstVideoUs);
    session.play();
    run(8000);
    assertThat(events).contains("ended");
    assertThat(errors).isEmpty();
    // Within an audio frame of ffprobe's: ffprobe ends the stream with the video's last frame; its
    // 283rd AAC frame (14 bytes of silence the encoder flushed) runs 16 ms past it.
    assertThat(session.durationUs() / 1e6).as("the end, once read").isCloseTo(ffDuration, org.assertj.core.data.Offset.offset(1024 / 48_000.0));
    assertThat(shown).hasSize(180);
    for (int i = 1; i < shown.size(); i++) {
      assertThat(shown.get(i) - shown.get(i - 1)).as("through the wrap, frame %d", i).isBetween(33_000L, 34_000L);
    }
  }

  @Test
  void aSeekBeforeTheStreamCanSeekIsCarriedOutOnceItCan() throws Exception {
    // A transport stream learns to seek after a second of key frames: a seek asked at once waits
    // for that (reading on, decoding nothing), then shows the frame at the target.
    long first = dev.oolong.FfprobePackets.firstVideoFrameUs("ts/h264-aac.ts");
    session.load(new FileDataSource(), TestMedia.file("ts/h264-aac.ts").toString());
    session.seek((first + frameUs(100)) / 1e6 + 0.01);
    assertThat(session.currentTime()).as("the target while seeking").isCloseTo((first + frameUs(100)) / 1e6 + 0.01,
        org.assertj.core.data.Offset.offset(1e-6));
    run(1000);
    assertThat(events).contains("seeking", "seeked");
    assertThat(shown).as("nothing but the target's frame").containsExactly(first + frameUs(100));
    assertThat(errors).isEmpty();
  }

  @Test
  void aSeekBeforeTheStreamTurnsOutUnseekableEndsWithATypedErrorAndPlaybackGoesOn() throws Exception {
    // Concatenated CMAF segments: no index, the map says unseekable once the header is read.
    session.load(new FileDataSource(), TestMedia.file("mp4/h264-aac-cmaf.mp4").toString());
    session.seek(3.0);
    run(500);
    // Refused at once when the map is known already, else when it comes: never left seeking.
    assertThat(session.state()).isNotEqualTo(dev.oolong.player.PlayerState.SEEKING);
    assertThat(events.indexOf("seeked")).isGreaterThanOrEqualTo(events.indexOf("seeking"));
    assertThat(errors).extracting(e -> e.errorCode().name()).containsExactly("PLAYER_INVALID_ARGUMENT");
    session.play();
    run(1000);
    assertThat(events).contains("playing");
    assertThat(session.currentTime()).isGreaterThan(0.5);
  }

  @Test
  void withoutAnAudioOutputTheWallClockLeads() throws Exception {
    withAudio = false;
    session.load(new FileDataSource(), TestMedia.file("mp4/h264-aac-moov-first.mp4").toString());
    run(300);
    session.play();
    run(3000);
    assertThat(session.stats().toString()).contains("\"audioMaster\":false", "\"droppedFrames\":0");
    assertThat(session.currentTime()).isCloseTo(3.0, org.assertj.core.data.Offset.offset(0.1));
    session.setRate(2);
    run(1000);
    assertThat(session.currentTime()).isCloseTo(5.0, org.assertj.core.data.Offset.offset(0.15));
  }

  @Test
  void whileTheBrowserHoldsAudioThePictureRunsOnTheWallClockAndAudioRejoinsWhereItIs() throws Exception {
    workletRunning = false; // autoplay policy: the AudioContext stays suspended
    session.load(new FileDataSource(), TestMedia.file("mp4/h264-aac-moov-first.mp4").toString());
    session.setAudioOutput(false); // what the page says when resume() did not come
    run(300);
    session.play();
    run(2000);
    assertThat(session.currentTime()).as("the picture does not wait for the held audio")
        .isCloseTo(2.0, org.assertj.core.data.Offset.offset(0.1));
    assertThat(session.stats().toString()).contains("\"audioMaster\":false", "\"droppedFrames\":0",
        "\"avSamples\":0");
    assertThat(ring.load(AudioRingLayout.WRITE)).as("nothing goes to a held output").isZero();

    workletRunning = true; // the user's gesture resumed the AudioContext
    session.setAudioOutput(true);
    run(1500);
    assertThat(session.currentTime()).isCloseTo(3.5, org.assertj.core.data.Offset.offset(0.1));
    String stats = session.stats().toString();
    assertThat(stats).contains("\"audioMaster\":true", "\"droppedFrames\":0");
    // Audio rejoined where the picture was: the frames shown on the audio clock are on time.
    assertThat(stats).doesNotContain("\"avSamples\":0");
    assertThat(avOffsetP95(stats)).isLessThan(20.0);
    for (int i = 1; i < shown.size(); i++) {
      assertThat(shown.get(i) - shown.get(i - 1)).as("every frame once, in order").isBetween(33_000L, 34_000L);
    }
    assertThat(errors).isEmpty();
  }

  @Test
  void audioRejoinsWhereThePictureWillBeWhenItIsHeardSoThePictureDoesNotHold() throws Exception {
    workletRunning = false;
    session.setAudioLatencyUs(100_000); // a Bluetooth-like output: what is written is heard 0.1 s later
    session.load(new FileDataSource(), TestMedia.file("mp4/h264-aac-moov-first.mp4").toString());
    session.setAudioOutput(false);
    run(300);
    session.play();
    run(1000);
    workletRunning = true;
    session.setAudioOutput(true);
    // Through the switch from the wall clock to the audio: the position moves at every refresh
    // by about a refresh (16.7 ms), never holds (audio started where the picture is would be
    // heard 0.1 s late and the clock would stand still for it) and never leaps.
    double before = session.currentTime();
    List<Double> steps = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      run(16.667);
      double t = session.currentTime();
      steps.add((t - before) * 1000);
      before = t;
    }
    assertThat(session.stats().toString()).contains("\"audioMaster\":true");
    for (double step : steps) {
      assertThat(step).as("clock steps (ms) at each refresh through the rejoin: %s", steps).isBetween(8.0, 26.0);
    }
    run(1000);
    String stats = session.stats().toString();
    assertThat(stats).contains("\"audioMaster\":true", "\"droppedFrames\":0");
    assertThat(avOffsetP95(stats)).isLessThan(20.0);
    assertThat(errors).isEmpty();
  }

  @Test
  void withTheAudioHeldToTheEndPlaybackStillEnds() throws Exception {
    workletRunning = false; // the user never gives a gesture: the consumer never runs
    session.load(new FileDataSource(), TestMedia.file("mp4/h264-aac-moov-first.mp4").toString());
    session.setAudioOutput(false);
    session.play();
    run(7000);
    assertThat(events.stream().filter("ended"::equals).count()).isEqualTo(1);
    assertThat(session.stats().toString()).contains("\"droppedFrames\":0");
    assertThat(errors).isEmpty();
  }

  @Test
  void unpacedEveryFrameIsDrawnAsSoonAsItIsDecodedInOrder() throws Exception {
    session.load(new FileDataSource(), TestMedia.file("mp4/h264-aac-moov-first.mp4").toString());
    run(300);
    workletRunning = false; // also without a running consumer (and the audio must not gate the picture)
    session.setUnpaced(true); // the benchmarks' "as fast as possible"
    int written = ring.load(AudioRingLayout.WRITE);
    shown.clear();
    rendererBusy = true; // a GPU still working through what was drawn before: nothing more is drawn
    session.play();
    run(200);
    assertThat(shown).as("drawn while the renderer was busy").isEmpty();
    rendererBusy = false;
    run(2000); // the fake decoder puts out up to ~100 outputs a refresh: far faster than 30 fps
    assertThat(events).contains("ended");
    assertThat(shown).as("every frame once, in order").hasSize(179);
    for (int i = 0; i < shown.size(); i++) {
      assertThat(shown.get(i)).isEqualTo(frameUs(i + 1));
    }
    String stats = session.stats().toString();
    assertThat(stats).contains("\"droppedFrames\":0", "\"audioMaster\":false", "\"glassSamples\":180");
    assertThat(ring.load(AudioRingLayout.WRITE)).as("no audio while unpaced").isEqualTo(written);
    assertThat(errors).isEmpty();
  }

  static double avOffsetP95(String stats) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"avOffsetP95Ms\":([-0-9.eE]+)").matcher(stats);
    assertThat(m.find()).as(stats).isTrue();
    return Double.parseDouble(m.group(1));
  }

  @Test
  void aVideoCodecTheDecoderRefusesIsATypedCriticalErrorNotAStall() throws Exception {
    refuseVideo = true;
    assertTheVideoEndsInOneCriticalCodecUnsupported();
  }

  @Test
  void aDecoderFailingBeforeAnyOutputOnAConfigurationTheBrowserDoesNotSupportIsCodecUnsupported()
      throws Exception {
    // Chromium refuses an HEVC configuration it cannot decode with an OperationError, not a
    // NotSupportedError: the platform's isConfigSupported answer tells the codec from the data.
    failVideoAs = "OperationError: Unsupported configuration.";
    videoSupported = false;
    assertTheVideoEndsInOneCriticalCodecUnsupported();
    assertThat(events).as("the metadata waits for the answer: load() fails").doesNotContain("loadedmetadata");
  }

  @Test
  void aDecoderFailingBeforeAnyOutputOnASupportedConfigurationIsADecodeFailure() throws Exception {
    failVideoAs = "EncodingError: Decoding error.";
    session.load(new FileDataSource(), TestMedia.file("mp4/h264-aac-moov-first.mp4").toString());
    session.play();
    run(11_000); // playback waits for a first frame: nothing plays, the wall clock's limit (10 s) ends it
    assertThat(errors).extracting(PlayerException::errorCode).containsOnly(dev.oolong.ErrorCode.CODEC_DECODE_FAILED);
    assertThat(errors.get(0).severity()).isEqualTo(dev.oolong.Severity.RECOVERABLE);
    assertThat(errors.get(errors.size() - 1).severity()).as("nothing decoded for 10 s")
        .isEqualTo(dev.oolong.Severity.CRITICAL);
  }

  @Test
  void accessUnitsTheDecoderRejectsAreDroppedTheLastGoodFrameHoldsAndPlaybackGoesOnAtTheNextKeyFrame()
      throws Exception {
    rejectVideoFromUs = frameUs(70); // 2.33 s .. 2.67 s; the next key frame is at 3 s (frame 90)
    rejectVideoUntilUs = frameUs(80);
    session.load(new FileDataSource(), TestMedia.file("mp4/h264-aac-moov-first.mp4").toString());
    session.play();
    run(7000);
    assertThat(errors).isNotEmpty().allSatisfy(e -> {
      assertThat(e.errorCode()).isEqualTo(dev.oolong.ErrorCode.CODEC_DECODE_FAILED);
      assertThat(e.severity()).isEqualTo(dev.oolong.Severity.RECOVERABLE);
    });
    assertThat(events).contains("ended");
    // Nothing from the rejected access units, nor from what depends on them, is drawn: the last
    // frame out before the failure stays up to the next key frame (the decoder's reset drops the
    // frames it still held for reordering); everything else is shown.
    assertThat(shown).doesNotContainAnyElementsOf(java.util.stream.IntStream.range(70, 90)
        .mapToObj(this::frameUs).toList());
    assertThat(shown).contains(frameUs(60), frameUs(90), frameUs(179));
    assertThat(shown).isSorted();
    assertThat(session.stats().toString()).contains("\"decoderResets\":", "\"heldFrames\":");
  }

  @Test
  void aDecoderFailingForLongerThanTheLimitEndsPlaybackWithTheClockAtTheLastFrameShown() throws Exception {
    rejectVideoFromUs = frameUs(40);
    session.setUndecodableLimitUs(1_500_000);
    session.load(new FileDataSource(), TestMedia.file("mp4/h264-aac-moov-first.mp4").toString());
    session.play();
    run(6000);
    PlayerException last = errors.get(errors.size() - 1);
    assertThat(last.severity()).isEqualTo(dev.oolong.Severity.CRITICAL);
    assertThat(last.errorCode()).isEqualTo(dev.oolong.ErrorCode.CODEC_DECODE_FAILED);
    assertThat(errors.subList(0, errors.size() - 1)).allSatisfy(e ->
        assertThat(e.severity()).isEqualTo(dev.oolong.Severity.RECOVERABLE));
    long lastShown = shown.get(shown.size() - 1);
    assertThat(lastShown).isLessThan(frameUs(40));
    double t = session.currentTime();
    assertThat(t).as("the position is at most the last frame shown").isBetween(lastShown / 1e6 - 0.05, lastShown / 1e6);
    run(1000);
    assertThat(session.currentTime()).as("the clock stopped").isEqualTo(t);
    assertThat(events).doesNotContain("ended");
  }

  private void assertTheVideoEndsInOneCriticalCodecUnsupported() throws Exception {
    session.load(new FileDataSource(), TestMedia.file("mp4/h264-aac-moov-first.mp4").toString());
    session.play();
    run(500);
    assertThat(errors).hasSize(1);
    assertThat(errors.get(0).errorCode()).isEqualTo(dev.oolong.ErrorCode.CODEC_UNSUPPORTED);
    assertThat(errors.get(0).severity()).isEqualTo(dev.oolong.Severity.CRITICAL);
    assertThat(events).doesNotContain("playing");
  }

  @Test
  void aConfigurationRefusedWhileTheDecoderIsMadeIsATypedCriticalError() throws Exception {
    throwOnConfigure = true;
    assertTheVideoEndsInOneCriticalCodecUnsupported();
  }
}
