package dev.oolong.extractor.mp4;

import dev.oolong.ErrorCode;
import dev.oolong.PlayerException;

/** Walks the child boxes of a box body held in memory. */
final class Boxes {

  /** Receives one child: its type and the bounds of its body within the array. */
  interface ChildVisitor {
    void visit(int type, int bodyStart, int bodyEnd) throws PlayerException;
  }

  private Boxes() {}

  /**
   * Visits each box in {@code data[start, end)}. A size of 0 means "to the end of the parent",
   * a size of 1 a 64-bit size. A box that claims more than its parent holds is malformed.
   *
   * @param fileOffset the file offset of {@code data[0]}, for error data
   */
  static void children(byte[] data, int start, int end, long fileOffset, ChildVisitor visitor)
      throws PlayerException {
    int pos = start;
    while (end - pos >= 8) {
      long size = readUnsignedInt(data, pos);
      int type = (int) readUnsignedInt(data, pos + 4);
      int header = 8;
      if (size == 1) {
        if (end - pos < 16) {
          throw malformed(fileOffset + pos, "64-bit box size cut off");
        }
        size = readUnsignedInt(data, pos + 8) << 32 | readUnsignedInt(data, pos + 12);
        header = 16;
      } else if (size == 0) {
        size = end - pos;
      }
      if (size < header || size > end - pos) {
        throw malformed(fileOffset + pos,
            "box '" + BoxTypes.name(type) + "' has size " + size + " but its parent holds " + (end - pos));
      }
      visitor.visit(type, pos + header, pos + (int) size);
      pos += (int) size;
    }
  }

  /** The first byte of the box whose body is {@code data[bodyStart, bodyEnd)} (8- or 16-byte header). */
  static int boxStart(byte[] data, int bodyStart, int bodyEnd) {
    long size = bodyStart >= 8 ? readUnsignedInt(data, bodyStart - 8) : -1;
    return size == bodyEnd - bodyStart + 8 || size == 0 || bodyStart < 16 ? bodyStart - 8 : bodyStart - 16;
  }

  static long readUnsignedInt(byte[] data, int pos) {
    return ((data[pos] & 0xFFL) << 24) | ((data[pos + 1] & 0xFF) << 16)
        | ((data[pos + 2] & 0xFF) << 8) | (data[pos + 3] & 0xFF);
  }

  static PlayerException malformed(long offset, String reason) {
    return dev.oolong.extractor.ContainerErrors.malformed("MP4", offset, reason);
  }
}
