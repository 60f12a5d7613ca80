package dev.oolong.extractor.flv;

import dev.oolong.util.ParsableByteArray;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A bounded AMF0 reader for FLV script data ({@code onMetaData}): numbers, booleans, strings,
 * objects, ECMA and strict arrays, dates. Nesting and element counts are limited, and every read
 * is checked against the tag's bytes, so hostile metadata ends in an exception, never a hang.
 */
final class Amf0 {
  static final int MAX_DEPTH = 16;
  static final int MAX_ELEMENTS = 1 << 20;

  private int elements;

  /** Reads one value: Double, Boolean, String, Map, List, or null. */
  Object read(ParsableByteArray b, int depth) {
    if (depth > MAX_DEPTH || ++elements > MAX_ELEMENTS) {
      throw new IndexOutOfBoundsException("AMF0 data nested or sized beyond the limits");
    }
    int type = b.readUnsignedByte();
    switch (type) {
      case 0:
        return Double.longBitsToDouble(b.readLong());
      case 1:
        return b.readUnsignedByte() != 0;
      case 2:
        return string(b, b.readUnsignedShort());
      case 3:
        return object(b, depth);
      case 5:
      case 6:
        return null;
      case 8:
        b.skip(4); // approximate count; the end marker is what counts
        return object(b, depth);
      case 10: {
        long n = b.readUnsignedInt();
        if (n > b.bytesLeft()) {
          throw new IndexOutOfBoundsException("strict array of " + n + " in " + b.bytesLeft() + " bytes");
        }
        List<Object> list = new ArrayList<>();
        for (long i = 0; i < n; i++) {
          list.add(read(b, depth + 1));
        }
        return list;
      }
      case 11: {
        double ms = Double.longBitsToDouble(b.readLong());
        b.skip(2);
        return ms;
      }
      case 12:
        return string(b, (int) Math.min(Integer.MAX_VALUE, b.readUnsignedInt()));
      default:
        throw new IndexOutOfBoundsException("AMF0 type " + type);
    }
  }

  private Map<String, Object> object(ParsableByteArray b, int depth) {
    Map<String, Object> map = new LinkedHashMap<>();
    while (true) {
      String key = string(b, b.readUnsignedShort());
      if (key.isEmpty() && b.bytesLeft() > 0 && (b.data()[b.position()] & 0xFF) == 9) {
        b.skip(1);
        return map;
      }
      map.put(key, read(b, depth + 1));
    }
  }

  private static String string(ParsableByteArray b, int length) {
    byte[] bytes = new byte[Math.min(length, b.bytesLeft() + 1)];
    b.readBytes(bytes, 0, length);
    return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
  }
}
