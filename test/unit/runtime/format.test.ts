/**
 * Python string formatting (src/runtime/format.ts, format-spec.ts): `%` formatting, str.format
 * and format specs, table-driven from fixtures/cases/method-tables.json
 * (python3 fixtures/oracle/method_tables.py), plus exactness properties of the float
 * conversions against a BigInt reference.
 */

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fixedDigits, sigDigits } from '../../../src/runtime/format-spec.js';
import { formatSpec, percentFormat, strFormat } from '../../../src/runtime/format.js';
import { escape } from '../../../src/runtime/markup.js';
import { Markup } from '../../../src/runtime/values.js';
import { compare, decode, loadTable, run, type TableCase } from './method-tables.js';

const table = loadTable();

function runCase(c: TableCase, plain: boolean): ReturnType<typeof run> {
  switch (c.kind) {
    case 'percent':
      return run(() => percentFormat(c.fmt!, decode(c.args, plain)));
    case 'mpercent':
      // Markup(fmt) % args, as the runtime's `%` operator does for Markup
      return run(() => new Markup(percentFormat(c.fmt!, decode(c.args, plain), (v) => escape(v).toString())));
    case 'format': {
      const kwargs: Record<string, unknown> = Object.create(null);
      for (const k of Object.keys(c.kwargs ?? {})) kwargs[k] = decode(c.kwargs![k], plain);
      return run(() => strFormat(c.fmt!, (c.args as unknown[]).map((a) => decode(a, plain)), kwargs));
    }
    default:
      return run(() => formatSpec(decode(c.value, plain), c.spec!));
  }
}

function chunks(kind: string, size: number): [string, TableCase[]][] {
  const rows = table.filter((c) => c.kind === kind);
  const out: [string, TableCase[]][] = [];
  for (let i = 0; i < rows.length; i += size) out.push([`${kind} ${i}-${Math.min(rows.length, i + size) - 1}`, rows.slice(i, i + size)]);
  return out;
}

describe.each(['percent', 'mpercent', 'format', 'spec'])('oracle %s table', (kind) => {
  it.each(chunks(kind, 200))('%s', (_name, rows) => {
    const failures: string[] = [];
    for (const c of rows) {
      const what = c.kind === 'spec' ? `format(${JSON.stringify(c.value)}, ${JSON.stringify(c.spec)})` : `${JSON.stringify(c.fmt)} ${JSON.stringify(c.args)} ${JSON.stringify(c.kwargs ?? '')}`;
      const d = compare(c, runCase(c, false));
      if (d) failures.push(`${c.id} ${what}\n     ${d}`);
      if (JSON.stringify(c).includes('{"dict"')) {
        const d2 = compare(c, runCase(c, true), true);
        if (d2) failures.push(`${c.id} ${what} [plain objects]\n     ${d2}`);
      }
    }
    expect(failures.join('\n')).toBe('');
  });
});

// --- exactness of the float conversions -------------------------------------------------------

const view = new DataView(new ArrayBuffer(8));
/** |x| = m / 2**k exactly, as BigInts. */
function exact(x: number): { m: bigint; k: bigint } {
  view.setFloat64(0, Math.abs(x));
  const hi = view.getUint32(0);
  const be = (hi >>> 20) & 0x7ff;
  let m = (BigInt(hi & 0xfffff) << 32n) | BigInt(view.getUint32(4));
  if (be) m |= 1n << 52n;
  const e = (be || 1) - 1075;
  return e >= 0 ? { m: m << BigInt(e), k: 0n } : { m, k: BigInt(-e) };
}
function roundDiv(n: bigint, d: bigint): bigint {
  const q = n / d;
  const r2 = (n % d) * 2n;
  return r2 > d || (r2 === d && q % 2n === 1n) ? q + 1n : q;
}
function refFixed(x: number, p: number): string {
  const { m, k } = exact(x);
  const q = roundDiv(m * 10n ** BigInt(p), 1n << k).toString().padStart(p + 1, '0');
  return p === 0 ? q : `${q.slice(0, q.length - p)}.${q.slice(q.length - p)}`;
}
function refSig(x: number, n: number): string {
  const { m, k } = exact(x);
  const den = 1n << k;
  /** x >= 10**X */
  const ge = (X: number): boolean => (X >= 0 ? m >= den * 10n ** BigInt(X) : m * 10n ** BigInt(-X) >= den);
  let X = Math.floor(Math.log10(x));
  while (!ge(X)) X--;
  while (ge(X + 1)) X++;
  const scaled = (e: number): bigint => {
    const s = n - 1 - e;
    return s >= 0 ? roundDiv(m * 10n ** BigInt(s), den) : roundDiv(m, den * 10n ** BigInt(-s));
  };
  let q = scaled(X);
  if (q.toString().length > n) {
    X++;
    q = scaled(X);
  }
  return `${q}e${X}`;
}

