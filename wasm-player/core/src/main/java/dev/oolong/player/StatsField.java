package dev.oolong.player;

/**
 * Every field of {@code getStats()}, declared once: its key, its TypeScript type, the path it
 * belongs to, who fills it (the engine, in the stats it sends; or the page, which alone can know
 * it) and what it means. The engine's writers put these keys; the page's {@code PlayerStats}
 * interfaces are generated from this list.
 */
public enum StatsField {
  // every path
  PATH("path", Path.COMMON, By.PAGE, null, "The output path playing."),
  PATH_REASON("pathReason", Path.COMMON, By.PAGE, "string",
      "Why this path plays: the mode asked for it, `auto` chose it, `setPath()` moved to it, or the other path failed "
          + "(then the failure is named)."),
  PATH_SWITCHES("pathSwitches", Path.COMMON, By.PAGE, "number", "Path switches since the load (by `setPath()` or after a failure)."),
  PATH_SWITCH_MS("pathSwitchMs", Path.COMMON, By.PAGE, "number | null",
      "The last path switch's time from its start to playback (or the paused picture) on the new path (ms), or null."),
  STATE("state", Path.COMMON, By.ENGINE, "PlayerStateName",
      "Where the player is, as the engine's state machine tracks it (`'idle'` before its first report)."),
  LOADING("loading", Path.COMMON, By.ENGINE, "boolean", "Whether the download is still running (it may be held, see `held`)."),
  HELD("held", Path.COMMON, By.ENGINE, "boolean",
      "Whether loading is paused because enough is buffered ahead (the output holds: samples wait in the sample queues, the extraction stopping once they are full)."),
  QUEUED_MS("queuedMs", Path.COMMON, By.ENGINE, "number",
      "Media waiting in the sample queues between the extraction and the output (ms, the longest track)."),
  ERRORS("errors", Path.COMMON, By.PAGE, "PlayerError[]", "Errors reported so far."),
  CORRUPTED_PACKETS("corruptedPackets", Path.COMMON, By.ENGINE, "number",
      "Units of the container found damaged and skipped or cut short: transport packets after a continuity gap, FLV tags, "
          + "Ogg pages."),
  RESYNCS("resyncs", Path.COMMON, By.ENGINE, "number",
      "Times the extractor lost the container's structure (a TS sync byte, an FLV tag boundary) and searched for the next unit."),
  REPAIRED_TIMESTAMPS("repairedTimestamps", Path.COMMON, By.ENGINE, "number",
      "Sample times moved by the timeline: a corrupt time put back where its neighbours place it, a decode time made "
          + "increasing, a presentation time raised to its decode time."),
  DROPPED_SAMPLES("droppedSamples", Path.COMMON, By.ENGINE, "number",
      "Samples dropped for their time: a corrupt time with no room between its neighbours, audio overlapping what was played."),
  DISCONTINUITIES("discontinuities", Path.COMMON, By.ENGINE, "number",
      "Timestamp jumps the timeline re-based (a spliced or reset stream), so that time runs on continuously."),
  RECOVERIES("recoveries", Path.COMMON, By.ENGINE, "number",
      "Faults played past: connections resumed, an input cut short played to its cut, decoder resets (canvas), a "
          + "MediaSource rebuilt after an append failure (MSE)."),
  LIVE("live", Path.COMMON, By.ENGINE, "boolean", "Whether the stream is live (an HLS list that may still grow)."),
  LATENCY("latency", Path.COMMON, By.ENGINE, "number | null",
      "Live: seconds from the capture of the media at the position (the segments' `EXT-X-PROGRAM-DATE-TIME`) to "
          + "now, by the engine's wall clock; null when not live or without program date times."),
  PLAYLIST_RELOADS("playlistReloads", Path.COMMON, By.ENGINE, "number", "Reloads of a live playlist."),
  BANDWIDTH_ESTIMATE("bandwidthEstimate", Path.COMMON, By.ENGINE, "number",
      "The ABR's throughput estimate, bits per second (its default until segments were measured)."),
  AUTO_LEVEL("autoLevel", Path.COMMON, By.ENGINE, "boolean",
      "Whether the HLS variant is chosen automatically (ABR over a multivariant playlist, not chosen by hand)."),

