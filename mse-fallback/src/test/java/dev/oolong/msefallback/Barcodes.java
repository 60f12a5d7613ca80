package dev.oolong.msefallback;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads the frame-index barcode of a decoded frame (ffmpeg decodes; the top 16 rows, 40 px a bit). */
final class Barcodes {
  private Barcodes() {}

  /** The index painted in frame {@code n} of a file, or -1 if a bit is not clearly black or white. */
  static int read(Path file, int n, int width, String decryptionKey) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("ffmpeg", "-v", "error", "-nostdin"));
    if (decryptionKey != null) {
      cmd.addAll(List.of("-decryption_key", decryptionKey));
    }
    cmd.addAll(List.of("-i", file.toString(), "-vf", "select=eq(n\\," + n + "),crop=" + width
        + ":16:0:0,format=gray", "-frames:v", "1", "-f", "rawvideo", "-"));
    Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    byte[] gray = p.getInputStream().readAllBytes();
    p.waitFor();
    if (gray.length < width * 16) {
      return -1;
    }
    int value = 0;
    for (int bit = 0; bit < width / 40; bit++) {
      int lum = gray[8 * width + bit * 40 + 20] & 0xFF;
      if (lum > 60 && lum < 190) {
        return -1;
      }
      if (lum > 128) {
        value |= 1 << bit;
      }
    }
    return value;
  }
}
