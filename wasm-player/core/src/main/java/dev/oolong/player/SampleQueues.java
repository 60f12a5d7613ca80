package dev.oolong.player;

import dev.oolong.extractor.ExtractorOutput;
import dev.oolong.extractor.ForwardingExtractorOutput;
import dev.oolong.extractor.TrackOutput;
import dev.oolong.media.TrackType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The pipeline's {@link SampleQueue}s, one per track, and their bound. The output says when it
 * takes no more ({@link #hold}); samples then wait in the queues, and once the queues are full
 * ({@link #full}: too many bytes together, or too long a span on one track) the pipeline stops
 * the extraction. When the output takes samples again, the queues drain into it in their order.
 */
public final class SampleQueues extends ForwardingExtractorOutput {
  /** Default bound: bytes queued over all tracks. */
  public static final long DEFAULT_MAX_BYTES = 4L * 1024 * 1024;
  /** Default bound: the decode-time span queued on any one track, µs. */
  public static final long DEFAULT_MAX_DURATION_US = 1_000_000;

  /** Told when a sample was queued (the bound may have been reached). */
  public interface Listener {
    void queued();
  }

  private final List<SampleQueue> queues = new ArrayList<>();
  private final Map<Integer, SampleQueue> byId = new HashMap<>();
  private final long maxBytes;
  private final long maxDurationUs;
  private final Listener listener;
  private boolean held;
  private boolean draining;
  private long seq;

  public SampleQueues(ExtractorOutput downstream, long maxBytes, long maxDurationUs, Listener listener) {
    super(downstream);
    if (maxBytes <= 0 || maxDurationUs <= 0) {
      throw new IllegalArgumentException("bounds must be positive: " + maxBytes + " B, " + maxDurationUs + " µs");
    }
    this.maxBytes = maxBytes;
    this.maxDurationUs = maxDurationUs;
    this.listener = listener;
  }

  @Override
  public TrackOutput track(int id, TrackType type) {
    SampleQueue q = byId.get(id);
    if (q == null) {
      q = new SampleQueue(downstream.track(id, type), this);
      byId.put(id, q);
      queues.add(q);
    }
    return q;
  }

  /** Whether a sample may go straight to the output: it takes samples and nothing waits. */
  boolean passThrough() {
    return !held && isEmpty();
  }

  /** The next arrival number (the order entries are drained in, across tracks). */
  long nextSeq() {
    return seq++;
  }

  void queued() {
    listener.queued();
  }

  /**
   * The output takes no more ({@code true}) or takes samples again ({@code false}: what waits
   * drains into it, as far as it takes it). Returns true when every queue is empty.
   */
  public boolean hold(boolean hold) {
    held = hold;
    return hold ? isEmpty() : drain();
  }

  /**
   * Drains the queues as far as the output takes samples, oldest entry first across tracks;
   * true when all are empty.
   */
  public boolean drain() {
    if (draining) {
      return isEmpty(); // the output released the hold from inside a sample: the loop goes on
    }
    draining = true;
    try {
      while (!held) {
        SampleQueue oldest = null;
        long oldestSeq = Long.MAX_VALUE;
        for (SampleQueue q : queues) {
          long s = q.headSeq();
          if (s < oldestSeq) {
            oldestSeq = s;
            oldest = q;
          }
        }
        if (oldest == null) {
          break;
        }
        oldest.passOne(); // the output may hold again from inside it
      }
      return isEmpty();
    } finally {
      draining = false;
    }
  }

  /** Whether the output has asked to hold. */
  public boolean isHeld() {
    return held;
  }

  /** Whether the bound is reached: the extraction should stop until the output takes samples. */
  public boolean full() {
    long bytes = 0;
    for (SampleQueue q : queues) {
      if (q.durationUs() >= maxDurationUs) {
        return true;
      }
      bytes += q.bytes();
    }
    return bytes >= maxBytes;
  }

  public boolean isEmpty() {
    for (SampleQueue q : queues) {
      if (!q.isEmpty()) {
        return false;
      }
    }
    return true;
  }

  /** Drops everything queued (a seek or a cancel). */
  public void clear() {
    for (SampleQueue q : queues) {
      q.clear();
    }
  }

  /** Bytes queued over all tracks. */
  public long bytes() {
    long b = 0;
    for (SampleQueue q : queues) {
      b += q.bytes();
    }
    return b;
  }

  /** The longest decode-time span queued on one track, µs. */
  public long durationUs() {
    long d = 0;
    for (SampleQueue q : queues) {
      d = Math.max(d, q.durationUs());
    }
    return d;
  }
}
