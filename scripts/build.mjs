// Build dist/: ESM + CJS bundles (moo stays external), the CLI, and .d.ts via tsc. ESM entries share
// chunks, so `jinjit` and `jinjit/runtime` use the same classes (Markup, Template...).
import { build } from 'esbuild';
import { execSync } from 'node:child_process';
import { chmodSync, rmSync } from 'node:fs';

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
    external: ['moo', 'esbuild'],
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
  external: ['moo'],
  banner: { js: '#!/usr/bin/env node' },
  logLevel: 'warning',
});
chmodSync('dist/cli.js', 0o755);
execSync('npx tsc -p tsconfig.build.json', { stdio: 'inherit' });
console.log('built dist/');
