package dev.oolong.manifest;

import dev.oolong.C;
import dev.oolong.ErrorCategory;
import dev.oolong.ErrorCode;
import dev.oolong.PlayerException;
import dev.oolong.upstream.ChainedLoading;
import dev.oolong.upstream.Cipher;
import dev.oolong.upstream.DataSource;
import dev.oolong.upstream.DataSpec;
import dev.oolong.upstream.Delay;
import java.util.function.Consumer;

/**
 * The segments of a {@link SegmentList} as one continuous input, the way the architecture has a
 * manifest-driven source feed the one pipeline: an initialisation section first (and again where
 * it changes), then each segment (or its byte range) in order, each loaded through the upstream
 * {@link DataSource}. Concatenated, MPEG-TS segments are one transport stream and fMP4 segments
 * behind their init section one fragmented MP4, so the extractors read them as they read files.
 *
 * <p><b>Positions.</b> The stream is opened at a segment: segment {@code i} begins at {@link
 * #positionOf}{@code (i)} ({@code i × STRIDE}), with its init section first when it has one. From
 * there positions count the bytes delivered, across segments. A reopening anywhere else resumes
 * the resource that was loading there (a broken connection picked up where its bytes stopped, with
 * a range request; a skip forward reads on and drops the bytes skipped). The segment index is the
 * seek map ({@code ManifestSource}'s).
 *
 * <p><b>Failures.</b> A resource that fails before any of its bytes came is tried again after a
 * back-off (0.5 s, doubling), {@link #MAX_ATTEMPTS} times in all; a segment that fails every time
 * is passed over with a recoverable {@link ErrorCode#NETWORK_SEGMENT_SKIPPED} (to {@code
 * warnings}), unless {@link #MAX_SKIPPED_IN_A_ROW} were already passed over in a row: then the
 * stream ends with the last error. An init section cannot be passed over. Failures after some
 * bytes go to the reader, which resumes by reopening. Gaps ({@code EXT-X-GAP}) are passed over.
 *
 * <p><b>AES-128</b> segments are loaded whole, their key first (once per key URL, 16 bytes or
 * {@code DRM_KEY_FAILED}), decrypted by the {@link Cipher} (the IV the list gives, else the media
 * sequence number), and passed on; one that does not decrypt is {@code DRM_KEY_FAILED}. Without a
 * cipher they are refused ({@code CONTAINER_UNSUPPORTED}); SAMPLE-AES needs DRM ({@code
 * DRM_NO_KEY_SYSTEM}). An encrypted init section is not supported (it is read as clear).
 */
public final class SegmentStream implements DataSource {
  /** Told of each segment before it loads and after it loaded (the ABR's measurements and decisions). */
  public interface Observer {
    /**
     * Segment {@code next} is about to load. False holds the reading: the observer then hands
     * it a list ({@link #switchList} or {@link #update}; the same list resumes it).
     */
    default boolean beforeSegment(SegmentList.Segment next) {
      return true;
    }

    /** A segment's bytes were all received: {@code bytes} in {@code micros} of the clock. */
    default void segmentLoaded(SegmentList.Segment segment, long bytes, long micros) {}
  }

  /** The span of positions reserved per segment (a segment is far smaller than a terabyte). */
  public static final long STRIDE = 1L << 40;
  /** Tries of one resource before it is passed over (a segment) or the stream fails (an init). */
  public static final int MAX_ATTEMPTS = 4;
  /** Segments passed over in a row at most: one more failing in a row ends the stream. */
  public static final int MAX_SKIPPED_IN_A_ROW = 2;
  static final int FIRST_BACKOFF_MS = 500;
  /** The largest encrypted segment (it is decrypted whole). */
  public static final int MAX_ENCRYPTED_BYTES = 256 << 20;
  static final int MAX_KEYS = 64;

