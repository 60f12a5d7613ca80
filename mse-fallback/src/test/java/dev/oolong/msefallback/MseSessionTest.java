package dev.oolong.msefallback;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oolong.ErrorCode;
import dev.oolong.PlayerException;
import dev.oolong.TestMedia;
import dev.oolong.extractor.FileExtractorRunner;
import dev.oolong.extractor.PacketRecorder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The MSE session against an in-memory sink that behaves like a SourceBuffer (busy while an
 * append is "in flight", finished by the test as the browser's updateend would): the init
 * segment first, timestampOffset before the first media segment, never two operations at once,
 * endOfStream once at the end, and typed errors for what the browser refuses.
 */
class MseSessionTest {

  /**
   * A sink that records operations (those of SourceBuffer 1 prefixed "[1] "); an operation stays
   * in flight until {@link #finish}.
   */
  static class FakeSink implements MediaSink {
    final List<String> log = new ArrayList<>();
    boolean open = true;
    final boolean[] updating = new boolean[MAX_BUFFERS];
    boolean supported = true;
    String appendError;
    int overlaps;
    /** The MediaSource's "ended" state: endOfStream called, no append or removal since. */
    boolean sourceEnded;

    private static String tag(int buffer) {
      return buffer == 0 ? "" : "[" + buffer + "] ";
    }

    @Override
    public boolean isOpen() {
      return open;
    }

    @Override
    public boolean isTypeSupported(String mimeType) {
      return supported;
    }

    @Override
    public String createBuffer(int buffer, String mimeType) {
      log.add(tag(buffer) + "create " + mimeType);
      return null;
    }

    @Override
    public boolean isUpdating(int buffer) {
      return updating[buffer];
    }

    private boolean anyUpdating() {
      return updating[0] || updating[1];
    }

    @Override
    public void setDuration(double seconds) {
      overlaps += anyUpdating() ? 1 : 0;
      log.add("duration " + seconds);
    }

    @Override
    public void setTimestampOffset(int buffer, double seconds) {
      overlaps += updating[buffer] ? 1 : 0;
      log.add(tag(buffer) + "offset " + seconds);
    }

    @Override
    public String append(int buffer, byte[] segment) {
      overlaps += updating[buffer] ? 1 : 0;
      if (appendError != null) {
        return appendError;
      }
      updating[buffer] = true;
      sourceEnded = false;
      String type = segment.length >= 8
          ? new String(segment, 4, 4, java.nio.charset.StandardCharsets.ISO_8859_1) : "";
      log.add(tag(buffer) + "append " + (type.equals("ftyp") || type.equals("moof") ? type : "raw"));
      return null;
    }

    @Override
    public String remove(int buffer, double startSeconds, double endSeconds) {
      overlaps += updating[buffer] ? 1 : 0;
      updating[buffer] = true;
      sourceEnded = false;
      log.add(tag(buffer) + "remove " + startSeconds + "-" + endSeconds);
      return null;
    }

    @Override
    public void abort(int buffer) {
      updating[buffer] = false;
      log.add(tag(buffer) + "abort");
    }

    @Override
    public String endOfStream() {
      overlaps += anyUpdating() ? 1 : 0;
      if (sourceEnded) {
        return "InvalidStateError: The MediaSource's readyState is not 'open'."; // as Chromium
      }
      sourceEnded = true;
      log.add("endOfStream");
      return null;
    }

    /** The operations in flight complete (updateend); whether there were any. */
    boolean finish(MseSession s) {
      if (!anyUpdating()) {
        return false;
      }
      java.util.Arrays.fill(updating, false);
      s.pump();
      return true;
    }
  }

  static final class Events implements MseSession.Listener {
    final List<PlayerException> errors = new ArrayList<>();
    final List<Double> produced = new ArrayList<>();
    MseSession session;
    int ends;

    @Override
    public void onProduced() {
      if (session != null) {
        produced.add(session.producedUntil());
      }
    }

    @Override
    public void onAppended(int segments, long bytes) {}

    @Override
    public void onEndOfStream() {
      ends++;
    }

    @Override
    public void onError(PlayerException error) {
      errors.add(error);
    }
  }

  private static MseSession play(FakeSink sink, Events events, String fixture) throws Exception {
    MseSession s = new MseSession(sink, events);
    events.session = s;
    Feed.through(s, fixture).start();
    while (sink.finish(s)) {
      // the browser finishes each append in turn
    }
    return s;
  }

  /** The operations of SourceBuffer {@code buffer} in order, without their tag. */
  static List<String> ops(List<String> log, int buffer) {
    String tag = buffer == 0 ? "" : "[" + buffer + "] ";
    return log.stream().filter(l -> buffer == 0 ? !l.startsWith("[") && !l.startsWith("duration ")
        && !l.equals("endOfStream") : l.startsWith(tag)).map(l -> l.substring(tag.length())).toList();
  }

  @Test
  void appendsInOrderOneAtATimeAndEndsOnce() throws Exception {
    FakeSink sink = new FakeSink();
    Events events = new Events();
    MseSession s = play(sink, events, "ts/h264-aac.ts");
    assertThat(events.errors).isEmpty();
    assertThat(sink.overlaps).as("operations while updating").isZero();
    // A SourceBuffer per track, both made before anything is appended.
    assertThat(sink.log.get(0)).isEqualTo("create video/mp4; codecs=\"avc1.4d401e\"");
    assertThat(sink.log.get(1)).isEqualTo("[1] create audio/mp4; codecs=\"mp4a.40.2\"");
    assertThat(s.mimeType()).isEqualTo("video/mp4; codecs=\"avc1.4d401e\" + audio/mp4; codecs=\"mp4a.40.2\"");
    // Unknown until the bitrate estimate (never the growing end of what is appended).
    assertThat(sink.log.get(2)).isEqualTo("duration Infinity");
    for (int b = 0; b < 2; b++) {
      List<String> ops = ops(sink.log, b);
      assertThat(ops.get(1)).as("buffer %d", b).isEqualTo("append ftyp");
      assertThat(ops.get(2)).as("buffer %d", b).startsWith("offset ");
      assertThat(ops.subList(3, ops.size())).as("buffer %d", b).isNotEmpty().allMatch("append moof"::equals);
    }
    // The duration once the seek map has it (the bitrate estimate of the 6 s; media time starts
    // at 0), early: the element can seek beyond what is loaded.
    List<String> durations = sink.log.stream().filter(l -> l.startsWith("duration ")).toList();
    assertThat(durations).hasSize(2);
    assertThat(Double.parseDouble(durations.get(1).substring(9))).isBetween(6.0, 8.7);
    assertThat(sink.log.indexOf(durations.get(1))).as("before the last segment")
        .isLessThan(sink.log.lastIndexOf("append moof"));
    assertThat(sink.log.get(sink.log.size() - 1)).isEqualTo("endOfStream");
    long video = ops(sink.log, 0).stream().filter("append moof"::equals).count();
    long audio = ops(sink.log, 1).stream().filter("append moof"::equals).count();
    assertThat(video).as("a video segment per GOP (6 s, key frame every second)").isEqualTo(6);
    assertThat(audio).as("an audio segment a second").isBetween(5L, 7L);
    assertThat(events.ends).isEqualTo(1);
    assertThat(s.segmentsAppended()).isEqualTo((int) (2 + video + audio));
  }

  @Test
  void producedUntilFollowsTheKeyFrameCutsAndStartsAgainAfterASeek() throws Exception {
    FakeSink sink = new FakeSink();
    Events events = new Events();
    MseSession s = play(sink, events, "ts/h264-aac.ts");
    // Key frames every second: the media cut reaches the next key frame. The extractor's times
    // are the stream clock's (from 1.4 s); the session's are media time, from the stream's
    // earliest first sample.
    PacketRecorder rec = new PacketRecorder();
    FileExtractorRunner.run(TestMedia.file("ts/h264-aac.ts"), rec, 64 * 1024, true);
    long startUs = rec.tracks().stream().mapToLong(t -> rec.packets().stream()
        .filter(p -> p.streamIndex() == t.index).findFirst().orElseThrow().ptsUs()).min().orElseThrow();
    assertThat(startUs).as("the TS's clock starts at 1.4 s").isGreaterThan(1_000_000);
    List<Double> keys = rec.packets().stream()
        .filter(p -> rec.tracks().get(p.streamIndex()).type == dev.oolong.media.TrackType.VIDEO
            && (p.flags() & dev.oolong.extractor.TrackOutput.FLAG_KEY_FRAME) != 0)
        .map(p -> (p.ptsUs() - startUs) / 1e6).toList();
    assertThat(events.produced).isSorted();
    // The last segment reaches the end of the media: its last frame (a frame's duration on).
    double lastPts = (rec.packets().stream().mapToLong(PacketRecorder.Packet::ptsUs).max().orElseThrow() - startUs) / 1e6;
    // The stream's end is the longer track's; what is produced in both, the shorter's.
    double end = s.streamEnd();
    assertThat(end).isBetween(lastPts, lastPts + 0.05);
    assertThat(events.produced.get(events.produced.size() - 1)).isBetween(end - 0.05, end);
    // Before the end, what both lanes reach is a video cut (a key frame) or an audio cut (a
    // second apart, from the audio's start; the key frames are a second apart too here).
    List<Double> before = events.produced.stream().filter(p -> p < keys.get(keys.size() - 1) + 0.03).toList();
    assertThat(before).as("produced before the last key frame: %s", events.produced).hasSizeGreaterThanOrEqualTo(4);
    for (double p : before.subList(1, before.size())) {
      assertThat(keys).anySatisfy(k -> assertThat(k).isCloseTo(p, org.assertj.core.data.Offset.offset(0.03)));
    }
    assertThat(s.allProduced()).isTrue();
    s.seek(3);
    assertThat(s.producedUntil()).isEqualTo(Double.NEGATIVE_INFINITY);
    assertThat(s.allProduced()).isFalse();
    assertThat(s.loadFrom()).isEqualTo(3);
    assertThat(s.streamEnd()).as("the stream's end outlives the load").isEqualTo(end);
  }

  @Test
  void theRecordOfWhatWasAppendedHoldsCompletedAppendsOnly() throws Exception {
    FakeSink sink = new FakeSink();
    Events events = new Events();
    MseSession s = new MseSession(sink, events);
    events.session = s;
    Feed.through(s, "ts/h264-aac.ts").start();
    assertThat(s.appended().isEmpty()).isTrue();
    sink.finish(s); // the init segment is in; the first media segment in flight
    assertThat(s.appended().isEmpty()).as("an append in flight is not in the record").isTrue();
    sink.finish(s); // the first media segment is in; the second in flight
    // The first segment counts from 0, where the load started (the stream's clock started at
    // 1.4 s: media time starts at 0; the video 21 ms after the audio). Key frames a second apart.
    assertThat(s.appended().covers(0, 0.95)).isTrue();
    assertThat(s.appended().covers(0, 1.1)).isFalse();
    // A seek abandons the append in flight: it never enters the record.
    s.seek(4);
    sink.finish(s);
    assertThat(s.appended().covers(0, 1.1)).isFalse();

    MseSession whole = play(new FakeSink(), new Events(), "ts/h264-aac.ts");
    double end = whole.producedUntil();
    assertThat(whole.appended().covers(0, end)).isTrue();
    // A removal leaves the record with it.
    whole.evict(3);
    assertThat(whole.appended().covers(0, 3.5)).isFalse();
    assertThat(whole.appended().covers(3, end)).isTrue();
  }

  @Test
  void aLoadThatAddsNothingLeavesTheEndedSourceAsItIs() throws Exception {
    // A seek to the very end: the extraction moves there and ends without a frame. The
    // MediaSource is still ended (a seek does not re-open it): endOfStream again would throw.
    FakeSink sink = new FakeSink();
    Events events = new Events();
    MseSession s = play(sink, events, "ts/h264-aac.ts");
    assertThat(sink.log.stream().filter("endOfStream"::equals)).hasSize(1);
    s.seek(s.streamEnd());
    s.inputEnded();
    while (sink.finish(s)) {
      // nothing
    }
    assertThat(events.errors).isEmpty();
    // A load that appends re-opens it: it is ended again after.
    s.seek(2);
    Feed.through(s, "ts/h264-aac.ts").start();
    while (sink.finish(s)) {
      // the rest
    }
    assertThat(events.errors).isEmpty();
    assertThat(sink.log.stream().filter("endOfStream"::equals)).hasSize(2);
    assertThat(sink.log.get(sink.log.size() - 1)).isEqualTo("endOfStream");
  }

  /**
   * MP3 next to H.264 (FLV and MPEG-TS): Chromium takes MP3 only as {@code audio/mpeg}, so it
   * gets a SourceBuffer of its own, made with the video's before anything is appended; each
   * buffer gets its own segments and offset; the stream ends once, after both.
   */
  @ParameterizedTest
  @ValueSource(strings = {"flv/h264-mp3.flv", "ts/h264-mp3.ts"})
  void mp3NextToVideoGetsASourceBufferOfItsOwn(String fixture) throws Exception {
    FakeSink sink = new FakeSink();
    Events events = new Events();
    MseSession s = play(sink, events, fixture);
    assertThat(events.errors).isEmpty();
    assertThat(sink.overlaps).as("operations while updating").isZero();
    assertThat(sink.log.get(0)).startsWith("create video/mp4; codecs=\"avc1.");
    assertThat(sink.log.get(0)).doesNotContain("mp4a");
    assertThat(sink.log.get(1)).isEqualTo("[1] create audio/mpeg");
    assertThat(s.mimeType()).endsWith(" + audio/mpeg");
    assertThat(sink.log.stream().filter(l -> l.equals("[1] append raw")).count())
        .as("MP3 segments, one a second").isBetween(5L, 8L);
    assertThat(sink.log.stream().filter(l -> l.equals("append moof")).count())
        .as("video segments, one per GOP").isBetween(5L, 7L);
    assertThat(sink.log.stream().filter(l -> l.startsWith("[1] offset "))).hasSize(1);
    assertThat(sink.log.stream().filter("endOfStream"::equals)).hasSize(1);
    assertThat(sink.log.get(sink.log.size() - 1)).isEqualTo("endOfStream");
    // The record is what both buffers hold: from the start to the end of the shorter stream.
    assertThat(s.appended().covers(0.2, 5.5)).isTrue();
    // A seek abandons what both buffers are doing; the MP3 offset is set again after it.
    s.seek(3);
    Feed.through(s, fixture).start();
    while (sink.finish(s)) {
      // the rest
    }
    assertThat(events.errors).isEmpty();
    assertThat(sink.log.stream().filter(l -> l.startsWith("[1] offset "))).hasSize(2);
  }

  /**
   * Fragments without sidx, mfra or mehd (CMAF segments joined): the length is not known until
   * the end. The MediaSource is told so (+Infinity) before anything is appended, so the element
   * never reads the growing end of what is appended as the duration; endOfStream gives the real
   * one. An mfra at the end gives seek points but no length (no mehd): unknown still.
   */
  @ParameterizedTest
  @ValueSource(strings = {"mp4/h264-aac-cmaf.mp4", "mp4/h264-aac-fragmented.mp4"})
  void fragmentsWithoutAnIndexHaveAnUnknownDurationUntilOneIsKnown(String fixture) throws Exception {
    FakeSink sink = new FakeSink();
    Events events = new Events();
    MseSession s = play(sink, events, fixture);
    assertThat(events.errors).isEmpty();
    List<String> durations = sink.log.stream().filter(l -> l.startsWith("duration ")).toList();
    assertThat(durations.get(0)).isEqualTo("duration Infinity");
    assertThat(sink.log.indexOf("duration Infinity")).as("before the first append")
        .isLessThan(sink.log.indexOf("append ftyp"));
    double ffprobe = new com.fasterxml.jackson.databind.ObjectMapper()
        .readTree(TestMedia.file(fixture + ".json").toFile()).get("format").get("duration").asDouble();
    assertThat(durations).containsExactly("duration Infinity");
    assertThat(sink.log.get(sink.log.size() - 1)).isEqualTo("endOfStream"); // which sets the real one
    assertThat(s.streamEnd()).isCloseTo(ffprobe, org.assertj.core.data.Offset.offset(0.05));
  }

  @Test
  void nothingIsAppendedBeforeTheMediaSourceOpens() throws Exception {
    FakeSink sink = new FakeSink();
    sink.open = false;
    Events events = new Events();
    MseSession s = play(sink, events, "mp4/h264-aac-fragmented.mp4");
    assertThat(sink.log).isEmpty();
    sink.open = true;
    s.pump(); // sourceopen
    while (sink.finish(s)) {
      // more
    }
    assertThat(sink.log.get(0)).startsWith("create video/mp4");
    assertThat(sink.log.get(1)).startsWith("[1] create audio/mp4");
    assertThat(sink.log.get(2)).isEqualTo("duration Infinity"); // no length before the end
    assertThat(sink.log.get(3)).endsWith("append ftyp");
    assertThat(sink.log).contains("endOfStream");
    assertThat(events.errors).isEmpty();
  }

  @Test
  void whatTheBrowserRefusesIsATypedError() throws Exception {
    FakeSink sink = new FakeSink();
    sink.supported = false;
    Events events = new Events();
    play(sink, events, "webm/vp9-opus.webm");
    assertThat(events.errors).hasSize(1);
    assertThat(events.errors.get(0).errorCode()).isEqualTo(ErrorCode.CODEC_UNSUPPORTED);

    FakeSink failing = new FakeSink();
    failing.appendError = "QuotaExceededError: full";
    Events e2 = new Events();
    play(failing, e2, "webm/vp9-opus.webm");
    assertThat(e2.errors).hasSize(1);
    assertThat(e2.errors.get(0).errorCode()).isEqualTo(ErrorCode.MEDIA_SOURCE_FAILED);
    assertThat(e2.errors.get(0).data()).containsEntry("operation", "appendBuffer");
  }

  @Test
  void mp3GoesOutAsAnMpegAudioStream() throws Exception {
    FakeSink sink = new FakeSink();
    Events events = new Events();
    play(sink, events, "audio/tone.mp3");
    assertThat(events.errors).isEmpty();
    assertThat(sink.log.get(0)).isEqualTo("create audio/mpeg");
    assertThat(sink.log.get(1)).isEqualTo("offset 0.0"); // the first frame's time: no init segment
    // the duration from the Xing header's frame count
    assertThat(sink.log).filteredOn(l -> l.startsWith("duration ")).containsExactly("duration 6.034286");
    assertThat(sink.log.subList(2, sink.log.size() - 1)).isNotEmpty()
        .allMatch(l -> l.equals("append raw") || l.startsWith("duration "));
    assertThat(sink.log.get(sink.log.size() - 1)).isEqualTo("endOfStream");
    assertThat(sink.overlaps).isZero();
  }

  @Test
  void aFullBufferIsEvictedBehindThePlayheadAndTheSegmentAppendedAgain() throws Exception {
    FakeSink sink = new FakeSink() {
      int refusals = 1;

      @Override
      public String append(int buffer, byte[] segment) {
        if (buffer == 0 && log.size() > 6 && refusals > 0) { // a video segment
          refusals--;
          return "QuotaExceededError: the buffer is full";
        }
        return super.append(buffer, segment);
      }
    };
    Events events = new Events();
    MseSession s = new MseSession(sink, events);
    s.setCurrentTime(3.0);
    Feed.through(s, "ts/h264-aac.ts").start();
    while (sink.finish(s)) {
      // more
    }
    assertThat(events.errors).isEmpty();
    List<String> video = ops(sink.log, 0);
    assertThat(video).contains("remove 0.0-2.0");
    int removed = video.indexOf("remove 0.0-2.0");
    assertThat(video.get(removed + 1)).isEqualTo("append moof"); // the refused segment again
    assertThat(s.evictions()).isEqualTo(1);
    assertThat(video.stream().filter("append moof"::equals).count()).isEqualTo(6);
    assertThat(sink.overlaps).isZero();
  }

  @Test
  void theBackBufferIsRemovedBetweenAppends() throws Exception {
    FakeSink sink = new FakeSink();
    Events events = new Events();
    MseSession s = play(sink, events, "ts/h264-aac.ts");
    s.evict(4.5);
    assertThat(sink.log.subList(sink.log.size() - 2, sink.log.size()))
        .as("from each SourceBuffer").containsExactly("remove 0.0-4.5", "[1] remove 0.0-4.5");
    // A removal re-opens an ended MediaSource: the session ends it again.
    sink.finish(s);
    assertThat(sink.log.get(sink.log.size() - 1)).isEqualTo("endOfStream");
    assertThat(sink.overlaps).isZero();
  }

  @Test
  void oneRemuxerRefusesMp3NextToOtherTracks() throws Exception {
    // MP3 goes out only as an audio/mpeg stream of its own: the session gives it a lane (and
    // SourceBuffer) of its own; a remuxer handed it next to video says so with a typed error
    // rather than writing an MP4 Chromium would refuse.
    Fmp4Remuxer remuxer = new Fmp4Remuxer();
    dev.oolong.extractor.TrackOutput video = remuxer.track(1, dev.oolong.media.TrackType.VIDEO);
    dev.oolong.extractor.TrackOutput audio = remuxer.track(2, dev.oolong.media.TrackType.AUDIO);
    byte[] avcC = {1, 0x4d, 0x40, 0x1e, (byte) 0xff, (byte) 0xe0, 0};
    video.format(new dev.oolong.media.Format(1, dev.oolong.media.TrackType.VIDEO, "h264", "avc1.4d401e",
        640, 360, 0, 0, List.of(avcC), null, dev.oolong.C.TIME_UNSET, false));
    audio.format(new dev.oolong.media.Format(2, dev.oolong.media.TrackType.AUDIO, "mp3", "mp3", 0, 0,
        44100, 2, List.of(), null, dev.oolong.C.TIME_UNSET, false));
    remuxer.endTracks();
    for (dev.oolong.extractor.TrackOutput t : List.of(video, audio)) {
      t.sampleData(new byte[8], 0, 8);
      t.sampleMetadata(0, 0, dev.oolong.extractor.TrackOutput.FLAG_KEY_FRAME, 8, null);
    }
    assertThat(remuxer.ready()).isTrue();
    org.assertj.core.api.Assertions.assertThatThrownBy(remuxer::initSegment)
        .isInstanceOfSatisfying(PlayerException.class,
            e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.CODEC_UNSUPPORTED));
  }

  @Test
  void vp8AndVorbisGoOutAsWebm() throws Exception {
    FakeSink sink = new FakeSink();
    Events events = new Events();
    play(sink, events, "webm/vp8-vorbis.webm");
    assertThat(events.errors).isEmpty();
    assertThat(sink.log.get(0)).isEqualTo("create video/webm; codecs=\"vp8\"");
    assertThat(sink.log.get(1)).isEqualTo("[1] create audio/webm; codecs=\"vorbis\"");
    assertThat(sink.log).contains("endOfStream");
    assertThat(sink.overlaps).isZero();
  }
}
