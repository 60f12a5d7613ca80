package dev.oolong.server;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A live HLS stream made from a VOD HLS fixture with fMP4 segments: the fixture's segments loop
 * for ever against the wall clock, their decode times ({@code tfdt}) moved on by one loop's
 * duration per loop, so the stream's clock runs on without a break. Segment {@code n} (its media
 * sequence number) is the fixture's segment {@code n mod K} of loop {@code n / K}; it is
 * published once the wall clock has passed its end. The media playlist is a sliding window of the
 * last {@link #window} published segments, each with its {@code EXT-X-PROGRAM-DATE-TIME} (the
 * wall-clock time its first sample was "captured"), so a player's latency is measurable.
 *
 * <p>The stream is taken to have started {@link #RUNNING_FOR_MS} before the packager was made,
 * so a player finds a full window at once.
 */
final class LivePackager {
  static final long RUNNING_FOR_MS = 60_000;

  private final Path dir;
  private final String init;
  private final List<String> names = new ArrayList<>();
  private final List<Double> durations = new ArrayList<>();
  private final double loopS;
  private final double targetS;
  private final long originMs;
  private final int window;
  /** Timescale per track ID, from the init section. */
  private final Map<Integer, Long> timescales = new HashMap<>();

  /** @param playlist a VOD media playlist with fMP4 segments and an EXT-X-MAP */
  LivePackager(Path playlist, long nowMs, int window) throws IOException {
    this.dir = playlist.getParent();
    String mapUri = null;
    double pending = -1;
    double max = 0;
    double sum = 0;
    for (String line : Files.readAllLines(playlist)) {
      line = line.strip();
      if (line.startsWith("#EXT-X-MAP:")) {
        int q = line.indexOf("URI=\"");
        mapUri = line.substring(q + 5, line.indexOf('"', q + 5));
      } else if (line.startsWith("#EXTINF:")) {
        String d = line.substring(8);
        pending = Double.parseDouble(d.contains(",") ? d.substring(0, d.indexOf(',')) : d);
      } else if (!line.isEmpty() && !line.startsWith("#") && pending >= 0) {
        names.add(line);
        durations.add(pending);
        sum += pending;
        max = Math.max(max, pending);
        pending = -1;
      }
    }
    if (mapUri == null || names.isEmpty()) {
      throw new IOException(playlist + ": not an fMP4 media playlist with segments");
    }
    this.init = mapUri;
    this.loopS = sum;
    this.targetS = Math.ceil(max);
    this.originMs = nowMs - RUNNING_FOR_MS;
    this.window = window;
    readTimescales(ByteBuffer.wrap(Files.readAllBytes(dir.resolve(init))), 0, Files.size(dir.resolve(init)));
  }

  /** Where segment {@code n} starts on the stream's clock, seconds. */
  private double startS(long n) {
    int k = names.size();
    double t = (n / k) * loopS;
    for (int i = 0; i < n % k; i++) {
      t += durations.get(i);
    }
    return t;
  }

  /** The last segment published at {@code nowMs}, or -1. */
  long latest(long nowMs) {
    double elapsed = (nowMs - originMs) / 1000.0;
    long n = (long) Math.floor(elapsed / loopS) * names.size() - 1;
    // bounded: at most one loop of segments past the estimate
    while (startS(n + 1) + durations.get((int) ((n + 1) % names.size())) <= elapsed) {
      n++;
    }
    return n;
  }

  /** The media playlist at {@code nowMs}. */
  String playlist(long nowMs) {
    long last = latest(nowMs);
    long first = Math.max(0, last - window + 1);
    StringBuilder b = new StringBuilder("#EXTM3U\n#EXT-X-VERSION:7\n#EXT-X-INDEPENDENT-SEGMENTS\n");
    b.append("#EXT-X-TARGETDURATION:").append((long) targetS).append('\n');
    b.append("#EXT-X-MEDIA-SEQUENCE:").append(first).append('\n');
    b.append("#EXT-X-MAP:URI=\"init.mp4\"\n");
    for (long n = first; n <= last; n++) {
      long pdt = originMs + Math.round(startS(n) * 1000);
      b.append("#EXT-X-PROGRAM-DATE-TIME:").append(Instant.ofEpochMilli(pdt)).append('\n');
      b.append(String.format(java.util.Locale.ROOT, "#EXTINF:%.3f,%n", durations.get((int) (n % names.size()))));
      b.append(n).append(".m4s\n");
    }
    return b.toString();
  }

  byte[] init() throws IOException {
    return Files.readAllBytes(dir.resolve(init));
  }

  /** Segment {@code n}, or null when it is not published at {@code nowMs}. */
  byte[] segment(long n, long nowMs) throws IOException {
    if (n < 0 || n > latest(nowMs)) {
      return null;
    }
    byte[] b = Files.readAllBytes(dir.resolve(names.get((int) (n % names.size()))));
    long loop = n / names.size();
    shiftDecodeTimes(ByteBuffer.wrap(b), 0, b.length, loop);
    return b;
  }

  private void readTimescales(ByteBuffer b, long from, long to) {
    for (long p = from; p + 8 <= to; ) {
      long size = b.getInt((int) p) & 0xFFFFFFFFL;
      String type = type(b, p);
      if (size < 8 || p + size > to) {
        return;
      }
      switch (type) {
        case "moov", "mdia" -> readTimescales(b, p + 8, p + size);
        case "trak" -> readTrak(b, p + 8, p + size);
        default -> { }
      }
      p += size;
    }
  }

  private void readTrak(ByteBuffer b, long from, long to) {
    int id = -1;
    long timescale = -1;
    for (long p = from; p + 8 <= to; ) {
      long size = b.getInt((int) p) & 0xFFFFFFFFL;
      String type = type(b, p);
      if (size < 8 || p + size > to) {
        break;
      }
      if (type.equals("tkhd")) {
        int v = b.get((int) p + 8);
        id = b.getInt((int) p + (v == 1 ? 28 : 20));
      } else if (type.equals("mdia")) {
        for (long q = p + 8; q + 8 <= p + size; ) {
          long s = b.getInt((int) q) & 0xFFFFFFFFL;
          if (s < 8) {
            break;
          }
          if (type(b, q).equals("mdhd")) {
            int v = b.get((int) q + 8);
            timescale = b.getInt((int) q + (v == 1 ? 28 : 20)) & 0xFFFFFFFFL;
          }
          q += s;
        }
      }
      p += size;
    }
    if (id >= 0 && timescale > 0) {
      timescales.put(id, timescale);
    }
  }

  /** Adds {@code loop} loops to every {@code tfdt} under the {@code moof}s in [from, to). */
  private void shiftDecodeTimes(ByteBuffer b, long from, long to, long loop) {
    for (long p = from; p + 8 <= to; ) {
      long size = b.getInt((int) p) & 0xFFFFFFFFL;
      if (size < 8 || p + size > to) {
        return;
      }
      String type = type(b, p);
      if (type.equals("moof")) {
        shiftDecodeTimes(b, p + 8, p + size, loop);
      } else if (type.equals("traf")) {
        shiftTraf(b, p + 8, p + size, loop);
      }
      p += size;
    }
  }

  private void shiftTraf(ByteBuffer b, long from, long to, long loop) {
    int trackId = -1;
    for (long p = from; p + 8 <= to; ) {
      long size = b.getInt((int) p) & 0xFFFFFFFFL;
      if (size < 8) {
        return;
      }
      String type = type(b, p);
      if (type.equals("tfhd")) {
        trackId = b.getInt((int) p + 12);
      } else if (type.equals("tfdt") && timescales.containsKey(trackId)) {
        long add = Math.round(loop * loopS * timescales.get(trackId));
        int v = b.get((int) p + 8);
        if (v == 1) {
          b.putLong((int) p + 12, b.getLong((int) p + 12) + add);
        } else {
          b.putInt((int) p + 12, (int) ((b.getInt((int) p + 12) & 0xFFFFFFFFL) + add));
        }
      }
      p += size;
    }
  }

  private static String type(ByteBuffer b, long p) {
    byte[] t = new byte[4];
    b.get((int) p + 4, t);
    return new String(t, java.nio.charset.StandardCharsets.ISO_8859_1);
  }
}
