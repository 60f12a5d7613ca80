package dev.oolong.extractor;

import dev.oolong.PlayerException;
import dev.oolong.extractor.audio.FlacExtractor;
import dev.oolong.extractor.audio.FramedAudioExtractor;
import dev.oolong.extractor.flv.FlvExtractor;
import dev.oolong.extractor.mkv.MatroskaExtractor;
import dev.oolong.extractor.mp4.Mp4Extractor;
import dev.oolong.extractor.ogg.OggExtractor;
import dev.oolong.extractor.ts.TsExtractor;
import java.util.List;
import java.util.function.Supplier;

/** The extractors the engine knows, tried in order; the bytes decide, never the file name. */
public final class Extractors {
  private static final List<Supplier<Extractor>> ALL = List.of(Mp4Extractor::new,
      TsExtractor::new, FlvExtractor::new, MatroskaExtractor::new, OggExtractor::new,
      FlacExtractor::new,
      () -> new FramedAudioExtractor(FramedAudioExtractor.Kind.ADTS),
      () -> new FramedAudioExtractor(FramedAudioExtractor.Kind.MPEG_AUDIO));

  private Extractors() {}

  /**
   * The container of a resource from its first bytes: the name of the first extractor whose
   * {@link Extractor#sniff} accepts them, null when none does, or {@link #UNDECIDED} when an
   * extractor needs more bytes than {@code head} holds to decide.
   *
   * @param totalLength the resource's length, or {@code C.LENGTH_UNSET}
   */
  public static String containerOf(byte[] head, long totalLength) {
    BufferedExtractorInput input = new BufferedExtractorInput(0, totalLength);
    input.append(head, 0, head.length);
    if (totalLength != dev.oolong.C.LENGTH_UNSET && head.length >= totalLength) {
      input.setEndOfInput();
    }
    try {
      Extractor e = sniff(input);
      return e == null ? null : e.containerName();
    } catch (NeedMoreDataException | PlayerException e) {
      return UNDECIDED;
    }
  }

  /** {@link #containerOf}: the first bytes are not enough to decide. */
  public static final String UNDECIDED = "undecided";

  /** A new instance of every extractor, in sniffing order (for tests and fuzzing). */
  public static List<Extractor> all() {
    return ALL.stream().map(Supplier::get).toList();
  }

  /**
   * The first extractor whose {@link Extractor#sniff} accepts the input, or null. Peeks only;
   * the peek position is reset afterwards.
   *
   * @throws NeedMoreDataException when the input is too short yet to decide
   */
  public static Extractor sniff(ExtractorInput input) throws PlayerException {
    for (Supplier<Extractor> factory : ALL) {
      Extractor e = factory.get();
      try {
        if (e.sniff(input)) {
          return e;
        }
      } catch (PlayerException | IndexOutOfBoundsException | IllegalArgumentException notThis) {
        // the input ended inside, or contradicts, what this extractor looked for: not this one
      } finally {
        input.resetPeekPosition();
      }
    }
    return null;
  }
}