const finitePositive = fc.oneof(
  fc.double({ min: 1e-30, max: 1e30, noNaN: true, noDefaultInfinity: true }),
  fc.tuple(fc.integer({ min: -(2 ** 30), max: 2 ** 30 }), fc.integer({ min: 1, max: 40 })).map(([a, b]) => Math.abs(a) / 2 ** b),
  fc.integer({ min: 0, max: 2 ** 20 }).map((a) => a + 0.5),
).filter((x) => x > 0 && Number.isFinite(x));

describe('float conversions are correctly rounded, ties to even', () => {
  it('fixedDigits', () => {
    fc.assert(
      fc.property(finitePositive, fc.integer({ min: 0, max: 20 }), (x, p) => {
        expect(fixedDigits(x, p)).toBe(refFixed(x, p));
      }),
      { numRuns: 3000 },
    );
  });
  it('sigDigits', () => {
    fc.assert(
      fc.property(finitePositive, fc.integer({ min: 1, max: 20 }), (x, n) => {
        const { digits, exp } = sigDigits(x, n);
        expect(`${digits}e${exp}`).toBe(refSig(x, n));
      }),
      { numRuns: 3000 },
    );
  });
  it('known ties and hard cases', () => {
    expect(fixedDigits(0.5, 0)).toBe('0');
    expect(fixedDigits(1.5, 0)).toBe('2');
    expect(fixedDigits(2.5, 0)).toBe('2');
    expect(fixedDigits(0.125, 2)).toBe('0.12');
    expect(fixedDigits(0.375, 2)).toBe('0.38');
    expect(fixedDigits(2.675, 2)).toBe('2.67');
    expect(fixedDigits(1e22, 1)).toBe('10000000000000000000000.0');
    expect(sigDigits(125, 2)).toEqual({ digits: '12', exp: 2 });
    expect(sigDigits(135, 2)).toEqual({ digits: '14', exp: 2 });
    expect(sigDigits(9.5, 1)).toEqual({ digits: '1', exp: 1 });
  });
});

describe('hooks', () => {
  it('routes field access through getField', () => {
    const seen: unknown[] = [];
    const out = strFormat('{0.a}{0[b]}{0[1]}', [{}], Object.create(null), {
      getField: (_o, name, isAttr) => {
        seen.push([name, isAttr]);
        return String(name);
      },
    });
    expect(out).toBe('ab1');
    expect(seen).toEqual([['a', true], ['b', false], [1, false]]);
  });
  it('reads own data of objects by default, never prototypes', () => {
    class User {
      name = 'ann';
      greet(): string {
        return 'hi';
      }
    }
    expect(strFormat('{0.name}', [new User()], {})).toBe('ann');
    expect(() => strFormat('{0.greet}', [new User()], {})).toThrow(/has no attribute 'greet'/);
    expect(() => strFormat('{0.constructor}', [{}], {})).toThrow(/has no attribute 'constructor'/);
    expect(() => strFormat('{0.__proto__}', [{}], {})).toThrow(/has no attribute/);
  });
});
