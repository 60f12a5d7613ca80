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

  @Test
  void aFailingMediaSourceIsRebuiltAFewTimesPastWhereItsDecoderNamedThePacket() {
    PlayerException decode = PlayerException.critical(ErrorCode.MEDIA_SOURCE_FAILED,
        "The media element failed: PipelineStatus::PIPELINE_ERROR_DECODE: Failed to send video packet for decoding: "
            + "{timestamp=2488000 duration=33333 size=3112 is_key_frame=0 encrypted=0}");
    int all = PathPolicy.MAX_REBUILDS;
    assertThat(PathPolicy.rebuild(decode, OutputPath.MSE, 0, all)).isTrue();
    assertThat(PathPolicy.rebuild(decode, OutputPath.MSE, 0, 0)).as("turned off (mseRebuilds: 0)").isFalse();
    assertThat(PathPolicy.rebuild(decode, OutputPath.MSE, 2, 2)).as("the configured budget").isFalse();
    assertThat(PathPolicy.rebuild(decode, OutputPath.MSE, PathPolicy.MAX_REBUILDS, 1000)).isFalse();
    assertThat(PathPolicy.rebuild(decode, OutputPath.CANVAS, 0, all)).isFalse();
    assertThat(PathPolicy.rebuild(decode.asRecoverable(), OutputPath.MSE, 0, all)).isFalse();
    assertThat(PathPolicy.rebuild(PlayerException.critical(ErrorCode.MEDIA_SOURCE_UNAVAILABLE, "none"), OutputPath.MSE, 0, all))
        .as("no MediaSource at all: a new one would not help").isFalse();
    assertThat(PathPolicy.failedAt(decode, 2.1)).isEqualTo(2.488);
    assertThat(PathPolicy.failedAt(decode, 3.0)).as("the later of the two").isEqualTo(3.0);
    assertThat(PathPolicy.failedAt(PlayerException.critical(ErrorCode.MEDIA_SOURCE_FAILED, "append failed"), 1.5))
        .isEqualTo(1.5);
    assertThat(PathPolicy.failedAt(PlayerException.critical(ErrorCode.MEDIA_SOURCE_FAILED, "timestamp=99999999999999999999"), 1))
        .as("a number too long for the field is cut, never a crash").isGreaterThan(1);
  }
}
