package dev.oolong.extractor;

/**
 * Thrown by an {@link ExtractorInput} when the bytes asked for have not arrived yet. It is
 * control flow, not an error: the {@link ExtractorDriver} catches it, rewinds the input to where
 * the interrupted {@link Extractor#read} call started and resumes that call when more bytes
 * arrive. A single instance without a stack trace is reused.
 */
public final class NeedMoreDataException extends RuntimeException {
  public static final NeedMoreDataException INSTANCE = new NeedMoreDataException();

  private NeedMoreDataException() {
    super("need more data", null, false, false);
  }
}
