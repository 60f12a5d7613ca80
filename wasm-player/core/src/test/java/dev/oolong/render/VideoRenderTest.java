package dev.oolong.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oolong.ErrorCode;
import dev.oolong.PlayerException;
import org.junit.jupiter.api.Test;

class VideoRenderTest {
  /** What Chromium reports on this machine (no GPU, ANGLE over SwiftShader). */
  static final String SWIFTSHADER =
      "ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) (0x0000C0DE)), SwiftShader driver)";

  @Test
  void autoDrawsPlanesOnASoftwareRasteriserAndFramesOnAGpu() throws PlayerException {
    assertThat(VideoRender.choose("auto", SWIFTSHADER)).isEqualTo(VideoRender.PLANES);
    assertThat(VideoRender.choose(null, "llvmpipe (LLVM 15.0.6, 256 bits)")).isEqualTo(VideoRender.PLANES);
    assertThat(VideoRender.choose("", "ANGLE (Intel, Mesa Intel(R) UHD Graphics 620 (KBL GT2), OpenGL 4.6)"))
        .isEqualTo(VideoRender.FRAME);
    assertThat(VideoRender.choose("auto", "")).as("unknown renderer").isEqualTo(VideoRender.FRAME);
  }

  @Test
  void anExplicitChoiceIsKept() throws PlayerException {
    assertThat(VideoRender.choose("frame", SWIFTSHADER)).isEqualTo(VideoRender.FRAME);
    assertThat(VideoRender.choose("planes", "Apple M2")).isEqualTo(VideoRender.PLANES);
    assertThat(VideoRender.PLANES.optionName()).isEqualTo("planes");
  }

  @Test
  void anUnknownChoiceIsAnInvalidArgument() {
    assertThatThrownBy(() -> VideoRender.choose("texture", SWIFTSHADER))
        .isInstanceOfSatisfying(PlayerException.class, e -> {
          assertThat(e.errorCode()).isEqualTo(ErrorCode.PLAYER_INVALID_ARGUMENT);
          assertThat(e.data()).containsEntry("argument", "videoRender");
        });
  }
}
