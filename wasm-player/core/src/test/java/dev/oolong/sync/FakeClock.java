package dev.oolong.sync;

import dev.oolong.util.Clock;

/** A wall clock moved by hand. */
final class FakeClock implements Clock {
  long nowUs;

  @Override
  public long nowUs() {
    return nowUs;
  }

  void advanceMs(double ms) {
    nowUs += Math.round(ms * 1000);
  }
}
