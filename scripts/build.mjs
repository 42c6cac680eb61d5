// Build dist/: ESM + CJS bundles, the CLI, and .d.ts via tsc. ESM entries share chunks, so
// `jinjit` and `jinjit/runtime` use the same classes (Markup, Template...).
// moo (18 KB) is bundled in: imported from ESM as the CommonJS package it is, Node runs its CJS
// loader and export lexer on it, which made up about a quarter of `import 'jinjit'` in a fresh
// process. Its BSD-3-Clause notice ships as dist/THIRD-PARTY-NOTICES.txt.
import { build } from 'esbuild';
import { execSync } from 'node:child_process';
import { chmodSync, readFileSync, rmSync, writeFileSync } from 'node:fs';

rmSync('dist', { recursive: true, force: true });
const entries = { index: 'src/index.ts', runtime: 'src/runtime/index.ts', huggingface: 'src/huggingface.ts', esbuild: 'src/esbuild-plugin.ts' };
for (const [format, ext] of [['esm', 'js'], ['cjs', 'cjs']]) {
  await build({
    entryPoints: entries,
    outdir: 'dist',
    bundle: true,
    platform: 'node',
    target: 'node20',
    format,
    outExtension: { '.js': `.${ext}` },
    external: ['esbuild'],
    splitting: format === 'esm',
    chunkNames: 'chunks/[name]-[hash]',
    sourcemap: true,
    logLevel: 'warning',
  });
}
await build({
  entryPoints: { cli: 'src/cli.ts' },
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  banner: { js: '#!/usr/bin/env node' },
  logLevel: 'warning',
});
chmodSync('dist/cli.js', 0o755);
writeFileSync('dist/THIRD-PARTY-NOTICES.txt', `dist/ bundles moo (https://github.com/no-context/moo), under this license:\n\n${readFileSync('node_modules/moo/LICENSE', 'utf8')}`);
execSync('npx tsc -p tsconfig.build.json', { stdio: 'inherit' });
console.log('built dist/');
