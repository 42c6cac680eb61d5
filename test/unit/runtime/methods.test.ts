/**
 * Python methods on template values (src/runtime/methods.ts), table-driven from
 * fixtures/cases/method-tables.json (python3 fixtures/oracle/method_tables.py), plus the
 * allowlist and calling-convention contracts.
 */

import { describe, expect, it } from 'vitest';
import { invoke } from '../../../src/runtime/call.js';
import { DICT_VIEW, dictViewKind, getMethod, MUTATING_METHODS } from '../../../src/runtime/methods.js';
import type { Callable, Kwargs } from '../../../src/runtime/types.js';
import { isTuple, Markup, mkTuple, pyFloat } from '../../../src/runtime/values.js';
import { canon, compare, decode, loadTable, run, type TableCase } from './method-tables.js';

const cases = loadTable().filter((c) => c.kind === 'method');

function kwargsOf(c: TableCase, plain: boolean): Kwargs | null {
  const keys = Object.keys(c.kwargs ?? {});
  if (keys.length === 0) return null;
  const kw: Kwargs = Object.create(null);
  for (const k of keys) kw[k] = decode(c.kwargs![k], plain);
  return kw;
}

/** Call as the runtime does: getMethod, then invoke() binds keyword arguments. */
function callCase(c: TableCase, plain: boolean): { recv: unknown; out: ReturnType<typeof run> } {
  const recv = decode(c.recv, plain);
  const out = run(() => {
    const f = getMethod(recv, c.method!);
    if (f === undefined) throw new Error(`no method ${c.method}`);
    return invoke(f, (c.args as unknown[]).map((a) => decode(a, plain)), kwargsOf(c, plain), c.method!);
  });
  return { recv, out };
}

function check(c: TableCase, plain: boolean): string | null {
  const { recv, out } = callCase(c, plain);
  const diff = compare(c, out, plain);
  if (diff) return diff;
  if (c.after !== undefined) {
    const want = canon(decode(c.after, plain));
    const have = canon(recv);
    if (want !== have) return `receiver after call: expected ${want}\n     got ${have}`;
  }
  return null;
}

const byMethod = new Map<string, TableCase[]>();
for (const c of cases) {
  const key = c.id.split('/')[1]!;
  if (!byMethod.has(key)) byMethod.set(key, []);
  byMethod.get(key)!.push(c);
}

describe('oracle method tables', () => {
  it('has a few hundred rows', () => {
    expect(cases.length).toBeGreaterThan(300);
  });
  it.each([...byMethod.keys()])('%s', (key) => {
    const failures: string[] = [];
    for (const c of byMethod.get(key)!) {
      const where = `${c.id} ${canon(decode(c.recv))}.${c.method}(${(c.args as unknown[]).map((a) => canon(decode(a))).join(', ')}${
        Object.keys(c.kwargs ?? {}).length ? ', ' + JSON.stringify(c.kwargs) : ''
      })`;
      const d = check(c, false);
      if (d) failures.push(`${where}\n     ${d}`);
      // str-keyed dicts also run as plain objects (caller data)
      const isStrDict = JSON.stringify(c.recv).startsWith('{"dict"') &&
        (c.recv as { dict: [unknown][] }).dict.every(([k]) => typeof k === 'string');
      if (isStrDict) {
        const d2 = check(c, true);
        if (d2) failures.push(`${where} [plain object]\n     ${d2}`);
      }
    }
    expect(failures.join('\n')).toBe('');
  });
});

