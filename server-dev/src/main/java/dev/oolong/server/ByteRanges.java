package dev.oolong.server;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Parses an HTTP {@code Range} header (RFC 9110 §14.1.2) against a resource length.
 * Overlapping or adjacent ranges are coalesced; a header with too many ranges is ignored (the
 * whole resource is sent), as RFC 9110 allows, so a client cannot make the server seek wildly.
 */
final class ByteRanges {
  /** More ranges than this in one request and the header is ignored. */
  static final int MAX_RANGES = 32;

  /** An inclusive byte range. */
  record Range(long first, long last) {
    long length() {
      return last - first + 1;
    }

    String contentRange(long total) {
      return "bytes " + first + "-" + last + "/" + total;
    }
  }

  /** What to answer. */
  sealed interface Result permits Whole, Partial, Unsatisfiable {}

  /** Ignore the header: 200 with the whole resource. */
  record Whole() implements Result {}

  /** 206 with these ranges (one: a plain body; more: multipart/byteranges). */
  record Partial(List<Range> ranges) implements Result {}

  /** 416: no range overlaps the resource. */
  record Unsatisfiable() implements Result {}

  private ByteRanges() {}

  static Result parse(String header, long length) {
    if (header == null) {
      return new Whole();
    }
    String h = header.trim();
    if (!h.regionMatches(true, 0, "bytes=", 0, 6)) {
      return new Whole(); // unknown unit: ignore
    }
    String[] specs = h.substring(6).split(",", -1);
    if (specs.length > MAX_RANGES) {
      return new Whole();
    }
    List<Range> ranges = new ArrayList<>();
    for (String raw : specs) {
      String spec = raw.trim();
      int dash = spec.indexOf('-');
      if (dash < 0) {
        return new Whole(); // syntax error: ignore the header
      }
      String a = spec.substring(0, dash).trim();
      String b = spec.substring(dash + 1).trim();
      try {
        if (a.isEmpty()) {
          if (b.isEmpty()) {
            return new Whole();
          }
          long suffix = parseNonNegative(b);
          if (suffix > 0 && length > 0) {
            ranges.add(new Range(Math.max(0, length - suffix), length - 1));
          }
        } else {
          long first = parseNonNegative(a);
          long last = b.isEmpty() ? length - 1 : parseNonNegative(b);
          if (last < first) {
            return new Whole(); // invalid range-spec: ignore the header
          }
          if (first < length) {
            ranges.add(new Range(first, Math.min(last, length - 1)));
          }
        }
      } catch (NumberFormatException e) {
        return new Whole();
      }
    }
    if (ranges.isEmpty()) {
      return new Unsatisfiable();
    }
    return new Partial(coalesce(ranges));
  }

  private static long parseNonNegative(String s) {
    if (s.isEmpty() || s.length() > 18 || !s.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new NumberFormatException(s);
    }
    return Long.parseLong(s);
  }

  private static List<Range> coalesce(List<Range> in) {
    if (in.size() == 1) {
      return in;
    }
    List<Range> sorted = new ArrayList<>(in);
    sorted.sort(Comparator.comparingLong(Range::first));
    List<Range> out = new ArrayList<>();
    Range cur = sorted.get(0);
    for (int i = 1; i < sorted.size(); i++) {
      Range r = sorted.get(i);
      if (r.first() <= cur.last() + 1) {
        cur = new Range(cur.first(), Math.max(cur.last(), r.last()));
      } else {
        out.add(cur);
        cur = r;
      }
    }
    out.add(cur);
    return out;
  }
}
