package dev.oolong.render;

import dev.oolong.media.ColorMatrix;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oolong.util.SharedInts;
import org.junit.jupiter.api.Test;

class FrameRingTest {
  /** The ring's integers in an array (the browser's are an Int32Array over shared memory). */
  static final class Ints implements SharedInts {
    final int[] a;

    Ints(int n) {
      a = new int[n];
    }

    @Override
    public int load(int index) {
      return a[index];
    }

    @Override
    public void store(int index, int value) {
      a[index] = value;
    }
  }

  private static FrameInfo frame(long pts) {
    int[][] planes = FrameRingLayout.planes(FrameRingLayout.FORMAT_I420, 640, 360);
    return new FrameInfo(pts, 33_333, FrameRingLayout.FORMAT_I420, 640, 360, 640, 360,
        ColorMatrix.of(ColorMatrix.Coefficients.BT709, false), planes[0], planes[1]);
  }

  @Test
  void framesGoRoundTheSlotsAndComeBackAsPublished() {
    Ints ints = new Ints(FrameRing.ints(3));
    int bytes = FrameRingLayout.planes(FrameRingLayout.FORMAT_I420, 640, 360)[2][0];
    FrameRing ring = new FrameRing(ints, 3, bytes);
    for (int n = 0; n < 10; n++) {
      int slot = ring.acquire(bytes);
      assertThat(slot).isEqualTo(n % 3);
      long pts = (5L << 32) + n * 33_333L; // past 32 bits of µs
      ring.publish(slot, frame(pts));
      FrameInfo back = ring.info(slot);
      assertThat(back.ptsUs()).isEqualTo(pts);
      assertThat(back.colorMatrix()).isSameAs(ColorMatrix.of(ColorMatrix.Coefficients.BT709, false));
      assertThat(back.offsets()).containsExactly(0, 640 * 360, 640 * 360 + 320 * 180);
      assertThat(back.strides()).containsExactly(640, 320, 320);
      ring.release(slot);
    }
    assertThat(ring.held()).isZero();
  }

  @Test
  void aFullRingRefusesInsteadOfOverwriting() {
    FrameRing ring = new FrameRing(new Ints(FrameRing.ints(2)), 2, 1000);
    ring.publish(ring.acquire(10), frame(0));
    ring.publish(ring.acquire(10), frame(1));
    assertThat(ring.acquire(10)).isEqualTo(-1);
    assertThat(ring.acquire(2000)).as("too big for a slot").isEqualTo(-1);
    assertThatThrownBy(() -> ring.publish(0, frame(2))).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> ring.release(5)).isInstanceOf(IllegalStateException.class);
  }

  /**
   * The frame on screen stays held while the frames after it are dropped (a seek): their slots
   * must be free at once, or the producer could never deliver the frame that replaces the one
   * on screen (the ring filled up for good and a seek never ended, seen in CanvasColorTest).
   */
  @Test
  void slotsReleasedAfterAnOlderHeldFrameAreTakenAgainAtOnce() {
    FrameRing ring = new FrameRing(new Ints(FrameRing.ints(3)), 3, 1000);
    int onScreen = ring.acquire(10);
    ring.publish(onScreen, frame(0));
    int a = ring.acquire(10);
    ring.publish(a, frame(1));
    int b = ring.acquire(10);
    ring.publish(b, frame(2));
    assertThat(ring.acquire(10)).isEqualTo(-1);
    ring.release(b);
    ring.release(a);
    assertThat(ring.held()).isEqualTo(1);
    int again = ring.acquire(10);
    assertThat(again).isIn(a, b);
    ring.publish(again, frame(3));
    assertThat(ring.info(again).ptsUs()).isEqualTo(3);
    assertThat(ring.info(onScreen).ptsUs()).as("the held frame is untouched").isEqualTo(0);
  }

  @Test
  void anAbandonedSlotIsFreeAgain() {
    FrameRing ring = new FrameRing(new Ints(FrameRing.ints(1)), 1, 1000);
    int slot = ring.acquire(10);
    assertThat(ring.acquire(10)).isEqualTo(-1);
    ring.abandon(slot);
    assertThat(ring.held()).isZero();
    assertThat(ring.acquire(10)).isEqualTo(slot);
    assertThatThrownBy(() -> ring.release(slot)).as("never published").isInstanceOf(IllegalStateException.class);
  }

  @Test
  void planeLayouts() {
    int[][] i420 = FrameRingLayout.planes(FrameRingLayout.FORMAT_I420, 5, 3); // odd sizes round up
    assertThat(i420[0]).containsExactly(0, 15, 15 + 6);
    assertThat(i420[1]).containsExactly(5, 3, 3);
    assertThat(i420[2][0]).isEqualTo(15 + 12);
    int[][] nv12 = FrameRingLayout.planes(FrameRingLayout.FORMAT_NV12, 4, 2);
    assertThat(nv12[0]).containsExactly(0, 8, 0);
    assertThat(nv12[1]).containsExactly(4, 4, 0);
    assertThat(nv12[2][0]).isEqualTo(12);
    assertThat(FrameRingLayout.format("NV12")).isEqualTo(FrameRingLayout.FORMAT_NV12);
    assertThat(FrameRingLayout.format("RGBX")).isZero();
  }
}
