package dev.oolong;

/** Whether the player can carry on after an error. */
public enum Severity {
  /** The player recovered or can recover (retry, skip, switch); playback may continue. */
  RECOVERABLE,
  /** The operation failed for good; the player stops what it was doing. */
  CRITICAL
}
