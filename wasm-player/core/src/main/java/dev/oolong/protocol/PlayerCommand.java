package dev.oolong.protocol;

/**
 * The operations of a {@link MessageType#PLAYER_CONTROL} message ({@code op}), with what its
 * {@code value} and {@code value2} carry. Declared once here; the page uses the generated
 * constants.
 */
public enum PlayerCommand {
  /** Play (from the start again after the end). */
  PLAY(1),
  /** Pause. */
  PAUSE(2),
  /** Seek: {@code value} the target in seconds. */
  SEEK(3),
  /** The playback rate: {@code value} (0.25–4 applied). */
  RATE(4),
  /** The canvas's size in device pixels: {@code value} the width, {@code value2} the height. */
  SIZE(5),
  /** The audio output's latency: {@code value} in seconds. */
  AUDIO_LATENCY(6),
  /** The audio output: {@code value} 1 on, 0 held by the browser (autoplay policy). */
  AUDIO_OUTPUT(7),
  /** Benchmarks: every frame drawn as soon as it is decoded; {@code value} 1 on, 0 off. */
  UNPACED(8),
  /** Tests: the barcode read back after each frame drawn; {@code value} 1 on, 0 off. */
  PROBE(9),
  /** The variant to play from the next segment on: {@code value} its index in the levels. */
  LEVEL(10);

  public final int value;

  PlayerCommand(int value) {
    this.value = value;
  }

  /** The command with this value, or null. */
  public static PlayerCommand of(int value) {
    for (PlayerCommand c : values()) {
      if (c.value == value) {
        return c;
      }
    }
    return null;
  }
}
