package dev.oolong.manifest;

import dev.oolong.C;
import dev.oolong.ErrorCode;
import dev.oolong.PlayerException;
import dev.oolong.upstream.DataSource;
import dev.oolong.upstream.DataSpec;

/**
 * The segments of a {@link SegmentList} as one continuous input, the way the architecture has a
 * manifest-driven source feed the one pipeline: an initialisation section first (and again where
 * it changes), then each segment (or its byte range) in order, each loaded through the upstream
 * {@link DataSource}. Concatenated, MPEG-TS segments are one transport stream and fMP4 segments
 * behind their init section one fragmented MP4, so the extractors read them as they read files.
 *
 * <p>This first form reads a list from a segment to its end (VOD, or what a live list offers
 * now): gaps ({@code EXT-X-GAP}) are passed over; encrypted segments end the input with a typed
 * error (AES-128 decryption is to come, SAMPLE-AES needs DRM). It opens only at position 0 of its
 * own stream (no byte seeking: the segment index is the seek map, to come with the loader).
 */
public final class SegmentStream implements DataSource {
  private final DataSource upstream;
  private final SegmentList list;
  private final int first;

  /** The segments of {@code list} from index {@code first}, loaded through {@code upstream}. */
  public SegmentStream(DataSource upstream, SegmentList list, int first) {
    this.upstream = upstream;
    this.list = list;
    this.first = Math.max(0, first);
  }

  @Override
  public Loading open(DataSpec spec, Listener listener) {
    Run run = new Run(listener);
    if (spec.position() != 0) {
      listener.onError(PlayerException.critical(ErrorCode.NETWORK_BAD_RANGE,
          "A segment stream is read from its start", "url", list.url(), "requested", spec.rangeHeader(),
          "contentRange", ""));
      return run;
    }
    listener.onOpen(C.LENGTH_UNSET);
    run.next();
    return run;
  }

  /** One reading of the stream: which resource is loading, and what comes after it. */
  private final class Run implements Loading, Listener {
    private final Listener out;
    private int index = first;
    /** The init section written last (null: none yet). */
    private SegmentList.Init written;
    /** Whether the resource loading now is an init section (the segment comes after it). */
    private boolean loadingInit;
    private Loading current;
    private boolean cancelled;
    private boolean paused;

    Run(Listener out) {
      this.out = out;
    }

    /** {@link #next} is running (a synchronous source ends a load inside {@code open}). */
    private boolean inNext;
    private boolean again;

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
      // Bounded: each pass either skips a gap (index grows) or starts a load
      while (!cancelled) {
        if (index >= list.segments().size()) {
          out.onEnd();
          return;
        }
        SegmentList.Segment s = list.segments().get(index);
        if (s.gap()) {
          index++;
          continue;
        }
        if (s.key().method() != SegmentList.KeyMethod.NONE) {
          boolean drm = s.key().method() != SegmentList.KeyMethod.AES_128;
          out.onError(PlayerException.critical(drm ? ErrorCode.DRM_NO_KEY_SYSTEM : ErrorCode.CONTAINER_UNSUPPORTED,
              "Segment " + s.sequence() + " is encrypted (" + s.key().method() + "): "
                  + (drm ? "no key system is configured" : "AES-128 segments are not supported yet"),
              drm ? "codec" : "container", drm ? s.key().method().name() : "hls-aes-128"));
          return;
        }
        if (s.init() != null && !s.init().equals(written)) {
          loadingInit = true;
          written = s.init();
          current = upstream.open(spec(s.init().url(), s.init().range()), this);
        } else {
          loadingInit = false;
          current = upstream.open(spec(s.url(), s.range()), this);
        }
        if (paused && current != null) {
          current.pause();
        }
        return;
      }
    }

    private DataSpec spec(String url, SegmentList.ByteRange range) {
      return range == null ? DataSpec.whole(url) : new DataSpec(url, range.offset(), range.length());
    }

    @Override
    public void onOpen(long totalLength) {
      // the stream's length is not known: nothing to pass on
    }

    @Override
    public void onData(byte[] data, int offset, int length) {
      if (!cancelled) {
        out.onData(data, offset, length);
      }
    }

    @Override
    public void onEnd() {
      if (cancelled) {
        return;
      }
      if (!loadingInit) {
        index++;
      }
      next();
    }

    @Override
    public void onError(PlayerException error) {
      if (!cancelled) {
        cancelled = true;
        out.onError(error);
      }
    }

    @Override
    public void cancel() {
      cancelled = true;
      if (current != null) {
        current.cancel();
      }
    }

    @Override
    public void pause() {
      paused = true;
      if (current != null) {
        current.pause();
      }
    }

    @Override
    public void resume() {
      paused = false;
      if (current != null) {
        current.resume();
      }
    }
  }
}
