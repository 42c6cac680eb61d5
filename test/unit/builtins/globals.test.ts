/**
 * The default globals against Jinja2 3.1.6: the range/dict/lipsum/cycler/joiner/namespace
 * tables of fixtures/cases/test-tables.json (written by fixtures/oracle/test_tables.py). Calls go
 * through the runtime's binder (`invoke`), as a template's call would.
 */

import * as fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  Cycler, cycler, dict, GLOBALS, Joiner, joiner, lipsum, makeLipsum, MAX_RANGE, Namespace, namespace, PyRandom,
  range, safeRange,
} from '../../../src/builtins/globals.js';
import { generateLoremIpsum, LOREM_IPSUM_WORDS } from '../../../src/builtins/lipsum.js';
import { invoke } from '../../../src/runtime/call.js';
import { pyStr } from '../../../src/runtime/repr.js';
import type { Callable, Kwargs } from '../../../src/runtime/types.js';
import {
  CALL, ChainableUndefined, DebugUndefined, GETATTR, isFloat, isInt, isPlainObject, isTuple, Markup, MISSING,
  mkTuple, PyFloat, pyFloat, SETATTR, StrictUndefined, Undefined,
} from '../../../src/runtime/values.js';

// --------------------------------------------------------------------------- fixture decoding

type Enc = any;
type Expected = Enc | { error: string; message: string } | { len: number; first: Enc; last: Enc } | { output: string };

interface CallCase {
  id: string;
  args: Enc[];
  kwargs: Record<string, Enc>;
  expected: Expected;
  sandbox?: boolean;
  seed?: number;
  ops?: Enc[][];
  template?: string;
}

const TABLES = JSON.parse(
  fs.readFileSync(new URL('../../../fixtures/cases/test-tables.json', import.meta.url), 'utf8'),
) as Record<'range' | 'dict' | 'lipsum' | 'cycler' | 'joiner' | 'namespace', CallCase[]>;

const UNDEFINEDS: Record<string, typeof Undefined> = { Undefined, StrictUndefined, ChainableUndefined, DebugUndefined };
const SAFE_MIN = BigInt(Number.MIN_SAFE_INTEGER);
const SAFE_MAX = BigInt(Number.MAX_SAFE_INTEGER);

function decode(e: Enc): unknown {
  if (e === null || typeof e === 'boolean' || typeof e === 'string') return e;
  if (Array.isArray(e)) return e.map(decode);
  if ('int' in e) {
    const b = BigInt(e.int);
    return b >= SAFE_MIN && b <= SAFE_MAX ? Number(b) : b;
  }
  if ('float' in e) {
    const v = e.float;
    if (v === 'nan') return NaN;
    if (v === 'inf') return Infinity;
    if (v === '-inf') return -Infinity;
    if (v === '-0.0') return -0;
    return pyFloat(v as number);
  }
  if ('tuple' in e) return mkTuple((e.tuple as Enc[]).map(decode));
  if ('dict' in e) return new Map((e.dict as Enc[][]).map(([k, v]) => [decode(k), decode(v)]));
  if ('markup' in e) return new Markup(e.markup);
  if ('undefined' in e) return new UNDEFINEDS[e.undefined]!(null, MISSING, e.name);
  if ('cycler' in e) return new Cycler(...(e.cycler as Enc[]).map(decode));
  if ('joiner' in e) return new Joiner(e.joiner);
  if ('namespace' in e) return new Namespace(new Map((e.namespace as Enc[][]).map(([k, v]) => [decode(k), decode(v)])));
  throw new Error(`cannot decode ${JSON.stringify(e)}`);
}

/** The oracle's encoding of a JS result, to compare with the expected value exactly. */
function encode(v: unknown): Enc {
  if (v === null || typeof v === 'boolean' || typeof v === 'string') return v;
  if (isInt(v)) return { int: String(v) };
  if (isFloat(v)) {
    const x = v instanceof PyFloat ? v.value : v;
    if (Number.isNaN(x)) return { float: 'nan' };
    if (x === Infinity) return { float: 'inf' };
    if (x === -Infinity) return { float: '-inf' };
    if (Object.is(x, -0)) return { float: '-0.0' };
    return { float: x };
  }
  if (v instanceof Markup) return { markup: v.s };
  if (Array.isArray(v)) return isTuple(v) ? { tuple: v.map(encode) } : v.map(encode);
  if (v instanceof Map) return { dict: [...v].map(([k, x]) => [encode(k), encode(x)]) };
  if (isPlainObject(v)) return { dict: Object.keys(v).map((k) => [k, encode(v[k])]) };
  if (v instanceof Undefined) return { undefined: v.constructor.name, name: v.undefName };
  throw new Error(`cannot encode ${String(v)}`);
}

