package dev.oolong.canvas;

import dev.oolong.audio.PcmOutput;
import dev.oolong.audio.Pcm;
import dev.oolong.decoder.AudioDecoderConfig;
import dev.oolong.decoder.VideoDecoderConfig;
import dev.oolong.util.Clock;
import dev.oolong.sync.VideoScheduler;
import java.util.function.Consumer;

/**
 * What the canvas player needs from where it runs: decoders (WebCodecs in the browser, fakes on
 * the JVM), the audio output, the renderer and the wall clock.
 *
 * @param <F> the decoded frame type
 */
public interface CanvasPlatform<F> {
  /** A video decoder for {@code config}; a refused configuration is reported to the sink. */
  MediaDecoder videoDecoder(VideoDecoderConfig config, DecoderSink<F> sink);

  /**
   * Whether a video decoder for {@code config} is supported here (WebCodecs' {@code
   * isConfigSupported}), answered once, perhaps later. Asked when a decoder fails before its first
   * output: the codec then, or the data? Default: supported.
   */
  default void videoSupported(VideoDecoderConfig config, Consumer<Boolean> answer) {
    answer.accept(true);
  }

  /** {@link #videoSupported} for audio. */
  default void audioSupported(AudioDecoderConfig config, Consumer<Boolean> answer) {
    answer.accept(true);
  }

  /** An audio decoder for {@code config}, putting out PCM. */
  MediaDecoder audioDecoder(AudioDecoderConfig config, DecoderSink<Pcm> sink);

  /** The audio output for {@code channels} at {@link #audioRate}, or null when there is none. */
  PcmOutput audioOutput(int channels);

  /** The audio output's sample rate. */
  int audioRate();

  /** Draws and releases frames. */
  VideoScheduler.Renderer<F> renderer();

  /** The wall clock. */
  Clock clock();

  /** The wall clock as the time of day, ms since the epoch (a live stream's latency is read on it). */
  default long epochMs() {
    return System.currentTimeMillis();
  }

  /** What decrypts HLS AES-128 segments (WebCrypto in the browser), or null: none. */
  default dev.oolong.upstream.Cipher cipher() {
    return null;
  }

  /** Timers, for waits between attempts of a failing load. Default: none (at once). */
  default dev.oolong.upstream.Delay delay() {
    return dev.oolong.upstream.Delay.NOW;
  }
}
