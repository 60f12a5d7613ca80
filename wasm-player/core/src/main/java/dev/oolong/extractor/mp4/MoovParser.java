package dev.oolong.extractor.mp4;

import dev.oolong.codec.AudioSpecificConfig;
import static dev.oolong.extractor.mp4.BoxTypes.*;

import dev.oolong.PlayerException;
import dev.oolong.media.CodecStrings;
import dev.oolong.util.ParsableBitArray;
import dev.oolong.util.ParsableByteArray;

/**
 * Parses a {@code moov} box body into a {@link Movie}: movie and media timescales and durations,
 * edit lists, handlers, the first sample description of each track with its codec configuration
 * ({@code avcC}, {@code hvcC}, {@code av1C}, {@code vpcC}, {@code esds}, {@code dOps}, {@code
 * dfLa}) and sample counts. Field names follow ISO/IEC 14496-12. Any read past a box's end
 * becomes a {@code CONTAINER_MALFORMED} error; the walk only descends along known paths, so its
 * depth is fixed.
 */
public final class MoovParser {
  private final byte[] data;
  private final long fileOffset;

  private MoovParser(byte[] data, long fileOffset) {
    this.data = data;
    this.fileOffset = fileOffset;
  }

  /**
   * Parses the body of a {@code moov} box.
   *
   * @param data the bytes holding the body
   * @param start the body's first byte (after the box header)
   * @param end one past the body's last byte
   * @param fileOffset the file offset of {@code data[0]}, for error data
   */
  public static Movie parse(byte[] data, int start, int end, long fileOffset)
      throws PlayerException {
    MoovParser p = new MoovParser(data, fileOffset);
    Movie movie = new Movie();
    try {
      Boxes.children(data, start, end, fileOffset, (type, s, e) -> {
        if (type == MVHD) {
          p.parseMvhd(movie, s, e);
        } else if (type == TRAK) {
          Movie.Track track = new Movie.Track();
          p.parseTrak(track, s, e);
          movie.tracks.add(track);
        } else if (type == MVEX) {
          movie.fragmented = true;
          p.parseMvex(movie, s, e);
        } else if (type == PSSH) {
          movie.pssh.add(CommonEncryption.parsePssh(data, Boxes.boxStart(data, s, e), s, e, fileOffset));
        }
      });
    } catch (IndexOutOfBoundsException ex) {
      throw Boxes.malformed(fileOffset + start, "moov: " + ex.getMessage());
    }
    return movie;
  }

  private ParsableByteArray body(int start, int end) {
    return new ParsableByteArray(data, start, end);
  }

  private void parseMvhd(Movie movie, int s, int e) {
    ParsableByteArray b = body(s, e);
    int version = b.readUnsignedByte();
    b.skip(3);
    if (version == 1) {
      b.skip(16);
      movie.timescale = b.readUnsignedInt();
      movie.duration = b.readLong();
    } else {
      b.skip(8);
      movie.timescale = b.readUnsignedInt();
      movie.duration = b.readUnsignedInt();
    }
  }

  private void parseMvex(Movie movie, int s, int e) throws PlayerException {
    Boxes.children(data, s, e, fileOffset, (type, cs, ce) -> {
      ParsableByteArray b = body(cs, ce);
      if (type == MEHD) {
        int version = b.readUnsignedByte();
        b.skip(3);
        movie.fragmentDuration = version == 1 ? b.readLong() : b.readUnsignedInt();
      } else if (type == TREX) {
        b.skip(4);
        int trackId = b.readInt();
        b.skip(4); // default_sample_description_index
        long duration = b.readUnsignedInt();
        long size = b.readUnsignedInt();
        movie.trex.put(trackId, new Movie.Trex(duration, size, b.readInt()));
      }
    });
  }

  private void parseTrak(Movie.Track track, int s, int e) throws PlayerException {
    Boxes.children(data, s, e, fileOffset, (type, cs, ce) -> {
      if (type == TKHD) {
        ParsableByteArray b = body(cs, ce);
        int version = b.readUnsignedByte();
        b.skip(3 + (version == 1 ? 16 : 8));
        track.trackId = b.readInt();
      } else if (type == EDTS) {
        Boxes.children(data, cs, ce, fileOffset, (t2, es, ee) -> {
          if (t2 == ELST) {
            parseElst(track, es, ee);
          }
        });
      } else if (type == MDIA) {
        parseMdia(track, cs, ce);
      }
    });
  }

  private void parseElst(Movie.Track track, int s, int e) {
    ParsableByteArray b = body(s, e);
    int version = b.readUnsignedByte();
    b.skip(3);
    long count = b.readUnsignedInt();
    int entrySize = version == 1 ? 20 : 12;
    if (count > b.bytesLeft() / entrySize) {
      throw new IndexOutOfBoundsException("elst entry_count " + count + " exceeds the box");
    }
    for (long i = 0; i < count; i++) {
      long segmentDuration = version == 1 ? b.readLong() : b.readUnsignedInt();
      long mediaTime = version == 1 ? b.readLong() : b.readInt();
      b.skip(4); // media_rate_integer, media_rate_fraction
      track.edits.add(new Movie.Edit(segmentDuration, mediaTime));
    }
  }

