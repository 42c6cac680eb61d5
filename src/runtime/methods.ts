/**
 * The Python methods templates may call on values, as an explicit allowlist per kind (like
 * MiniJinja's pycompat): `str`, `list`, `tuple`, `dict` (Map or plain object) and Markup.
 * `getMethod(obj, name)` returns a callable bound to `obj`, or undefined: nothing outside the
 * tables (no JS built-in, no `constructor`/`__proto__`) is ever reachable.
 *
 * Callables take positional arguments (`undefined` = not passed). Methods Python lets take
 * keywords declare `params` (`split(sep, maxsplit)`); `format`, `sort` and `update` declare
 * `varKw` and receive the keyword object as their last argument.
 */

import { pyErr } from '../errors.js';
import { strFormat, formatSpec, type FormatHooks } from './format.js';
import { escape } from './markup.js';
import { checkSize } from './limits.js';
import { checkHashable, compareForSort, eq } from './ops.js';
import { markBuiltinMethod, pyRepr, typeName } from './repr.js';
import { asIndex, iterValues, pyRsplit, pySplit, pySplitlines, STR_IMPLS, strOf } from './str-methods.js';
import type { Callable, Kwargs } from './types.js';
import { isKwargsObject, isMarkup, isPlainObject, isTuple, Markup, mkTuple, PyFloat, Undefined } from './values.js';
import { dictViewKind, mkView } from './views.js';
import { rangeBounds } from './range.js';
import { lazy } from './lazy.js';

export { DICT_VIEW, dictViewKind, type DictViewKind } from './views.js';

/** Methods that mutate their receiver, per kind, for sandboxes that forbid them. */
export const MUTATING_METHODS: { readonly list: ReadonlySet<string>; readonly dict: ReadonlySet<string> } = {
  list: new Set(['append', 'clear', 'extend', 'insert', 'pop', 'remove', 'reverse', 'sort']),
  dict: new Set(['clear', 'pop', 'popitem', 'setdefault', 'update']),
};

// ---------------------------------------------------------------------------------------------
// method definitions and arity
// ---------------------------------------------------------------------------------------------

/** `hooks` reaches `format`/`format_map` only, when getMethod was given hooks (the sandbox). */
type Impl = (self: any, a: unknown[], kw: Kwargs, hooks?: FormatHooks) => unknown;

interface Def {
  name: string;
  owner: string;
  /** N: no args, O: exactly one (METH_O), A: PyArg_ParseTuple style, B: Argument Clinic style, V: free */
  style: string;
  min: number;
  max: number;
  impl: Impl;
  params?: readonly string[];
  varKw?: boolean;
  factory?: Factory;
}

const plural = (n: number): string => (n === 1 ? 'argument' : 'arguments');

function arityError(d: Def, n: number): Error {
  const { name, owner, min, max } = d;
  switch (d.style) {
    case 'N':
      return pyErr('TypeError', `${owner}.${name}() takes no arguments (${n} given)`);
    case 'O':
      return pyErr('TypeError', `${owner}.${name}() takes exactly one argument (${n} given)`);
    case 'W': // a slot wrapper (`__setitem__`): CPython leaves the name out, keeping the space
      return pyErr('TypeError', ` expected ${min} arguments, got ${n}`);
    case 'A':
      return n < min
        ? pyErr('TypeError', `${name}() takes at least ${min} ${plural(min)} (${n} given)`)
        : pyErr('TypeError', `${name}() takes at most ${max} ${plural(max)} (${n} given)`);
    default:
      if (min === max) return pyErr('TypeError', `${name} expected ${min} ${plural(min)}, got ${n}`);
      return n < min
        ? pyErr('TypeError', `${name} expected at least ${min} ${plural(min)}, got ${n}`)
        : pyErr('TypeError', `${name} expected at most ${max} ${plural(max)}, got ${n}`);
  }
}

/**
 * Build a table from `spec`: space-separated `name:STYLE[min-max]` entries, e.g. `find:A1-3`,
 * `upper:N`, `join:O`.
 */
