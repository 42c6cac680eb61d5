/**
 * Python repr/str/type names (src/runtime/repr.ts) against the oracle table
 * fixtures/cases/runtime-tables.json (fixtures/oracle/runtime_tables.py, CPython 3.11 +
 * Jinja2 3.1.6): rows `repr`, `str`, `typeName`, `objectTypeRepr`, `formatFloat`,
 * `undefinedMessage`. Results of these ops are strings (or errors), compared verbatim.
 */

import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decode, parseFloatRepr, type Enc } from '../../support/runtime-codec.js';
import {
  formatFloat, NONPRINTABLE_TABLE, objectTypeRepr, pyRepr, pyStr, strRepr, typeName,
} from '../../../src/runtime/repr.js';
import { MISSING, mkTuple, StrictUndefined, Undefined } from '../../../src/runtime/values.js';

interface Row {
  op: string;
  args: Enc[];
  result?: Enc;
  error?: string;
  message?: string;
}

const TABLE = JSON.parse(
  fs.readFileSync(path.join(__dirname, '../../../fixtures/cases/runtime-tables.json'), 'utf8'),
) as { nonprintable: string; unicode: string; rows: Row[] };

const OPS: Record<string, (v: any) => unknown> = {
  repr: pyRepr,
  str: pyStr,
  typeName,
  objectTypeRepr,
  formatFloat: (v: unknown) => formatFloat(Number(v)),
  undefinedMessage: (u: Undefined) => u.message(),
};

/** Rows jinjit does not reproduce, with the reason. */
const GAPS: { why: string; test: (row: Row) => boolean }[] = [];

describe('runtime tables (Python oracle)', () => {
  const rows = TABLE.rows.filter((r) => r.op in OPS && !GAPS.some((g) => g.test(r)));
  it.each(Object.keys(OPS))('%s', (op) => {
    const failures: string[] = [];
    let n = 0;
    for (const row of rows) {
      if (row.op !== op) continue;
      n++;
      const hasDict = JSON.stringify(row.args).includes('"dict"');
      for (const plain of hasDict ? [false, true] : [false]) {
        let got: unknown;
        try {
          const r = OPS[op]!(decode(row.args[0]!, plain));
          got = typeof r === 'string' ? { str: r } : r;
        } catch (e) {
          got = { error: (e as Error).name, message: (e as Error).message };
        }
        const want = row.error !== undefined ? { error: row.error, message: row.message } : row.result;
        if (JSON.stringify(got) !== JSON.stringify(want)) {
          failures.push(`${op}${plain ? '[plain]' : ''} ${JSON.stringify(row.args)}: got ${JSON.stringify(got)}, want ${JSON.stringify(want)}`);
        }
      }
    }
    expect(n).toBeGreaterThan(0);
    expect(failures).toEqual([]);
  });

  it(`embeds CPython's non-printable table (Unicode ${TABLE.unicode})`, () => {
    expect(NONPRINTABLE_TABLE).toBe(TABLE.nonprintable);
  });
});

describe('values without an oracle row', () => {
  it('functions, class instances and the __repr__ / __str__ protocol', () => {
    function myFilter(): void {}
    class Widget {}
    class Pretty {
      __repr__(): string {
        return '<Pretty>';
      }
      __str__(): string {
        return 'pretty';
      }
    }
    class Named {
      static pyName = 'Cycler';
      static pyModule = 'jinja2.utils';
    }
    class Stringy {
      toString(): string {
        return 'stringy';
      }
    }
    expect(pyRepr(myFilter)).toBe('<function myFilter>');
    expect(pyRepr(() => 1)).toMatch(/^<function /);
    expect(pyStr(myFilter)).toBe('<function myFilter>');
    expect(pyRepr(new Widget())).toBe('<Widget object>');
    expect(typeName(new Widget())).toBe('Widget');
    expect(objectTypeRepr(new Widget())).toBe('Widget object');
    expect(pyRepr([new Pretty()])).toBe('[<Pretty>]');
    expect(pyStr(new Pretty())).toBe('pretty');
    expect(typeName(new Named())).toBe('Cycler');
    expect(objectTypeRepr(new Named())).toBe('jinja2.utils.Cycler object');
    expect(pyStr(new Stringy())).toBe('stringy');
    expect(pyRepr(new Stringy())).toBe('<Stringy object>');
    expect(typeName(myFilter)).toBe('function');
    expect(objectTypeRepr(myFilter)).toBe('function object');
  });

  it('JS-only shapes: undefined, null-prototype objects, sets, -0, unsafe integral numbers', () => {
    expect(pyRepr(undefined)).toBe('None');
    expect(pyStr(undefined)).toBe('None');
    expect(typeName(undefined)).toBe('NoneType');
    const o = Object.create(null) as Record<string, unknown>;
    o.a = [1, mkTuple([])];
    expect(pyRepr(o)).toBe("{'a': [1, ()]}");
    expect(typeName(o)).toBe('dict');
    expect(pyRepr(new Set())).toBe('set()');
    expect(pyRepr(new Set([1, 'a']))).toBe("{1, 'a'}");
    expect(typeName(new Set())).toBe('set');
    expect(pyRepr(-0)).toBe('-0.0');
    expect(typeName(-0)).toBe('float');
    expect(pyRepr(1e21)).toBe('1000000000000000000000');
    expect(typeName(1e21)).toBe('int');
    const t = mkTuple([1]) as unknown[];
    t.push(t);
    expect(pyRepr(t)).toBe('(1, (...))');
  });

  it('StrictUndefined refuses str() but has a repr', () => {
    const u = new StrictUndefined(null, MISSING, 'x');
    expect(() => pyStr(u)).toThrow("'x' is undefined");
    expect(pyRepr(u)).toBe('Undefined');
    expect(pyRepr([u])).toBe('[Undefined]');
  });

  it('strRepr escapes by code point', () => {
    expect(strRepr('\u{1F600}')).toBe("'\u{1F600}'");
    expect(strRepr('\u{E0001}')).toBe("'\\U000e0001'");
    expect(strRepr('\ud83d')).toBe("'\\ud83d'");
  });
});

describe('formatFloat properties', () => {
  const SHAPE = /^-?(?:\d+\.\d+|\d(?:\.\d+)?e[+-]\d{2,3}|inf|nan)$/;
  it('round-trips every double and has the shape of a Python float repr', () => {
    fc.assert(
      fc.property(fc.double(), (x) => {
        const s = formatFloat(x);
        expect(s).toMatch(SHAPE);
        expect(Object.is(parseFloatRepr(s), x)).toBe(true);
      }),
      { numRuns: 20000 },
    );
  });

  it('uses scientific notation exactly when the exponent is < -4 or >= 16', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
        if (x === 0) return;
        const exp = Number(Math.abs(x).toExponential().split('e')[1]);
        expect(formatFloat(x).includes('e')).toBe(exp < -4 || exp >= 16);
      }),
      { numRuns: 5000 },
    );
  });
});