function kwargsOf(c: CallCase): Kwargs | null {
  const keys = Object.keys(c.kwargs);
  if (keys.length === 0) return null;
  const kw: Kwargs = Object.create(null);
  for (const k of keys) kw[k] = decode(c.kwargs[k]);
  return kw;
}

function errorOf(e: unknown): { error: string; message: string } {
  const err = e as Error;
  return { error: err.name, message: err.message };
}

/** Call through the runtime binder; the encoded result or error. */
function callEncoded(fn: Callable, c: CallCase): Expected {
  try {
    const rv = invoke(fn, c.args.map(decode), kwargsOf(c), fn.name);
    return encode(rv);
  } catch (e) {
    return errorOf(e);
  }
}

// --------------------------------------------------------------------------- range

describe('oracle: range', () => {
  for (const c of TABLES.range) {
    it(`${c.id}${c.sandbox ? ' (sandbox)' : ''} range(${JSON.stringify(c.args)}, ${JSON.stringify(c.kwargs)})`, () => {
      const fn = c.sandbox ? safeRange : range;
      const exp = c.expected;
      if (exp !== null && typeof exp === 'object' && 'len' in exp) {
        const rv = invoke(fn, c.args.map(decode), kwargsOf(c), fn.name) as unknown[];
        expect(rv.length).toBe(exp.len);
        expect(encode(rv[0])).toEqual(exp.first);
        expect(encode(rv[rv.length - 1])).toEqual(exp.last);
        expect(rv.every((x) => isInt(x))).toBe(true);
      } else {
        expect(callEncoded(fn, c)).toEqual(exp);
      }
    });
  }

  it('MAX_RANGE is 100000 and range is the default global', () => {
    expect(MAX_RANGE).toBe(100000);
    expect(GLOBALS.range).toBe(range);
  });

  it('returns plain arrays of JS numbers for safe ints, bigints beyond', () => {
    expect(range(3)).toEqual([0, 1, 2]);
    expect(range(2n ** 60n, 2n ** 60n + 2n)).toEqual([2n ** 60n, 2n ** 60n + 1n]);
    expect(range(9007199254740990, 9007199254740993n)).toEqual([9007199254740990, 9007199254740991, 9007199254740992n]);
  });
});

// --------------------------------------------------------------------------- dict