function table(owner: string, spec: string, impls: Record<string, Impl>, extra?: Record<string, Partial<Def>>): Record<string, Def> {
  const out = Object.create(null) as Record<string, Def>;
  for (const entry of spec.trim().split(/\s+/)) {
    const [name, sig] = entry.split(':') as [string, string];
    const style = sig[0]!;
    let min = 0;
    let max = 0;
    if (style === 'O') min = max = 1;
    else if (style === 'V') max = Infinity;
    else if (style !== 'N') {
      const m = /^(\d+)-(\d+)$/.exec(sig.slice(1))!;
      min = Number(m[1]);
      max = Number(m[2]);
    }
    const impl = impls[name];
    if (!impl) throw new Error(`no implementation for ${owner}.${name}`);
    const d: Def = { name, owner, style, min, max, impl, ...extra?.[name] };
    if (d.varKw || d.params) d.factory = namedFactory(d);
    out[name] = d;
  }
  return out;
}

/** A trailing keyword-arguments object (null prototype, as the runtime builds them). */
function isKwargs(v: unknown): v is Kwargs {
  return isKwargsObject(v);
}

const NO_KW: Kwargs = Object.freeze(Object.create(null)) as Kwargs;

type Factory = (self: unknown, d: Def, arity: typeof arityError, isKw: typeof isKwargs, noKw: Kwargs) => Callable;

/**
 * Keyword-taking methods are named like the Python method: the runtime's keyword-binding errors
 * quote `fn.name`. A computed property key names each closure without `new Function`, so the
 * runtime stays usable under a Content-Security-Policy that forbids code generation.
 */
function namedFactory(d: Def): Factory {
  // `def` (not `d`) is the Def to run: the sandbox binds format/format_map with hooked copies
  return (self, def, arity, isKw, noKw) =>
    ({
      [d.name]: (...args: unknown[]) => {
        let kw = noKw;
        if (def.varKw && args.length > 0 && isKw(args[args.length - 1])) kw = args.pop() as Kwargs;
        let n = args.length;
        if (!def.varKw) while (n > 0 && args[n - 1] === undefined) n--;
        if (n < def.min || n > def.max) throw arity(def, n);
        return def.impl(self, args, kw);
      },
    })[d.name]!;
}

function bind(self: unknown, d: Def): Callable {
  if (d.factory !== undefined) {
    const f = d.factory(self, d, arityError, isKwargs, NO_KW);
    if (d.varKw) {
      f.varKw = true;
      if (d.max > 1) f.varArgs = true;
    } else f.params = d.params;
    return markBuiltinMethod(f, d.name, typeName(self));
  }
  return markBuiltinMethod((...args: unknown[]): unknown => {
    let n = args.length;
    while (n > 0 && args[n - 1] === undefined) n--;
    // keyword arguments arrive as a trailing kwargs object; these C methods take none
    if (n > 0 && isKwargs(args[n - 1])) throw pyErr('TypeError', `${d.owner}.${d.name}() takes no keyword arguments`);
    if (n < d.min || n > d.max) throw arityError(d, n);
    return d.impl(self, args, NO_KW);
  }, d.name, typeName(self));
}

// ---------------------------------------------------------------------------------------------
// str
// ---------------------------------------------------------------------------------------------

const strImpls: Record<string, Impl> = Object.create(null);
for (const k of Object.keys(STR_IMPLS)) strImpls[k] = (s: string, a: unknown[]) => STR_IMPLS[k]!(s, a);
strImpls.format = (s: string, a: unknown[], kw: Kwargs, hooks?: FormatHooks) => strFormat(s, a, kw, hooks);
strImpls.format_map = (s: string, a: unknown[], kw: Kwargs, hooks?: FormatHooks) => {
  if (hooks === undefined) return STR_IMPLS.format_map!(s, a);
  if (!(a[0] instanceof Map) && !isPlainObject(a[0])) throw pyErr('TypeError', `'${typeName(a[0])}' object is not subscriptable`);
  return strFormat(s, [], a[0] as Kwargs, hooks);
};

