package dev.oolong.media;

import dev.oolong.C;
import dev.oolong.util.Json;
import java.util.List;

/**
 * What probing learned of a media resource.
 *
 * @param container the container's name ({@code mp4}, ...)
 * @param fragmented whether the file is fragmented (ISO BMFF {@code mvex})
 * @param durationUs the longest track's duration, or {@link C#TIME_UNSET}
 * @param sizeBytes the resource's size, or {@link C#LENGTH_UNSET}
 * @param tracks the tracks in container order
 */
public record MediaInfo(
    String container, boolean fragmented, long durationUs, long sizeBytes, List<TrackInfo> tracks) {

  public MediaInfo {
    tracks = List.copyOf(tracks);
  }

  public String toJson() {
    Json.ObjectWriter w = Json.object();
    w.put("container", container);
    w.put("fragmented", fragmented);
    w.put("duration", durationUs == C.TIME_UNSET ? Double.NaN : durationUs / 1e6);
    w.put("size", sizeBytes);
    Json.ArrayWriter a = Json.array();
    for (TrackInfo t : tracks) {
      a.addRaw(t.toJson());
    }
    w.putRaw("tracks", a.toString());
    return w.toString();
  }
}
