package dev.oolong.util;

/**
 * A minimal JSON writer for the engine's wire messages (the engine does not read JSON here).
 * Keys are written in insertion order; strings are escaped per RFC 8259.
 */
public final class Json {
  private Json() {}

  public static ObjectWriter object() {
    return new ObjectWriter();
  }

  public static ArrayWriter array() {
    return new ArrayWriter();
  }

  /** Appends {@code s} as a JSON string literal. */
  public static void quote(StringBuilder sb, String s) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20 || c == 0x2028 || c == 0x2029) {
            String hex = Integer.toHexString(c);
            sb.append("\\u");
            for (int p = hex.length(); p < 4; p++) {
              sb.append('0');
            }
            sb.append(hex);
          } else {
            sb.append(c);
          }
        }
      }
    }
    sb.append('"');
  }

  /** Writes a JSON object. */
  public static final class ObjectWriter {
    private final StringBuilder sb = new StringBuilder("{");
    private boolean first = true;

    private StringBuilder key(String key) {
      if (!first) {
        sb.append(',');
      }
      first = false;
      quote(sb, key);
      return sb.append(':');
    }

    public ObjectWriter put(String key, String value) {
      if (value == null) {
        key(key).append("null");
      } else {
        quote(key(key), value);
      }
      return this;
    }

    public ObjectWriter put(String key, long value) {
      key(key).append(value);
      return this;
    }

    public ObjectWriter put(String key, boolean value) {
      key(key).append(value);
      return this;
    }

    /** Writes a double; NaN and infinities (not JSON) become null. */
    public ObjectWriter put(String key, double value) {
      if (Double.isNaN(value) || Double.isInfinite(value)) {
        key(key).append("null");
      } else {
        key(key).append(value);
      }
      return this;
    }

    /** Writes already-serialised JSON as the value. */
    public ObjectWriter putRaw(String key, String json) {
      key(key).append(json);
      return this;
    }

    @Override
    public String toString() {
      return sb + "}";
    }
  }

  /** Writes a JSON array of already-serialised values. */
  public static final class ArrayWriter {
    private final StringBuilder sb = new StringBuilder("[");
    private boolean first = true;

    public ArrayWriter addRaw(String json) {
      if (!first) {
        sb.append(',');
      }
      first = false;
      sb.append(json);
      return this;
    }

    @Override
    public String toString() {
      return sb + "]";
    }
  }
}