const STR_SPEC = `
  capitalize:N casefold:N center:B1-2 count:A1-3 endswith:A1-3 expandtabs:A0-1 find:A1-3 format:V
  format_map:O index:A1-3 isalnum:N isalpha:N isascii:N isdecimal:N isdigit:N isidentifier:N
  islower:N isnumeric:N isprintable:N isspace:N istitle:N isupper:N join:O ljust:B1-2 lower:N
  lstrip:B0-1 partition:O removeprefix:O removesuffix:O replace:B2-3 rfind:A1-3 rindex:A1-3
  rjust:B1-2 rpartition:O rsplit:A0-2 rstrip:B0-1 split:A0-2 splitlines:A0-1 startswith:A1-3
  strip:B0-1 swapcase:N title:N translate:O upper:N zfill:O`;

const KW_PARAMS: Record<string, Partial<Def>> = {
  split: { params: ['sep', 'maxsplit'] },
  rsplit: { params: ['sep', 'maxsplit'] },
  splitlines: { params: ['keepends'] },
  expandtabs: { params: ['tabsize'] },
  format: { varKw: true },
};

// Tables are built on first method call (about a millisecond of import otherwise).
const strMethods = lazy(() => table('str', STR_SPEC, strImpls, KW_PARAMS));

// ---------------------------------------------------------------------------------------------
// list and tuple
// ---------------------------------------------------------------------------------------------

function iterOrThrow(v: unknown): unknown[] {
  const items = iterValues(v);
  if (items === null || v instanceof Undefined) {
    if (v instanceof Undefined) return [];
    throw pyErr('TypeError', `'${typeName(v)}' object is not iterable`);
  }
  return items;
}

function seqIndex(arr: unknown[], a: unknown[], what: string): number {
  const idx = (v: unknown, dflt: number): number => {
    if (v === undefined) return dflt;
    if (typeof v === 'number' && Number.isInteger(v)) return v;
    if (typeof v === 'boolean') return v ? 1 : 0;
    if (typeof v === 'bigint') return Number(v);
    throw pyErr('TypeError', 'slice indices must be integers or have an __index__ method');
  };
  const len = arr.length;
  let start = idx(a[1], 0);
  let stop = idx(a[2], len);
  if (start < 0) start = Math.max(0, start + len);
  if (stop < 0) stop = Math.max(0, stop + len);
  for (let i = start; i < Math.min(stop, len); i++) if (arr[i] === a[0] || eq(arr[i], a[0])) return i;
  throw pyErr('ValueError', what === 'list' ? `${pyRepr(a[0])} is not in list` : 'tuple.index(x): x not in tuple');
}

function seqCount(arr: unknown[], x: unknown): number {
  let n = 0;
  for (const v of arr) if (v === x || eq(v, x)) n++;
  return n;
}

function listSort(arr: unknown[], a: unknown[], kw: Kwargs): null {
  if (a.length > 0) throw pyErr('TypeError', 'sort() takes no positional arguments');
  let key: unknown = null;
  let reverse = false;
  for (const k of Object.keys(kw)) {
    if (k === 'key') key = kw[k];
    else if (k === 'reverse') reverse = asIndex(kw[k]) !== 0;
    else throw pyErr('TypeError', `'${k}' is an invalid keyword argument for sort()`);
  }
  let keys: unknown[] = arr;
  if (key !== null && key !== undefined) {
    if (typeof key !== 'function') throw pyErr('TypeError', `'${typeName(key)}' object is not callable`);
    keys = arr.map((v) => (key as (x: unknown) => unknown)(v));
  }
  const order = arr.map((_, i) => i);
  order.sort(reverse ? (i, j) => compareForSort(keys[j], keys[i]) : (i, j) => compareForSort(keys[i], keys[j]));
  const sorted = order.map((i) => arr[i]);
  for (let i = 0; i < sorted.length; i++) arr[i] = sorted[i];
  return null;
}

