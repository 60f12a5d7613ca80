package dev.oolong.extractor.ts;

import dev.oolong.PlayerException;

/** Turns the PES payloads of one elementary stream into samples. */
interface EsReader {
  /** A PES packet starts; its timestamps in 90 kHz ticks (unwrapped), or -1 when absent. */
  void packetStarted(long pts, long dts);

  /** Payload bytes of the current PES packet. */
  void consume(byte[] data, int offset, int length) throws PlayerException;

  /** The current PES packet is complete. */
  void packetFinished() throws PlayerException;

  /**
   * Bytes of the current PES packet were lost (continuity counter, or the input ended inside a
   * packet of known length): drop that packet's partial data; units completed before it stay.
   */
  void discontinuity();

  /** A seek: forget everything in progress, complete units included. */
  default void reset() {
    discontinuity();
  }

  /** The input ended: emit what is complete. */
  void endOfStream() throws PlayerException;

  /** Times the stream's own framing was lost and found again (bytes skipped between frames). */
  default long resyncs() {
    return 0;
  }

  /** Units of the stream found damaged and left out (NAL units, access units left empty). */
  default long damaged() {
    return 0;
  }
}
