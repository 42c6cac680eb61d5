/**
 * Property tests of the always-on protections (fast-check):
 *
 * - random attribute chains (dangerous JS names, Python dunders, members of every built-in
 *   prototype, legitimate names) by every access route (`.a`, `['a']`, `|attr('a')`) over random
 *   data never yield a built-in function, a built-in prototype, a constructor, globalThis or
 *   process, in any mode;
 * - random templates that use those names as keys, variables, loop targets, kwargs, namespace
 *   attributes and macro parameters never change built-in prototypes or globalThis, and every
 *   failure is a TemplateError.
 */

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Environment, Markup, TemplateError } from '../../src/index.js';
import { BUILTINS, realmSnapshot } from './support.js';

const PROTOS: object[] = [];
for (const b of Object.values(BUILTINS)) {
  if (b === undefined || b === null) continue;
  PROTOS.push(b as object);
  const proto = (b as { prototype?: unknown }).prototype;
  if (proto && typeof proto === 'object') PROTOS.push(proto);
}

/** Every value a template must never obtain: built-ins, their members, globals of the host. */
const FORBIDDEN = new Set<unknown>([globalThis, process, Function, eval, ...PROTOS]);
for (const o of PROTOS) {
  for (const k of Reflect.ownKeys(o)) {
    const d = Object.getOwnPropertyDescriptor(o, k)!;
    for (const v of [d.value, d.get, d.set]) if (typeof v === 'function' || (typeof v === 'object' && v !== null)) FORBIDDEN.add(v);
  }
}
for (const k of Reflect.ownKeys(globalThis)) {
  const v = (globalThis as Record<PropertyKey, unknown>)[k];
  if (typeof v === 'function') FORBIDDEN.add(v);
}

const memberNames = new Set<string>();
for (const o of PROTOS) for (const k of Object.getOwnPropertyNames(o)) memberNames.add(k);
const NAMES = [
  ...memberNames,
  '__proto__', 'constructor', 'prototype', '__class__', '__mro__', '__base__', '__subclasses__', '__globals__',
  '__init__', '__builtins__', '__dict__', '__getattribute__', '__call__', '__self__', '_TemplateReference__context',
  'call', 'apply', 'bind', 'caller', 'callee', 'arguments', 'then', 'process', 'globalThis', 'require', 'mainModule',
  'upper', 'items', 'keys', 'values', 'append', 'format', 'format_map', 'name', 'a', 'next', 'current', 'greet', 'x',
];

class User {
  constructor(readonly name: string) {}
  greet(): string {
    return `hi ${this.name}`;
  }
}

const nsFactory = new Environment().globals.namespace as (...a: unknown[]) => unknown;

function makeData(): Record<string, unknown> {
  return {
    s: 'str', n: 3, f: 1.5, b: true, nil: null, l: [1, 'a', { a: 1 }], d: { a: { b: 'c' }, constructor: 'data' },
    m: new Map<unknown, unknown>([['a', 1], ['constructor', 2]]), u: new User('ann'), fn: (x: unknown) => x,
    mk: new Markup('<b>'), date: new Date(0), re: /x/g, set: new Set([1]), err: new Error('e'), prom: Promise.resolve(1),
    big: 2n ** 70n, sym: Symbol('s'),
  };
}
const BASES = ['s', 'n', 'f', 'b', 'nil', 'l', 'd', 'm', 'u', 'fn', 'mk', 'date', 're', 'set', 'err', 'prom', 'big', 'sym', 'range', 'cycler', 'joiner', 'namespace', 'lipsum', 'dict', 'self', 'nope'];
const ENVS = {
  none: new Environment(),
  sandboxed: new Environment({ sandbox: 'sandboxed' }),
  immutable: new Environment({ sandbox: 'immutable' }),
};

const before = realmSnapshot();

