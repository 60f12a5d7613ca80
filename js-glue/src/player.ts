/**
 * The one public player type. `createPlayer` returns a {@link Player} whatever the mode: the same
 * methods, the same typed events with the same payloads, and one stats shape, on the MSE path
 * (a `<video>` fed through Media Source Extensions) and on the canvas path (WebCodecs decoding in
 * the engine worker, WebGL2 on a `<canvas>`, audio through an AudioWorklet).
 */
import type { CanvasPlayerStats, MsePlayerStats, PlayerEventName } from './generated';
import type { Engine, EngineOptions, PlayerError } from './oolong';
import { PlayerError as PlayerErrorClass } from './oolong';
import { OolongPlayer } from './oolong-player';

export type { PlayerEventName, PlayerStateName, PlayerStatsBase } from './generated';

/** Options of {@link createPlayer}. */
export interface PlayerConfig extends EngineOptions {
  /**
   * The output path: `'mse'` (a `<video>` fed through Media Source Extensions) or `'webcodecs'`
   * (also `'canvas'`: the canvas path, WebCodecs decoding in the engine worker, drawing on a
   * `<canvas>`, audio through an AudioWorklet). `'auto'` (the default) chooses per stream: the MSE
   * path where `MediaSource` takes the remuxed tracks, else the canvas path where WebCodecs
   * decodes them; when the path playing fails on its decoder or its MediaSource, playback goes on
   * along the other from the same position (`pathchange`; `getStats().pathReason` says why). A
   * fixed mode never switches by itself. Any other value throws `PLAYER_INVALID_ARGUMENT`.
   */
  mode?: 'auto' | 'mse' | 'webcodecs' | 'canvas';
  /** Start muted (browsers allow muted autoplay). Default false. */
  muted?: boolean;
  /** Start playing as soon as possible. Default false. */
  autoplay?: boolean;
  /**
   * Seconds of media loaded ahead of the playhead (default 30): loading pauses there and goes on
   * as playback uses it.
   */
  bufferGoal?: number;
  /** Seconds kept behind the playhead; older media is removed from the buffer (default 30). */
  backBuffer?: number;
  /**
   * Where the MediaSource lives: `'auto'` (the default) puts it in the engine worker when the
   * browser allows it, else on the page; `'main'` forces the page (main-thread MSE).
   */
  mediaSourceIn?: 'auto' | 'main';
  /**
   * Canvas path: how decoded video reaches WebGL2. `'frame'` draws each `VideoFrame` as a texture
   * (the browser converts its colour); `'planes'` copies its I420/NV12 planes into the frame ring
   * and converts them in the YUV shader with the matrix and range the bitstream signals (the
   * software decoders' path). `'auto'` (the default) takes `'planes'` where WebGL is rasterised
   * in software (SwiftShader, llvmpipe: no GPU), where a `VideoFrame` upload is too slow to hold
   * 720p30, and `'frame'` elsewhere. Any other value fails `load()` with `PLAYER_INVALID_ARGUMENT`.
   */
  videoRender?: 'auto' | 'frame' | 'planes';
  /**
   * Canvas path: seconds of media that may go into a failing decoder with nothing decoded before
   * playback ends with a critical `CODEC_DECODE_FAILED` (default 10). Until then each decoder error
   * drops the access unit, resets the decoder and resumes at the next key frame, the last good
   * frame held on screen.
   */
  undecodableTimeout?: number;
  /**
   * MSE path (mode `'mse'`, or `'auto'` once the canvas path failed too): how many times per load
   * a MediaSource that fails (an append refused, the element's decoder rejecting a packet —
   * Chromium conceals nothing) is rebuilt to go on from the first key frame after the failure
   * (default and most: 12; 0 turns rebuilding off, the first failure then ends playback).
   */
  mseRebuilds?: number;
  /**
   * An engine already started with {@link createEngine} (saves its start-up, ~0.1 s, on the first
   * frame). The player then does not terminate it on {@link Player.destroy}.
   */
  engine?: Engine;
}

/** The payload of every event but `error`: the player as it was when the event was emitted. */
export interface PlayerEventDetail {
  type: Exclude<PlayerEventName, 'error'>;
  /** Seconds. */
  currentTime: number;
  /** Seconds: `NaN` before the metadata, `Infinity` while the length is not known. */
  duration: number;
  paused: boolean;
  playbackRate: number;
}

/** What each event's listener receives: a {@link PlayerEventDetail}, or the {@link PlayerError}. */
export type PlayerEventMap = { [K in Exclude<PlayerEventName, 'error'>]: PlayerEventDetail } & { error: PlayerError };

/**
 * What {@link Player.getStats} reports: the common fields, and the path's own once narrowed by
 * `path` (`if (s.path === 'canvas') s.droppedFrames`).
 */
export type PlayerStats = MsePlayerStats | CanvasPlayerStats;

/** An output path: `'mse'` (a `<video>` through Media Source Extensions) or `'canvas'`. */
export type PathName = 'mse' | 'canvas';

