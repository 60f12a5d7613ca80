package dev.oolong.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The barcode reader against the browser's own decoder (a native {@code <video src>}): the frame
 * shown at time t must read as floor(t·fps), from the video and from a canvas copy of it. This
 * checks the helper and the fixtures together; a blank canvas must read as -1.
 */
class BarcodeTest extends BrowserTest {

  @Test
  void readsTheFrameIndexFromVideoAndCanvas() throws Exception {
    int fps = Manifests.index().get("fps").asInt();
    page.navigate(url("/blank.html"));
    page.evaluate("""
        async () => {
          const v = document.createElement('video');
          v.id = 'v'; v.muted = true; v.src = '/test-media/mp4/h264-aac-moov-first.mp4';
          document.body.appendChild(v);
          const c = document.createElement('canvas'); c.id = 'c'; document.body.appendChild(c);
          await new Promise((ok, ko) => { v.onloadeddata = ok; v.onerror = () => ko(v.error); });
        }""");
    for (int frame : new int[] {0, 1, 2, 31, 64, 127, 150, 179}) {
      double t = (frame + 0.5) / fps;
      // 'seeked' can come before the frame is presented (seen on a loaded machine: the previous
      // seek's frame was still there): wait for the frame's presentation too, at most 3 s (a seek
      // within the frame on screen presents nothing new).
      page.evaluate("""
          async ([t, frame, fps]) => {
            const v = document.getElementById('v');
            const presented = new Promise((ok) => {
              const timer = setTimeout(ok, 3000);
              const check = (now, m) => {
                if (Math.floor(m.mediaTime * fps + 1e-3) === frame) { clearTimeout(timer); ok(); }
                else v.requestVideoFrameCallback(check);
              };
              v.requestVideoFrameCallback(check);
            });
            await new Promise(ok => { v.onseeked = ok; v.currentTime = t; });
            await presented;
            const c = document.getElementById('c');
            c.width = v.videoWidth; c.height = v.videoHeight;
            c.getContext('2d').drawImage(v, 0, 0);
          }""", java.util.List.of(t, frame, fps));
      assertThat(Barcode.read(page, "#v")).as("video at %.4f s", t).isEqualTo(frame);
      assertThat(Barcode.read(page, "#c")).as("canvas at %.4f s", t).isEqualTo(frame);
    }
  }

  @Test
  void somethingThatIsNotABarcodeReadsAsMinusOne() {
    page.navigate(url("/blank.html"));
    page.evaluate("""
        () => {
          const c = document.createElement('canvas'); c.id = 'grey'; c.width = 640; c.height = 360;
          const g = c.getContext('2d'); g.fillStyle = '#808080'; g.fillRect(0, 0, 640, 360);
          document.body.appendChild(c);
        }""");
    assertThat(Barcode.read(page, "#grey")).isEqualTo(-1);
  }
}
