package dev.oolong.extractor.audio;

import dev.oolong.codec.MpegAudioHeader;
import dev.oolong.extractor.IndexSeekMap;
import dev.oolong.extractor.SeekMap;
import dev.oolong.media.Times;

/**
 * Seek maps from an MP3 file's header frame: the Xing/Info tag's table of contents (100
 * entries, each the position of a percentage of the duration in 1/256ths of the file) or the
 * VBRI tag's table (byte counts per group of frames). Both are estimates of where a time is; the
 * extractor then counts time on from the point's time.
 */
final class Mp3SeekMaps {
  private Mp3SeekMaps() {}

  /**
   * The map of a header frame at {@code position}, or null when it has no usable table.
   *
   * @param frame the header frame's bytes
   */
  static SeekMap fromHeaderFrame(byte[] frame, int length, long position, long inputLength) {
    MpegAudioHeader h = MpegAudioHeader.parse(frame, 0);
    if (h == null) {
      return null;
    }
    int side = h.version() == 1 ? (h.channels() == 1 ? 17 : 32) : (h.channels() == 1 ? 9 : 17);
    int xing = 4 + side;
    if (xing + 8 <= length && (tag(frame, xing, "Xing") || tag(frame, xing, "Info"))) {
      return xing(frame, length, xing, h, position, inputLength);
    }
    if (36 + 26 <= length && tag(frame, 36, "VBRI")) {
      return vbri(frame, length, h, position, inputLength);
    }
    return null;
  }

  private static SeekMap xing(byte[] f, int length, int p, MpegAudioHeader h, long position,
      long inputLength) {
    int flags = (int) be(f, p + 4, 4);
    p += 8;
    if ((flags & 1) == 0 || (flags & 4) == 0) {
      return null; // no frame count or no table
    }
    long frames = be(f, p, 4);
    p += 4;
    long bytes = inputLength > position ? inputLength - position : 0;
    if ((flags & 2) != 0) {
      bytes = be(f, p, 4);
      p += 4;
    }
    if (p + 100 > length || frames == 0 || bytes <= 0) {
      return null;
    }
    int[] toc = new int[100];
    for (int i = 0; i < 100; i++) {
      toc[i] = f[p + i] & 0xFF;
    }
    long durationUs = Times.ticksToUs(frames * h.samplesPerFrame(), h.sampleRate());
    return new XingMap(position, h.frameSize(), bytes, durationUs, toc);
  }

  private static SeekMap vbri(byte[] f, int length, MpegAudioHeader h, long position,
      long inputLength) {
    int p = 36 + 4 + 6; // tag, version, delay, quality
    long frames = be(f, p + 4, 4);
    int entries = (int) be(f, p + 8, 2);
    int scale = (int) be(f, p + 10, 2);
    int entrySize = (int) be(f, p + 12, 2);
    int framesPerEntry = (int) be(f, p + 14, 2);
    p += 16;
    if (frames == 0 || entries == 0 || entrySize < 1 || entrySize > 4
        || p + (long) entries * entrySize > length) {
      return null;
    }
    long[] times = new long[entries + 1];
    long[] positions = new long[entries + 1];
    long at = position + h.frameSize();
    for (int i = 0; i <= entries; i++) {
      times[i] = Times.ticksToUs((long) i * framesPerEntry * h.samplesPerFrame(), h.sampleRate());
      positions[i] = at;
      if (i < entries) {
        at += be(f, p + i * entrySize, entrySize) * scale;
      }
    }
    long durationUs = Times.ticksToUs(frames * h.samplesPerFrame(), h.sampleRate());
    return new IndexSeekMap(times, positions, durationUs);
  }

  /** The Xing table of contents, interpolated between entries. */
  private record XingMap(long position, int frameSize, long bytes, long durationUs, int[] toc)
      implements SeekMap {
    @Override
    public boolean isSeekable() {
      return true;
    }

    @Override
    public long getDurationUs() {
      return durationUs;
    }

    @Override
    public SeekPoint getSeekPoint(long timeUs) {
      if (timeUs <= 0) {
        return new SeekPoint(0, position + frameSize);
      }
      double percent = Math.min(100.0, timeUs * 100.0 / durationUs);
      int i = (int) percent;
      double a = i >= 100 ? 256 : toc[i];
      double b = i >= 99 ? 256 : toc[i + 1];
      double fraction = (a + (percent - i) * (b - a)) / 256.0;
      long offset = Math.max(frameSize, Math.min(bytes - 1, Math.round(fraction * bytes)));
      return new SeekPoint(Math.min(timeUs, durationUs), position + offset);
    }
  }

  private static boolean tag(byte[] f, int at, String tag) {
    for (int i = 0; i < 4; i++) {
      if (f[at + i] != tag.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  private static long be(byte[] f, int p, int n) {
    long v = 0;
    for (int i = 0; i < n; i++) {
      v = v << 8 | (f[p + i] & 0xFF);
    }
    return v;
  }
}
