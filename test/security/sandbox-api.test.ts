/**
 * JS-side guarantees the oracle corpus cannot express (Python has no JS host objects): host
 * objects by dangerous names, `unsafe` marking, attribute-check overrides, context functions,
 * the immutable sandbox leaving caller data untouched by every mutation route, and limits
 * (configurable, failing with located errors, the environment usable afterwards).
 */

import { describe, expect, it } from 'vitest';
import { DictLoader, Environment, SecurityError, TemplateError } from '../../src/index.js';
import { BLOCKED_NAMES } from '../../src/runtime/access.js';
import { realmSnapshot } from './support.js';

const before = realmSnapshot();
const MODES = ['none', 'sandboxed', 'immutable'] as const;

function render(env: Environment, src: string, ctx: Record<string, unknown> = {}): string {
  return env.fromString(src).render(ctx);
}

function errorOf(fn: () => unknown): TemplateError {
  try {
    fn();
  } catch (e) {
    if (e instanceof TemplateError) return e;
    throw e;
  }
  throw new Error('expected a TemplateError');
}

class Account {
  secret = 's3cr3t';
  constructor(readonly owner: string) {}
  describe(): string {
    return `account of ${this.owner}`;
  }
}

describe('host objects expose no JS internals', () => {
  const hosts: Record<string, unknown> = {
    account: new Account('ann'), date: new Date(0), map: new Map([['k', 1]]), fn: () => 1, re: /x/, set: new Set([1]),
    err: new Error('e'), promise: Promise.resolve(1), arr: [1], obj: { a: 1 }, typed: new Uint8Array(2), sym: Symbol('s'),
  };
  const names = [...BLOCKED_NAMES, 'then', 'length', 'name', 'message', 'stack', 'getTime', 'exec', 'test', 'get', 'set',
    'has', 'add', 'size', 'source', 'flags', 'buffer', 'description', 'catch', 'finally', 'forEach', 'at'];
  it.each(MODES)('no prototype member is defined on any host object [%s]', (mode) => {
    const env = new Environment({ sandbox: mode });
    const src = Object.keys(hosts).flatMap((h) => names.map((n) => `{{ ${h}.${n} is defined }}{{ ${h}['${n}'] is defined }}{{ (${h}|attr('${n}')) is defined }}`)).join('');
    const out = render(env, src, hosts);
    // the only hits: `get` of the dict-like Map/obj (a Python dict method), and an Error's own
    // data (`message`, `stack`): own properties of objects the caller passes are data
    const defined = out.match(/True/g)?.length ?? 0;
    expect(defined).toBe(12);
    expect(render(env, "{{ map.get is defined }}{{ obj['get'] is defined }}{{ err.message }}", hosts)).toBe('TrueTruee');
  });

  it.each(MODES)('own data and own-class methods of user objects stay usable [%s]', (mode) => {
    const env = new Environment({ sandbox: mode });
    expect(render(env, '{{ account.owner }}|{{ account.describe() }}|{{ account.secret }}', hosts)).toBe('ann|account of ann|s3cr3t');
    expect(render(env, '[{{ account.constructor }}][{{ account.__proto__ }}][{{ account.describe.call }}]', hosts)).toBe('[][][]');
  });
});

describe('sandbox controls', () => {
  const dangerous = Object.assign(() => 'ran', { unsafeCallable: true });
  const pyMarked = Object.assign(() => 'ran', { unsafe_callable: true });
  const django = Object.assign(() => 'ran', { alters_data: true });
  it.each([['unsafeCallable', dangerous], ['unsafe_callable', pyMarked], ['alters_data', django]] as const)('%s functions raise SecurityError in both sandboxes', (_n, fn) => {
    expect(render(new Environment(), '{{ f() }}', { f: fn })).toBe('ran');
    for (const mode of ['sandboxed', 'immutable'] as const) {
      const e = errorOf(() => render(new Environment({ sandbox: mode }), '\n{{ f() }}', { f: fn }));
      expect(e).toBeInstanceOf(SecurityError);
      expect(e.lineno).toBe(2);
    }
  });

  it('isSafeAttribute / isSafeCallable overrides apply, JS internals stay unreachable whatever they return', () => {
    const env = new Environment({
      sandbox: 'sandboxed',
      isSafeAttribute: (obj, name, value, fallback) => name !== 'secret' && (name === 'constructor' || fallback(obj, name, value)),
      isSafeCallable: (fn, fallback) => fn !== hostsFn && fallback(fn),
    });
    const hostsFn = () => 'x';
    expect(errorOf(() => render(env, "{{ a.secret + 'x' }}", { a: new Account('b') })).name).toBe('SecurityError');
    expect(render(env, '[{{ a.constructor }}][{{ "".constructor }}]', { a: new Account('b') })).toBe('[][]');
    expect(errorOf(() => render(env, '{{ f() }}', { f: hostsFn })).name).toBe('SecurityError');
  });

  it('loop attributes take the direct path only while getattr and the attribute check are stock', () => {
    const src = '{% for x in "ab" %}{{ loop.index }}{{ loop.last }}|{% endfor %}';
    for (const compileAfter of [0, Infinity]) {
      for (const mode of MODES) expect(render(new Environment({ sandbox: mode, compileAfter }), src)).toBe('1False|2True|');
      const hidden = new Environment({ sandbox: 'sandboxed', compileAfter, isSafeAttribute: (o, n, v, fallback) => n !== 'last' && fallback(o, n, v) });
      expect(render(hidden, '{% for x in "ab" %}{{ loop.index }}[{{ loop.last }}]{% endfor %}')).toBe('1[]2[]');
      expect(errorOf(() => render(hidden, '{% for x in "ab" %}{{ loop.last + 1 }}{% endfor %}')).name).toBe('SecurityError');
      class Counting extends Environment {
        seen: string[] = [];
        override getattr(obj: unknown, name: string): unknown {
          this.seen.push(name);
          return super.getattr(obj, name);
        }
      }
      const counting = new Counting({ compileAfter });
      expect(render(counting, src)).toBe('1False|2True|');
      expect(counting.seen).toEqual(['index', 'last', 'index', 'last']);
      // overrides that arrive after the constructor: a class field, an assignment
      class Field extends Environment {
        override getattr = (obj: unknown, name: string): unknown => (name === 'index' ? 'HOOKED' : super.getattr(obj, name));
      }
      expect(render(new Field({ compileAfter }), src)).toBe('HOOKEDFalse|HOOKEDTrue|');
      const assigned = new Environment({ compileAfter });
      const stock = assigned.getattr.bind(assigned);
      assigned.getattr = (obj, name) => (name === 'last' ? 'HOOKED' : stock(obj, name));
      expect(render(assigned, src)).toBe('1HOOKED|2HOOKED|');
    }
  });

  it('context functions stay callable in the sandbox', () => {
    const greet = Object.assign((ctx: { resolve(n: string): unknown }, who: string) => `${String(ctx.resolve('greeting'))} ${who}`, { pass: 'context' as const });
    for (const mode of MODES) expect(render(new Environment({ sandbox: mode }), "{{ greet('bob') }}", { greet, greeting: 'hi' })).toBe('hi bob');
  });
});

