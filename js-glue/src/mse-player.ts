/**
 * The player on the MSE path (page side). The engine worker loads, demuxes and remuxes; this
 * module owns the `<video>` element, attaches the worker's MediaSource to it, forwards seeks and
 * the element's state, and re-emits the element's events. No media logic lives here.
 */
import { MessageType, PageMseEvent, PageMseOp, PlayerCommand, type MsePlayerStats, type PlayerEventName, type PlayerStateName } from './generated';
import { Engine, PlayerError } from './oolong';
import type { Level, PathPlayer, PathStats, Rebuild, PlayerConfig, PlayerEventDetail, PlayerEventMap } from './player';
export type { MsePlayerStats } from './generated';
import { Levels, Listeners, destroyedError, isAutoplayRefusal, releaseEngine } from './listeners';

/** The element's events passed on (`error` becomes a {@link PlayerError}). */
const FORWARDED: Array<Exclude<PlayerEventName, 'error' | 'autoplayblocked'>> = ['loadstart', 'loadedmetadata', 'loadeddata', 'canplay', 'canplaythrough',
  'play', 'playing', 'pause', 'seeking', 'seeked', 'timeupdate', 'waiting', 'ended',
  'durationchange', 'ratechange', 'volumechange', 'progress'];

/** Element events after which the engine hears the element's state. */
const STATE_EVENTS = new Set(['timeupdate', 'play', 'playing', 'pause', 'waiting', 'progress', 'loadedmetadata',
  'loadeddata', 'canplay', 'seeked', 'ended']);
/** How often the element's state reaches the engine besides its events (ms). */
const STATE_INTERVAL_MS = 250;

let nextPlayerId = 1;

/** @internal The MSE path of a {@link Player}, bound to a `<video>` element. */
export class MsePlayer implements PathPlayer {
  readonly path = 'mse' as const;
  /** The element that plays. */
  readonly video: HTMLVideoElement;
  private readonly ownsVideo: boolean;
  private readonly config: PlayerConfig;
  private readonly id = nextPlayerId++;
  private engine: Promise<Engine> | null = null;
  private readonly engineOf: () => Promise<Engine>;
  private readonly listeners = new Listeners();
  private readonly stats: Omit<PathStats<MsePlayerStats>, 'buffered' | 'audioDecodedBytes'> = {
    path: 'mse', state: 'idle', mimeType: null, bytesAppended: 0, segmentsAppended: 0, silentFrames: 0, retries: 0,
    evictions: 0, loading: false, held: false, queuedMs: 0, holesSkipped: 0, firstVideoSampleAt: null, errors: [],
    corruptedPackets: 0, resyncs: 0, repairedTimestamps: 0, droppedSamples: 0, discontinuities: 0, recoveries: 0,
    live: false, latency: null, playlistReloads: 0, bandwidthEstimate: 0, autoLevel: false,
  };
  private destroyed = false;
  private loaded: { resolve: () => void; reject: (e: PlayerError) => void } | null = null;
  /** Main-thread MSE: the page's MediaSource, its buffer and its object URL. */
  private pageMse: { ms: MediaSource; sbs: SourceBuffer[]; url: string } | null = null;
  private readonly onElementEvent = (e: Event) => this.elementEvent(e);
  /** The rate the user set; the element's may differ by the live catch-up (`catchUp`). */
  private userRate = 1;
  private catchUp = 1;
  /** The variants of a multivariant playlist and the one playing. */
  private readonly levelState = new Levels((index) => {
    const m = { type: MessageType.PLAYER_CONTROL, player: this.id, op: PlayerCommand.LEVEL, value: index, value2: 0 };
    this.engine?.then((engine) => engine._post(m), () => undefined);
  });
  /** Rate changes made for the catch-up whose `ratechange` events are not to be forwarded. */
  private catchUpRateChanges = 0;
  /** Reports the element's state to the engine a few times a second (it decides on it). */
  private stateTimer: ReturnType<typeof setInterval> | null = null;
  /** A seek the element could not take yet (see `seekWhenSeekable`), seconds. */
  private pendingSeek: number | null = null;

