/**
 * The player every mode returns: it holds one output path's player (MSE or canvas) and moves to
 * the other at the same position when asked (`setPath`) or when the engine says the path failed
 * (mode `auto`). Which failures move, and where to, is the engine's decision (`PathPolicy` in
 * Java); this module only carries it out on the page: a second path player loads the media
 * beside the first, seeks to the position, and takes its element's place.
 */
import type { PlayerEventName } from './generated';
import { PlayerError, createEngine, type Engine } from './oolong';
import type { Level, PathName, PathPlayer, Player, Rebuild, PlayerConfig, PlayerEventDetail, PlayerEventMap, PlayerStats } from './player';
import { MsePlayer } from './mse-player';
import { CanvasPlayer } from './canvas-player';
import { Listeners, destroyedError } from './listeners';

/** Every event a path player can emit (the player passes on those of the path playing). */
const EVENTS: PlayerEventName[] = ['loadstart', 'durationchange', 'loadedmetadata', 'loadeddata', 'canplay',
  'canplaythrough', 'play', 'playing', 'pause', 'seeking', 'seeked', 'timeupdate', 'waiting', 'ended', 'ratechange',
  'progress', 'volumechange', 'autoplayblocked', 'levelswitch', 'error'];

/** How long a switch waits for the new path to load and reach the position (ms). */
const SWITCH_TIMEOUT_MS = 15_000;
/** How long a switch waits for a video's seeked frame to be presented (ms). */
const PRESENT_TIMEOUT_MS = 300;
/** A pause this close before a path's failure is taken as part of the failure (ms). */
const FAILURE_PAUSE_MS = 2_000;
/** How long a switch waits for the old path to stop (ms). */
const PAUSE_TIMEOUT_MS = 1_000;

/** An 8×8 reduction of what `canvas` shows on the page, or null where it cannot be read. */
function reduction(canvas: HTMLCanvasElement): Uint8ClampedArray | null {
  if (canvas.width === 0) return null;
  const probe = document.createElement('canvas');
  probe.width = 8;
  probe.height = 8;
  const g = probe.getContext('2d', { willReadFrequently: true });
  if (!g) return null;
  g.drawImage(canvas, 0, 0, 8, 8);
  return g.getImageData(0, 0, 8, 8).data;
}

function blank(d: Uint8ClampedArray): boolean {
  for (let i = 0; i < d.length; i += 4) if (d[i] + d[i + 1] + d[i + 2] > 48) return false;
  return true;
}

function same(a: Uint8ClampedArray, b: Uint8ClampedArray): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * Resolves once `canvas` (a canvas whose drawing was handed to the worker) shows the picture the
 * worker drew — called at `seeked`, which the worker posts after drawing the position's frame; the
 * page's copy of the canvas follows a frame or more later — or after `ms`. Shown: two animation
 * frames have passed, the picture is not blank, and it is not the picture it showed `before` (taken
 * before the seek: the path may have drawn its first frame before the seek reached it). A picture
 * that cannot be told from the one before (all black, or the same frame) waits that long. Read from
 * an 8×8 reduction at each animation frame.
 */
function drawn(canvas: HTMLCanvasElement, ms: number, before: Uint8ClampedArray | null): Promise<void> {
  const end = performance.now() + ms;
  let frames = 0;
  return new Promise<void>((resolve) => {
    const check = () => {
      const now = ++frames < 2 ? null : reduction(canvas);
      const shown = frames >= 2
        && (now === null || (!blank(now) && (before === null || blank(before) || !same(now, before))));
      if (shown || performance.now() > end) resolve();
      else requestAnimationFrame(check);
    };
    requestAnimationFrame(check);
  });
}

