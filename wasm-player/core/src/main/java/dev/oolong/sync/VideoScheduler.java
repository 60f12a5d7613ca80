package dev.oolong.sync;

import dev.oolong.C;
import java.util.ArrayDeque;

/**
 * Decides, at each display refresh, which decoded frame is on screen: the latest frame whose
 * time has come. A frame whose successor is due too is late and dropped (counted); a frame not
 * due yet waits, and the one on screen stays (repeated); nothing is shown twice.
 *
 * <p>After {@link #seek}, frames before the target (decoded from the key frame before it, to
 * reach it) are discarded without counting as drops, and the first frame shown is the one that
 * holds the target: frame-accurate, also while paused.
 *
 * @param <F> the frame type (a {@code VideoFrame} handle in the browser; anything in tests)
 */
public final class VideoScheduler<F> {
  /** Where frames go: the renderer. Every frame given to the scheduler comes back once. */
  public interface Renderer<F> {
    /** Draws the frame (it stays on screen until the next one is drawn). */
    void show(F frame);

    /** The scheduler is done with a frame that was not drawn, or was replaced on screen. */
    void release(F frame);

    /**
     * Whether the surface is still working through frames drawn before (a GPU that has not
     * executed them yet). Drawing unpaced waits for it, so "as fast as possible" counts frames the
     * GPU drew, not commands queued for it.
     */
    default boolean busy() {
      return false;
    }
  }

  /**
   * How early a frame may be drawn when the display's refresh is not known: within this of its
   * time it is due (a display refresh lands anywhere in a frame's interval; drawing slightly early
   * beats drawing a whole refresh late). With the refresh known, see {@link #render(long, boolean,
   * long)}.
   */
  public static final long EARLY_US = 4_000;
  /** Frames held at most: a decoder that runs ahead is throttled by {@link #wantsMore}. */
  public static final int MAX_QUEUED = 8;

  private record Queued<F>(F frame, long ptsUs) {}

  private final Renderer<F> renderer;
  private final ArrayDeque<Queued<F>> queue = new ArrayDeque<>();
  private F onScreen;
  private long onScreenPtsUs = C.TIME_UNSET;
  /** After a seek, the target: frames before it are discarded quietly. */
  private long prerollUntilUs = C.TIME_UNSET;
  private boolean firstAfterSeekShown = true;
  private boolean endOfStream;
  private long rendered;
  private long dropped;
  private long discarded;

  public VideoScheduler(Renderer<F> renderer) {
    this.renderer = renderer;
  }

  /** A decoded frame, in presentation order. */
  public void queue(F frame, long ptsUs) {
    queue.add(new Queued<>(frame, ptsUs));
  }

  /** Whether the decoder should deliver more (fewer than {@link #MAX_QUEUED} frames waiting). */
  public boolean wantsMore() {
    return queue.size() < MAX_QUEUED;
  }

  /** The time of the first frame waiting, or {@link C#TIME_UNSET}. */
  public long firstQueuedPtsUs() {
    return queue.isEmpty() ? C.TIME_UNSET : queue.peek().ptsUs();
  }

  /** Frames waiting to be drawn. */
  public int queued() {
    return queue.size();
  }

  /**
   * A seek to {@code targetUs}: the frames waiting go (not counted as drops); the frame on
   * screen stays until the one at the target replaces it.
   */
  public void seek(long targetUs) {
    while (!queue.isEmpty()) {
      renderer.release(queue.poll().frame());
      discarded++;
    }
    prerollUntilUs = targetUs;
    firstAfterSeekShown = false;
    endOfStream = false;
  }

  /**
   * One display refresh at clock position {@code positionUs}: draws the frame due, if a new one
   * is. While paused ({@code playing} false) only the first frame after a seek is drawn.
   *
   * @return how long until the next waiting frame is due (µs of media time), or {@link
   *     C#TIME_UNSET} when none is waiting
   */
  public long render(long positionUs, boolean playing) {
    return render(positionUs, playing, EARLY_US);
  }

  /**
   * One display refresh, as {@link #render(long, boolean)}, with a frame drawn when its time is
   * at most {@code earlyUs} after {@code positionUs}. Given half the refresh interval (in media
   * time) and the position at which this refresh is seen, each refresh shows the frame covering
   * most of the time it is on screen: the error is within half a refresh either way, where "latest
   * frame due" alone is always late, by up to a whole refresh.
   */
  public long render(long positionUs, boolean playing, long earlyUs) {
    discardPreroll();
    if (!firstAfterSeekShown) {
      // The frame holding the target: shown as soon as it is decoded, playing or not.
      if (!queue.isEmpty() && (queue.size() > 1 || queue.peek().ptsUs() >= prerollUntilUs
          || endOfStream)) {
        show(queue.poll());
        firstAfterSeekShown = true;
      }
      return untilNext(positionUs);
    }
    if (!playing) {
      return untilNext(positionUs);
    }
    Queued<F> due = null;
    while (!queue.isEmpty() && queue.peek().ptsUs() <= positionUs + earlyUs) {
      if (due != null) {
        renderer.release(due.frame()); // a later frame is due too: this one is late
        dropped++;
      }
      due = queue.poll();
    }
    if (due != null) {
      show(due);
    }
    return untilNext(positionUs);
  }

  /**
   * Discards the frames before the seek target: a frame goes when the one after it is at or
   * before the target (so the frame holding the target stays).
   */
  private void discardPreroll() {
    if (prerollUntilUs == C.TIME_UNSET) {
      return;
    }
    while (queue.size() > 1 && second().ptsUs() <= prerollUntilUs) {
      renderer.release(queue.poll().frame());
      discarded++;
    }
    if (queue.size() > 1 || !queue.isEmpty() && queue.peek().ptsUs() >= prerollUntilUs) {
      prerollUntilUs = C.TIME_UNSET;
    }
  }

  /** No more frames will come (the stream ended): the last frame waiting holds any target after it. */
  public void endOfStream() {
    endOfStream = true;
  }

  private Queued<F> second() {
    java.util.Iterator<Queued<F>> it = queue.iterator();
    it.next();
    return it.next();
  }

  private void show(Queued<F> q) {
    renderer.show(q.frame());
    if (onScreen != null) {
      renderer.release(onScreen);
    }
    onScreen = q.frame();
    onScreenPtsUs = q.ptsUs();
    rendered++;
  }

  private long untilNext(long positionUs) {
    return queue.isEmpty() ? C.TIME_UNSET : Math.max(0, queue.peek().ptsUs() - positionUs);
  }

  /**
   * Draws the frame on screen again (the surface was resized or cleared); it is not counted as
   * rendered again. Returns whether there was one.
   */
  public boolean redraw() {
    if (onScreen == null) {
      return false;
    }
    renderer.show(onScreen);
    return true;
  }

  /** The time of the frame on screen, or {@link C#TIME_UNSET}. */
  public long onScreenPtsUs() {
    return onScreenPtsUs;
  }

  /** Frames drawn. */
  public long rendered() {
    return rendered;
  }

  /** Frames dropped for being late (never the ones skipped to reach a seek target). */
  public long dropped() {
    return dropped;
  }

  /** Frames discarded by seeks (decoded to reach the target, or waiting when it came). */
  public long discarded() {
    return discarded;
  }

  /** Releases every frame held (the player is destroyed). */
  public void clear() {
    while (!queue.isEmpty()) {
      renderer.release(queue.poll().frame());
    }
    if (onScreen != null) {
      renderer.release(onScreen);
      onScreen = null;
    }
  }
}
