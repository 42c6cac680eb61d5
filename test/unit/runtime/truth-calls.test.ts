/**
 * How often a test takes an object's truth (`__bool__`), as CPython runs Jinja2's generated
 * code: once per operand in `if`/inline-if/loop-filter tests (jumps), but twice for a falsy `a`
 * in the value `not (a and b)` (UNARY_NOT takes the truth of the `and` result again). Expected
 * outputs and counts checked against Jinja2 3.1.6 on CPython.
 */
import { describe, expect, it } from 'vitest';
import { Environment } from '../../../src/index.js';

class Counted {
  n = 0;
  constructor(readonly v: boolean) {}
  __bool__(): boolean {
    this.n++;
    return this.v;
  }
}

// [template, a's truth, output, a.__bool__ calls, b.__bool__ calls] (b is always true)
const ROWS: [string, boolean, string, number, number][] = [
  ['{% if a and b %}y{% endif %}', false, '', 1, 0],
  ['{% if a and b %}y{% endif %}', true, 'y', 1, 1],
  ['{% if a or b %}y{% endif %}', false, 'y', 1, 1],
  ['{% if a or b %}y{% endif %}', true, 'y', 1, 0],
  ['{% if not (a and b) %}y{% endif %}', false, 'y', 1, 0],
  ['{% if not (a and b) %}y{% endif %}', true, '', 1, 1],
  ['{{ not (a and b) }}', false, 'True', 2, 0],
  ['{{ not (a and b) }}', true, 'False', 1, 1],
  ['{{ not a }}', false, 'True', 1, 0],
  ['{{ 1 if a and b else 2 }}', false, '2', 1, 0],
  ['{{ 1 if a and b else 2 }}', true, '1', 1, 1],
  ['{% for x in [1] if a and b %}{{ x }}{% endfor %}', false, '', 1, 0],
  ['{% for x in [1] if a and b %}{{ x }}{% endfor %}', true, '1', 1, 1],
];

describe('truth tests call __bool__ as often as CPython', () => {
  it.each(ROWS)('%s (a=%s)', (template, av, output, aCalls, bCalls) => {
    const a = new Counted(av);
    const b = new Counted(true);
    expect(new Environment().fromString(template).render({ a, b })).toBe(output);
    expect([a.n, b.n]).toEqual([aCalls, bCalls]);
  });
});
