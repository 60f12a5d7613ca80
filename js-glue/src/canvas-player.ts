/**
 * The player on the canvas path (`mode: 'webcodecs'`), page side. The engine worker loads,
 * decodes (WebCodecs), schedules and draws on the canvas whose control it is given, and fills the
 * audio ring this page's AudioWorklet plays. This module creates the canvas and the audio graph,
 * carries the controls to the engine and re-emits its events. No media logic lives here.
 */
import { MessageType, PlayerCommand, type CanvasPlayerStats, type PlayerEventName, type PlayerStateName } from './generated';
export type { CanvasPlayerStats } from './generated';
import { Engine, PlayerError, resolveBaseUrl } from './oolong';
import type { Level, PathPlayer, PathStats, PlayerConfig, PlayerEventDetail, PlayerEventMap } from './player';
import { Levels, Listeners, destroyedError, releaseEngine } from './listeners';

let nextCanvasPlayerId = 1_000_000;

/** How long the audio graph may take to start; past it the player goes on without audio. */
const AUDIO_START_TIMEOUT_MS = 5000;

/** What is played lags what the context consumed by this (seconds). */
function latencyOf(ctx: AudioContext): number {
  return ctx.outputLatency || ctx.baseLatency || 0;
}

/** `promise`, or a rejection with `message` once `ms` have passed. */
function within<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error(message)), ms); });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

/**
 * @internal The canvas path of a {@link Player}, drawing on a `<canvas>` it creates inside the
 * target element (after it, when the target is a `<video>`).
 */
export class CanvasPlayer implements PathPlayer {
  readonly path = 'canvas' as const;
  /**
   * The canvas the engine draws on (its control is in the engine worker). A second `load()`
   * replaces it with a new one in the same place: a canvas hands its control over only once.
   */
  canvas: HTMLCanvasElement;
  private transferred = false;
  private readonly config: PlayerConfig;
  private readonly id = nextCanvasPlayerId++;
  private engine: Promise<Engine> | null = null;
  private readonly engineOf: () => Promise<Engine>;
  private readonly listeners = new Listeners();
  private audio: { ctx: AudioContext; node: AudioWorkletNode } | null = null;
  private resizeObserver: ResizeObserver | null = null;
  private destroyed = false;
  /** The variants of a multivariant playlist and the one playing. */
  private readonly levelState = new Levels((index) => this.control(PlayerCommand.LEVEL, index));
  private loaded: { resolve: () => void; reject: (e: PlayerError) => void } | null = null;
  private state = { time: 0, at: 0, duration: NaN, paused: true, running: false, ended: false, seeking: false, rate: 1 };
  private volumeValue = 1;
  private mutedValue: boolean;
  /** The browser holds the audio until a gesture: the engine plays muted on the wall clock. */
  private audioHeld = false;
  private stats: Omit<PathStats<CanvasPlayerStats>, 'errors' | 'audioHeld'> = {
    path: 'canvas', state: 'idle', audioPath: 'none', renderer: '', glRenderer: '', videoRender: '', ringDrops: 0, refreshStalls: 0, probe: null, videoCodec: '', audioCodec: '', width: 0, height: 0,
    decodedFrames: 0, renderedFrames: 0, droppedFrames: 0, decodeMsPerFrame: 0, avOffsetMs: null,
    avOffsetP95Ms: null, avSamples: 0, glassFirstMs: null, glassMedianMs: null, glassSamples: 0, audioUnderruns: 0, audioMaster: false, audioRms: 0, audioPlayedFrames: 0,
    loading: false, held: false, queuedMs: 0, mediaTime: 0,
    corruptedPackets: 0, resyncs: 0, repairedTimestamps: 0, droppedSamples: 0, discontinuities: 0, recoveries: 0,
    live: false, latency: null, playlistReloads: 0, bandwidthEstimate: 0, autoLevel: false,
    decoderResets: 0, droppedAccessUnits: 0, heldFrames: 0,
  };
  private readonly errors: PlayerError[] = [];

