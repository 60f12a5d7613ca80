package dev.oolong.server;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A link's bandwidth over time, piecewise constant, looping: the profiles in {@code
 * resources/traces/NAME.csv} ({@code seconds,kbps} lines, {@code seconds,loop} where it starts
 * again; {@code #} comments), or a constant rate.
 */
final class BandwidthTrace {
  /** The profiles shipped with the server. */
  static final List<String> NAMES = List.of("step-down", "step-up", "sawtooth", "cellular-3g", "cellular-4g",
      "cellular-edge-walk");

  private final String name;
  private final double[] times;
  private final double[] bitsPerSecond;
  private final double periodS;

  private BandwidthTrace(String name, double[] times, double[] bps, double periodS) {
    this.name = name;
    this.times = times;
    this.bitsPerSecond = bps;
    this.periodS = periodS;
  }

  /** A constant link of {@code bytesPerSecond}. */
  static BandwidthTrace constant(long bytesPerSecond) {
    return new BandwidthTrace("constant " + bytesPerSecond + " B/s", new double[] {0},
        new double[] {bytesPerSecond * 8.0}, Double.POSITIVE_INFINITY);
  }

  /** A shipped profile, or null when there is none of that name. */
  static BandwidthTrace named(String name) throws IOException {
    if (!NAMES.contains(name)) {
      return null;
    }
    try (InputStream in = BandwidthTrace.class.getResourceAsStream("/traces/" + name + ".csv")) {
      if (in == null) {
        throw new IOException("trace " + name + " is missing from the server's resources");
      }
      return parse(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  static BandwidthTrace parse(String name, String text) throws IOException {
    List<double[]> steps = new ArrayList<>();
    double period = Double.POSITIVE_INFINITY;
    for (String raw : text.split("\n")) {
      String line = raw.trim();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String[] f = line.split(",");
      if (f.length != 2) {
        throw new IOException("trace " + name + ": '" + line + "' is not seconds,kbps");
      }
      double t = Double.parseDouble(f[0].trim());
      if (f[1].trim().equals("loop")) {
        period = t;
        break;
      }
      double kbps = Double.parseDouble(f[1].trim());
      if (!(kbps > 0) || (!steps.isEmpty() && t <= steps.get(steps.size() - 1)[0]) || steps.isEmpty() && t != 0) {
        throw new IOException("trace " + name + ": '" + line + "' (times from 0, increasing; rates above 0)");
      }
      steps.add(new double[] {t, kbps * 1000});
    }
    if (steps.isEmpty() || period <= steps.get(steps.size() - 1)[0]) {
      throw new IOException("trace " + name + ": no steps, or a loop before the last step");
    }
    double[] times = new double[steps.size()];
    double[] bps = new double[steps.size()];
    for (int i = 0; i < steps.size(); i++) {
      times[i] = steps.get(i)[0];
      bps[i] = steps.get(i)[1];
    }
    return new BandwidthTrace(name, times, bps, period);
  }

  String name() {
    return name;
  }

  /** The bandwidth {@code seconds} after the trace started (bits per second). */
  double bitsPerSecondAt(double seconds) {
    double t = Double.isInfinite(periodS) ? seconds : seconds % periodS;
    int i = 0;
    while (i + 1 < times.length && times[i + 1] <= t) {
      i++;
    }
    return bitsPerSecond[i];
  }
}