  private void parseMdia(Movie.Track track, int s, int e) throws PlayerException {
    Boxes.children(data, s, e, fileOffset, (type, cs, ce) -> {
      ParsableByteArray b = body(cs, ce);
      if (type == MDHD) {
        int version = b.readUnsignedByte();
        b.skip(3);
        if (version == 1) {
          b.skip(16);
          track.mediaTimescale = b.readUnsignedInt();
          track.mediaDuration = b.readLong();
        } else {
          b.skip(8);
          track.mediaTimescale = b.readUnsignedInt();
          long d = b.readUnsignedInt();
          track.mediaDuration = d == 0xFFFFFFFFL ? -1 : d;
        }
        int lang = b.readUnsignedShort();
        if (lang != 0 && lang != 0x7FFF) {
          char[] c = {(char) (((lang >> 10) & 0x1F) + 0x60), (char) (((lang >> 5) & 0x1F) + 0x60),
              (char) ((lang & 0x1F) + 0x60)};
          track.language = new String(c);
        }
      } else if (type == HDLR) {
        b.skip(8);
        track.handlerType = b.readFourCc();
      } else if (type == MINF) {
        Boxes.children(data, cs, ce, fileOffset, (t2, ms, me) -> {
          if (t2 == STBL) {
            parseStbl(track, ms, me);
          }
        });
      }
    });
  }

  private void parseStbl(Movie.Track track, int s, int e) throws PlayerException {
    track.boxData = data;
    track.boxDataOffset = fileOffset;
    Boxes.children(data, s, e, fileOffset, (type, cs, ce) -> {
      ParsableByteArray b = body(cs, ce);
      if (type == STTS || type == CTTS || type == STSC || type == STCO || type == CO64
          || type == STSZ || type == STZ2 || type == STSS || type == SENC || type == SAIZ
          || type == SAIO) {
        track.sampleTableBoxes.put(type, new int[] {cs, ce});
      }
      if (type == STSD) {
        b.skip(4);
        long count = b.readUnsignedInt();
        if (count > 0) {
          // The first entry describes the track; further entries are rare alternates.
          int entryStart = b.position();
          long size = b.readUnsignedInt();
          if (size < 16 || size > ce - entryStart) {
            throw Boxes.malformed(fileOffset + entryStart, "stsd entry size " + size);
          }
          int type2 = b.readInt();
          track.sampleEntry = parseSampleEntry(type2, entryStart + 8, entryStart + (int) size);
        }
      } else if (type == STSZ) {
        b.skip(8); // version, flags, sample_size
        track.sampleCount = b.readUnsignedInt();
      } else if (type == STZ2) {
        b.skip(8); // version, flags, reserved, field_size
        track.sampleCount = b.readUnsignedInt();
      }
    });
  }

  private Movie.SampleEntry parseSampleEntry(int type, int s, int e) throws PlayerException {
    Movie.SampleEntry entry = new Movie.SampleEntry();
    entry.fourCc = name(type);
    ParsableByteArray b = body(s, e);
    b.skip(8); // reserved, data_reference_index
    String kind = SampleEntryKinds.kindOf(entry.fourCc);
    int childrenStart;
    if ("video".equals(kind)) {
      b.skip(16);
      entry.width = b.readUnsignedShort();
      entry.height = b.readUnsignedShort();
      b.skip(50);
      childrenStart = b.position();
    } else if ("audio".equals(kind)) {
      int version = b.readUnsignedShort();
      b.skip(6);
      entry.channels = b.readUnsignedShort();
      b.skip(6); // samplesize, pre_defined/compression_id, reserved/packet_size
      entry.sampleRate = b.readFixedPoint1616Integer();
      if (version == 1) {
        b.skip(16);
      } else if (version == 2) {
        b.skip(4);
        entry.sampleRate = (int) Math.round(Double.longBitsToDouble(b.readLong()));
        entry.channels = b.readInt();
        b.skip(20);
      }
      childrenStart = b.position();
    } else {
      entry.codecName = entry.fourCc;
      return entry;
    }
    entry.encrypted = "encv".equals(entry.fourCc) || "enca".equals(entry.fourCc);
    int[] configBox = {0, 0, 0};
    Boxes.children(data, childrenStart, e, fileOffset, (t, cs, ce) -> {
      if (t == SINF) {
        entry.encryption = CommonEncryption.parseSinf(data, cs, ce, fileOffset);
        Boxes.children(data, cs, ce, fileOffset, (t2, ss, se) -> {
          if (t2 == FRMA && se - ss >= 4) {
            entry.fourCc = name((int) Boxes.readUnsignedInt(data, ss));
          }
        });
      } else if (t == AVCC || t == HVCC || t == AV1C || t == VPCC || t == ESDS || t == DOPS
          || t == DFLA) {
        configBox[0] = t;
        configBox[1] = cs;
        configBox[2] = ce;
      } else if (t == WAVE && configBox[0] == 0) {
        // QuickTime audio: the esds sits inside a 'wave' box.
        Boxes.children(data, cs, ce, fileOffset, (t2, ws, we) -> {
          if (t2 == ESDS) {
            configBox[0] = t2;
            configBox[1] = ws;
            configBox[2] = we;
          }
        });
      }
    });
    entry.codecName = SampleEntryKinds.codecName(entry.fourCc);
    applyConfig(entry, configBox[0], configBox[1], configBox[2]);
    return entry;
  }

