package dev.oolong;

import dev.oolong.util.Json;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one error type of the player: a severity, a category and code from {@link ErrorCode}, a
 * human-readable message and a small map of data (its keys are documented on the code). It
 * crosses the worker boundary as {@code {severity, category, code, name, message, data}}.
 */
public final class PlayerException extends Exception {
  private final Severity severity;
  private final ErrorCode errorCode;
  private final Map<String, String> data;

  public PlayerException(
      Severity severity, ErrorCode errorCode, String message, Map<String, String> data) {
    super(message);
    this.severity = severity;
    this.errorCode = errorCode;
    this.data = Collections.unmodifiableMap(new LinkedHashMap<>(data));
  }

  /** A critical error with data given as alternating keys and values. */
  public static PlayerException critical(ErrorCode code, String message, Object... keyValues) {
    return new PlayerException(Severity.CRITICAL, code, message, pairs(keyValues));
  }

  /** A recoverable error with data given as alternating keys and values. */
  public static PlayerException recoverable(ErrorCode code, String message, Object... keyValues) {
    return new PlayerException(Severity.RECOVERABLE, code, message, pairs(keyValues));
  }

  private static Map<String, String> pairs(Object... keyValues) {
    if (keyValues.length % 2 != 0) {
      throw new IllegalArgumentException("keyValues must come in pairs");
    }
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      map.put(String.valueOf(keyValues[i]), String.valueOf(keyValues[i + 1]));
    }
    return map;
  }

  public Severity severity() {
    return severity;
  }

  public ErrorCode errorCode() {
    return errorCode;
  }

  public ErrorCategory category() {
    return errorCode.category;
  }

  public int code() {
    return errorCode.code;
  }

  public Map<String, String> data() {
    return data;
  }

  /**
   * This error as a recoverable one (itself when it is): the same code, message and data, for a
   * failure playback got past (a path that failed and was replaced, a stream that ends early).
   */
  public PlayerException asRecoverable() {
    return severity == Severity.RECOVERABLE ? this
        : new PlayerException(Severity.RECOVERABLE, errorCode, getMessage(), data);
  }

  /** The wire form: {@code {"severity","category","code","name","message","data"}}. */
  public String toJson() {
    Json.ObjectWriter w = Json.object();
    w.put("severity", severity.name());
    w.put("category", errorCode.category.name());
    w.put("code", errorCode.code);
    w.put("name", errorCode.name());
    w.put("message", getMessage());
    Json.ObjectWriter d = Json.object();
    for (Map.Entry<String, String> e : data.entrySet()) {
      d.put(e.getKey(), e.getValue());
    }
    w.putRaw("data", d.toString());
    return w.toString();
  }

  @Override
  public String toString() {
    return "PlayerException[" + errorCode.name() + " " + errorCode.code + " " + severity + "]: "
        + getMessage() + (data.isEmpty() ? "" : " " + data);
  }
}
