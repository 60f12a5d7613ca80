// The packed npm package as a consumer meets it: installed into a fresh folder's node_modules,
// required (CommonJS) and imported (ESM) by name through its exports map, and a typed example
// compiled against its declarations with `tsc --strict --noEmit`. Run by `npm test` after the
// build (Maven's test phase). Fails with a message and a non-zero exit.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const here = resolve('.');
const consumer = resolve('target/consumer');
rmSync(consumer, { recursive: true, force: true });
mkdirSync(join(consumer, 'node_modules'), { recursive: true });
cpSync(resolve('target/npm-package'), join(consumer, 'node_modules', 'oolong-player'), { recursive: true });

const fail = (message) => {
  console.error('package test: ' + message);
  process.exit(1);
};
const expectApi = (how, m) => {
  for (const name of ['createPlayer', 'createEngine', 'PlayerError', 'ErrorCode', 'isCrossOriginIsolated']) {
    if (m[name] === undefined) fail(`${how}('oolong-player') has no ${name}: keys ${Object.keys(m).join(', ') || '(none)'}`);
  }
};

// CommonJS and ESM, resolved by the package's name from inside the consumer.
writeFileSync(join(consumer, 'cjs.cjs'), "module.exports = require('oolong-player');\n");
writeFileSync(join(consumer, 'esm.mjs'), "export * as api from 'oolong-player';\n");
const { createRequire } = await import('node:module');
expectApi('require', createRequire(join(consumer, 'cjs.cjs'))('./cjs.cjs'));
expectApi('import', (await import(join(consumer, 'esm.mjs'))).api);

// A typed consumer: one Player type for every mode, typed events and stats.
copyFileSync(join(here, 'test', 'consumer.ts'), join(consumer, 'consumer.ts'));
writeFileSync(join(consumer, 'tsconfig.json'), JSON.stringify({
  compilerOptions: {
    strict: true, noEmit: true, target: 'es2022', module: 'esnext', moduleResolution: 'bundler',
    lib: ['es2022', 'dom'], skipLibCheck: false,
  },
  files: ['consumer.ts'],
}));
try {
  execFileSync(process.execPath, [join(here, 'node_modules/typescript/bin/tsc'), '-p', join(consumer, 'tsconfig.json')],
    { stdio: 'inherit' });
} catch {
  fail('the typed consumer example does not compile with tsc --strict');
}
console.log('package test: require, import and the typed consumer (tsc --strict --noEmit) pass');
