/**
 * Oolong's public API (page side). The engine runs in a dedicated worker compiled from Java to
 * WebAssembly; this module only starts it and carries typed messages to and from it.
 */
import {
  ENGINE_VERSION,
  ErrorCategory,
  ErrorCode,
  type ErrorCategoryName,
  type ErrorCodeName,
  MessageType,
} from './generated';

export { ErrorCategory, ErrorCode, ENGINE_VERSION };
export type { ErrorCategoryName, ErrorCodeName, ErrorDataMap } from './generated';

/** The version of this package. */
export const version: string = ENGINE_VERSION;

/** Options of {@link createEngine}. */
export interface EngineOptions {
  /**
   * Where `oolong-worker.js`, `oolong-engine.wasm` and its runtime are served from. Defaults to
   * the folder of the script that loaded Oolong.
   */
  baseUrl?: string;
  /** How long to wait for the engine to start, in milliseconds (default 20000). */
  startTimeoutMs?: number;
  /**
   * @internal Tests and benchmarks: the engine build to run, a `.wasm` file next to the worker
   * (`'oolong-diagnostics.wasm'` adds the `_demux`, `_decodeVideo`, `_renderVideo`,
   * `_decodeAudio`, `_benchmarkDemux` and `_transmux` diagnostics, which the shipped engine lacks).
   */
  _wasm?: string;
}

/** One track of a probed resource. */
export interface TrackInfo {
  id: number;
  type: 'video' | 'audio' | 'text' | 'metadata' | 'unknown';
  /** The codec's short name as ffprobe names it: `h264`, `hevc`, `av1`, `aac`, `opus`, ... */
  codec: string;
  /** RFC 6381 codec string (`avc1.4d401e`, `mp4a.40.2`, ...), or null when unknown. */
  codecString: string | null;
  /** Presentation duration in seconds, or null when unknown. */
  duration: number | null;
  /** Number of samples (packets), or -1 when unknown. */
  sampleCount: number;
  width?: number;
  height?: number;
  sampleRate?: number;
  channels?: number;
  language: string | null;
  encrypted: boolean;
}

/** What {@link Engine.probe} reports of a media resource. */
export interface MediaInfo {
  container: string;
  fragmented: boolean;
  /** Duration in seconds (the longest track), or null when unknown. */
  duration: number | null;
  /** Size in bytes, or -1 when unknown. */
  size: number;
  tracks: TrackInfo[];
}

/** Every error the player reports: a category, a numeric code and data documented per code. */
export class PlayerError extends Error {
  readonly severity: 'RECOVERABLE' | 'CRITICAL';
  readonly category: ErrorCategoryName;
  readonly code: number;
  readonly codeName: ErrorCodeName;
  readonly data: Record<string, string>;

  constructor(
    severity: 'RECOVERABLE' | 'CRITICAL',
    codeName: ErrorCodeName,
    message: string,
    data: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'PlayerError';
    this.severity = severity;
    this.codeName = codeName;
    this.code = ErrorCode[codeName];
    this.category = categoryOf(this.code);
    this.data = data;
  }

  /** @internal Builds an error from the engine's wire form. */
  static fromWire(json: string): PlayerError {
    const w = JSON.parse(json) as {
      severity: 'RECOVERABLE' | 'CRITICAL';
      name: ErrorCodeName;
      message: string;
      data: Record<string, string>;
    };
    return new PlayerError(w.severity, w.name, w.message, w.data);
  }
}

function categoryOf(code: number): ErrorCategoryName {
  const digit = Math.floor(code / 1000);
  const entry = Object.entries(ErrorCategory).find(([, v]) => v === digit);
  return (entry ? entry[0] : 'PLAYER') as ErrorCategoryName;
}

let scriptUrl: string | undefined;

/** @internal Set by the bundle entry to the URL of the script that holds Oolong. */
export function _setScriptUrl(url: string | undefined | null): void {
  if (url) scriptUrl = url;
}

/** @internal The folder the engine's files are served from. */
export function resolveBaseUrl(option?: string): string {
  const fallback = typeof location !== 'undefined' ? location.href : undefined;
  const base = option ?? (scriptUrl ? new URL('.', scriptUrl).href : undefined) ?? fallback;
  if (!base) throw new PlayerError('CRITICAL', 'PLAYER_INVALID_ARGUMENT', 'No baseUrl', { argument: 'baseUrl', reason: 'unknown' });
  const abs = new URL(base, fallback).href;
  return abs.endsWith('/') ? abs : abs + '/';
}

/** `url` resolved against the page (or the worker's location). */
function absoluteUrl(url: string): string {
  return new URL(url, typeof location !== 'undefined' ? location.href : undefined).href;
}

interface Pending {
  resolve: (m: { json: string; frames?: VideoFrame[]; buffers?: ArrayBuffer[] }) => void;
  reject: (e: PlayerError) => void;
}

/** A running engine: one dedicated worker executing `oolong-engine.wasm`. */
export class Engine {
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private terminated = false;
  /** The engine's version, as the worker reported it. */
  engineVersion = '';

