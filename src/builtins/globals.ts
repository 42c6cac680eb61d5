/**
 * The default global namespace of every environment, Jinja2's `DEFAULT_NAMESPACE`
 * (jinja2/defaults.py): `range`, `dict`, `lipsum`, `cycler`, `joiner`, `namespace`, plus the
 * sandbox's `safe_range` (jinja2/sandbox.py) that the sandboxed environment installs as `range`.
 *
 * Calling convention (see runtime/types.ts and runtime/call.ts): positional arguments arrive as
 * JS arguments; for `varKw` callables the runtime passes the extra keyword arguments as one
 * trailing null-prototype object (and passes nothing extra when there are none). A positional
 * argument is never a null-prototype object here except that one: such a dict given
 * positionally to `dict`/`namespace` reads the same either way.
 */

import { pyErr, type PythonErrorName } from '../errors.js';
import { mkRange, rangeLength, type PyRange } from '../runtime/range.js';
import { pyRepr, typeName } from '../runtime/repr.js';
import type { Callable, Kwargs } from '../runtime/types.js';
import {
  CALL, GETATTR, isDict, isPlainObject, isTuple, Markup, MISSING, mkTuple, PyFloat, SETATTR, Undefined,
} from '../runtime/values.js';
import { isKwargsObject as isKw } from '../runtime/values.js';
import { makeLipsum } from './lipsum.js';

export { generateLoremIpsum, makeLipsum, PyRandom, LOREM_IPSUM_WORDS, type RandomSource } from './lipsum.js';

/** The trailing keyword-argument object the runtime passes to `varKw` callables. */
export function isKwargsObject(v: unknown): v is Kwargs {
  return isKw(v);
}

/** Split a `varArgs` + `varKw` argument list into positional arguments and keywords. */
function splitArgs(args: unknown[]): [unknown[], Kwargs | null] {
  let kwargs: Kwargs | null = null;
  if (args.length > 0 && isKwargsObject(args[args.length - 1])) {
    kwargs = args[args.length - 1] as Kwargs;
    args = args.slice(0, -1);
  }
  while (args.length > 0 && args[args.length - 1] === undefined) args = args.slice(0, -1);
  if (kwargs !== null && Object.keys(kwargs).length === 0) kwargs = null;
  return [args, kwargs];
}

/** Give a function the name Python's error messages use for it. */
function named<F extends Function>(fn: F, name: string): F {
  Object.defineProperty(fn, 'name', { value: name });
  return fn;
}

// --------------------------------------------------------------------------- range

/** Sandbox limit on the length of `range()` results (jinja2.sandbox.MAX_RANGE). */
export const MAX_RANGE = 100000;

const SSIZE_MAX = (1n << 63n) - 1n;

/** Python's `operator.index` for range arguments: ints and bools only. */
function rangeIndex(v: unknown): bigint {
  if (typeof v === 'boolean') return v ? 1n : 0n;
  if (typeof v === 'number' && Number.isInteger(v) && !Object.is(v, -0)) return BigInt(v);
  if (typeof v === 'bigint') return v;
  throw pyErr('TypeError', `'${typeName(v)}' object cannot be interpreted as an integer`);
}

/** Start, step and length of `range(*args)`, with Python's argument checks. */
function rangeSpec(args: unknown[]): { start: bigint; stop: bigint; step: bigint; len: bigint } {
  const [pos, kwargs] = splitArgs(args);
  if (kwargs !== null) throw pyErr('TypeError', 'range() takes no keyword arguments');
  if (pos.length === 0) throw pyErr('TypeError', 'range expected at least 1 argument, got 0');
  if (pos.length > 3) throw pyErr('TypeError', `range expected at most 3 arguments, got ${pos.length}`);
  const ints = pos.map(rangeIndex);
  let start = 0n;
  let stop: bigint;
  let step = 1n;
  if (ints.length === 1) stop = ints[0]!;
  else {
    start = ints[0]!;
    stop = ints[1]!;
    if (ints.length === 3) step = ints[2]!;
  }
  if (step === 0n) throw pyErr('ValueError', 'range() arg 3 must not be zero');
  return { start, stop, step, len: rangeLength(start, stop, step) };
}

