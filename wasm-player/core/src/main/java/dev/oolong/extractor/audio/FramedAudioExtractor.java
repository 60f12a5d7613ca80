package dev.oolong.extractor.audio;

import dev.oolong.C;
import dev.oolong.ErrorCode;
import dev.oolong.PlayerException;
import dev.oolong.codec.MpegAudioHeader;
import dev.oolong.extractor.BitrateSeekMap;
import dev.oolong.extractor.Extractor;
import dev.oolong.extractor.ExtractorInput;
import dev.oolong.extractor.ExtractorOutput;
import dev.oolong.extractor.SeekMap;
import dev.oolong.extractor.TrackOutput;
import dev.oolong.media.TrackType;
import dev.oolong.media.Times;

/**
 * Elementary framed audio: ADTS AAC files and MP3 (MPEG audio) files. Skips a leading ID3v2
 * tag; in MP3, a Xing/Info or VBRI header frame is metadata, not audio, and is not emitted (as in
 * ffmpeg). One sample per frame, timestamps from the samples counted so far. Bytes that are not a
 * frame are skipped until one is found again (bounded by the input).
 *
 * <p>Seeking (these streams carry no timestamps): MP3 by its Xing or VBRI table when it has
 * one, else, and ADTS always, by a constant bitrate (the first frame's for MP3, the average of
 * the first {@link #BITRATE_FRAMES} frames for ADTS); time then counts on from the seek point's
 * time. After a seek, a frame is accepted only if the next frame's header follows it, so a sync
 * pattern inside audio data is not taken for a frame.
 */
public final class FramedAudioExtractor implements Extractor {
  /** Which framing. */
  public enum Kind { ADTS, MPEG_AUDIO }

  /** How many frames in a row must parse for {@link #sniff} to accept the input. */
  static final int SNIFF_FRAMES = 3;
  static final int MAX_SNIFF_GARBAGE = 4096;

  private final Kind kind;
  private final AudioFrames frames;
  private final byte[] header = new byte[10];
  private byte[] frame = new byte[8192];
  private ExtractorOutput output;
  private TrackOutput track;
  private long samples;
  private boolean started;
  private boolean firstFrame = true;
  /** ADTS frames averaged for the bitrate of the seek map. */
  static final int BITRATE_FRAMES = 32;
  private long baseUs;
  private long firstAudioPosition = -1;
  private boolean mapPublished;
  private long bytesCounted;
  private int framesCounted;
  private final byte[] nextHeader;
  private final FrameSync sync = new FrameSync();

  public FramedAudioExtractor(Kind kind) {
    this.kind = kind;
    this.frames = kind == Kind.ADTS ? AudioFrames.adts(1) : AudioFrames.mpegAudio(1);
    this.nextHeader = new byte[frames.headerSize()];
  }

  @Override
  public boolean sniff(ExtractorInput input) throws PlayerException {
    int start = id3Size(input);
    input.resetPeekPosition();
    if (start > 0) {
      input.advancePeekPosition(start);
    }
    byte[] h = new byte[10];
    for (int skipped = 0; skipped < MAX_SNIFF_GARBAGE; skipped++) {
      long at = input.getPeekPosition();
      int found = 0;
      while (found < SNIFF_FRAMES) {
        if (!input.peekFully(h, 0, frames.headerSize(), true)) {
          return found > 0;
        }
        AudioFrames.Frame f = frames.parse(h, 0);
        if (f == null) {
          break;
        }
        found++;
        input.advancePeekPosition(f.length() - frames.headerSize());
      }
      if (found == SNIFF_FRAMES) {
        return true;
      }
      input.resetPeekPosition();
      input.advancePeekPosition((int) (at - input.getPosition()) + 1);
    }
    return false;
  }

  /** The size of an ID3v2 tag at the peek position (header, footer included), or 0. */
  private static int id3Size(ExtractorInput input) throws PlayerException {
    byte[] h = new byte[10];
    if (!input.peekFully(h, 0, 10, true) || h[0] != 'I' || h[1] != 'D' || h[2] != '3') {
      return 0;
    }
    int size = (h[6] & 0x7F) << 21 | (h[7] & 0x7F) << 14 | (h[8] & 0x7F) << 7 | (h[9] & 0x7F);
    return 10 + size + ((h[5] & 0x10) != 0 ? 10 : 0);
  }

  @Override
  public String containerName() {
    return kind == Kind.ADTS ? "aac" : "mp3";
  }

  @Override
  public void init(ExtractorOutput output) {
    this.output = output;
  }

