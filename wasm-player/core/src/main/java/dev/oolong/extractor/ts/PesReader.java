package dev.oolong.extractor.ts;

import dev.oolong.PlayerException;
import dev.oolong.util.TimestampUnwrapper;

/**
 * Reassembles PES packets (ISO/IEC 13818-1 2.4.3.6) from TS payloads of one PID and hands their
 * payload and timestamps (33-bit, unwrapped) to an {@link EsReader}. A packet ends at the next
 * payload_unit_start, or as soon as its PES_packet_length is reached.
 */
final class PesReader {
  private static final int MAX_HEADER = 9 + 255;

  /** Told when a PES packet with a PTS starts (ticks of 90 kHz, unwrapped). */
  interface StartListener {
    void started(long pts);
  }

  private final EsReader reader;
  private final StartListener onStart;
  private final TimestampUnwrapper ptsClock = new TimestampUnwrapper(33);
  private final TimestampUnwrapper dtsClock = new TimestampUnwrapper(33);
  private final byte[] header = new byte[MAX_HEADER];
  private int headerSize;
  private int headerNeeded;
  private boolean inPacket;
  private boolean headerDone;
  private long payloadRemaining; // -1: unbounded (PES_packet_length 0)

  PesReader(EsReader reader, StartListener onStart) {
    this.reader = reader;
    this.onStart = onStart;
  }

  EsReader reader() {
    return reader;
  }

  void consume(byte[] d, int offset, int end, boolean unitStart) throws PlayerException {
    if (unitStart) {
      if (inPacket && headerDone) {
        reader.packetFinished();
      }
      inPacket = true;
      headerDone = false;
      headerSize = 0;
      headerNeeded = 9;
    }
    if (!inPacket) {
      return; // joined mid-packet: wait for the next unit start
    }
    int p = offset;
    while (!headerDone && p < end) {
      int n = Math.min(headerNeeded - headerSize, end - p);
      System.arraycopy(d, p, header, headerSize, n);
      headerSize += n;
      p += n;
      if (headerSize == headerNeeded) {
        if (headerNeeded == 9) {
          if (header[0] != 0 || header[1] != 0 || header[2] != 1) {
            inPacket = false; // not a PES start code: skip this unit
            return;
          }
          headerNeeded = 9 + (header[8] & 0xFF);
          if (headerNeeded > 9) {
            continue;
          }
        }
        startPacket();
      }
    }
    if (headerDone && p < end) {
      int n = end - p;
      if (payloadRemaining >= 0) {
        n = (int) Math.min(n, payloadRemaining);
        payloadRemaining -= n;
      }
      reader.consume(d, p, n);
      if (payloadRemaining == 0) {
        reader.packetFinished();
        inPacket = false;
      }
    }
  }

  private void startPacket() {
    headerDone = true;
    int length = (header[4] & 0xFF) << 8 | (header[5] & 0xFF);
    payloadRemaining = length == 0 ? -1 : Math.max(0, length - 3 - (header[8] & 0xFF));
    int flags = (header[7] & 0xFF) >> 6;
    long pts = -1;
    long dts = -1;
    if ((flags & 2) != 0 && headerSize >= 14) {
      pts = ptsClock.unwrap(readTimestamp(9));
      if (flags == 3 && headerSize >= 19) {
        dts = dtsClock.unwrap(readTimestamp(14));
      }
    }
    if (pts >= 0) {
      onStart.started(pts);
    }
    reader.packetStarted(pts, dts);
  }

  private long readTimestamp(int p) {
    return ((long) (header[p] & 0x0E) << 29) | ((header[p + 1] & 0xFF) << 22)
        | ((header[p + 2] & 0xFE) << 14) | ((header[p + 3] & 0xFF) << 7) | ((header[p + 4] & 0xFE) >> 1);
  }

  void discontinuity() {
    inPacket = false;
    reader.discontinuity();
  }

  /** A seek: nothing in progress survives. */
  void reset() {
    inPacket = false;
    reader.reset();
  }

  void endOfStream() throws PlayerException {
    if (inPacket && headerDone) {
      if (payloadRemaining > 0) {
        reader.discontinuity(); // the input ended inside a packet of known length
      } else {
        reader.packetFinished();
      }
    }
    inPacket = false;
    reader.endOfStream();
  }
}
