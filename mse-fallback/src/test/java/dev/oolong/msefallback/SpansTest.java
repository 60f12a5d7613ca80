package dev.oolong.msefallback;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SpansTest {
  @Test
  void spansMergeWhenTheyTouchOrOverlap() {
    Spans s = new Spans();
    s.add(4, 6);
    s.add(0, 1);
    s.add(1.001, 2); // within the join tolerance
    s.add(5, 8);
    assertThat(s).hasToString("[[0.0, 2.0], [4.0, 8.0]]");
    assertThat(s.covers(0, 2)).isTrue();
    assertThat(s.covers(1.5, 4.5)).isFalse();
    s.add(1.9, 4.1);
    assertThat(s).hasToString("[[0.0, 8.0]]");
    s.add(3, 3); // empty: ignored
    assertThat(s).hasToString("[[0.0, 8.0]]");
  }

  @Test
  void removalCutsSpans() {
    Spans s = new Spans();
    s.add(0, 10);
    s.add(12, 20);
    s.remove(5, 14);
    assertThat(s).hasToString("[[0.0, 5.0], [14.0, 20.0]]");
    s.removeBefore(3);
    assertThat(s).hasToString("[[3.0, 5.0], [14.0, 20.0]]");
    s.removeBefore(15);
    assertThat(s).hasToString("[[15.0, 20.0]]");
    assertThat(s.continuesAt(15, 4.9)).isTrue();
    assertThat(s.continuesAt(19.95, 0.1)).isFalse();
    s.remove(0, Double.POSITIVE_INFINITY);
    assertThat(s.isEmpty()).isTrue();
  }
}