  private final DataSource upstream;
  private SegmentList list;
  /** The first list's first media sequence number: position 0. */
  private final long baseSequence;
  private final Delay delay;
  private final Consumer<PlayerException> warnings;
  /** Decrypts AES-128 segments, or null where there is none. */
  private final Cipher cipher;
  /** AES-128 keys loaded, by URL (a list has one or a few; bounded by {@link #MAX_KEYS}). */
  private final java.util.Map<String, byte[]> keys = new java.util.HashMap<>();
  private Observer observer = new Observer() { };
  private dev.oolong.util.Clock clock = () -> 0;
  /** The run that delivered last: what a reopening inside its bytes resumes. */
  private Run last;
  private int retries;
  private int skipped;

  /** The segments of {@code list}, loaded through {@code upstream}, without back-off nor warnings. */
  public SegmentStream(DataSource upstream, SegmentList list) {
    this(upstream, list, Delay.NOW, w -> {});
  }

  /**
   * @param delay what waits between attempts
   * @param warnings where segments passed over are reported (recoverable)
   */
  public SegmentStream(DataSource upstream, SegmentList list, Delay delay, Consumer<PlayerException> warnings) {
    this(upstream, list, delay, null, warnings);
  }

  /**
   * @param delay what waits between attempts
   * @param cipher what decrypts AES-128 segments, or null (they are then refused)
   * @param warnings where segments passed over are reported (recoverable)
   */
  public SegmentStream(DataSource upstream, SegmentList list, Delay delay, Cipher cipher,
      Consumer<PlayerException> warnings) {
    this.cipher = cipher;
    this.upstream = upstream;
    this.list = list;
    this.baseSequence = list.mediaSequence();
    this.delay = delay;
    this.warnings = warnings;
  }

  /**
   * Where the segment with media sequence number {@code sequence} begins (its init section
   * first): its distance from the first list's first segment, in strides.
   */
  public long positionOf(long sequence) {
    return (sequence - baseSequence) * STRIDE;
  }

  /** The list read (the latest version of a live one). */
  public SegmentList list() {
    return list;
  }

  /**
   * A newer version of a live list (merged: whole, not a delta). A reading waiting at the end of
   * the list goes on with its new segments; one that fell behind the window (its next segment
   * no longer listed) goes on at the first segment listed.
   */
  public void update(SegmentList newer) {
    list = newer;
    if (last != null && last.waiting) {
      last.waiting = false;
      last.next();
    }
  }

  /**
   * Another variant's list, to be read from the next segment on (by media sequence number):
   * false, and nothing changed, when it does not hold the segment the reading needs next (or
   * its first segments are gone from it). The segment loading now finishes from the list it came from.
   */
  public boolean switchList(SegmentList other) {
    long next = last == null ? other.mediaSequence() : last.nextToStart();
    long i = next - other.mediaSequence();
    boolean holds = i >= 0 && (i < other.segments().size() || !other.ended() && i == other.segments().size());
    if (!holds) {
      return false;
    }
    update(other);
    return true;
  }

  /** Segments are measured on {@code clock} and told to {@code observer}. */
  public void observe(Observer observer, dev.oolong.util.Clock clock) {
    this.observer = observer;
    this.clock = clock;
  }

  /** Whether the reading got to the end of a complete list (nothing is left to load). */
  public boolean allRead() {
    return last != null && list.ended() && last.nextToStart() >= list.nextSequence();
  }

  /** The list's segment with media sequence number {@code sequence}, or null when not listed. */
  private SegmentList.Segment segment(long sequence) {
    long i = sequence - list.mediaSequence();
    return i < 0 || i >= list.segments().size() ? null : list.segments().get((int) i);
  }

  /** Attempts made again after a failure, since this stream was made. */
  public int retries() {
    return retries;
  }

  /** Segments passed over after failing every attempt. */
  public int skipped() {
    return skipped;
  }

