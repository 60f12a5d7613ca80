package dev.oolong.extractor;

import dev.oolong.PlayerException;
import dev.oolong.upstream.ByteArrayDataSource;
import dev.oolong.util.Json;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * Extraction summaries and throughput measurement, the same on the JVM (tests, JMH) and in the
 * wasm engine (e2e tests and benchmarks), so their results can be compared directly.
 */
public final class Diagnostics {
  private Diagnostics() {}

  /** A JSON summary of a finished extraction: packets, bytes, streams and the dump's CRC-32. */
  public static String summary(PacketRecorder rec, double elapsedMs) {
    CRC32 crc = new CRC32();
    crc.update(rec.dump().getBytes(StandardCharsets.UTF_8));
    long bytes = 0;
    for (PacketRecorder.Packet p : rec.packets()) {
      bytes += p.size();
    }
    return Json.object()
        .put("packets", rec.packets().size())
        .put("streams", rec.tracks().size())
        .put("bytes", bytes)
        .put("dumpCrc", Long.toHexString(crc.getValue()))
        .put("ms", elapsedMs)
        .toString();
  }

  /**
   * Extracts {@code data} from memory once (synchronously).
   *
   * @return the output, for its counters
   */
  public static CountingOutput extractOnce(byte[] data) throws PlayerException {
    CountingOutput out = new CountingOutput();
    PlayerException[] error = {null};
    new ExtractionLoader(new ByteArrayDataSource(data, 64 * 1024), "memory", out,
        new ExtractionLoader.Callback() {
          @Override
          public void onEnd() {}

          @Override
          public void onError(PlayerException e) {
            error[0] = e;
          }
        }).start();
    if (error[0] != null) {
      throw error[0];
    }
    return out;
  }
}
