package dev.oolong.render;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FrameIndexBarcodeTest {
  /** The band as drawn: {@code width} px wide from a video {@code videoWidth} wide, {@code rows} rows. */
  static byte[] band(int index, int width, int rows, int videoWidth, int grey) {
    byte[] rgba = new byte[width * rows * 4];
    for (int y = 0; y < rows; y++) {
      for (int x = 0; x < width; x++) {
        int bit = (int) ((long) x * videoWidth / width) / FrameIndexBarcode.CELL;
        int v = grey >= 0 ? grey : ((index >> bit) & 1) == 1 ? 235 : 16;
        int p = (y * width + x) * 4;
        rgba[p] = rgba[p + 1] = rgba[p + 2] = (byte) v;
        rgba[p + 3] = (byte) 255;
      }
    }
    return rgba;
  }

  @Test
  void readsTheIndexAtTheVideosSizeAndScaled() {
    for (int index : new int[] {0, 1, 2, 37, 179, 1023}) {
      assertThat(FrameIndexBarcode.read(band(index, 640, 16, 640, -1), 640, 16, 640)).isEqualTo(index);
      assertThat(FrameIndexBarcode.read(band(index, 640, 8, 1280, -1), 640, 8, 1280)).isEqualTo(index);
      assertThat(FrameIndexBarcode.read(band(index, 1920, 24, 1280, -1), 1920, 24, 1280)).isEqualTo(index);
    }
    assertThat(FrameIndexBarcode.bandRows(360, 720)).isEqualTo(8);
    assertThat(FrameIndexBarcode.bandRows(360, 360)).isEqualTo(16);
  }

  @Test
  void greyOrTooLittleIsNotABarcode() {
    assertThat(FrameIndexBarcode.read(band(0, 640, 16, 640, 128), 640, 16, 640)).isEqualTo(-1);
    assertThat(FrameIndexBarcode.read(new byte[10], 640, 16, 640)).isEqualTo(-1);
    assertThat(FrameIndexBarcode.read(band(5, 640, 16, 640, -1), 640, 16, 20)).isEqualTo(-1);
  }
}
