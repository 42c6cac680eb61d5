/**
 * Helpers shared by the builtin filters: Jinja2's `make_attrgetter`, CPython's sort algorithm
 * (so comparison errors name the same operands as Python's), set-like hashing for `unique`, and
 * the Python string primitives the filters need (whitespace, splitlines, strip, ...).
 */

import { pyErr, PythonError, TemplateRuntimeError, type PythonErrorName } from '../../errors.js';
import { eq, lt, truthy } from '../../runtime/ops.js';
import { pyStr, typeName } from '../../runtime/repr.js';
import type { EnvLike, Kwargs } from '../../runtime/types.js';
import { cpLen } from '../../runtime/format-spec.js';
import { GETATTR, isKwargsObject, isMarkup, isPlainObject, isTuple, Markup, PyFloat, StrictUndefined, Undefined } from '../../runtime/values.js';

/** Jinja2's FilterArgumentError: a filter was called with an argument it cannot use. */
export class FilterArgumentError extends TemplateRuntimeError {}

/** Python's AssertionError (Jinja2's `truncate` asserts its arguments). */
export function assertionError(message: string): PythonError {
  return new PythonError('AssertionError' as PythonErrorName, message);
}

/** The text of a str or Markup value, else null. */
export function strOf(v: unknown): string | null {
  if (typeof v === 'string') return v;
  if (v instanceof Markup) return v.s;
  return null;
}

// ---------------------------------------------------------------------------------------------
// arguments
// ---------------------------------------------------------------------------------------------

/**
 * Split the trailing keyword-argument object off a `varKw` filter's arguments. The runtime
 * passes extra keyword arguments as one null-prototype object after the positional ones (and
 * may omit it when there are none).
 */
export function splitKwargs(rest: unknown[]): [unknown[], Kwargs] {
  const n = rest.length;
  if (n > 0) {
    const last = rest[n - 1];
    if (isKwargsObject(last)) {
      return [rest.slice(0, n - 1), last as Kwargs];
    }
  }
  return [rest, Object.create(null) as Kwargs];
}

// ---------------------------------------------------------------------------------------------
// iteration
// ---------------------------------------------------------------------------------------------

/**
 * Python's `iter(v)`, lazily: lists, strings (by code point), dicts (keys), Undefined (empty;
 * StrictUndefined raises) and JS iterables (generators); anything else raises TypeError.
 */
export function pyIter(v: unknown): Iterable<unknown> {
  if (Array.isArray(v) || typeof v === 'string') return v;
  if (v instanceof Markup) return v.s;
  if (v instanceof Map) return v.keys();
  if (isPlainObject(v)) return Object.keys(v);
  if (v instanceof Undefined) {
    if (v instanceof StrictUndefined) v.fail();
    return [];
  }
  if (v !== null && typeof v === 'object' && typeof (v as Iterable<unknown>)[Symbol.iterator] === 'function' && !(GETATTR in v)) {
    return v as Iterable<unknown>;
  }
  throw pyErr('TypeError', `'${typeName(v)}' object is not iterable`);
}

/** Python's `list(v)` as a fresh array. */
export function pyList(v: unknown): unknown[] {
  if (Array.isArray(v)) return v.slice();
  if (typeof v === 'string') return Array.from(v);
  return Array.from(pyIter(v));
}

// ---------------------------------------------------------------------------------------------
// attribute getters (jinja2.filters.make_attrgetter / make_multi_attrgetter)
// ---------------------------------------------------------------------------------------------

export type Getter = (item: unknown) => unknown;

/** `"a.0.b"` -> `['a', 0, 'b']`; a non-string attribute is one part; None is no part. */
export function attributeParts(attr: unknown): unknown[] {
  if (attr === null || attr === undefined) return [];
  const s = strOf(attr);
  if (s === null) return [attr];
  return s.split('.').map((x) => {
    if (!/^[0-9]+$/.test(x)) return x;
    const n = Number(x);
    return Number.isSafeInteger(n) ? n : BigInt(x);
  });
}

/** Lowercase strings (Jinja2's `ignore_case` postprocessor). */
export function ignoreCase(v: unknown): unknown {
  if (typeof v === 'string') return v.toLowerCase();
  if (v instanceof Markup) return new Markup(v.s.toLowerCase());
  return v;
}

