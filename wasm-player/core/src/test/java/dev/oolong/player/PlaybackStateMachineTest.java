package dev.oolong.player;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The player's state machine against the media element's rules (HTML's "media element" events
 * and their order): each scenario's events and states are compared with what a {@code <video>}
 * emits for the same story.
 */
class PlaybackStateMachineTest {
  final List<String> log = new ArrayList<>();
  final PlaybackStateMachine m = new PlaybackStateMachine(new PlaybackStateMachine.Listener() {
    @Override
    public void event(PlayerEvent event) {
      log.add(event.wireName());
    }

    @Override
    public void stateChanged(PlayerState from, PlayerState to) {
      log.add(from + ">" + to);
    }
  });

  private List<String> take() {
    List<String> copy = List.copyOf(log);
    log.clear();
    return copy;
  }

  @Test
  void aLoadPlayedToTheEndGoesThroughEveryStateOnceInTheElementsOrder() {
    assertThat(m.state()).isEqualTo(PlayerState.IDLE);
    m.load();
    assertThat(take()).containsExactly("IDLE>LOADING", "loadstart");
    assertThat(m.play()).isTrue(); // asked before the metadata: remembered
    assertThat(take()).containsExactly("play");
    assertThat(m.wantsToRun()).isFalse(); // no metadata yet
    m.metadataKnown();
    m.metadataKnown(); // once
    assertThat(take()).containsExactly("LOADING>BUFFERING", "durationchange", "loadedmetadata");
    m.dataKnown();
    m.dataKnown();
    assertThat(take()).containsExactly("loadeddata", "canplay", "canplaythrough");
    assertThat(m.wantsToRun()).isTrue();
    m.clockStarted();
    assertThat(take()).containsExactly("BUFFERING>PLAYING", "playing");
    assertThat(m.wantsToRun()).isFalse();
    m.starved();
    m.starved(); // waiting once
    assertThat(take()).containsExactly("PLAYING>BUFFERING", "waiting");
    m.clockStarted();
    take();
    m.reachedEnd();
    assertThat(take()).containsExactly("PLAYING>ENDED", "timeupdate", "pause", "ended");
    assertThat(m.paused()).isTrue();
    assertThat(m.ended()).isTrue();
  }

  @Test
  void pausedBeforeEverPlayingIsReadyAndAfterPlayingIsPaused() {
    m.load();
    m.metadataKnown();
    assertThat(m.state()).isEqualTo(PlayerState.READY);
    assertThat(m.pause()).isFalse(); // paused already: no event
    m.play();
    m.clockStarted();
    take();
    assertThat(m.pause()).isTrue();
    assertThat(take()).containsExactly("PLAYING>PAUSED", "pause", "timeupdate");
    assertThat(m.running()).isFalse();
  }

  @Test
  void aSeekWhilePlayingBuffersAfterwardsAndWhilePausedStaysPaused() {
    m.load();
    m.metadataKnown();
    m.play();
    m.clockStarted();
    take();
    m.seek();
    assertThat(take()).containsExactly("PLAYING>SEEKING", "seeking");
    m.seek(); // a second seek supersedes the first: seeking again, one seeked
    assertThat(take()).containsExactly("seeking");
    m.seeked();
    m.seeked();
    assertThat(take()).containsExactly("SEEKING>BUFFERING", "seeked", "timeupdate");
    m.pause();
    m.seek();
    m.seeked();
    assertThat(m.state()).isEqualTo(PlayerState.PAUSED);
    assertThat(m.wantsToRun()).isFalse();
  }

  @Test
  void aSeekAfterTheEndLeavesTheEndedState() {
    m.load();
    m.metadataKnown();
    m.play();
    m.clockStarted();
    m.reachedEnd();
    take();
    m.seek();
    assertThat(m.ended()).isFalse();
    m.seeked();
    assertThat(m.state()).isEqualTo(PlayerState.PAUSED); // ended pauses: the element too
    assertThat(m.play()).isTrue();
    assertThat(m.state()).isEqualTo(PlayerState.BUFFERING);
  }

  @Test
  void aCriticalErrorStopsEverythingUntilTheNextLoad() {
    m.load();
    m.metadataKnown();
    m.play();
    m.clockStarted();
    take();
    m.failed();
    assertThat(m.state()).isEqualTo(PlayerState.ERROR);
    assertThat(m.running()).isFalse();
    assertThat(m.play()).isFalse();
    m.seek();
    m.clockStarted();
    m.reachedEnd();
    m.dataKnown();
    assertThat(take()).containsExactly("PLAYING>ERROR"); // nothing after it
    m.load();
    assertThat(m.state()).isEqualTo(PlayerState.LOADING);
    assertThat(m.hasFailed()).isFalse();
  }

  @Test
  void nothingHappensBeforeALoadAndTheDurationChangesOnlyAfterTheMetadata() {
    assertThat(m.play()).isFalse();
    m.seek();
    m.durationChanged();
    assertThat(take()).isEmpty();
    m.load();
    m.durationChanged(); // the seek map before the tracks: the metadata will carry it
    m.dataKnown(); // not before the metadata
    assertThat(take()).containsExactly("IDLE>LOADING", "loadstart");
    m.metadataKnown();
    m.durationChanged();
    assertThat(take()).containsExactly("LOADING>READY", "durationchange", "loadedmetadata", "durationchange");
  }
}