  private constructor(worker: Worker) {
    this.worker = worker;
  }

  /** @internal */
  static start(options: EngineOptions = {}): Promise<Engine> {
    const base = resolveBaseUrl(options.baseUrl);
    const timeoutMs = options.startTimeoutMs ?? 20000;
    return new Promise((resolve, reject) => {
      let worker: Worker;
      try {
        const query = options._wasm ? `?wasm=${encodeURIComponent(options._wasm)}` : '';
        worker = new Worker(base + 'oolong-worker.js' + query, { name: 'oolong-engine' });
      } catch (e) {
        reject(new PlayerError('CRITICAL', 'PLAYER_ENGINE_LOAD_FAILED', `Cannot start the engine worker: ${e}`, { reason: String(e) }));
        return;
      }
      const engine = new Engine(worker);
      const timer = setTimeout(() => {
        worker.terminate();
        reject(new PlayerError('CRITICAL', 'PLAYER_ENGINE_LOAD_FAILED', `The engine did not start within ${timeoutMs} ms`, { reason: 'timeout' }));
      }, timeoutMs);
      worker.onerror = (ev: ErrorEvent) => {
        clearTimeout(timer);
        worker.terminate();
        reject(new PlayerError('CRITICAL', 'PLAYER_ENGINE_LOAD_FAILED', `The engine worker failed: ${ev.message || 'load error'}`, { reason: ev.message || 'load error' }));
      };
      worker.onmessage = (ev: MessageEvent) => {
        const m = ev.data as { type: number; id?: number; json?: string; version?: string; reason?: string };
        if (m.type === MessageType.READY) {
          clearTimeout(timer);
          engine.engineVersion = m.version ?? '';
          worker.onmessage = (e: MessageEvent) => engine.onMessage(e.data);
          worker.onerror = (e: ErrorEvent) => {
            e.preventDefault();
            engine.crashed(e.message || 'uncaught error');
          };
          resolve(engine);
        } else if (m.type === MessageType.LOAD_FAILED) {
          clearTimeout(timer);
          worker.terminate();
          reject(new PlayerError('CRITICAL', 'PLAYER_ENGINE_LOAD_FAILED', `The engine failed to load: ${m.reason}`, { reason: m.reason ?? '' }));
        }
      };
    });
  }

  private readonly players = new Map<number, (m: { type: number; handle?: unknown; json?: string }) => void>();

  /** @internal Routes a player's messages (PLAYER_MEDIA, PLAYER_EVENT) to it. */
  _attach(player: number, handler: (m: { type: number; handle?: unknown; json?: string }) => void): void {
    this.players.set(player, handler);
  }

  /** @internal Posts a message to the worker. */
  _post(message: Record<string, unknown>, transfer: Transferable[] = []): void {
    if (!this.terminated) this.worker.postMessage(message, transfer);
  }

  private onMessage(m: { type: number; id: number; json: string; frames?: VideoFrame[]; buffers?: ArrayBuffer[]; player?: number }): void {
    if (m.player !== undefined) {
      this.players.get(m.player)?.(m);
      return;
    }
    const p = this.pending.get(m.id);
    if (!p) return;
    this.pending.delete(m.id);
    if (m.type === MessageType.RESULT) p.resolve(m);
    else if (m.type === MessageType.ERROR) p.reject(PlayerError.fromWire(m.json));
  }

  private request(type: number, fields: Record<string, unknown>): Promise<string> {
    return this.requestMessage(type, fields).then((m) => m.json);
  }

