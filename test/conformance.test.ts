/**
 * Every oracle case in fixtures/cases/*.jsonl, by id, and, when it is present beside the
 * project (a fresh clone may not have it), every case of ../shared/conformance/*.jsonl (cases
 * taken from Jinja2's own test suite). `npm run conformance` prints the pass rates.
 *
 * Every case runs twice: compiled to JS, and in the interpreter (tier 0, src/interp/).
 *
 * A case marked `js_limit` (a genuine JavaScript limit, see fixtures/oracle/specs/_case.py) is
 * expected to differ: it runs as `it.fails`, so it turns red the day it starts to match and
 * its mark must go.
 */

import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCases, runCase, type Case } from './support/cases.js';

const dir = path.join(__dirname, '../fixtures/cases');
const shared = path.join(__dirname, '../../shared/conformance');
const files = fs.readdirSync(dir).filter((f) => f.endsWith('.jsonl')).sort().map((f) => path.join(dir, f));
if (fs.existsSync(shared)) {
  for (const f of fs.readdirSync(shared).filter((x) => x.endsWith('.jsonl')).sort()) files.push(path.join(shared, f));
}

const runs = files.flatMap((f) => (['compiled', 'interpreted'] as const).map((tier) => [`${path.relative(path.join(__dirname, '..'), f)} (${tier})`, f, tier] as const));

describe.each(runs)('%s', (_label, file, tier) => {
  const cases = loadCases(file);
  const check = (c: Case): void => {
    const r = runCase(c, tier);
    expect(r.ok ? 'ok' : r.detail).toBe('ok');
  };
  const matching = cases.filter((c) => c.js_limit === undefined);
  const limited = cases.filter((c) => c.js_limit !== undefined);
  if (matching.length > 0) it.each(matching.map((c) => [c.id, c] as const))('%s', (_id, c) => check(c));
  if (limited.length > 0) it.fails.each(limited.map((c) => [c.id, c] as const))('%s (js_limit)', (_id, c) => check(c));
});
