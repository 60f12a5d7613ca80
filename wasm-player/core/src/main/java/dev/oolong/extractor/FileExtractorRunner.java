package dev.oolong.extractor;

import dev.oolong.C;
import dev.oolong.ErrorCode;
import dev.oolong.PlayerException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;

/**
 * Runs an extractor over a local file on the JVM, feeding it the way a network would: in chunks
 * of a chosen size (1 byte makes "need more data" happen at every byte boundary), with or without
 * the file's length, honouring the extractor's seeks. Not compiled into the wasm engine.
 */
public final class FileExtractorRunner {
  /** Seeks allowed per run before the input is declared a seek loop. */
  static final int MAX_SEEKS = 1_000_000;

  private FileExtractorRunner() {}

  /**
   * Sniffs and extracts {@code file} into {@code output}.
   *
   * @param chunkSize bytes delivered per "network" read
   * @param knownLength whether the extractor is told the file's length
   */
  public static void run(Path file, ExtractorOutput output, int chunkSize, boolean knownLength)
      throws PlayerException {
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
      long length = raf.length();
      BufferedExtractorInput input = new BufferedExtractorInput(0, knownLength ? length : C.LENGTH_UNSET);
      byte[] chunk = new byte[chunkSize];
      Extractor extractor = null;
      while (extractor == null) {
        try {
          extractor = Extractors.sniff(input);
          if (extractor == null) {
            throw PlayerException.critical(ErrorCode.CONTAINER_UNRECOGNIZED,
                "No extractor recognises " + file, "url", file.toString());
          }
        } catch (NeedMoreDataException e) {
          feed(raf, input, chunk, length);
        }
      }
      extractor.init(output);
      ExtractorDriver driver = new ExtractorDriver(extractor, input);
      int seeks = 0;
      while (true) {
        int r = driver.pump();
        if (r == ExtractorDriver.END) {
          break;
        } else if (r == ExtractorDriver.SEEK) {
          if (++seeks > MAX_SEEKS) {
            throw PlayerException.critical(ErrorCode.CONTAINER_MALFORMED, "Too many seeks",
                "offset", driver.seekPosition(), "reason", "seek loop");
          }
          input.reset(driver.seekPosition());
          if (driver.seekPosition() >= length) {
            input.setEndOfInput();
          }
        } else {
          if (input.isEndOfInputKnown()) {
            throw new IllegalStateException("extractor wants data after the end of input");
          }
          feed(raf, input, chunk, length);
        }
      }
      extractor.release();
    } catch (IOException e) {
      throw PlayerException.critical(ErrorCode.NETWORK_CONNECTION_FAILED,
          "Cannot read " + file + ": " + e.getMessage(), "url", file.toString(), "reason", e.toString());
    }
  }

  private static void feed(RandomAccessFile raf, BufferedExtractorInput input, byte[] chunk,
      long length) throws IOException {
    long at = input.writePosition();
    if (at >= length) {
      input.setEndOfInput();
      return;
    }
    raf.seek(at);
    int n = raf.read(chunk, 0, (int) Math.min(chunk.length, length - at));
    input.append(chunk, 0, n);
  }
}
