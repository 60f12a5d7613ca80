package dev.oolong.render;

import dev.oolong.media.ColorMatrix;

/**
 * The frame ring's memory layout (ARCHITECTURE.md, "Rings"): decoded pictures as planes in fixed
 * slots, for decoders that produce planes (software decoders, or WebCodecs frames copied out) and
 * the renderer that draws them with the YUV shader. Defined here once; {@link FrameRing} reads and
 * writes it.
 *
 * <p>The memory starts with {@link #HEADER_INTS} 32-bit integers, then {@link #META_INTS} integers
 * of metadata per slot, then the slots' bytes ({@link #slotOffset}). {@link #WRITE} counts the
 * frames published and {@link #READ} the frames released, modulo 2<sup>32</sup>. The slots are a
 * pool, not a queue: each has a state ({@link #M_STATE}) — {@link #SLOT_FREE}, {@link
 * #SLOT_WRITING} (the producer took it), {@link #SLOT_READY} (published, the consumer holds it) —
 * and the producer takes any free slot. The consumer releases frames in any order (the frame on
 * screen stays held while later ones are dropped or shown), and a released slot is free at once.
 * Only the producer moves a slot from free to writing to ready and writes {@link #WRITE} and the
 * metadata; only the consumer moves it from ready to free and writes {@link #READ}.
 */
public final class FrameRingLayout {
  private FrameRingLayout() {}

  /** Frames published (producer). */
  public static final int WRITE = 0;
  /** Frames released, counted from the oldest (consumer). */
  public static final int READ = 1;
  /** Number of slots. */
  public static final int SLOTS = 2;
  /** Bytes per slot. */
  public static final int SLOT_BYTES = 3;
  /** Header size in 32-bit integers. */
  public static final int HEADER_INTS = 8;

  /** Slot metadata: the presentation time's upper 32 bits (µs). */
  public static final int M_PTS_HI = 0;
  /** Slot metadata: the presentation time's lower 32 bits (µs). */
  public static final int M_PTS_LO = 1;
  /** Slot metadata: duration (µs). */
  public static final int M_DURATION = 2;
  /** Slot metadata: {@link #FORMAT_I420} or {@link #FORMAT_NV12}. */
  public static final int M_FORMAT = 3;
  public static final int M_WIDTH = 4;
  public static final int M_HEIGHT = 5;
  public static final int M_DISPLAY_WIDTH = 6;
  public static final int M_DISPLAY_HEIGHT = 7;
  /** Slot metadata: the {@link ColorMatrix.Coefficients} ordinal. */
  public static final int M_MATRIX = 8;
  /** Slot metadata: 1 for full range, 0 for limited. */
  public static final int M_FULL_RANGE = 9;
  /** Slot metadata: the three planes' byte offsets from the slot's start. */
  public static final int M_OFFSETS = 10;
  /** Slot metadata: the three planes' strides (bytes per row). */
  public static final int M_STRIDES = 13;
  /** Slot metadata: {@link #SLOT_FREE}, {@link #SLOT_WRITING} or {@link #SLOT_READY}. */
  public static final int M_STATE = 16;
  /** Integers of metadata per slot. */
  public static final int META_INTS = 20;

  /** Slot state: nobody holds the slot. */
  public static final int SLOT_FREE = 0;
  /** Slot state: the producer is filling it. */
  public static final int SLOT_WRITING = 1;
  /** Slot state: published; the consumer holds it until it releases it. */
  public static final int SLOT_READY = 2;

  /** Three planes: Y, U, V (U and V at half width and height). */
  public static final int FORMAT_I420 = 1;
  /** Two planes: Y, then U and V interleaved (at half width and height). */
  public static final int FORMAT_NV12 = 2;

  /** The format named as {@code VideoFrame.format} names it, or 0 when the ring cannot hold it. */
  public static int format(String name) {
    if ("I420".equals(name)) {
      return FORMAT_I420;
    }
    return "NV12".equals(name) ? FORMAT_NV12 : 0;
  }

  /** The name of a format, as {@code VideoFrame.format} spells it. */
  public static String formatName(int format) {
    return format == FORMAT_NV12 ? "NV12" : "I420";
  }

  /** The index of slot {@code slot}'s metadata integer {@code field}. */
  public static int meta(int slot, int field) {
    return HEADER_INTS + slot * META_INTS + field;
  }

  /** The byte offset of slot {@code slot}'s pictures in a ring of {@code slots} slots. */
  public static int slotOffset(int slots, int slotBytes, int slot) {
    return 4 * (HEADER_INTS + slots * META_INTS) + slot * slotBytes;
  }

  /** The byte size of a ring. */
  public static int bytes(int slots, int slotBytes) {
    return slotOffset(slots, slotBytes, slots);
  }

  /**
   * The tight layout of a {@code width × height} picture: {offsets[3], strides[3], {total bytes}}
   * (chroma rounded up for odd sizes).
   */
  public static int[][] planes(int format, int width, int height) {
    int cw = (width + 1) / 2;
    int ch = (height + 1) / 2;
    int luma = width * height;
    if (format == FORMAT_NV12) {
      return new int[][] {{0, luma, 0}, {width, cw * 2, 0}, {luma + cw * 2 * ch}};
    }
    return new int[][] {{0, luma, luma + cw * ch}, {width, cw, cw}, {luma + 2 * cw * ch}};
  }
}
