// A typed consumer of oolong-player: compiled with `tsc --strict --noEmit` against the packed
// package by test/package.test.mjs. It must keep compiling: it is what a TypeScript user writes.
import {
  createPlayer, PlayerError, type Player, type PlayerConfig, type PlayerEventDetail, type PlayerStats,
} from 'oolong-player';

export async function start(box: HTMLElement, url: string, mode: PlayerConfig['mode']): Promise<Player> {
  // One type for every mode.
  const player: Player = createPlayer(box, { mode, muted: true });
  const onTime = (e: PlayerEventDetail): string => `${e.type} ${e.currentTime.toFixed(2)} / ${e.duration}`;
  player.on('timeupdate', (e) => console.log(onTime(e)));
  player.on('error', (e) => {
    const error: PlayerError = e; // the error event's payload is typed
    console.log(error.codeName, error.code, error.category, error.severity);
  });
  player.on('autoplayblocked', (e) => console.log('muted:', e.paused));
  await player.load(url);
  await player.play();
  player.seek(1.5);
  player.playbackRate = 1.25;
  player.volume = 0.5;
  const stats: PlayerStats = player.getStats();
  console.log(stats.path, stats.state, stats.loading, stats.errors.length);
  console.log(stats.pathReason, stats.pathSwitches);
  if (stats.path === 'canvas') {
    console.log(stats.droppedFrames, stats.avOffsetP95Ms); // the canvas path's own fields
  } else {
    console.log(stats.bytesAppended, stats.buffered.length); // the MSE path's own fields
  }
  player.on('pathchange', () => console.log('now on', player.path, player.element.tagName));
  await player.setPath(player.path === 'mse' ? 'canvas' : 'mse'); // same position, the other output
  return player;
}
