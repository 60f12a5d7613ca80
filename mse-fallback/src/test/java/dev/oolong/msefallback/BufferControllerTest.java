package dev.oolong.msefallback;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oolong.msefallback.BufferController.Load;
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

  private static Spans record(double... spans) {
    Spans s = new Spans();
    for (int i = 0; i + 1 < spans.length; i += 2) {
      s.add(spans[i], spans[i + 1]);
    }
    return s;
  }

  private static final Load NOWHERE = new Load(0, Double.NEGATIVE_INFINITY, true, false);

  @Test
  void extractionHoldsAtTheGoalAndGoesOnBelowIt() {
    BufferController c = new BufferController(10, 30);
    assertThat(c.shouldHold(5, 14.9)).isFalse();
    assertThat(c.shouldHold(5, 15)).isTrue();
    assertThat(c.shouldHold(5.5, 15)).isFalse();
  }

  @Test
  void aHoleInWhatWasAppendedIsJumped() {
    // Two loads met at 2.0: the audio frame across the key frame leaves a sliver.
    BufferController c = new BufferController(30, 30);
    Spans appended = record(0, 2.02, 2.0, 6.0);
    Playback stuck = at(1.99, HAVE_CURRENT_DATA, 6, 0, 2.0, 2.03, 6.0);
    assertThat(c.holeEnd(stuck, appended)).isEqualTo(2.03);
    assertThat(c.holeEnd(stuck, appended)).isEqualTo(2.03);
    assertThat(c.holesSkipped()).as("counted once").isEqualTo(1);
    // Not stuck: playing normally up to the end of the range.
    assertThat(c.holeEnd(at(1.99, HAVE_ENOUGH_DATA, 6, 0, 2.0, 2.03, 6.0), appended)).isNaN();
    // Stuck inside a range (a decoder, not data): nothing to jump.
    assertThat(c.holeEnd(at(1.0, HAVE_CURRENT_DATA, 6, 0, 2.0, 2.03, 6.0), appended)).isNaN();
    // Too long a hole.
    assertThat(c.holeEnd(at(2.0, HAVE_CURRENT_DATA, 20, 0, 2.0, 9.0, 20.0), record(0, 20))).isNaN();
    assertThat(c.holesSkipped()).isEqualTo(1);
  }

  @Test
  void aHoleNeverAppendedIsLoadedNotJumped() {
    // Loaded to 2 (held at the goal), then a seek to 4 loaded [3, 6); back at the start, the
    // playhead reached 2: the hole between is not in the record.
    BufferController c = new BufferController(1, 30);
    Spans appended = record(0, 2.0, 3.0, 6.0);
    Playback stuck = at(1.99, HAVE_CURRENT_DATA, 6, 0, 2.0, 3.0, 6.0);
    assertThat(c.holeEnd(stuck, appended)).isNaN();
    assertThat(c.holesSkipped()).isZero();
    // The extraction ended at the end of the stream: it moves to where the hole starts.
    assertThat(c.loadFrom(stuck, appended, new Load(4, 6, true, false))).isEqualTo(2.0);
    // Once moved there, it is on its way: no second move.
    assertThat(c.loadFrom(stuck, appended, new Load(2.0, Double.NEGATIVE_INFINITY, false, false))).isNaN();
    assertThat(c.loadFrom(stuck, appended, new Load(2.0, 2.5, false, true))).isNaN();
  }

  @Test
  void aStreamStartingAfterZeroStartsAtItsFirstRange() {
    // The first load started at 0 and its first segment at 1.4: the record counts from 0.
    BufferController c = new BufferController(30, 30);
    assertThat(c.holeEnd(at(0, HAVE_METADATA, 6, 1.4, 3.5), record(0, 3.5))).isEqualTo(1.4);
    assertThat(c.loadFrom(at(0, HAVE_METADATA, 6, 1.4, 3.5), record(0, 3.5), new Load(0, 3.5, false, false)))
        .isNaN();
  }

  @Test
  void aSeekBackIntoTheBufferMovesTheExtractionToTheEndOfThatRange() {
    BufferController c = new BufferController(10, 30);
    // Played [0, 10), jumped to 30, loaded to 40 (held); now back at 5: the load is elsewhere.
    Playback back = at(5, HAVE_ENOUGH_DATA, 100, 0, 10, 30, 40);
    Spans appended = record(0, 10.02, 29.5, 40);
    assertThat(c.loadFrom(back, appended, new Load(30, 40, false, false))).isEqualTo(10.0);
    // A load that started before the range's end and has not got there yet goes on.
    assertThat(c.loadFrom(back, appended, new Load(0, 9, false, false))).isNaN();
    // Enough ahead already, or the range reaches the end of the stream.
    assertThat(new BufferController(4, 30).loadFrom(back, appended, new Load(30, 40, false, false))).isNaN();
    assertThat(c.loadFrom(at(5, HAVE_ENOUGH_DATA, 10.2, 0, 10), appended, NOWHERE)).isNaN();
    // What follows is in the record (still being taken in by the element): wait for it.
    assertThat(c.loadFrom(back, record(0, 12), NOWHERE)).isNaN();
    // Everything was appended once, but what followed this range is gone: load it again.
    assertThat(c.loadFrom(at(75, HAVE_ENOUGH_DATA, 100, 70, 80), record(70, 80.01),
        new Load(0, 100, true, false))).isEqualTo(80.0);
    // After a seek to an unbuffered time, the load that was asked to start there is awaited.
    assertThat(c.loadFrom(at(50, HAVE_METADATA, 100, 0, 10), record(0, 10),
        new Load(50, Double.NEGATIVE_INFINITY, false, false))).isNaN();
  }

  @Test
  void whatTheBufferContradictsIsForgottenAndLoadedAgain() {
    // The record says [0, 20) went in, the element stops at 10 with nothing after it: the
    // browser dropped it. Not a hole to jump: the record is corrected, then the media loaded.
    BufferController c = new BufferController(30, 30);
    Spans appended = record(0, 20);
    Playback stuck = at(9.99, HAVE_CURRENT_DATA, 100, 0, 10);
    Load ended = new Load(0, 20, false, false);
    assertThat(c.loadFrom(stuck, appended, ended)).isNaN();
    assertThat(c.holeEnd(stuck, appended)).isNaN();
    double[] wrong = c.contradiction(stuck, appended);
    assertThat(wrong).containsExactly(10, Double.POSITIVE_INFINITY);
    assertThat(c.contradiction(stuck, appended)).as("once per position").isNull();
    appended.remove(wrong[0], wrong[1]);
    assertThat(c.loadFrom(stuck, appended, ended)).isEqualTo(10.0);
    // A sliver the record covers is a hole to jump, not a contradiction.
    Playback sliver = at(4.98, HAVE_CURRENT_DATA, 100, 0, 4.98, 5.01, 10);
    assertThat(new BufferController(30, 30).contradiction(sliver, record(0, 10))).isNull();
  }

  @Test
  void theEndOfTheStreamIsNotLoadedAgainWhateverTheEstimateSays() {
    // MP3: the seek map's duration (6.3 s) is longer than the media (6.03 s), whose end the
    // extraction reached. Judged by the estimate, the range "ends early" and would be reloaded
    // (a seek past the end); with the end the engine knows, it is the end.
    BufferController c = new BufferController(30, 30);
    Playback atEnd = at(6.02, HAVE_CURRENT_DATA, 6.3, 0, 6.03);
    Spans appended = record(0, 6.03);
    Load ended = new Load(0, 6.03, true, false);
    assertThat(c.loadFrom(atEnd, appended, ended)).isEqualTo(6.03);
    assertThat(c.loadFrom(atEnd.withEnd(6.03), appended, ended)).isNaN();
    assertThat(c.holeEnd(atEnd.withEnd(6.03), appended)).isNaN();
    assertThat(c.contradiction(atEnd.withEnd(6.03), record(0, 7))).isNull();
    assertThat(atEnd.withEnd(Double.NaN).duration()).isEqualTo(6.3);
    assertThat(atEnd.withEnd(7).duration()).isEqualTo(6.3);
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