  /** What the engine says when this path fails and playback should go on along another. */
  onPathFailed: ((path: string, reason: string, from?: number) => void) | null = null;

  /** @internal made by the player: `engine` gives the (shared) engine, which this path never terminates. */
  constructor(target: HTMLElement, config: PlayerConfig, engine: () => Promise<Engine>) {
    this.config = config;
    this.engineOf = engine;
    if (target instanceof HTMLVideoElement) {
      this.video = target;
      this.ownsVideo = false;
    } else {
      this.video = document.createElement('video');
      this.video.style.width = '100%';
      this.video.style.height = '100%';
      target.appendChild(this.video);
      this.ownsVideo = true;
    }
    this.video.playsInline = true;
    this.video.muted = !!config.muted;
    for (const name of [...FORWARDED, 'error']) this.video.addEventListener(name, this.onElementEvent);
  }

  /**
   * Loads a URL (resolved against the page). Resolves when its metadata is known. `fallback`: the
   * path the engine moves to when this one fails (`onPathFailed`), or empty.
   */
  load(url: string, fallback = '', resume?: Rebuild): Promise<void> {
    if (this.destroyed) return Promise.reject(destroyedError());
    const absolute = new URL(url, location.href).href;
    this.engine ??= this.engineOf();
    this.pendingSeek = null;
    return new Promise<void>((resolve, reject) => {
      this.loaded = { resolve, reject };
      this.engine!.then((engine) => {
        if (this.destroyed) return reject(destroyedError());
        engine._attach(this.id, (m) => this.engineMessage(m));
        engine._post({ type: MessageType.PLAYER_LOAD, player: this.id, url: absolute,
          mainThread: this.config.mediaSourceIn === 'main' ? 1 : 0, fallback,
          startAfter: resume ? resume.startAfter : -1, rebuilds: resume ? resume.rebuilds : 0,
          rebuildBudget: this.config.mseRebuilds ?? -1, // -1: the engine's default
          bufferGoal: this.config.bufferGoal, backBuffer: this.config.backBuffer });
        this.stateTimer ??= setInterval(() => this.reportState(MessageType.PLAYER_TIME), STATE_INTERVAL_MS);
      }, (e: PlayerError) => {
        this.report(e);
        reject(e);
      });
    });
  }

  /** The element the picture is on. */
  get element(): HTMLVideoElement {
    return this.video;
  }

  /** Plays; a refusal for want of a user gesture also emits `autoplayblocked`. */
  play(): Promise<void> {
    if (this.destroyed) return Promise.reject(destroyedError());
    return this.video.play().catch((e: unknown) => {
      if (isAutoplayRefusal(e)) this.emit('autoplayblocked', this.detail('autoplayblocked'));
      throw e;
    });
  }

  get paused(): boolean {
    return this.video.paused;
  }

  get ended(): boolean {
    return this.video.ended;
  }

  get playbackRate(): number {
    return this.userRate;
  }

  get levels(): readonly Level[] {
    return this.levelState.list;
  }

  get currentLevel(): number {
    return this.levelState.current;
  }

  set currentLevel(index: number) {
    this.levelState.select(index);
  }

  get autoLevel(): boolean {
    return this.levelState.auto;
  }

  set autoLevel(on: boolean) {
    this.levelState.setAuto(on);
  }

  set playbackRate(rate: number) {
    if (!Number.isFinite(rate) || rate <= 0) {
      throw new PlayerError('CRITICAL', 'PLAYER_INVALID_ARGUMENT', `Cannot play at rate ${rate}`,
        { argument: 'playbackRate', reason: 'a finite number > 0' });
    }
    this.userRate = rate;
    this.applyRate(false);
  }

  /** The element plays at the user's rate, or at the engine's live catch-up factor while that is 1. */
  private applyRate(byCatchUp: boolean): void {
    const rate = this.userRate === 1 ? this.catchUp : this.userRate;
    if (this.video.playbackRate === rate) return;
    if (byCatchUp) this.catchUpRateChanges++; // its 'ratechange' is not the user's
    this.video.playbackRate = rate;
  }

