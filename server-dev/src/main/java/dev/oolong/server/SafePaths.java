package dev.oolong.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * Maps a raw (still percent-encoded) request path below a mount onto a file inside the mount's
 * root, refusing anything that could leave it: dot segments, encoded separators, backslashes,
 * NUL, invalid UTF-8, and symbolic links whose target lies outside the root.
 */
final class SafePaths {
  private SafePaths() {}

  /**
   * Resolves {@code rawRelative} (the request path after the mount prefix, encoded) in {@code
   * root}.
   *
   * @return the real path of an existing file or folder inside the root, or null when refused or
   *     missing
   */
  static Path resolve(Path root, String rawRelative) {
    String decoded = decodeSegments(rawRelative);
    if (decoded == null) {
      return null;
    }
    try {
      Path realRoot = root.toRealPath();
      Path candidate = realRoot.resolve(decoded).normalize();
      if (!candidate.startsWith(realRoot) || !Files.exists(candidate, LinkOption.NOFOLLOW_LINKS)
          && !Files.exists(candidate)) {
        return null;
      }
      Path real = candidate.toRealPath(); // follows links: the target must stay inside
      return real.startsWith(realRoot) ? real : null;
    } catch (IOException | SecurityException e) {
      return null;
    }
  }

  /**
   * Decodes each segment and joins them with '/'; null if any segment is unsafe. An empty path
   * decodes to "".
   */
  static String decodeSegments(String raw) {
    if (raw.indexOf('\\') >= 0 || raw.indexOf('\0') >= 0) {
      return null;
    }
    StringBuilder out = new StringBuilder();
    for (String seg : raw.split("/", -1)) {
      if (seg.isEmpty()) {
        continue;
      }
      String s = percentDecode(seg);
      if (s == null || s.equals(".") || s.equals("..") || s.indexOf('/') >= 0
          || s.indexOf('\\') >= 0 || s.indexOf('\0') >= 0 || s.indexOf(':') >= 0) {
        return null;
      }
      if (out.length() > 0) {
        out.append('/');
      }
      out.append(s);
    }
    return out.toString();
  }

  private static String percentDecode(String s) {
    if (s.indexOf('%') < 0) {
      return s;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '%') {
        if (i + 2 >= s.length()) {
          return null;
        }
        int hi = Character.digit(s.charAt(i + 1), 16);
        int lo = Character.digit(s.charAt(i + 2), 16);
        if (hi < 0 || lo < 0) {
          return null;
        }
        bytes.write(hi << 4 | lo);
        i += 2;
      } else {
        byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
        bytes.write(b, 0, b.length);
      }
    }
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes.toByteArray()))
          .toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }
}
