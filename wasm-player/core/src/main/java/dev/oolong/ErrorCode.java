package dev.oolong;

import java.util.List;

/**
 * Every error code of the player, declared once. The code is {@code category × 1000 + n}. The
 * JavaScript enum and the TypeScript declarations are generated from this list at build time
 * ({@code dev.oolong.codegen.TypeScriptGenerator}); never copy them by hand.
 *
 * <p>Each constant names the keys its {@link PlayerException#data()} carries.
 */
public enum ErrorCode {
  // --- NETWORK (1xxx)
  /** The request could not be made or the connection broke. Data: {@code url}, {@code reason}. */
  NETWORK_CONNECTION_FAILED(1001, ErrorCategory.NETWORK, "url", "reason"),
  /** The server answered with an HTTP error status. Data: {@code url}, {@code status}. */
  NETWORK_BAD_HTTP_STATUS(1002, ErrorCategory.NETWORK, "url", "status"),
  /**
   * The server answered a range request with a range other than the one asked for, or refused it
   * (416). Data: {@code url}, {@code requested}, {@code contentRange}.
   */
  NETWORK_BAD_RANGE(1003, ErrorCategory.NETWORK, "url", "requested", "contentRange"),
  /** The body ended before the announced length. Data: {@code url}, {@code expected}, {@code received}. */
  NETWORK_TRUNCATED(1004, ErrorCategory.NETWORK, "url", "expected", "received"),
  /**
   * A segment of a manifest-driven stream failed on every attempt and was passed over (always
   * recoverable: playback goes on with the next one). Data: {@code url}, {@code sequence}
   * (its media sequence number), {@code reason} (the last attempt's error).
   */
  NETWORK_SEGMENT_SKIPPED(1005, ErrorCategory.NETWORK, "url", "sequence", "reason"),

  // --- MANIFEST (2xxx)
  /**
   * A manifest (HLS playlist) does not follow its syntax or rules: no {@code #EXTM3U}, a malformed
   * attribute, a URI without its tag, an impossible duration. Data: {@code url}, {@code line},
   * {@code reason}.
   */
  MANIFEST_MALFORMED(2001, ErrorCategory.MANIFEST, "url", "line", "reason"),
  /** A manifest is larger than the engine accepts (characters, segments, variants). Data: {@code url}, {@code size}, {@code limit}. */
  MANIFEST_TOO_LARGE(2002, ErrorCategory.MANIFEST, "url", "size", "limit"),
  /**
   * A reloaded manifest contradicts the one before (its media sequence went backwards, a delta
   * update skips segments the player never had). Data: {@code url}, {@code reason}.
   */
  MANIFEST_INCONSISTENT(2003, ErrorCategory.MANIFEST, "url", "reason"),

  // --- CONTAINER (3xxx)
  /** No extractor recognises the bytes. Data: {@code url}. */
  CONTAINER_UNRECOGNIZED(3001, ErrorCategory.CONTAINER, "url"),
  /** A structure is malformed (impossible size, bad field). Data: {@code offset}, {@code reason}. */
  CONTAINER_MALFORMED(3002, ErrorCategory.CONTAINER, "offset", "reason"),
  /** The file ends before a structure the container needs. Data: {@code offset}, {@code reason}. */
  CONTAINER_TRUNCATED(3003, ErrorCategory.CONTAINER, "offset", "reason"),
  /** An ISO BMFF file has no {@code moov} box. Data: {@code url}. */
  CONTAINER_NO_MOOV(3004, ErrorCategory.CONTAINER, "url"),
  /**
   * A header structure is larger than the engine accepts (protects against allocations sized by
   * the input). Data: {@code offset}, {@code size}, {@code limit}.
   */
  CONTAINER_TOO_LARGE(3005, ErrorCategory.CONTAINER, "offset", "size", "limit"),
  /** The container is recognised but not supported by this operation yet. Data: {@code container}. */
  CONTAINER_UNSUPPORTED(3006, ErrorCategory.CONTAINER, "container"),

  // --- CODEC (4xxx)
  /**
   * A track's codec cannot be carried or decoded on the chosen path (no fragmented-MP4 form, not
   * supported by the browser). Data: {@code codec} (the RFC 6381 string or the codec name).
   */
  CODEC_UNSUPPORTED(4001, ErrorCategory.CODEC, "codec"),
  /**
   * A decoder failed on the media (a WebCodecs decoder's error callback, a chunk it refused).
   * Data: {@code codec} (the codec string the decoder was configured with).
   */
  CODEC_DECODE_FAILED(4002, ErrorCategory.CODEC, "codec"),

  // --- DRM (5xxx)
  /**
   * The media is encrypted and no key system is configured to decrypt it (Oolong has no DRM
   * configuration yet: encrypted media does not play on either path). Data: {@code codec} (the
   * encrypted track's codec string).
   */
  DRM_NO_KEY_SYSTEM(5001, ErrorCategory.DRM, "codec"),
  /**
   * A content key could not be used: an HLS AES-128 key that is not 16 bytes, or a segment that
   * does not decrypt with it (its padding is wrong: the key or the IV is not the segment's).
   * Data: {@code url} (the key's or the segment's), {@code reason}.
   */
  DRM_KEY_FAILED(5002, ErrorCategory.DRM, "url", "reason"),

  // --- MEDIA_SOURCE (6xxx)
  /**
   * A MediaSource or SourceBuffer operation failed, or the media element reported an error while
   * playing what was appended. Data: {@code operation}, {@code reason}.
   */
  MEDIA_SOURCE_FAILED(6001, ErrorCategory.MEDIA_SOURCE, "operation", "reason"),
  /** The browser has no usable Media Source Extensions for this player. Data: {@code reason}. */
  MEDIA_SOURCE_UNAVAILABLE(6002, ErrorCategory.MEDIA_SOURCE, "reason"),

  // --- PLAYER (7xxx)
  /** The engine could not start (wasm failed to load or instantiate). Data: {@code reason}. */
  PLAYER_ENGINE_LOAD_FAILED(7001, ErrorCategory.PLAYER, "reason"),
  /** An API was called with an invalid argument. Data: {@code argument}, {@code reason}. */
  PLAYER_INVALID_ARGUMENT(7002, ErrorCategory.PLAYER, "argument", "reason"),
  /** A bug: an unexpected exception inside the engine. Data: {@code reason}. */
  PLAYER_INTERNAL(7003, ErrorCategory.PLAYER, "reason"),
  /** The player was destroyed while the operation was pending. Data: none. */
  PLAYER_DESTROYED(7004, ErrorCategory.PLAYER),
  /**
   * Audio cannot be played on the canvas path (no AudioWorklet, the AudioContext refused, or the
   * browser's autoplay policy holds it until a user gesture): the video plays on without it, on
   * the wall clock. Recoverable.
   */
  PLAYER_AUDIO_UNAVAILABLE(7005, ErrorCategory.PLAYER, "reason"),
  /**
   * The engine's worker stopped after it had started (an uncaught error in the worker): every
   * player on it fails and its pending requests reject. Critical. Data: {@code reason}.
   */
  PLAYER_ENGINE_CRASHED(7006, ErrorCategory.PLAYER, "reason");

  public final int code;
  public final ErrorCategory category;
  private final List<String> dataKeys;

  ErrorCode(int code, ErrorCategory category, String... dataKeys) {
    this.code = code;
    this.category = category;
    this.dataKeys = List.of(dataKeys);
  }

  /** The keys this code's data carries. */
  public List<String> dataKeys() {
    return dataKeys;
  }
}
