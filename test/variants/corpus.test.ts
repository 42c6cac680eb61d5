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
      const [a, b] = [sync(c), await viaAsync(c)];
      if (JSON.stringify(a) !== JSON.stringify(b)) diffs.push(`${c.id}: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`);
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
      const [a, b] = [sync(c), await viaGenerateAsync(c)];
      if (JSON.stringify(a) !== JSON.stringify(b)) diffs.push(`${c.id}: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`);
    }
    expect(diffs).toEqual([]);
  });
});
