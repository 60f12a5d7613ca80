package dev.oolong.render;

import dev.oolong.media.ColorMatrix;
import static dev.oolong.render.FrameRingLayout.HEADER_INTS;
import static dev.oolong.render.FrameRingLayout.META_INTS;
import static dev.oolong.render.FrameRingLayout.READ;
import static dev.oolong.render.FrameRingLayout.SLOTS;
import static dev.oolong.render.FrameRingLayout.SLOT_BYTES;
import static dev.oolong.render.FrameRingLayout.WRITE;
import static dev.oolong.render.FrameRingLayout.meta;

import dev.oolong.util.SharedInts;

/**
 * Both sides of the frame ring ({@link FrameRingLayout}) over its integers: the producer takes a
 * free slot ({@link #acquire}), fills its bytes and {@link #publish}es it (or {@link #abandon}s
 * it); the consumer reads a slot's {@link #info} and {@link #release}s it when done, in any order. The producer never waits: a
 * full ring answers {@code -1} and the caller drops (and counts) the frame.
 */
public final class FrameRing {
  private static final ColorMatrix.Coefficients[] COEFFICIENTS = ColorMatrix.Coefficients.values();

  private final SharedInts ints;
  private final int slots;
  private final int slotBytes;
  /** Where the producer's search for a free slot starts (round the pool). */
  private int next;

  /** Initialises the header of a new ring (producer side). */
  public FrameRing(SharedInts ints, int slots, int slotBytes) {
    if (slots <= 0 || slotBytes <= 0) {
      throw new IllegalArgumentException("slots " + slots + ", slot bytes " + slotBytes);
    }
    this.ints = ints;
    this.slots = slots;
    this.slotBytes = slotBytes;
    ints.store(SLOTS, slots);
    ints.store(SLOT_BYTES, slotBytes);
    ints.store(WRITE, 0);
    ints.store(READ, 0);
    for (int slot = 0; slot < slots; slot++) {
      setState(slot, FrameRingLayout.SLOT_FREE);
    }
  }

  /** The integers a ring of {@code slots} slots needs. */
  public static int ints(int slots) {
    return HEADER_INTS + slots * META_INTS;
  }

  public int slots() {
    return slots;
  }

  public int slotBytes() {
    return slotBytes;
  }

  /** The byte offset of {@code slot}'s pictures in the ring's memory. */
  public int slotOffset(int slot) {
    return FrameRingLayout.slotOffset(slots, slotBytes, slot);
  }

  /** Frames published and not yet released. */
  public int held() {
    return ints.load(WRITE) - ints.load(READ);
  }

  private int state(int slot) {
    return ints.load(meta(slot, FrameRingLayout.M_STATE));
  }

  private void setState(int slot, int state) {
    ints.store(meta(slot, FrameRingLayout.M_STATE), state);
  }

  /**
   * Takes a free slot for the next frame (it stays the producer's until {@link #publish} or
   * {@link #abandon}), or answers {@code -1} when every slot is held or a picture of {@code
   * bytes} does not fit a slot.
   */
  public int acquire(int bytes) {
    if (bytes > slotBytes) {
      return -1;
    }
    for (int n = 0; n < slots; n++) {
      int slot = (next + n) % slots;
      if (state(slot) == FrameRingLayout.SLOT_FREE) {
        setState(slot, FrameRingLayout.SLOT_WRITING);
        next = (slot + 1) % slots;
        return slot;
      }
    }
    return -1;
  }

  /** Gives back a slot {@link #acquire} gave without publishing it (the frame was abandoned). */
  public void abandon(int slot) {
    requireState(slot, FrameRingLayout.SLOT_WRITING);
    setState(slot, FrameRingLayout.SLOT_FREE);
  }

  /** Publishes the frame in a slot {@link #acquire} gave. */
  public void publish(int slot, FrameInfo info) {
    requireState(slot, FrameRingLayout.SLOT_WRITING);
    ints.store(meta(slot, FrameRingLayout.M_PTS_HI), (int) (info.ptsUs() >>> 32));
    ints.store(meta(slot, FrameRingLayout.M_PTS_LO), (int) info.ptsUs());
    ints.store(meta(slot, FrameRingLayout.M_DURATION), (int) Math.min(Integer.MAX_VALUE, info.durationUs()));
    ints.store(meta(slot, FrameRingLayout.M_FORMAT), info.format());
    ints.store(meta(slot, FrameRingLayout.M_WIDTH), info.width());
    ints.store(meta(slot, FrameRingLayout.M_HEIGHT), info.height());
    ints.store(meta(slot, FrameRingLayout.M_DISPLAY_WIDTH), info.displayWidth());
    ints.store(meta(slot, FrameRingLayout.M_DISPLAY_HEIGHT), info.displayHeight());
    ints.store(meta(slot, FrameRingLayout.M_MATRIX), info.colorMatrix().coefficients().ordinal());
    ints.store(meta(slot, FrameRingLayout.M_FULL_RANGE), info.colorMatrix().fullRange() ? 1 : 0);
    for (int i = 0; i < 3; i++) {
      ints.store(meta(slot, FrameRingLayout.M_OFFSETS + i), info.offset(i));
      ints.store(meta(slot, FrameRingLayout.M_STRIDES + i), info.stride(i));
    }
    setState(slot, FrameRingLayout.SLOT_READY);
    ints.store(WRITE, ints.load(WRITE) + 1);
  }

  /** The published frame in {@code slot}. */
  public FrameInfo info(int slot) {
    long pts = ((long) ints.load(meta(slot, FrameRingLayout.M_PTS_HI)) << 32)
        | Integer.toUnsignedLong(ints.load(meta(slot, FrameRingLayout.M_PTS_LO)));
    int[] offsets = new int[3];
    int[] strides = new int[3];
    for (int i = 0; i < 3; i++) {
      offsets[i] = ints.load(meta(slot, FrameRingLayout.M_OFFSETS + i));
      strides[i] = ints.load(meta(slot, FrameRingLayout.M_STRIDES + i));
    }
    int matrix = Math.floorMod(ints.load(meta(slot, FrameRingLayout.M_MATRIX)), COEFFICIENTS.length);
    return new FrameInfo(pts, ints.load(meta(slot, FrameRingLayout.M_DURATION)),
        ints.load(meta(slot, FrameRingLayout.M_FORMAT)), ints.load(meta(slot, FrameRingLayout.M_WIDTH)),
        ints.load(meta(slot, FrameRingLayout.M_HEIGHT)), ints.load(meta(slot, FrameRingLayout.M_DISPLAY_WIDTH)),
        ints.load(meta(slot, FrameRingLayout.M_DISPLAY_HEIGHT)),
        ColorMatrix.of(COEFFICIENTS[matrix], ints.load(meta(slot, FrameRingLayout.M_FULL_RANGE)) != 0), offsets, strides);
  }

  /** The consumer is done with the frame in {@code slot}: the slot is free again. */
  public void release(int slot) {
    requireState(slot, FrameRingLayout.SLOT_READY);
    setState(slot, FrameRingLayout.SLOT_FREE);
    ints.store(READ, ints.load(READ) + 1);
  }

  private void requireState(int slot, int expected) {
    if (slot < 0 || slot >= slots || state(slot) != expected) {
      throw new IllegalStateException("slot " + slot + " is not " + (expected == FrameRingLayout.SLOT_READY
          ? "published" : "acquired"));
    }
  }
}
