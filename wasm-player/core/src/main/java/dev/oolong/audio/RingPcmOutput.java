package dev.oolong.audio;

import static dev.oolong.audio.AudioRingLayout.CAPACITY;
import static dev.oolong.audio.AudioRingLayout.CHANNELS;
import static dev.oolong.audio.AudioRingLayout.PLAYED;
import static dev.oolong.audio.AudioRingLayout.READ;
import static dev.oolong.audio.AudioRingLayout.SKIP_TO;
import static dev.oolong.audio.AudioRingLayout.STATE;
import static dev.oolong.audio.AudioRingLayout.STATE_ENDED;
import static dev.oolong.audio.AudioRingLayout.STATE_PLAYING;
import static dev.oolong.audio.AudioRingLayout.UNDERRUNS;
import static dev.oolong.audio.AudioRingLayout.WRITE;

/**
 * The producer's side of the shared audio ring ({@link AudioRingLayout}). The 32-bit counters of
 * the ring are widened to 64 bits here (they are read often enough never to wrap twice between
 * two reads).
 */
public final class RingPcmOutput implements PcmOutput {
  private final RingMemory memory;
  private final int capacity;
  private final int channels;
  private long written;
  private long consumed;
  private long played;
  private int lastRead;
  private int lastPlayed;
  /** The count the consumer skips to (frames before it are never played). */
  private long skipTo;

  /** Initialises the header of a new ring of {@code capacity} frames (its counters at 0). */
  public RingPcmOutput(RingMemory memory, int capacity, int channels) {
    this(memory, capacity, channels, 0);
  }

  /**
   * A ring whose counters start at {@code start} (the consumer's {@link AudioRingLayout#READ} must
   * already hold it): tests use it to cross the 32-bit wrap without writing 2<sup>32</sup> frames.
   */
  RingPcmOutput(RingMemory memory, int capacity, int channels, long start) {
    if (Integer.bitCount(capacity) != 1 || channels <= 0) {
      throw new IllegalArgumentException("capacity " + capacity + " (a power of two), channels " + channels);
    }
    this.memory = memory;
    this.capacity = capacity;
    this.channels = channels;
    this.written = start;
    this.consumed = start;
    this.skipTo = start;
    this.lastRead = (int) start;
    memory.store(CAPACITY, capacity);
    memory.store(CHANNELS, channels);
    memory.store(WRITE, (int) start);
    memory.store(SKIP_TO, (int) start);
    memory.store(STATE, 0);
  }

  @Override
  public int channels() {
    return channels;
  }

  public int capacity() {
    return capacity;
  }

  @Override
  public int freeFrames() {
    long from = Math.max(consumed(), skipTo);
    return (int) (capacity - (written - from));
  }

  @Override
  public void write(float[] interleaved, int frames) {
    if (frames > freeFrames()) {
      throw new IllegalStateException(frames + " frames > " + freeFrames() + " free");
    }
    int done = 0;
    while (done < frames) {
      int slot = (int) ((written + done) & (capacity - 1));
      int n = Math.min(frames - done, capacity - slot);
      memory.putSamples(slot * channels, interleaved, done * channels, n * channels);
      done += n;
    }
    written += frames;
    memory.store(WRITE, (int) written);
  }

  @Override
  public long written() {
    return written;
  }

  @Override
  public long consumed() {
    int raw = memory.load(READ);
    consumed += raw - lastRead; // the int difference survives the counter's wrap
    lastRead = raw;
    return consumed;
  }

  @Override
  public int underruns() {
    return memory.load(UNDERRUNS);
  }

  @Override
  public long played() {
    int raw = memory.load(PLAYED);
    played += raw - lastPlayed;
    lastPlayed = raw;
    return played;
  }

  @Override
  public void setState(boolean playing, boolean ended) {
    memory.store(STATE, (playing ? STATE_PLAYING : 0) | (ended ? STATE_ENDED : 0));
  }

  @Override
  public void discard() {
    skipTo = written;
    memory.store(SKIP_TO, (int) written);
  }
}
