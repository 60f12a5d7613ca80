package dev.oolong.extractor.flv;

import dev.oolong.C;
import dev.oolong.ErrorCode;
import dev.oolong.PlayerException;
import dev.oolong.codec.H264Sps;
import dev.oolong.extractor.Extractor;
import dev.oolong.extractor.ExtractorInput;
import dev.oolong.extractor.ExtractorOutput;
import dev.oolong.extractor.IndexSeekMap;
import dev.oolong.extractor.ContainerErrors;
import dev.oolong.extractor.SeekMap;
import dev.oolong.extractor.TrackOutput;
import dev.oolong.codec.AudioSpecificConfig;
import dev.oolong.media.CodecStrings;
import dev.oolong.media.Format;
import dev.oolong.media.TrackType;
import dev.oolong.util.ParsableByteArray;
import java.util.List;
import java.util.Map;

/**
 * FLV extractor (Adobe FLV 10.1 and Enhanced RTMP): the file header, tags, {@code onMetaData}
 * (AMF0: duration, and a keyframe index when the muxer wrote one), AVC and AAC sequence headers
 * (as initialization data), AVC frames (length-prefixed NAL units, composition time), AAC and
 * MP3 audio, and enhanced video tags with FourCC {@code avc1}, {@code hvc1}, {@code av01}.
 * Timestamps are milliseconds (the extended byte gives the top 8 bits).
 */
public final class FlvExtractor implements Extractor {
  static final int TAG_AUDIO = 8;
  static final int TAG_VIDEO = 9;
  static final int TAG_SCRIPT = 18;

  private final byte[] tagHeader = new byte[11];
  private final byte[] scratch = new byte[11];
  /** Searching for the next tag after damage, from {@link #searchFrom}. */
  private boolean searching;
  private long searchFrom;
  private long resyncs;
  private long damagedTags;
  /** Audio and video tags handled. */
  private long avTags;
  private byte[] tag = new byte[64 * 1024];
  private ExtractorOutput output;
  private boolean headerRead;
  private boolean expectAudio;
  private boolean expectVideo;
  private TrackOutput audio;
  private TrackOutput video;
  private boolean audioFormatSent;
  /** The FLV sound format of the stream, once its format was sent. */
  private int soundFormatSent = -1;
  private boolean videoFormatSent;
  private boolean tracksEnded;
  private long durationUs = C.TIME_UNSET;
  private SeekMap seekMap;
  private IndexSeekMap keyframeIndex;

  @Override
  public boolean sniff(ExtractorInput input) throws PlayerException {
    byte[] h = new byte[9];
    if (!input.peekFully(h, 0, 9, true)) {
      return false;
    }
    int dataOffset = (h[5] & 0xFF) << 24 | (h[6] & 0xFF) << 16 | (h[7] & 0xFF) << 8 | (h[8] & 0xFF);
    return h[0] == 'F' && h[1] == 'L' && h[2] == 'V' && h[3] == 1 && (h[4] & 0xFA) == 0
        && dataOffset >= 9;
  }

  @Override
  public String containerName() {
    return "flv";
  }

  @Override
  public void init(ExtractorOutput output) {
    this.output = output;
  }

