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
  void aDecoderErrorResetsAndResumesAtTheNextKeyFrameThenGivesUpWhenNothingDecodesForTheLimit() {
    feeder.setUndecodableLimitUs(1_000_000);
    for (int i = 0; i < 80; i++) {
      feeder.add(chunk(i));
    }
    decoder.output(feeder); // frame 0 fine
    feeder.error("EncodingError: corrupt slice");
    assertThat(errors).hasSize(1);
    assertThat(errors.get(0).errorCode()).isEqualTo(ErrorCode.CODEC_DECODE_FAILED);
    assertThat(errors.get(0).severity()).isEqualTo(Severity.RECOVERABLE);
    assertThat(decoder.resets).isEqualTo(1);
    assertThat(decoder.inFlight.get(0).ptsUs()).as("resumed at key frame 10").isEqualTo(10 * 33_333L);
    assertThat(feeder.skippedAfterFailure()).isEqualTo(5); // 5..9 (1..4 were in the decoder)
    decoder.output(feeder); // a frame: the failure is over
    assertThat(feeder.failing()).isFalse();
    // Failures from frame 14 on, nothing decoded: recoverable while less than 1 s of media went in.
    feeder.error("again"); // at frame 14: resumes at 20
    feeder.error("again"); // at frame 23: resumes at 30
    assertThat(errors).extracting(PlayerException::severity)
        .containsExactly(Severity.RECOVERABLE, Severity.RECOVERABLE, Severity.RECOVERABLE);
    for (int i = 0; i < 10 && errors.get(errors.size() - 1).severity() == Severity.RECOVERABLE; i++) {
      feeder.error("again"); // each at the fourth frame after a key frame (0.33 s apart)
    }
    assertThat(errors).hasSize(6);
    assertThat(errors.subList(0, 5)).extracting(PlayerException::severity).containsOnly(Severity.RECOVERABLE);
    assertThat(errors.get(5).severity()).isEqualTo(Severity.CRITICAL);
    assertThat(errors.get(5).getMessage()).contains("nothing decoded in 1.0 s of media");
    assertThat(feeder.resets()).isEqualTo(5);
    int inFlight = decoder.queueSize();
    feeder.add(chunk(90));
    feeder.error("after giving up");
    assertThat(decoder.queueSize()).as("nothing more submitted").isEqualTo(inFlight);
    assertThat(errors).hasSize(6);
  }

  @Test
  void anInputEndingWhileTheDecoderFailsIsCriticalAndWithoutAKeyFrameTheLimitStillHolds() {
    for (int i = 0; i < 3; i++) {
      feeder.add(chunk(i));
    }
    feeder.error("EncodingError");
    feeder.endOfInput();
    assertThat(errors).extracting(PlayerException::severity).containsExactly(Severity.RECOVERABLE, Severity.CRITICAL);

    DecoderFeeder other = new DecoderFeeder(new FakeDecoder(), () -> true, errors::add, "avc1");
    errors.clear();
    other.setUndecodableLimitUs(500_000);
    other.add(chunk(0));
    other.error("EncodingError");
    for (int i = 1; i < 40; i++) { // no key frame after the failure
      other.add(new EncodedChunk(new byte[1], i * 33_333L, i * 33_333L, false));
    }
    assertThat(errors).extracting(PlayerException::severity).containsExactly(Severity.RECOVERABLE, Severity.CRITICAL);
    assertThat(errors.get(1).getMessage()).contains("waiting for a key frame");
  }
}