const identityGetter: Getter = (x) => x;

/** Jinja2's `make_attrgetter`: dotted path lookup through `env.getitem`. */
export function makeAttrGetter(env: EnvLike, attribute: unknown, postprocess?: Getter | null, dflt?: unknown): Getter {
  const parts = attributeParts(attribute);
  const useDefault = dflt !== null && dflt !== undefined;
  if (parts.length === 0) return postprocess ?? identityGetter;
  if (parts.length === 1 && !useDefault) {
    const p = parts[0];
    return postprocess ? (item) => postprocess(env.getitem(item, p)) : (item) => env.getitem(item, p);
  }
  return (item) => {
    for (const part of parts) {
      item = env.getitem(item, part);
      if (useDefault && item instanceof Undefined) item = dflt;
    }
    return postprocess ? postprocess(item) : item;
  };
}

/** Jinja2's `make_multi_attrgetter`: `"age,name"` gives a list of values per item. */
export function makeMultiAttrGetter(env: EnvLike, attribute: unknown, postprocess?: Getter | null): (item: unknown) => unknown[] {
  const s = strOf(attribute);
  const split: unknown[] = s !== null ? s.split(',') : [attribute];
  const getters = split.map((a) => makeAttrGetter(env, a, postprocess));
  return (item) => getters.map((g) => g(item));
}

// ---------------------------------------------------------------------------------------------
// sorting: a port of CPython's listsort (count_run + binary insertion, merges of runs)
// ---------------------------------------------------------------------------------------------

export type Less = (a: unknown, b: unknown) => boolean;

/** Python's `a < b` on strings: code point order (JS compares UTF-16 code units). */
export function strLess(a: string, b: string): boolean {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x !== y) {
      if (x >= 0xd800 && y >= 0xd800) {
        // surrogates (astral code points) sort after U+E000..U+FFFF
        x = x >= 0xe000 ? x - 0x800 : x + 0x2000;
        y = y >= 0xe000 ? y - 0x800 : y + 0x2000;
      }
      return x < y;
    }
  }
  return a.length < b.length;
}

/** Python `a < b` as a boolean. */
export const pyLess: Less = (a, b) => {
  if (typeof a === 'number' && typeof b === 'number') return a < b;
  if (typeof a === 'string' && typeof b === 'string') return strLess(a, b);
  return truthy(lt(a, b));
};

/** Comparison of one-element key lists `[a] < [b]`, as `sort` does: equality is tested first. */
export const listLess1: Less = (a, b) => {
  if (typeof a === 'number' && typeof b === 'number') return a < b;
  if (typeof a === 'string' && typeof b === 'string') return strLess(a, b);
  if (a === b || truthy(eq(a, b))) return false;
  return pyLess(a, b);
};

/** Comparison of key lists `[a1, a2] < [b1, b2]` (Python's list ordering). */
export const listLess: Less = (a, b) => {
  const x = a as unknown[];
  const y = b as unknown[];
  const n = Math.min(x.length, y.length);
  for (let i = 0; i < n; i++) {
    if (x[i] === y[i] || truthy(eq(x[i], y[i]))) continue;
    return pyLess(x[i], y[i]);
  }
  return x.length < y.length;
};

/**
 * Python's `sorted(values, key=..., reverse=...)`: keys are computed first (all of them), the
 * sort is stable, and comparisons happen in CPython's order for lists shorter than 64 items.
 */
export function pySorted<T>(values: readonly T[], key: Getter | null, less: Less, reverse = false): T[] {
  const n = values.length;
  const vals = values.slice();
  const keys = key ? vals.map(key) : (vals as unknown[]);
  if (n < 2) return vals;
  if (reverse) {
    vals.reverse();
    if (key) keys.reverse();
  }
  const order = sortIndices(keys, less);
  let out = order.map((i) => vals[i]!);
  if (reverse) out = out.reverse();
  return out;
}

