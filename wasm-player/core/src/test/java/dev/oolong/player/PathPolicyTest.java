package dev.oolong.player;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oolong.ErrorCode;
import dev.oolong.PlayerException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class PathPolicyTest {
  @ParameterizedTest
  @EnumSource(ErrorCode.class)
  void onlyAnOutputsOwnCriticalFailureMovesToTheOtherPath(ErrorCode code) {
    PlayerException critical = PlayerException.critical(code, "x");
    OutputPath next = PathPolicy.switchTo(critical, OutputPath.CANVAS);
    boolean outputFault = code.name().startsWith("CODEC_") || code.name().startsWith("MEDIA_SOURCE_");
    assertThat(next).as("%s", code).isEqualTo(outputFault ? OutputPath.CANVAS : null);
    assertThat(PathPolicy.switchTo(PlayerException.recoverable(code, "x"), OutputPath.CANVAS))
        .as("a recoverable %s is no failure", code).isNull();
  }

  @Test
  void withoutAFallbackTheErrorStands() {
    assertThat(PathPolicy.switchTo(PlayerException.critical(ErrorCode.CODEC_DECODE_FAILED, "x"), null)).isNull();
  }

  @Test
  void theReasonNamesBothPathsAndTheError() {
    String r = PathPolicy.reason(OutputPath.MSE, OutputPath.CANVAS,
        PlayerException.critical(ErrorCode.MEDIA_SOURCE_FAILED, "The media element failed: decode"));
    assertThat(r).contains("the MSE path failed", "MEDIA_SOURCE_FAILED", "decode", "the canvas path");
  }

  @Test
  void pathsHaveThePagesNames() {
    for (OutputPath p : OutputPath.values()) {
      assertThat(OutputPath.ofWireName(p.wireName())).isEqualTo(p);
    }
    assertThat(OutputPath.CANVAS.wireName()).isEqualTo("canvas");
    assertThat(OutputPath.ofWireName("webcodecs")).isNull();
  }
}