  @Override
  public int read(ExtractorInput input, PositionHolder seekPosition) throws PlayerException {
    if (!started) {
      int id3 = id3Size(input);
      input.resetPeekPosition();
      if (id3 > 0) {
        input.skipFully(id3);
      }
      started = true;
      return RESULT_CONTINUE;
    }
    if (input.isEndOfInputKnown() && input.bytesAvailable() < frames.headerSize()) {
      return end(); // fewer bytes left than a header (trailing bytes, a seek to the very end)
    }
    if (!input.peekFully(header, 0, frames.headerSize(), true)) {
      return end();
    }
    AudioFrames.Frame f = frames.parse(header, 0);
    if (f == null || !confirmed(input, f)) {
      input.skipFully(1); // not a frame (damage, or a seek landing mid-frame): resynchronise
      sync.skipped();
      return RESULT_CONTINUE;
    }
    sync.taken(f);
    int length = f.length();
    if (length > frame.length) {
      frame = new byte[length]; // bounded: 13 bits (ADTS) or the MPEG audio maximum
    }
    if (!input.readFully(frame, 0, length, true)) {
      return end();
    }
    if (track == null) {
      track = output.track(1, TrackType.AUDIO);
      track.format(f.format());
      output.endTracks();
      output.seekMap(SeekMap.notYet());
    }
    boolean info = firstFrame && kind == Kind.MPEG_AUDIO && isInfoFrame(frame, length);
    firstFrame = false;
    if (info) {
      SeekMap map = Mp3SeekMaps.fromHeaderFrame(frame, length, input.getPosition() - length,
          input.getLength());
      if (map != null) {
        output.seekMap(map);
        mapPublished = true;
      }
      return RESULT_CONTINUE; // a Xing/Info/VBRI header: metadata, not audio
    }
    if (firstAudioPosition < 0) {
      firstAudioPosition = input.getPosition() - length;
    }
    if (!mapPublished) {
      countForBitrate(f, length, input.getLength());
    }
    long ptsUs = baseUs + Times.ticksToUs(samples, f.sampleRate());
    samples += f.samples();
    track.sampleData(frame, 0, length);
    track.sampleMetadata(ptsUs, ptsUs, TrackOutput.FLAG_KEY_FRAME, length, null);
    return RESULT_CONTINUE;
  }

  /**
   * Whether the header read is a real frame: the header after it agrees with it, or none can
   * follow (the input ends) and it agrees with the frames before ({@link AudioFrames#confirmed}).
   */
  private boolean confirmed(ExtractorInput input, AudioFrames.Frame f) throws PlayerException {
    input.resetPeekPosition();
    long available = input.isEndOfInputKnown() ? input.bytesAvailable() : Long.MAX_VALUE;
    boolean atEnd = available < (long) f.length() + nextHeader.length;
    AudioFrames.Frame next = null;
    if (!atEnd) {
      input.advancePeekPosition(f.length());
      atEnd = !input.peekFully(nextHeader, 0, nextHeader.length, true);
      next = atEnd ? null : frames.parse(nextHeader, 0);
    }
    input.resetPeekPosition();
    return sync.confirmed(f, next, atEnd);
  }

  @Override
  public long resyncs() {
    return sync.resyncs();
  }

  /** Publishes the constant-bitrate seek map: MP3 from its first frame, ADTS from an average. */
  private void countForBitrate(AudioFrames.Frame f, int length, long inputLength) {
    bytesCounted += length;
    framesCounted++;
    if (inputLength == C.LENGTH_UNSET || kind == Kind.ADTS && framesCounted < BITRATE_FRAMES) {
      return;
    }
    double seconds = (double) framesCounted * f.samples() / f.sampleRate();
    double bitsPerSecond = bytesCounted * 8 / seconds;
    output.seekMap(BitrateSeekMap.exact(firstAudioPosition, inputLength, bitsPerSecond, 0));
    mapPublished = true;
  }

  private int end() throws PlayerException {
    if (track == null) {
      throw PlayerException.critical(ErrorCode.CONTAINER_MALFORMED,
          "No audio frame found", "offset", 0, "reason", "no frames");
    }
    return RESULT_END_OF_INPUT;
  }

  /** Whether an MPEG audio frame carries a Xing/Info (after the side information) or VBRI tag. */
  static boolean isInfoFrame(byte[] f, int length) {
    MpegAudioHeader h = MpegAudioHeader.parse(f, 0);
    if (h == null) {
      return false;
    }
    int side = h.version() == 1 ? (h.channels() == 1 ? 17 : 32) : (h.channels() == 1 ? 9 : 17);
    return tagAt(f, length, 4 + side, "Xing") || tagAt(f, length, 4 + side, "Info")
        || tagAt(f, length, 36, "VBRI");
  }

  private static boolean tagAt(byte[] f, int length, int at, String tag) {
    if (at + 4 > length) {
      return false;
    }
    for (int i = 0; i < 4; i++) {
      if (f[at + i] != tag.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  @Override
  public void seek(long position, long timeUs) {
    started = position > 0;
    samples = 0;
    baseUs = position == 0 ? 0 : timeUs;
    firstFrame = position == 0;
    sync.seeked();
  }

  @Override
  public void release() {}
}