  /** What the engine says when this path fails and playback should go on along another. */
  onPathFailed: ((path: string, reason: string) => void) | null = null;

  /** @internal made by the player: `engine` gives the (shared) engine, which this path never terminates. */
  constructor(target: HTMLElement, config: PlayerConfig, engine: () => Promise<Engine>) {
    this.config = config;
    this.engineOf = engine;
    this.mutedValue = !!config.muted;
    this.canvas = CanvasPlayer.makeCanvas();
    if (target instanceof HTMLVideoElement) target.after(this.canvas); // a video holds no children
    else target.appendChild(this.canvas);
  }

  private static makeCanvas(): HTMLCanvasElement {
    const canvas = document.createElement('canvas');
    canvas.style.width = '100%';
    canvas.style.height = '100%';
    canvas.style.display = 'block';
    return canvas;
  }

  /** The element the picture is on. */
  get element(): HTMLCanvasElement {
    return this.canvas;
  }

  /**
   * Loads a URL (resolved against the page). Resolves when its metadata is known. `fallback`: the
   * path the engine moves to when this one fails (`onPathFailed`), or empty.
   */
  load(url: string, fallback = ''): Promise<void> {
    if (this.destroyed) return Promise.reject(destroyedError());
    const absolute = new URL(url, location.href).href;
    this.engine ??= this.engineOf();
    this.loaded?.reject(new PlayerError('CRITICAL', 'PLAYER_DESTROYED', 'A later load() replaced this one'));
    this.resetState();
    return new Promise<void>((resolve, reject) => {
      this.loaded = { resolve, reject };
      // The audio graph is made once and kept: a later load's engine player gets a new port to it.
      Promise.all([this.engine!, this.audio ? this.connectAudio(this.audio.node) : this.startAudio()]).then(([engine, port]) => {
        if (this.destroyed) return reject(destroyedError());
        engine._attach(this.id, (m) => this.engineMessage(m));
        this.freshCanvas();
        const offscreen = this.canvas.transferControlToOffscreen();
        this.transferred = true;
        const [width, height] = this.pixelSize();
        const transfer: Transferable[] = [offscreen];
        if (port) transfer.push(port);
        engine._post({ type: MessageType.PLAYER_LOAD, player: this.id, url: absolute, mode: 'webcodecs', fallback,
          videoRender: this.config.videoRender ?? 'auto', undecodableTimeout: this.config.undecodableTimeout ?? 0,
          canvas: offscreen, width, height, audioPort: port, audioRate: this.audio?.ctx.sampleRate ?? 48000,
          audioLatency: this.audio ? latencyOf(this.audio.ctx) : 0 }, transfer);
        this.resizeObserver?.disconnect();
        this.resizeObserver = new ResizeObserver(() => {
          const [w, h] = this.pixelSize();
          this.control(PlayerCommand.SIZE, w, h);
        });
        this.resizeObserver.observe(this.canvas);
        if (this.config.autoplay) this.play().catch(() => undefined);
      }, (e: PlayerError) => {
        this.report(e);
        reject(e);
      });
    });
  }

