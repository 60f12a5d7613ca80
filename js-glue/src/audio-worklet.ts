// The AudioWorklet processor of the canvas path (oolong-audio-worklet.js). It plays the audio
// ring the engine worker fills (layout: dev.oolong.audio.AudioRingLayout, via the generated
// AudioRing constants) and moves the ring's read counter, which is the player's master clock.
// Volume is applied here; the RMS of what was played goes to the page for its statistics.
// No decisions are made here: the engine says play, pause, skip (after a seek) and ended.
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
  private capacity = 0;
  private channels = 0;
  private volume = 1;
  private sumSquares = 0;
  private counted = 0;
  private totalPlayed = 0;

  constructor() {
    super();
    this.port.onmessage = (e: MessageEvent) => this.message(e.data);
  }

  private message(m: { engine?: MessagePort; ring?: SharedArrayBuffer; volume?: number }): void {
    if (m.engine) m.engine.onmessage = (e: MessageEvent) => this.message(e.data);
    if (m.ring) {
      this.header = new Int32Array(m.ring, 0, AudioRing.HEADER_INTS);
      this.samples = new Float32Array(m.ring, 4 * AudioRing.HEADER_INTS);
      this.capacity = Atomics.load(this.header, AudioRing.CAPACITY);
      this.channels = Atomics.load(this.header, AudioRing.CHANNELS);
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
      if (state & AudioRing.STATE_PLAYING) {
        const available = (Atomics.load(h, AudioRing.WRITE) - read) | 0;
        taken = Math.max(0, Math.min(available, n));
        const ch = this.channels;
        for (let c = 0; c < out.length; c++) {
          const dst = out[c];
          const from = Math.min(c, ch - 1);
          for (let i = 0; i < taken; i++) {
            const slot = ((read + i) >>> 0) % this.capacity;
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
}

registerProcessor('oolong-audio', OolongAudioProcessor);
