/** Keeps grammar/jinja.ebnf and the parser in sync: every annotated method exists. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Parser } from '../src/syntax/parser.js';

const ebnf = fs.readFileSync(path.join(__dirname, '../grammar/jinja.ebnf'), 'utf8');
const methods = [...ebnf.matchAll(/@(\w+)/g)].map((m) => m[1]!);

describe('grammar/jinja.ebnf', () => {
  it('annotates the parse functions', () => {
    expect(methods.length).toBeGreaterThan(40);
  });
  it.each(methods)('%s exists on the parser', (m) => {
    expect(typeof (Parser.prototype as unknown as Record<string, unknown>)[m]).toBe('function');
  });
  it('every parse method of the parser appears in the grammar', () => {
    const names = new Set<string>();
    for (let p = Parser.prototype; p !== Object.prototype; p = Object.getPrototypeOf(p)) {
      for (const n of Object.getOwnPropertyNames(p)) if (/^parse[A-Z]/.test(n)) names.add(n);
    }
    const missing = [...names].filter((n) => !methods.includes(n));
    expect(missing).toEqual([]);
  });
});
