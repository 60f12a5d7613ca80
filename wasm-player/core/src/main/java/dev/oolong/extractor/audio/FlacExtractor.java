package dev.oolong.extractor.audio;

import dev.oolong.C;
import dev.oolong.codec.FlacFrameHeader;
import dev.oolong.codec.FlacStreamInfo;
import dev.oolong.ErrorCode;
import dev.oolong.PlayerException;
import dev.oolong.extractor.BinarySearchSeeker;
import dev.oolong.extractor.BitrateSeekMap;
import dev.oolong.extractor.ContainerErrors;
import dev.oolong.extractor.Extractor;
import dev.oolong.extractor.ExtractorInput;
import dev.oolong.extractor.ExtractorOutput;
import dev.oolong.extractor.IndexSeekMap;
import dev.oolong.extractor.SeekGate;
import dev.oolong.extractor.SeekMap;
import dev.oolong.extractor.TrackOutput;
import dev.oolong.media.Format;
import dev.oolong.media.TrackType;
import dev.oolong.util.Crc;
import dev.oolong.media.Times;
import java.util.List;

/**
 * Native FLAC extractor: the {@code fLaC} marker, metadata blocks (STREAMINFO gives the format
 * and the block size), then frames. A frame has no length field: it ends where the next frame
 * header starts, a candidate being accepted only if its header CRC-8 matches and the frame before
 * it passes its CRC-16 (so a sync pattern inside audio data is not taken for a frame). The last
 * frame runs to the end of the input and is dropped if its CRC-16 fails (a truncated file).
 *
 * <p>Seeking: a SEEKTABLE gives exact points; without one, the bitrate (from STREAMINFO's total
 * samples and the input's length) gives a first position that a {@link BinarySearchSeeker}
 * refines with the frame headers' exact sample numbers, so the first frame after a seek is the
 * one holding the target.
 */
public final class FlacExtractor implements Extractor {
  static final int MAX_FRAME = 8 << 20;
  static final int MAX_METADATA = 16 << 20;

  private ExtractorOutput output;
  private SeekGate gate;
  private TrackOutput track;
  private long totalSamples;
  private long firstFramePosition = -1;
  private final java.util.List<long[]> seekTable = new java.util.ArrayList<>(); // {sample, offset}
  private BitrateSeekMap bitrateMap;
  private long length;
  private boolean markerRead;
  private boolean metadataDone;
  private int sampleRate;
  private int maxBlockSize;
  private int maxFrameSize;
  private byte[] window = new byte[64 * 1024];

  @Override
  public boolean sniff(ExtractorInput input) throws PlayerException {
    byte[] h = new byte[4];
    return input.peekFully(h, 0, 4, true) && h[0] == 'f' && h[1] == 'L' && h[2] == 'a' && h[3] == 'C';
  }

  @Override
  public String containerName() {
    return "flac";
  }

  @Override
  public void init(ExtractorOutput output) {
    this.gate = new SeekGate(output);
    this.output = gate;
  }

