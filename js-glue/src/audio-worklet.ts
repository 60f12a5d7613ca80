// The AudioWorklet processor of the canvas path (oolong-audio-worklet.js). It plays the audio
// ring the engine worker fills (layout: dev.oolong.audio.AudioRingLayout, via the generated
// AudioRing constants) and moves the ring's read counter, which is the player's master clock.
// Volume is applied here; the RMS of what was played goes to the page for its statistics.
// No decisions are made here: the engine says play, pause, skip (after a seek) and ended.
// Without cross-origin isolation the ring is this worklet's own (a plain ArrayBuffer): the engine
// posts every write to it in order (samples and header stores), and the worklet reports its
// counters back after each quantum that moved them (dev.oolong.web.PostedRingMemory).
import { AudioRing } from './generated';

declare class AudioWorkletProcessor {
  readonly port: MessagePort;
}
declare function registerProcessor(name: string, ctor: unknown): void;
declare const sampleRate: number;

/** How often the RMS of what was played goes to the page (output frames). */
const REPORT_FRAMES = 4800;

class OolongAudioProcessor extends AudioWorkletProcessor {
  private header: Int32Array | null = null;
  private samples: Float32Array | null = null;
  private volume = 1;
  private sumSquares = 0;
  private counted = 0;
  private totalPlayed = 0;
  /** The port to the engine; set when the ring is posted (not shared) and counters go back. */
  private engine: MessagePort | null = null;
  private posted = false;
  private lastReport = [0, 0, 0];

  constructor() {
    super();
    this.port.onmessage = (e: MessageEvent) => this.message(e.data);
  }

  private message(m: {
    engine?: MessagePort; ring?: SharedArrayBuffer | ArrayBuffer; posted?: boolean; volume?: number;
    store?: number; value?: number; at?: number; samples?: Float32Array;
  }): void {
    if (m.engine) {
      // A new engine player (a later load): the previous one's ring and port are dropped.
      if (this.engine) this.engine.onmessage = null;
      this.header = null;
      this.samples = null;
      this.engine = m.engine;
      m.engine.onmessage = (e: MessageEvent) => this.message(e.data);
    }
    if (m.samples && this.samples && typeof m.at === 'number') this.samples.set(m.samples, m.at);
    if (typeof m.store === 'number' && this.header) this.header[m.store] = m.value ?? 0;
    if (m.ring) {
      this.posted = !!m.posted;
      this.header = new Int32Array(m.ring, 0, AudioRing.HEADER_INTS);
      this.samples = new Float32Array(m.ring, 4 * AudioRing.HEADER_INTS);
    }
    if (typeof m.volume === 'number') this.volume = m.volume;
  }

  process(_inputs: Float32Array[][], outputs: Float32Array[][]): boolean {
    const out = outputs[0];
    const h = this.header;
    const s = this.samples;
    if (!out || out.length === 0) return true;
    const n = out[0].length;
    let taken = 0;
    if (h && s) {
      let read = Atomics.load(h, AudioRing.READ);
      const skip = Atomics.load(h, AudioRing.SKIP_TO);
      if (((skip - read) | 0) > 0) {
        read = skip;
        Atomics.store(h, AudioRing.READ, read);
      }
      const state = Atomics.load(h, AudioRing.STATE);
      const capacity = Atomics.load(h, AudioRing.CAPACITY);
      const ch = Atomics.load(h, AudioRing.CHANNELS);
      if ((state & AudioRing.STATE_PLAYING) && capacity > 0 && ch > 0) {
        const available = (Atomics.load(h, AudioRing.WRITE) - read) | 0;
        taken = Math.max(0, Math.min(available, n));
        for (let c = 0; c < out.length; c++) {
          const dst = out[c];
          const from = Math.min(c, ch - 1);
          for (let i = 0; i < taken; i++) {
            const slot = ((read + i) >>> 0) % capacity;
            dst[i] = s[slot * ch + from] * this.volume;
          }
          dst.fill(0, taken);
        }
        if (taken < n && !(state & AudioRing.STATE_ENDED)) Atomics.add(h, AudioRing.UNDERRUNS, 1);
        Atomics.store(h, AudioRing.READ, (read + taken) | 0);
        Atomics.add(h, AudioRing.PLAYED, taken);
      }
    }
    if (taken === 0) for (const dst of out) dst.fill(0);
    if (this.posted && h && this.engine) this.report(h);
    const first = out[0];
    for (let i = 0; i < taken; i++) this.sumSquares += first[i] * first[i];
    this.counted += taken;
    this.totalPlayed += taken;
    if (this.counted >= REPORT_FRAMES) {
      this.port.postMessage({ rms: Math.sqrt(this.sumSquares / this.counted), played: this.totalPlayed, rate: sampleRate });
      this.sumSquares = 0;
      this.counted = 0;
    }
    return true;
  }

  /** Posted ring: sends the consumer's counters to the engine when they moved. */
  private report(h: Int32Array): void {
    const r = this.lastReport;
    const read = h[AudioRing.READ], played = h[AudioRing.PLAYED], underruns = h[AudioRing.UNDERRUNS];
    if (read === r[0] && played === r[1] && underruns === r[2]) return;
    r[0] = read; r[1] = played; r[2] = underruns;
    this.engine!.postMessage({ report: [read, played, underruns] });
  }
}

registerProcessor('oolong-audio', OolongAudioProcessor);