describe('oracle: dict', () => {
  for (const c of TABLES.dict) {
    it(`${c.id} dict(${JSON.stringify(c.args)}, ${JSON.stringify(c.kwargs)})`, () => {
      expect(callEncoded(dict, c)).toEqual(c.expected);
    });
  }

  it('keys such as __proto__ are plain data, nothing is polluted', () => {
    const kw = Object.create(null) as Kwargs;
    for (const [k, v] of [['__proto__', { polluted: 1 }], ['constructor', 2]] as const) kw[k] = v;
    const m = invoke(dict, [], kw, 'dict') as Map<unknown, unknown>;
    expect(m).toBeInstanceOf(Map);
    expect([...m.keys()]).toEqual(['__proto__', 'constructor']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('a positional plain object (caller data) is a mapping', () => {
    expect(dict({ a: 1, b: 2 })).toEqual(new Map([['a', 1], ['b', 2]]));
  });
});

// --------------------------------------------------------------------------- lipsum

describe('oracle: lipsum', () => {
  for (const c of TABLES.lipsum) {
    it(`${c.id} seed ${c.seed} lipsum(${JSON.stringify(c.args)}, ${JSON.stringify(c.kwargs)})`, () => {
      expect(callEncoded(makeLipsum(new PyRandom(c.seed!)), c)).toEqual(c.expected);
    });
  }

  it('uses Jinja2 word list (186 words) and Python parameter names', () => {
    expect(LOREM_IPSUM_WORDS.length).toBe(186); // len(jinja2.constants.LOREM_IPSUM_WORDS.split())
    expect(LOREM_IPSUM_WORDS[0]).toBe('a');
    expect(LOREM_IPSUM_WORDS[LOREM_IPSUM_WORDS.length - 1]).toBe('vulputate');
    expect(lipsum.params).toEqual(['n', 'html', 'min', 'max']);
    expect(GLOBALS.lipsum).toBe(lipsum);
  });

  it('default lipsum: 5 <p> paragraphs of 20-99 words as Markup', () => {
    const out = lipsum() as Markup;
    expect(out).toBeInstanceOf(Markup);
    const paras = out.s.split('\n');
    expect(paras).toHaveLength(5);
    for (const p of paras) {
      expect(p).toMatch(/^<p>[A-Z][a-z]*[,.]{0,2}( [a-z]+[,.]{0,2}| [A-Z][a-z]*[,.]{0,2})*\.<\/p>$/);
      const n = p.split(' ').length;
      expect(n).toBeGreaterThanOrEqual(20);
      expect(n).toBeLessThan(100);
    }
  });

  it('generateLoremIpsum takes a random source', () => {
    // A constant source would loop forever, as in Jinja2 (a word never repeats its predecessor).
    let i = 0;
    const rng = { randbelow: (n: number) => i++ % n };
    const s = generateLoremIpsum(1, false, 2, 3, rng);
    expect(typeof s).toBe('string');
  });
});

// --------------------------------------------------------------------------- cycler / joiner / namespace

function show(v: unknown): string {
  return v === MISSING ? '' : pyStr(v);
}

/** Replay an oracle case's ops on the JS object; the joined output. */
function runOps(kind: 'cycler' | 'joiner' | 'namespace', c: CallCase): Expected {
  try {
    const obj = invoke(GLOBALS[kind] as Callable, c.args.map(decode), kwargsOf(c), kind) as {
      [GETATTR](n: string): unknown;
      [SETATTR]?(n: string, v: unknown): void;
      [CALL]?(args: unknown[], kw: Kwargs | null): unknown;
    };
    const pieces = c.ops!.map((op) => {
      const [what, ...rest] = op;
      switch (what) {
        case 'get':
          return show(obj[GETATTR](rest[0]));
        case 'call': {
          const fn = obj[GETATTR](rest[0]) as Callable;
          return show(invoke(fn, rest.slice(1).map(decode), null, fn.name));
        }
        case 'callself':
          return show(obj[CALL]!(rest.map(decode), null));
        case 'set':
          obj[SETATTR]!(rest[0], decode(rest[1]));
          return '';
        default:
          throw new Error(`unknown op ${String(what)}`);
      }
    });
    return { output: pieces.join('|') };
  } catch (e) {
    return errorOf(e);
  }
}

for (const kind of ['cycler', 'joiner', 'namespace'] as const) {
  describe(`oracle: ${kind}`, () => {
    for (const c of TABLES[kind]) {
      it(`${c.id} ${c.template}`, () => {
        expect(runOps(kind, c)).toEqual(c.expected);
      });
    }
  });
}

describe('cycler/joiner/namespace objects', () => {
  it('are created by the globals and exported as classes', () => {
    expect(cycler(1, 2)).toBeInstanceOf(Cycler);
    expect(joiner()).toBeInstanceOf(Joiner);
    expect(namespace()).toBeInstanceOf(Namespace);
    expect(GLOBALS.cycler).toBe(cycler);
    expect(GLOBALS.joiner).toBe(joiner);
    expect(GLOBALS.namespace).toBe(namespace);
    expect(Object.keys(GLOBALS).sort()).toEqual(['cycler', 'dict', 'joiner', 'lipsum', 'namespace', 'range']);
  });

  it('cycler exposes only its Python attributes', () => {
    const c = new Cycler('a', 'b');
    for (const name of ['constructor', '__proto__', 'toString', 'boundNext', 'hasOwnProperty']) {
      expect(c[GETATTR](name)).toBe(MISSING);
    }
    expect(Array.from(c[GETATTR]('items') as unknown[])).toEqual(['a', 'b']);
    expect(isTuple(c[GETATTR]('items'))).toBe(true);
    const next = c[GETATTR]('next') as Callable;
    expect(next.params).toEqual([]);
    expect(next()).toBe('a');
    expect(c[GETATTR]('current')).toBe('b');
  });

  it('namespace keeps __proto__ and friends as data without touching prototypes', () => {
    const ns = new Namespace();
    ns[SETATTR]('__proto__', 1);
    ns[SETATTR]('constructor', 2);
    expect(ns[GETATTR]('__proto__')).toBe(1);
    expect(ns[GETATTR]('constructor')).toBe(2);
    expect(ns[GETATTR]('toString')).toBe(MISSING);
    expect(Object.getPrototypeOf(ns)).toBe(Namespace.prototype);
    expect(pyStr(ns)).toBe("<Namespace {'__proto__': 1, 'constructor': 2}>");
  });

  it('namespace(plain object) reads caller data', () => {
    const ns = namespace({ a: 1 }) as Namespace;
    expect(ns[GETATTR]('a')).toBe(1);
  });
});