/**
 * Python's `range(stop)` / `range(start, stop[, step])`: ints (bools count as ints), empty when
 * the bounds are crossed, negative steps count down. The result is a range value (see
 * runtime/range.ts): it prints as `range(0, 3)` and its items are listed (ints beyond
 * ±(2**53-1) as bigints), so it cannot exceed a JS array's length.
 *
 *     {% for i in range(10, 0, -3) %}{{ i }} {% endfor %}   → 10 7 4 1
 *
 * Errors as Python: `range(0, 5, 0)` ValueError "range() arg 3 must not be zero",
 * `range(1.5)` TypeError "'float' object cannot be interpreted as an integer".
 */
export const range: Callable = named(function range(...args: unknown[]): PyRange {
  const { start, stop, step } = rangeSpec(args);
  return mkRange(start, stop, step);
}, 'range');
range.varArgs = true;
range.varKw = true;

/**
 * jinja2.sandbox.safe_range: `range` refusing more than MAX_RANGE items, installed as `range`
 * in sandboxed environments.
 *
 *     {{ range(100001)|length }}   → OverflowError "Range too big. The sandbox blocks ranges
 *                                     larger than MAX_RANGE (100000)."
 */
export const safeRange: Callable = named(function safe_range(...args: unknown[]): PyRange {
  const { start, stop, step, len } = rangeSpec(args);
  // len(range) of more than sys.maxsize items fails before the sandbox check
  if (len > SSIZE_MAX) throw pyErr('OverflowError', 'Python int too large to convert to C ssize_t');
  if (len > BigInt(MAX_RANGE)) {
    throw pyErr('OverflowError', `Range too big. The sandbox blocks ranges larger than MAX_RANGE (${MAX_RANGE}).`);
  }
  return mkRange(start, stop, step);
}, 'safe_range');
safeRange.varArgs = true;
safeRange.varKw = true;

// --------------------------------------------------------------------------- dict

/**
 * A canonical string for a hashable key so that keys Python considers equal (and hashes
 * equally) collapse: `1`, `1.0`, `True`; `'a'` and `Markup('a')`; equal tuples; Undefineds of
 * one class. `null` means "compare by identity" (functions, objects, NaN).
 * Unhashable keys (list, dict) raise TypeError as Python does.
 */
function keyCanon(k: unknown): string | null {
  if (k === null || k === undefined) return 'N';
  if (typeof k === 'string') return 's' + k;
  if (k instanceof Markup) return 's' + k.s;
  if (typeof k === 'boolean') return k ? 'n1' : 'n0';
  if (typeof k === 'bigint') return 'n' + k.toString();
  if (typeof k === 'number' || k instanceof PyFloat) {
    const x = typeof k === 'number' ? k : k.value;
    if (Number.isNaN(x)) return null;
    if (Number.isInteger(x)) return 'n' + BigInt(x).toString();
    return 'n' + String(x);
  }
  if (Array.isArray(k)) {
    if (!isTuple(k)) throw pyErr('TypeError', "unhashable type: 'list'");
    const parts = k.map(keyCanon);
    if (parts.some((p) => p === null)) return null;
    return 't' + JSON.stringify(parts);
  }
  if (k instanceof Map || isDict(k)) throw pyErr('TypeError', "unhashable type: 'dict'");
  if (k instanceof Undefined) {
    // StrictUndefined's __hash__ fails; the others hash by class
    if (k.constructor.name === 'StrictUndefined') k.fail();
    return 'u' + k.constructor.name;
  }
  return null;
}

/** Builds a Map with Python dict key semantics (first key object kept, last value wins). */
class DictBuilder {
  readonly map = new Map<unknown, unknown>();
  private readonly index = new Map<string, unknown>();

  set(key: unknown, value: unknown): void {
    const c = keyCanon(key);
    if (c === null) {
      this.map.set(key, value);
      return;
    }
    if (this.index.has(c)) {
      this.map.set(this.index.get(c), value);
    } else {
      this.index.set(c, key);
      this.map.set(key, value);
    }
  }
}

/** JS iteration of a template value as Python's `iter()`; null when not iterable. */
function pyIter(v: unknown): Iterable<unknown> | null {
  if (typeof v === 'string') return Array.from(v);
  if (v instanceof Markup) return Array.from(v.s);
  if (Array.isArray(v)) return v;
  if (v instanceof Map) return v.keys();
  if (isDict(v)) return Object.keys(v);
  if (v instanceof Undefined) {
    if (v.constructor.name === 'StrictUndefined') v.fail();
    return [];
  }
  if (v !== null && typeof v === 'object' && !(GETATTR in v) && typeof (v as Iterable<unknown>)[Symbol.iterator] === 'function') {
    return v as Iterable<unknown>;
  }
  return null;
}

