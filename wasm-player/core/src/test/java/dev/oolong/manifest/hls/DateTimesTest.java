package dev.oolong.manifest.hls;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link DateTimes#parseMs} against {@code java.time}. */
class DateTimesTest {
  @ParameterizedTest
  @ValueSource(strings = {"2026-12-07T10:00:00Z", "2026-12-07T10:00:00.123Z", "2019-02-14T02:13:36.106+00:00",
      "2000-02-29T23:59:59.999-05:30", "1970-01-01T00:00:00Z", "2038-01-19T03:14:08+01:00", "1969-12-31T23:59:59.5Z"})
  void agreesWithJavaTime(String s) {
    assertThat(DateTimes.parseMs(s)).isEqualTo(OffsetDateTime.parse(s).toInstant().toEpochMilli());
  }

  @Test
  void agreesWithJavaTimeOnRandomInstants() {
    Random r = new Random(7);
    DateTimeFormatter f = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX");
    for (int i = 0; i < 2000; i++) {
      long ms = (long) (r.nextDouble() * 4_000_000_000_000L) - 1_000_000_000_000L;
      int offsetMinutes = (r.nextInt(27 * 4) - 12 * 4) * 15;
      OffsetDateTime t = java.time.Instant.ofEpochMilli(ms)
          .atOffset(java.time.ZoneOffset.ofTotalSeconds(offsetMinutes * 60));
      assertThat(DateTimes.parseMs(f.format(t))).as(f.format(t)).isEqualTo(ms);
    }
  }

  @Test
  void otherZoneFormsAndNonsense() {
    long utc = OffsetDateTime.parse("2026-12-07T10:00:00Z").toInstant().toEpochMilli();
    assertThat(DateTimes.parseMs("2026-12-07T11:00:00+0100")).isEqualTo(utc);
    assertThat(DateTimes.parseMs("2026-12-07T11:00:00+01")).isEqualTo(utc);
    assertThat(DateTimes.parseMs("2026-12-07T10:00:00")).as("no zone: UTC").isEqualTo(utc);
    for (String bad : new String[] {"", "yesterday", "2026-13-07T10:00:00Z", "2026-12-07T25:00:00Z",
        "2026-12-07T10:00:00.Z", "2026-12-07T10:00:00+1", "2026-12-07T10:00:00Zjunk", "2026/12/07T10:00:00Z"}) {
      assertThat(DateTimes.parseMs(bad)).as(bad).isEqualTo(Long.MIN_VALUE);
    }
  }
}
