package dev.oolong.extractor;

/**
 * Test helper: extracts an in-memory file in 64 kB deliveries (following the extractor's own
 * seeks), waits for a seekable map, then seeks to a time and records every packet from there to
 * the end.
 */
final class SeekRun {
  private SeekRun() {}

  /**
   * The outcome: the seek point used, what came after it (null when never seekable), and how
   * many times the extractor moved the reading after the seek (its probes).
   */
  record Result(SeekMap.SeekPoint point, PacketRecorder packets, int moves) {}

  static Result seek(byte[] file, long targetUs) throws Exception {
    return seek(file, targetUs, false);
  }

  /** The same, after reading the whole file first when {@code readAll} (a seek back). */
  static Result seek(byte[] file, long targetUs, boolean readAll) throws Exception {
    PacketRecorder rec = new PacketRecorder();
    Extractor extractor = Extractors.sniff(fullInput(file));
    BufferedExtractorInput input = new BufferedExtractorInput(0, file.length);
    extractor.init(rec);
    ExtractorDriver driver = new ExtractorDriver(extractor, input);
    // Until a seekable map is known (fragmented MP4: after its sidx or mfra; TS/Ogg: a second in).
    while ((rec.seekMap() == null || !rec.seekMap().isSeekable()) && step(driver, input, file)) {
      // more
    }
    if (rec.seekMap() == null || !rec.seekMap().isSeekable()) {
      return null;
    }
    while (readAll && step(driver, input, file)) {
      // to the end
    }
    SeekMap.SeekPoint point = rec.seekMap().getSeekPoint(targetUs);
    extractor.seek(point.position(), point.timeUs());
    input.reset(point.position());
    rec.packets().clear();
    int moves = 0;
    int r;
    while ((r = stepResult(driver, input, file)) != ExtractorDriver.END) {
      if (r == ExtractorDriver.SEEK) {
        moves++;
      }
    }
    return new Result(point, rec, moves);
  }

  private static BufferedExtractorInput fullInput(byte[] file) {
    BufferedExtractorInput in = new BufferedExtractorInput(0, file.length);
    in.append(file, 0, file.length);
    in.setEndOfInput();
    return in;
  }

  /** One pump; feeds 64 kB or follows a seek. Returns false at the end. */
  private static boolean step(ExtractorDriver driver, BufferedExtractorInput input, byte[] file)
      throws Exception {
    return stepResult(driver, input, file) != ExtractorDriver.END;
  }

  /** One pump; feeds 64 kB or follows a seek; the driver's result. */
  private static int stepResult(ExtractorDriver driver, BufferedExtractorInput input, byte[] file)
      throws Exception {
    int r = driver.pump();
    if (r == ExtractorDriver.END) {
      return r;
    }
    if (r == ExtractorDriver.SEEK) {
      input.reset(driver.seekPosition());
    } else {
      long at = input.writePosition();
      int n = (int) Math.min(65536, file.length - at);
      if (n <= 0) {
        input.setEndOfInput();
      } else {
        input.append(file, (int) at, n);
      }
    }
    return r;
  }
}
