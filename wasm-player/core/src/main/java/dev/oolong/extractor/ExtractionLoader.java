package dev.oolong.extractor;

import java.util.function.BooleanSupplier;

import dev.oolong.C;
import dev.oolong.ErrorCode;
import dev.oolong.PlayerException;
import dev.oolong.upstream.DataSource;
import dev.oolong.upstream.DataSpec;

/**
 * Loads a resource through a {@link DataSource} and extracts it: sniffs the container from the
 * first bytes, feeds the extractor as bytes arrive, and re-opens the source at the position the
 * extractor asks for on a seek. Works with sources that deliver later (fetch) and with ones that
 * deliver inside {@code open} (JVM): re-opening is trampolined, so neither grows the stack.
 */
public final class ExtractionLoader {

  /** Receives the end of the extraction, once. */
  public interface Callback {
    void onEnd();

    void onError(PlayerException error);

    /** A broken connection is being resumed where the bytes stopped (a recovery, not a failure). */
    default void onRetry(PlayerException error) {}

    /**
     * The input ends inside a structure (a file cut short): {@code error} is the extractor's
     * {@code CONTAINER_TRUNCATED}, and everything whole before the cut has been passed on. Return
     * true to take that as the end ({@link #onEnd} follows at once; a player plays what there is),
     * false to fail with the error (the default: a prober or a test wants the whole input).
     */
    default boolean onTruncated(PlayerException error) {
      return false;
    }
  }

  /** Resumptions allowed in a row without a byte arriving in between. */
  static final int MAX_RETRIES = 3;

  /** Seeks allowed per load before the input is declared a seek loop. */
  static final int MAX_SEEKS = 1_000_000;

  private final DataSource source;
  private final String uri;
  private final ExtractorOutput output;
  private final Callback callback;
  private final BooleanSupplier indexed;

  private BufferedExtractorInput input;
  private Extractor extractor;
  private ExtractorDriver driver;
  private DataSource.Loading loading;
  private int generation;
  private int seeks;
  /** Cancelled or failed: nothing more happens. */
  private boolean done;
  /** The extractor reached the end of the input; a seek starts it again. */
  private boolean ended;
  /** The player has enough media ahead: no extraction (and no reading, where the source can). */
  private boolean held;
  private boolean opening;
  private long deferredOpen = -1;
  private int retries;
  private int totalRetries;

  public ExtractionLoader(DataSource source, String uri, ExtractorOutput output, Callback callback) {
    this(source, uri, output, () -> false, callback);
  }

  /**
   * @param indexed whether the source's positions are an index rather than a byte space (the
   *     segments of a playlist, each at its own position): its end then tells no length, so the
   *     extractor never takes the bytes read for a file whose size it knows (no seeking by
   *     bitrate, no look for an index at the end)
   */
  public ExtractionLoader(DataSource source, String uri, ExtractorOutput output, BooleanSupplier indexed,
      Callback callback) {
    this.source = source;
    this.uri = uri;
    this.output = output;
    this.indexed = indexed;
    this.callback = callback;
  }

  /** The extractor chosen by sniffing, or null before the first bytes arrive. */
  public Extractor extractor() {
    return extractor;
  }

  public void start() {
    openAt(0);
  }

  /** Stops loading; the callback is not called. */
  public void cancel() {
    stopLoading();
    done = true;
    if (extractor != null) {
      extractor.release();
    }
  }

  /**
   * Holds the extraction (the forward buffer is full) or lets it go on. While held, the source
   * stops reading where it can ({@link DataSource.Loading#pause}); bytes that still arrive wait in
   * the input.
   */
  public void hold(boolean hold) {
    if (hold == held) {
      return;
    }
    held = hold;
    if (loading != null) {
      if (hold) {
        loading.pause();
      } else {
        loading.resume();
      }
    }
    if (!hold && input != null && extractor != null) {
      pump();
    }
  }

  /** Whether the extraction is held ({@link #hold}). */
  public boolean isHeld() {
    return held;
  }

  /** Connections resumed after a break so far. */
  public int retries() {
    return totalRetries;
  }

  /** Whether the extraction has ended (or failed, or was cancelled). */
  public boolean isDone() {
    return done || ended;
  }

  /** Whether {@link #seekTo} can run: an extractor is there and the load was neither cancelled nor failed. */
  public boolean canSeek() {
    return extractor != null && !done;
  }

  /**
   * A seek asked for by the player: the extractor resumes at a seek point of its seek map and
   * the source is re-opened there (also after the extraction reached the end: it runs again
   * from the seek point). False when no extractor is running yet, or the load was cancelled or
   * failed.
   */
  public boolean seekTo(SeekMap.SeekPoint point) {
    if (!canSeek()) {
      return false;
    }
    stopLoading();
    ended = false;
    extractor.seek(point.position(), point.timeUs());
    input.reset(point.position());
    if (input.getLength() != C.LENGTH_UNSET && point.position() >= input.getLength()) {
      input.setEndOfInput();
      pump();
    } else {
      openAt(point.position());
    }
    return true;
  }

