package dev.oolong.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.oolong.PlayerException;
import dev.oolong.TestMedia;
import dev.oolong.extractor.FileExtractorRunner;
import dev.oolong.extractor.PacketRecorder;
import dev.oolong.msefallback.Fmp4Remuxer;
import dev.oolong.msefallback.KeyFrameSegmenter;
import dev.oolong.timeline.Timeline;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Coverage-guided fuzzing of the whole JVM pipeline of the MSE path (Jazzer): extractor →
 * timeline → fMP4 remuxer, on real media damaged the way the input says. Byte 0 picks a fixture
 * (its first {@link #HEAD_BYTES}), bytes 1–2 where it is cut (0: not cut), byte 3 the delivery
 * chunk size; every following 4 bytes are one corruption: a 3-byte offset and the XOR mask laid
 * on the byte there. Structure-aware that way, every execution runs a real stream through every
 * stage instead of bytes no extractor recognises.
 *
 * <p>Oracle: nothing escapes but a {@link PlayerException} (an unexpected exception, a hang or an
 * out-of-memory is a finding); and whatever the remuxer wrote (its init segment and every media
 * segment cut at video key frames, as the MSE session cuts them) re-parses with the project's
 * MP4 extractor without an error, each track's decode times strictly increasing and never negative. The suite runs
 * a fixed number of executions; {@link PipelineFuzzLongRun} is the long run.
 */
class PipelineFuzzTest {
  /** Media fed per execution at most: a few seconds of each fixture. */
  static final int HEAD_BYTES = 192 * 1024;
  static final List<String> FIXTURES = List.of("ts/h264-aac.ts", "flv/h264-aac.flv",
      "mp4/h264-aac-fragmented.mp4", "mp4/h264-aac-moov-first.mp4", "webm/vp9-opus.webm",
      "mkv/h264-aac.mkv", "audio/tone.aac", "audio/opus.ogg", "ts/discontinuity.m2ts");
  private static final Map<String, byte[]> HEADS = new HashMap<>();

  @FuzzTest(maxExecutions = 1_000, maxDuration = "90s")
  void pipelineEndsTypedAndRemuxesMonotonic(byte[] data) {
    check(data);
  }

  static synchronized byte[] head(String fixture) {
    return HEADS.computeIfAbsent(fixture, f -> {
      try {
        byte[] all = Files.readAllBytes(TestMedia.file(f));
        return Arrays.copyOf(all, Math.min(all.length, HEAD_BYTES));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }

  /** One fuzz input. */
  static void check(byte[] data) {
    if (data.length < 4) {
      return;
    }
    byte[] media = head(FIXTURES.get((data[0] & 0xFF) % FIXTURES.size())).clone();
    int cut = (int) ((long) ((data[1] & 0xFF) << 8 | data[2] & 0xFF) * media.length / 65536);
    if (cut > 0) {
      media = Arrays.copyOf(media, cut);
    }
    int chunk = 512 + (data[3] & 0xFF) * 256;
    for (int i = 4; i + 3 < data.length && media.length > 0; i += 4) {
      int offset = ((data[i] & 0xFF) << 16 | (data[i + 1] & 0xFF) << 8 | data[i + 2] & 0xFF) % media.length;
      media[offset] ^= (byte) (data[i + 3] == 0 ? 0x80 : data[i + 3]);
    }
    Fmp4Remuxer remuxer = new Fmp4Remuxer();
    List<byte[]> segments = new java.util.ArrayList<>();
    Timeline timeline = new Timeline(new KeyFrameSegmenter(remuxer, segments, false));
    try {
      FileExtractorRunner.run(media, null, timeline.input(), chunk, true);
      timeline.endOfInput();
    } catch (PlayerException e) {
      // typed: what was extracted before it stands, and is remuxed below
    }
    byte[] out;
    try {
      if (!remuxer.ready()) {
        return; // no track configured: nothing to write
      }
      ByteArrayOutputStream written = new ByteArrayOutputStream();
      written.writeBytes(remuxer.initSegment());
      for (byte[] s : segments) {
        written.writeBytes(s);
      }
      byte[] last = remuxer.segment(true);
      if (last != null) {
        written.writeBytes(last);
      }
      out = written.toByteArray();
    } catch (PlayerException e) {
      return; // typed
    }
    PacketRecorder back = new PacketRecorder();
    try {
      FileExtractorRunner.run(out, null, back, 64 * 1024, true);
    } catch (PlayerException e) {
      throw new AssertionError("the remuxer's output does not re-parse: " + e, e);
    }
    for (int t = 0; t < back.tracks().size(); t++) {
      long previous = Long.MIN_VALUE;
      for (PacketRecorder.Packet p : back.packets()) {
        if (p.streamIndex() != t) {
          continue;
        }
        if (p.dtsUs() <= previous) {
          throw new AssertionError("track " + t + ": decode time " + p.dtsUs() + " after " + previous);
        }
        if (p.dtsUs() < 0) {
          throw new AssertionError("track " + t + ": negative decode time " + p.dtsUs() + " (MSE drops the frame)");
        }
        previous = p.dtsUs();
      }
    }
  }
}
