package dev.oolong.decoder;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oolong.ErrorCode;
import dev.oolong.PlayerException;
import dev.oolong.Severity;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The feeder against a fake decoder that holds what it is given until told to output it. */
class DecoderFeederTest {
  /** A decoder that keeps chunks in flight until {@link #output}. */
  private static final class FakeDecoder implements DecoderPort {
    final List<EncodedChunk> inFlight = new ArrayList<>();
    final List<Long> decoded = new ArrayList<>();
    int resets;

    @Override
    public int queueSize() {
      return inFlight.size();
    }

    @Override
    public void decode(EncodedChunk chunk) {
      inFlight.add(chunk);
    }

    @Override
    public void reset() {
      inFlight.clear();
      resets++;
    }

    /** Decodes the oldest chunk in flight. */
    void output(DecoderFeeder feeder) {
      decoded.add(inFlight.remove(0).ptsUs());
      feeder.decoded();
      feeder.feed();
    }
  }

  private final FakeDecoder decoder = new FakeDecoder();
  private final List<PlayerException> errors = new ArrayList<>();
  private boolean wanted = true;
  private final DecoderFeeder feeder = new DecoderFeeder(decoder, () -> wanted, errors::add, "avc1.4d401e");

  /** Frame i at i × 33 ms; a key frame every 10. */
  private static EncodedChunk chunk(int i) {
    return new EncodedChunk(new byte[] {(byte) i}, i * 33_333L, i * 33_333L, i % 10 == 0);
  }

  @Test
  void theDecoderGetsAFewChunksAtATimeAndOnlyWhileItsOutputIsWanted() {
    for (int i = 0; i < 30; i++) {
      feeder.add(chunk(i));
    }
    assertThat(decoder.queueSize()).isEqualTo(DecoderFeeder.MAX_IN_DECODER);
    assertThat(feeder.pending()).isEqualTo(30 - DecoderFeeder.MAX_IN_DECODER);
    decoder.output(feeder);
    assertThat(decoder.queueSize()).as("topped up").isEqualTo(DecoderFeeder.MAX_IN_DECODER);
    wanted = false; // the scheduler has enough frames
    decoder.output(feeder);
    decoder.output(feeder);
    assertThat(decoder.queueSize()).isEqualTo(DecoderFeeder.MAX_IN_DECODER - 2);
    wanted = true;
    feeder.feed();
    assertThat(decoder.queueSize()).isEqualTo(DecoderFeeder.MAX_IN_DECODER);
    while (decoder.queueSize() > 0) {
      decoder.output(feeder);
    }
    assertThat(decoder.decoded).hasSize(30);
    assertThat(errors).isEmpty();
  }

  @Test
  void theExtractionHoldsWhileEnoughWaits() {
    wanted = false;
    for (int i = 0; i < DecoderFeeder.MAX_PENDING - 1; i++) {
      feeder.add(chunk(i));
    }
    assertThat(feeder.full()).isFalse();
    feeder.add(chunk(DecoderFeeder.MAX_PENDING));
    assertThat(feeder.full()).isTrue();
  }

  @Test
  void afterASeekDecodingStartsAtAKeyFrame() {
    for (int i = 0; i < 5; i++) {
      feeder.add(chunk(i));
    }
    feeder.seek();
    assertThat(decoder.resets).isEqualTo(1);
    assertThat(decoder.queueSize()).isZero();
    for (int i = 43; i < 55; i++) { // the seek point's chunks start mid-GOP: 43..49 cannot start
      feeder.add(chunk(i));
    }
    assertThat(decoder.inFlight.get(0).ptsUs()).isEqualTo(50 * 33_333L);
    assertThat(feeder.skipped()).isEqualTo(7);
  }

  @Test
  void aDecoderErrorResetsAndResumesAtTheNextKeyFrameThenGivesUpAfterThreeInARow() {
    for (int i = 0; i < 40; i++) {
      feeder.add(chunk(i));
    }
    decoder.output(feeder); // frame 0 fine
    feeder.error("EncodingError: corrupt slice");
    assertThat(errors).hasSize(1);
    assertThat(errors.get(0).errorCode()).isEqualTo(ErrorCode.CODEC_DECODE_FAILED);
    assertThat(errors.get(0).severity()).isEqualTo(Severity.RECOVERABLE);
    assertThat(decoder.resets).isEqualTo(1);
    assertThat(decoder.inFlight.get(0).ptsUs()).as("resumed at key frame 10").isEqualTo(10 * 33_333L);
    decoder.output(feeder); // a frame: the count starts again
    feeder.error("again");
    feeder.error("again");
    assertThat(errors).extracting(PlayerException::severity)
        .containsExactly(Severity.RECOVERABLE, Severity.RECOVERABLE, Severity.RECOVERABLE);
    feeder.error("and again");
    assertThat(errors).hasSize(4);
    assertThat(errors.get(3).severity()).isEqualTo(Severity.CRITICAL);
    int inFlight = decoder.queueSize();
    feeder.add(chunk(60));
    feeder.error("after giving up");
    assertThat(decoder.queueSize()).as("nothing more submitted").isEqualTo(inFlight);
    assertThat(errors).hasSize(4);
  }
}