  /**
   * The audio graph: an AudioContext with the ring's AudioWorklet; the returned port links the
   * worklet to the engine. Null (and a recoverable error) when audio cannot be played here or
   * its worklet does not load within {@link AUDIO_START_TIMEOUT_MS}: the picture plays without it.
   */
  private async startAudio(): Promise<MessagePort | null> {
    let ctx: AudioContext | null = null;
    try {
      ctx = new AudioContext({ latencyHint: 'interactive' });
      const moduleUrl = resolveBaseUrl(this.config.baseUrl) + 'oolong-audio-worklet.js';
      await within(ctx.audioWorklet.addModule(moduleUrl), AUDIO_START_TIMEOUT_MS,
        `the AudioWorklet module did not load within ${AUDIO_START_TIMEOUT_MS} ms (${moduleUrl})`);
      if (this.destroyed) throw destroyedError();
      const node = new AudioWorkletNode(ctx, 'oolong-audio', { numberOfInputs: 0, outputChannelCount: [2] });
      node.connect(ctx.destination);
      // Where the browser lets audio start without a gesture, the output starts now (it plays
      // silence until play()): its start-up, a few hundred ms, then does not delay playback.
      if ((navigator as { getAutoplayPolicy?: (t: string) => string }).getAutoplayPolicy?.('audiocontext') === 'allowed') {
        ctx.resume().catch(() => undefined);
      }
      node.port.onmessage = (e: MessageEvent) => {
        const m = e.data as { rms?: number };
        if (typeof m.rms === 'number') this.stats.audioRms = m.rms;
      };
      this.audio = { ctx, node };
      this.applyVolume();
      return this.connectAudio(node);
    } catch (e) {
      ctx?.close().catch(() => undefined);
      if (!this.destroyed) {
        const reason = String(e instanceof Error ? e.message : e);
        this.report(new PlayerError('RECOVERABLE', 'PLAYER_AUDIO_UNAVAILABLE', `Audio cannot be played here: ${reason}`, { reason }));
      }
      return null;
    }
  }

  /** A new channel between the worklet and the engine (the worklet drops the previous one's ring). */
  private connectAudio(node: AudioWorkletNode): MessagePort {
    const channel = new MessageChannel();
    node.port.postMessage({ engine: channel.port1 }, [channel.port1]);
    return channel.port2;
  }

  /** A canvas whose control was handed to the engine is replaced by a new one in its place. */
  private freshCanvas(): void {
    if (!this.transferred) return;
    const next = CanvasPlayer.makeCanvas();
    this.canvas.replaceWith(next);
    this.canvas = next;
    this.transferred = false;
  }

  /** What the page knows of the media is forgotten at a new load. */
  private resetState(): void {
    this.state = { time: 0, at: 0, duration: NaN, paused: true, running: false, ended: false, seeking: false, rate: 1 };
  }

  /** The canvas's size in device pixels. */
  private pixelSize(): [number, number] {
    const dpr = window.devicePixelRatio || 1;
    const r = this.canvas.getBoundingClientRect();
    return [Math.max(1, Math.round(r.width * dpr)), Math.max(1, Math.round(r.height * dpr))];
  }

  /**
   * Plays. Resolves once the engine was told. Where the browser holds audio until a user gesture
   * (autoplay policy), the picture starts muted on its own clock, `autoplayblocked` is emitted and
   * `muted` reads true; setting `muted = false` or calling `play()` from a gesture brings the sound
   * in where the picture is.
   */
  async play(): Promise<void> {
    if (this.destroyed) throw destroyedError();
    const ctx = this.audio?.ctx;
    if (ctx && ctx.state !== 'running') {
      if (await this.resumeAudio(ctx)) this.releaseAudio();
      else this.holdAudio();
    }
    this.control(PlayerCommand.PLAY);
  }

  /** Asks the browser to run the audio; true when it runs (within 0.5 s). */
  private async resumeAudio(ctx: AudioContext): Promise<boolean> {
    const policy = (navigator as { getAutoplayPolicy?: (t: string) => string }).getAutoplayPolicy?.('audiocontext');
    const resume = ctx.resume().then(() => true, () => false);
    if (policy === 'disallowed') return false; // the resume stays pending until a gesture
    const resumed = await Promise.race([resume, new Promise<boolean>((r) => setTimeout(() => r(false), 500))]);
    return resumed || (ctx.state as string) === 'running';
  }

  /** The browser holds audio: the engine plays without it until the context runs. */
  private holdAudio(): void {
    if (this.audioHeld || !this.audio) return;
    this.audioHeld = true;
    this.control(PlayerCommand.AUDIO_OUTPUT, 0);
    const ctx = this.audio.ctx;
    ctx.onstatechange = () => {
      if (ctx.state === 'running') this.releaseAudio();
    };
    this.report(new PlayerError('RECOVERABLE', 'PLAYER_AUDIO_UNAVAILABLE',
      'The browser holds audio until a user gesture (autoplay policy): playing muted', { reason: 'autoplay' }));
    this.emit('autoplayblocked', this.detail('autoplayblocked'));
    this.emit('volumechange', this.detail('volumechange'));
  }