describe('allowlist', () => {
  const receivers: [string, unknown][] = [
    ['str', 'abc'], ['list', [1, 2]], ['tuple', mkTuple([1])], ['Map', new Map([['a', 1]])], ['object', { a: 1 }],
    ['Markup', new Markup('<b>')], ['int', 5], ['bigint', 10n], ['bool', true], ['float', 1.5], ['PyFloat', pyFloat(2)],
  ];
  const forbidden = [
    'constructor', 'toString', '__proto__', 'valueOf', 'hasOwnProperty', 'length', 'push', 'map', 'slice',
    'charAt', 'prototype', '__defineGetter__', 'set', 'has', 'entries', 'then', '__class__', '__init__', 'mro',
    'format_field', 's', '__html__', 'toLowerCase', 'apply', 'call', 'bind', 'isPrototypeOf',
  ];
  it.each(receivers)('%s exposes no JS built-ins', (_k, recv) => {
    for (const name of forbidden) expect(getMethod(recv, name), name).toBeUndefined();
  });
  it('has no methods for other values', () => {
    for (const v of [null, undefined, () => 1, new Set([1]), new Date(0), Symbol('x')]) {
      expect(getMethod(v, 'split')).toBeUndefined();
      expect(getMethod(v, 'get')).toBeUndefined();
    }
  });
  it('gives tuples only index and count', () => {
    expect(getMethod(mkTuple([1]), 'count')).toBeTypeOf('function');
    expect(getMethod(mkTuple([1]), 'append')).toBeUndefined();
    expect(getMethod(mkTuple([1]), 'sort')).toBeUndefined();
  });
  it('exports the mutating methods per kind', () => {
    expect([...MUTATING_METHODS.list].sort()).toEqual(['append', 'clear', 'extend', 'insert', 'pop', 'remove', 'reverse', 'sort']);
    expect([...MUTATING_METHODS.dict].sort()).toEqual(['clear', 'pop', 'popitem', 'setdefault', 'update']);
    for (const m of MUTATING_METHODS.list) expect(getMethod([], m), m).toBeTypeOf('function');
    for (const m of MUTATING_METHODS.dict) expect(getMethod(new Map(), m), m).toBeTypeOf('function');
  });
});

describe('calling convention', () => {
  const kw = (o: Record<string, unknown>): Kwargs => Object.assign(Object.create(null), o);
  it('binds keywords through params', () => {
    const split = getMethod('a b c', 'split') as Callable;
    expect(split.params).toEqual(['sep', 'maxsplit']);
    expect(invoke(split, [], kw({ maxsplit: 1 }), 'split')).toEqual(['a', 'b c']);
    expect(invoke(getMethod('a\nb\n', 'splitlines')!, [], kw({ keepends: true }), 'splitlines')).toEqual(['a\n', 'b\n']);
  });
  it('passes **kwargs last to format, sort and update', () => {
    const fmt = getMethod('{0}-{x}', 'format') as Callable;
    expect(fmt.varKw).toBe(true);
    expect(invoke(fmt, [1], kw({ x: 2 }), 'format')).toBe('1-2');
    expect(fmt(1, kw({ x: 'y' }))).toBe('1-y');
    const l = [2, 3, 1];
    invoke(getMethod(l, 'sort')!, [], kw({ reverse: true }), 'sort');
    expect(l).toEqual([3, 2, 1]);
    const d = new Map<unknown, unknown>([['a', 1]]);
    invoke(getMethod(d, 'update')!, [{ b: 2 }], kw({ c: 3 }), 'update');
    expect([...d]).toEqual([['a', 1], ['b', 2], ['c', 3]]);
  });
  it('names keyword-taking callables like Python (binding errors quote the name)', () => {
    expect(getMethod('x', 'split')!.name).toBe('split');
    expect(getMethod('x', 'format')!.name).toBe('format');
    expect(getMethod([], 'sort')!.name).toBe('sort');
    expect(() => invoke(getMethod('x', 'split')!, [], kw({ bogus: 1 }), 'split')).toThrow(/split\(\) got an unexpected keyword/);
  });
  it('escapes for Markup % and format', () => {
    expect(String(getMethod(new Markup('<p>{}</p>'), 'format')!('<x>'))).toBe('<p>&lt;x&gt;</p>');
    expect(getMethod(new Markup('a'), 'format')!('<')).toBeInstanceOf(Markup);
  });
  it('marks dict views', () => {
    const items = getMethod({ a: 1 }, 'items')!() as unknown[];
    expect(dictViewKind(items)).toBe('dict_items');
    expect(isTuple(items[0])).toBe(true);
    expect((getMethod(new Map([[1, 2]]), 'keys')!() as Record<symbol, unknown>)[DICT_VIEW]).toBe('dict_keys');
    expect(dictViewKind(getMethod({}, 'values')!())).toBe('dict_values');
  });
  it('is fast for common methods', () => {
    const t0 = performance.now();
    let n = 0;
    for (let i = 0; i < 50000; i++) {
      n += (getMethod('  some text here  ', 'strip')!() as string).length;
      n += (getMethod('a,b,c', 'split')!(',') as string[]).length;
      n += getMethod('prefix-x', 'startswith')!('prefix') ? 1 : 0;
      n += (getMethod('hello', 'replace')!('l', 'L') as string).length;
    }
    expect(n).toBeGreaterThan(0);
    expect(performance.now() - t0).toBeLessThan(2000);
  });
});