/** A variant of a multivariant HLS playlist (`EXT-X-STREAM-INF`): 0 where not given. */
export interface Level {
  /** Peak bits per second (`BANDWIDTH`). */
  bitrate: number;
  /** Average bits per second (`AVERAGE-BANDWIDTH`). */
  averageBitrate: number;
  width: number;
  height: number;
  frameRate: number;
  /** RFC 6381 codec strings (`CODECS`), or null. */
  codecs: string | null;
}

/** A media player, the same on every output path. */
export interface Player {
  /** The output path playing now. */
  readonly path: PathName;
  /** The element the picture is on: a `<video>` (MSE path) or a `<canvas>` (canvas path). */
  readonly element: HTMLVideoElement | HTMLCanvasElement;
  /**
   * Loads a URL (resolved against the page); a second call replaces the media. Resolves when the
   * metadata is known; rejects with a {@link PlayerError}.
   */
  load(url: string): Promise<void>;
  /**
   * Plays. Where the browser refuses to start without a user gesture, `autoplayblocked` is
   * emitted (the canvas path then plays muted, the MSE path stays paused).
   */
  play(): Promise<void>;
  pause(): void;
  /** Seeks to a time in seconds; throws `PLAYER_INVALID_ARGUMENT` for a negative or non-finite one. */
  seek(seconds: number): void;
  /** The position in seconds. */
  readonly currentTime: number;
  /** Seconds: `NaN` before the metadata, `Infinity` while the length is not known. */
  readonly duration: number;
  readonly paused: boolean;
  readonly ended: boolean;
  /** 0.25–4 on the canvas path; what the element allows on the MSE path. */
  playbackRate: number;
  /** 0–1. */
  volume: number;
  muted: boolean;
  /**
   * The variants of a multivariant HLS playlist, once its metadata is known (empty for anything
   * else). The first one plays first; then the ABR chooses (`autoLevel`) until one is chosen.
   */
  readonly levels: readonly Level[];
  /**
   * The index in `levels` of the variant playing (-1 when there are none). Setting it plays that
   * variant from the next segment on (what is buffered plays first), then `levelswitch` is
   * emitted; an index out of range throws `PLAYER_INVALID_ARGUMENT`. A path switch starts again
   * at the first variant, automatically chosen.
   */
  currentLevel: number;
  /**
   * Whether the variant is chosen automatically (ABR: throughput of the segments' downloads and
   * the buffer ahead; the default with several variants). Setting `currentLevel` turns it off;
   * setting this to true turns it on again.
   */
  autoLevel: boolean;
  /** Adds a listener; returns a function that removes it. */
  on<K extends PlayerEventName>(name: K, listener: (event: PlayerEventMap[K]) => void): () => void;
  off<K extends PlayerEventName>(name: K, listener: (event: PlayerEventMap[K]) => void): void;
  getStats(): PlayerStats;
  /**
   * Moves playback to the other output path at the same position (paused or playing as it was):
   * the new path loads the media, seeks there, and its element takes the old one's place
   * (`pathchange`). Resolves once it plays (or shows the paused picture); rejects with the new
   * path's error, the old path then going on. Before any load it only sets the path of the next
   * `load()`. `'mse'` or `'canvas'`; anything else throws `PLAYER_INVALID_ARGUMENT`.
   */
  setPath(path: PathName): Promise<void>;
  /** Stops everything; the player's element is removed if the player made it. */
  destroy(): void;
}

/**
 * @internal A MediaSource rebuilt after the MSE path failed at `startAfter` seconds (media from
 * the first key frame after it), and the rebuilds of this load so far.
 */
export interface Rebuild {
  startAfter: number;
  rebuilds: number;
}

/** @internal One output path's player: what {@link OolongPlayer} drives. */
export interface PathPlayer extends Omit<Player, 'getStats' | 'setPath' | 'load'> {
  /** `resume` (MSE path): the MediaSource is a rebuilt one. */
  load(url: string, fallback?: string, resume?: Rebuild): Promise<void>;
  getStats(): PathStats<PlayerStats>;
  /**
   * Set by the player: the engine says this path failed and playback goes on along `path` (the
   * same path: a rebuilt MediaSource, from the next key frame after `from` seconds).
   */
  onPathFailed: ((path: string, reason: string, from?: number) => void) | null;
}

/** @internal A path's own stats: the player adds the path-switching fields. */
export type PathStats<T> = T extends unknown ? Omit<T, 'pathReason' | 'pathSwitches' | 'pathSwitchMs'> : never;

const MODES = ['auto', 'mse', 'webcodecs', 'canvas'];

/**
 * Creates a player in `target`. MSE path: a `<video>` target is used as it is; any other element
 * gets a `<video>` filling it. Canvas path: the target gets a `<canvas>` filling it (a `<video>`
 * target gets it as its next sibling, and is hidden while the canvas plays). Call
 * {@link Player.load} next.
 */
export function createPlayer(target: HTMLElement, config: PlayerConfig = {}): Player {
  const mode = config.mode ?? 'auto';
  if (!MODES.includes(mode)) {
    throw new PlayerErrorClass('CRITICAL', 'PLAYER_INVALID_ARGUMENT', `Unknown mode '${String(mode)}'`,
      { argument: 'mode', reason: 'one of ' + MODES.join(', ') });
  }
  return new OolongPlayer(target, config);
}