function sortIndices(keys: readonly unknown[], less: Less): number[] {
  const n = keys.length;
  const idx = Array.from({ length: n }, (_, i) => i);
  const lt2 = (i: number, j: number): boolean => less(keys[i], keys[j]);
  const minrun = computeMinrun(n);
  const runs: [number, number][] = [];
  let lo = 0;
  while (lo < n) {
    let runLen = countRun(idx, lo, n, lt2);
    if (runLen < minrun) {
      const force = Math.min(minrun, n - lo);
      binarySort(idx, lo, lo + force, lo + runLen, lt2);
      runLen = force;
    }
    runs.push([lo, runLen]);
    mergeCollapse(idx, runs, lt2);
    lo += runLen;
  }
  while (runs.length > 1) mergeAt(idx, runs, runs.length - 2, lt2);
  return idx;
}

function computeMinrun(n: number): number {
  let r = 0;
  while (n >= 64) {
    r |= n & 1;
    n >>= 1;
  }
  return n + r;
}

function countRun(a: number[], lo: number, hi: number, lt2: (i: number, j: number) => boolean): number {
  if (lo + 1 === hi) return 1;
  let n = 2;
  let p = lo + 1;
  if (lt2(a[p]!, a[p - 1]!)) {
    for (p = p + 1; p < hi; p++, n++) if (!lt2(a[p]!, a[p - 1]!)) break;
    // a strictly descending run is reversed in place (stability is kept: no equal elements)
    let i = lo;
    let j = lo + n - 1;
    while (i < j) {
      const t = a[i]!;
      a[i++] = a[j]!;
      a[j--] = t;
    }
  } else {
    for (p = p + 1; p < hi; p++, n++) if (lt2(a[p]!, a[p - 1]!)) break;
  }
  return n;
}

function binarySort(a: number[], lo: number, hi: number, start: number, lt2: (i: number, j: number) => boolean): void {
  if (lo === start) start++;
  for (; start < hi; start++) {
    let l = lo;
    let r = start;
    const pivot = a[r]!;
    do {
      const p = l + ((r - l) >> 1);
      if (lt2(pivot, a[p]!)) r = p;
      else l = p + 1;
    } while (l < r);
    for (let p = start; p > l; p--) a[p] = a[p - 1]!;
    a[l] = pivot;
  }
}

function mergeCollapse(a: number[], runs: [number, number][], lt2: (i: number, j: number) => boolean): void {
  while (runs.length > 1) {
    let n = runs.length - 2;
    if ((n > 0 && runs[n - 1]![1] <= runs[n]![1] + runs[n + 1]![1]) || (n > 1 && runs[n - 2]![1] <= runs[n - 1]![1] + runs[n]![1])) {
      if (runs[n - 1]![1] < runs[n + 1]![1]) n--;
    } else if (runs[n]![1] > runs[n + 1]![1]) {
      break;
    }
    mergeAt(a, runs, n, lt2);
  }
}

function mergeAt(a: number[], runs: [number, number][], i: number, lt2: (i: number, j: number) => boolean): void {
  const [base1, len1] = runs[i]!;
  const [, len2] = runs[i + 1]!;
  const left = a.slice(base1, base1 + len1);
  const right = a.slice(base1 + len1, base1 + len1 + len2);
  let x = 0;
  let y = 0;
  let k = base1;
  while (x < left.length && y < right.length) {
    if (lt2(right[y]!, left[x]!)) a[k++] = right[y++]!;
    else a[k++] = left[x++]!;
  }
  while (x < left.length) a[k++] = left[x++]!;
  while (y < right.length) a[k++] = right[y++]!;
  runs.splice(i, 2, [base1, len1 + len2]);
}

// ---------------------------------------------------------------------------------------------
// hashing (Python set membership for `unique`)
// ---------------------------------------------------------------------------------------------

let nextId = 0;
const ids = new WeakMap<object, number>();

function identityKey(o: object): string {
  let id = ids.get(o);
  if (id === undefined) {
    id = ++nextId;
    ids.set(o, id);
  }
  return 'o' + id;
}

function numKey(n: number): string {
  if (Number.isNaN(n)) return identityKey({}); // every NaN is its own key
  if (Number.isInteger(n) && !Number.isSafeInteger(n)) return 'n' + BigInt(n).toString();
  return 'n' + String(n === 0 ? 0 : n);
}

/**
 * A string that is equal for two values exactly when Python considers them the same set
 * member (`1 == 1.0 == True`, `Markup('a') == 'a'`, tuples by content). Unhashable values
 * (lists, dicts) raise Python's TypeError.
 */