  @Override
  public int read(ExtractorInput input, PositionHolder seekPosition) throws PlayerException {
    if (!headerRead) {
      byte[] h = new byte[9];
      input.readFully(h, 0, 9);
      int dataOffset = (h[5] & 0xFF) << 24 | (h[6] & 0xFF) << 16 | (h[7] & 0xFF) << 8 | (h[8] & 0xFF);
      if (dataOffset < 9 || dataOffset > 1 << 20) {
        throw malformed(0, "data offset " + dataOffset);
      }
      input.skipFully(dataOffset - 9 + 4); // the rest of the header, PreviousTagSize0
      expectAudio = (h[4] & 0x04) != 0;
      expectVideo = (h[4] & 0x01) != 0;
      headerRead = true;
      return RESULT_CONTINUE;
    }
    long position = input.getPosition();
    if (!input.peekFully(tagHeader, 0, 11, true)) {
      if (searching) {
        // Searched to the end without finding a tag: the file was cut inside one.
        throw ContainerErrors.truncated("FLV", searchFrom, "the input ends inside a tag");
      }
      return end();
    }
    int type = tagHeader[0] & 0x1F;
    int size = (tagHeader[1] & 0xFF) << 16 | (tagHeader[2] & 0xFF) << 8 | (tagHeader[3] & 0xFF);
    long timestampMs = ((tagHeader[7] & 0xFFL) << 24) | ((tagHeader[4] & 0xFF) << 16)
        | ((tagHeader[5] & 0xFF) << 8) | (tagHeader[6] & 0xFF);
    timestampMs = (int) timestampMs; // 32-bit signed, as ffmpeg reads it
    if (!(searching ? plausible(tagHeader, 0) && fits(input, position, size)
        : fits(input, position, size) || plausible(tagHeader, 0) && lastTag(input, position, size))) {
      // Damage: the next tag is searched for byte by byte (a plausible header whose
      // PreviousTagSize agrees, or that is followed by another plausible header).
      if (!searching) {
        searching = true;
        searchFrom = position;
        resyncs++;
      }
      input.resetPeekPosition();
      input.skipFully(1);
      return RESULT_CONTINUE;
    }
    input.resetPeekPosition();
    searching = false;
    if ((tagHeader[0] & 0x20) != 0) {
      if (avTags > 0) {
        damagedTags++; // a filter flag on one tag of a clear stream: a damaged header
        input.skipFully(11 + size);
        input.readFully(tagHeader, 0, 4, true);
        return RESULT_CONTINUE;
      }
      throw PlayerException.critical(ErrorCode.CONTAINER_UNSUPPORTED,
          "Encrypted FLV tags are not supported", "container", "flv");
    }
    if (size > tag.length) {
      tag = new byte[size]; // at most 16 MiB: DataSize is 24 bits
    }
    input.skipFully(11);
    if (!input.readFully(tag, 0, size, true) && size > 0) {
      return end();
    }
    // The trailing PreviousTagSize may be missing at the very end of a file.
    if (!input.readFully(tagHeader, 0, 4, true)) {
      handle(type, size, timestampMs, position);
      return end();
    }
    handle(type, size, timestampMs, position);
    return RESULT_CONTINUE;
  }

  /**
   * Whether a header is plausible: an audio, video or script tag (the reserved bits clear) on
   * stream 0, as the specification requires.
   */
  private static boolean plausible(byte[] h, int o) {
    int type = h[o] & 0xFF;
    return (type == TAG_AUDIO || type == TAG_VIDEO || type == TAG_SCRIPT || type == (TAG_AUDIO | 0x20)
        || type == (TAG_VIDEO | 0x20)) && h[o + 8] == 0 && h[o + 9] == 0 && h[o + 10] == 0;
  }

  /**
   * Whether a tag of {@code size} at {@code position} is framed: its PreviousTagSize agrees (or
   * the input ends where it ends). Waits for the bytes (at most 16 MiB: the size is 24 bits).
   */
  private boolean fits(ExtractorInput input, long position, int size) throws PlayerException {
    long length = input.getLength();
    long end = position + 11 + size;
    if (length != C.LENGTH_UNSET && end > length) {
      return false; // runs past the end: a damaged size, or a file cut inside this tag
    }
    if (length != C.LENGTH_UNSET && end + 4 > length) {
      return true; // the last tag, its PreviousTagSize missing
    }
    input.resetPeekPosition();
    input.advancePeekPosition(11 + size);
    if (!input.peekFully(scratch, 0, 4, true)) {
      return true;
    }
    int previous = (scratch[0] & 0xFF) << 24 | (scratch[1] & 0xFF) << 16 | (scratch[2] & 0xFF) << 8
        | (scratch[3] & 0xFF);
    return previous == size + 11;
  }

