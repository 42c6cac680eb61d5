/**
 * Every oracle case in fixtures/cases/*.jsonl, by id. The shared Jinja2 corpus
 * (../shared/conformance) is measured by `npm run conformance`, not asserted here, because a
 * fresh clone may not have it and not every case is expected to pass yet.
 */

import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCases, runCase } from './support/cases.js';

const dir = path.join(__dirname, '../fixtures/cases');
const files = fs.readdirSync(dir).filter((f) => f.endsWith('.jsonl')).sort();

describe.each(files)('%s', (file) => {
  const cases = loadCases(path.join(dir, file));
  it.each(cases.map((c) => [c.id, c] as const))('%s', (_id, c) => {
    const r = runCase(c);
    expect(r.ok ? 'ok' : r.detail).toBe('ok');
  });
});