const listImpls: Record<string, Impl> = {
  append: (l: unknown[], a) => {
    l.push(a[0]);
    return null;
  },
  extend: (l: unknown[], a) => {
    const items = iterOrThrow(a[0]);
    if (Array.isArray(items)) checkSize(l.length + items.length, 'extended list');
    for (const v of items === l ? l.slice() : items) l.push(v);
    return null;
  },
  insert: (l: unknown[], a) => {
    let i = asIndex(a[0]);
    if (i < 0) i = Math.max(0, i + l.length);
    l.splice(Math.min(i, l.length), 0, a[1]);
    return null;
  },
  pop: (l: unknown[], a) => {
    if (l.length === 0) throw pyErr('IndexError', 'pop from empty list');
    let i = a[0] === undefined ? -1 : asIndex(a[0]);
    if (i < 0) i += l.length;
    if (i < 0 || i >= l.length) throw pyErr('IndexError', 'pop index out of range');
    return l.splice(i, 1)[0];
  },
  remove: (l: unknown[], a) => {
    for (let i = 0; i < l.length; i++) {
      if (l[i] === a[0] || eq(l[i], a[0])) {
        l.splice(i, 1);
        return null;
      }
    }
    throw pyErr('ValueError', 'list.remove(x): x not in list');
  },
  reverse: (l: unknown[]) => {
    l.reverse();
    return null;
  },
  sort: listSort,
  index: (l: unknown[], a) => seqIndex(l, a, isTuple(l) ? 'tuple' : 'list'),
  count: (l: unknown[], a) => seqCount(l, a[0]),
  copy: (l: unknown[]) => l.slice(),
  __setitem__: (l: unknown[], a) => {
    const i = a[0];
    if (typeof i !== 'boolean' && typeof i !== 'bigint' && !(typeof i === 'number' && Number.isInteger(i) && !Object.is(i, -0))) {
      throw pyErr('TypeError', `list indices must be integers or slices, not ${typeName(i)}`);
    }
    let k = Number(i);
    if (k < 0) k += l.length;
    if (!(k >= 0 && k < l.length)) throw pyErr('IndexError', 'list assignment index out of range');
    l[k] = a[1];
    return null;
  },
  clear: (l: unknown[]) => {
    l.length = 0;
    return null;
  },
};

const listMethods = lazy(() => table(
  'list',
  'append:O extend:O insert:B2-2 pop:B0-1 remove:O reverse:N sort:V index:B1-3 count:O copy:N clear:N __setitem__:W2-2',
  listImpls,
  { sort: { varKw: true } },
));
const tupleMethods = lazy(() => table('tuple', 'index:B1-3 count:O', listImpls));

const rangeImpls: Record<string, Impl> = {
  index: (r: unknown[], a) => {
    const x = a[0];
    for (let i = 0; i < r.length; i++) if (r[i] === x || eq(r[i], x)) return i;
    // ints take range's own path, anything else the generic sequence search
    const isInt = typeof x === 'boolean' || typeof x === 'bigint' || (typeof x === 'number' && Number.isInteger(x) && !Object.is(x, -0));
    throw pyErr('ValueError', isInt ? `${pyRepr(x)} is not in range` : 'sequence.index(x): x not in sequence');
  },
  count: (r: unknown[], a) => seqCount(r, a[0]),
};
const rangeMethods = lazy(() => table('range', 'index:O count:O', rangeImpls));

// ---------------------------------------------------------------------------------------------
// dict (Map or plain object)
// ---------------------------------------------------------------------------------------------

type Dict = Map<unknown, unknown> | Record<string, unknown>;
const hasOwn = Object.prototype.hasOwnProperty;
const NOT_FOUND = Symbol('notFound');

/** The key under which `key` is stored in d (Python: equal keys are the same key), or NOT_FOUND. */
function findKey(d: Dict, key: unknown): unknown {
  if (d instanceof Map) {
    if (d.has(key)) return key;
    if (typeof key === 'string') return NOT_FOUND; // fast miss; str keys are stored as str
    // Python's equal keys (1 == 1.0 == True, tuples by value, Markup == str) are one key
    for (const k of d.keys()) if (eq(k, key)) return k;
    return NOT_FOUND;
  }
  const sk = plainKey(key);
  return sk !== null && hasOwn.call(d, sk) ? sk : NOT_FOUND;
}

