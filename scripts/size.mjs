// Minified + gzipped sizes of the entry points, checked against budgets (`npm run size`).
import { build } from 'esbuild';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import * as path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Bytes after minify + gzip; raise deliberately, with the reason in the commit. */
export const BUDGETS = {
  runtime: 80_000,
  // the full engine carries both tiers: code generator and closure interpreter (src/interp/)
  full: 120_000,
};

const ENTRIES = { runtime: 'src/runtime/index.ts', full: 'src/index.ts' };

/** Bundle one entry (moo included, as an app would ship it) and return its sizes and inputs. */
export async function measureEntry(entry) {
  const r = await build({
    entryPoints: [path.join(root, entry)],
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'neutral',
    mainFields: ['module', 'main'],
    external: ['node:*'],
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const code = r.outputFiles[0].text;
  return { code, minified: Buffer.byteLength(code), gzipped: gzipSync(code, { level: 9 }).length, inputs: Object.keys(r.metafile.inputs) };
}

export async function measure() {
  const out = {};
  for (const [k, entry] of Object.entries(ENTRIES)) {
    const { minified, gzipped } = await measureEntry(entry);
    out[k] = { minified, gzipped, budget: BUDGETS[k] };
  }
  return out;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const sizes = await measure();
  let failed = false;
  for (const [k, s] of Object.entries(sizes)) {
    const over = s.gzipped > s.budget;
    failed ||= over;
    console.log(`${k.padEnd(8)} ${String(s.minified).padStart(8)} B min  ${String(s.gzipped).padStart(7)} B gzip  budget ${s.budget}${over ? '  OVER BUDGET' : ''}`);
  }
  process.exit(failed ? 1 : 0);
}
