package dev.oolong.player;

import dev.oolong.C;
import dev.oolong.extractor.CryptoData;
import dev.oolong.extractor.SampleBytes;
import dev.oolong.extractor.TrackOutput;
import dev.oolong.media.Format;
import java.util.ArrayDeque;

/**
 * One track's queue between the timeline and the output: samples (and format changes, in their
 * place among them) wait here while the output takes none. {@link SampleQueues} owns the queues
 * of a pipeline, bounds them together, says when the output takes samples, and drains them in the
 * order the samples came from the extractor, across tracks: what an output receives does not
 * depend on when it held.
 *
 * <p>While every queue is empty and the output takes samples, a sample goes straight through: its
 * bytes are not copied. Whether a sample is queued or passed on is decided at its first byte and
 * kept to its end, so an output that asks to hold in the middle of a sample still receives it
 * whole.
 */
public final class SampleQueue implements TrackOutput {
  /** One queued sample: its bytes (exactly its size) and its metadata, media time. */
  record Sample(long seq, byte[] data, long ptsUs, long dtsUs, int flags, CryptoData crypto) {}

  /** A format change queued in its place among the samples. */
  record FormatChange(long seq, Format format) {}

  private final TrackOutput out;
  private final SampleQueues owner;
  /** {@link FormatChange}s and {@link Sample}s, in the order they came. */
  private final ArrayDeque<Object> entries = new ArrayDeque<>();
  private final SampleBytes pending = new SampleBytes(0);
  /** The sample being written goes straight to the output. */
  private boolean passing;
  private long bytes;
  private int samples;
  private long lastDtsUs = C.TIME_UNSET;

  SampleQueue(TrackOutput out, SampleQueues owner) {
    this.out = out;
    this.owner = owner;
  }

  @Override
  public void format(Format format) {
    if (passing || owner.passThrough()) {
      out.format(format);
    } else {
      entries.add(new FormatChange(owner.nextSeq(), format));
    }
  }

  @Override
  public void sampleData(byte[] data, int offset, int length) {
    if (!passing && pending.size() == 0 && owner.passThrough()) {
      passing = true;
    }
    if (passing) {
      out.sampleData(data, offset, length);
      return;
    }
    pending.append(data, offset, length);
  }

  @Override
  public void sampleMetadata(long ptsUs, long dtsUs, int flags, int size, CryptoData crypto) {
    if (passing || pending.size() == 0 && size == 0 && owner.passThrough()) {
      passing = false;
      out.sampleMetadata(ptsUs, dtsUs, flags, size, crypto);
      return;
    }
    byte[] data = pending.takeLast(size); // a sample is the last `size` bytes written
    entries.add(new Sample(owner.nextSeq(), data, ptsUs, dtsUs, flags, crypto));
    bytes += data.length;
    samples++;
    lastDtsUs = dtsUs;
    owner.queued();
  }

  /** The arrival number of the oldest entry, or {@link Long#MAX_VALUE} when empty. */
  long headSeq() {
    Object e = entries.peek();
    return e == null ? Long.MAX_VALUE : e instanceof Sample s ? s.seq() : ((FormatChange) e).seq();
  }

  /** Passes the oldest entry on to the output. */
  void passOne() {
    Object e = entries.poll();
    if (entries.isEmpty()) {
      lastDtsUs = C.TIME_UNSET;
    }
    if (e instanceof FormatChange f) {
      out.format(f.format());
    } else if (e instanceof Sample s) {
      bytes -= s.data().length;
      samples--;
      out.sampleData(s.data(), 0, s.data().length);
      out.sampleMetadata(s.ptsUs(), s.dtsUs(), s.flags(), s.data().length, s.crypto());
    }
  }

  /** Drops everything queued and any sample half written (a seek). */
  void clear() {
    entries.clear();
    pending.clear();
    passing = false;
    bytes = 0;
    samples = 0;
    lastDtsUs = C.TIME_UNSET;
  }

  /** Whether nothing waits here (a sample half written does not count: it is not a sample yet). */
  public boolean isEmpty() {
    return entries.isEmpty();
  }

  /** Bytes of the queued samples. */
  public long bytes() {
    return bytes;
  }

  /** Queued samples. */
  public int samples() {
    return samples;
  }

  /** The decode-time span of the queued samples, µs (0 with fewer than two). */
  public long durationUs() {
    if (samples < 2) {
      return 0;
    }
    for (Object e : entries) {
      if (e instanceof Sample s) {
        return Math.max(0, lastDtsUs - s.dtsUs());
      }
    }
    return 0;
  }
}