  // MSE path
  MIME_TYPE("mimeType", Path.MSE, By.ENGINE, "string | null", "The SourceBuffers' MIME types with their codecs, once known."),
  BUFFERED("buffered", Path.MSE, By.PAGE, "Array<[number, number]>", "Buffered ranges of the element, in seconds."),
  BYTES_APPENDED("bytesAppended", Path.MSE, By.ENGINE, "number", "Bytes appended to the SourceBuffers."),
  SEGMENTS_APPENDED("segmentsAppended", Path.MSE, By.ENGINE, "number", "Segments appended (init segments included)."),
  SILENT_FRAMES("silentFrames", Path.MSE, By.ENGINE, "number", "Silent audio frames inserted into holes of the source."),
  RETRIES("retries", Path.MSE, By.ENGINE, "number", "Broken connections resumed (with a range request where the bytes stopped)."),
  EVICTIONS("evictions", Path.MSE, By.ENGINE, "number", "Removals from the buffer (back buffer, or room made when it was full)."),
  HOLES_SKIPPED("holesSkipped", Path.MSE, By.ENGINE, "number", "Holes in the buffered media the playhead was moved over."),
  FIRST_VIDEO_SAMPLE_AT("firstVideoSampleAt", Path.MSE, By.ENGINE, "number | null",
      "When the first video sample (after the load or the last seek the engine moved for) came out of the extractor: "
          + "`performance.timeOrigin + performance.now()` of the worker (ms), or null. The start of the glass-to-glass "
          + "delay the benchmarks measure."),
  AUDIO_DECODED_BYTES("audioDecodedBytes", Path.MSE, By.PAGE, "number",
      "Decoded audio bytes (`webkitAudioDecodedByteCount`), or -1 when the browser has none."),