describe('immutable sandbox: caller data is never modified', () => {
  const routes = [
    "{{ l.append(9) }}", "{{ l.extend([9]) }}", "{{ l.insert(0, 9) }}", "{{ l.pop() }}", "{{ l.remove(1) }}", "{{ l.clear() }}",
    "{{ l.sort() }}", "{{ l.reverse() }}", "{{ (l|attr('append'))(9) }}", "{% do l.append(9) %}", "{% set _ = l.append(9) %}",
    "{{ d.update({'x': 1}) }}", "{{ d.pop('a') }}", "{{ d.popitem() }}", "{{ d.setdefault('x', 1) }}", "{{ d.clear() }}",
    "{{ (d|attr('update'))({'__proto__': {'p': 1}}) }}", "{% do d.update(x=1) %}", "{{ d.a.append(9) }}", "{{ l[2].update({'y': 1}) }}",
    "{% for x in [l] %}{{ x.append(9) }}{% endfor %}", "{% set m = l %}{{ m.append(9) }}", "{{ [l]|map(attribute='append')|first }}",
    "{{ l.__setitem__(0, 9) }}", "{{ d.__setitem__('a', 9) }}",
  ];
  it.each(routes)('%s', (src) => {
    const env = new Environment({ sandbox: 'immutable', extensions: ['jinja2.ext.do'] });
    const ctx = { l: [1, 2, { k: 'v' }], d: { a: [1], b: { c: 2 } } };
    const copy = structuredClone(ctx);
    try {
      render(env, src, ctx);
    } catch (e) {
      expect(e).toBeInstanceOf(TemplateError);
    }
    expect(ctx).toEqual(copy);
    expect(Object.getPrototypeOf(ctx.d)).toBe(Object.prototype);
  });

  it('namespace assignment still works', () => {
    const env = new Environment({ sandbox: 'immutable' });
    expect(render(env, '{% set ns = namespace(n=0) %}{% for i in [1, 2, 3] %}{% set ns.n = ns.n + i %}{% endfor %}{{ ns.n }}')).toBe('6');
  });
});

describe('limits', () => {
  it('legitimate depth 60 works with the defaults; maxDepth is configurable', () => {
    const src = '{% macro d(n) %}{% if n > 0 %}{{ d(n - 1) }}{% else %}ok{% endif %}{% endmacro %}\n{{ d(depth) }}';
    for (const mode of MODES) expect(render(new Environment({ sandbox: mode }), src, { depth: 60 })).toBe('\nok');
    const env = new Environment({ limits: { maxDepth: 10 } });
    expect(render(env, src, { depth: 5 })).toBe('\nok');
    const e = errorOf(() => render(env, src, { depth: 20 }));
    expect(e.name).toBe('RecursionError');
    expect(e.lineno).toBeGreaterThanOrEqual(1);
    expect(render(env, '{{ 1 + 1 }}')).toBe('2');
  });

  it('include depth is bounded by maxDepth with the template name', () => {
    const env = new Environment({ loader: new DictLoader({ loop: 'x\n{% include "loop" %}' }), limits: { maxDepth: 20 } });
    const e = errorOf(() => env.getTemplate('loop').render());
    expect(e.name).toBe('RecursionError');
    expect(e.templateName).toBe('loop');
    expect(e.lineno).toBe(2);
  });

  it('fuel, timeout, output and value caps are per environment', () => {
    const loops = '{% for i in range(1000) %}{% for j in range(1000) %}{{ j }}{% endfor %}{% endfor %}';
    expect(errorOf(() => render(new Environment({ limits: { fuel: 10_000 } }), loops)).message).toMatch(/work budget/);
    expect(errorOf(() => render(new Environment({ limits: { maxOutput: 1000 } }), loops)).message).toMatch(/output exceeded/);
    expect(errorOf(() => render(new Environment({ limits: { maxValueSize: 100 } }), "{{ 'x' * 101 }}")).name).toBe('MemoryError');
    expect(render(new Environment({ limits: { maxValueSize: 101 } }), "{{ ('x' * 101)|length }}")).toBe('101');
    expect(render(new Environment(), loops).length).toBeGreaterThan(0);
  });
});

describe('realm', () => {
  it('built-ins unchanged after this file', () => {
    expect(realmSnapshot()).toEqual(before);
  });
});
