package dev.oolong.manifest.hls;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An HLS attribute list (RFC 8216bis 4.2): {@code NAME=VALUE} pairs separated by commas, a value
 * being a quoted string, a hexadecimal sequence, a number, a resolution or an enumerated string.
 * Values are kept as written (quotes removed); the typed getters say when one is malformed.
 */
final class AttributeList {
  /** Attributes a tag may carry at most (far more than any tag defines). */
  static final int MAX_ATTRIBUTES = 64;

  private final Map<String, String> values = new LinkedHashMap<>();

  private AttributeList() {}

  /** Thrown for a list that does not follow the syntax; the parser turns it into a MANIFEST error. */
  static final class Malformed extends Exception {
    Malformed(String reason) {
      super(reason, null, false, false);
    }
  }

  static AttributeList parse(String s) throws Malformed {
    AttributeList list = new AttributeList();
    int i = 0;
    int n = s.length();
    int count = 0;
    while (i < n) {
      int eq = s.indexOf('=', i);
      if (eq <= i) {
        throw new Malformed("attribute without a name or value at '" + clip(s.substring(i)) + "'");
      }
      String name = s.substring(i, eq).trim();
      for (int k = 0; k < name.length(); k++) {
        char c = name.charAt(k);
        if (!(c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-')) {
          throw new Malformed("attribute name '" + clip(name) + "'");
        }
      }
      int v = eq + 1;
      String value;
      if (v < n && s.charAt(v) == '"') {
        int close = s.indexOf('"', v + 1);
        if (close < 0) {
          throw new Malformed("unterminated quoted string in " + name);
        }
        value = s.substring(v + 1, close);
        i = close + 1;
        while (i < n && s.charAt(i) == ' ') {
          i++;
        }
        if (i < n && s.charAt(i) != ',') {
          throw new Malformed("text after the quoted value of " + name);
        }
      } else {
        int comma = s.indexOf(',', v);
        int end = comma < 0 ? n : comma;
        value = s.substring(v, end).trim();
        i = end;
      }
      if (++count > MAX_ATTRIBUTES) {
        throw new Malformed("more than " + MAX_ATTRIBUTES + " attributes");
      }
      list.values.putIfAbsent(name, value);
      if (i < n) {
        i++; // the comma
      }
    }
    return list;
  }

  private static String clip(String s) {
    return s.length() > 40 ? s.substring(0, 40) + "…" : s;
  }

  boolean has(String name) {
    return values.containsKey(name);
  }

  /** The value as written, or null. */
  String string(String name) {
    return values.get(name);
  }

  /** The value, which must be present. */
  String required(String name) throws Malformed {
    String v = values.get(name);
    if (v == null) {
      throw new Malformed("missing " + name);
    }
    return v;
  }

  /** A decimal integer, or {@code fallback} when absent. */
  long integer(String name, long fallback) throws Malformed {
    String v = values.get(name);
    if (v == null) {
      return fallback;
    }
    if (v.isEmpty() || v.length() > 20) {
      throw new Malformed(name + "=" + clip(v) + " is not a decimal integer");
    }
    long x = 0;
    for (int k = 0; k < v.length(); k++) {
      char c = v.charAt(k);
      if (c < '0' || c > '9' || x > (Long.MAX_VALUE - 9) / 10) {
        throw new Malformed(name + "=" + clip(v) + " is not a decimal integer");
      }
      x = x * 10 + (c - '0');
    }
    return x;
  }

  /** A decimal floating-point number (finite, not negative unless {@code signed}), or {@code fallback}. */
  double decimal(String name, double fallback, boolean signed) throws Malformed {
    String v = values.get(name);
    if (v == null) {
      return fallback;
    }
    double d = number(v);
    if (Double.isNaN(d) || Double.isInfinite(d) || d < 0 && !signed) {
      throw new Malformed(name + "=" + clip(v) + " is not a decimal number");
    }
    return d;
  }

  /** {@code YES} / {@code NO} (anything else is malformed), or {@code fallback}. */
  boolean yesNo(String name, boolean fallback) throws Malformed {
    String v = values.get(name);
    if (v == null) {
      return fallback;
    }
    if (v.equals("YES")) {
      return true;
    }
    if (v.equals("NO")) {
      return false;
    }
    throw new Malformed(name + "=" + clip(v) + " is neither YES nor NO");
  }

  /** A resolution {@code WxH} as {width, height}, or null when absent. */
  int[] resolution(String name) throws Malformed {
    String v = values.get(name);
    if (v == null) {
      return null;
    }
    int x = v.indexOf('x');
    if (x <= 0) {
      throw new Malformed(name + "=" + clip(v) + " is not a resolution");
    }
    long w = integerOf(name, v.substring(0, x));
    long h = integerOf(name, v.substring(x + 1));
    if (w > 65535 || h > 65535) {
      throw new Malformed(name + "=" + clip(v) + " is not a plausible resolution");
    }
    return new int[] {(int) w, (int) h};
  }

  /** A hexadecimal sequence ({@code 0x...}) of exactly {@code bytes} bytes (fewer digits are zero-padded on the left). */
  byte[] hex(String name, int bytes) throws Malformed {
    String v = values.get(name);
    if (v == null) {
      return null;
    }
    if (!(v.startsWith("0x") || v.startsWith("0X")) || v.length() <= 2 || v.length() > 2 + 2 * bytes) {
      throw new Malformed(name + "=" + clip(v) + " is not a " + bytes + "-byte hexadecimal value");
    }
    byte[] out = new byte[bytes];
    String digits = v.substring(2);
    for (int k = 0; k < digits.length(); k++) {
      int d = Character.digit(digits.charAt(digits.length() - 1 - k), 16);
      if (d < 0) {
        throw new Malformed(name + "=" + clip(v) + " is not hexadecimal");
      }
      out[bytes - 1 - k / 2] |= (byte) (k % 2 == 0 ? d : d << 4);
    }
    return out;
  }

  private static long integerOf(String name, String v) throws Malformed {
    AttributeList one = new AttributeList();
    one.values.put(name, v);
    return one.integer(name, 0);
  }

  /** A decimal number as HLS writes it (digits, one point, an optional sign); NaN when not one. */
  static double number(String v) {
    if (v.isEmpty() || v.length() > 32) {
      return Double.NaN;
    }
    boolean point = false;
    boolean digit = false;
    for (int k = 0; k < v.length(); k++) {
      char c = v.charAt(k);
      if (c >= '0' && c <= '9') {
        digit = true;
      } else if (c == '.' && !point) {
        point = true;
      } else if (!(c == '-' && k == 0)) {
        return Double.NaN;
      }
    }
    return digit ? Double.parseDouble(v) : Double.NaN;
  }
}
