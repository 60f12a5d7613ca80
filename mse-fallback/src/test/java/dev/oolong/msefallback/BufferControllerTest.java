package dev.oolong.msefallback;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oolong.msefallback.BufferController.Playback;
import org.junit.jupiter.api.Test;

/** The MSE path's buffering decisions, from element states as Chromium reports them. */
class BufferControllerTest {
  private static final int HAVE_METADATA = 1;
  private static final int HAVE_CURRENT_DATA = 2;
  private static final int HAVE_ENOUGH_DATA = 4;

  private static Playback at(double time, int readyState, double duration, double... ranges) {
    return new Playback(time, readyState, ranges, duration);
  }

  @Test
  void defaultsAreThirtySecondsEachWay() {
    BufferController c = new BufferController(Double.NaN, 0);
    assertThat(c.forwardGoal()).isEqualTo(30);
    assertThat(c.backBuffer()).isEqualTo(30);
  }

  @Test
  void extractionHoldsAtTheGoalAndGoesOnBelowIt() {
    BufferController c = new BufferController(10, 30);
    assertThat(c.shouldHold(at(5, HAVE_ENOUGH_DATA, 100, 0, 14), 14.9, 14)).isFalse();
    assertThat(c.shouldHold(at(5, HAVE_ENOUGH_DATA, 100, 0, 14), 15, 14)).isTrue();
    assertThat(c.shouldHold(at(6, HAVE_ENOUGH_DATA, 100, 0, 15), 15, 15)).isFalse();
    assertThat(c.shouldHold(5, 15)).isTrue();
    assertThat(c.shouldHold(5.5, 15)).isFalse();
  }

  @Test
  void aStarvingElementIsNeverLeftWaiting() {
    // The production claims 20 s ahead, but the element has nothing at the playhead and
    // nothing appended is on its way there.
    BufferController c = new BufferController(10, 30);
    assertThat(c.shouldHold(at(5, HAVE_CURRENT_DATA, 100, 0, 5.2), 25, 5.2)).isFalse();
    assertThat(c.shouldHold(at(5, HAVE_ENOUGH_DATA, 100, 0, 5.2), 25, 5.2)).isTrue();
    // At the start: appended up to 12 s, the element has not decoded any yet. Not starving.
    assertThat(c.shouldHold(at(0, HAVE_METADATA, 100), 12, 12)).isTrue();
    assertThat(c.shouldHold(at(0, HAVE_METADATA, 100), 12, Double.NEGATIVE_INFINITY)).isFalse();
    // Stuck at the edge of a sliver of buffer (an append abandoned by a seek): starving, whatever
    // was appended before.
    assertThat(c.shouldHold(at(1.005, HAVE_METADATA, 100, 0, 0.98, 1.005, 1.067), 12, 12)).isFalse();
  }

  @Test
  void aHoleInTheMediaIsJumpedOnceTheExtractionIsPastIt() {
    BufferController c = new BufferController(30, 30);
    Playback stuck = at(1.99, HAVE_CURRENT_DATA, 6, 0, 2.0, 2.3, 6.0);
    assertThat(c.holeEnd(stuck, 6, false)).isEqualTo(2.3);
    assertThat(c.holesSkipped()).isEqualTo(1);
    // Not stuck: playing normally up to the end of the range.
    assertThat(c.holeEnd(at(1.99, HAVE_ENOUGH_DATA, 6, 0, 2.0, 2.3, 6.0), 6, false)).isNaN();
    // Stuck inside a range (a decoder, not data): nothing to jump.
    assertThat(c.holeEnd(at(1.0, HAVE_CURRENT_DATA, 6, 0, 2.0, 2.3, 6.0), 6, false)).isNaN();
    // Too long a hole.
    assertThat(c.holeEnd(at(2.0, HAVE_CURRENT_DATA, 20, 0, 2.0, 9.0, 20.0), 20, false)).isNaN();
    assertThat(c.holesSkipped()).isEqualTo(1);
  }

  @Test
  void aHoleTheExtractionHasNotReachedIsLeftToFill() {
    // A seek back left [0, 2) behind [3, 6): production restarted at 2 and is at 2.5.
    BufferController c = new BufferController(30, 30);
    Playback stuck = at(2.0, HAVE_CURRENT_DATA, 6, 0, 2.0, 2.4, 6.0);
    assertThat(c.holeEnd(stuck, 2.1, false)).isNaN();
    assertThat(c.holeEnd(stuck, 2.1, true)).isEqualTo(2.4);
  }

  @Test
  void aStreamStartingAfterZeroStartsAtItsFirstRange() {
    BufferController c = new BufferController(30, 30);
    assertThat(c.holeEnd(at(0, HAVE_METADATA, 6, 1.4, 3.5), 3.5, false)).isEqualTo(1.4);
  }

  @Test
  void aSeekBackIntoTheBufferMovesTheExtractionToTheEndOfThatRange() {
    BufferController c = new BufferController(10, 30);
    // Played [0, 10), jumped to 30, loaded to 40; now back at 5: the appends are elsewhere.
    Playback back = at(5, HAVE_ENOUGH_DATA, 100, 0, 10, 30, 40);
    assertThat(c.reloadFrom(back, 40)).isEqualTo(10);
    assertThat(c.reloadFrom(back, 40)).as("once per range end").isNaN();
    // Appends right behind the range's end, or nothing appended since the last move: stay.
    assertThat(new BufferController(10, 30).reloadFrom(back, 10.5)).isNaN();
    assertThat(new BufferController(10, 30).reloadFrom(back, Double.NEGATIVE_INFINITY)).isNaN();
    // Enough ahead already, or the range reaches the end of the stream.
    assertThat(new BufferController(4, 30).reloadFrom(back, 40)).isNaN();
    assertThat(new BufferController(10, 30).reloadFrom(at(5, HAVE_ENOUGH_DATA, 10.2, 0, 10), 40))
        .isNaN();
    // Everything was appended once, but what followed this range was evicted: load it again.
    assertThat(new BufferController(10, 30).reloadFrom(at(75, HAVE_ENOUGH_DATA, 100, 70, 80), 100))
        .isEqualTo(80);
  }

  @Test
  void theBackBufferIsTrimmedInSteps() {
    BufferController c = new BufferController(30, 10);
    assertThat(c.evictBefore(5)).isNaN();
    assertThat(c.evictBefore(11.5)).isEqualTo(1.5);
    assertThat(c.evictBefore(12)).isNaN();
    assertThat(c.evictBefore(13)).isEqualTo(3);
  }
}
