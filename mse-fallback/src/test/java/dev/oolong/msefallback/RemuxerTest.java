package dev.oolong.msefallback;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oolong.TestMedia;
import dev.oolong.extractor.CryptoData;
import dev.oolong.extractor.FileExtractorRunner;
import dev.oolong.extractor.PacketRecorder;
import dev.oolong.extractor.TrackOutput;
import dev.oolong.media.TrackType;
import dev.oolong.timeline.TimelineSanitizer;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every fixture whose codecs have a fragmented-MP4 form, remuxed (segments cut at video key
 * frames, as the MSE controller will) and checked three ways: the project's MP4 extractor reads
 * back every sample — same count, same bytes (after the documented conversions), same times;
 * ffprobe, an independent parser, agrees with that reading packet by packet; and ffmpeg decodes
 * the output without a single error, the barcode of the decoded frames naming the right frame.
 */
class RemuxerTest {
  @TempDir Path tmp;

  @ParameterizedTest
  @ValueSource(strings = {"mp4/h264-aac-moov-first.mp4", "mp4/h264-aac-moov-last.mp4",
      "mp4/h264-aac-fragmented.mp4", "mp4/hevc-aac.mp4", "mp4/av1-opus.mp4", "ts/h264-aac.ts",
      "ts/hevc-aac.ts",
      "flv/h264-aac.flv", "webm/vp9-opus.webm", "webm/av1-opus.webm", "mkv/h264-aac.mkv",
      "mkv/h264-aac.mkvmerge.mkv", "audio/tone.aac", "audio/tone.flac", "audio/opus.ogg",
      "audio/flac.ogg", "mp4/h264-aac-cenc.mp4"})
  void remuxedOutputIsTheSameMedia(String fixture) throws Exception {
    // The source, as the remuxer receives it (sanitised).
    PacketRecorder source = new PacketRecorder(true);
    TimelineSanitizer sourceTimeline = new TimelineSanitizer(source, TimelineSanitizer.DEFAULT_MAX_JUMP_US);
    FileExtractorRunner.run(TestMedia.file(fixture), sourceTimeline, 64 * 1024, true);
    sourceTimeline.flush();

    Fmp4Remuxer remuxer = new Fmp4Remuxer();
    ByteArrayOutputStream media = new ByteArrayOutputStream();
    List<byte[]> segments = new ArrayList<>();
    TimelineSanitizer remuxTimeline = new TimelineSanitizer(
        new KeyFrameSegmenter(remuxer, segments, true), TimelineSanitizer.DEFAULT_MAX_JUMP_US);
    FileExtractorRunner.run(TestMedia.file(fixture), remuxTimeline, 64 * 1024, true);
    remuxTimeline.flush();
    byte[] last = remuxer.segment(true);
    if (last != null) {
      segments.add(last);
    }
    media.write(remuxer.initSegment());
    for (byte[] s : segments) {
      media.write(s);
    }
    assertThat(segments.size()).as("segments").isGreaterThan(fixture.startsWith("audio/") ? 0 : 3);
    Path out = tmp.resolve("out.mp4");
    Files.write(out, media.toByteArray());
    String keep = System.getProperty("oolong.remuxDir"); // to look at the output by hand
    if (keep != null) {
      Path copy = Path.of(keep, fixture.replace('/', '_') + ".remuxed.mp4");
      Files.createDirectories(copy.getParent());
      Files.write(copy, media.toByteArray());
    }

    // 1. Read back by the project's MP4 extractor.
    PacketRecorder back = new PacketRecorder(true);
    FileExtractorRunner.run(out, back, 64 * 1024, true);
    assertThat(back.tracks()).hasSameSizeAs(source.tracks());
    long offset = remuxer.timeOffsetUs();
    for (int s = 0; s < source.tracks().size(); s++) {
      PacketRecorder.Track st = source.tracks().get(s);
      PacketRecorder.Track bt = back.tracks().get(s);
      assertThat(bt.format.codec()).isEqualTo(st.format.codec());
      assertThat(bt.format.codecString()).as("codec string").isEqualTo(st.format.codecString());
      List<PacketRecorder.Packet> a = of(source, s);
      List<PacketRecorder.Packet> b = new ArrayList<>(of(back, s));
      List<byte[]> bData = new ArrayList<>(bt.data);
      boolean aac = "aac".equals(st.format.codec());
      if (aac) {
        // Silent frames filled holes in the source's audio: count them, then set them aside.
        long silent = crc(SilentAac.frame(st.format.channels()));
        for (int i = b.size() - 1; i >= 0; i--) {
          if (b.get(i).crc32() == silent) {
            b.remove(i);
            bData.remove(i);
          }
        }
        assertThat(of(back, s).size() - b.size()).as("silent frames").isEqualTo((int) remuxer.silentFrames());
      }
      assertThat(b).as("%s stream %d count", fixture, s).hasSameSizeAs(a);
      TrackConfig config = TrackConfig.of(st.format);
      // One tick of the output timescale; AAC frames are placed back to back, so up to half a
      // frame from a source time that was rounded (FLV, Matroska: 1 ms) or left a hole.
      long tick = aac ? 1024 * 1_000_000L / config.timescale / 2 : 1_000_000 / config.timescale + 1;
      // Video starting a little after media time 0 has its first frame shown from 0 (its times
      // moved back by as much).
      long fill = st.type == TrackType.VIDEO && a.get(0).ptsUs() > 0
          && a.get(0).ptsUs() <= Fmp4Remuxer.MAX_START_FILL_US ? a.get(0).ptsUs() : 0;
      for (int i = 0; i < a.size(); i++) {
        String where = fixture + " stream " + s + " sample " + i;
        long moved = i == 0 ? fill : 0;
        byte[] expected = a.get(i).crypto() == null
            ? Fmp4Remuxer.transform(config.transform, st.data.get(i)) : st.data.get(i);
        assertThat(crc(bData.get(i))).as(where + " bytes").isEqualTo(crc(expected));
        assertThat(b.get(i).flags() & TrackOutput.FLAG_KEY_FRAME).as(where + " key")
            .isEqualTo(a.get(i).flags() & TrackOutput.FLAG_KEY_FRAME);
        // Decode times move by one constant per track (up to the first presentation time), or,
        // without decode times in the source, are the presentation times in increasing order.
        if ((a.get(i).flags() & TrackOutput.FLAG_NO_DECODE_TIME) == 0 && a.size() > 1) {
          long shift0 = b.get(1).dtsUs() - a.get(1).dtsUs();
          assertThat(Math.abs(b.get(i).dtsUs() + moved - a.get(i).dtsUs() - shift0)).as(where + " dts")
              .isLessThanOrEqualTo(2 * tick);
        }
        if (i > 0) {
          assertThat(b.get(i).dtsUs()).as(where + " dts increases").isGreaterThan(b.get(i - 1).dtsUs());
        }
        assertThat(b.get(0).dtsUs()).as("no decode time before the first presentation").isNotNegative();
        assertThat(Math.abs(b.get(i).ptsUs() + moved - (a.get(i).ptsUs() + offset))).as(where + " pts")
            .isLessThanOrEqualTo(2 * tick);
        CryptoData c = a.get(i).crypto();
        if (c != null) {
          assertThat(b.get(i).crypto()).as(where + " crypto").isEqualTo(c);
        }
      }
    }

    if (fixture.contains("-cenc")) {
      // ffmpeg 5.1's MP4 demuxer stops at the second fragment of a fragmented CENC file
      // ("Incorrect number of samples in encryption info", fixed in later FFmpeg): here the
      // oracle is decryption instead — every sample read back, decrypted with the key, must be
      // the clear file's sample.
      PacketRecorder clear = new PacketRecorder(true);
      FileExtractorRunner.run(TestMedia.file("mp4/h264-aac-moov-first.mp4"), clear, 64 * 1024, true);
      byte[] key = java.util.HexFormat.of().parseHex(TestMedia.cencKey());
      for (int s = 0; s < clear.tracks().size(); s++) {
        List<PacketRecorder.Packet> enc = of(back, s);
        for (int i = 0; i < enc.size(); i++) {
          byte[] plain = dev.oolong.extractor.mp4.Cenc.decryptCtr(back.tracks().get(s).data.get(i),
              enc.get(i).crypto(), key);
          assertThat(crc(plain)).as("stream %d sample %d decrypted", s, i)
              .isEqualTo(crc(clear.tracks().get(s).data.get(i)));
        }
      }
      return;
    }
    // 2. ffprobe agrees with that reading, packet by packet.
    List<String> ffprobe = run("ffprobe", "-v", "error", "-show_packets", "-show_entries",
        "packet=stream_index,pts_time,dts_time,size,flags", "-of", "csv=p=0", out.toString());
    List<String> lines = ffprobe.stream().filter(l -> l.matches("^[0-9]+,.*"))
        .map(l -> String.join(",", java.util.Arrays.copyOf(l.split(","), 5))).toList();
    List<String> ours = back.packets().stream().map(PacketRecorder.Packet::toCsv).toList();
    // Per stream: ffmpeg interleaves fragments' samples by time, we read them in file order.
    for (int s = 0; s < back.tracks().size(); s++) {
      String prefix = s + ",";
      List<String> theirs = lines.stream().filter(l -> l.startsWith(prefix)).toList();
      List<String> mine = ours.stream().filter(l -> l.startsWith(prefix)).toList();
      // ffmpeg shifts presentation times by the most negative composition offset of a track
      // (its "dts_shift", so that pts >= dts); the spec reads them as they are. Everything else
      // must be identical, and that shift the same for every packet of the stream.
      java.math.BigDecimal shift = null;
      for (int i = 0; i < Math.min(theirs.size(), mine.size()); i++) {
        String[] x = theirs.get(i).split(",");
        String[] y = mine.get(i).split(",");
        String where = fixture + ": ffprobe's packet " + i + " of stream " + s;
        assertThat(x[2] + "," + x[3] + "," + x[4]).as(where).isEqualTo(y[2] + "," + y[3] + "," + y[4]);
        java.math.BigDecimal d = new java.math.BigDecimal(x[1]).subtract(new java.math.BigDecimal(y[1]));
        if (shift == null) {
          shift = d;
        }
        assertThat(d.subtract(shift).abs().doubleValue()).as(where + " pts shift").isLessThanOrEqualTo(1e-6);
      }
      assertThat(theirs).as("ffprobe's packet count").hasSameSizeAs(mine);
    }

    // 3. ffmpeg decodes it without complaint, and the frames are the right ones.
    List<String> decodeArgs = new ArrayList<>(List.of("ffmpeg", "-v", "error", "-nostdin"));
    if (fixture.contains("-cenc")) {
      decodeArgs.addAll(List.of("-decryption_key", TestMedia.cencKey()));
    }
    decodeArgs.addAll(List.of("-i", out.toString(), "-f", "null", "-"));
    assertThat(runStderr(decodeArgs)).as("ffmpeg's decoding errors").isEmpty();
    if (back.tracks().stream().anyMatch(t -> t.type == TrackType.VIDEO)) {
      int width = back.tracks().stream().filter(t -> t.type == TrackType.VIDEO).findFirst()
          .orElseThrow().format.width();
      for (int frame : new int[] {0, 37, 150}) {
        assertThat(Barcodes.read(out, frame, width, fixture.contains("-cenc") ? TestMedia.cencKey() : null))
            .as("%s decoded frame %d", fixture, frame).isEqualTo(frame);
      }
    }
  }

  static List<PacketRecorder.Packet> of(PacketRecorder r, int stream) {
    return r.packets().stream().filter(p -> p.streamIndex() == stream).toList();
  }

  static long crc(byte[] d) {
    CRC32 c = new CRC32();
    c.update(d);
    return c.getValue();
  }

  static List<String> run(String... command) throws Exception {
    Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor()).as(String.join(" ", command)).isZero();
    return out.lines().toList();
  }

  static String runStderr(List<String> command) throws Exception {
    Process p = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    String err;
    try (InputStream in = p.getErrorStream()) {
      err = new String(in.readAllBytes());
    }
    p.waitFor();
    return err.trim();
  }
}
