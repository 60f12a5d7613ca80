package dev.oolong.msefallback;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oolong.TestMedia;
import dev.oolong.extractor.FileExtractorRunner;
import dev.oolong.extractor.PacketRecorder;
import dev.oolong.media.TrackType;
import dev.oolong.timeline.TimelineSanitizer;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The WebM byte stream (for VP8/Vorbis, which have no MP4 form in the browser): the output of
 * {@code webm/vp8-vorbis.webm} and of the Ogg Vorbis fixture, segments cut as the MSE session
 * cuts them, must read back through the project's Matroska extractor as the same packets (bytes
 * equal, the same timeline within the 1 ms timestamp scale), and ffmpeg must decode it without an error, the
 * barcode of the decoded frames naming the right frame.
 */
class WebmOutputTest {
  @TempDir Path tmp;

  @ParameterizedTest
  @ValueSource(strings = {"webm/vp8-vorbis.webm", "audio/vorbis.ogg"})
  void webmOutputIsTheSameMedia(String fixture) throws Exception {
    PacketRecorder source = new PacketRecorder(true);
    TimelineSanitizer timeline = new TimelineSanitizer(source, TimelineSanitizer.DEFAULT_MAX_JUMP_US);
    FileExtractorRunner.run(TestMedia.file(fixture), timeline, 64 * 1024, true);
    timeline.flush();
    java.util.Map<Integer, ByteArrayOutputStream> appended = new java.util.TreeMap<>();
    MseSessionTest.FakeSink sink = new MseSessionTest.FakeSink() {
      @Override
      public String append(int buffer, byte[] segment) {
        appended.computeIfAbsent(buffer, b -> new ByteArrayOutputStream()).writeBytes(segment);
        return super.append(buffer, segment);
      }
    };
    MseSessionTest.Events events = new MseSessionTest.Events();
    MseSession session = new MseSession(sink, events);
    Feed.through(session, fixture).start();
    while (sink.finish(session)) {
      // each append completes in turn
    }
    assertThat(events.errors).isEmpty();
    assertThat(session.mimeType()).contains("webm");
    // A byte stream per SourceBuffer (one per track), each read back on its own.
    assertThat(appended).as("a SourceBuffer per track").hasSameSizeAs(source.tracks());
    List<Path> outs = new ArrayList<>();
    for (var e : appended.entrySet()) {
      Path out = tmp.resolve("out-" + e.getKey() + ".webm");
      Files.write(out, e.getValue().toByteArray());
      outs.add(out);
      PacketRecorder back = new PacketRecorder(true);
      FileExtractorRunner.run(out, back, 64 * 1024, true);
      assertThat(back.tracks()).hasSize(1);
      int s = -1;
      for (int i = 0; i < source.tracks().size(); i++) {
        if (source.tracks().get(i).type == back.tracks().get(0).type) {
          s = i;
        }
      }
      assertThat(s).as("a source track of the type of buffer %d", e.getKey()).isNotNegative();
      List<PacketRecorder.Packet> a = RemuxerTest.of(source, s);
      List<PacketRecorder.Packet> b = RemuxerTest.of(back, 0);
      assertThat(b).as("%s stream %d", fixture, s).hasSameSizeAs(a);
      assertThat(back.tracks().get(0).format.codec()).isEqualTo(source.tracks().get(s).format.codec());
      for (int i = 0; i < a.size(); i++) {
        assertThat(b.get(i).crc32()).as("%s stream %d packet %d", fixture, s, i).isEqualTo(a.get(i).crc32());
        // One time base shift for the whole stream (no negative times), then the same timeline.
        long shifted = (b.get(i).ptsUs() - b.get(0).ptsUs()) - (a.get(i).ptsUs() - a.get(0).ptsUs());
        assertThat(Math.abs(shifted)).as("pts").isLessThanOrEqualTo(1000);
      }
    }
    for (Path out : outs) {
      assertThat(RemuxerTest.runStderr(List.of("ffmpeg", "-v", "error", "-nostdin", "-i", out.toString(),
          "-f", "null", "-"))).isEmpty();
    }
    if (source.tracks().stream().anyMatch(t -> t.type == TrackType.VIDEO)) {
      for (int frame : new int[] {0, 37, 150}) {
        assertThat(Barcodes.read(outs.get(0), frame, 640, null)).as("decoded frame %d", frame).isEqualTo(frame);
      }
    }
  }
}