  @Override
  public Loading open(DataSpec spec, Listener listener) {
    long p = spec.position();
    Run run = new Run(listener);
    if (p >= 0 && p % STRIDE == 0) {
      if (last != null) {
        last.cancel();
      }
      last = run;
      listener.onOpen(C.LENGTH_UNSET);
      run.sequence = baseSequence + p / STRIDE;
      run.position = p;
      run.next();
      return run;
    }
    Run from = last;
    if (from == null || from.resourceStart < 0 || p < from.resourceStart) {
      listener.onError(PlayerException.critical(ErrorCode.NETWORK_BAD_RANGE,
          "A segment stream resumes only inside the resource it was loading", "url", list.url(),
          "requested", spec.rangeHeader(), "contentRange", ""));
      return run;
    }
    from.cancel();
    last = run;
    listener.onOpen(C.LENGTH_UNSET);
    // Ahead of what was delivered (an extractor skipping forward): read on from there, dropping
    // the bytes up to p (the stream has no random access to a position not reached yet).
    run.discardUntil = p;
    run.resumeFrom(from, Math.min(p, from.position));
    return run;
  }

  /** One reading of the stream: which resource is loading, and what comes after it. */
  private final class Run extends ChainedLoading implements Listener {
    private final Listener out;
    /** The media sequence number of the segment loading or next. */
    long sequence;
    /** At the end of a live list, or held by the observer: the next list given continues the reading. */
    boolean waiting;
    /** A segment's load is under way (its init section or its bytes): it finishes from its list. */
    boolean inFlight;

    /** The media sequence number of the next segment whose load has not started. */
    long nextToStart() {
      return inFlight ? sequence + 1 : sequence;
    }

    /** The sequence number the observer was last asked about (asked once per segment). */
    long asked = Long.MIN_VALUE;
    /** When the segment loading now started (the clock's µs) and its bytes so far. */
    long segmentStartUs;
    long segmentBytes;
    /** The position of the next byte delivered. */
    long position;
    /** Bytes before this position are read but not delivered (a skip forward). */
    long discardUntil;
    /** The position of the resource's first byte (whether or not it was loaded from there), or -1 before the first. */
    long resourceStart = -1;
    /** The init section written last (null: none yet). */
    private SegmentList.Init written;
    /** Whether the resource loading now is an init section (the segment comes after it). */
    private boolean loadingInit;
    /** Bytes skipped at the start of the resource loading now (a resumed one). */
    private long skipInResource;
    private int attempts;
    private int skippedInARow;
    /** The encrypted segment loading now, collected whole; null when the resource is clear. */
    private java.io.ByteArrayOutputStream cipherText;
    private SegmentList.Segment loadingSegment;
    /** {@link #next} is running (a synchronous source ends a load inside {@code open}). */
    private boolean inNext;
    private boolean again;

    Run(Listener out) {
      this.out = out;
    }

    /** Picks up {@code from}'s resource at position {@code p} (inside what it delivered of it). */
    void resumeFrom(Run from, long p) {
      sequence = from.sequence;
      inFlight = from.inFlight;
      asked = from.asked;
      loadingSegment = from.loadingSegment;
      written = from.written;
      skippedInARow = from.skippedInARow;
      position = p;
      resourceStart = from.resourceStart;
      loadingInit = from.loadingInit;
      skipInResource = p - from.resourceStart;
      load();
    }

    /**
     * Loads what comes next. A load that ends inside {@code open} (a synchronous source) asks
     * again from within: that is looped here, not recursed, so a long list cannot overflow the stack.
     */
    void next() {
      if (inNext) {
        again = true;
        return;
      }
      inNext = true;
      try {
        do {
          again = false;
          step();
        } while (again && !cancelled);
      } finally {
        inNext = false;
      }
    }

