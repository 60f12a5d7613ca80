package dev.oolong.extractor;

/**
 * An estimated seek map (a {@link BitrateSeekMap} to be refined by probing) that answers from the
 * {@link SeekGate}'s index of what was read where it can: a time inside a stretch read without a
 * break maps to the position from which its key frame is read first, and the extractor lands
 * there without probing (a seek back, or a player that read on past the position it seeks to).
 */
public final class ReadIndexSeekMap implements SeekMap {
  private final BitrateSeekMap estimate;
  private final SeekGate gate;

  public ReadIndexSeekMap(BitrateSeekMap estimate, SeekGate gate) {
    this.estimate = estimate;
    this.gate = gate;
  }

  /** The estimate behind it. */
  public BitrateSeekMap estimate() {
    return estimate;
  }

  @Override
  public boolean isSeekable() {
    return estimate.isSeekable();
  }

  @Override
  public long getDurationUs() {
    return estimate.getDurationUs();
  }

  @Override
  public SeekPoint getSeekPoint(long timeUs) {
    long position = gate.indexedPosition(timeUs);
    return position >= 0 ? new SeekPoint(timeUs, position) : estimate.getSeekPoint(timeUs);
  }
}
