package dev.oolong.extractor;

import dev.oolong.TestMedia;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/** ffprobe's packet list of a fixture (FILE.packets.csv, written by the media script). */
record FfprobePackets(List<Line> lines) {

  /** One packet as ffprobe reports it; times in µs (rounded), or null for N/A. */
  record Line(int stream, Long ptsUs, Long dtsUs, int size, boolean key) {}

  static FfprobePackets of(String fixture) throws IOException {
    List<Line> out = new ArrayList<>();
    for (String row : Files.readAllLines(TestMedia.file(fixture + ".packets.csv"))) {
      String[] f = row.split(",");
      out.add(new Line(Integer.parseInt(f[0]), us(f[1]), us(f[2]), Integer.parseInt(f[3]),
          f[4].startsWith("K")));
    }
    return new FfprobePackets(out);
  }

  List<Line> stream(int index) {
    return lines.stream().filter(l -> l.stream() == index).toList();
  }

  private static Long us(String seconds) {
    if ("N/A".equals(seconds)) {
      return null;
    }
    return new BigDecimal(seconds).movePointRight(6).setScale(0, java.math.RoundingMode.HALF_UP).longValueExact();
  }
}