/** Python's `dict.update(arg)` for one positional argument. */
function updateFrom(b: DictBuilder, arg: unknown): void {
  if (arg instanceof Map) {
    for (const [k, v] of arg) b.set(k, v);
    return;
  }
  if (isPlainObject(arg)) {
    for (const k of Object.keys(arg)) b.set(k, arg[k]);
    return;
  }
  // dict() looks up a `keys` attribute first: Undefined raises there
  if (arg instanceof Undefined) arg.fail();
  const it = pyIter(arg);
  if (it === null) throw pyErr('TypeError', `'${typeName(arg)}' object is not iterable`);
  let i = 0;
  for (const item of it) {
    const pair = pyIter(item);
    if (pair === null) throw pyErr('TypeError', `cannot convert dictionary update sequence element #${i} to a sequence`);
    const kv = Array.from(pair);
    if (kv.length !== 2) {
      throw pyErr('ValueError', `dictionary update sequence element #${i} has length ${kv.length}; 2 is required`);
    }
    b.set(kv[0], kv[1]);
    i++;
  }
}

/** `dict(*args, **kwargs)` as a Map: Python's constructor rules and errors. */
function buildDict(args: unknown[], kwargs: Kwargs | null): Map<unknown, unknown> {
  if (args.length > 1) throw pyErr('TypeError', `dict expected at most 1 argument, got ${args.length}`);
  const b = new DictBuilder();
  if (args.length === 1) updateFrom(b, args[0]);
  if (kwargs !== null) for (const k of Object.keys(kwargs)) b.set(k, kwargs[k]);
  return b.map;
}

/**
 * Python's `dict(...)`: from keyword arguments, a mapping, or an iterable of pairs; keywords
 * win over the positional argument. Returns a Map, so any key (even `__proto__`) is plain data.
 *
 *     {{ dict(a=1, b=2) }}            → {'a': 1, 'b': 2}
 *     {{ dict([('x', 1)], y=2) }}     → {'x': 1, 'y': 2}
 */
export const dict: Callable = named(function dict(...args: unknown[]): Map<unknown, unknown> {
  const [pos, kwargs] = splitArgs(args);
  return buildDict(pos, kwargs);
}, 'dict');
dict.params = [];
dict.varArgs = true;
dict.varKw = true;

// --------------------------------------------------------------------------- cycler

/**
 * jinja2.utils.Cycler: yields its items in turn, restarting at the end. Templates see `items`
 * (a tuple), `pos`, `current`, `next()` and `reset()`.
 *
 *     {% set row = cycler('odd', 'even') %}{{ row.next() }} {{ row.next() }} {{ row.next() }}
 *     → odd even odd
 */
export class Cycler {
  readonly items: readonly unknown[];
  pos = 0;

  constructor(...items: unknown[]) {
    if (items.length === 0) throw pyErr('RuntimeError' as PythonErrorName, 'at least one item has to be provided');
    this.items = items;
  }

  /** The item the next `next()` returns. */
  get current(): unknown {
    return this.items[this.pos];
  }

  /** Return the current item, then advance. */
  next(): unknown {
    const rv = this.current;
    this.pos = (this.pos + 1) % this.items.length;
    return rv;
  }

  /** Go back to the first item. Returns None. */
  reset(): null {
    this.pos = 0;
    return null;
  }

  [GETATTR](name: string): unknown {
    switch (name) {
      case 'items': return mkTuple([...this.items]);
      case 'pos': return this.pos;
      case 'current': return this.current;
      case 'next': return this.boundNext;
      case 'reset': return this.boundReset;
      default: return MISSING;
    }
  }

  private readonly boundNext = method('Cycler.next', () => this.next());
  private readonly boundReset = method('Cycler.reset', () => this.reset());
}

/** A zero-argument bound method with Python's arity error. */
function method(qualname: string, body: () => unknown): Callable {
  const fn = named(function (...args: unknown[]): unknown {
    while (args.length > 0 && args[args.length - 1] === undefined) args.pop();
    if (args.length > 0) {
      throw pyErr('TypeError', `${qualname}() takes 1 positional argument but ${args.length + 1} were given`);
    }
    return body();
  }, qualname) as Callable;
  // no varKw: the binder refuses keywords as "Cycler.next() got an unexpected keyword argument 'x'"
  fn.params = [];
  return fn;
}

