package dev.oolong.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Codec strings against the examples of the specifications that define them. */
class CodecStringsTest {

  private static byte[] bytes(int... v) {
    byte[] b = new byte[v.length];
    for (int i = 0; i < v.length; i++) {
      b[i] = (byte) v[i];
    }
    return b;
  }

  @Test
  void avcFromAvcC() {
    byte[] avcC = bytes(1, 0x64, 0x00, 0x28, 0xFF);
    assertThat(CodecStrings.avc("avc1", avcC, 0, avcC.length)).isEqualTo("avc1.640028");
  }

  @Test
  void hevcMatchesIso14496_15AnnexEExamples() {
    // Main profile, compatibility flag 1 and 2 set, level 93 (3.1), constraint byte 0xB0.
    byte[] main = bytes(1, 0x01, 0x60, 0, 0, 0, 0xB0, 0, 0, 0, 0, 0, 93);
    assertThat(CodecStrings.hevc("hvc1", main, 0, main.length)).isEqualTo("hvc1.1.6.L93.B0");
    // Main 10, high tier, level 120, compatibility flag 2.
    byte[] main10 = bytes(1, 0x22, 0x20, 0, 0, 0, 0xB0, 0, 0, 0, 0, 0, 120);
    assertThat(CodecStrings.hevc("hev1", main10, 0, main10.length)).isEqualTo("hev1.2.4.H120.B0");
    // Profile space 1 ('A'), all constraint bytes kept up to the last non-zero one.
    byte[] spaced = bytes(1, 0x44, 0x08, 0, 0, 0, 0x98, 0, 0, 0, 0, 0x01, 153);
    assertThat(CodecStrings.hevc("hvc1", spaced, 0, spaced.length)).isEqualTo("hvc1.A4.10.L153.98.0.0.0.0.1");
  }

  @Test
  void av1FromAv1C() {
    // profile 0, level 4, main tier, high_bitdepth (10 bit)
    byte[] av1C = bytes(0x81, 0x04, 0x40, 0);
    assertThat(CodecStrings.av1(av1C, 0, av1C.length)).isEqualTo("av01.0.04M.10");
    // profile 2, level 13, high tier, 12 bit
    byte[] pro = bytes(0x81, 0x4D, 0xE0, 0);
    assertThat(CodecStrings.av1(pro, 0, pro.length)).isEqualTo("av01.2.13H.12");
  }

  @Test
  void vp9FromVpcC() {
    byte[] vpcC = bytes(0, 31, 0x80, 2, 2, 2, 0, 0);
    assertThat(CodecStrings.vp9(vpcC, 0, vpcC.length)).isEqualTo("vp09.00.31.08");
  }

  @Test
  void mp4a() {
    assertThat(CodecStrings.mp4a(0x40, 2)).isEqualTo("mp4a.40.2");
    assertThat(CodecStrings.mp4a(0x40, 5)).isEqualTo("mp4a.40.5");
    assertThat(CodecStrings.mp4a(0x6B, 0)).isEqualTo("mp4a.6B");
  }

  @Test
  void shortRecordsAreRefused() {
    assertThatThrownBy(() -> CodecStrings.hevc("hvc1", new byte[5], 0, 5))
        .isInstanceOf(IndexOutOfBoundsException.class);
  }
}
