// The engine worker (oolong-worker.js, a classic worker). It loads the TeaVM runtime and
// oolong-engine.wasm (or, for tests, the build named by ?wasm=) from its own folder and hands every message to the Java engine. Messages
// that arrive while the wasm loads are queued, not lost.
import { MessageType } from './generated';

declare const TeaVM: {
  wasmGC: { load(url: string): Promise<{ exports: { main(args: string[]): void; onMessage(m: unknown): void } }> };
};
declare function importScripts(...urls: string[]): void;

const scope = self as unknown as {
  location: Location;
  onmessage: ((e: MessageEvent) => void) | null;
  postMessage(m: unknown): void;
};
const queue: unknown[] = [];
let engine: { onMessage(m: unknown): void } | null = null;

scope.onmessage = (e: MessageEvent) => {
  if (engine) engine.onMessage(e.data);
  else queue.push(e.data);
};

function failed(reason: unknown): void {
  scope.postMessage({ type: MessageType.LOAD_FAILED, reason: String((reason as Error)?.message ?? reason) });
}

try {
  const base = new URL('.', scope.location.href).href;
  // Which build of the engine: the shipped one, or (tests, benchmarks) the diagnostics build named
  // by ?wasm= — a file in this folder, nothing else.
  const asked = new URL(scope.location.href).searchParams.get('wasm');
  if (asked !== null && !/^[A-Za-z0-9_-]+\.wasm$/.test(asked)) throw new Error(`not an engine file: ${asked}`);
  importScripts(base + 'oolong-engine.wasm-runtime.js');
  TeaVM.wasmGC.load(base + (asked ?? 'oolong-engine.wasm')).then((teavm) => {
    teavm.exports.main([]);
    engine = teavm.exports;
    for (const m of queue.splice(0)) engine.onMessage(m);
  }, failed);
} catch (e) {
  failed(e);
}
