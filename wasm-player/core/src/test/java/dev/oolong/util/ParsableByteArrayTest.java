package dev.oolong.util;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ParsableByteArrayTest {
  @Test
  void readsBigEndianAndStopsAtTheLimit() {
    byte[] d = {0, 0, 1, 0, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 'm', 'o', 'o', 'v'};
    ParsableByteArray p = new ParsableByteArray(d, 0, 12);
    assertThat(p.readInt()).isEqualTo(256);
    assertThat(p.readUnsignedInt()).isEqualTo(0xFFFFFFFFL);
    assertThat(p.readFourCc()).isEqualTo("moov");
    assertThatThrownBy(p::readUnsignedByte).isInstanceOf(IndexOutOfBoundsException.class);
    ParsableByteArray limited = new ParsableByteArray(d, 0, 3);
    assertThatThrownBy(limited::readInt).isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> limited.skip(-1)).isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void bitsAreReadMostSignificantFirst() {
    ParsableBitArray b = new ParsableBitArray(new byte[] {(byte) 0b1010_0110, 0x0F}, 0, 2);
    assertThat(b.readBits(3)).isEqualTo(0b101);
    assertThat(b.readBits(5)).isEqualTo(0b00110);
    assertThat(b.readBits(8)).isEqualTo(0x0F);
    assertThatThrownBy(() -> b.readBits(1)).isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void jsonEscapes() {
    String json = Json.object().put("a", "q\"\\\n\u0001").put("n", 3).put("x", Double.NaN).toString();
    assertThat(json).isEqualTo("{\"a\":\"q\\\"\\\\\\n\\u0001\",\"n\":3,\"x\":null}");
  }
}