describe('attribute chains never reach JS internals', () => {
  const route = fc.constantFrom<'dot' | 'item' | 'attr'>('dot', 'item', 'attr');
  const step = fc.tuple(fc.constantFrom(...NAMES), route);

  it('through env.getattr / getitem / the attr filter', () => {
    fc.assert(
      fc.property(fc.constantFrom(...Object.keys(ENVS) as (keyof typeof ENVS)[]), fc.constantFrom(...BASES), fc.array(step, { minLength: 1, maxLength: 5 }), (mode, base, chain) => {
        const env = ENVS[mode];
        const data = makeData();
        let v: unknown = base in data ? data[base] : env.globals[base];
        for (const [name, how] of chain) {
          try {
            if (how === 'dot') v = env.getattr(v, name);
            else if (how === 'item') v = env.getitem(v, name);
            else v = env.callFilter('attr', v, [name], null);
          } catch (e) {
            if (!(e instanceof TemplateError)) throw e;
            return;
          }
          if (FORBIDDEN.has(v)) throw new Error(`${base}.${chain.map((c) => c[0]).join('.')} reached a built-in (${mode})`);
          if (typeof v === 'function' && /\[native code\]/.test(Function.prototype.toString.call(v)) && !(v as { name?: string }).name?.startsWith('bound ')) {
            throw new Error(`${base}.${chain.map((c) => c[0]).join('.')} reached native ${String((v as { name?: string }).name)} (${mode})`);
          }
        }
      }),
      { numRuns: 1500 },
    );
  }, 30_000);

  it('through rendered templates (no native code or host object in the output)', () => {
    const tmpl = fc.tuple(fc.constantFrom(...BASES), fc.array(step, { minLength: 1, maxLength: 4 }), fc.boolean()).map(([base, chain, call]) => {
      let e = base;
      for (const [name, how] of chain) {
        const q = JSON.stringify(name).replace(/'/g, "\\'").slice(1, -1);
        e = how === 'dot' && /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? `${e}.${name}` : how === 'attr' ? `(${e}|attr('${q}'))` : `${e}['${q}']`;
      }
      return call ? `{{ ${e}('return globalThis') }}` : `{{ ${e} }}`;
    });
    fc.assert(
      fc.property(fc.constantFrom(...Object.keys(ENVS) as (keyof typeof ENVS)[]), tmpl, (mode, src) => {
        let out: string;
        try {
          out = ENVS[mode].fromString(src).render(makeData());
        } catch (e) {
          if (!(e instanceof TemplateError)) throw new Error(`${src}: ${String(e)}`);
          return;
        }
        expect(out).not.toMatch(/\[native code\]|\[object |=>|function \(/);
      }),
      { numRuns: 500 },
    );
  }, 30_000);
});

describe('template text never becomes JS code', () => {
  const hostile = fc.oneof(
    fc.string({ unit: 'binary' }),
    fc.constantFrom("'); globalThis.__jinjitPwned = 1; ('", '`${globalThis.__jinjitPwned = 1}`', '*/ globalThis.__jinjitPwned = 1 /*', '\u2028\u2029', '</script>', '\\', '"'),
    // \r is left out: Jinja2 normalizes newlines in text and string literals alike
).map((x) => x.replace(/\\u2028/g, '\u2028').replace(/\\u2029/g, '\u2029').replace(/\r/g, ''));
  it('string literals, text and dict keys come back verbatim and run nothing', () => {
    fc.assert(
      fc.property(hostile, (str) => {
        const lit = '"' + str.replace(/\\/g, '\\\\').replace(/"/g, '\\"') + '"';
        const env = ENVS.none;
        expect(env.fromString(`{{ ${lit} }}`).render()).toBe(str);
        expect(env.fromString(`{{ {${lit}: 1}|list|first }}`).render()).toBe(str);
        expect(env.fromString(`{% set v = ${lit} %}{{ v|length }}`).render()).toBe(String(Array.from(str).length));
        const text = str.replace(/[{}%#]/g, '');
        expect(env.fromString(text, undefined).render()).toBe(text.endsWith('\n') ? text.slice(0, -1) : text);
        expect((globalThis as Record<string, unknown>).__jinjitPwned).toBeUndefined();
      }),
      { numRuns: 400 },
    );
  }, 30_000);
});

describe('random templates never change the realm', () => {
  const DANGER = ['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty', '__defineGetter__', 'polluted', 'rt', 'ctx', 'env', 'this', 'arguments'];
  const name = fc.constantFrom(...DANGER);
  const value = fc.oneof(fc.constantFrom('1', "'x'", '[1]', "{'polluted': 1}", 'none', 'range', 'cycler(1)'), name.map((n) => `{'${n}': {'polluted': 1}}`));
  const stmt = fc.oneof(
    fc.tuple(name, value).map(([n, v]) => `{% set ${n} = ${v} %}{{ ${n} }}`),
    fc.tuple(name, value).map(([n, v]) => `{% set o = {'${n}': ${v}} %}{{ o['${n}'] }}{{ o|list }}`),
    fc.tuple(name, value).map(([n, v]) => `{% set ns = namespace(${n}=${v}) %}{% set ns.${n} = ${v} %}{{ ns.${n} }}`),
    fc.tuple(name, value).map(([n, v]) => `{% for ${n} in [${v}] %}{{ ${n} }}{% endfor %}`),
    fc.tuple(name, value).map(([n, v]) => `{% macro mm(${n}) %}{{ ${n} }}{{ kwargs }}{% endmacro %}{{ mm(${v}) }}{{ mm(${n}=${v}) }}`),
    fc.tuple(name, value).map(([n, v]) => `{% macro kk() %}{{ kwargs|list }}{% endmacro %}{{ kk(${n}=${v}) }}{{ dict(${n}=${v})|list }}`),
    fc.tuple(name, value).map(([n, v]) => `{% set d = {} %}{% set _ = d.update({'${n}': ${v}}) %}{% set _ = d.setdefault('${n}', 1) %}{{ d|dictsort }}{{ d.copy()|list }}`),
    fc.tuple(name, value).map(([n, v]) => `{{ [{'${n}': ${v}}, {'${n}': 1}]|groupby('${n}')|list }}{{ [{'k': '${n}'}]|groupby('k')|list }}`),
    fc.tuple(name, value).map(([n, v]) => `{% with ${n} = ${v} %}{{ ${n} }}{% endwith %}{{ {}.${n} is defined }}{{ '${n}' in {} }}`),
    name.map((n) => `{{ x.${n} }}{{ x['${n}'] }}{{ x|attr('${n}') }}{% set _ = x.update({'${n}': {'polluted': 1}}) %}`),
  );
  it('built-in prototypes and globalThis are unchanged, failures are TemplateErrors', () => {
    fc.assert(
      fc.property(fc.constantFrom(...Object.keys(ENVS) as (keyof typeof ENVS)[]), fc.array(stmt, { minLength: 1, maxLength: 4 }), (mode, parts) => {
        const src = parts.join('');
        try {
          ENVS[mode].fromString(src).render({ x: {} });
        } catch (e) {
          if (!(e instanceof TemplateError)) throw new Error(`${src}: ${String(e)}`);
        }
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
        expect(Object.getPrototypeOf({})).toBe(Object.prototype);
      }),
      { numRuns: 400 },
    );
    expect(realmSnapshot()).toEqual(before);
  }, 30_000);
});
