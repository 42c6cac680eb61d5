/**
 * The meta API against Python's jinja2.meta (fixtures/cases/meta.json, written by
 * fixtures/oracle/meta_cases.py), plus positions and context type inference.
 */

import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Environment } from '../../src/index.js';
import { inferContextType } from '../../src/infer-type.js';
import {
  findReferencedTemplates, findUndeclaredVariables, locateReferencedTemplates, locateUndeclaredVariables,
} from '../../src/meta.js';

interface MetaCase { template: string; undeclared: string[]; referenced: (string | null)[] }
const cases = JSON.parse(fs.readFileSync(path.join(__dirname, '../../fixtures/cases/meta.json'), 'utf8')) as MetaCase[];

describe('jinja2.meta oracle', () => {
  it.each(cases.map((c) => [c.template, c] as const))('%s', (_t, c) => {
    expect([...findUndeclaredVariables(c.template)].sort()).toEqual(c.undeclared);
    expect(findReferencedTemplates(c.template)).toEqual(c.referenced);
  });
});

describe('positions', () => {
  it('lists every read of an undeclared name', () => {
    const m = locateUndeclaredVariables('{{ a }}\n  {{ a.b }}{% set x = 1 %}{{ x }}{{ c }}');
    expect([...m.keys()]).toEqual(['a', 'c']);
    expect(m.get('a')).toEqual([{ line: 1, column: 4 }, { line: 2, column: 6 }]);
    expect(m.get('c')).toEqual([{ line: 2, column: 37 }]);
  });

  it('gives the kind and position of template references', () => {
    const refs = locateReferencedTemplates('{% extends "base" %}\n{% include [a, "b"] %}{% from "m" import x %}');
    expect(refs).toEqual([
      { name: 'base', kind: 'extends', position: { line: 1, column: 12 } },
      { name: null, kind: 'include', position: { line: 2, column: 13 } },
      { name: 'b', kind: 'include', position: { line: 2, column: 16 } },
      { name: 'm', kind: 'import', position: { line: 2, column: 31 } },
    ]);
  });

  it('parses with the given environment (custom delimiters, globals)', () => {
    const env = new Environment({ variableStart: '${', variableEnd: '}' });
    env.addGlobal('site', {});
    expect([...findUndeclaredVariables('${ site.name } ${ user }', env)]).toEqual(['user']);
  });
});

describe('inferContextType', () => {
  it('types attributes, iteration, calls and arithmetic', () => {
    const t = inferContextType([
      '{% for u in users %}{{ u.name }} {{ u["e-mail"] }}{% endfor %}',
      '{{ total - 1 }} {{ fmt(price) }} {{ page.title|upper }} {{ plain }}',
      '{% for k, v in mapping.items() %}{% endfor %}{% set local = 1 %}{{ local }}',
    ].join(''));
    expect(t).toBe([
      '{',
      '  fmt?: (...args: any[]) => unknown;',
      '  mapping?: unknown;',
      '  page?: {',
      '    title?: unknown;',
      '  };',
      '  plain?: unknown;',
      '  price?: unknown;',
      '  total?: number;',
      '  users?: Iterable<{',
      '    "e-mail"?: unknown;',
      '    name?: unknown;',
      '  }>;',
      '}',
    ].join('\n'));
  });

  it('follows with-bindings and nested loops', () => {
    const t = inferContextType('{% with p = site.page %}{{ p.title }}{% endwith %}{% for row in grid %}{% for c in row %}{{ c * 2 }}{% endfor %}{% endfor %}');
    expect(t).toContain('grid?: Iterable<Iterable<number>>;');
    expect(t).toContain('site?: {\n    page?: {\n      title?: unknown;\n    };\n  };');
  });

  it('is an empty record for a template without variables', () => {
    expect(inferContextType('{% set a = 1 %}{{ a }}')).toBe('Record<string, never>');
  });
});
