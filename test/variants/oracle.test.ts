/**
 * Oracle cases for async rendering and renderBlock (fixtures/oracle/variants.py renders them
 * with Jinja2's `enable_async` mode and its block functions).
 */

import * as path from 'node:path';
import * as fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DictLoader, Environment, type Callable } from '../../src/index.js';

interface VariantCase {
  id: string;
  template: string;
  templates?: Record<string, string>;
  entry?: string;
  context: Record<string, unknown>;
  block?: string;
  async?: boolean;
  expected: { output: string } | { error: string; message: string };
}

const dir = path.join(__dirname, '../../fixtures/variants');
const load = (file: string): VariantCase[] =>
  fs.readFileSync(path.join(dir, file), 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as VariantCase);

async function* agen(items: unknown[]): AsyncGenerator<unknown> {
  for (const x of items) {
    await Promise.resolve();
    yield x;
  }
}

/** The markers of variants.py as JS values: async functions and async generators. */
function build(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(build);
  if (v === null || typeof v !== 'object') return v;
  const o = v as Record<string, unknown>;
  const keys = Object.keys(o);
  if (keys.length === 1 && keys[0] === '$afunc') {
    const val = build(o.$afunc);
    return async () => val;
  }
  if (keys.length === 1 && keys[0] === '$aiter') return agen(build(o.$aiter) as unknown[]);
  if (keys.length === 1 && keys[0] === '$aiterf') {
    const items = build(o.$aiterf) as unknown[];
    return () => agen(items);
  }
  return Object.fromEntries(keys.map((k) => [k, build(o[k])]));
}

function environment(c: VariantCase): Environment {
  const env = new Environment(c.templates ? { loader: new DictLoader(c.templates) } : {});
  env.addFilter('adouble', (async (x: number) => x * 2) as Callable);
  env.addTest('aeven', (async (x: number) => x % 2 === 0) as Callable);
  return env;
}

async function outcome(fn: () => Promise<string> | string): Promise<VariantCase['expected']> {
  try {
    return { output: await fn() };
  } catch (e) {
    return { error: (e as Error).name, message: (e as Error).message };
  }
}

function check(actual: VariantCase['expected'], expected: VariantCase['expected']): void {
  if ('error' in expected && 'error' in actual) expect(actual.error).toBe(expected.error);
  else expect(actual).toEqual(expected);
}

describe('renderAsync (Jinja2 enable_async oracle)', () => {
  it.each(load('async.jsonl').map((c) => [c.id, c] as const))('%s', async (_id, c) => {
    const env = environment(c);
    const tmpl = c.entry ? env.getTemplate(c.entry) : env.fromString(c.template);
    check(await outcome(() => tmpl.renderAsync(build(c.context) as Record<string, unknown>)), c.expected);
  });
});

describe('renderBlock (Jinja2 block functions oracle)', () => {
  it.each(load('blocks.jsonl').map((c) => [c.id, c] as const))('%s', async (_id, c) => {
    const env = environment(c);
    const tmpl = c.entry ? env.getTemplate(c.entry) : env.fromString(c.template);
    const ctx = build(c.context) as Record<string, unknown>;
    const got = await outcome(() => (c.async ? tmpl.renderBlockAsync(c.block!, ctx) : tmpl.renderBlock(c.block!, ctx)));
    check(got, c.expected);
  });
});