  get volume(): number {
    return this.video.volume;
  }

  set volume(v: number) {
    this.video.volume = Math.min(1, Math.max(0, v));
  }

  get muted(): boolean {
    return this.video.muted;
  }

  set muted(m: boolean) {
    this.video.muted = m;
  }

  pause(): void {
    this.video.pause();
  }

  /** Seeks to a time in seconds. */
  seek(seconds: number): void {
    if (!Number.isFinite(seconds) || seconds < 0) {
      throw new PlayerError('CRITICAL', 'PLAYER_INVALID_ARGUMENT', `Cannot seek to ${seconds}`,
        { argument: 'seconds', reason: 'a finite number >= 0' });
    }
    this.pendingSeek = seconds;
    this.seekWhenSeekable();
  }

  /**
   * Carries out a seek the element can take now. The element drops a seek outside its seekable
   * ranges without a word — before any media is buffered while the length is not known
   * (`Infinity`), `seekable` is empty — so such a seek waits here until it can be taken (or the
   * length is known: the element then clamps it to the end).
   */
  private seekWhenSeekable(): void {
    const t = this.pendingSeek;
    if (t === null || this.video.readyState < HTMLMediaElement.HAVE_METADATA) return;
    let ok = Number.isFinite(this.video.duration);
    const ranges = this.video.seekable;
    for (let i = 0; i < ranges.length && !ok; i++) ok = ranges.start(i) <= t && t <= ranges.end(i);
    if (!ok) return;
    this.pendingSeek = null;
    this.video.currentTime = t;
  }

  get currentTime(): number {
    return this.pendingSeek ?? this.video.currentTime;
  }

  get duration(): number {
    return this.video.duration;
  }

  /** Adds a listener; returns a function that removes it. */
  on<K extends PlayerEventName>(name: K, listener: (event: PlayerEventMap[K]) => void): () => void {
    return this.listeners.on(name, listener as (e: unknown) => void);
  }

  off<K extends PlayerEventName>(name: K, listener: (event: PlayerEventMap[K]) => void): void {
    this.listeners.off(name, listener as (e: unknown) => void);
  }

  getStats(): PathStats<MsePlayerStats> {
    const b = this.video.buffered;
    const buffered: Array<[number, number]> = [];
    for (let i = 0; i < b.length; i++) buffered.push([b.start(i), b.end(i)]);
    const decoded = (this.video as unknown as { webkitAudioDecodedByteCount?: number }).webkitAudioDecodedByteCount;
    return { ...this.stats, errors: [...this.stats.errors], buffered, audioDecodedBytes: decoded ?? -1 };
  }

