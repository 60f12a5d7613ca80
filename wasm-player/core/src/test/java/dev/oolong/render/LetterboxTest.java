package dev.oolong.render;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LetterboxTest {
  @Test
  void theSameAspectFillsTheCanvas() {
    assertThat(Letterbox.fit(1280, 720, 640, 360)).isEqualTo(new Letterbox(0, 0, 1280, 720));
    assertThat(Letterbox.fit(1280, 720, 640, 360).hasBars(1280, 720)).isFalse();
  }

  @Test
  void aWiderCanvasGetsBarsLeftAndRight() {
    Letterbox b = Letterbox.fit(800, 360, 640, 360);
    assertThat(b).isEqualTo(new Letterbox(80, 0, 640, 360));
    assertThat(b.hasBars(800, 360)).isTrue();
  }

  @Test
  void aTallerCanvasGetsBarsTopAndBottom() {
    Letterbox b = Letterbox.fit(640, 640, 640, 360);
    assertThat(b).isEqualTo(new Letterbox(0, 140, 640, 360));
    assertThat(b.yFromBottom(640)).isEqualTo(140);
    Letterbox odd = Letterbox.fit(640, 641, 640, 360);
    assertThat(odd.y()).isEqualTo(140);
    assertThat(odd.yFromBottom(641)).isEqualTo(141);
  }

  @Test
  void theDisplayAspectNotTheCodedSizeDecides() {
    // 720×576 anamorphic shown as 1024×576 (16:9) on a 16:9 canvas: no bars.
    assertThat(Letterbox.fit(1920, 1080, 1024, 576)).isEqualTo(new Letterbox(0, 0, 1920, 1080));
  }

  @Test
  void unknownSizesTakeTheWholeCanvas() {
    assertThat(Letterbox.fit(300, 150, 0, 0)).isEqualTo(new Letterbox(0, 0, 300, 150));
  }
}