/** Plain objects key by string; ints by their decimal string (as access.ts does). */
function plainKey(key: unknown): string | null {
  if (typeof key === 'string') return key;
  if (key instanceof Markup) return key.s;
  if (typeof key === 'number' || typeof key === 'bigint') return String(key);
  return null;
}

function dGet(d: Dict, k: unknown): unknown {
  return d instanceof Map ? d.get(k) : (d as Record<string, unknown>)[k as string];
}

function dSet(d: Dict, key: unknown, v: unknown): void {
  const k = findKey(d, key);
  if (d instanceof Map) d.set(k === NOT_FOUND ? (key instanceof PyFloat ? key.value : key) : k, v);
  else {
    const sk = k === NOT_FOUND ? plainKey(key) ?? String(key) : (k as string);
    // `d['__proto__'] = v` would replace the caller's object's prototype: define an own key
    if (sk === '__proto__') Object.defineProperty(d, sk, { value: v, writable: true, enumerable: true, configurable: true });
    else (d as Record<string, unknown>)[sk] = v;
  }
}

function dDelete(d: Dict, k: unknown): void {
  if (d instanceof Map) d.delete(k);
  else delete (d as Record<string, unknown>)[k as string];
}

function dEntries(d: Dict): [unknown, unknown][] {
  if (d instanceof Map) return [...d.entries()];
  return Object.keys(d).map((k) => [k, (d as Record<string, unknown>)[k]]);
}

function dictUpdate(d: Dict, a: unknown[], kw: Kwargs): null {
  const src = a[0];
  if (src !== undefined) {
    if (src instanceof Map || isPlainObject(src)) {
      for (const [k, v] of dEntries(src as Dict)) dSet(d, k, v);
    } else {
      const items = iterValues(src);
      if (items === null) throw pyErr('TypeError', `'${typeName(src)}' object is not iterable`);
      items.forEach((item, i) => {
        const pair = typeof item === 'string' ? Array.from(item) : Array.isArray(item) ? item : null;
        if (pair === null) throw pyErr('TypeError', `cannot convert dictionary update sequence element #${i} to a sequence`);
        if (pair.length !== 2) {
          throw pyErr('ValueError', `dictionary update sequence element #${i} has length ${pair.length}; 2 is required`);
        }
        dSet(d, pair[0], pair[1]);
      });
    }
  }
  for (const k of Object.keys(kw)) dSet(d, k, kw[k]);
  return null;
}

const dictImpls: Record<string, Impl> = {
  get: (d: Dict, a) => {
    const k = findKey(d, a[0]);
    return k === NOT_FOUND ? (a[1] === undefined ? null : a[1]) : dGet(d, k);
  },
  items: (d: Dict) => mkView(dEntries(d).map((e) => mkTuple(e)), 'dict_items'),
  keys: (d: Dict) => mkView(d instanceof Map ? [...d.keys()] : Object.keys(d), 'dict_keys'),
  values: (d: Dict) => mkView(d instanceof Map ? [...d.values()] : Object.values(d), 'dict_values'),
  pop: (d: Dict, a) => {
    const k = findKey(d, a[0]);
    if (k === NOT_FOUND) {
      if (a.length > 1 && a[1] !== undefined) return a[1];
      throw pyErr('KeyError', pyRepr(a[0]));
    }
    const v = dGet(d, k);
    dDelete(d, k);
    return v;
  },
  popitem: (d: Dict) => {
    const entries = dEntries(d);
    if (entries.length === 0) throw pyErr('KeyError', "'popitem(): dictionary is empty'");
    const last = entries[entries.length - 1]!;
    dDelete(d, last[0]);
    return mkTuple(last);
  },
  setdefault: (d: Dict, a) => {
    const k = findKey(d, a[0]);
    if (k !== NOT_FOUND) return dGet(d, k);
    const v = a[1] === undefined ? null : a[1];
    dSet(d, a[0], v);
    return v;
  },
  update: dictUpdate,
  __setitem__: (d: Dict, a) => {
    checkHashable(a[0]);
    dSet(d, a[0], a[1]);
    return null;
  },
  fromkeys: (_d: Dict, a) => {
    const out = new Map<unknown, unknown>();
    const v = a[1] === undefined ? null : a[1];
    for (const k of iterOrThrow(a[0])) dSet(out, k, v);
    return out;
  },
  copy: (d: Dict) => (d instanceof Map ? new Map(d) : Object.defineProperties(Object.create(Object.getPrototypeOf(d)), Object.getOwnPropertyDescriptors(d))),
  clear: (d: Dict) => {
    if (d instanceof Map) d.clear();
    else for (const k of Object.keys(d)) delete (d as Record<string, unknown>)[k];
    return null;
  },
};