  private void applyConfig(Movie.SampleEntry entry, int type, int s, int e) {
    int len = e - s;
    if (type != 0) {
      entry.configBytes = java.util.Arrays.copyOfRange(data, s, e);
    }
    if (type == AVCC) {
      entry.codecString = CodecStrings.avc(entry.fourCc, data, s, len);
    } else if (type == HVCC) {
      entry.codecString = CodecStrings.hevc(entry.fourCc, data, s, len);
    } else if (type == AV1C) {
      entry.codecString = CodecStrings.av1(data, s, len);
    } else if (type == VPCC) {
      entry.codecString = CodecStrings.vp9(data, s + 4, len - 4);
    } else if (type == DOPS) {
      entry.codecString = "opus";
      entry.channels = data[s + 1] & 0xFF;
      entry.sampleRate = 48000; // Opus always decodes at 48 kHz; InputSampleRate is informative.
    } else if (type == DFLA) {
      parseDfla(entry, s + 4, e);
    } else if (type == ESDS) {
      parseEsds(entry, s + 4, e);
    } else if ("vp08".equals(entry.fourCc)) {
      entry.codecString = "vp8";
    } else if ("Opus".equals(entry.fourCc)) {
      entry.codecString = "opus";
    } else if (".mp3".equals(entry.fourCc)) {
      entry.codecString = "mp3";
    } else if ("ac-3".equals(entry.fourCc) || "ec-3".equals(entry.fourCc)) {
      entry.codecString = entry.fourCc;
    }
  }

  private void parseDfla(Movie.SampleEntry entry, int s, int e) {
    entry.codecString = "flac";
    ParsableByteArray b = body(s, e);
    int header = b.readUnsignedByte();
    int length = b.readUnsignedInt24();
    if ((header & 0x7F) == 0 && length >= 18) { // STREAMINFO
      b.skip(10);
      ParsableBitArray bits = new ParsableBitArray(data, b.position(), 3);
      entry.sampleRate = bits.readBits(20);
      entry.channels = bits.readBits(3) + 1;
    }
  }

  /** ES_Descriptor (ISO/IEC 14496-1 7.2.6.5) → DecoderConfigDescriptor → DecoderSpecificInfo. */
  private void parseEsds(Movie.SampleEntry entry, int s, int e) {
    ParsableByteArray b = body(s, e);
    if (b.readUnsignedByte() != 0x03) {
      return;
    }
    readDescriptorSize(b);
    b.skip(2); // ES_ID
    int flags = b.readUnsignedByte();
    if ((flags & 0x80) != 0) {
      b.skip(2);
    }
    if ((flags & 0x40) != 0) {
      b.skip(b.readUnsignedByte());
    }
    if ((flags & 0x20) != 0) {
      b.skip(2);
    }
    if (b.readUnsignedByte() != 0x04) {
      return;
    }
    readDescriptorSize(b);
    int objectType = b.readUnsignedByte();
    b.skip(12); // streamType, bufferSizeDB, maxBitrate, avgBitrate
    int audioObjectType = 0;
    if (b.bytesLeft() > 0 && b.readUnsignedByte() == 0x05) {
      int size = readDescriptorSize(b);
      if (size >= 2 && size <= b.bytesLeft()) {
        AudioSpecificConfig asc = AudioSpecificConfig.parse(data, b.position(), size);
        audioObjectType = asc.audioObjectType();
        if (asc.sampleRate() > 0) {
          entry.sampleRate = asc.sampleRate();
        }
        if (asc.channelConfiguration() > 0) {
          entry.channels = AudioSpecificConfig.channelCount(asc.channelConfiguration(), entry.channels);
        }
      }
    }
    entry.codecName = SampleEntryKinds.mp4aCodecName(objectType);
    entry.codecString = CodecStrings.mp4a(objectType, audioObjectType);
  }

  private static int readDescriptorSize(ParsableByteArray b) {
    int size = 0;
    for (int i = 0; i < 4; i++) {
      int c = b.readUnsignedByte();
      size = size << 7 | (c & 0x7F);
      if ((c & 0x80) == 0) {
        break;
      }
    }
    return size;
  }
}