  private requestMessage(type: number, fields: Record<string, unknown>, transfer: Transferable[] = []): Promise<{ json: string; frames?: VideoFrame[]; buffers?: ArrayBuffer[] }> {
    if (this.terminated) {
      return Promise.reject(new PlayerError('CRITICAL', 'PLAYER_DESTROYED', 'The engine was terminated'));
    }
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ type, id, ...fields }, transfer);
    });
  }

  /**
   * Probes a media resource with HTTP range requests and reports its container and tracks. The
   * URL is resolved against the page. Rejects with a {@link PlayerError}.
   */
  async probe(url: string): Promise<MediaInfo> {
    const absolute = absoluteUrl(url);
    return JSON.parse(await this.request(MessageType.PROBE, { url: absolute })) as MediaInfo;
  }

  // The diagnostics and benchmarks below answer on the diagnostics build only (createEngine({ _wasm:
  // 'oolong-diagnostics.wasm' })); the shipped engine rejects them with PLAYER_INVALID_ARGUMENT.

  /**
   * @internal Diagnostics: extracts every packet of `url` in the engine and returns counts and the
   * CRC-32 of the packet dump (the same dump the JVM tools print).
   */
  async _demux(url: string): Promise<{ packets: number; streams: number; bytes: number; dumpCrc: string; ms: number }> {
    const absolute = absoluteUrl(url);
    return JSON.parse(await this.request(MessageType.DEMUX, { url: absolute }));
  }

  /**
   * @internal Diagnostics: decodes the first `frames` video frames of `url` with WebCodecs in the
   * engine worker; returns the decoder configuration used and the decoded frames (transferred:
   * the caller closes them).
   */
  async _decodeVideo(url: string, frames: number): Promise<{ info: { codec: string; description: boolean;
    chunks: number; frames: Array<{ timestamp: number; width: number; height: number }> }; frames: VideoFrame[] }> {
    const absolute = absoluteUrl(url);
    const m = await this.requestMessage(MessageType.DECODE_VIDEO, { url: absolute, frames });
    return { info: JSON.parse(m.json), frames: m.frames ?? [] };
  }

  /**
   * @internal Diagnostics: plays the video track of `url` once, at real-time speed, on `canvas`
   * (its control goes to the engine worker); resolves after the last frame with the counts.
   */
  async _renderVideo(url: string, canvas: HTMLCanvasElement): Promise<{ codec: string; decoded: number;
    rendered: number; dropped: number; ms: number; lastPtsUs: number }> {
    const absolute = absoluteUrl(url);
    const offscreen = canvas.transferControlToOffscreen();
    const m = await this.requestMessage(MessageType.RENDER_VIDEO, { url: absolute, canvas: offscreen }, [offscreen]);
    return JSON.parse(m.json);
  }

  /** @internal Diagnostics: decodes the audio track of `url` with WebCodecs in the engine worker. */
  async _decodeAudio(url: string): Promise<{ codec: string; description: boolean; chunks: number; frames: number;
    sampleRate: number; channels: number; rms: number; frequency: number }> {
    const absolute = absoluteUrl(url);
    return JSON.parse(await this.request(MessageType.DECODE_AUDIO, { url: absolute }));
  }

  /** @internal Benchmark: loads `url` into memory, then extracts it `iterations` times. */
  async _benchmarkDemux(url: string, iterations: number): Promise<{ bytes: number; iterations: number; ms: number; mbPerSecond: number }> {
    const absolute = absoluteUrl(url);
    return JSON.parse(await this.request(MessageType.DEMUX_BENCHMARK, { url: absolute, iterations }));
  }

  /**
   * @internal Benchmark: transmuxes `data` (transferred: the caller keeps no access) once in the
   * engine, to what each SourceBuffer would be given; resolves with each SourceBuffer's segments
   * (init segment first) and the engine's own time.
   */
  async _transmux(data: ArrayBuffer): Promise<{ inBytes: number; engineMs: number; mimeTypes: string[]; segments: ArrayBuffer[][] }> {
    const m = await this.requestMessage(MessageType.TRANSMUX, { data }, [data]);
    const r = JSON.parse(m.json) as { inBytes: number; engineMs: number; mimeTypes: string[]; segments: number[] };
    const buffers = m.buffers ?? [];
    let next = 0;
    return { ...r, segments: r.segments.map((n) => buffers.slice(next, (next += n))) };
  }

  /**
   * The worker hit an uncaught error after it had started (a trap in the wasm, an exception that
   * escaped the engine): its state cannot be trusted, so it is stopped, pending requests reject
   * and every player on it gets a critical `PLAYER_ENGINE_CRASHED`.
   */
  private crashed(reason: string): void {
    if (this.terminated) return;
    const error = new PlayerError('CRITICAL', 'PLAYER_ENGINE_CRASHED', `The engine worker stopped: ${reason}`, { reason });
    this.stop(error);
    const json = JSON.stringify({ event: 'error', error: { severity: error.severity, name: error.codeName,
      message: error.message, data: error.data } });
    for (const handler of [...this.players.values()]) handler({ type: MessageType.PLAYER_EVENT, json });
    this.players.clear();
  }

  /** Stops the worker; pending requests reject with PLAYER_DESTROYED. */
  terminate(): void {
    if (this.terminated) return;
    this.stop(new PlayerError('CRITICAL', 'PLAYER_DESTROYED', 'The engine was terminated'));
  }

  /** Stops the worker; pending requests reject with `error`. */
  private stop(error: PlayerError): void {
    this.terminated = true;
    this.worker.terminate();
    for (const p of this.pending.values()) p.reject(error);
    this.pending.clear();
  }
}

/** Starts an engine in a dedicated worker. Resolves once the wasm is loaded. */
export function createEngine(options?: EngineOptions): Promise<Engine> {
  return Engine.start(options);
}

/** Whether the page is cross-origin isolated (SharedArrayBuffer available). */
export function isCrossOriginIsolated(): boolean {
  return typeof crossOriginIsolated !== 'undefined' && crossOriginIsolated === true;
}

export { createPlayer } from './player';
export type {
  Player, PlayerConfig, PlayerStats, PlayerStatsBase, PlayerEventName, PlayerEventMap, PlayerEventDetail, PlayerStateName,
  PathName,
} from './player';
export type { MsePlayerStats, CanvasPlayerStats } from './generated';