const dictMethods = lazy(() => table(
  'dict',
  'get:B1-2 items:N keys:N values:N pop:B1-2 popitem:N setdefault:B1-2 update:B0-1 fromkeys:B1-2 copy:N clear:N __setitem__:W2-2',
  dictImpls,
  { update: { varKw: true } },
));

// ---------------------------------------------------------------------------------------------
// int (and bool) / float
// ---------------------------------------------------------------------------------------------

const intOf = (v: number | bigint | boolean): number | bigint => (typeof v === 'boolean' ? (v ? 1 : 0) : v);
const demote = (b: bigint): number | bigint => (b >= -(2n ** 53n) && b <= 2n ** 53n ? Number(b) : b);
const absBinary = (v: number | bigint | boolean): string => {
  const n = intOf(v);
  return (n < 0 ? -n : n).toString(2);
};

const intImpls: Record<string, Impl> = {
  bit_length: (v) => (intOf(v) == 0 ? 0 : absBinary(v).length), // eslint-disable-line eqeqeq
  bit_count: (v) => absBinary(v).replace(/0/g, '').length,
  conjugate: (v) => intOf(v),
  as_integer_ratio: (v) => mkTuple([intOf(v), 1]),
};

const floatVal = (v: number | PyFloat): number => (typeof v === 'number' ? v : v.value);

function floatRatio(v: number | PyFloat): unknown[] {
  const x = floatVal(v);
  if (Number.isNaN(x)) throw pyErr('ValueError', 'cannot convert NaN to integer ratio');
  if (!Number.isFinite(x)) throw pyErr('OverflowError', 'cannot convert Infinity to integer ratio');
  if (Number.isInteger(x)) return mkTuple([demote(BigInt(x)), 1]);
  let den = 1n;
  let y = Math.abs(x);
  while (!Number.isInteger(y)) {
    y *= 2;
    den *= 2n;
  }
  return mkTuple([demote(x < 0 ? -BigInt(y) : BigInt(y)), demote(den)]);
}

const floatImpls: Record<string, Impl> = {
  is_integer: (v) => Number.isInteger(floatVal(v)),
  conjugate: (v) => v,
  as_integer_ratio: floatRatio,
};

const intMethods = lazy(() => table('int', 'bit_length:N bit_count:N conjugate:N as_integer_ratio:N', intImpls));
const floatMethods = lazy(() => table('float', 'is_integer:N conjugate:N as_integer_ratio:N', floatImpls));

// ---------------------------------------------------------------------------------------------
// Markup (markupsafe)
// ---------------------------------------------------------------------------------------------

const esc = (v: unknown): string => escape(v).toString();
/** Escape a str or __html__ argument (others pass through to raise str's own TypeError). */
const escArg = (v: unknown): unknown => (typeof v === 'string' || (isMarkup(v) && !(v instanceof Undefined)) ? esc(v) : v);

const ENTITIES: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\xa0', copy: '©', reg: '®', hellip: '…', mdash: '—',
  ndash: '–', lsquo: '‘', rsquo: '’', ldquo: '“', rdquo: '”', laquo: '«', raquo: '»', middot: '·', bull: '•',
  trade: '™', euro: '€', times: '×', divide: '÷', deg: '°', para: '¶', sect: '§', cent: '¢', pound: '£', yen: '¥',
};

