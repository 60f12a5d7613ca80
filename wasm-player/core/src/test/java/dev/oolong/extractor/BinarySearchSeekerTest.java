package dev.oolong.extractor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The refinement against a simulated stream: sync samples at random positions and times. */
class BinarySearchSeekerTest {

  @Test
  void findsTheLastSyncAtOrBeforeTheTargetInFewProbes() {
    Random random = new Random(7);
    for (int round = 0; round < 200; round++) {
      // A 10 MB stream with a sync sample every 50-150 kB, time roughly linear in bytes but
      // with a variable bitrate, so interpolation alone is wrong.
      int n = 100;
      long[] positions = new long[n];
      long[] times = new long[n];
      long p = random.nextInt(1000);
      long t = 1_000_000;
      for (int i = 0; i < n; i++) {
        positions[i] = p;
        times[i] = t;
        p += 50_000 + random.nextInt(100_000);
        t += 500_000 + random.nextInt(1_500_000);
      }
      long length = p;
      long target = times[0] + (long) (random.nextDouble() * (t - times[0]));
      BinarySearchSeeker s = new BinarySearchSeeker(target, 0, times[0], length,
          (double) length / (t - times[0]), 188 * 8, 188);
      int probes = 0;
      for (long next = s.nextProbe(); next >= 0; next = s.nextProbe()) {
        probes++;
        s.onProbe(next, firstSyncAfter(next, positions, times));
      }
      long landed = firstSyncAfter(s.result(), positions, times);
      int expected = 0;
      for (int i = 0; i < n; i++) {
        if (times[i] <= target) {
          expected = i;
        }
      }
      assertThat(landed).as("round %d", round).isEqualTo(times[expected]);
      assertThat(probes).isLessThanOrEqualTo(BinarySearchSeeker.MAX_PROBES).isLessThan(40);
    }
  }

  @Test
  void aTargetBeforeTheFirstSyncNeedsNoProbe() {
    BinarySearchSeeker s = new BinarySearchSeeker(0, 0, 1_000_000, 1_000_000, 1, 188, 188);
    long next = s.nextProbe();
    s.onProbe(next, 2_000_000);
    while ((next = s.nextProbe()) >= 0) {
      s.onProbe(next, 2_000_000);
    }
    assertThat(s.result()).isZero();
  }

  private static long firstSyncAfter(long position, long[] positions, long[] times) {
    for (int i = 0; i < positions.length; i++) {
      if (positions[i] >= position) {
        return times[i];
      }
    }
    return BinarySearchSeeker.NO_SYNC;
  }
}
