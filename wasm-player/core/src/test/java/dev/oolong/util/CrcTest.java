package dev.oolong.util;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The CRCs against their catalogue check values (the CRC of "123456789"). */
class CrcTest {
  private static final byte[] CHECK = "123456789".getBytes(StandardCharsets.US_ASCII);

  @Test
  void checkValues() {
    assertThat(Crc.crc8(CHECK, 0, 9)).isEqualTo(0xF4); // CRC-8 (poly 0x07)
    assertThat(Crc.crc16(CHECK, 0, 9)).isEqualTo(0xFEE8); // CRC-16/UMTS (0x8005, init 0)
    assertThat(Crc.crc32Update(0xFFFFFFFF, CHECK, 0, 9)).isEqualTo(0x0376E6E7); // CRC-32/MPEG-2
  }
}