/** html.unescape for numeric and common named character references. */
export function htmlUnescape(s: string): string {
  if (s.indexOf('&') < 0) return s;
  return s.replace(/&(#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[A-Za-z][A-Za-z0-9]*;?)/g, (m, ref: string) => {
    if (ref[0] === '#') {
      const hex = ref[1] === 'x' || ref[1] === 'X';
      const n = parseInt(ref.slice(hex ? 2 : 1), hex ? 16 : 10);
      if (n === 0 || (n >= 0xd800 && n <= 0xdfff) || n > 0x10ffff) return '\ufffd';
      return String.fromCodePoint(n);
    }
    const name = ref.endsWith(';') ? ref.slice(0, -1) : ref;
    return hasOwn.call(ENTITIES, name) ? ENTITIES[name]! : m;
  });
}

/** markupsafe's Markup.striptags (3.0): drop comments and tags, collapse whitespace, unescape. */
export function striptags(s: string): string {
  let value = s;
  for (let start = value.indexOf('<!--'); start !== -1; start = value.indexOf('<!--')) {
    const end = value.indexOf('-->', start);
    if (end === -1) break;
    value = value.slice(0, start) + value.slice(end + 3);
  }
  for (let start = value.indexOf('<'); start !== -1; start = value.indexOf('<')) {
    const end = value.indexOf('>', start);
    if (end === -1) break;
    value = value.slice(0, start) + value.slice(end + 1);
  }
  return htmlUnescape(pySplit(value, null, undefined).join(' '));
}

function markupFormatField(value: unknown, spec: string): string {
  if (value instanceof Markup) {
    if (spec) throw pyErr('ValueError', 'Unsupported format specification for Markup.');
    return value.s;
  }
  if (isMarkup(value) && !(value instanceof Undefined)) {
    if (spec) {
      throw pyErr('ValueError', `Format specifier ${spec} given, but ${typeName(value)} does not define __html__. A class that defines __html__ must define __html_format__ to work with format specifiers.`);
    }
    return value.__html__();
  }
  return esc(formatSpec(value, spec));
}

/** markupsafe 3 returns Markup from these; `replace` escapes its replacement, the justifiers their fill. */
const MARKUP_WRAPPED = new Set([
  'capitalize', 'title', 'lower', 'upper', 'replace', 'ljust', 'rjust', 'lstrip', 'rstrip', 'center', 'strip',
  'translate', 'expandtabs', 'swapcase', 'zfill', 'casefold', 'removeprefix', 'removesuffix',
]);
const MARKUP_ESCAPED_ARG: Record<string, number> = { replace: 1, ljust: 1, rjust: 1, center: 1 };

