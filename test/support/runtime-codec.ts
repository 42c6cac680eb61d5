/**
 * The codec of fixtures/cases/runtime-tables.json (fixtures/oracle/runtime_tables.py): Python
 * values encoded as JSON, rebuilt here into jinjit's value model. Shared by the runtime table
 * tests (ops, repr).
 */
import { mkRange } from '../../src/runtime/range.js';
import { mkView, type DictViewKind } from '../../src/runtime/views.js';
import {
  ChainableUndefined, DebugUndefined, Markup, MISSING, mkTuple, pyFloat, StrictUndefined, Undefined,
} from '../../src/runtime/values.js';

export type Enc =
  | null
  | boolean
  | { int: string }
  | { float: string }
  | { str: string }
  | { markup: string }
  | { list: Enc[] }
  | { tuple: Enc[] }
  | { dict: [Enc, Enc][] }
  | { ref: number }
  | { range: [string, string, string] }
  | { view: DictViewKind; items: Enc[] }
  | { undefined: string; hint: string | null; name: Enc; obj?: Enc };

const UNDEFINED_CLASSES: Record<string, typeof Undefined> = {
  Undefined, StrictUndefined, DebugUndefined, ChainableUndefined,
};
export const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

export function parseFloatRepr(s: string): number {
  return s === 'nan' ? NaN : s === 'inf' ? Infinity : s === '-inf' ? -Infinity : Number(s);
}

/** Rebuild a value; `plain` turns dicts whose keys are all str into plain objects. */
export function decode(e: Enc, plain: boolean, stack: unknown[] = []): unknown {
  if (e === null || typeof e === 'boolean') return e;
  if ('int' in e) {
    const b = BigInt(e.int);
    return b >= -MAX_SAFE && b <= MAX_SAFE ? Number(b) : b;
  }
  if ('float' in e) return pyFloat(parseFloatRepr(e.float));
  if ('str' in e) return e.str;
  if ('markup' in e) return new Markup(e.markup);
  if ('ref' in e) return stack[e.ref];
  if ('range' in e) return mkRange(BigInt(e.range[0]), BigInt(e.range[1]), BigInt(e.range[2]));
  if ('view' in e) return mkView(e.items.map((x) => decode(x, plain, stack)), e.view);
  if ('list' in e || 'tuple' in e) {
    const arr: unknown[] = 'tuple' in e ? mkTuple([]) : [];
    stack.push(arr);
    for (const x of 'tuple' in e ? e.tuple : e.list) arr.push(decode(x, plain, stack));
    stack.pop();
    return arr;
  }
  if ('dict' in e) {
    if (plain && e.dict.every(([k]) => k !== null && typeof k === 'object' && 'str' in k)) {
      const o: Record<string, unknown> = {};
      stack.push(o);
      for (const [k, v] of e.dict) {
        Object.defineProperty(o, (k as { str: string }).str, {
          value: decode(v, plain, stack), enumerable: true, writable: true, configurable: true,
        });
      }
      stack.pop();
      return o;
    }
    const m = new Map<unknown, unknown>();
    stack.push(m);
    for (const [k, v] of e.dict) m.set(decode(k, plain, stack), decode(v, plain, stack));
    stack.pop();
    return m;
  }
  const cls = UNDEFINED_CLASSES[e.undefined]!;
  return new cls(e.hint, 'obj' in e ? decode(e.obj!, plain) : MISSING, decode(e.name, plain));
}