/** The `cycler(*items)` global. */
export const cycler: Callable = named(function cycler(...args: unknown[]): Cycler {
  const [items, kwargs] = splitArgs(args);
  if (kwargs !== null) {
    throw pyErr('TypeError', `Cycler.__init__() got an unexpected keyword argument '${Object.keys(kwargs)[0]}'`);
  }
  return new Cycler(...items);
}, 'cycler');
cycler.params = [];
cycler.varArgs = true;
cycler.varKw = true;

// --------------------------------------------------------------------------- joiner

/**
 * jinja2.utils.Joiner: a callable returning `''` the first time and the separator afterwards.
 * Templates see `sep` and `used`.
 *
 *     {% set pipe = joiner(' | ') %}{% for x in [1, 2, 3] %}{{ pipe() }}{{ x }}{% endfor %}
 *     → 1 | 2 | 3
 */
export class Joiner {
  used = false;

  constructor(readonly sep: unknown = ', ') {}

  /** `j()`. */
  call(): unknown {
    if (!this.used) {
      this.used = true;
      return '';
    }
    return this.sep;
  }

  [CALL](args: unknown[], kwargs: Kwargs | null): unknown {
    if (kwargs !== null) {
      const k = Object.keys(kwargs)[0];
      if (k !== undefined) throw pyErr('TypeError', `Joiner.__call__() got an unexpected keyword argument '${k}'`);
    }
    if (args.length > 0) {
      throw pyErr('TypeError', `Joiner.__call__() takes 1 positional argument but ${args.length + 1} were given`);
    }
    return this.call();
  }

  [GETATTR](name: string): unknown {
    switch (name) {
      case 'sep': return this.sep;
      case 'used': return this.used;
      default: return MISSING;
    }
  }
}

/** The `joiner(sep=', ')` global. */
export const joiner: Callable = named(function joiner(...args: unknown[]): Joiner {
  const [pos, kwargs] = splitArgs(args);
  if (kwargs !== null) {
    throw pyErr('TypeError', `Joiner.__init__() got an unexpected keyword argument '${Object.keys(kwargs)[0]}'`);
  }
  if (pos.length > 1) {
    throw pyErr('TypeError', `Joiner.__init__() takes from 1 to 2 positional arguments but ${pos.length + 1} were given`);
  }
  return new Joiner(pos.length === 1 ? pos[0] : ', ');
}, 'joiner');
joiner.params = ['sep'];
joiner.varKw = true;

// --------------------------------------------------------------------------- namespace

/**
 * jinja2.utils.Namespace: a bag of attributes that `{% set ns.attr = value %}` may assign,
 * including from inside loops. Attributes live in a Map, so names like `__proto__` or
 * `constructor` are ordinary data.
 *
 *     {% set ns = namespace(found=false) %}
 *     {% for x in [1, 2] %}{% if x == 2 %}{% set ns.found = true %}{% endif %}{% endfor %}
 *     {{ ns.found }}   → True
 */
export class Namespace {
  /** The attributes, in insertion order (Python's `_Namespace__attrs`). */
  readonly attrs: Map<unknown, unknown>;

  constructor(attrs?: Map<unknown, unknown>) {
    this.attrs = attrs ?? new Map();
  }

  [GETATTR](name: string): unknown {
    return this.attrs.has(name) ? this.attrs.get(name) : MISSING;
  }

  [SETATTR](name: string, value: unknown): void {
    this.attrs.set(name, value);
  }

  /** Python's `repr(ns)` (and `str(ns)`): `<Namespace {'a': 1}>`. */
  __repr__(): string {
    return `<Namespace ${pyRepr(this.attrs)}>`;
  }
}

/** The `namespace(*args, **kwargs)` global: attributes as `dict(*args, **kwargs)` builds them. */
export const namespace: Callable = named(function namespace(...args: unknown[]): Namespace {
  const [pos, kwargs] = splitArgs(args);
  return new Namespace(buildDict(pos, kwargs));
}, 'namespace');
namespace.params = [];
namespace.varArgs = true;
namespace.varKw = true;

// --------------------------------------------------------------------------- the table

/** The default `lipsum` (Math.random); see `makeLipsum` for a seeded one. */
export const lipsum: Callable = makeLipsum();

/**
 * Jinja2's DEFAULT_NAMESPACE. Environments copy it into their own `globals`; the sandbox
 * replaces `range` with `safeRange`.
 */
export const GLOBALS: Record<string, unknown> = {
  range,
  dict,
  lipsum,
  cycler,
  joiner,
  namespace,
};