  /**
   * For a tag whose PreviousTagSize disagrees (some muxers write it wrong): whether a plausible
   * header follows it, or the input ends there.
   */
  private boolean lastTag(ExtractorInput input, long position, int size) throws PlayerException {
    long length = input.getLength();
    if (length != C.LENGTH_UNSET && position + 11 + size + 4 > length) {
      return false;
    }
    input.resetPeekPosition();
    input.advancePeekPosition(11 + size + 4);
    return !input.peekFully(scratch, 0, 11, true) || plausible(scratch, 0);
  }

  /** Tags skipped as damaged (a codec or flag that contradicts the stream's). */
  public long damagedTags() {
    return damagedTags;
  }

  @Override
  public long damagedUnits() {
    return damagedTags;
  }

  /** Times the reader lost the tag boundaries and searched for the next tag. */
  @Override
  public long resyncs() {
    return resyncs;
  }

  private void handle(int type, int size, long timestampMs, long position) throws PlayerException {
    if (type == TAG_AUDIO || type == TAG_VIDEO) {
      avTags++;
    }
    try {
      if (type == TAG_AUDIO && size > 0) {
        audioTag(size, timestampMs);
      } else if (type == TAG_VIDEO && size > 0) {
        videoTag(size, timestampMs);
      } else if (type == TAG_SCRIPT) {
        scriptTag(size);
      }
    } catch (IndexOutOfBoundsException e) {
      throw malformed(position, "tag: " + e.getMessage());
    }
  }

  private void audioTag(int size, long timestampMs) throws PlayerException {
    int flags = tag[0] & 0xFF;
    int soundFormat = flags >> 4;
    if (audio == null) {
      audio = output.track(TAG_AUDIO, TrackType.AUDIO);
      maybeEndTracks();
    }
    if (audioFormatSent && soundFormat != soundFormatSent) {
      damagedTags++; // another format in the middle of the stream: a damaged tag
      return;
    }
    if (soundFormat == 10) { // AAC
      if (size < 2) {
        return;
      }
      if (tag[1] == 0) {
        if (!audioFormatSent && size >= 4) {
          AudioSpecificConfig asc = AudioSpecificConfig.parse(tag, 2, size - 2);
          audio.format(new Format(TAG_AUDIO, TrackType.AUDIO, "aac", "mp4a.40." + asc.audioObjectType(),
              0, 0, asc.sampleRate(), AudioSpecificConfig.channelCount(asc.channelConfiguration(), 0),
              List.of(java.util.Arrays.copyOfRange(tag, 2, size)), null, C.TIME_UNSET, false));
          audioFormatSent = true;
          soundFormatSent = soundFormat;
        }
        return;
      }
      emit(audio, 2, size, timestampMs, 0, true);
    } else if (soundFormat == 2 || soundFormat == 14) { // MP3
      if (!audioFormatSent) {
        // The tag header can only say 5.5, 11, 22 or 44 kHz (MP3 at 48 kHz is marked 44): the
        // frame's own header tells, when the tag holds one.
        int[] rates = {5512, 11025, 22050, 44100};
        int rate = soundFormat == 14 ? 8000 : rates[(flags >> 2) & 3];
        int channels = (flags & 1) + 1;
        dev.oolong.codec.MpegAudioHeader h = size >= 5 ? dev.oolong.codec.MpegAudioHeader.parse(tag, 1) : null;
        if (h != null) {
          rate = h.sampleRate();
          channels = h.channels();
        }
        audio.format(new Format(TAG_AUDIO, TrackType.AUDIO, "mp3", "mp3", 0, 0, rate, channels,
            List.of(), null, C.TIME_UNSET, false));
        audioFormatSent = true;
        soundFormatSent = soundFormat;
      }
      emit(audio, 1, size, timestampMs, 0, true);
    } else {
      throw PlayerException.critical(ErrorCode.CONTAINER_UNSUPPORTED,
          "FLV sound format " + soundFormat + " is not supported", "container", "flv");
    }
  }

