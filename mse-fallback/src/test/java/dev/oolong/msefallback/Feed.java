package dev.oolong.msefallback;

import dev.oolong.PlayerException;
import dev.oolong.TestMedia;
import dev.oolong.player.Pipeline;
import dev.oolong.upstream.FileDataSource;

/**
 * A fixture fed to an {@link MseSession} through the engine's one {@link Pipeline} (file source,
 * extractor, timeline), as the MSE player feeds it; the file source delivers within {@code
 * start()}, so the whole input is in the session when it returns.
 */
final class Feed {
  private Feed() {}

  static Pipeline through(MseSession session, String fixture) {
    return new Pipeline(new FileDataSource(), TestMedia.file(fixture).toString(), session.output(), () -> 0,
        new Pipeline.Events() {
          @Override
          public void inputEnded() {
            session.inputEnded();
          }

          @Override
          public void failed(PlayerException error) {
            session.fail(error);
          }
        });
  }
}
