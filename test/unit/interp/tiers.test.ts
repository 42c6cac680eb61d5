/**
 * The interpreter (tier 0, src/interp/) against the compiled tier: same errors at the same
 * template positions for every failing fixture case, and promotion from one tier to the other
 * (Environment.compileAfter). Outputs of both tiers are checked against the oracle by
 * test/conformance.test.ts.
 */

import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DictLoader, Environment } from '../../../src/index.js';
import { caseEnvironment, loadCases, type Case, type Tier } from '../../support/cases.js';

const dir = path.join(__dirname, '../../../fixtures/cases');
const cases = fs.readdirSync(dir).filter((f) => f.endsWith('.jsonl')).sort().flatMap((f) => loadCases(path.join(dir, f)));
const failing = cases.filter((c) => 'error' in c.expected);

/** What a render threw, with its position (or the output when it did not throw). */
function outcome(c: Case, tier: Tier): unknown {
  try {
    const env = caseEnvironment(c, tier);
    const tmpl = c.entry !== undefined ? env.getTemplate(c.entry) : env.fromString(c.template);
    return { output: tmpl.render(structuredClone(c.context)) };
  } catch (e) {
    const err = e as Error & { lineno?: number; templateName?: string };
    return { name: err.name, message: err.message, lineno: err.lineno, templateName: err.templateName, text: String(err) };
  }
}

describe('errors: same class, message and template position in both tiers', () => {
  it('has failing cases to compare', () => expect(failing.length).toBeGreaterThan(300));
  it.each(failing.map((c) => [c.id, c] as const))('%s', (_id, c) => {
    expect(outcome(c, 'interpreted')).toEqual(outcome(c, 'compiled'));
  });
});

describe('promotion (compileAfter)', () => {
  const templates = {
    'base.html': '<title>{% block title %}Base{% endblock %}</title>{% block body %}{% endblock %}',
    'page.html': '{% extends "base.html" %}{% block title %}{{ super() }}: {{ title }}{% endblock %}'
      + '{% block body %}{% for x in xs %}{{ loop.index }}={{ x }};{% endfor %}{% include "part.html" %}{% endblock %}',
    'part.html': '[{{ xs|sum }}]',
  };

  it('renders the first `compileAfter` times interpreted, then compiled, with the same output', () => {
    const env = new Environment({ loader: new DictLoader(templates), compileAfter: 2 });
    const page = env.getTemplate('page.html');
    const seen: [string, boolean][] = [];
    for (let i = 0; i < 4; i++) {
      const before = page.interpreted;
      seen.push([page.render({ title: 'T', xs: [1, 2, i] }), before]);
    }
    expect(seen).toEqual([
      ['<title>Base: T</title>1=1;2=2;3=0;[3]', true],
      ['<title>Base: T</title>1=1;2=2;3=1;[4]', true],
      ['<title>Base: T</title>1=1;2=2;3=2;[5]', true],
      ['<title>Base: T</title>1=1;2=2;3=3;[6]', false],
    ]);
    // the parent (used through extends) and the include were counted too
    expect(env.getTemplate('base.html').interpreted).toBe(false);
    expect(env.getTemplate('part.html').interpreted).toBe(false);
    expect(page.generatedCode).toMatch(/function root\(ctx\)/);
  });

  it('a template imported without context is compiled before its module is cached (the module lives as long as the template)', () => {
    const lib = { lib: '{% macro m(x) %}<{{ x }}>{% endmacro %}', page: '{% import "lib" as lib %}{{ lib.m(1) }}' };
    const env = new Environment({ loader: new DictLoader(lib), compileAfter: 10 });
    expect(env.getTemplate('page').render()).toBe('<1>');
    expect(env.getTemplate('page').interpreted).toBe(true);
    expect(env.getTemplate('lib').interpreted).toBe(false);
    const never = new Environment({ loader: new DictLoader(lib), compileAfter: Infinity });
    expect(never.getTemplate('page').render()).toBe('<1>');
    expect(never.getTemplate('lib').interpreted).toBe(true);
  });

  it('compileAfter: 0 compiles at load; Infinity never compiles', () => {
    const now = new Environment({ loader: new DictLoader(templates), compileAfter: 0 });
    expect(now.getTemplate('page.html').interpreted).toBe(false);
    const never = new Environment({ loader: new DictLoader(templates), compileAfter: Infinity });
    const t = never.getTemplate('page.html');
    for (let i = 0; i < 5; i++) t.render({ title: 'T', xs: [] });
    expect(t.interpreted).toBe(true);
    // asking for the generated code does not switch tiers
    expect(t.generatedCode).toMatch(/function root\(ctx\)/);
    expect(t.interpreted).toBe(true);
  });

  it('a template promoted while one of its renders is running finishes that render as it began', () => {
    const env = new Environment({ loader: new DictLoader({ r: '{{ n }}{% if n > 0 %}({% with n = n - 1 %}{% include "r" %}{% endwith %}){% endif %}' }), compileAfter: 2 });
    const t = env.getTemplate('r');
    expect(t.render({ n: 4 })).toBe('4(3(2(1(0))))');
    expect(t.interpreted).toBe(false);
    expect(t.render({ n: 2 })).toBe('2(1(0))');
  });
});