  private void videoTag(int size, long timestampMs) throws PlayerException {
    int b0 = tag[0] & 0xFF;
    if (video == null) {
      video = output.track(TAG_VIDEO, TrackType.VIDEO);
      maybeEndTracks();
    }
    if ((b0 & 0x80) != 0) {
      enhancedVideoTag(size, timestampMs, (b0 >> 4) & 7, b0 & 0x0F);
      return;
    }
    int frameType = b0 >> 4;
    int codecId = b0 & 0x0F;
    if (codecId != 7 && videoFormatSent) {
      damagedTags++; // another codec in the middle of the stream: a damaged tag
      return;
    }
    if (codecId != 7) {
      throw PlayerException.critical(ErrorCode.CONTAINER_UNSUPPORTED,
          "FLV video codec " + codecId + " is not supported", "container", "flv");
    }
    if (frameType == 5 || size < 5) {
      return; // video info/command frame
    }
    int packetType = tag[1] & 0xFF;
    int cto = (tag[2] << 16) | ((tag[3] & 0xFF) << 8) | (tag[4] & 0xFF); // SI24
    if (packetType == 0) {
      videoConfig("avc1", 5, size);
    } else if (packetType == 1) {
      emit(video, 5, size, timestampMs, cto, frameType == 1);
    }
  }

  /** Enhanced RTMP video: FourCC after the first byte, then per packet type. */
  private void enhancedVideoTag(int size, long timestampMs, int frameType, int packetType)
      throws PlayerException {
    if (size < 5) {
      return;
    }
    String fourCc = new String(new char[] {(char) tag[1], (char) tag[2], (char) tag[3], (char) tag[4]});
    if (!fourCc.equals("avc1") && !fourCc.equals("hvc1") && !fourCc.equals("av01") && videoFormatSent) {
      damagedTags++;
      return;
    }
    if (!fourCc.equals("avc1") && !fourCc.equals("hvc1") && !fourCc.equals("av01")) {
      throw PlayerException.critical(ErrorCode.CONTAINER_UNSUPPORTED,
          "FLV video FourCC " + fourCc + " is not supported", "container", "flv");
    }
    if (frameType == 5) {
      return;
    }
    switch (packetType) {
      case 0 -> videoConfig(fourCc, 5, size);
      case 1 -> {
        int cto = 0;
        int offset = 5;
        if (!fourCc.equals("av01")) {
          cto = (tag[5] << 16) | ((tag[6] & 0xFF) << 8) | (tag[7] & 0xFF);
          offset = 8;
        }
        emit(video, offset, size, timestampMs, cto, frameType == 1);
      }
      case 3 -> emit(video, 5, size, timestampMs, 0, frameType == 1);
      default -> { } // sequence end, metadata, multitrack: nothing to emit
    }
  }

  /** A decoder configuration record (avcC, hvcC, av1C) at {@code tag[offset, size)}. */
  private void videoConfig(String fourCc, int offset, int size) {
    if (videoFormatSent || size - offset < 4) {
      return;
    }
    byte[] config = java.util.Arrays.copyOfRange(tag, offset, size);
    String codec;
    String codecString;
    int width = 0;
    int height = 0;
    switch (fourCc) {
      case "hvc1" -> {
        codec = "hevc";
        codecString = config.length >= 13 ? CodecStrings.hevc("hvc1", config, 0, config.length) : null;
      }
      case "av01" -> {
        codec = "av1";
        codecString = CodecStrings.av1(config, 0, config.length);
      }
      default -> {
        codec = "h264";
        codecString = CodecStrings.avc("avc1", config, 0, config.length);
        if (config.length > 8 && (config[5] & 0x1F) > 0) {
          int spsLength = (config[6] & 0xFF) << 8 | (config[7] & 0xFF);
          if (8 + spsLength <= config.length) {
            H264Sps sps = H264Sps.parse(config, 8, spsLength);
            width = sps.width();
            height = sps.height();
          }
        }
      }
    }
    video.format(new Format(TAG_VIDEO, TrackType.VIDEO, codec, codecString, width, height, 0, 0,
        List.of(config), null, C.TIME_UNSET, false));
    videoFormatSent = true;
  }

