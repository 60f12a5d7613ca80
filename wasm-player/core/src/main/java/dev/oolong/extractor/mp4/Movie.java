package dev.oolong.extractor.mp4;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** What the engine reads from a {@code moov} box (ISO/IEC 14496-12 field names). */
public final class Movie {
  /** {@code mvhd} timescale and duration. */
  public long timescale;
  public long duration;
  /** {@code mvex}: the file is fragmented. */
  public boolean fragmented;
  /** {@code mehd} fragment_duration in the movie timescale, or -1 when absent. */
  public long fragmentDuration = -1;
  public final List<Track> tracks = new ArrayList<>();
  /** {@code trex} defaults by track_ID (fragmented files). */
  public final Map<Integer, Trex> trex = new HashMap<>();
  /** The {@code pssh} boxes of the {@code moov}, in order. */
  public final List<dev.oolong.media.PsshBox> pssh = new ArrayList<>();

  /** A {@code trex} box: the defaults of a track's fragments. */
  public record Trex(long defaultSampleDuration, long defaultSampleSize, int defaultSampleFlags) {}

  /** The encryption defaults of track {@code trackId}'s sample entry, or null when it is clear. */
  CommonEncryption.TrackEncryption encryption(int trackId) {
    for (Track t : tracks) {
      if (t.trackId == trackId && t.sampleEntry != null) {
        return t.sampleEntry.encryption;
      }
    }
    return null;
  }

  /** One {@code trak}. */
  public static final class Track {
    /** {@code tkhd} track_ID. */
    public int trackId;
    /** {@code hdlr} handler_type ({@code vide}, {@code soun}, ...). */
    public String handlerType = "";
    /** {@code mdhd} timescale, duration (all ones = unknown) and language. */
    public long mediaTimescale;
    public long mediaDuration;
    public String language;
    /** {@code elst} entries, in order. */
    public final List<Edit> edits = new ArrayList<>();
    /** The first {@code stsd} entry. */
    public SampleEntry sampleEntry;
    /** {@code stsz}/{@code stz2} sample_count (0 in a fragmented file's empty {@code moov}). */
    public long sampleCount;
    /**
     * The sample table boxes ({@code stts}, {@code ctts}, {@code stsc}, {@code stco}, {@code
     * co64}, {@code stsz}, {@code stz2}, {@code stss}, and for encrypted tracks {@code senc},
     * {@code saiz}, {@code saio}) as body ranges {start, end} in {@link
     * #boxData}, by box type.
     */
    public final Map<Integer, int[]> sampleTableBoxes = new HashMap<>();
    /** The bytes the ranges of {@link #sampleTableBoxes} point into (the moov payload). */
    public byte[] boxData;
    /** The file offset of {@code boxData[0]}. */
    public long boxDataOffset;
  }

  /** One {@code elst} entry; {@code mediaTime == -1} is an empty edit. */
  public record Edit(long segmentDuration, long mediaTime) {}

  /** The first sample description of a track. */
  public static final class SampleEntry {
    /** The entry's type, or for {@code encv}/{@code enca} the original format from {@code frma}. */
    public String fourCc;
    public boolean encrypted;
    /** The {@code sinf} defaults of an encrypted entry, or null. */
    CommonEncryption.TrackEncryption encryption;
    public int width;
    public int height;
    public int sampleRate;
    public int channels;
    /** ffprobe-style codec name ({@code h264}, {@code aac}, ...), or the four-character code. */
    public String codecName;
    /** RFC 6381 codec string, or null. */
    public String codecString;
    /** The codec configuration box's body ({@code avcC}, {@code hvcC}, ...), or null. */
    public byte[] configBytes;
  }
}
