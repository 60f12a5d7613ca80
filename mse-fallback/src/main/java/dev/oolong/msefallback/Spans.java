package dev.oolong.msefallback;

import java.util.ArrayList;
import java.util.List;

/**
 * A union of time spans [start, end) in seconds, kept sorted and merged: the engine's own record
 * of what it has put into the SourceBuffer (and what it knows the stream lacks), against which
 * the element's reported buffered ranges are read. Spans that touch within {@link #JOIN_S} merge.
 */
public final class Spans {
  /** Spans closer than this (seconds) are one: segment boundaries rounded to microseconds. */
  static final double JOIN_S = 0.002;

  /** {start, end} pairs, sorted, disjoint. */
  private final List<double[]> spans = new ArrayList<>();

  /** Adds [start, end); empty or reversed spans are ignored. */
  public void add(double start, double end) {
    if (!(end > start)) {
      return;
    }
    int i = 0;
    while (i < spans.size() && spans.get(i)[1] + JOIN_S < start) {
      i++;
    }
    double s = start;
    double e = end;
    while (i < spans.size() && spans.get(i)[0] - JOIN_S <= e) {
      double[] merged = spans.remove(i);
      s = Math.min(s, merged[0]);
      e = Math.max(e, merged[1]);
    }
    spans.add(i, new double[] {s, e});
  }

  /** Forgets everything before {@code time} (what was removed from the buffer). */
  public void removeBefore(double time) {
    while (!spans.isEmpty() && spans.get(0)[1] <= time) {
      spans.remove(0);
    }
    if (!spans.isEmpty() && spans.get(0)[0] < time) {
      spans.get(0)[0] = time;
    }
  }

  /** Forgets [start, end) (what the browser shows is not there after all). */
  public void remove(double start, double end) {
    List<double[]> kept = new ArrayList<>();
    for (double[] span : spans) {
      if (span[1] <= start || span[0] >= end) {
        kept.add(span);
        continue;
      }
      if (span[0] < start) {
        kept.add(new double[] {span[0], start});
      }
      if (span[1] > end) {
        kept.add(new double[] {end, span[1]});
      }
    }
    spans.clear();
    spans.addAll(kept);
  }

  /** Whether all of [start, end] lies in one span (within {@link #JOIN_S}). */
  public boolean covers(double start, double end) {
    for (double[] span : spans) {
      if (span[0] - JOIN_S <= start && end <= span[1] + JOIN_S) {
        return true;
      }
    }
    return false;
  }

  /** Whether media from {@code time} on is recorded: one span holds [time, time + length]. */
  public boolean continuesAt(double time, double length) {
    return covers(time, time + length);
  }

  /** A copy, to change apart from this one. */
  public Spans copy() {
    Spans c = new Spans();
    for (double[] span : spans) {
      c.spans.add(new double[] {span[0], span[1]});
    }
    return c;
  }

  /** What lies in both this and {@code other}, as a new record. */
  public Spans intersect(Spans other) {
    Spans out = new Spans();
    for (double[] a : spans) {
      for (double[] b : other.spans) {
        double start = Math.max(a[0], b[0]);
        double end = Math.min(a[1], b[1]);
        if (end > start) {
          out.add(start, end);
        }
      }
    }
    return out;
  }

  /**
   * The intersection of two lists of ranges as [start0, end0, start1, end1, ...] (what the
   * element buffers of two SourceBuffers: only what both hold).
   */
  public static double[] intersect(double[] a, double[] b) {
    Spans x = new Spans();
    for (int i = 0; i + 1 < a.length; i += 2) {
      x.spans.add(new double[] {a[i], a[i + 1]});
    }
    Spans y = new Spans();
    for (int i = 0; i + 1 < b.length; i += 2) {
      y.spans.add(new double[] {b[i], b[i + 1]});
    }
    List<double[]> both = x.intersect(y).spans;
    double[] out = new double[2 * both.size()];
    for (int i = 0; i < both.size(); i++) {
      out[2 * i] = both.get(i)[0];
      out[2 * i + 1] = both.get(i)[1];
    }
    return out;
  }

  public boolean isEmpty() {
    return spans.isEmpty();
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder("[");
    for (double[] span : spans) {
      b.append(b.length() > 1 ? ", " : "").append('[').append(span[0]).append(", ").append(span[1]).append(']');
    }
    return b.append(']').toString();
  }
}
