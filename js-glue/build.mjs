// Builds the js-glue outputs into target/dist and the npm package tarball into target/.
// Inputs: src/ (with src/generated.ts written by the Java generator) and the engine's wasm and
// runtime unpacked into target/engine/oolong-dist by Maven.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const version = JSON.parse(readFileSync('package.json', 'utf8')).version;
const dist = 'target/dist';
rmSync(dist, { recursive: true, force: true });
mkdirSync(dist, { recursive: true });

const common = { bundle: true, target: 'es2022', sourcemap: true, legalComments: 'none', logLevel: 'warning' };
await build({ ...common, entryPoints: ['src/entry-iife.ts'], format: 'iife', globalName: 'Oolong', outfile: `${dist}/oolong.js` });
await build({ ...common, entryPoints: ['src/entry-esm.ts'], format: 'esm', outfile: `${dist}/oolong.mjs` });
// CommonJS for require() (the IIFE only sets a global: required, it gave {}).
await build({ ...common, entryPoints: ['src/entry-iife.ts'], format: 'cjs', outfile: `${dist}/oolong.cjs` });
await build({ ...common, entryPoints: ['src/worker.ts'], format: 'iife', outfile: `${dist}/oolong-worker.js` });
await build({ ...common, entryPoints: ['src/audio-worklet.ts'], format: 'iife', outfile: `${dist}/oolong-audio-worklet.js` });

// Type declarations: tsc emits oolong.d.ts and generated.d.ts (strict type check included).
execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.json'], { stdio: 'inherit' });
for (const f of readdirSync('target/types')) copyFileSync(join('target/types', f), join(dist, f));

for (const f of ['oolong-engine.wasm', 'oolong-engine.wasm-runtime.js']) {
  copyFileSync(join('target/engine/oolong-dist', f), join(dist, f));
}
// The diagnostics build of the engine (tests and benchmarks: createEngine({ _wasm })): served with
// the bundle by the dev server, never in the npm package.
const diagnostics = 'oolong-diagnostics.wasm';
copyFileSync(join('target/engine/oolong-diagnostics', diagnostics), join(dist, diagnostics));

// The npm package: everything in dist plus its package.json, packed with `npm pack`.
const pkgDir = 'target/npm-package';
rmSync(pkgDir, { recursive: true, force: true });
mkdirSync(pkgDir, { recursive: true });
const shipped = readdirSync(dist).filter((f) => f !== diagnostics);
for (const f of shipped) copyFileSync(join(dist, f), join(pkgDir, f));
copyFileSync('README.npm.md', join(pkgDir, 'README.md'));
writeFileSync(join(pkgDir, 'package.json'), JSON.stringify({
  name: 'oolong-player',
  version,
  description: 'Web media player whose engine is Java compiled to WebAssembly (wasm-gc), running in a Web Worker.',
  license: 'Apache-2.0',
  main: './oolong.cjs',
  module: './oolong.mjs',
  types: './oolong.d.ts',
  exports: {
    '.': { types: './oolong.d.ts', import: './oolong.mjs', require: './oolong.cjs', default: './oolong.mjs' },
    './oolong.js': './oolong.js',
    './oolong-worker.js': './oolong-worker.js',
    './oolong-audio-worklet.js': './oolong-audio-worklet.js',
    './oolong-engine.wasm': './oolong-engine.wasm',
    './oolong-engine.wasm-runtime.js': './oolong-engine.wasm-runtime.js',
  },
  files: shipped,
  sideEffects: false,
}, null, 2) + '\n');
const out = execFileSync('npm', ['pack', '--pack-destination', '..', '--json'], { cwd: pkgDir, encoding: 'utf8' });
console.log('packed', JSON.parse(out)[0].filename);