/** Resolves when `video` presents its next frame (`requestVideoFrameCallback`), or after `ms`. */
function presented(video: HTMLVideoElement, ms: number): Promise<void> {
  return new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    const v = video as HTMLVideoElement & { requestVideoFrameCallback?: (cb: () => void) => number };
    v.requestVideoFrameCallback?.(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/** The styles that keep a path's element invisible beside the playing one while it gets ready. */
interface Staged {
  element: HTMLElement;
  cssText: string;
}

/** A switch in progress: its target path player and where it resumes. */
interface Switch {
  next: PathPlayer;
  path: PathName;
  time: number;
  resume: boolean;
  done: Promise<void>;
  /** The path getting ready failed too, and a switch from there took this one's place. */
  superseded?: boolean;
}

/** @internal use {@link createPlayer} */
export class OolongPlayer implements Player {
  private readonly target: HTMLElement;
  private readonly config: PlayerConfig;
  private readonly mode: 'auto' | PathName;
  private engine: Promise<Engine> | null;
  private readonly ownsEngine: boolean;
  private readonly listeners = new Listeners();
  private current: PathPlayer;
  private switching: Switch | null = null;
  private url: string | null = null;
  /** Paths that failed on the media loaded now (the engine is not sent back to them). */
  private readonly failed = new Set<PathName>();
  private loaded: { resolve: () => void; reject: (e: PlayerError) => void } | null = null;
  private readonly errors: PlayerError[] = [];
  private reason: string;
  private switches = 0;
  /** MediaSources rebuilt for the current load (the engine allows a few per load). */
  private rebuilds = 0;
  private switchMs: number | null = null;
  /** Whether the path playing was playing at its last play/pause event (its intent, kept across a failure). */
  private playing = false;
  /** When the path playing last paused while playing (`performance.now()`), or -Infinity. */
  private pausedAt = -Infinity;
  /** `pause()` was called and its `pause` event has not come yet. */
  private pauseCalled = false;
  /** Whether the path playing has shown the media (its `loadeddata`). */
  private shown = false;
  private settings = { volume: 1, muted: false, rate: 1, probe: false, unpaced: false };
  /** A `<video>` target hidden while the canvas path plays, with its display before. */
  private hiddenTarget: string | null = null;
  private destroyed = false;

  constructor(target: HTMLElement, config: PlayerConfig) {
    this.target = target;
    this.config = config;
    const mode = config.mode ?? 'auto';
    this.mode = mode === 'webcodecs' || mode === 'canvas' ? 'canvas' : mode === 'mse' ? 'mse' : 'auto';
    this.ownsEngine = !config.engine;
    this.engine = config.engine ? Promise.resolve(config.engine) : null;
    this.settings.muted = !!config.muted;
    this.reason = this.mode === 'auto' ? 'auto: the MSE path is tried first' : `mode '${mode}'`;
    this.current = this.make(this.mode === 'canvas' ? 'canvas' : 'mse', !!config.autoplay);
  }

  /** A path player in the target, its events passed on while it is the one playing. */
  private make(path: PathName, autoplay: boolean): PathPlayer {
    const config = { ...this.config, autoplay, muted: this.settings.muted };
    const engine = () => (this.engine ??= createEngine(this.config));
    const p: PathPlayer = path === 'canvas' ? new CanvasPlayer(this.target, config, engine)
      : new MsePlayer(this.target, config, engine);
    for (const name of EVENTS) p.on(name, (e: unknown) => this.fromPath(p, name, e));
    p.onPathFailed = (to, reason, from) => this.pathFailed(p, to as PathName, reason, from);
    return p;
  }

  private fromPath(p: PathPlayer, name: PlayerEventName, e: unknown): void {
    if (this.destroyed) return;
    if (name === 'error') {
      const error = e as PlayerError;
      this.errors.push(error);
      if (p === this.current && error.severity === 'CRITICAL') {
        this.playing = false;
        this.settleLoad(error);
      }
      // A switch's path: a critical error is said when the switch fails; a recoverable one (its
      // failure, which the engine answers with a path to go on along) now.
      if (p === this.current || p === this.switching?.next && error.severity === 'RECOVERABLE') this.emit('error', error);
      return;
    }
    if (p !== this.current) return; // the path getting ready is silent until it takes over
    if (name === 'play' || name === 'playing') {
      this.playing = true;
    } else if (name === 'ended') {
      this.playing = false;
    } else if (name === 'pause' && this.playing) {
      this.playing = false;
      // Not asked for: a failing element pauses itself just before it says why.
      this.pausedAt = this.pauseCalled ? -Infinity : performance.now();
      this.pauseCalled = false;
    }
    if (name === 'loadedmetadata') this.settleLoad(null);
    if (name === 'loadeddata') this.shown = true;
    this.emit(name, e);
  }

  private settleLoad(error: PlayerError | null): void {
    if (!this.loaded) return;
    if (error) this.loaded.reject(error);
    else this.loaded.resolve();
    this.loaded = null;
  }

  // --- loading and switching

  load(url: string): Promise<void> {
    if (this.destroyed) return Promise.reject(destroyedError());
    this.url = new URL(url, location.href).href;
    this.failed.clear();
    this.rebuilds = 0;
    this.switching = null; // a switch in progress gives way (its path player is destroyed when it resolves)
    this.loaded?.reject(new PlayerError('CRITICAL', 'PLAYER_DESTROYED', 'A later load() replaced this one'));
    // Mode auto decides per stream: every load starts on the MSE path.
    if (this.mode === 'auto' && this.current.path !== 'mse') {
      this.reason = 'auto: the MSE path is tried first';
      this.replace(this.make('mse', !!this.config.autoplay));
    }
    this.playing = false;
    this.shown = false;
    const done = new Promise<void>((resolve, reject) => (this.loaded = { resolve, reject }));
    this.current.load(this.url, this.fallback(this.current.path)).catch(() => undefined); // settled by events
    return done;
  }

  /** Where the engine may send playback when `path` fails: the other path, in mode auto, untried. */
  private fallback(path: PathName): string {
    const other: PathName = path === 'mse' ? 'canvas' : 'mse';
    return this.mode === 'auto' && !this.failed.has(other) ? other : '';
  }

  /**
   * The engine says `p` failed and playback goes on along `to`: the other path, or the same one
   * rebuilt (a new MediaSource from the first key frame after `from` seconds).
   */
  private pathFailed(p: PathPlayer, to: PathName, reason: string, from?: number): void {
    const s = this.switching;
    const staged = s !== null && p === s.next;
    if (p !== this.current && !staged || this.destroyed) return;
    const rebuild = to === p.path;
    if (rebuild) this.rebuilds++;
    else this.failed.add(p.path);
    const resume = rebuild ? { startAfter: Math.max(this.positionOf(p), from ?? 0), rebuilds: this.rebuilds } : undefined;
    if (staged) {
      // The path getting ready failed before it took over (a rebuilt MediaSource meeting the next
      // damaged packet while it prerolls): its switch gives way to one along `to` from there,
      // resuming as that switch would have.
      s.superseded = true;
      this.switching = null;
      s.next.destroy();
      this.switchTo(to, reason, true, resume, s.resume).catch(() => undefined);
      return;
    }
    if (!this.shown) {
      // Nothing shown yet (e.g. MediaSource refused the codecs): the other path simply loads,
      // and plays if play() was asked for (a failing element pauses itself just before it says why).
      const wanted = this.playing || performance.now() - this.pausedAt < FAILURE_PAUSE_MS;
      this.reason = (rebuild ? '' : 'auto: ') + reason;
      this.replace(this.make(to, !!this.config.autoplay || wanted));
      this.switches++;
      this.emit('pathchange', this.detail('pathchange'));
      this.current.load(this.url!, this.fallback(to), resume).catch(() => undefined);
      return;
    }
    this.switchTo(to, reason, true, resume).catch(() => undefined);
  }

  setPath(path: PathName): Promise<void> {
    if (path !== 'mse' && path !== 'canvas') {
      return Promise.reject(new PlayerError('CRITICAL', 'PLAYER_INVALID_ARGUMENT', `Unknown path '${String(path)}'`,
        { argument: 'path', reason: "'mse' or 'canvas'" }));
    }
    if (this.destroyed) return Promise.reject(destroyedError());
    if (this.switching) {
      return this.switching.path === path ? this.switching.done
        : this.switching.done.then(() => this.setPath(path));
    }
    if (this.current.path === path) return Promise.resolve();
    if (this.url === null) {
      this.reason = `setPath('${path}')`;
      this.replace(this.make(path, !!this.config.autoplay));
      return Promise.resolve();
    }
    return this.switchTo(path, `setPath('${path}')`, false);
  }

  /**
   * Moves to `path` at the position of the path playing: it stops (unless it failed), the new
   * path loads beside it unseen, seeks there, then takes its place and plays on if it was playing.
   */
  private switchTo(path: PathName, reason: string, oldFailed: boolean,
    rebuilt?: Rebuild, resumeAfter?: boolean): Promise<void> {
    const started = performance.now();
    const old = this.current;
    // A failed path may have paused itself as it failed: it was playing if it paused just before.
    const resume = resumeAfter ?? (oldFailed ? this.playing || performance.now() - this.pausedAt < FAILURE_PAUSE_MS : !old.paused);
    const url = this.url!;
    const next = this.make(path, false);
    const s: Switch = { next, path, time: this.positionOf(old), resume, done: Promise.resolve() };
    this.switching = s;
    s.done = (async () => {
      if (!oldFailed && !old.paused) {
        const paused = this.once(old, 'pause', PAUSE_TIMEOUT_MS);
        old.pause();
        await paused.catch(() => undefined);
      }
      s.time = rebuilt ? rebuilt.startAfter : this.positionOf(old);
      const staged = this.stage(next.element, old.element);
      this.apply(next);
      const metadata = this.once(next, 'loadedmetadata', SWITCH_TIMEOUT_MS);
      const firstData = this.once(next, 'loadeddata', SWITCH_TIMEOUT_MS).catch(() => undefined);
      next.load(url, this.fallback(path), rebuilt).catch(() => undefined);
      await metadata;
      if (this.switching !== s) throw destroyedError();
      // The picture at the position reaches the page's element a little after `seeked`: a
      // video's frame when it is presented, a canvas's when the worker's drawing reaches it.
      const video = next.element instanceof HTMLVideoElement ? next.element : null;
      const framePresented = video ? presented(video, PRESENT_TIMEOUT_MS) : null;
      let before: Uint8ClampedArray | null = null;
      if (!video && s.time > 0) {
        // The canvas is told apart from the picture it shows before the seek: the load's first
        // frame, once it is on the page (a blank canvas would take that frame for the seek's).
        const canvas = next.element as HTMLCanvasElement;
        await firstData;
        const stats = next.getStats();
        if ('videoCodec' in stats && stats.videoCodec) await drawn(canvas, PRESENT_TIMEOUT_MS, null);
        if (this.switching !== s) throw destroyedError();
        before = reduction(canvas);
      }
      // A stream the new path cannot seek (no index): it plays on from its start.
      let unseekable = false;
      if (s.time > 0) {
        const seeked = this.once(next, 'seeked', SWITCH_TIMEOUT_MS);
        const off = next.on('error', (e) => { if (e.codeName === 'PLAYER_INVALID_ARGUMENT') unseekable = true; });
        next.seek(s.time);
        await seeked.finally(off);
      } else {
        await firstData;
      }
      if (this.switching !== s) throw destroyedError();
      if (framePresented) await framePresented;
      else if (!unseekable) await drawn(next.element as HTMLCanvasElement, PRESENT_TIMEOUT_MS, before);
      if (this.switching !== s) throw destroyedError();
      // The new path shows the position: it takes the old one's place.
      this.unstage(staged);
      this.switching = null;
      this.current = next;
      this.shown = true;
      this.showTarget(path === 'mse');
      old.onPathFailed = null;
      old.destroy();
      this.reason = reason;
      this.switches++;
      this.emit('pathchange', this.detail('pathchange'));
      if (s.resume) {
        // Timed to the new path's `playing`: when the picture moves again.
        const playing = this.once(next, 'playing', SWITCH_TIMEOUT_MS);
        next.play().catch(() => undefined);
        await playing.catch(() => undefined);
      }
      this.switchMs = performance.now() - started;
    })().catch((e: unknown) => {
      if (this.switching === s) this.switching = null;
      if (this.current !== next) next.destroy();
      if (s.superseded) throw destroyedError(); // the switch that took its place says how it ends
      if (this.destroyed || e instanceof PlayerError && e.codeName === 'PLAYER_DESTROYED') throw e;
      const error = e instanceof PlayerError ? e : new PlayerError('CRITICAL', 'PLAYER_INTERNAL',
        `The switch to the ${path} path failed: ${String(e)}`, { reason: String(e) });
      if (oldFailed) {
        this.settleLoad(error);
        this.pushError(error);
        throw error;
      }
      if (resume) old.play().catch(() => undefined); // the old path goes on where it stopped
      this.pushError(new PlayerError('RECOVERABLE', error.codeName, `The switch to the ${path} path failed `
        + `(${error.message}); the ${old.path} path goes on`, error.data));
      throw error;
    });
    return s.done;
  }

  private pushError(error: PlayerError): void {
    this.errors.push(error);
    this.emit('error', error);
  }

  /** The position of a path player (0 when not known). */
  private positionOf(p: PathPlayer): number {
    const t = p.currentTime;
    return Number.isFinite(t) && t > 0 ? t : 0;
  }

  /** The user's settings, carried to a new path player. */
  private apply(p: PathPlayer): void {
    p.volume = this.settings.volume;
    p.muted = this.settings.muted;
    if (this.settings.rate !== 1) p.playbackRate = this.settings.rate;
    if (p instanceof CanvasPlayer) {
      if (this.settings.probe) p._probe(true);
      if (this.settings.unpaced) p._unpaced(true);
    }
  }

  /**
   * Keeps `element` out of sight and out of the layout while it gets ready: over the element
   * playing, at its size (a canvas takes its pixel size from it), all but transparent. Not fully:
   * the browser paints a fully transparent video's new frames only on a slow background timer.
   */
  private stage(element: HTMLElement, beside: HTMLElement): Staged {
    const staged = { element, cssText: element.style.cssText };
    const box = beside.getBoundingClientRect();
    Object.assign(element.style, { position: 'absolute', left: `${beside.offsetLeft}px`, top: `${beside.offsetTop}px`,
      width: `${box.width}px`, height: `${box.height}px`, opacity: '0.01', pointerEvents: 'none' });
    return staged;
  }

  private unstage(s: Staged): void {
    s.element.style.cssText = s.cssText;
  }

  /** A `<video>` target shows while the MSE path plays and hides while the canvas beside it does. */
  private showTarget(show: boolean): void {
    if (!(this.target instanceof HTMLVideoElement)) return;
    if (!show && this.hiddenTarget === null) {
      this.hiddenTarget = this.target.style.display;
      this.target.style.display = 'none';
    } else if (show && this.hiddenTarget !== null) {
      this.target.style.display = this.hiddenTarget;
      this.hiddenTarget = null;
    }
  }

  /** Puts `next` in place of the path player now, which goes. */
  private replace(next: PathPlayer): void {
    const old = this.current;
    old.onPathFailed = null;
    old.destroy();
    this.current = next;
    this.apply(next);
    this.showTarget(next.path === 'mse');
  }

  /** Resolves at `p`'s next `name` event; rejects at its critical error, or after `ms`. */
  private once(p: PathPlayer, name: PlayerEventName, ms: number): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const offs: Array<() => void> = [];
      const done = (e?: PlayerError) => {
        clearTimeout(timer);
        for (const off of offs) off();
        if (e) reject(e);
        else resolve();
      };
      const timer = setTimeout(() => done(new PlayerError('CRITICAL', 'PLAYER_INTERNAL',
        `The ${p.path} path gave no '${name}' within ${ms} ms`, { reason: 'timeout' })), ms);
      offs.push(p.on(name, () => done()));
      offs.push(p.on('error', (e) => {
        if (e.severity === 'CRITICAL') done(e);
        else if (name === 'seeked' && e.codeName === 'PLAYER_INVALID_ARGUMENT') done(); // cannot seek: on from where it is
      }));
    });
  }

  // --- the Player surface: the path playing, or what a switch in progress will resume with

  get path(): PathName {
    return this.current.path;
  }

  get element(): HTMLVideoElement | HTMLCanvasElement {
    return this.current.element;
  }

  play(): Promise<void> {
    if (this.destroyed) return Promise.reject(destroyedError());
    if (this.switching) {
      this.switching.resume = true;
      return this.switching.done.catch(() => undefined);
    }
    return this.current.play();
  }

  pause(): void {
    if (this.switching) {
      this.switching.resume = false;
    } else {
      this.pauseCalled = !this.current.paused;
      this.current.pause();
    }
  }

  seek(seconds: number): void {
    if (!Number.isFinite(seconds) || seconds < 0) {
      throw new PlayerError('CRITICAL', 'PLAYER_INVALID_ARGUMENT', `Cannot seek to ${seconds}`,
        { argument: 'seconds', reason: 'a finite number >= 0' });
    }
    const s = this.switching;
    if (s) s.done.then(() => this.current.seek(seconds), () => this.current.seek(seconds));
    else this.current.seek(seconds);
  }

  get currentTime(): number {
    return this.switching ? this.switching.time : this.current.currentTime;
  }

  get duration(): number {
    return this.current.duration;
  }

  get paused(): boolean {
    return this.switching ? !this.switching.resume : this.current.paused;
  }

  get ended(): boolean {
    return !this.switching && this.current.ended;
  }

  get playbackRate(): number {
    return this.current.playbackRate;
  }

  set playbackRate(rate: number) {
    this.current.playbackRate = rate; // throws on a bad rate before it is kept
    this.settings.rate = rate;
  }

  get levels(): readonly Level[] {
    return this.current.levels;
  }

  get currentLevel(): number {
    return this.current.currentLevel;
  }

  set currentLevel(index: number) {
    this.current.currentLevel = index;
  }

  get autoLevel(): boolean {
    return this.current.autoLevel;
  }

  set autoLevel(on: boolean) {
    this.current.autoLevel = on;
  }

  get volume(): number {
    return this.current.volume;
  }

  set volume(v: number) {
    this.current.volume = v;
    this.settings.volume = this.current.volume;
  }

  get muted(): boolean {
    return this.current.muted;
  }

  set muted(m: boolean) {
    this.current.muted = m;
    this.settings.muted = m;
  }

  on<K extends PlayerEventName>(name: K, listener: (event: PlayerEventMap[K]) => void): () => void {
    return this.listeners.on(name, listener as (e: unknown) => void);
  }

  off<K extends PlayerEventName>(name: K, listener: (event: PlayerEventMap[K]) => void): void {
    this.listeners.off(name, listener as (e: unknown) => void);
  }

  getStats(): PlayerStats {
    const own = this.current.getStats();
    let reason = this.reason;
    if (this.mode === 'auto' && this.switches === 0 && own.path === 'mse' && own.mimeType) {
      reason = `auto: MediaSource takes ${own.mimeType}`;
    }
    return { ...own, errors: [...this.errors], pathReason: reason, pathSwitches: this.switches,
      pathSwitchMs: this.switchMs } as PlayerStats;
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    const s = this.switching;
    this.switching = null;
    s?.next.destroy();
    this.current.destroy();
    this.showTarget(true);
    this.loaded?.reject(destroyedError());
    this.loaded = null;
    if (this.ownsEngine) this.engine?.then((e) => e.terminate(), () => undefined);
    this.engine = null;
    this.listeners.clear();
  }

  // --- tests and benchmarks (canvas path)

  /** @internal see {@link CanvasPlayer._probe}; kept for a path switched to later. */
  _probe(on: boolean): void {
    this.settings.probe = on;
    if (this.current instanceof CanvasPlayer) this.current._probe(on);
  }

  /** @internal see {@link CanvasPlayer._unpaced}. */
  _unpaced(on: boolean): void {
    this.settings.unpaced = on;
    if (this.current instanceof CanvasPlayer) this.current._unpaced(on);
  }

  /** @internal see {@link CanvasPlayer._audioOutput}. */
  _audioOutput(): { ctx: AudioContext; node: AudioWorkletNode } | null {
    return this.current instanceof CanvasPlayer ? this.current._audioOutput() : null;
  }

  /** @internal Tests: the path player playing now. */
  _path(): PathPlayer {
    return this.current;
  }

  private detail(type: PlayerEventDetail['type']): PlayerEventDetail {
    return { type, currentTime: this.currentTime, duration: this.duration, paused: this.paused,
      playbackRate: this.playbackRate };
  }

  private emit(name: string, event: unknown): void {
    this.listeners.emit(name, event);
  }
}