  /** The audio context runs again (a gesture): sound rejoins where the picture is. */
  private releaseAudio(): void {
    if (!this.audioHeld || !this.audio) return;
    this.audioHeld = false;
    this.audio.ctx.onstatechange = null;
    this.control(PlayerCommand.AUDIO_LATENCY, latencyOf(this.audio.ctx));
    this.control(PlayerCommand.AUDIO_OUTPUT, 1);
    this.emit('volumechange', this.detail('volumechange'));
  }

  pause(): void {
    this.control(PlayerCommand.PAUSE);
  }

  /** Seeks to a time in seconds; the first frame shown is the one at that time. */
  seek(seconds: number): void {
    if (!Number.isFinite(seconds) || seconds < 0) {
      throw new PlayerError('CRITICAL', 'PLAYER_INVALID_ARGUMENT', `Cannot seek to ${seconds}`,
        { argument: 'seconds', reason: 'a finite number >= 0' });
    }
    this.state.seeking = true;
    this.state.time = seconds;
    this.state.at = performance.now();
    this.control(PlayerCommand.SEEK, seconds);
  }

  /** The position in seconds (carried on between the engine's reports while playing). */
  get currentTime(): number {
    const s = this.state;
    if (!s.running || s.seeking) return s.time;
    return s.time + (performance.now() - s.at) / 1000 * s.rate;
  }

  get duration(): number {
    return this.state.duration;
  }

  get paused(): boolean {
    return this.state.paused;
  }

  get ended(): boolean {
    return this.state.ended;
  }

  /**
   * @internal Tests and benchmarks: the audio graph (its context and the ring's worklet node, which
   * a tap may follow to time what reaches the output), or null without audio.
   */
  _audioOutput(): { ctx: AudioContext; node: AudioWorkletNode } | null {
    return this.audio;
  }

  /** The playback rate (0.25–4; the audio's pitch follows it). */
  get playbackRate(): number {
    return this.state.rate;
  }

  set playbackRate(rate: number) {
    if (!Number.isFinite(rate) || rate <= 0) {
      throw new PlayerError('CRITICAL', 'PLAYER_INVALID_ARGUMENT', `Cannot play at rate ${rate}`,
        { argument: 'playbackRate', reason: 'a finite number > 0 (0.25 to 4 is applied)' });
    }
    this.control(PlayerCommand.RATE, rate);
  }

  get volume(): number {
    return this.volumeValue;
  }

  set volume(v: number) {
    this.volumeValue = Math.min(1, Math.max(0, v));
    this.applyVolume();
  }

  /** True while muted, or while the browser holds the audio until a gesture (see {@link play}). */
  get muted(): boolean {
    return this.mutedValue || this.audioHeld;
  }

  /** Unmuting from a user gesture also brings in audio the browser held (autoplay policy). */
  set muted(m: boolean) {
    this.mutedValue = m;
    if (!m && this.audioHeld && this.audio) {
      const ctx = this.audio.ctx;
      this.resumeAudio(ctx).then((ok) => { if (ok) this.releaseAudio(); }, () => undefined);
    }
    this.applyVolume();
  }

  private applyVolume(): void {
    this.audio?.node.port.postMessage({ volume: this.mutedValue ? 0 : this.volumeValue });
    this.emit('volumechange', this.detail('volumechange'));
  }

  /**
   * @internal Benchmarks only ("play as fast as possible"): every frame is drawn as soon as it is
   * decoded, the clock follows the picture, audio is off.
   */
  _unpaced(on: boolean): void {
    this.control(PlayerCommand.UNPACED, on ? 1 : 0);
  }

  /**
   * @internal Tests only: after each frame drawn the engine reads the test media's frame-index
   * barcode back from the canvas (`getStats().probe`). Each read-back waits for the GPU.
   */
  _probe(on: boolean): void {
    this.control(PlayerCommand.PROBE, on ? 1 : 0);
  }

