package dev.oolong.tools;

import dev.oolong.C;
import dev.oolong.PlayerException;
import dev.oolong.extractor.FileExtractorRunner;
import dev.oolong.extractor.PacketRecorder;
import dev.oolong.timeline.TimelineSanitizer;
import dev.oolong.media.MediaInfo;
import dev.oolong.media.TrackInfo;
import dev.oolong.probe.Prober;
import dev.oolong.upstream.FileDataSource;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code ./oolong probe FILE [--json | --packets [--sanitized]]}: the engine's probe on the JVM, the same code the wasm
 * engine runs in the browser. Prints one line per track (or the JSON the browser API returns).
 * Exit status 1 with the typed error when probing fails, 2 on bad usage. JVM only.
 */
public final class ProbeCli {
  private ProbeCli() {}

  public static void main(String[] args) {
    String file = null;
    boolean json = false;
    boolean packets = false;
    boolean sanitized = false;
    for (String a : args) {
      if ("--json".equals(a)) {
        json = true;
      } else if ("--packets".equals(a)) {
        packets = true;
      } else if ("--sanitized".equals(a)) {
        sanitized = true;
      } else if (a.startsWith("-")) {
        System.err.println("probe: unknown option " + a + "\nusage: oolong probe FILE [--json | --packets [--sanitized]]");
        System.exit(2);
      } else {
        file = a;
      }
    }
    if (file == null || !Files.isRegularFile(Path.of(file))) {
      System.err.println("usage: oolong probe FILE [--json | --packets [--sanitized]]" + (file == null ? "" : "\nprobe: no such file: " + file));
      System.exit(2);
    }
    if (packets) {
      System.exit(printPackets(Path.of(file), sanitized));
    }
    boolean asJson = json;
    int[] status = {0};
    Prober.probe(new FileDataSource(), file, new Prober.Callback() {
      @Override
      public void onResult(MediaInfo info) {
        System.out.println(asJson ? info.toJson() : describe(info));
      }

      @Override
      public void onError(PlayerException e) {
        System.err.println("probe: " + e.errorCode().name() + " (" + e.code() + "): " + e.getMessage()
            + (e.data().isEmpty() ? "" : " " + e.data()));
        status[0] = 1;
      }
    });
    System.exit(status[0]);
  }

  /**
   * One line per packet in decode order per stream, as ffprobe's {@code -show_packets -of csv}
   * prints {@code stream_index,pts_time,dts_time,size,flags}; with {@code sanitized}, after the
   * {@link TimelineSanitizer} (what the sample queues receive), no longer comparable with ffprobe
   * where the input's timeline jumps.
   */
  static int printPackets(Path file, boolean sanitized) {
    PacketRecorder recorder = new PacketRecorder();
    TimelineSanitizer timeline = new TimelineSanitizer(recorder, TimelineSanitizer.DEFAULT_MAX_JUMP_US);
    try {
      FileExtractorRunner.run(file, sanitized ? timeline : recorder, 256 * 1024, true);
      timeline.flush();
    } catch (PlayerException e) {
      timeline.flush();
      recorder.packets().forEach(p -> System.out.println(p.toCsv()));
      System.err.println("probe: " + e.errorCode().name() + " (" + e.code() + "): " + e.getMessage());
      return 1;
    }
    StringBuilder sb = new StringBuilder();
    recorder.packets().forEach(p -> sb.append(p.toCsv()).append('\n'));
    System.out.print(sb);
    return 0;
  }

  static String describe(MediaInfo info) {
    StringBuilder sb = new StringBuilder();
    sb.append("container: ").append(info.container()).append(info.fragmented() ? " (fragmented)" : "")
        .append(", duration: ").append(seconds(info.durationUs()))
        .append(", size: ").append(info.sizeBytes()).append(" bytes\n");
    for (TrackInfo t : info.tracks()) {
      sb.append("track ").append(t.id()).append(": ").append(t.type().name().toLowerCase())
          .append(' ').append(t.codec()).append(" [").append(t.codecString()).append("] ");
      switch (t.type()) {
        case VIDEO -> sb.append(t.width()).append('x').append(t.height()).append(", ");
        case AUDIO -> sb.append(t.sampleRate()).append(" Hz, ").append(t.channels()).append(" ch, ");
        default -> { }
      }
      sb.append(t.sampleCount()).append(" samples, ").append(seconds(t.durationUs()));
      if (t.encrypted()) {
        sb.append(", encrypted");
      }
      sb.append('\n');
    }
    return sb.toString().stripTrailing();
  }

  private static String seconds(long us) {
    return us == C.TIME_UNSET ? "unknown" : String.format(java.util.Locale.ROOT, "%.6f s", us / 1e6);
  }
}
