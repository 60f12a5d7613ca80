package dev.oolong.probe;

import dev.oolong.PlayerException;
import dev.oolong.media.MediaInfo;
import dev.oolong.upstream.DataSource;

/** Runs a probe to completion on the JVM and checks the callback comes exactly once. */
final class ProbeHarness {
  MediaInfo info;
  PlayerException error;
  int callbacks;

  static ProbeHarness run(DataSource source, String uri) {
    ProbeHarness h = new ProbeHarness();
    Prober.probe(source, uri, new Prober.Callback() {
      @Override
      public void onResult(MediaInfo i) {
        h.info = i;
        h.callbacks++;
      }

      @Override
      public void onError(PlayerException e) {
        h.error = e;
        h.callbacks++;
      }
    });
    return h;
  }
}
