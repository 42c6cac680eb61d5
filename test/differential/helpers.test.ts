/**
 * The fuzzer's own parts that do not need Python: signatures, jinjit rendering of a case, the
 * text reducer, the known-issue helpers and the generator's validity.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Environment } from '../../src/index.js';
import { renderJinjit, signature } from './compare.js';
import { diffCase, type DiffCase } from './generator.js';
import { assignedNames } from './known.js';
import { reduceCase } from './reduce.js';

const OPTIONS: DiffCase['options'] = {
  autoescape: false, trim_blocks: false, lstrip_blocks: false, keep_trailing_newline: false, undefined: 'Undefined', extensions: [],
};

describe('signature', () => {
  it('is null when both agree, by output or by error class', () => {
    expect(signature({ output: 'a' }, { output: 'a' })).toBeNull();
    expect(signature({ error: { type: 'TypeError', message: 'x' } }, { error: { type: 'TypeError', message: 'y' } })).toBeNull();
  });

  it('names the kind of disagreement, with digits and quoted text squashed', () => {
    expect(signature({ output: 'n=2.0' }, { output: 'n=2' })).toBe('output: py "=9.9" vs js "=9"');
    expect(signature({ error: { type: 'UndefinedError', message: "'x' is undefined" } }, { output: '' })).toBe(
      "py raises UndefinedError ('…' is undefined), js renders",
    );
    expect(signature({ error: { type: 'TypeError', message: 'm' } }, { error: { type: 'ValueError', message: 'm' } })).toBe(
      'error class: py TypeError vs js ValueError',
    );
  });

  it('never lets a JS crash pass for a Python error of the same name', () => {
    expect(signature({ error: { type: 'TypeError', message: 'a' } }, { error: { type: 'JS:TypeError', message: 'x is not a function' } })).toBe(
      'jinjit crash TypeError: x is not a function',
    );
  });
});

describe('renderJinjit', () => {
  it('renders with the case options and the JSON context', () => {
    const c: DiffCase = { template: '{{ n / 2 }}{{ s }}', context: {}, options: { ...OPTIONS, autoescape: true } };
    expect(renderJinjit(c, '{"n": 3.0, "s": "<"}')).toEqual({ output: '1.5&lt;' });
  });

  it('reports template errors by their Python name', () => {
    const c: DiffCase = { template: '{{ 1 // 0 }}', context: {}, options: OPTIONS };
    expect(renderJinjit(c, '{}')).toMatchObject({ error: { type: 'ZeroDivisionError' } });
  });
});

describe('reduceCase', () => {
  it('drops and unwraps blocks, branches and outputs that do not matter', async () => {
    const c: DiffCase = {
      template: '{% if a %}x{{ 1 // 0 }}{% else %}y{% endif %}{% for n in xs %}z{{ n }}{% endfor %}tail',
      context: {},
      options: { ...OPTIONS, trim_blocks: true },
    };
    const small = await reduceCase(c, async (d) => d.template.includes('{{ 1 // 0 }}'));
    expect(small.template).toBe('{{ 1 // 0 }}');
    expect(small.options.trim_blocks).toBe(false);
  });
});

describe('assignedNames', () => {
  it('finds set targets (also tuples and block sets) and macro names', () => {
    const t = '{% set a = 1 %}{%- set b, c = 1, 2 %}{% set d %}x{% endset %}{% set e | upper %}{% endset %}{% macro m() %}{% endmacro %}{% set ns.k = 1 %}';
    expect([...assignedNames(t)].sort()).toEqual(['a', 'b', 'c', 'd', 'e', 'm']);
  });
});

describe('generator', () => {
  it('produces templates that compile, apart from the deliberately broken ones', () => {
    let broken = 0;
    const env = new Environment({ extensions: ['jinja2.ext.loopcontrols', 'jinja2.ext.do'] });
    for (const c of fc.sample(diffCase, { seed: 11, numRuns: 300 })) {
      try {
        env.fromString(c.template);
      } catch {
        broken++;
      }
    }
    // about 1 in 25 is mutated on purpose, and a mutation does not always break the syntax
    expect(broken).toBeGreaterThan(0);
    expect(broken).toBeLessThan(300 * 0.1);
  });
});
