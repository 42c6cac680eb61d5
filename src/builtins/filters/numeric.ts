/**
 * Number filters: abs, int, float, round, filesizeformat — with Python's conversion rules
 * (`int('0x1f', 0)`, `float(' 1_000.5 ')`, banker's rounding on the exact binary value).
 */

import { PythonError, pyErr } from '../../errors.js';
import { formatSpec } from '../../runtime/format.js';
import { fixedDigits } from '../../runtime/format-spec.js';
import { lazy } from '../../runtime/lazy.js';
import { div, mul, pow, truthy } from '../../runtime/ops.js';
import { pyRepr, typeName } from '../../runtime/repr.js';
import { PyFloat, pyFloat, Undefined } from '../../runtime/values.js';
import { FilterArgumentError, PY_SPACE, strOf } from './util.js';

const MAX_SAFE = Number.MAX_SAFE_INTEGER;

/** A Python int from a bigint: a number when it is safe, else the bigint. */
export function normInt(b: bigint): number | bigint {
  return b >= -MAX_SAFE && b <= MAX_SAFE ? Number(b) : b;
}

/** Python `int(x)` for a finite float (truncation), exact for large values. */
function floatToInt(x: number): number | bigint {
  if (Number.isNaN(x)) throw pyErr('ValueError', 'cannot convert float NaN to integer');
  if (!Number.isFinite(x)) throw pyErr('OverflowError', 'cannot convert float infinity to integer');
  const t = Math.trunc(x);
  return Number.isSafeInteger(t) ? (t === 0 ? 0 : t) : BigInt(t);
}

/** The float value of a Python number (int/float/bool), else null. */
function numberValue(v: unknown): number | null {
  if (typeof v === 'number') return v;
  if (v instanceof PyFloat) return v.value;
  if (typeof v === 'boolean') return v ? 1 : 0;
  return null;
}

const TRIM_RE = new RegExp(`^[${PY_SPACE}]+|[${PY_SPACE}]+$`, 'g');

// built on first use, from strings (see runtime/lazy.ts)
const ndRe = lazy(() => new RegExp('\\p{Nd}', 'u'));
const ndAllRe = lazy(() => new RegExp('\\p{Nd}', 'gu'));

/** The value of a Unicode decimal digit: digits come in contiguous runs of ten from 0. */
function digitValue(cp: number): number {
  let z = cp;
  while (z > 0 && ndRe().test(String.fromCodePoint(z - 1))) z--;
  return (cp - z) % 10;
}

/** Python's int()/float() preprocessing: strip whitespace, map Unicode decimal digits to ASCII. */
function normalizeNumeric(s: string): string {
  s = s.replace(TRIM_RE, '');
  if (/^[\x00-\x7f]*$/.test(s)) return s;
  return s.replace(ndAllRe(), (d) => String(digitValue(d.codePointAt(0)!)));
}

/** Python `int(s, base)`; ValueError/TypeError like Python's (messages are not used). */
function parseIntPy(text: string, base: unknown): number | bigint {
  if (typeof base !== 'number' || !Number.isInteger(base)) {
    if (typeof base === 'boolean') base = base ? 1 : 0;
    else if (typeof base === 'bigint') base = Number(base);
    else throw pyErr('TypeError', `'${typeName(base)}' object cannot be interpreted as an integer`);
  }
  let b = base as number;
  if (b !== 0 && (b < 2 || b > 36)) throw pyErr('ValueError', 'int() base must be >= 2 and <= 36, or 0');
  const bad = (): PythonError => pyErr('ValueError', `invalid literal for int() with base ${b}: ${pyRepr(text)}`);
  let s = normalizeNumeric(text);
  let neg = false;
  if (s[0] === '+' || s[0] === '-') {
    neg = s[0] === '-';
    s = s.slice(1);
  }
  const p = s.slice(0, 2).toLowerCase();
  const prefixBase = p === '0x' ? 16 : p === '0o' ? 8 : p === '0b' ? 2 : 0;
  let hadPrefix = false;
  if (prefixBase && (b === 0 || b === prefixBase)) {
    b = prefixBase;
    s = s.slice(2);
    hadPrefix = true;
    if (s.startsWith('_')) s = s.slice(1);
  } else if (b === 0) {
    b = 10;
    // base 0: no leading zeros for non-zero numbers
    if (/^0+(_?0)*[1-9]/.test(s.replace(/_/g, '')) && /^0/.test(s)) throw bad();
  }
  if (s === '' || s.startsWith('_') || s.endsWith('_') || s.includes('__')) throw bad();
  void hadPrefix;
  const digits = s.replace(/_/g, '');
  let acc = 0n;
  const B = BigInt(b);
  for (const ch of digits) {
    const c = ch.charCodeAt(0);
    let d: number;
    if (c >= 48 && c <= 57) d = c - 48;
    else if (c >= 97 && c <= 122) d = c - 87;
    else if (c >= 65 && c <= 90) d = c - 55;
    else throw bad();
    if (d >= b) throw bad();
    acc = acc * B + BigInt(d);
  }
  return normInt(neg ? -acc : acc);
}

