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
 * Known differences of the async variant (COMPATIBILITY.md), asserted, not skipped: its
 * `{% filter %}` join error is raised at once, so an imported module's body fails at import even
 * when the module is never printed (Jinja2 and the sync render join it only on printing); and a
 * filtered loop (`for x in y if test`) whose body uses `loop` is filtered before the body runs
 * (its tests may await, and loop.last/length cannot), so state the body changes is not seen by
 * later tests. Bodies that do not use `loop` are filtered item by item, as in Jinja2.
 */
const ASYNC_KNOWN: Record<string, Result> = {
  'calls/filter-join-imported-module-unprinted': { err: 'TypeError', msg: 'sequence item: expected str instance, list found' },
  'stmt/for-if-lazy-index': { out: '1122133425' },
  'stmt/for-if-lazy-length': { out: '11/5 22/5 13/5 34/5 25/5 ' },
  'stmt/for-if-lazy-last': { out: '1False 2False 1False 3False 2True ' },
  'stmt/for-if-lazy-nextitem': { out: '21 12 31 23 2 ' },
  'stmt/for-if-lazy-revindex': { out: '15 241 132 321 213 ' },
  'stmt/for-if-lazy-repr': { out: '<LoopContext 1/4> <LoopContext 2/4> <LoopContext 3/4> <LoopContext 4/4> ' },
  'stmt/for-if-lazy-recursive': { out: '1(2)23' },
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
