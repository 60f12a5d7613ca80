package dev.oolong.canvas;

import dev.oolong.ErrorCode;
import dev.oolong.PlayerException;
import dev.oolong.codec.Adts;
import dev.oolong.decoder.DecoderFeeder;
import dev.oolong.decoder.DecoderPort;
import dev.oolong.decoder.EncodedChunk;
import java.util.Arrays;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One decoded track of a {@link CanvasSession}: its decoder, the {@link DecoderFeeder} that keeps
 * it fed, the triage of its failures, and its end (the decoder flushed once the input ended).
 * What comes out goes to the track's {@link Output}; what the session must decide goes to its
 * {@link Host}.
 *
 * @param <T> what the decoder puts out (a frame, or PCM)
 */
final class DecodedTrack<T> {
  /** What the track needs of its session. */
  interface Host {
    /** The session was destroyed or failed: late reports are dropped. */
    boolean stopped();

    /** The input was read to its end (the decoder is flushed once it took everything). */
    boolean inputEnded();

    /** Counts seeks: a flush begun before one finishes for nothing. */
    int generation();

    /** Something came out or the track ended: the session runs. */
    void ran();

    /** The track's last output came out (its decoder flushed). */
    void ended(DecodedTrack<?> track);

    /** A failure: critical ones stop the session, recoverable ones are reported. */
    void failed(PlayerException error);

    /** The codec (or its configuration) cannot be decoded here. */
    void unsupported(DecodedTrack<?> track, PlayerException error);
  }

  /** Where decoded output goes. */
  interface Output<T> {
    void take(T decoded, long ptsUs);
  }

  final boolean isVideo;
  final String codec;
  final int width;
  final int height;
  final MediaDecoder decoder;
  final DecoderFeeder feeder;
  /** Tells the codec from the data when the decoder fails. */
  final DecoderErrorTriage triage;
  private final boolean stripAdts;
  private final Host host;
  private final Output<T> output;
  private boolean flushing;
  boolean flushed;
  private boolean producedAny;
  /** Given up (audio the browser cannot decode): late reports are dropped. */
  private boolean closed;

  /**
   * @param support asks the browser whether the configuration decodes (once)
   * @param decoders makes the decoder with the sink given
   * @param port what the feeder submits through (the decoder, or a timing wrapper of it)
   * @param wantsMore whether the output wants more decoded
   */
  DecodedTrack(boolean isVideo, String codec, boolean stripAdts, int width, int height, Host host,
      Consumer<Consumer<Boolean>> support, Function<DecoderSink<T>, MediaDecoder> decoders,
      Function<MediaDecoder, DecoderPort> port, BooleanSupplier wantsMore, Output<T> output) {
    this.isVideo = isVideo;
    this.codec = codec;
    this.stripAdts = stripAdts;
    this.width = width;
    this.height = height;
    this.host = host;
    this.output = output;
    this.triage = new DecoderErrorTriage(support, verdict());
    this.decoder = decoders.apply(new Sink());
    this.feeder = new DecoderFeeder(port.apply(decoder), wantsMore, this::onFeederError, codec);
  }

  void add(EncodedChunk chunk) {
    if (stripAdts) {
      byte[] data = chunk.data();
      int header = Adts.headerSize(data, 0, data.length);
      if (header > 0) {
        chunk = new EncodedChunk(Arrays.copyOfRange(data, header, data.length), chunk.ptsUs(),
            chunk.dtsUs(), chunk.key());
      }
    }
    feeder.add(chunk);
  }

  /** Feeds the decoder; once the input ended and everything was submitted, flushes it. */
  void pump() {
    feeder.feed();
    if (host.inputEnded() && !flushing && feeder.pending() == 0) {
      if (!producedAny) {
        feeder.endOfInput(); // failing since its start: nothing of the track will ever decode
      }
      flushing = true;
      int gen = host.generation();
      decoder.flush(error -> {
        if (gen != host.generation() || host.stopped()) {
          return; // a seek reset the decoder meanwhile
        }
        if (error != null) {
          feeder.error(error);
          flushing = false;
          return;
        }
        flushed = true;
        host.ended(this);
        host.ran();
      });
    }
  }

  void seek() {
    feeder.seek();
    flushing = false;
    flushed = false;
  }

  /** The track is given up: its decoder closes, its late reports are dropped. */
  void close() {
    closed = true;
    if (decoder != null) { // null when refused while it was made
      decoder.close();
    }
  }

  private void onFeederError(PlayerException e) {
    host.failed(e);
  }

  /** Receives the decoder's output. */
  private final class Sink implements DecoderSink<T> {
    @Override
    public void output(T value, long ptsUs) {
      if (host.stopped() || closed) {
        return;
      }
      producedAny = true;
      feeder.decoded();
      output.take(value, ptsUs);
      feeder.feed();
      host.ran();
    }

    @Override
    public void error(String reason) {
      if (host.stopped() || closed) {
        return; // the session stopped, or the track was given up: late reports go
      }
      triage.error(reason, feeder != null, producedAny);
    }

    @Override
    public void dequeued() {
      feeder.feed();
    }
  }

  private DecoderErrorTriage.Verdict verdict() {
    return new DecoderErrorTriage.Verdict() {
      @Override
      public void unsupported(String reason) {
        host.unsupported(DecodedTrack.this, PlayerException.critical(ErrorCode.CODEC_UNSUPPORTED,
            "WebCodecs cannot decode " + codec + " here (" + reason + ")", "codec", codec));
      }

      @Override
      public void decodeFailed(String reason) {
        feeder.error(reason);
      }

      @Override
      public boolean wanted() {
        return !host.stopped() && !closed;
      }
    };
  }
}
