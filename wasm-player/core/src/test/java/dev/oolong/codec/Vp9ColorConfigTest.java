package dev.oolong.codec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oolong.media.ColorMatrix;
import org.junit.jupiter.api.Test;

/** Key frame headers written bit by bit from the VP9 specification's uncompressed_header. */
class Vp9ColorConfigTest {
  static byte[] bytes(int... v) {
    byte[] b = new byte[v.length];
    for (int i = 0; i < v.length; i++) {
      b[i] = (byte) v[i];
    }
    return b;
  }

  @Test
  void readsTheColourSpaceAndRangeOfAKeyFrame() {
    // marker 10, profile 0, show_existing 0, key frame, show 1, error_resilient 0; sync code;
    // color_space 2 (BT.709), color_range 1.
    Vp9ColorConfig c = Vp9ColorConfig.parse(bytes(0x82, 0x49, 0x83, 0x42, 0x50), 0, 5);
    assertThat(c).isEqualTo(new Vp9ColorConfig(Vp9ColorConfig.CS_BT_709, true));
    assertThat(c.matrix(360)).isSameAs(ColorMatrix.of(ColorMatrix.Coefficients.BT709, true));
    // Profile 2 (ten_or_twelve_bit first): BT.2020, limited.
    Vp9ColorConfig p2 = Vp9ColorConfig.parse(bytes(0x92, 0x49, 0x83, 0x42, 0x50), 0, 5);
    assertThat(p2).isEqualTo(new Vp9ColorConfig(Vp9ColorConfig.CS_BT_2020, false));
  }

  @Test
  void anUnknownSpaceTakesThePictureHeightRule() {
    Vp9ColorConfig c = Vp9ColorConfig.parse(bytes(0x82, 0x49, 0x83, 0x42, 0x00), 0, 5);
    assertThat(c.matrix(360)).isSameAs(ColorMatrix.of(ColorMatrix.Coefficients.BT601, false));
    assertThat(c.matrix(1080)).isSameAs(ColorMatrix.of(ColorMatrix.Coefficients.BT709, false));
  }

  @Test
  void anInterFrameABadSyncCodeOrTooFewBytesSignalNothing() {
    assertThat(Vp9ColorConfig.parse(bytes(0x86, 0x49, 0x83, 0x42, 0x50), 0, 5)).isNull();
    assertThat(Vp9ColorConfig.parse(bytes(0x82, 0x49, 0x83, 0x43, 0x50), 0, 5)).isNull();
    assertThat(Vp9ColorConfig.parse(bytes(0x82, 0x49), 0, 2)).isNull();
    assertThat(Vp9ColorConfig.parse(bytes(0x02, 0x49, 0x83, 0x42, 0x50), 0, 5)).as("frame marker").isNull();
  }
}
