package dev.oolong.render;

import dev.oolong.ErrorCode;
import dev.oolong.PlayerException;
import java.util.Locale;

/**
 * How decoded video reaches WebGL2 on the canvas path.
 *
 * <ul>
 *   <li>{@link #FRAME}: each {@code VideoFrame} is uploaded as a texture and the browser converts
 *       its colour. Cheapest where a GPU imports the decoder's frame directly.
 *   <li>{@link #PLANES}: the frame's I420/NV12 planes are copied into the frame ring and the YUV
 *       shader converts them with the bitstream's matrix and range. Where WebGL is rasterised in
 *       software (SwiftShader, llvmpipe: no GPU), uploading a {@code VideoFrame} costs so much
 *       that 720p30 cannot be held (measured: the worker's refresh fell to ~15 Hz), while the
 *       planes hold it.
 * </ul>
 * {@code auto} (the default) takes {@link #PLANES} on a software renderer and {@link #FRAME}
 * elsewhere.
 */
public enum VideoRender {
  FRAME,
  PLANES;

  /** Substrings of {@code UNMASKED_RENDERER_WEBGL} (lower case) that name a software rasteriser. */
  private static final String[] SOFTWARE = {"swiftshader", "llvmpipe", "softpipe", "software", "basic render driver"};

  /**
   * The way to draw: {@code requested} is the player's {@code videoRender} option ({@code auto},
   * {@code frame}, {@code planes}; null or empty is {@code auto}); {@code glRenderer} is the WebGL
   * renderer's name (empty when unknown).
   *
   * @throws PlayerException {@code PLAYER_INVALID_ARGUMENT} for any other option
   */
  public static VideoRender choose(String requested, String glRenderer) throws PlayerException {
    String r = requested == null ? "" : requested;
    return switch (r) {
      case "", "auto" -> isSoftware(glRenderer) ? PLANES : FRAME;
      case "frame" -> FRAME;
      case "planes" -> PLANES;
      default -> throw PlayerException.critical(ErrorCode.PLAYER_INVALID_ARGUMENT,
          "videoRender must be 'auto', 'frame' or 'planes', not '" + r + "'",
          "argument", "videoRender", "reason", "one of auto, frame, planes");
    };
  }

  /** Whether a WebGL renderer's name is a software rasteriser's. */
  public static boolean isSoftware(String glRenderer) {
    if (glRenderer == null) {
      return false;
    }
    String name = glRenderer.toLowerCase(Locale.ROOT);
    for (String s : SOFTWARE) {
      if (name.contains(s)) {
        return true;
      }
    }
    return false;
  }

  /** The option's name as the page writes it ({@code frame}, {@code planes}). */
  public String optionName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
