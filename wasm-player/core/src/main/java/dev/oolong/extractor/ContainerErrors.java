package dev.oolong.extractor;

import dev.oolong.ErrorCode;
import dev.oolong.PlayerException;

/** The container errors every extractor raises, worded the same way. */
public final class ContainerErrors {
  private ContainerErrors() {}

  /** {@code CONTAINER_MALFORMED}: an impossible size or field. */
  public static PlayerException malformed(String container, long offset, String reason) {
    return PlayerException.critical(ErrorCode.CONTAINER_MALFORMED,
        "Malformed " + container + " at offset " + offset + ": " + reason,
        "offset", offset, "reason", reason);
  }

  /** {@code CONTAINER_TRUNCATED}: the input ends inside a structure. */
  public static PlayerException truncated(String container, long offset, String reason) {
    return PlayerException.critical(ErrorCode.CONTAINER_TRUNCATED,
        "Truncated " + container + " at offset " + offset + ": " + reason,
        "offset", offset, "reason", reason);
  }
}
