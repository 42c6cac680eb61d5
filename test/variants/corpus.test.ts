/**
 * The async and streaming code variants against the plain render, over the whole oracle
 * corpus (fixtures/cases and, when present, Jinja2's own suite): renderAsync, the joined chunks
 * of generate() and of generateAsync() must equal render(), or fail with the same error
 * (class and message).
 */

import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { caseEnvironment, loadCases, type Case } from '../support/cases.js';

const dir = path.join(__dirname, '../../fixtures/cases');
const files = fs.readdirSync(dir).filter((f) => f.endsWith('.jsonl')).sort().map((f) => path.join(dir, f));
const shared = path.join(__dirname, '../../../shared/conformance/jinja2-suite.jsonl');
if (fs.existsSync(shared)) files.push(shared);

type Result = { out: string } | { err: string; msg: string };

/**
 * Known differences of the async variant (COMPATIBILITY.md): its `{% filter %}` join error is
 * raised at once, so an imported module's body fails at import even when the module is never
 * printed (Jinja2 and the sync render join it only on printing). Asserted, not skipped.
 */
const ASYNC_KNOWN: Record<string, Result> = {
  'calls/filter-join-imported-module-unprinted': { err: 'TypeError', msg: 'sequence item: expected str instance, list found' },
};

function asyncDiff(c: Case, a: Result, b: Result): string | null {
  const expected = ASYNC_KNOWN[c.id] ?? a;
  return JSON.stringify(expected) === JSON.stringify(b) ? null : `${c.id}: ${JSON.stringify(expected)} vs ${JSON.stringify(b)}`;
}

function describeError(e: unknown): Result {
  const err = e as Error;
  return { err: err.name, msg: err.message };
}

function load(c: Case) {
  const env = caseEnvironment(c);
  return c.entry !== undefined ? env.getTemplate(c.entry) : env.fromString(c.template);
}

function sync(c: Case): Result {
  try {
    return { out: load(c).render(structuredClone(c.context)) };
  } catch (e) {
    return describeError(e);
  }
}

async function viaAsync(c: Case): Promise<Result> {
  try {
    return { out: await load(c).renderAsync(structuredClone(c.context)) };
  } catch (e) {
    return describeError(e);
  }
}

function viaGenerate(c: Case): Result {
  try {
    return { out: [...load(c).generate(structuredClone(c.context))].join('') };
  } catch (e) {
    return describeError(e);
  }
}

async function viaGenerateAsync(c: Case): Promise<Result> {
  try {
    let out = '';
    for await (const chunk of load(c).generateAsync(structuredClone(c.context))) out += chunk;
    return { out };
  } catch (e) {
    return describeError(e);
  }
}

describe.each(files.map((f) => [path.basename(f), f] as const))('%s', (_name, file) => {
  const cases = loadCases(file);
  it('has cases', () => expect(cases.length).toBeGreaterThan(0));
  it('renderAsync equals render', async () => {
    const diffs: string[] = [];
    for (const c of cases) {
      const d = asyncDiff(c, sync(c), await viaAsync(c));
      if (d !== null) diffs.push(d);
    }
    expect(diffs).toEqual([]);
  });
  it('joined generate() chunks equal render', () => {
    const diffs: string[] = [];
    for (const c of cases) {
      const [a, b] = [sync(c), viaGenerate(c)];
      if (JSON.stringify(a) !== JSON.stringify(b)) diffs.push(`${c.id}: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`);
    }
    expect(diffs).toEqual([]);
  });
  it('joined generateAsync() chunks equal render', async () => {
    const diffs: string[] = [];
    for (const c of cases) {
      const d = asyncDiff(c, sync(c), await viaGenerateAsync(c));
      if (d !== null) diffs.push(d);
    }
    expect(diffs).toEqual([]);
  });
});
