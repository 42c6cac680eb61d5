// Build dist/: ESM + CJS bundles (moo stays external) and .d.ts via tsc.
import { build } from 'esbuild';
import { execSync } from 'node:child_process';
import { rmSync } from 'node:fs';

rmSync('dist', { recursive: true, force: true });
const entries = { index: 'src/index.ts', runtime: 'src/runtime/index.ts' };
for (const [format, ext] of [['esm', 'js'], ['cjs', 'cjs']]) {
  await build({
    entryPoints: entries,
    outdir: 'dist',
    bundle: true,
    platform: 'node',
    target: 'node20',
    format,
    outExtension: { '.js': `.${ext}` },
    external: ['moo'],
    sourcemap: true,
    logLevel: 'warning',
  });
}
execSync('npx tsc -p tsconfig.build.json', { stdio: 'inherit' });
console.log('built dist/');
