/**
 * The `__class__` stand-in (src/runtime/pyclass.ts): names only, nothing reachable behind it.
 * Its rendering against Jinja2 is covered by the oracle cases method/class-name and
 * method/class-sandboxed (fixtures/oracle/specs/methods.py).
 */

import { describe, expect, it } from 'vitest';
import { Environment, Markup, mkTuple } from '../../../src/index.js';
import { attrOf } from '../../../src/runtime/access.js';
import { classRef, PyClassRef } from '../../../src/runtime/pyclass.js';
import { pyRepr } from '../../../src/runtime/repr.js';
import { MISSING } from '../../../src/runtime/values.js';

describe('classRef', () => {
  it.each([
    ['a', 'str', 'builtins'], [1, 'int', 'builtins'], [1.5, 'float', 'builtins'], [null, 'NoneType', 'builtins'],
    [[1], 'list', 'builtins'], [mkTuple([1]), 'tuple', 'builtins'], [new Map(), 'dict', 'builtins'],
    [{ a: 1 }, 'dict', 'builtins'], [new Markup('x'), 'Markup', 'markupsafe'],
  ] as const)('%j is %s from %s', (v, name, module) => {
    const c = classRef(v);
    expect([c.name, c.module]).toEqual([name, module]);
    expect(pyRepr(c)).toBe(module === 'builtins' ? `<class '${name}'>` : `<class '${module}.${name}'>`);
  });

  it('exposes its names and nothing else', () => {
    const c = classRef('a');
    expect(attrOf(c, '__name__')).toBe('str');
    expect(attrOf(c, '__qualname__')).toBe('str');
    expect(attrOf(c, '__module__')).toBe('builtins');
    for (const name of ['constructor', '__proto__', 'prototype', '__init__', '__mro__', 'mro', '__subclasses__',
      '__bases__', '__base__', '__dict__', '__call__', 'name', 'module', 'toString', '__class__']) {
      const v = attrOf(c, name);
      // `__class__` of the stand-in is another name-only stand-in (`type`), never a JS value
      if (name === '__class__') expect(v).toBeInstanceOf(PyClassRef);
      else expect(v, name).toBe(MISSING);
    }
  });

  it('renders like Jinja2 and cannot be called or walked', () => {
    const env = new Environment();
    const r = (t: string) => env.fromString(t).render({});
    expect(r("{{ ''.__class__.__name__ }}|{{ ''.__class__.__class__ }}")).toBe("str|<class 'type'>");
    expect(r("{{ ''.__class__.__mro__ is undefined }}|{{ ''.__class__.constructor is undefined }}")).toBe('True|True');
    // Python would call str('x'); the stand-in is not callable
    expect(() => r("{{ ''.__class__('x') }}")).toThrow(/'type' object is not callable/);
    expect(() => new Environment({ sandbox: 'sandboxed' }).fromString("{{ ''.__class__.__name__ }}").render({})).toThrow(/unsafe/);
  });
});
