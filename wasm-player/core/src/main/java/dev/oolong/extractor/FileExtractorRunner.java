package dev.oolong.extractor;

import dev.oolong.C;
import dev.oolong.ErrorCode;
import dev.oolong.PlayerException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;

/**
 * Runs an extractor over a local file or bytes in memory on the JVM, feeding it the way a network
 * would: in chunks of a chosen size (1 byte makes "need more data" happen at every byte
 * boundary), with or without the length, honouring the extractor's seeks. Not compiled into the
 * wasm engine.
 */
public final class FileExtractorRunner {
  /** Seeks allowed per run before the input is declared a seek loop. */
  static final int MAX_SEEKS = 1_000_000;

  /** Random access to the bytes being extracted. */
  private interface Bytes {
    long length();

    int read(long at, byte[] target, int length) throws IOException;
  }

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
      run(new Bytes() {
        @Override
        public long length() {
          return length;
        }

        @Override
        public int read(long at, byte[] target, int n) throws IOException {
          raf.seek(at);
          return raf.read(target, 0, n);
        }
      }, null, output, chunkSize, knownLength, file.toString());
    } catch (IOException e) {
      throw PlayerException.critical(ErrorCode.NETWORK_CONNECTION_FAILED,
          "Cannot read " + file + ": " + e.getMessage(), "url", file.toString(), "reason", e.toString());
    }
  }

  /**
   * Extracts bytes in memory with a given extractor (no sniffing), or with the sniffed one when
   * {@code extractor} is null.
   */
  public static void run(byte[] data, Extractor extractor, ExtractorOutput output, int chunkSize,
      boolean knownLength) throws PlayerException {
    try {
      run(new Bytes() {
        @Override
        public long length() {
          return data.length;
        }

        @Override
        public int read(long at, byte[] target, int n) {
          System.arraycopy(data, (int) at, target, 0, n);
          return n;
        }
      }, extractor, output, chunkSize, knownLength, "memory");
    } catch (IOException e) {
      throw new IllegalStateException(e); // memory reads do not fail
    }
  }

  private static void run(Bytes bytes, Extractor extractor, ExtractorOutput output, int chunkSize,
      boolean knownLength, String name) throws PlayerException, IOException {
    long length = bytes.length();
    BufferedExtractorInput input = new BufferedExtractorInput(0, knownLength ? length : C.LENGTH_UNSET);
    byte[] chunk = new byte[chunkSize];
    while (extractor == null) {
      try {
        extractor = Extractors.sniff(input);
        if (extractor == null) {
          throw PlayerException.critical(ErrorCode.CONTAINER_UNRECOGNIZED,
              "No extractor recognises " + name, "url", name);
        }
      } catch (NeedMoreDataException e) {
        feed(bytes, input, chunk, length);
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
        if (driver.seekPosition() < 0) {
          throw PlayerException.critical(ErrorCode.CONTAINER_MALFORMED, "Seek to a negative position",
              "offset", driver.seekPosition(), "reason", "bad seek");
        }
        input.reset(driver.seekPosition());
        if (driver.seekPosition() >= length) {
          input.setEndOfInput();
        }
      } else {
        if (input.isEndOfInputKnown()) {
          throw new IllegalStateException("extractor wants data after the end of input");
        }
        feed(bytes, input, chunk, length);
      }
    }
    extractor.release();
  }

  private static void feed(Bytes bytes, BufferedExtractorInput input, byte[] chunk, long length)
      throws IOException {
    long at = input.writePosition();
    if (at >= length) {
      input.setEndOfInput();
      return;
    }
    int n = bytes.read(at, chunk, (int) Math.min(chunk.length, length - at));
    input.append(chunk, 0, n);
  }
}
