package dev.oolong.server;

import java.util.Locale;
import java.util.Map;

/** Content types by file extension, for everything a media player serves. */
final class MimeTypes {
  private static final Map<String, String> TYPES = Map.ofEntries(
      Map.entry("html", "text/html; charset=utf-8"),
      Map.entry("htm", "text/html; charset=utf-8"),
      Map.entry("css", "text/css; charset=utf-8"),
      Map.entry("js", "text/javascript; charset=utf-8"),
      Map.entry("mjs", "text/javascript; charset=utf-8"),
      Map.entry("map", "application/json; charset=utf-8"),
      Map.entry("json", "application/json; charset=utf-8"),
      Map.entry("ts", "video/mp2t"),
      Map.entry("d.ts", "text/plain; charset=utf-8"),
      Map.entry("txt", "text/plain; charset=utf-8"),
      Map.entry("svg", "image/svg+xml"),
      Map.entry("png", "image/png"),
      Map.entry("jpg", "image/jpeg"),
      Map.entry("ico", "image/x-icon"),
      Map.entry("wasm", "application/wasm"),
      Map.entry("tgz", "application/gzip"),
      Map.entry("m3u8", "application/vnd.apple.mpegurl"),
      Map.entry("m3u", "audio/mpegurl"),
      Map.entry("mpd", "application/dash+xml"),
      Map.entry("m4s", "video/iso.segment"),
      Map.entry("mp4", "video/mp4"),
      Map.entry("m4v", "video/mp4"),
      Map.entry("m4a", "audio/mp4"),
      Map.entry("mov", "video/quicktime"),
      Map.entry("webm", "video/webm"),
      Map.entry("mkv", "video/x-matroska"),
      Map.entry("flv", "video/x-flv"),
      Map.entry("ogg", "audio/ogg"),
      Map.entry("oga", "audio/ogg"),
      Map.entry("ogv", "video/ogg"),
      Map.entry("opus", "audio/ogg"),
      Map.entry("mp3", "audio/mpeg"),
      Map.entry("aac", "audio/aac"),
      Map.entry("flac", "audio/flac"),
      Map.entry("wav", "audio/wav"),
      Map.entry("vtt", "text/vtt; charset=utf-8"),
      Map.entry("srt", "application/x-subrip"));

  private MimeTypes() {}

  static String of(String fileName) {
    String name = fileName.toLowerCase(Locale.ROOT);
    if (name.endsWith(".d.ts")) {
      return TYPES.get("d.ts");
    }
    int dot = name.lastIndexOf('.');
    String type = dot < 0 ? null : TYPES.get(name.substring(dot + 1));
    return type != null ? type : "application/octet-stream";
  }
}
