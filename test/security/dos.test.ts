/**
 * The DoS corpus (payloads/dos.json) in child processes: `node --max-old-space-size=256` on an
 * esbuild bundle of dos-runner.ts. A payload that crashes or hangs the child fails here (and the
 * rest run in a fresh child) instead of taking the test runner down.
 *
 * Each payload must end in its expected way: an error of one of the listed classes (jinjit's
 * limits, src/runtime/limits.ts), or Jinja2's own result for `pythonSafe` payloads (from
 * expected.json; long outputs by length and SHA-256), or `alsoOutput` for long chains the
 * parser may accept. Every failure must be a TemplateError with a line number, the same
 * environment must render again afterwards, and the realm's built-ins must be unchanged.
 */

import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { build } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadExpected, PAYLOAD_DIR, type Result } from './support.js';

interface DosPayload {
  id: string;
  expect?: { error: string[] };
  alsoOutput?: string;
  pythonSafe?: boolean;
  options?: Record<string, unknown>;
}

interface Line {
  id: string;
  output?: string;
  outputLength?: number;
  outputSha256?: string;
  error?: string;
  message?: string;
  templateError?: boolean;
  located?: boolean;
  recovered?: boolean;
}

const doc = JSON.parse(fs.readFileSync(path.join(PAYLOAD_DIR, 'dos.json'), 'utf8')) as { payloads: DosPayload[] };
const expected = loadExpected();
const results = new Map<string, Line | string>();
const realm: string[] = [];

/** Run payloads in children until each has a result line or a crash note. */
function runAll(bundle: string): void {
  let pending = doc.payloads.slice();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jinjit-dos-'));
  try {
    while (pending.length > 0) {
      const input = path.join(dir, 'payloads.json');
      fs.writeFileSync(input, JSON.stringify({ payloads: pending }));
      const r = spawnSync(process.execPath, ['--max-old-space-size=256', '--stack-size=984', bundle, input], {
        encoding: 'utf8', timeout: 60_000, maxBuffer: 64 * 1024 * 1024,
      });
      let current: string | undefined;
      for (const l of (r.stdout ?? '').split('\n')) {
        if (l.startsWith('START ')) current = l.slice(6);
        else if (l.startsWith('REALM ')) realm.push(l.slice(6));
        else if (l.startsWith('{')) {
          const line = JSON.parse(l) as Line;
          results.set(line.id, line);
          current = undefined;
        }
      }
      if (current !== undefined) {
        const why = r.error ? String(r.error.message) : `exit ${r.status ?? r.signal}: ${(r.stderr ?? '').split('\n').find((x) => /FATAL|Error/.test(x)) ?? ''}`;
        results.set(current, `the child died on this payload (${why.slice(0, 200)})`);
      }
      const done = new Set(results.keys());
      const next = pending.filter((p) => !done.has(p.id));
      if (next.length === pending.length) break; // no progress: nothing more to learn
      pending = next;
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function matches(want: Result & { outputLength?: number; outputSha256?: string }, got: Line): boolean {
  if ('error' in want && want.error !== undefined) return got.error === want.error;
  if (want.outputSha256 !== undefined) return got.outputSha256 === want.outputSha256 && got.outputLength === want.outputLength;
  return got.output === (want as { output: string }).output;
}

beforeAll(async () => {
  const out = path.join(os.tmpdir(), `jinjit-dos-runner-${process.pid}.cjs`);
  await build({
    entryPoints: [path.join(__dirname, 'dos-runner.ts')],
    bundle: true, platform: 'node', format: 'cjs', target: 'node20', outfile: out, logLevel: 'silent',
  });
  try {
    runAll(out);
  } finally {
    fs.rmSync(out, { force: true });
  }
}, 180_000);

describe('dos corpus (child process, 256 MB heap)', () => {
  it.each(doc.payloads.map((p) => [p.id, p] as const))('%s', (id, p) => {
    const got = results.get(id);
    expect(got, 'no result: the child never reached this payload').toBeDefined();
    if (typeof got === 'string') expect.fail(got);
    const line = got as Line;
    const errors = p.expect?.error ?? [];
    const mode = (p.options?.sandbox as string | undefined) ?? 'none';
    const oracle = p.pythonSafe ? expected[`dos/${id}`]?.[mode as 'none'] : undefined;
    if (p.pythonSafe) expect(oracle, 'no oracle result: run python3 fixtures/oracle/security_cases.py').toBeDefined();
    const ok = (line.error !== undefined && errors.includes(line.error))
      || (oracle !== undefined && matches(oracle as Result, line))
      || (p.alsoOutput !== undefined && line.output === p.alsoOutput);
    expect(ok, `got ${JSON.stringify(line).slice(0, 300)}; expected ${errors.join('/') || JSON.stringify(oracle)}`).toBe(true);
    if (line.error !== undefined) {
      expect(line.templateError, 'a TemplateError subclass').toBe(true);
      expect(line.located, 'error carries a line number').toBe(true);
    }
    expect(line.recovered, 'the environment renders again after the payload').toBe(true);
  });

  it('leaves built-in prototypes and globalThis unchanged in every child', () => {
    expect(realm.length).toBeGreaterThan(0);
    expect(realm.every((r) => r === 'same')).toBe(true);
  });
});
