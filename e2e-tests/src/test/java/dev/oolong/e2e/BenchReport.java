package dev.oolong.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The bench report ({@code ./oolong bench}): every figure a benchmark measures, each beside its
 * reference (the other player or element measured in the same run, across the same boundary) and
 * the ratio, with the command that produced it, the machine (cores, CPU, load average, browser
 * version) and the date. Rows are appended to {@code target/bench/report.tsv} at the repository's
 * root (system property {@code oolong.bench}); {@code report.md} is rendered again from the whole
 * TSV after every append, so it is complete whichever benchmarks ran.
 */
final class BenchReport {
  static final String HEADER = "date\tcommit\tmachine\tbrowser\tsection\tfigure\tunit\toolong\treference"
      + "\treference_value\tratio\tcommand\tnote";

  /** One figure: Oolong's value and its reference's (NaN where a figure has no reference). */
  record Row(String figure, String unit, double oolong, String reference, double referenceValue, String note) {
    static Row of(String figure, String unit, double oolong, String reference, double referenceValue) {
      return new Row(figure, unit, oolong, reference, referenceValue, "");
    }

    Row withNote(String n) {
      return new Row(figure, unit, oolong, reference, referenceValue, n);
    }

    double ratio() {
      return Double.isNaN(referenceValue) || referenceValue == 0 ? Double.NaN : oolong / referenceValue;
    }
  }

  private BenchReport() {}

  static Path dir() {
    return Path.of(System.getProperty("oolong.bench", "target/bench"));
  }

  /** The machine: cores, CPU model and the load average as the section is written. */
  static String machine() {
    String model = "?";
    try {
      for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
        if (line.startsWith("model name")) {
          model = line.substring(line.indexOf(':') + 1).trim();
          break;
        }
      }
    } catch (IOException e) {
      // not Linux: the model stays unknown
    }
    String load = "?";
    try {
      load = Files.readString(Path.of("/proc/loadavg")).trim().split(" ")[0];
    } catch (IOException e) {
      // not Linux
    }
    return Runtime.getRuntime().availableProcessors() + " cores, " + model + ", load " + load;
  }

  static String commit() {
    try {
      Process p = new ProcessBuilder("git", "rev-parse", "--short", "HEAD")
          .directory(Path.of(System.getProperty("oolong.root", ".")).toFile())
          .redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      return p.waitFor() == 0 ? out : "?";
    } catch (IOException | InterruptedException e) {
      return "?";
    }
  }

  /**
   * Appends a section's figures and renders {@code report.md} again. {@code command} is what
   * reproduces the section alone.
   */
  static synchronized void add(String section, String browserVersion, String command, List<Row> rows)
      throws IOException {
    Path tsv = dir().resolve("report.tsv");
    Files.createDirectories(dir());
    if (!Files.exists(tsv)) {
      Files.writeString(tsv, HEADER + "\n");
    }
    String date = ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    String machine = machine();
    String commit = commit();
    StringBuilder b = new StringBuilder();
    for (Row r : rows) {
      b.append(String.join("\t", date, commit, machine, "Chromium " + browserVersion, section, r.figure(),
          r.unit(), num(r.oolong()), r.reference(), num(r.referenceValue()), num(r.ratio()), command,
          r.note())).append('\n');
    }
    Files.writeString(tsv, b, StandardOpenOption.APPEND);
    Files.writeString(dir().resolve("report.md"), render(Files.readAllLines(tsv)));
    System.out.println("[bench] " + section + "\n" + b);
  }

  static String num(double v) {
    if (Double.isNaN(v)) {
      return "";
    }
    return Math.abs(v) >= 100 ? String.format(Locale.ROOT, "%.0f", v)
        : Math.abs(v) >= 10 ? String.format(Locale.ROOT, "%.1f", v) : String.format(Locale.ROOT, "%.2f", v);
  }

  /** The markdown report from the TSV: a table per section, in the order the sections ran. */
  static String render(List<String> tsv) {
    Map<String, List<String[]>> sections = new LinkedHashMap<>();
    for (String line : tsv.subList(1, tsv.size())) {
      if (line.isBlank()) {
        continue;
      }
      String[] f = line.split("\t", -1);
      sections.computeIfAbsent(f[4], k -> new ArrayList<>()).add(f);
    }
    StringBuilder md = new StringBuilder("# Oolong bench report\n\n");
    md.append("Made by `./oolong bench` (benchmarks only; `./oolong test` runs the tests). Each figure is "
        + "measured in the same run as its reference, across the same boundary; the ratio is Oolong / "
        + "reference. These machines are noisy: compare ratios, not absolute figures, across runs.\n\n");
    for (Map.Entry<String, List<String[]>> s : sections.entrySet()) {
      String[] first = s.getValue().get(0);
      md.append("## ").append(s.getKey()).append("\n\n");
      md.append("- date: ").append(first[0]).append(", commit ").append(first[1]).append('\n');
      md.append("- machine: ").append(first[2]).append("; ").append(first[3]).append('\n');
      md.append("- command: `").append(first[11]).append("`\n\n");
      md.append("| figure | unit | Oolong | reference | reference value | ratio | note |\n");
      md.append("|---|---|---|---|---|---|---|\n");
      for (String[] f : s.getValue()) {
        md.append("|");
        for (int i : new int[] {5, 6, 7, 8, 9, 10, 12}) {
          md.append(' ').append(f[i].replace("|", "\\|")).append(" |");
        }
        md.append('\n');
      }
      md.append('\n');
    }
    return md.toString();
  }
}