const FLOAT_RE = /^[+-]?(?:\d(?:_?\d)*(?:\.(?:\d(?:_?\d)*)?)?|\.\d(?:_?\d)*)(?:[eE][+-]?\d(?:_?\d)*)?$/;
const SPECIAL_RE = /^([+-]?)(inf|infinity|nan)$/i;

/** Python `float(s)` for a string. */
export function parseFloatPy(text: string): number {
  const s = normalizeNumeric(text);
  if (FLOAT_RE.test(s)) return Number(s.replace(/_/g, ''));
  const m = SPECIAL_RE.exec(s);
  if (m) {
    if (m[2]!.toLowerCase() === 'nan') return NaN;
    return m[1] === '-' ? -Infinity : Infinity;
  }
  throw pyErr('ValueError', `could not convert string to float: ${pyRepr(text)}`);
}

/** Python's `float(v)`. */
export function toFloatPy(v: unknown): number {
  if (typeof v === 'number') return v;
  if (v instanceof PyFloat) return v.value;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'bigint') {
    const f = Number(v);
    if (!Number.isFinite(f)) throw pyErr('OverflowError', 'int too large to convert to float');
    return f;
  }
  const s = strOf(v);
  if (s !== null) return parseFloatPy(s);
  if (v instanceof Undefined) return v.fail();
  throw pyErr('TypeError', `float() argument must be a string or a real number, not '${typeName(v)}'`);
}

/** Python's `int(v)` for a non-string. */
function toIntPy(v: unknown): number | bigint {
  if (typeof v === 'number') return Number.isInteger(v) ? (v === 0 ? 0 : v) : floatToInt(v);
  if (typeof v === 'bigint') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (v instanceof PyFloat) return floatToInt(v.value);
  if (v instanceof Undefined) return v.fail();
  throw pyErr('TypeError', `int() argument must be a string, a bytes-like object or a real number, not '${typeName(v)}'`);
}

function isCaught(e: unknown, names: readonly string[]): boolean {
  return e instanceof PythonError && names.includes(e.name);
}

/**
 * Convert a value to an int; on failure return `default`. Strings honour `base` (0 detects
 * prefixes); `"42.23"` goes through float.
 * `{{ '0x1f'|int(base=16) }}` → `31`
 */
export function int(value: unknown, dflt: unknown = 0, base: unknown = 10): unknown {
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  try {
    const s = strOf(value);
    if (s !== null) return parseIntPy(s, base);
    return toIntPy(value);
  } catch (e) {
    if (!isCaught(e, ['TypeError', 'ValueError'])) throw e;
  }
  try {
    const f = toFloatPy(value);
    return floatToInt(f);
  } catch (e) {
    if (!isCaught(e, ['TypeError', 'ValueError', 'OverflowError'])) throw e;
    return dflt;
  }
}
int.params = ['value', 'default', 'base'];

/**
 * Convert a value to a float; on failure return `default` (0.0).
 * `{{ '3.5'|float }}` → `3.5`
 */
export function float(value: unknown, dflt: unknown = pyFloat(0)): unknown {
  try {
    return pyFloat(toFloatPy(value));
  } catch (e) {
    if (!isCaught(e, ['TypeError', 'ValueError'])) throw e;
    return dflt;
  }
}
float.params = ['value', 'default'];

/**
 * Absolute value (Python's `abs`).
 * `{{ -3|abs }}` → `3`
 */
export function abs(x: unknown): unknown {
  if (typeof x === 'number') return Number.isInteger(x) && !Object.is(x, -0) ? Math.abs(x) : pyFloat(Math.abs(x));
  if (typeof x === 'bigint') return x < 0n ? normInt(-x) : x;
  if (x instanceof PyFloat) return pyFloat(Math.abs(x.value));
  if (typeof x === 'boolean') return x ? 1 : 0;
  throw pyErr('TypeError', `bad operand type for abs(): '${typeName(x)}'`);
}
abs.params = ['x'];

// ---------------------------------------------------------------------------------------------
// round
// ---------------------------------------------------------------------------------------------

const view = new DataView(new ArrayBuffer(8));

function decompose(x: number): { m: bigint; e: number } {
  view.setFloat64(0, x);
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const bexp = (hi >>> 20) & 0x7ff;
  let m = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  if (bexp === 0) return { m, e: -1074 };
  m |= 1n << 52n;
  return { m, e: bexp - 1075 };
}

function roundHalfEvenDiv(n: bigint, d: bigint): bigint {
  const q = n / d;
  const r2 = (n % d) * 2n;
  if (r2 > d || (r2 === d && (q & 1n) === 1n)) return q + 1n;
  return q;
}

/** Python's `round(x, nd)` for a float: exact half-even rounding, correctly rounded result. */
function roundFloat(x: number, nd: number): number {
  if (!Number.isFinite(x) || x === 0) return x;
  if (nd > 323) return x;
  if (nd < -308) return 0 * x;
  const ax = Math.abs(x);
  let r: number;
  if (nd >= 0) {
    r = Number(fixedDigits(ax, nd));
  } else {
    const { m, e } = decompose(ax);
    const p = 10n ** BigInt(-nd);
    const q = e >= 0 ? roundHalfEvenDiv(m << BigInt(e), p) : roundHalfEvenDiv(m, p << BigInt(-e));
    r = Number(`${q}e${-nd}`);
  }
  if (!Number.isFinite(r)) throw pyErr('OverflowError', 'rounded value too large to represent');
  return x < 0 ? -r : r;
}

