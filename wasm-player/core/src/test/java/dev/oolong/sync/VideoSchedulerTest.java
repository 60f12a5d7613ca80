package dev.oolong.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The scheduler with a capturing renderer: frames are their indexes, at 30 fps. */
class VideoSchedulerTest {
  private static final long FRAME_US = 33_333;

  private final List<Integer> shown = new ArrayList<>();
  private final List<Integer> released = new ArrayList<>();
  private final VideoScheduler<Integer> scheduler = new VideoScheduler<>(new VideoScheduler.Renderer<>() {
    @Override
    public void show(Integer frame) {
      shown.add(frame);
    }

    @Override
    public void release(Integer frame) {
      released.add(frame);
    }
  });
  private int nextFrame;

  private static long pts(int frame) {
    return frame * FRAME_US;
  }

  /** Keeps the scheduler fed as a decoder would (frames from {@code nextFrame} on). */
  private void feed() {
    while (scheduler.wantsMore()) {
      scheduler.queue(nextFrame, pts(nextFrame));
      nextFrame++;
    }
  }

  /** Refreshes at {@code hz} for {@code seconds} of wall time (a refresh, then the time to the next). */
  private void play(FakeClock wall, MediaClock clock, double hz, double seconds) {
    clock.play();
    for (int i = 0; i < Math.round(hz * seconds); i++) {
      feed();
      scheduler.render(clock.positionUs(), true);
      wall.advanceMs(1000 / hz);
    }
  }

  @Test
  void atSixtyHertzEveryFrameIsShownOnceInOrder() {
    FakeClock wall = new FakeClock();
    MediaClock clock = new MediaClock(wall);
    play(wall, clock, 60, 5);
    assertThat(scheduler.dropped()).isZero();
    for (int i = 1; i < shown.size(); i++) {
      assertThat(shown.get(i)).as("no repeat, no skip").isEqualTo(shown.get(i - 1) + 1);
    }
    assertThat(shown).hasSizeBetween(149, 151);
    // What is on screen is the frame whose time has come (within a refresh of its start).
    long lastRefresh = clock.positionUs() - 16_667;
    assertThat(pts(shown.get(shown.size() - 1))).isBetween(lastRefresh - FRAME_US,
        lastRefresh + VideoScheduler.EARLY_US);
  }

  @Test
  void withHalfARefreshOfLeadEachFrameFirstShowsWithinHalfARefreshOfItsTime() {
    // 30 fps on 60 Hz, the refreshes at every phase against the frames: the refresh that first
    // shows a frame is the one whose time is nearest the frame's, never a whole refresh late.
    long refresh = 16_667;
    for (long phase = 0; phase < refresh; phase += 1_000) {
      VideoScheduler<Integer> s = new VideoScheduler<>(new VideoScheduler.Renderer<>() {
        @Override
        public void show(Integer frame) {}

        @Override
        public void release(Integer frame) {}
      });
      for (int f = 0; f < 60; f++) {
        s.queue(f, pts(f));
      }
      long worst = 0;
      long lastOnScreen = -1;
      for (long seen = phase; seen < pts(59); seen += refresh) {
        s.render(seen, true, refresh / 2);
        if (s.onScreenPtsUs() != lastOnScreen) {
          boolean first = lastOnScreen < 0; // shown at the first refresh, however late it is
          lastOnScreen = s.onScreenPtsUs();
          if (!first) {
            worst = Math.max(worst, Math.abs(seen - lastOnScreen));
          }
        }
      }
      assertThat(s.dropped()).as("phase %d", phase).isZero();
      assertThat(worst).as("phase %d µs: worst |seen − frame time|", phase).isLessThanOrEqualTo(refresh / 2 + 1);
    }
  }

  @Test
  void lateFramesAreDroppedAndCounted() {
    FakeClock wall = new FakeClock();
    MediaClock clock = new MediaClock(wall);
    play(wall, clock, 60, 1);
    long before = scheduler.rendered();
    // A stall of 200 ms (a long task): six frames became due at once; only the last is shown.
    wall.advanceMs(200);
    feed();
    scheduler.render(clock.positionUs(), true);
    assertThat(scheduler.rendered()).isEqualTo(before + 1);
    assertThat(scheduler.dropped()).isBetween(5L, 7L);
    assertThat(scheduler.dropped() + scheduler.rendered() + scheduler.queued())
        .as("every frame accounted for").isEqualTo(nextFrame);
  }

