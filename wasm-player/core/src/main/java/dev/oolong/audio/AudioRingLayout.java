package dev.oolong.audio;

/**
 * The audio ring's memory layout: one {@code SharedArrayBuffer} shared by the engine worker (the
 * producer, {@link RingPcmOutput}) and the AudioWorklet (the consumer). Defined here once; the
 * worklet reads the generated TypeScript twin of these constants.
 *
 * <p>The buffer starts with {@link #HEADER_INTS} 32-bit integers (accessed with {@code Atomics}),
 * then {@code capacity × channels} 32-bit floats of interleaved PCM at the output rate. {@link
 * #WRITE} and {@link #READ} count frames since the ring was made, modulo 2<sup>32</sup>; the
 * capacity is a power of two, so a frame with count {@code n} lives in slot {@code n mod capacity}
 * whether {@code n} is taken on 32 bits or more (another capacity would put two unplayed frames
 * in one slot where the counters wrap). Only the producer writes {@link
 * #WRITE}, {@link #STATE} and {@link #SKIP_TO}; only the consumer writes {@link #READ}, {@link
 * #PLAYED} and {@link #UNDERRUNS}.
 *
 * <p>The consumer, each render quantum: if {@link #SKIP_TO} is ahead of {@link #READ} it moves
 * {@link #READ} there (what was written before a seek is dropped); if {@link #STATE} has {@link
 * #STATE_PLAYING}, it plays up to a quantum of frames from {@link #READ} and advances it (and
 * counts an underrun when fewer were there, unless {@link #STATE_ENDED} says no more will come);
 * otherwise it plays silence and leaves {@link #READ} alone. {@link #READ} is the master clock.
 */
public final class AudioRingLayout {
  private AudioRingLayout() {}

  /** Frames written (producer). */
  public static final int WRITE = 0;
  /** Frames consumed, played or skipped (consumer): the clock. */
  public static final int READ = 1;
  /** Capacity in frames. */
  public static final int CAPACITY = 2;
  /** Interleaved channels per frame. */
  public static final int CHANNELS = 3;
  /** {@link #STATE_PLAYING} | {@link #STATE_ENDED} (producer). */
  public static final int STATE = 4;
  /** The consumer jumps {@link #READ} to this count when it is ahead (producer). */
  public static final int SKIP_TO = 5;
  /** Frames actually played from the ring (consumer; statistics). */
  public static final int PLAYED = 6;
  /** Render quanta that found fewer frames than they needed while playing (consumer). */
  public static final int UNDERRUNS = 7;
  /** Header size in 32-bit integers; the samples start right after it. */
  public static final int HEADER_INTS = 16;

  /** {@link #STATE} bit: play (else silence, {@link #READ} stays). */
  public static final int STATE_PLAYING = 1;
  /** {@link #STATE} bit: nothing more will be written (running dry is not an underrun). */
  public static final int STATE_ENDED = 2;

  /** The capacity (a power of two) of a ring holding at least {@code frames} frames. */
  public static int capacityFor(int frames) {
    return frames <= 1 ? 1 : Integer.highestOneBit(frames - 1) << 1;
  }

  /** The byte size of a ring of {@code capacity} frames of {@code channels} channels. */
  public static int bytes(int capacity, int channels) {
    return 4 * (HEADER_INTS + capacity * channels);
  }
}
