package dev.oolong.protocol;

/**
 * The types of the messages between the page and the engine worker. A message is a plain object
 * {@code {type, id, ...}}; the page side uses the generated constants, never literals.
 */
public enum MessageType {
  // page -> worker
  /** Probe a URL. Fields: {@code id}, {@code url}. */
  PROBE(1),
  /**
   * Diagnostics: extract every packet of a URL. Fields: {@code id}, {@code url}. Result: packet
   * and byte counts, the CRC-32 of the packet dump, elapsed ms.
   */
  DEMUX(2),
  /**
   * Diagnostics: load a URL into memory, then extract it {@code iterations} times. Fields: {@code
   * id}, {@code url}, {@code iterations}. Result: bytes, elapsed ms, MB/s.
   */
  DEMUX_BENCHMARK(3),
  /**
   * Benchmark: transmux the bytes given to what each SourceBuffer would be given (the MSE path's
   * work) and hand the output back. Fields: {@code id}, {@code data} (an {@code ArrayBuffer},
   * transferred). Result: {@code inBytes}, {@code engineMs} (from the message's arrival to the
   * output ready), {@code mimeTypes}, {@code segments} (how many segments each SourceBuffer was
   * given); the segments in {@code buffers}, one {@code ArrayBuffer} each, in SourceBuffer order,
   * transferred.
   */
  TRANSMUX(4),
  /**
   * Diagnostics: decode the first video frames of a URL with WebCodecs in the worker (the canvas
   * path's decoder, checked on its own). Fields: {@code id}, {@code url}, {@code frames}. Result:
   * the configuration used ({@code codec}, {@code description}: whether one was given), the
   * chunks decoded, each frame's timestamp and size; the frames themselves, transferred, in
   * {@code frames}.
   */
  DECODE_VIDEO(5),
  /**
   * Diagnostics: decode a URL's audio track with WebCodecs in the worker. Fields: {@code id},
   * {@code url}. Result: the configuration used, the chunks decoded, the frames out, their rate
   * and channels, the first channel's RMS and frequency (zero crossings per second).
   */
  DECODE_AUDIO(6),
  /**
   * Diagnostics: play a URL's video track once at real-time speed on an {@code OffscreenCanvas}
   * (decoded with WebCodecs, scheduled on the worker's display refreshes, wall clock master).
   * Fields: {@code id}, {@code url}, {@code canvas} (transferred). Result, after the last frame:
   * frames decoded, rendered and dropped, elapsed ms.
   */
  RENDER_VIDEO(7),
  /**
   * Create player {@code player} and load a URL. Fields: {@code player}, {@code url}, {@code
   * mode} ({@code mse} or {@code webcodecs}), {@code fallback} ({@code mse}, {@code canvas} or empty:
   * where playback goes on when this path fails, see {@code PathPolicy}). MSE path: {@code mainThread} (1: the MediaSource on
   * the page), {@code bufferGoal} and {@code backBuffer} (seconds); the worker answers with {@link
   * #PLAYER_MEDIA} (or {@link #PLAYER_MSE} commands), then {@link #PLAYER_EVENT}s. Canvas path:
   * {@code canvas} (an {@code OffscreenCanvas}, transferred), {@code width}, {@code height} (its
   * size in device pixels), {@code audioPort} (a {@code MessagePort} to the AudioWorklet,
   * transferred), {@code audioRate} (the {@code AudioContext}'s rate), {@code audioLatency}
   * (seconds); the worker answers with {@link #PLAYER_EVENT}s named like the media element's.
   */
  PLAYER_LOAD(10),
  /**
   * The media element is seeking. Fields as {@link #PLAYER_TIME}, {@code time} being the target.
   */
  PLAYER_SEEK(11),
  /** Destroy a player: stop loading, release its MediaSource. Fields: {@code player}. */
  PLAYER_DESTROY(12),
  /**
   * What the page's MediaSource did (main-thread MSE only). Fields: {@code player}, {@code
   * event} (a {@link PageMseEvent}), {@code buffer}, {@code reason}.
   */
  PLAYER_MSE_EVENT(13),
  /**
   * The element's state, reported on its events and a few times a second (the engine decides
   * buffering, hole jumps and reloads from it). Fields: {@code player}, {@code time}, {@code
   * readyState}, {@code duration} (seconds), {@code buffered} ([start0, end0, ...] seconds), {@code
   * event} (the element's event that caused the report, or empty: the player's state follows it;
   * {@code error}: the element failed, {@code reason} says how).
   */
  PLAYER_TIME(14),
  /**
   * A control of a player on the canvas path. Fields: {@code player}, {@code op} (a {@link
   * PlayerCommand}'s value), {@code value} and {@code value2} (what the command says).
   */
  PLAYER_CONTROL(15),

  // worker -> page
  /** The engine is loaded and accepts messages. Fields: {@code version}. */
  READY(100),
  /** The result of a request. Fields: {@code id}, {@code json} (the result as JSON). */
  RESULT(101),
  /** A request failed. Fields: {@code id}, {@code json} (a serialised PlayerException). */
  ERROR(102),
  /** The worker could not load the engine (sent by the worker script). Fields: {@code reason}. */
  LOAD_FAILED(103),
  /**
   * A player's MediaSource is ready to attach. Fields: {@code player}, {@code handle} (a
   * transferred {@code MediaSourceHandle}: the page sets it as the element's {@code srcObject}).
   */
  PLAYER_MEDIA(104),
  /**
   * Something happened in a player. Fields: {@code player}, {@code json}: {@code {"event":
   * "stats"|"error"|"endOfStream"|"jump"|"path", ...}} (errors carry the serialised PlayerException;
   * {@code jump} asks the page to move the element to {@code time}, over a hole; {@code path}: this
   * path failed, go on along {@code path} from the same position, for {@code reason}).
   */
  PLAYER_EVENT(105),
  /**
   * An operation for the page's MediaSource (main-thread MSE, where workers have none). Fields:
   * {@code player}, {@code op} (a {@link PageMseOp}), {@code buffer}, {@code mime}, {@code data},
   * {@code seconds}: what the operation says it takes.
   */
  PLAYER_MSE(106);

  public final int value;

  MessageType(int value) {
    this.value = value;
  }

  /** The type with this value, or null. */
  public static MessageType of(int value) {
    for (MessageType t : values()) {
      if (t.value == value) {
        return t;
      }
    }
    return null;
  }
}
