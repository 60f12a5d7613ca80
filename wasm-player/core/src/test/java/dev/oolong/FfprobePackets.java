package dev.oolong;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/**
 * ffprobe's packet list of a fixture (FILE.packets.csv, written by the media script): the oracle
 * of the demuxers and of media time. Shared by the JVM and browser tests.
 */
public record FfprobePackets(List<Line> lines) {

  /** One packet as ffprobe reports it; times in µs (rounded), or null for N/A. */
  public record Line(int stream, Long ptsUs, Long dtsUs, int size, boolean key) {}

  public static FfprobePackets of(String fixture) throws IOException {
    List<Line> out = new ArrayList<>();
    for (String row : Files.readAllLines(TestMedia.file(fixture + ".packets.csv"))) {
      String[] f = row.split(",");
      out.add(new Line(Integer.parseInt(f[0]), us(f[1]), us(f[2]), Integer.parseInt(f[3]),
          f[4].startsWith("K")));
    }
    return new FfprobePackets(out);
  }

  public List<Line> stream(int index) {
    return lines.stream().filter(l -> l.stream() == index).toList();
  }

  /** The earliest presentation time among the packets of stream {@code index} (µs), or null. */
  public Long firstPtsUs(int index) {
    return stream(index).stream().map(Line::ptsUs).filter(java.util.Objects::nonNull)
        .min(Long::compare).orElse(null);
  }

  /**
   * Where media time 0 is in the fixture's own times (µs): 0 for MP4, which states its
   * presentation start (its edit lists); elsewhere the earliest time among the streams' first
   * packets (the player's timeline starts there).
   */
  public static long mediaOriginUs(String fixture) throws IOException {
    if (fixture.endsWith(".mp4")) {
      return 0;
    }
    long start = Long.MAX_VALUE;
    java.util.Set<Integer> seen = new java.util.HashSet<>();
    for (Line l : of(fixture).lines()) {
      if (l.ptsUs() != null && seen.add(l.stream())) {
        start = Math.min(start, l.ptsUs());
      }
    }
    return start == Long.MAX_VALUE ? 0 : start;
  }

  /** The media time of the fixture's first video frame (its barcode index 0), µs. */
  public static long firstVideoFrameUs(String fixture) throws IOException {
    int video = -1;
    for (com.fasterxml.jackson.databind.JsonNode st : TestMedia.ffprobe(fixture).get("streams")) {
      if ("video".equals(st.get("codec_type").asText())) {
        video = st.get("index").asInt();
        break;
      }
    }
    if (video < 0) {
      throw new IllegalStateException("no video in " + fixture);
    }
    return of(fixture).firstPtsUs(video) - mediaOriginUs(fixture);
  }

  private static Long us(String seconds) {
    if ("N/A".equals(seconds)) {
      return null;
    }
    return new BigDecimal(seconds).movePointRight(6).setScale(0, java.math.RoundingMode.HALF_UP).longValueExact();
  }
}
