/**
 * Shared by format.test.ts and methods.test.ts: loads fixtures/cases/method-tables.json (written
 * by fixtures/oracle/method_tables.py), decodes its operands and prints values canonically so a
 * result can be compared with Python's, type tags included (int vs float, list vs tuple, views).
 */

import * as fs from 'node:fs';
import * as path from 'node:path';
import { DICT_VIEW, dictViewKind } from '../../../src/runtime/methods.js';
import { isTuple, Markup, mkTuple, PyFloat, pyFloat } from '../../../src/runtime/values.js';

export type Enc = unknown;

export interface TableCase {
  id: string;
  kind: 'method' | 'percent' | 'mpercent' | 'format' | 'spec';
  recv?: Enc;
  method?: string;
  args?: Enc;
  kwargs?: Record<string, Enc>;
  fmt?: string;
  value?: Enc;
  spec?: string;
  expected: { value: Enc } | { error: string; message: string };
  after?: Enc;
}

const FILE = path.resolve(__dirname, '../../../fixtures/cases/method-tables.json');

export function loadTable(): TableCase[] {
  return (JSON.parse(fs.readFileSync(FILE, 'utf8')) as { cases: TableCase[] }).cases;
}

/** Decode an operand. `plainDicts` turns str-keyed {"dict"} into plain objects too. */
export function decode(v: Enc, plainDicts = false): unknown {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map((x) => decode(x, plainDicts));
  const o = v as Record<string, unknown>;
  if ('int' in o) {
    const b = BigInt(o.int as string);
    return b >= BigInt(Number.MIN_SAFE_INTEGER) && b <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(b) : b;
  }
  if ('float' in o) {
    const f = o.float;
    if (f === 'nan') return NaN;
    if (f === 'inf') return Infinity;
    if (f === '-inf') return -Infinity;
    return pyFloat(f as number);
  }
  if ('tuple' in o) return mkTuple((o.tuple as Enc[]).map((x) => decode(x, plainDicts)));
  if ('markup' in o) return new Markup(o.markup as string);
  if ('obj' in o) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of o.obj as [string, Enc][]) out[k] = decode(x, plainDicts);
    return out;
  }
  if ('dict' in o) {
    const entries = o.dict as [Enc, Enc][];
    if (plainDicts && entries.every(([k]) => typeof k === 'string')) {
      const out: Record<string, unknown> = {};
      for (const [k, x] of entries) out[k as string] = decode(x, plainDicts);
      return out;
    }
    return new Map(entries.map(([k, x]) => [decode(k, plainDicts), decode(x, plainDicts)]));
  }
  if ('view' in o) {
    const items = (o.items as Enc[]).map((x) => decode(x, plainDicts));
    (items as unknown as Record<symbol, unknown>)[DICT_VIEW] = o.view;
    return items;
  }
  throw new Error(`cannot decode ${JSON.stringify(v)}`);
}

function floatText(n: number): string {
  if (Number.isNaN(n)) return 'nan';
  if (!Number.isFinite(n)) return n > 0 ? 'inf' : '-inf';
  return Object.is(n, -0) ? '-0' : String(n);
}

/** A canonical, type-tagged rendering: equal iff the Python values are equal and of equal types. */
export function canon(v: unknown): string {
  if (v === null || v === undefined) return 'None';
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (typeof v === 'bigint') return `int:${v}`;
  if (typeof v === 'number') return Number.isInteger(v) && !Object.is(v, -0) ? `int:${v}` : `float:${floatText(v)}`;
  if (v instanceof PyFloat) return `float:${floatText(v.value)}`;
  if (typeof v === 'string') return JSON.stringify(v);
  if (v instanceof Markup) return `Markup(${JSON.stringify(v.s)})`;
  if (Array.isArray(v)) {
    const inner = v.map(canon).join(', ');
    const view = dictViewKind(v);
    if (view) return `${view}([${inner}])`;
    return isTuple(v) ? `(${inner})` : `[${inner}]`;
  }
  if (v instanceof Map) return `{${[...v].map(([k, x]) => `${canon(k)}: ${canon(x)}`).join(', ')}}`;
  if (typeof v === 'object') {
    return `{${Object.keys(v).map((k) => `${canon(k)}: ${canon((v as Record<string, unknown>)[k])}`).join(', ')}}`;
  }
  return `<${typeof v}>`;
}

/** Outcome of running fn, in the shape of the table's `expected`. */
export function run(fn: () => unknown): { value: unknown } | { error: string; message: string } {
  try {
    return { value: fn() };
  } catch (e) {
    const err = e as Error;
    return { error: err.name, message: (err as { detail?: string }).detail ?? err.message };
  }
}

/** Compare an outcome with the oracle's; returns null when equal, else a description. */
export function compare(c: TableCase, got: ReturnType<typeof run>, plainDicts = false): string | null {
  const exp = c.expected;
  if ('error' in exp) {
    if (!('error' in got)) return `expected ${exp.error}: ${exp.message}, got value ${canon(got.value)}`;
    if (got.error !== exp.error || got.message !== exp.message) {
      return `expected ${exp.error}: ${exp.message}\n     got ${got.error}: ${got.message}`;
    }
    return null;
  }
  if ('error' in got) return `expected ${canon(decode(exp.value, plainDicts))}, got ${got.error}: ${got.message}`;
  const want = canon(decode(exp.value, plainDicts));
  const have = canon(got.value);
  return want === have ? null : `expected ${want}\n     got ${have}`;
}
