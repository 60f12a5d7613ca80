package dev.oolong.server;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.function.LongConsumer;

/**
 * Reports every byte written through it, just before handing it on (so the count is complete by
 * the time the client can have read the bytes).
 */
final class CountingOutputStream extends FilterOutputStream {
  private final LongConsumer counter;

  CountingOutputStream(OutputStream out, LongConsumer counter) {
    super(out);
    this.counter = counter;
  }

  @Override
  public void write(int b) throws IOException {
    counter.accept(1);
    out.write(b);
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    counter.accept(len);
    out.write(b, off, len);
  }
}