    /** Starts the next load: the segment's init section when it changed, else the segment. */
    private void step() {
      // Bounded: each pass either skips a gap (the sequence grows) or starts a load or waits
      while (!cancelled) {
        if (sequence < list.mediaSequence()) {
          sequence = list.mediaSequence(); // fell behind a live window: on from its start
        }
        SegmentList.Segment s = segment(sequence);
        if (s == null) {
          if (list.ended()) {
            out.onEnd();
          } else {
            waiting = true; // update() goes on
          }
          return;
        }
        if (s.gap()) {
          sequence++;
          continue;
        }
        boolean aes = s.key().method() == SegmentList.KeyMethod.AES_128;
        if (s.key().method() != SegmentList.KeyMethod.NONE && !(aes && cipher != null)) {
          boolean drm = !aes;
          cancelled = true;
          out.onError(PlayerException.critical(drm ? ErrorCode.DRM_NO_KEY_SYSTEM : ErrorCode.CONTAINER_UNSUPPORTED,
              "Segment " + s.sequence() + " is encrypted (" + s.key().method() + "): "
                  + (drm ? "no key system is configured" : "nothing here decrypts AES-128"),
              drm ? "codec" : "container", drm ? s.key().method().name() : "hls-aes-128"));
          return;
        }
        if (s.sequence() != asked) {
          asked = s.sequence();
          if (!observer.beforeSegment(s)) {
            waiting = true; // the observer hands a list on (update / switchList)
            return;
          }
          if (cancelled || segment(sequence) != s) {
            continue; // the observer switched the list at once: look again
          }
        }
        loadingInit = s.init() != null && !s.init().equals(written);
        if (loadingInit) {
          written = s.init();
        }
        loadingSegment = s;
        inFlight = true;
        resourceStart = position;
        skipInResource = 0;
        attempts = 0;
        load();
        return;
      }
    }

    /**
     * (Re)starts the resource: the init section or the segment, from {@link #skipInResource}. An
     * encrypted segment is loaded whole (its key first, once per key), decrypted, and what was
     * already delivered of it dropped.
     */
    private void load() {
      SegmentList.Segment s = current();
      String url = loadingInit ? s.init().url() : s.url();
      SegmentList.ByteRange range = loadingInit ? s.init().range() : s.range();
      boolean encrypted = !loadingInit && s.key().method() == SegmentList.KeyMethod.AES_128;
      cipherText = null;
      if (!loadingInit) {
        segmentStartUs = clock.nowUs();
        segmentBytes = 0;
      }
      if (encrypted && !keys.containsKey(s.key().url())) {
        loadKey(s.key().url());
        return;
      }
      DataSpec spec;
      if (encrypted) {
        cipherText = new java.io.ByteArrayOutputStream();
        spec = range == null ? DataSpec.whole(url) : new DataSpec(url, range.offset(), range.length());
      } else if (range == null) {
        spec = new DataSpec(url, skipInResource, C.LENGTH_UNSET);
      } else {
        spec = new DataSpec(url, range.offset() + skipInResource, range.length() - skipInResource);
      }
      follow(upstream.open(spec, this));
    }

    @Override
    public void onOpen(long totalLength) {
      // the stream's length is not known: nothing to pass on
    }

    /** Loads an AES-128 key (16 bytes), then the segment. A failure is the segment's. */
    private void loadKey(String keyUrl) {
      java.io.ByteArrayOutputStream key = new java.io.ByteArrayOutputStream();
      Run run = this;
      follow(upstream.open(DataSpec.whole(keyUrl), new Listener() {
        @Override
        public void onOpen(long totalLength) {}

        @Override
        public void onData(byte[] data, int offset, int length) {
          if (key.size() <= 16) {
            key.write(data, offset, Math.min(length, 17));
          }
        }

        @Override
        public void onEnd() {
          if (cancelled) {
            return;
          }
          if (key.size() != 16) {
            fatal(PlayerException.critical(ErrorCode.DRM_KEY_FAILED, "The AES-128 key at " + keyUrl
                + " is not 16 bytes", "url", keyUrl, "reason", (key.size() > 16 ? "more than 16" : key.size()) + " bytes"));
            return;
          }
          if (keys.size() >= MAX_KEYS) {
            keys.clear();
          }
          keys.put(keyUrl, key.toByteArray());
          load();
        }

        @Override
        public void onError(PlayerException error) {
          run.onError(error);
        }
      }));
    }

    private void fatal(PlayerException e) {
      cancelled = true;
      out.onError(e);
    }

