package dev.oolong.util;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TimestampUnwrapperTest {
  private static final long WRAP = 1L << 33;

  @Test
  void continuesAcrossTheWrap() {
    TimestampUnwrapper u = new TimestampUnwrapper(33);
    assertThat(u.unwrap(WRAP - 3000)).isEqualTo(WRAP - 3000);
    assertThat(u.unwrap(WRAP - 1500)).isEqualTo(WRAP - 1500);
    assertThat(u.unwrap(0)).isEqualTo(WRAP);
    assertThat(u.unwrap(1500)).isEqualTo(WRAP + 1500);
    assertThat(u.unwrap(WRAP - 100)).as("a late B-frame from before the wrap").isEqualTo(WRAP - 100);
  }

  @Test
  void ordinaryValuesPassThrough() {
    TimestampUnwrapper u = new TimestampUnwrapper(33);
    assertThat(u.unwrap(126000)).isEqualTo(126000);
    assertThat(u.unwrap(123000)).isEqualTo(123000);
    assertThat(u.unwrap(129000)).isEqualTo(129000);
  }

  @Test
  void extraHighBitsAreIgnored() {
    TimestampUnwrapper u = new TimestampUnwrapper(33);
    assertThat(u.unwrap(WRAP + 5)).isEqualTo(5);
  }
}