  /** Adds a listener; returns a function that removes it. */
  on<K extends PlayerEventName>(name: K, listener: (event: PlayerEventMap[K]) => void): () => void {
    return this.listeners.on(name, listener as (e: unknown) => void);
  }

  off<K extends PlayerEventName>(name: K, listener: (event: PlayerEventMap[K]) => void): void {
    this.listeners.off(name, listener as (e: unknown) => void);
  }

  getStats(): PathStats<CanvasPlayerStats> {
    return { ...this.stats, audioHeld: this.audioHeld, errors: [...this.errors] };
  }

  /** Stops everything: the engine's player ends, the canvas and the audio graph go. */
  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.resizeObserver?.disconnect();
    this.canvas.remove();
    this.audio?.node.disconnect();
    this.audio?.ctx.close().catch(() => undefined);
    this.audio = null;
    this.loaded?.reject(destroyedError());
    this.loaded = null;
    releaseEngine(this.engine, this.id);
    this.engine = null;
    this.listeners.clear();
  }

  private control(op: number, value?: number, value2?: number): void {
    if (this.destroyed || !this.engine) return;
    const m = { type: MessageType.PLAYER_CONTROL, player: this.id, op, value, value2 };
    this.engine.then((e) => e._post(m), () => undefined);
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

  private engineMessage(m: { type: number; json?: string }): void {
    if (this.destroyed || m.type !== MessageType.PLAYER_EVENT || !m.json) return;
    const e = JSON.parse(m.json) as Record<string, unknown> & { event: string; time?: number;
      duration?: number | null; paused?: boolean; rate?: number; state?: PlayerStateName; error?: unknown };
    if (e.event === 'error') {
      this.report(PlayerError.fromWire(JSON.stringify(e.error)));
      return;
    }
    if (e.event === 'path') {
      this.onPathFailed?.(String(e.path), String(e.reason));
      return;
    }
    if (e.event === 'levels') {
      this.levelState.known(e);
      return;
    }
    if (e.event === 'levelswitch' && typeof e.level === 'number') this.levelState.switched(e.level);
    if (e.event === 'stats') {
      for (const k of Object.keys(this.stats) as Array<keyof typeof this.stats>) {
        if (k !== 'path' && k !== 'audioRms' && e[k] !== undefined) (this.stats as Record<string, unknown>)[k] = e[k];
      }
    }
    const s = this.state;
    if (typeof e.time === 'number' && (!s.seeking || e.event === 'seeked')) {
      s.time = e.time;
      s.at = performance.now();
    }
    // null: not known. NaN before the metadata (as the element), Infinity after (unknown length).
    if (e.duration !== undefined) {
      s.duration = typeof e.duration === 'number' ? e.duration
        : e.state === 'idle' || e.state === 'loading' ? NaN : Infinity;
    }
    if (typeof e.paused === 'boolean') s.paused = e.paused;
    if (typeof e.rate === 'number') s.rate = e.rate;
    if (e.event === 'stats') return;
    if (e.event === 'playing') s.running = true;
    else if (e.event === 'pause' || e.event === 'waiting' || e.event === 'ended' || e.event === 'seeking') s.running = false;
    if (e.event === 'seeked') s.seeking = false;
    if (e.event === 'play' || e.event === 'seeking') s.ended = false;
    if (e.event === 'ended') s.ended = true;
    if (e.state) this.stats.state = e.state;
    if (e.event === 'loadedmetadata' && this.loaded) {
      this.loaded.resolve();
      this.loaded = null;
    }
    this.emit(e.event, this.detail(e.event as PlayerEventDetail['type']));
  }

  /** An event's payload: the player as it is now. */
  private detail(type: PlayerEventDetail['type']): PlayerEventDetail {
    return { type, currentTime: this.currentTime, duration: this.duration, paused: this.paused, playbackRate: this.playbackRate };
  }

  private report(error: PlayerError): void {
    this.errors.push(error);
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