export function hashKey(v: unknown): string {
  if (typeof v === 'string') return 's' + v;
  if (typeof v === 'number') return numKey(v);
  if (v === null || v === undefined) return 'N';
  if (typeof v === 'boolean') return v ? 'n1' : 'n0';
  if (typeof v === 'bigint') return 'n' + v.toString();
  if (v instanceof PyFloat) return numKey(v.value);
  if (v instanceof Markup) return 's' + v.s;
  if (Array.isArray(v)) {
    if (!isTuple(v)) throw pyErr('TypeError', `unhashable type: 'list'`);
    return 't' + JSON.stringify(v.map(hashKey));
  }
  if (v instanceof Undefined) {
    if (v instanceof StrictUndefined) v.fail(); // its __hash__ raises
    return 'U' + v.constructor.name;
  }
  if (v instanceof Map) throw pyErr('TypeError', `unhashable type: 'dict'`);
  if (typeof v === 'object') {
    const proto = Object.getPrototypeOf(v);
    if (proto === Object.prototype || proto === null) throw pyErr('TypeError', `unhashable type: 'dict'`);
  }
  return identityKey(v as object);
}

// ---------------------------------------------------------------------------------------------
// Python str primitives
// ---------------------------------------------------------------------------------------------

/** Python's `str.isspace()` characters, as the inside of a regex character class. */
export const PY_SPACE = '\\t\\n\\v\\f\\r\\x1c-\\x20\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';

/** markupsafe's `soft_str`: str and Markup unchanged, anything else through `str()`. */
export function softStr(v: unknown): string | Markup {
  if (typeof v === 'string' || v instanceof Markup) return v;
  return pyStr(v);
}

/** Python's `len(v)`. */
export function pyLen(v: unknown): number {
  if (typeof v === 'string') return cpLen(v);
  if (Array.isArray(v)) return v.length;
  if (v instanceof Markup) return cpLen(v.s);
  if (v instanceof Map) return v.size;
  if (isPlainObject(v)) return Object.keys(v).length;
  if (v instanceof Undefined) {
    if (v instanceof StrictUndefined) v.fail();
    return 0;
  }
  throw pyErr('TypeError', `object of type '${typeName(v)}' has no len()`);
}

/** Markup-like (has `__html__`), excluding Undefined. */
export function hasHtml(v: unknown): v is { __html__(): string } {
  return isMarkup(v) && !(v instanceof Undefined);
}

// ---------------------------------------------------------------------------------------------
// lazy results
// ---------------------------------------------------------------------------------------------

/**
 * A single-pass iterator standing for a Python generator (what `map`, `select`, `batch`...
 * return): iterable once, truthy, no len(); `typeName` reports `generator`.
 */
export class PyGenerator implements Iterable<unknown> {
  static pyName = 'generator';
  constructor(
    private readonly it: Iterator<unknown>,
    /** The Python function name shown in the repr (`sync_do_map`). */
    readonly pyFunction: string,
  ) {}

  [Symbol.iterator](): Iterator<unknown> {
    return this.it;
  }

  __repr__(): string {
    return `<generator object ${this.pyFunction} at 0x7f0000000000>`;
  }
}

/** Python's `reversed(list)` / `reversed(dict)` iterator (`list_reverseiterator`...). */
export class ListReverseIterator implements Iterable<unknown> {
  static pyName = 'list_reverseiterator';
  private i: number;
  constructor(private readonly items: readonly unknown[]) {
    this.i = items.length - 1;
  }

  [Symbol.iterator](): Iterator<unknown> {
    return {
      next: (): IteratorResult<unknown> => {
        if (this.i >= 0 && this.i < this.items.length) return { value: this.items[this.i--], done: false };
        this.i = -1;
        return { value: undefined, done: true };
      },
    };
  }

  __repr__(): string {
    return `<${(this.constructor as typeof ListReverseIterator).pyName} object at 0x7f0000000000>`;
  }
}

/** `reversed(dict)`. */
export class DictReverseKeyIterator extends ListReverseIterator {
  static override pyName = 'dict_reversekeyiterator';
}

/** `reversed(x)` on a sequence-protocol object (Undefined). */
export class ReversedIterator extends ListReverseIterator {
  static override pyName = 'reversed';
}
