package dev.oolong.manifest;

import java.util.List;

/**
 * What a streaming manifest offers, whatever its format: the variants a player chooses between
 * (bit rate ladders: video, or muxed audio and video) and the alternate renditions (audio,
 * subtitles) grouped by the variants that use them. Each variant and rendition has its own
 * {@link SegmentList}, loaded from its {@code url} (HLS media playlists; a DASH representation
 * maps onto the same shape). An HLS media playlist loaded directly is a presentation of one
 * variant with no bandwidth known.
 *
 * @param url the manifest's URL (the base of relative URLs)
 * @param variants the variants, in the manifest's order
 * @param renditions the alternate renditions
 * @param startOffsetUs where playback should start ({@code EXT-X-START}; negative: from the
 *     end), or {@code C.TIME_UNSET}
 * @param independentSegments every segment starts with a key frame ({@code
 *     EXT-X-INDEPENDENT-SEGMENTS})
 */
public record Presentation(String url, List<Variant> variants, List<Rendition> renditions,
    long startOffsetUs, boolean independentSegments) {

  public Presentation {
    variants = List.copyOf(variants);
    renditions = List.copyOf(renditions);
  }

  /**
   * One variant stream.
   *
   * @param url its segment list
   * @param bandwidth peak bits per second ({@code BANDWIDTH}), 0 when unknown
   * @param averageBandwidth average bits per second, 0 when not given
   * @param codecs RFC 6381 codec strings, comma-separated, or null
   * @param width picture width, 0 when not given
   * @param height picture height, 0 when not given
   * @param frameRate frames per second, 0 when not given
   * @param audioGroup the group of its alternate audio renditions, or null
   * @param subtitleGroup the group of its subtitle renditions, or null
   */
  public record Variant(String url, long bandwidth, long averageBandwidth, String codecs, int width,
      int height, double frameRate, String audioGroup, String subtitleGroup) {}

  /** What an alternate rendition carries. */
  public enum RenditionType { AUDIO, VIDEO, SUBTITLES, CLOSED_CAPTIONS }

  /**
   * An alternate rendition.
   *
   * @param type what it carries
   * @param groupId the group the variants refer to
   * @param name its human-readable name
   * @param language its language tag, or null
   * @param isDefault to be chosen without a user's choice
   * @param autoselect may be chosen for the user's language
   * @param forced subtitles to show even when the user chose none
   * @param url its segment list; null when it is carried in the variant's own stream
   * @param channels the audio channel count as given ({@code "2"}, {@code "6/JOC"}), or null
   */
  public record Rendition(RenditionType type, String groupId, String name, String language,
      boolean isDefault, boolean autoselect, boolean forced, String url, String channels) {}
}