  // canvas path
  AUDIO_PATH("audioPath", Path.CANVAS, By.ENGINE, "string",
      "How audio reaches the worklet: `ring` (SharedArrayBuffer), `posted` (messages, when the page is not cross-origin "
          + "isolated), or `none`."),
  RENDERER("renderer", Path.CANVAS, By.ENGINE, "string", "What draws: `webgl2`, or `2d` where WebGL2 cannot be had."),
  GL_RENDERER("glRenderer", Path.CANVAS, By.ENGINE, "string", "WebGL's renderer name (`UNMASKED_RENDERER_WEBGL`), empty when unknown."),
  VIDEO_RENDER("videoRender", Path.CANVAS, By.ENGINE, "string",
      "`frame` (VideoFrame textures) or `planes` (frame ring + YUV shader): what `videoRender` chose."),
  RING_DROPS("ringDrops", Path.CANVAS, By.ENGINE, "number", "Frames dropped because they were larger than the frame ring's slots (`planes` only)."),
  PROBE("probe", Path.CANVAS, By.ENGINE, "{ count: number; draws: Array<[number, number]> } | null",
      "@internal Tests only: the barcode read back after each frame drawn, `[ptsUs, index]`, the last 900."),
  REFRESH_STALLS("refreshStalls", Path.CANVAS, By.ENGINE, "number",
      "Heartbeats the engine gave on a timer because no display refresh came for 0.1 s (a hidden page, a starved compositor)."),
  VIDEO_CODEC("videoCodec", Path.CANVAS, By.ENGINE, "string", "The video track's codec string, empty without one."),
  AUDIO_CODEC("audioCodec", Path.CANVAS, By.ENGINE, "string", "The audio track's codec string, empty without one."),
  WIDTH("width", Path.CANVAS, By.ENGINE, "number", "The video's coded width in pixels (0 without video)."),
  HEIGHT("height", Path.CANVAS, By.ENGINE, "number", "The video's coded height in pixels (0 without video)."),
  DECODED_FRAMES("decodedFrames", Path.CANVAS, By.ENGINE, "number", "Frames out of the video decoder."),
  RENDERED_FRAMES("renderedFrames", Path.CANVAS, By.ENGINE, "number", "Frames drawn."),
  DROPPED_FRAMES("droppedFrames", Path.CANVAS, By.ENGINE, "number", "Frames decoded but never drawn (late)."),
  DECODER_RESETS("decoderResets", Path.CANVAS, By.ENGINE, "number",
      "Decoder errors (video and audio): each dropped the access unit it failed on, reset the decoder and resumed at the "
          + "next key frame."),
  DROPPED_ACCESS_UNITS("droppedAccessUnits", Path.CANVAS, By.ENGINE, "number",
      "Access units not decoded because of damage: rejected by the decoder, or skipped after a rejection up to the next "
          + "key frame (video and audio)."),
  HELD_FRAMES("heldFrames", Path.CANVAS, By.ENGINE, "number",
      "Video frames for which the last good picture stayed up, their access units rejected or skipped after a decoder error."),
  DECODE_MS_PER_FRAME("decodeMsPerFrame", Path.CANVAS, By.ENGINE, "number",
      "Mean time from a chunk's submission to its frame coming out of the decoder (ms; includes its reordering delay)."),
  AV_OFFSET_MS("avOffsetMs", Path.CANVAS, By.ENGINE, "number | null",
      "Mean of (frame time − audio heard) when each frame was seen (ms), or null."),
  AV_OFFSET_P95_MS("avOffsetP95Ms", Path.CANVAS, By.ENGINE, "number | null",
      "95th percentile of |frame time − audio heard| over the last frames (ms), or null."),
  AV_SAMPLES("avSamples", Path.CANVAS, By.ENGINE, "number", "Frames the A/V offset figures are taken over (the last 512 at most)."),
  GLASS_FIRST_MS("glassFirstMs", Path.CANVAS, By.ENGINE, "number | null",
      "Glass-to-glass of the first frame drawn: its sample's arrival out of the extractor to the frame drawn (ms), or null."),
  GLASS_MEDIAN_MS("glassMedianMs", Path.CANVAS, By.ENGINE, "number | null",
      "Median glass-to-glass over the last frames drawn (ms; while playing it includes the wait for the frame's time), or null."),
  GLASS_SAMPLES("glassSamples", Path.CANVAS, By.ENGINE, "number", "Frames the glass-to-glass median is taken over (the last 512 at most)."),
  AUDIO_UNDERRUNS("audioUnderruns", Path.CANVAS, By.ENGINE, "number", "Render quanta the AudioWorklet found the ring dry while playing."),
  AUDIO_MASTER("audioMaster", Path.CANVAS, By.ENGINE, "boolean", "Whether the audio output is the clock now."),
  AUDIO_PLAYED_FRAMES("audioPlayedFrames", Path.CANVAS, By.ENGINE, "number", "Frames the AudioWorklet has played."),
  MEDIA_TIME("mediaTime", Path.CANVAS, By.ENGINE, "number",
      "The engine's media time when it made this report (the counts above are as of then), seconds."),
  AUDIO_RMS("audioRms", Path.CANVAS, By.PAGE, "number", "RMS of the last ~0.1 s the AudioWorklet played (after volume)."),
  AUDIO_HELD("audioHeld", Path.CANVAS, By.PAGE, "boolean",
      "The browser holds audio until a user gesture (autoplay policy): the picture plays muted on the wall clock.");

  /** Which stats the field belongs to. */
  public enum Path { COMMON, MSE, CANVAS }

  /** Who fills the field: the engine's stats reports, or the page. */
  public enum By { ENGINE, PAGE }

  /** The key in the stats object (and in the engine's stats report). */
  public final String key;
  public final Path path;
  public final By by;
  /** The TypeScript type (null: written by hand, the path's literal). */
  public final String tsType;
  public final String doc;

  StatsField(String key, Path path, By by, String tsType, String doc) {
    this.key = key;
    this.path = path;
    this.by = by;
    this.tsType = tsType;
    this.doc = doc;
  }
}