function markupImpls(): Record<string, Impl> {
  const impls: Record<string, Impl> = Object.create(null);
  const str = strMethods();
  for (const name of Object.keys(str)) {
    const d = str[name]!;
    const escIndex = MARKUP_ESCAPED_ARG[name];
    impls[name] = !MARKUP_WRAPPED.has(name)
      ? (m: Markup, a, kw) => d.impl(m.s, a, kw)
      : escIndex === undefined
        ? (m: Markup, a, kw) => new Markup(d.impl(m.s, a, kw) as string)
        : (m: Markup, a, kw) => {
          const b = a.slice();
          if (b[escIndex] !== undefined) b[escIndex] = escArg(b[escIndex]);
          return new Markup(d.impl(m.s, b, kw) as string);
        };
  }
  return Object.assign(impls, {
    join: (m: Markup, a: unknown[]) => {
      const items = iterValues(a[0]);
      if (items === null) throw pyErr('TypeError', 'can only join an iterable');
      return new Markup(items.map(esc).join(m.s));
    },
    split: (m: Markup, a: unknown[]) => pySplit(m.s, a[0], a[1]).map((x) => new Markup(x)),
    rsplit: (m: Markup, a: unknown[]) => pyRsplit(m.s, a[0], a[1]).map((x) => new Markup(x)),
    splitlines: (m: Markup, a: unknown[]) => pySplitlines(m.s, a[0]).map((x) => new Markup(x)),
    partition: (m: Markup, a: unknown[]) => mkTuple((STR_IMPLS.partition!(m.s, a) as string[]).map((x) => new Markup(x))),
    rpartition: (m: Markup, a: unknown[]) => mkTuple((STR_IMPLS.rpartition!(m.s, a) as string[]).map((x) => new Markup(x))),
    format: (m: Markup, a: unknown[], kw: Kwargs, hooks?: FormatHooks) =>
      new Markup(strFormat(m.s, a, kw, { getField: hooks?.getField, formatField: markupFormatField })),
    format_map: (m: Markup, a: unknown[], _kw: Kwargs, hooks?: FormatHooks) => {
      const map = a[0];
      if (!(map instanceof Map) && !isPlainObject(map)) throw pyErr('TypeError', `'${typeName(map)}' object is not subscriptable`);
      return new Markup(strFormat(m.s, [], map as Kwargs, { getField: hooks?.getField, formatField: markupFormatField }));
    },
    striptags: (m: Markup) => striptags(m.s),
    unescape: (m: Markup) => htmlUnescape(m.s),
    escape: (_m: Markup, a: unknown[]) => escape(a[0]),
  });
}

const markupMethods = lazy(() => table('Markup', STR_SPEC + ' striptags:N unescape:N escape:O', markupImpls(), KW_PARAMS));

// ---------------------------------------------------------------------------------------------
// lookup
// ---------------------------------------------------------------------------------------------

/**
 * The allowlisted Python method `name` of `obj`, bound to it; undefined when `obj` has no such
 * method (including every JS built-in name). With `hooks`, `format`/`format_map` of str and
 * Markup resolve `{0.attr}`/`{0[key]}` fields through `hooks.getField` (the sandbox passes its
 * checked getattr/getitem, as Jinja2's SandboxedFormatter).
 * @example getMethod('a{0}', 'format')!('b') // 'ab'
 */
export function getMethod(obj: unknown, name: string, hooks?: FormatHooks): Callable | undefined {
  const tbl = tableOf(obj);
  const d = tbl === null ? undefined : tbl[name];
  if (d === undefined) return undefined;
  if (hooks !== undefined && (name === 'format' || name === 'format_map') && (d.owner === 'str' || d.owner === 'Markup')) {
    return bind(obj, { ...d, impl: (self, a, kw) => d.impl(self, a, kw, hooks) });
  }
  return bind(obj, d);
}

function tableOf(obj: unknown): Record<string, Def> | null {
  switch (typeof obj) {
    case 'string':
      return strMethods();
    case 'number':
      return Number.isInteger(obj) && !Object.is(obj, -0) ? intMethods() : floatMethods();
    case 'bigint':
    case 'boolean':
      return intMethods();
    case 'object':
      if (Array.isArray(obj)) {
        if (isTuple(obj)) return tupleMethods();
        if (rangeBounds(obj) !== undefined) return rangeMethods();
        return dictViewKind(obj) === undefined ? listMethods() : null;
      }
      if (obj instanceof Map || isPlainObject(obj)) return dictMethods();
      if (obj instanceof Markup) return markupMethods();
      if (obj instanceof PyFloat) return floatMethods();
      return null;
    default:
      return null;
  }
}

/** Whether `name` is a Python dict method (`d.items` is the method even when 'items' is a key). */
export function isDictMethodName(name: string): boolean {
  return dictMethods()[name] !== undefined;
}

/** Whether `name` is an allowlisted method for values of obj's kind (no binding). */
export function hasMethod(obj: unknown, name: string): boolean {
  const tbl = tableOf(obj);
  return tbl !== null && name in tbl;
}

/** The Python type whose method table applies to obj, or null when it has none. */
export function methodKind(obj: unknown): string | null {
  const tbl = tableOf(obj);
  return tbl === null ? null : Object.values(tbl)[0]!.owner;
}

export { strOf };