describe('error positions across tiers', () => {
  const templates = {
    'outer.html': 'one\n{% include "inner.html" %}\n{{ boom() }}',
    'inner.html': 'a\nb\n{{ 1 // zero }}',
    'macros.html': '{% macro m(x) %}\n\n{{ x.missing.attr }}{% endmacro %}',
    'user.html': '{% import "macros.html" as lib %}\n{{ lib.m({}) }}',
  };
  const run = (env: Environment, name: string, ctx: Record<string, unknown>): unknown => {
    try {
      return env.getTemplate(name).render(ctx);
    } catch (e) {
      const err = e as Error & { lineno?: number; templateName?: string };
      return [err.name, err.templateName, err.lineno];
    }
  };

  it('name the innermost template line, whichever tier each template is in', () => {
    for (const [outerTier, innerTier] of [[0, 0], [0, Infinity], [Infinity, 0], [Infinity, Infinity]] as const) {
      const env = new Environment({ loader: new DictLoader(templates), compileAfter: Infinity });
      // settle each template's tier: compiled ones are loaded through an eager environment's code
      const pick = (name: string, tier: number): void => {
        const t = env.getTemplate(name);
        if (tier === 0) {
          const eager = new Environment({ loader: new DictLoader(templates), compileAfter: 0 }).getTemplate(name);
          t.swapCode({ root: eager.root, blocks: eager.blocks }, eager.generatedCode);
        }
      };
      pick('outer.html', outerTier);
      pick('inner.html', innerTier);
      pick('user.html', outerTier);
      pick('macros.html', innerTier);
      const label = `${outerTier}/${innerTier}`;
      expect([label, run(env, 'outer.html', { zero: 0 })]).toEqual([label, ['ZeroDivisionError', 'inner.html', 3]]);
      expect([label, run(env, 'outer.html', { zero: 1 })]).toEqual([label, ['UndefinedError', 'outer.html', 3]]);
      expect([label, run(env, 'user.html', {})]).toEqual([label, ['UndefinedError', 'macros.html', 3]]);
    }
  });
});

describe('closures that outlive their loop iteration', () => {
  // Jinja2 prints its internal `missing` sentinel here (the loop's variables are reset after the
  // loop; COMPATIBILITY.md); jinjit's tiers agree with each other: one binding per loop, as Python
  // has, so a macro called later sees the last iteration's values.
  const cases: [string, string][] = [
    ['{% set ns = namespace(ms=[]) %}{% for i in [1,2] %}{% macro m() %}{{ i }}{% endmacro %}{% set _ = ns.ms.append(m) %}{% endfor %}{% for m in ns.ms %}{{ m() }}{% endfor %}', '22'],
    ['{% set ns = namespace(ms=[]) %}{% for i in [1,2] %}{% set x = i * 10 %}{% macro m() %}{{ x }}{% endmacro %}{% set _ = ns.ms.append(m) %}{% endfor %}{% for m in ns.ms %}[{{ m() }}]{% endfor %}', '[20][20]'],
    ['{% macro keep() %}{% set _ = ns.cs.append(caller) %}{% endmacro %}{% set ns = namespace(cs=[]) %}{% for i in "ab" %}{% call keep() %}{{ i }}{% endcall %}{% endfor %}{% for c in ns.cs %}{{ c() }}{% endfor %}', 'bb'],
    // inner loops, else blocks, `with` and the inner `loop` share the outermost loop's bindings
    ['{% set ms = [] %}{% for a in [1,2] %}{% for b in [a*10, a*10+1] %}{% macro m() %}{{ a }}-{{ b }}{% endmacro %}{% set _ = ms.append(m) %}{% endfor %}{% endfor %}{% for m in ms %}{{ m() }} {% endfor %}', '2-21 2-21 2-21 2-21 '],
    ['{% set ms = [] %}{% for a in [1,2] %}{% for b in [a] %}{% macro m() %}{{ a }}{% endmacro %}{% set _ = ms.append(m) %}{% endfor %}{{ ms[0]() }}{% endfor %}', '12'],
    ['{% set ms = [] %}{% for a in [1,2] %}{% for b in [] %}{% else %}{% set e = a %}{% macro m() %}{{ e }}{% endmacro %}{% set _ = ms.append(m) %}{% endfor %}{% endfor %}{% for m in ms %}{{ m() }} {% endfor %}', '2 2 '],
    ['{% set ms = [] %}{% for a in [1,2] %}{% with c = a %}{% macro m() %}{{ c }}{% endmacro %}{% set _ = ms.append(m) %}{% endwith %}{% endfor %}{% for m in ms %}{{ m() }} {% endfor %}', '2 2 '],
    ['{% set ms = [] %}{% for a in [1,2] %}{% for b in range(a) %}{% macro m() %}{{ loop.length }}{% endmacro %}{% set _ = ms.append(m) %}{% endfor %}{% endfor %}{% for m in ms %}{{ m() }}{% endfor %}', '222'],
    // called within its iteration, a macro sees that iteration (the common case)
    ['{% for i in [1,2] %}{% macro m() %}{{ i }}{% endmacro %}{% set i2 = i %}{{ m() }}{% endfor %}', '12'],
    ['{% for a, b in [(1, 2), (3, 4)] %}{% for c in [a, b] %}{% macro m() %}{{ a }}{{ c }}{% endmacro %}{{ m() }}{% endfor %}{% endfor %}', '11123334'],
  ];
  it('render the same in both tiers', () => {
    for (const [src, expected] of cases) {
      for (const compileAfter of [0, Infinity]) {
        expect(new Environment({ compileAfter }).fromString(src).render(), `${src} (compileAfter ${compileAfter})`).toBe(expected);
      }
    }
  });
  it('render the same in the async and stream variants', async () => {
    for (const [src, expected] of cases) {
      const t = new Environment().fromString(src);
      expect(await t.renderAsync(), src).toBe(expected);
      expect([...t.generate()].join(''), src).toBe(expected);
    }
  });
});