  private void openAt(long position) {
    deferredOpen = position;
    if (opening) {
      return; // the open in progress returns first, then this one runs
    }
    while (deferredOpen >= 0 && !done) {
      long p = deferredOpen;
      deferredOpen = -1;
      int gen = ++generation;
      opening = true;
      try {
        DataSource.Loading l = source.open(new DataSpec(uri, p, C.LENGTH_UNSET), new Listener(gen, p));
        if (gen == generation && !done) {
          loading = l;
          if (held) {
            l.pause();
          }
        } else {
          l.cancel(); // finished or superseded while it was opening
        }
      } finally {
        opening = false;
      }
    }
  }

  private final class Listener implements DataSource.Listener {
    private final int gen;
    private final long position;

    Listener(int gen, long position) {
      this.gen = gen;
      this.position = position;
    }

    private boolean stale() {
      return done || gen != generation;
    }

    @Override
    public void onOpen(long totalLength) {
      if (stale()) {
        return;
      }
      if (input == null) {
        input = new BufferedExtractorInput(position, totalLength);
      }
    }

    @Override
    public void onData(byte[] data, int offset, int length) {
      if (stale()) {
        return;
      }
      retries = 0;
      input.append(data, offset, length);
      pump();
    }

    @Override
    public void onEnd() {
      if (stale()) {
        return;
      }
      input.setEndOfInput(!indexed.getAsBoolean());
      pump();
    }

    @Override
    public void onError(PlayerException error) {
      if (stale()) {
        return;
      }
      boolean broken = error.errorCode() == ErrorCode.NETWORK_CONNECTION_FAILED
          || error.errorCode() == ErrorCode.NETWORK_TRUNCATED;
      if (broken && input != null && !input.isEndOfInputKnown() && retries < MAX_RETRIES) {
        retries++;
        totalRetries++;
        callback.onRetry(error);
        stopLoading();
        openAt(input.writePosition()); // resume with a range request where the bytes stopped
        return;
      }
      fail(error);
    }
  }

  private void pump() {
    try {
      while (!done && !ended) {
        if (held && extractor != null) {
          return; // resumed by hold(false)
        }
        if (extractor == null) {
          try {
            extractor = Extractors.sniff(input);
          } catch (NeedMoreDataException e) {
            return;
          }
          if (extractor == null) {
            throw PlayerException.critical(ErrorCode.CONTAINER_UNRECOGNIZED,
                "No supported container recognised in " + uri, "url", uri);
          }
          extractor.init(output);
          driver = new ExtractorDriver(extractor, input);
        }
        int r = driver.pump(() -> held);
        if (r == ExtractorDriver.HELD) {
          return; // resumed by hold(false)
        }
        if (r == ExtractorDriver.NEED_MORE_DATA) {
          if (input.isEndOfInputKnown()) {
            throw new IllegalStateException("extractor wants data after the end of input");
          }
          return;
        }
        if (r == ExtractorDriver.END) {
          stopLoading();
          ended = true;
          callback.onEnd();
          return;
        }
        // a seek
        if (++seeks > MAX_SEEKS) {
          throw PlayerException.critical(ErrorCode.CONTAINER_MALFORMED, "Too many seeks",
              "offset", driver.seekPosition(), "reason", "seek loop");
        }
        long target = driver.seekPosition();
        stopLoading();
        input.reset(target);
        if (input.getLength() != C.LENGTH_UNSET && target >= input.getLength()) {
          input.setEndOfInput();
          continue; // nothing to load: let the extractor see the end
        }
        openAt(target);
        return;
      }
    } catch (PlayerException e) {
      if (e.errorCode() == ErrorCode.CONTAINER_TRUNCATED && !done && callback.onTruncated(e)) {
        // Extractors pass on only whole samples: what came before the cut stands.
        stopLoading();
        ended = true;
        callback.onEnd();
        return;
      }
      fail(e);
    } catch (RuntimeException e) {
      fail(PlayerException.critical(ErrorCode.PLAYER_INTERNAL, "Extraction failed: " + e,
          "reason", String.valueOf(e)));
    }
  }

  /**
   * Stops the current load. A source that delivers inside {@code open} has not returned its
   * handle yet; moving to a new generation makes its listener ignore the rest.
   */
  private void stopLoading() {
    generation++;
    if (loading != null) {
      loading.cancel();
      loading = null;
    }
  }

  private void fail(PlayerException e) {
    if (done) {
      return;
    }
    stopLoading();
    done = true;
    ended = false;
    callback.onError(e);
  }
}