/** Python's `round(n, nd)` for an int. */
function roundInt(n: number | bigint, nd: number): number | bigint {
  if (nd >= 0) return n;
  const p = 10n ** BigInt(-nd);
  const b = BigInt(n);
  const neg = b < 0n;
  const q = roundHalfEvenDiv(neg ? -b : b, p) * p;
  return normInt(neg ? -q : q);
}

function pyRound(value: unknown, precision: unknown): unknown {
  const nd = precision === null ? null : precisionIndex(precision);
  if (typeof value === 'number' && Number.isInteger(value) && !Object.is(value, -0)) return roundInt(value, nd ?? 0);
  if (typeof value === 'bigint') return roundInt(value, nd ?? 0);
  if (typeof value === 'boolean') return roundInt(value ? 1 : 0, nd ?? 0);
  const f = typeof value === 'number' ? value : value instanceof PyFloat ? value.value : null;
  if (f === null) throw pyErr('TypeError', `type ${typeName(value)} doesn't define __round__ method`);
  if (nd === null) return floatToInt(roundFloat(f, 0));
  return pyFloat(roundFloat(f, nd));
}

function precisionIndex(v: unknown): number {
  if (typeof v === 'number' && Number.isInteger(v)) return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'bigint') return v > 100000n ? 100000 : v < -100000n ? -100000 : Number(v);
  throw pyErr('TypeError', `'${typeName(v)}' object cannot be interpreted as an integer`);
}

/** `math.ceil` / `math.floor` of a Python number: an int. */
function ceilFloor(x: unknown, up: boolean): number | bigint {
  if (typeof x === 'number' && Number.isInteger(x) && !Object.is(x, -0)) return x;
  if (typeof x === 'bigint') return x;
  if (typeof x === 'boolean') return x ? 1 : 0;
  const f = numberValue(x);
  if (f === null) throw pyErr('TypeError', `must be real number, not ${typeName(x)}`);
  return floatToInt(up ? Math.ceil(f) : Math.floor(f));
}

/**
 * Round a number to `precision` digits with method `common` (Python's round: half to even on
 * the exact binary value), `ceil` or `floor`. Floats stay floats.
 * `{{ 42.55|round(1, 'floor') }}` → `42.5`
 */
export function round(value: unknown, precision: unknown = 0, method: unknown = 'common'): unknown {
  if (method !== 'common' && method !== 'ceil' && method !== 'floor') {
    const m = strOf(method);
    if (m !== 'common' && m !== 'ceil' && m !== 'floor') throw new FilterArgumentError('method must be common, ceil or floor');
    method = m;
  }
  if (method === 'common') return pyRound(value, precision);
  let p: unknown;
  if ((typeof precision === 'number' && Number.isInteger(precision)) || typeof precision === 'boolean') {
    const k = Number(precision);
    // 10 ** -k is a float: build it from its decimal literal (correctly rounded, as C's pow)
    p = k >= 0 ? normInt(10n ** BigInt(k)) : Number(`1e${k}`);
  } else {
    p = pow(10, precision);
  }
  return div(ceilFloor(mul(value, p), method === 'ceil'), p);
}
round.params = ['value', 'precision', 'method'];

// ---------------------------------------------------------------------------------------------
// filesizeformat
// ---------------------------------------------------------------------------------------------

const DEC = ['kB', 'MB', 'GB', 'TB', 'PB', 'EB', 'ZB', 'YB'];
const BIN = ['KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB', 'ZiB', 'YiB'];

/**
 * Human-readable file size with decimal (kB, MB) or, with `binary`, binary (KiB, MiB) prefixes.
 * `{{ 1500|filesizeformat }}` → `1.5 kB`
 */
export function filesizeformat(value: unknown, binary: unknown = false): string {
  const bytes = toFloatPy(value);
  const bin = truthy(binary);
  const base = bin ? 1024 : 1000;
  const prefixes = bin ? BIN : DEC;
  if (bytes === 1) return '1 Byte';
  if (bytes < base) return `${floatToInt(bytes)} Bytes`;
  let unit = 0;
  let prefix = '';
  for (let i = 0; i < prefixes.length; i++) {
    const exact = BigInt(base) ** BigInt(i + 2);
    unit = Number(exact);
    prefix = prefixes[i]!;
    // Python compares float < int exactly (1e24 < 1000**8 holds); floor keeps `<` exact.
    if (bytes < 0 || (Number.isFinite(bytes) && BigInt(Math.floor(bytes)) < exact)) return `${formatSpec(pyFloat((base * bytes) / unit), '.1f')} ${prefix}`;
  }
  return `${formatSpec(pyFloat((base * bytes) / unit), '.1f')} ${prefix}`;
}
filesizeformat.params = ['value', 'binary'];