  private void emit(TrackOutput out, int offset, int size, long dtsMs, int ctoMs, boolean key) {
    if (out == video && !videoFormatSent) {
      out.format(new Format(TAG_VIDEO, TrackType.VIDEO, "h264", null, 0, 0, 0, 0, List.of(), null,
          C.TIME_UNSET, false));
      videoFormatSent = true;
    }
    if (offset > size) {
      return;
    }
    if (key && out == video && keyframeIndex != null) {
      keyframeIndex.setPresentationDelayUs(ctoMs * 1000L);
    }
    out.sampleData(tag, offset, size - offset);
    out.sampleMetadata((dtsMs + ctoMs) * 1000, dtsMs * 1000, key ? TrackOutput.FLAG_KEY_FRAME : 0,
        size - offset, null);
  }

  @SuppressWarnings("unchecked")
  private void scriptTag(int size) {
    ParsableByteArray b = new ParsableByteArray(tag, 0, size);
    Amf0 amf = new Amf0();
    Object name = amf.read(b, 0);
    if (!"onMetaData".equals(name) || b.bytesLeft() == 0) {
      return;
    }
    Object value = amf.read(b, 0);
    if (!(value instanceof Map)) {
      return;
    }
    Map<String, Object> meta = (Map<String, Object>) value;
    if (meta.get("duration") instanceof Double d && d > 0 && d < 1e9) {
      durationUs = (long) (d * 1e6);
    }
    if (meta.get("keyframes") instanceof Map<?, ?> k && k.get("filepositions") instanceof List<?> pos
        && k.get("times") instanceof List<?> times && pos.size() == times.size() && !pos.isEmpty()) {
      keyframeIndex = keyframeIndex((List<Object>) times, (List<Object>) pos);
      if (keyframeIndex != null) {
        seekMap = keyframeIndex;
      }
    }
  }

  /**
   * The {@code onMetaData.keyframes} index (decode times in seconds, file positions), or null
   * unless both lists hold numbers, times not decreasing and positions increasing.
   */
  private IndexSeekMap keyframeIndex(List<Object> times, List<Object> positions) {
    int n = times.size();
    long[] t = new long[n];
    long[] p = new long[n];
    for (int i = 0; i < n; i++) {
      if (!(times.get(i) instanceof Double time) || !(positions.get(i) instanceof Double pos)
          || time < 0 || pos < 0 || (i > 0 && (time * 1e6 < t[i - 1] || pos <= p[i - 1]))) {
        return null;
      }
      t[i] = (long) (time * 1e6);
      p[i] = (long) (double) pos;
    }
    return new IndexSeekMap(t, p, durationUs);
  }

  private void maybeEndTracks() {
    if (!tracksEnded && (!expectAudio || audio != null) && (!expectVideo || video != null)) {
      endTracks();
    }
  }

  private void endTracks() {
    tracksEnded = true;
    output.endTracks();
    output.seekMap(seekMap != null ? seekMap : SeekMap.unseekable(durationUs));
  }

  private int end() {
    if (!tracksEnded) {
      endTracks();
    }
    return RESULT_END_OF_INPUT;
  }

  private static PlayerException malformed(long offset, String reason) {
    return ContainerErrors.malformed("FLV", offset, reason);
  }

  @Override
  public void seek(long position, long timeUs) {
    headerRead = position > 0;
  }

  @Override
  public void release() {}
}
