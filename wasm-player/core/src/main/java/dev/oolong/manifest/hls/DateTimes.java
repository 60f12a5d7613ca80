package dev.oolong.manifest.hls;

/**
 * ISO 8601 date and time as HLS writes them ({@code EXT-X-PROGRAM-DATE-TIME}, {@code
 * EXT-X-DATERANGE}): {@code YYYY-MM-DDThh:mm:ss[.fraction](Z|±hh:mm|±hhmm|±hh)}, to milliseconds
 * since the epoch. Written here to keep {@code java.time} out of the engine; tested against it.
 */
final class DateTimes {
  private DateTimes() {}

  /** Milliseconds since the epoch, or {@code Long.MIN_VALUE} when {@code s} is not such a time. */
  static long parseMs(String s) {
    if (s.length() < 19 || s.length() > 40 || s.charAt(4) != '-' || s.charAt(7) != '-'
        || "Tt ".indexOf(s.charAt(10)) < 0 || s.charAt(13) != ':' || s.charAt(16) != ':') {
      return Long.MIN_VALUE;
    }
    int year = digits(s, 0, 4);
    int month = digits(s, 5, 2);
    int day = digits(s, 8, 2);
    int hour = digits(s, 11, 2);
    int minute = digits(s, 14, 2);
    int second = digits(s, 17, 2);
    if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 || hour > 23
        || minute < 0 || minute > 59 || second < 0 || second > 60) {
      return Long.MIN_VALUE;
    }
    int p = 19;
    long millis = 0;
    if (p < s.length() && (s.charAt(p) == '.' || s.charAt(p) == ',')) {
      p++;
      int start = p;
      long scale = 100;
      while (p < s.length() && Character.isDigit(s.charAt(p))) {
        millis += (s.charAt(p) - '0') * scale;
        scale /= 10;
        p++;
      }
      if (p == start) {
        return Long.MIN_VALUE;
      }
    }
    long offsetMinutes;
    if (p == s.length()) {
      offsetMinutes = 0; // no zone: taken as UTC, as players do
    } else if ((s.charAt(p) == 'Z' || s.charAt(p) == 'z') && p + 1 == s.length()) {
      offsetMinutes = 0;
    } else if (s.charAt(p) == '+' || s.charAt(p) == '-') {
      int sign = s.charAt(p) == '-' ? -1 : 1;
      String zone = s.substring(p + 1);
      int h;
      int m = 0;
      if (zone.length() == 2) {
        h = digits(zone, 0, 2);
      } else if (zone.length() == 4) {
        h = digits(zone, 0, 2);
        m = digits(zone, 2, 2);
      } else if (zone.length() == 5 && zone.charAt(2) == ':') {
        h = digits(zone, 0, 2);
        m = digits(zone, 3, 2);
      } else {
        return Long.MIN_VALUE;
      }
      if (h < 0 || h > 23 || m < 0 || m > 59) {
        return Long.MIN_VALUE;
      }
      offsetMinutes = sign * (h * 60L + m);
    } else {
      return Long.MIN_VALUE;
    }
    long days = daysFromCivil(year, month, day);
    long seconds = ((days * 24 + hour) * 60 + minute) * 60 + second - offsetMinutes * 60;
    return seconds * 1000 + millis;
  }

  /** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm). */
  static long daysFromCivil(long y, int m, int d) {
    y -= m <= 2 ? 1 : 0;
    long era = Math.floorDiv(y, 400);
    long yoe = y - era * 400;
    long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
  }

  private static int digits(String s, int at, int n) {
    int v = 0;
    for (int i = at; i < at + n; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }
}