    /** The IV of segment {@code s}: its key's, or its media sequence number (RFC 8216bis §5.2). */
    private byte[] iv(SegmentList.Segment s) {
      if (s.key().iv() != null) {
        return s.key().iv();
      }
      byte[] iv = new byte[16];
      long n = s.sequence();
      for (int i = 15; i >= 8; i--) {
        iv[i] = (byte) n;
        n >>>= 8;
      }
      return iv;
    }

    @Override
    public void onData(byte[] data, int offset, int length) {
      if (cancelled) {
        return;
      }
      if (!loadingInit) {
        segmentBytes += length;
      }
      if (cipherText != null) {
        if (cipherText.size() + (long) length > MAX_ENCRYPTED_BYTES) {
          current.cancel();
          fatal(PlayerException.critical(ErrorCode.CONTAINER_TOO_LARGE, "An encrypted segment is larger than "
              + MAX_ENCRYPTED_BYTES + " bytes", "offset", cipherText.size(), "size", cipherText.size() + (long) length,
              "limit", MAX_ENCRYPTED_BYTES));
          return;
        }
        cipherText.write(data, offset, length);
        return;
      }
      deliver(data, offset, length);
    }

    /** Passes plain bytes on (less those of a skip forward). */
    private void deliver(byte[] data, int offset, int length) {
      long drop = Math.min(length, Math.max(0, discardUntil - position));
      position += length;
      if (drop < length) {
        out.onData(data, offset + (int) drop, length - (int) drop);
      }
    }

    @Override
    public void onEnd() {
      if (cancelled) {
        return;
      }
      if (cipherText != null) {
        byte[] data = cipherText.toByteArray();
        cipherText = null;
        SegmentList.Segment s = current();
        cipher.decryptAes128Cbc(keys.get(s.key().url()), iv(s), data, plain -> {
          if (cancelled) {
            return;
          }
          int skip = (int) Math.min(plain.length, skipInResource);
          if (skip < plain.length) {
            deliver(plain, skip, plain.length - skip);
          }
          if (!cancelled) {
            finished();
          }
        }, reason -> {
          if (!cancelled) {
            fatal(PlayerException.critical(ErrorCode.DRM_KEY_FAILED, "Segment " + s.sequence()
                + " does not decrypt with its key: " + reason, "url", s.url(), "reason", reason));
          }
        });
        return;
      }
      finished();
    }

    /** The resource was delivered whole: on to the next. */
    private void finished() {
      if (!loadingInit && skipInResource == 0) {
        observer.segmentLoaded(current(), segmentBytes, clock.nowUs() - segmentStartUs);
      }
      if (!loadingInit) {
        sequence++;
        inFlight = false;
        skippedInARow = 0;
      }
      next();
    }

    @Override
    public void onError(PlayerException error) {
      if (cancelled) {
        return;
      }
      boolean started = position > resourceStart + skipInResource;
      if (started || error.category() != ErrorCategory.NETWORK) {
        cancelled = true; // the reader resumes (a reopening) or gives up
        out.onError(error);
        return;
      }
      if (++attempts < MAX_ATTEMPTS) {
        retries++;
        int wait = FIRST_BACKOFF_MS << (attempts - 1);
        delay.after(wait, () -> {
          if (!cancelled) {
            load();
          }
        });
        return;
      }
      SegmentList.Segment s = current();
      if (loadingInit || skippedInARow >= MAX_SKIPPED_IN_A_ROW) {
        cancelled = true;
        out.onError(error);
        return;
      }
      skipped++;
      skippedInARow++;
      warnings.accept(PlayerException.recoverable(ErrorCode.NETWORK_SEGMENT_SKIPPED,
          "Segment " + s.sequence() + " failed " + MAX_ATTEMPTS + " times and was passed over: "
              + error.getMessage(), "url", s.url(), "sequence", s.sequence(), "reason", error.getMessage()));
      sequence++;
      inFlight = false;
      next();
    }

    /**
     * The segment loading now. A live list's update may have dropped it from the window: the
     * version it was found in is kept for that.
     */
    private SegmentList.Segment current() {
      SegmentList.Segment s = segment(sequence);
      if (s != null) {
        loadingSegment = s;
      }
      return loadingSegment;
    }

  }
}