  /** Stops everything: the worker ends, the element is detached (and removed if the player made it). */
  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    if (this.stateTimer !== null) clearInterval(this.stateTimer);
    this.stateTimer = null;
    for (const name of [...FORWARDED, 'error']) this.video.removeEventListener(name, this.onElementEvent);
    this.video.pause();
    this.video.srcObject = null;
    this.video.removeAttribute('src');
    this.video.load();
    if (this.pageMse) URL.revokeObjectURL(this.pageMse.url);
    this.pageMse = null;
    if (this.ownsVideo) this.video.remove();
    this.loaded?.reject(destroyedError());
    this.loaded = null;
    releaseEngine(this.engine, this.id);
    this.engine = null;
    this.listeners.clear();
  }

  private engineMessage(m: { type: number; handle?: unknown; json?: string; op?: number; buffer?: number;
    mime?: string; data?: ArrayBuffer; seconds?: number }): void {
    if (this.destroyed) return;
    if (m.type === MessageType.PLAYER_MSE) {
      this.pageMseCommand(m.op ?? 0, m);
      return;
    }
    if (m.type === MessageType.PLAYER_MEDIA) {
      this.video.srcObject = m.handle as MediaProvider;
      if (this.config.autoplay) this.play().catch(() => undefined);
    } else if (m.type === MessageType.PLAYER_EVENT && m.json) {
      const e = JSON.parse(m.json) as { event: string; error?: unknown; from?: number; mimeType?: string;
        segmentsAppended?: number; bytesAppended?: number; silentFrames?: number; retries?: number;
        evictions?: number; loading?: boolean; held?: boolean; holesSkipped?: number; time?: number;
        live?: boolean; latency?: number | null; rate?: number; level?: number; levels?: unknown; auto?: boolean; autoLevel?: boolean;
        firstVideoSampleAt?: number; state?: PlayerStateName };
      if (e.event === 'stats') {
        this.stats.mimeType = e.mimeType || null;
        this.stats.segmentsAppended = e.segmentsAppended ?? 0;
        this.stats.bytesAppended = e.bytesAppended ?? 0;
        this.stats.silentFrames = e.silentFrames ?? 0;
        this.stats.retries = e.retries ?? 0;
        this.stats.evictions = e.evictions ?? 0;
        this.stats.loading = e.loading ?? false;
        this.stats.held = e.held ?? false;
        this.stats.holesSkipped = e.holesSkipped ?? 0;
        if (e.state) this.stats.state = e.state;
        this.stats.firstVideoSampleAt = e.firstVideoSampleAt && e.firstVideoSampleAt > 0 ? e.firstVideoSampleAt : null;
        this.stats.live = e.live === true;
        this.stats.autoLevel = e.autoLevel === true;
        this.stats.latency = typeof e.latency === 'number' ? e.latency : null;
        // Every other count the engine reports (the damage counters): as it sends it.
        const counts = this.stats as unknown as Record<string, unknown>;
        for (const [k, v] of Object.entries(e)) {
          if (typeof v === 'number' && typeof counts[k] === 'number') counts[k] = v;
        }
        this.reportState(MessageType.PLAYER_TIME);
        this.seekWhenSeekable(); // media was appended: the seekable ranges may have grown
      } else if (e.event === 'levels') {
        this.levelState.known(e);
      } else if (e.event === 'levelswitch' && typeof e.level === 'number') {
        this.levelState.switched(e.level);
        this.emit('levelswitch', this.detail('levelswitch'));
      } else if (e.event === 'catchup' && typeof e.rate === 'number') {
        this.catchUp = e.rate;
        this.applyRate(true);
      } else if (e.event === 'jump' && typeof e.time === 'number') {
        // The engine moves the playhead over a hole; a seek waiting for its target to become
        // seekable gives way when the hole covers that target (a rebuilt MediaSource's media
        // starts at the first key frame after it).
        const from = typeof e.from === 'number' ? e.from : -Infinity;
        const t = this.pendingSeek;
        if (t === null || from <= t && t <= e.time) {
          this.pendingSeek = null;
          this.video.currentTime = e.time;
        }
      } else if (e.event === 'error') {
        this.report(PlayerError.fromWire(JSON.stringify(e.error)));
      } else if (e.event === 'path') {
        const p = e as unknown as { path: string; reason: string; from?: number };
        this.onPathFailed?.(p.path, p.reason, typeof p.from === 'number' ? p.from : undefined);
      }
    }
  }

  /**
   * Main-thread MSE: carries out the engine's operation on the page's MediaSource and tells the
   * engine what happened. The engine decides what to append and when; nothing is decided here.
   */
  private pageMseCommand(op: number, m: { buffer?: number; mime?: string; data?: ArrayBuffer; seconds?: number }): void {
    const buffer = m.buffer === 1 ? 1 : 0;
    const report = (event: number, reason?: string) =>
      this.engine?.then((e) => e._post({ type: MessageType.PLAYER_MSE_EVENT, player: this.id, event, buffer, reason }));
    try {
      if (op === PageMseOp.ATTACH) {
        const ms = new MediaSource();
        this.pageMse = { ms, sbs: [], url: URL.createObjectURL(ms) };
        ms.addEventListener('sourceopen', () => report(PageMseEvent.SOURCE_OPEN), { once: true });
        this.video.src = this.pageMse.url;
        if (this.config.autoplay) this.play().catch(() => undefined);
      } else if (this.pageMse) {
        const p = this.pageMse;
        const sb = p.sbs[buffer];
        if (op === PageMseOp.CREATE) {
          if (!MediaSource.isTypeSupported(m.mime ?? '')) {
            report(PageMseEvent.ERROR, `NotSupportedError: ${m.mime}`);
            return;
          }
          const made = p.ms.addSourceBuffer(m.mime ?? '');
          p.sbs[buffer] = made;
          made.addEventListener('updateend', () => report(PageMseEvent.UPDATE_END));
          made.addEventListener('error', () => report(PageMseEvent.ERROR, 'SourceBuffer error event'));
        } else if (op === PageMseOp.APPEND && sb && m.data) {
          sb.appendBuffer(m.data);
        } else if (op === PageMseOp.DURATION) {
          p.ms.duration = m.seconds ?? 0;
        } else if (op === PageMseOp.OFFSET && sb) {
          sb.timestampOffset = m.seconds ?? 0;
        } else if (op === PageMseOp.REMOVE && sb) {
          sb.remove(0, m.seconds ?? 0);
        } else if (op === PageMseOp.ABORT && sb && p.ms.readyState === 'open') {
          sb.abort();
        } else if (op === PageMseOp.END_OF_STREAM && p.ms.readyState === 'open') {
          p.ms.endOfStream();
        }
      }
    } catch (e) {
      report(PageMseEvent.ERROR, `${(e as Error).name}: ${(e as Error).message}`);
    }
  }

  /** Sends the element's state (position, ready state, buffered ranges) to the engine. */
  private reportState(type: number, event = ''): void {
    if (this.destroyed || !this.engine) return;
    const v = this.video;
    const buffered: number[] = [];
    for (let i = 0; i < v.buffered.length; i++) buffered.push(v.buffered.start(i), v.buffered.end(i));
    const m = { type, player: this.id, time: v.currentTime, readyState: v.readyState,
      duration: v.duration, buffered, event };
    this.engine.then((engine) => engine._post(m), () => undefined);
  }

  private elementEvent(e: Event): void {
    if (e.type === 'ratechange' && this.catchUpRateChanges > 0) {
      this.catchUpRateChanges--;
      return;
    }
    this.seekWhenSeekable();
    if (e.type === 'error') {
      // The engine decides what the failure means (the other path may go on from here).
      const err = this.video.error;
      const reason = err?.message || 'code ' + err?.code;
      if (this.engine) {
        const m = { type: MessageType.PLAYER_TIME, player: this.id, event: 'error', reason };
        this.engine.then((engine) => engine._post(m), () => undefined);
      } else {
        this.report(new PlayerError('CRITICAL', 'MEDIA_SOURCE_FAILED', `The media element failed: ${reason}`,
          { operation: 'play', reason }));
      }
      return;
    }
    if (e.type === 'seeking') this.reportState(MessageType.PLAYER_SEEK, e.type);
    else if (STATE_EVENTS.has(e.type)) this.reportState(MessageType.PLAYER_TIME, e.type);
    if (e.type === 'loadedmetadata' && this.loaded) {
      this.loaded.resolve();
      this.loaded = null;
    }
    this.emit(e.type, this.detail(e.type as PlayerEventDetail['type']));
  }

  /** An event's payload: the element as it is now. */
  private detail(type: PlayerEventDetail['type']): PlayerEventDetail {
    const v = this.video;
    return { type, currentTime: v.currentTime, duration: v.duration, paused: v.paused, playbackRate: v.playbackRate };
  }

  private report(error: PlayerError): void {
    this.stats.errors.push(error);
    if (this.loaded && error.severity === 'CRITICAL') {
      this.loaded.reject(error);
      this.loaded = null;
    }
    this.emit('error', error);
  }

  private emit(name: string, event: unknown): void {
    this.listeners.emit(name, event);
  }
}