  @Test
  void redrawShowsTheFrameOnScreenAgainWithoutCountingIt() {
    assertThat(scheduler.redraw()).as("nothing on screen yet").isFalse();
    FakeClock wall = new FakeClock();
    MediaClock clock = new MediaClock(wall);
    play(wall, clock, 60, 0.5);
    int last = shown.get(shown.size() - 1);
    long rendered = scheduler.rendered();
    assertThat(scheduler.redraw()).isTrue();
    assertThat(shown.get(shown.size() - 1)).isEqualTo(last);
    assertThat(shown).hasSize((int) rendered + 1);
    assertThat(scheduler.rendered()).isEqualTo(rendered);
  }

  @Test
  void earlyFramesWaitAndTheFrameOnScreenStays() {
    FakeClock wall = new FakeClock();
    MediaClock clock = new MediaClock(wall);
    clock.play();
    feed();
    scheduler.render(clock.positionUs(), true);
    assertThat(shown).containsExactly(0);
    wall.advanceMs(10); // frame 1 is due at 33.3 ms
    long wait = scheduler.render(clock.positionUs(), true);
    assertThat(shown).containsExactly(0);
    assertThat(wait).isEqualTo(FRAME_US - 10_000);
    wall.advanceMs(24);
    scheduler.render(clock.positionUs(), true);
    assertThat(shown).containsExactly(0, 1);
    assertThat(released).containsExactly(0); // replaced on screen
  }

  @Test
  void aSeekShowsTheFrameThatHoldsTheTargetEvenWhilePaused() {
    FakeClock wall = new FakeClock();
    MediaClock clock = new MediaClock(wall);
    play(wall, clock, 60, 1);
    clock.pause();
    // Seek to frame 100.5's time: the decoder restarts at the key frame 90.
    long target = pts(100) + FRAME_US / 2;
    clock.seek(target);
    scheduler.seek(target);
    long droppedBefore = scheduler.dropped();
    nextFrame = 90;
    shown.clear();
    for (int i = 0; i < 20; i++) {
      feed();
      scheduler.render(clock.positionUs(), false);
    }
    assertThat(shown).as("paused: only the target frame").containsExactly(100);
    assertThat(scheduler.dropped()).as("frames decoded to reach it are not drops").isEqualTo(droppedBefore);
    assertThat(scheduler.discarded()).isGreaterThanOrEqualTo(10);
    // Playing on from there: 101, 102, ...
    play(wall, clock, 60, 0.5);
    assertThat(shown.subList(0, 4)).containsExactly(100, 101, 102, 103);
    assertThat(scheduler.dropped()).isEqualTo(droppedBefore);
  }

  @Test
  void aSeekOntoAFrameStartAndPastTheLastFrame() {
    scheduler.seek(pts(5));
    nextFrame = 0;
    feed();
    scheduler.render(pts(5), false);
    assertThat(shown).containsExactly(5);
    // Past the last frame: the last frame (known once the stream ends) is shown.
    shown.clear();
    scheduler.seek(pts(200));
    scheduler.queue(7, pts(7));
    scheduler.render(pts(200), false);
    assertThat(shown).isEmpty();
    scheduler.endOfStream();
    scheduler.render(pts(200), false);
    assertThat(shown).containsExactly(7);
  }

  @Test
  void ratesSpeedFramesUpAndDropWhatTheDisplayCannotShow() {
    FakeClock wall = new FakeClock();
    MediaClock clock = new MediaClock(wall);
    clock.setRate(2);
    play(wall, clock, 60, 2); // 60 frames of media a second: one per refresh
    assertThat(scheduler.dropped()).isZero();
    clock.setRate(4);
    long rendered = scheduler.rendered();
    play(wall, clock, 60, 2); // 120 a second: every other one dropped
    assertThat(scheduler.rendered() - rendered).isBetween(115L, 125L);
    assertThat(scheduler.dropped()).isBetween(115L, 125L);
    clock.setRate(0.25);
    feed();
    scheduler.render(clock.positionUs(), true); // what the last 4x refresh interval made due
    long drops = scheduler.dropped();
    rendered = scheduler.rendered();
    play(wall, clock, 60, 4); // 7.5 frames a second: each shown once, none dropped
    assertThat(scheduler.dropped()).isEqualTo(drops);
    assertThat(scheduler.rendered() - rendered).isBetween(29L, 31L);
  }

  @Test
  void clearReleasesEverything() {
    feed();
    scheduler.render(0, true);
    scheduler.clear();
    assertThat(released).hasSize(nextFrame);
  }
}
