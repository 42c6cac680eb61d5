/**
 * Macro argument binding details that oracle fixtures cannot express (JS-only values) and error
 * locations through every render variant. Expected values: Jinja2 3.1.6 renders `[None]` for a
 * None argument, and names line 2 / line 3 for the errors below (checked with python3).
 */
import { describe, expect, it } from 'vitest';
import { Environment } from '../../../src/index.js';

const env = new Environment();

describe('macro binding', () => {
  it('passes a JS undefined positional argument through (printed as None), whatever the call shape', () => {
    const data = { f: () => undefined };
    expect(env.fromString('{% macro m(a, b=5) %}[{{ a }}]{% endmacro %}{{ m(f()) }}{{ m(f(), 1) }}{{ m(f(), b=2) }}').render(data))
      .toBe('[None][None][None]');
    expect(env.fromString('{% macro m(a=7) %}[{{ a }}{{ caller() }}]{% endmacro %}{% call m(f()) %}x{% endcall %}').render(data))
      .toBe('[Nonex]');
  });

  it('treats a JS undefined keyword value as not given (the default applies)', () => {
    expect(env.fromString('{% macro m(a=7) %}[{{ a }}]{% endmacro %}{{ m(a=f()) }}').render({ f: () => undefined })).toBe('[7]');
  });
});

describe('error lines through filters and macros', () => {
  const cases: [string, number][] = [
    ["\n{{ [d.c]|map('abs')|list }}", 2],
    ["\n{% macro m(a) %}\n{{ [a]|map('abs')|list }}{% endmacro %}{{ m(a=d.c) }}", 3],
  ];
  for (const [source, line] of cases) {
    it(`names line ${line} in render, renderAsync and generate`, async () => {
      const t = env.fromString(source);
      const lines: unknown[] = [];
      for (const run of [() => t.render({ d: {} }), () => t.renderAsync({ d: {} }), () => [...t.generate({ d: {} })].join('')]) {
        try {
          await run();
          lines.push('no error');
        } catch (e) {
          lines.push((e as { lineno?: number }).lineno);
        }
      }
      expect(lines).toEqual([line, line, line]);
    });
  }
});