  @Override
  public int read(ExtractorInput input, PositionHolder seekPosition) throws PlayerException {
    if (gate.probeOver(input.getPosition(), 2L * MAX_FRAME)) {
      seekPosition.position = gate.nextPosition();
      return RESULT_SEEK;
    }
    if (!markerRead) {
      input.skipFully(4);
      markerRead = true;
      return RESULT_CONTINUE;
    }
    if (!metadataDone) {
      byte[] h = new byte[4];
      input.peekFully(h, 0, 4);
      boolean last = (h[0] & 0x80) != 0;
      int type = h[0] & 0x7F;
      int length = (h[1] & 0xFF) << 16 | (h[2] & 0xFF) << 8 | (h[3] & 0xFF);
      if (length > MAX_METADATA) {
        throw PlayerException.critical(ErrorCode.CONTAINER_TOO_LARGE, "FLAC metadata block of "
            + length + " bytes", "offset", input.getPosition(), "size", length, "limit", MAX_METADATA);
      }
      if (type == 0) {
        if (length < 34) {
          throw malformed(input.getPosition(), "STREAMINFO of " + length + " bytes");
        }
        byte[] body = new byte[length];
        input.skipFully(4);
        input.readFully(body, 0, length);
        try {
          onStreamInfo(body);
        } catch (IndexOutOfBoundsException e) {
          throw malformed(input.getPosition(), "STREAMINFO: " + e.getMessage());
        }
      } else if (type == 3 && length % 18 == 0) {
        byte[] body = new byte[length];
        input.skipFully(4);
        input.readFully(body, 0, length);
        readSeekTable(body);
      } else {
        input.skipFully(4 + length);
      }
      metadataDone = last;
      if (last && track != null && firstFramePosition < 0) {
        firstFramePosition = input.getPosition();
        publishSeekMap(input.getLength());
      }
      return RESULT_CONTINUE;
    }
    if (track == null) {
      throw malformed(input.getPosition(), "no STREAMINFO");
    }
    int result = readFrame(input);
    if (result == RESULT_END_OF_INPUT && gate.refining()) {
      seekPosition.position = gate.nextPosition(); // no frame after the probe
      return RESULT_SEEK;
    }
    return result;
  }

  private void readSeekTable(byte[] b) {
    for (int p = 0; p + 18 <= b.length; p += 18) {
      long sample = readLong(b, p);
      long offset = readLong(b, p + 8);
      if (sample != -1 && offset >= 0 && (seekTable.isEmpty()
          || sample > seekTable.get(seekTable.size() - 1)[0])) {
        seekTable.add(new long[] {sample, offset}); // placeholders (-1) and disorder are skipped
      }
    }
  }

  private static long readLong(byte[] b, int p) {
    long v = 0;
    for (int i = 0; i < 8; i++) {
      v = v << 8 | (b[p + i] & 0xFF);
    }
    return v;
  }

  private void publishSeekMap(long inputLength) {
    long duration = totalSamples > 0 ? Times.ticksToUs(totalSamples, sampleRate) : C.TIME_UNSET;
    if (!seekTable.isEmpty()) {
      long[] times = new long[seekTable.size()];
      long[] positions = new long[seekTable.size()];
      for (int i = 0; i < times.length; i++) {
        times[i] = Times.ticksToUs(seekTable.get(i)[0], sampleRate);
        positions[i] = firstFramePosition + seekTable.get(i)[1];
      }
      output.seekMap(new IndexSeekMap(times, positions, duration));
    } else if (inputLength != C.LENGTH_UNSET && duration != C.TIME_UNSET && duration > 0
        && inputLength > firstFramePosition) {
      length = inputLength;
      bitrateMap = BitrateSeekMap.estimate(firstFramePosition, 0, inputLength,
          (double) (inputLength - firstFramePosition) / duration, duration);
      output.seekMap(bitrateMap);
    }
  }

  private void onStreamInfo(byte[] b) {
    FlacStreamInfo info = FlacStreamInfo.parse(b, 0);
    maxBlockSize = info.maxBlockSize();
    maxFrameSize = info.maxFrameSize();
    sampleRate = info.sampleRate();
    totalSamples = info.totalSamples();
    track = output.track(1, TrackType.AUDIO);
    track.format(new Format(1, TrackType.AUDIO, "flac", "flac", 0, 0, sampleRate, info.channels(),
        List.of(info.body()), null, C.TIME_UNSET, false));
    output.endTracks();
    output.seekMap(SeekMap.notYet()); // a better one when the metadata is read
  }

