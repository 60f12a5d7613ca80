package dev.oolong.upstream;

/**
 * A load made of loads one after another (a playlist then its segments, one segment then the
 * next): cancelling, pausing and resuming act on the one running now, and a pause holds for the
 * ones that follow ({@link #follow}).
 */
public abstract class ChainedLoading implements DataSource.Loading {
  /** The load running now, or null. */
  protected DataSource.Loading current;
  /** Cancelled: nothing more is delivered. */
  protected boolean cancelled;
  private boolean paused;

  /** {@code next} is the load running now (paused at once while this is paused). */
  protected void follow(DataSource.Loading next) {
    current = next;
    if (paused && next != null) {
      next.pause();
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
