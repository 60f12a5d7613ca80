package dev.oolong.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oolong.C;
import dev.oolong.ErrorCode;
import dev.oolong.PlayerException;
import org.junit.jupiter.api.Test;

class HttpResponsesTest {
  private final DataSpec at100 = new DataSpec("http://x/a.mp4", 100, 50);

  @Test
  void partialContentMustStartWhereAsked() throws Exception {
    assertThat(HttpResponses.accept(at100, 206, "bytes 100-149/1000", 50))
        .isEqualTo(new HttpResponses.Accepted(1000, 0));
    assertThatThrownBy(() -> HttpResponses.accept(at100, 206, "bytes 0-49/1000", 50))
        .isInstanceOfSatisfying(PlayerException.class,
            e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.NETWORK_BAD_RANGE));
  }

  @Test
  void aServerThatIgnoresRangesIsSkippedThrough() throws Exception {
    assertThat(HttpResponses.accept(at100, 200, null, 1000))
        .isEqualTo(new HttpResponses.Accepted(1000, 100));
  }

  @Test
  void errorStatusesAreTyped() {
    assertThatThrownBy(() -> HttpResponses.accept(at100, 404, null, -1))
        .isInstanceOfSatisfying(PlayerException.class, e -> {
          assertThat(e.errorCode()).isEqualTo(ErrorCode.NETWORK_BAD_HTTP_STATUS);
          assertThat(e.data()).containsEntry("status", "404");
        });
    assertThatThrownBy(() -> HttpResponses.accept(at100, 416, "bytes */10", -1))
        .isInstanceOfSatisfying(PlayerException.class,
            e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.NETWORK_BAD_RANGE));
  }

  @Test
  void contentRangeParsing() {
    assertThat(HttpResponses.parseContentRange("bytes 0-99/1000")).containsExactly(0, 99, 1000);
    assertThat(HttpResponses.parseContentRange("bytes 5-9/*")).containsExactly(5, 9, C.LENGTH_UNSET);
    assertThat(HttpResponses.parseContentRange("bytes 9-5/100")).isNull();
    assertThat(HttpResponses.parseContentRange("bytes 0-100/100")).isNull();
    assertThat(HttpResponses.parseContentRange("items 0-1/2")).isNull();
    assertThat(HttpResponses.parseContentRange("bytes x-1/2")).isNull();
  }

  @Test
  void rangeHeader() {
    assertThat(at100.rangeHeader()).isEqualTo("bytes=100-149");
    assertThat(new DataSpec("u", 7, C.LENGTH_UNSET).rangeHeader()).isEqualTo("bytes=7-");
    assertThat(DataSpec.whole("u").rangeHeader()).isNull();
  }
}