  private int readFrame(ExtractorInput input) throws PlayerException {
    long remaining = input.isEndOfInputKnown() ? input.bytesAvailable()
        : input.getLength() == C.LENGTH_UNSET ? Long.MAX_VALUE : input.getLength() - input.getPosition();
    if (remaining == 0) {
      return RESULT_END_OF_INPUT;
    }
    FlacFrameHeader first = peekHeader(input, remaining);
    if (first == null) {
      input.skipFully(1); // not at a frame: search for the next one
      return RESULT_CONTINUE;
    }
    int limit = (int) Math.min(remaining, MAX_FRAME);
    int want = (int) Math.min(limit, Math.max(16 * 1024, maxFrameSize > 0 ? 2L * maxFrameSize + 64 : 64 * 1024));
    while (true) {
      if (window.length < want) {
        window = new byte[want];
      }
      input.resetPeekPosition();
      input.peekFully(window, 0, want);
      input.resetPeekPosition();
      int end = findNextFrame(window, want, first.headerLength());
      if (end > 0) {
        return emit(input, first, end);
      }
      if (want >= limit) {
        if (remaining <= MAX_FRAME && (long) want == remaining) {
          // The last frame: it must pass its CRC, or the file was cut inside it.
          if (Crc.crc16(window, 0, want) == 0) {
            return emit(input, first, want);
          }
          if (gate.refining()) {
            input.skipFully(want);
            return RESULT_END_OF_INPUT;
          }
          throw ContainerErrors.truncated("FLAC", input.getPosition(), "the last frame is cut short (its CRC fails)");
        }
        throw PlayerException.critical(ErrorCode.CONTAINER_TOO_LARGE, "A FLAC frame exceeds "
            + MAX_FRAME + " bytes", "offset", input.getPosition(), "size", want, "limit", MAX_FRAME);
      }
      want = (int) Math.min(limit, (long) want * 2);
    }
  }

  private int emit(ExtractorInput input, FlacFrameHeader h, int length) throws PlayerException {
    // Variable block size: the header counts samples. Fixed: it counts frames of the stream's
    // block size (STREAMINFO's, which every frame but the last has).
    long sample = h.variable() ? h.number() : h.number() * (maxBlockSize > 0 ? maxBlockSize : h.blockSize());
    long us = Times.ticksToUs(sample, sampleRate);
    byte[] frame = new byte[length];
    input.readFully(frame, 0, length);
    track.sampleData(frame, 0, length);
    track.sampleMetadata(us, us, TrackOutput.FLAG_KEY_FRAME, length, null);
    return RESULT_CONTINUE;
  }

  /**
   * The offset of the next frame header after a frame that passes its CRC-16, or -1. The CRC of
   * the bytes before each candidate is kept up to date as the scan goes (one pass).
   */
  private int findNextFrame(byte[] d, int size, int from) {
    int start = Math.max(from, 2);
    int crc = Crc.crc16(d, 0, start);
    for (int i = start; i + 1 < size; i++) {
      if (crc == 0 && (d[i] & 0xFF) == 0xFF && ((d[i + 1] & 0xFE) == 0xF8)
          && FlacFrameHeader.parse(d, i, size) != null) {
        return i;
      }
      crc = Crc.crc16Update(crc, d[i]);
    }
    return -1;
  }

  private FlacFrameHeader peekHeader(ExtractorInput input, long remaining) throws PlayerException {
    int n = (int) Math.min(16, remaining);
    byte[] h = new byte[16];
    input.resetPeekPosition();
    input.peekFully(h, 0, n);
    input.resetPeekPosition();
    return FlacFrameHeader.parse(h, 0, n);
  }

  private static PlayerException malformed(long offset, String reason) {
    return ContainerErrors.malformed("FLAC", offset, reason);
  }

  @Override
  public void seek(long position, long timeUs) {
    if (position == 0) {
      markerRead = false;
      metadataDone = false;
      seekTable.clear();
      firstFramePosition = -1;
    }
    if (position <= firstFramePosition || bitrateMap == null) {
      gate.pass();
      return;
    }
    gate.refine(new BinarySearchSeeker(timeUs, firstFramePosition, 0,
        Math.max(position + 1, length), bitrateMap.bytesPerUs(), 16, 1), position);
  }

  @Override
  public void release() {}
}
