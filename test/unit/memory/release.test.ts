/**
 * Templates compiled from strings and dropped must not stay in the error map (src/error-map.ts):
 * an app that compiles per request would otherwise grow without bound. Runs in a child process
 * with `--expose-gc` so collection can be forced.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { build } from 'esbuild';
import { expect, it } from 'vitest';

/** Bundle a runner beside this file, run it with `--expose-gc`, and parse the JSON it prints (its stderr must be empty). */
async function runWithGc<T>(runner: string): Promise<T> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jinjit-memory-'));
  const out = path.join(dir, 'runner.mjs');
  await build({ entryPoints: [path.join(__dirname, runner)], bundle: true, platform: 'node', format: 'esm', outfile: out, logLevel: 'warning' });
  const res = spawnSync(process.execPath, ['--expose-gc', out], { encoding: 'utf8', timeout: 60_000 });
  expect(res.stderr).toBe('');
  return JSON.parse(res.stdout) as T;
}

it('drops error-map entries of collected templates and keeps those in use', async () => {
  const r = await runWithGc<{ before: number; afterCompile: number; afterGc: number; lineno?: number }>('release-runner.ts');
  expect(r.afterCompile).toBe(r.before + 201);
  expect(r.afterGc).toBe(r.before + 1); // only the template still referenced
  expect(r.lineno).toBe(1); // and its errors are still located
}, 90_000);

/**
 * V8's minor GCs keep alive an object whose own property holds a closure over it, and every
 * FinalizationRegistry target, until the next full GC: a template made that way was promoted
 * whole, so compiling many templates spent its time copying dead ones (environment.ts build,
 * error-map.ts releaseWith).
 */
it('dropped templates die in minor GCs, in every tier', async () => {
  const promoted = await runWithGc<Record<string, number>>('minor-gc-runner.ts');
  expect(Object.keys(promoted)).toEqual(['0', '10', 'Infinity']);
  // five templates with ~1 MB each: kept, that is ~4-5 MB promoted; dropped, well under 1 MB
  for (const mb of Object.values(promoted)) expect(mb).toBeLessThan(1);
}, 90_000);

/**
 * V8 keeps the source and bytecode of every distinct `new Function` in its eval cache until
 * memory runs short (~94 KB per 500-line template); where the host has `vm.compileFunction`
 * (Node ≥ 20.16), compiled templates use it and their code goes with them (src/compile-function.ts).
 */
it.runIf(typeof (process as { getBuiltinModule?: unknown }).getBuiltinModule === 'function')(
  'dropped templates do not stay in V8 code caches',
  async () => {
    const r = await runWithGc<{ usesHostVm: boolean; grownMb: number; codeKb: number }>('code-cache-runner.ts');
    expect(r.usesHostVm).toBe(true);
    // 400 templates of ~38 KB source each: kept by V8 that is over 30 MB; dropped, a few MB of noise
    expect(r.grownMb).toBeLessThan(8);
  },
  90_000,
);
