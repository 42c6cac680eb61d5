/**
 * Python operator semantics for template values (see values.ts for the value model). Compiled
 * templates never apply JS operators to template values; they call these:
 *
 * - arithmetic `add sub mul div floordiv mod pow neg pos` with Python's numeric tower (ints are
 *   exact: numbers while safe, bigints beyond; `/` always gives a float; int op float gives a
 *   float; bool is an int), sequence concatenation/repetition, `str % args` formatting, Markup
 *   escaping, and Python's error types and messages;
 * - comparisons `eq ne lt le gt ge`, membership `contains`, truthiness `truthy`;
 * - `concat` for `~`, `compareForSort` for sort/min/max, `keyOf` / `dictLookup` for dict keys.
 *
 * An operand that is a Jinja2 Undefined raises its UndefinedError for arithmetic and ordering,
 * like Jinja2; equality, truthiness and `in` follow Jinja2's Undefined classes.
 *
 * Every exported op starts with a fast path for the common primitive cases (no allocation
 * unless the result is an integral float, which the value model boxes).
 */

import { pyErr, type PythonError } from '../errors.js';
import { percentFormat } from './format.js';
import { escape, escapeHtml, markupJoin, markupPercent } from './markup.js';
import { pyStr, typeName } from './repr.js';
import {
  ChainableUndefined, isMarkup, isPlainObject, isTuple, Markup, MISSING, mkTuple, PyFloat, StrictUndefined,
  Undefined,
} from './values.js';

const hasOwn = Object.prototype.hasOwnProperty;
const MAX_SAFE_BIG = BigInt(Number.MAX_SAFE_INTEGER);
const TWO_53_BIG = 2n ** 53n;
const SSIZE_MAX = 2n ** 63n - 1n;

// Arithmetic operators, indexing OP_SYMBOL.
const ADD = 0, SUB = 1, MUL = 2, DIV = 3, FLOORDIV = 4, MOD = 5, POW = 6; // prettier-ignore
const OP_SYMBOL = ['+', '-', '*', '/', '//', '%', '** or pow()'];

// ---------------------------------------------------------------------------------------------
// helpers
// ---------------------------------------------------------------------------------------------

/** A number that is a Python int and fits the fast paths (safe, not -0). */
function isSafeInt(x: number): boolean {
  return Number.isSafeInteger(x) && (x !== 0 || 1 / x > 0);
}

/** Back to a number when a bigint result fits the safe range. */
function demote(b: bigint): number | bigint {
  return b >= -MAX_SAFE_BIG && b <= MAX_SAFE_BIG ? Number(b) : b;
}

/** A float result: integral values are boxed so they stay floats. */
function floatResult(x: number): number | PyFloat {
  return Number.isInteger(x) ? new PyFloat(x) : x;
}

function unsupported(op: number, a: unknown, b: unknown): PythonError {
  return pyErr('TypeError', `unsupported operand type(s) for ${OP_SYMBOL[op]}: '${typeName(a)}' and '${typeName(b)}'`);
}

function zeroDivision(message: string): PythonError {
  return pyErr('ZeroDivisionError', message);
}

function hasMethod(v: object, name: string): boolean {
  return typeof (v as Record<string, unknown>)[name] === 'function';
}

const NOT_NUM = 0, INT = 1, FLOAT = 2; // prettier-ignore

/** Python numeric kind: INT (int, bool, bigint), FLOAT (float, PyFloat, -0) or NOT_NUM. */
function numKind(v: unknown): number {
  switch (typeof v) {
    case 'number': return Number.isInteger(v) && (v !== 0 || 1 / v > 0) ? INT : FLOAT;
    case 'bigint': case 'boolean': return INT;
    case 'object': return v instanceof PyFloat ? FLOAT : NOT_NUM;
    default: return NOT_NUM;
  }
}

/** Value of an INT-kind operand. */
function intVal(v: unknown): number | bigint {
  return typeof v === 'boolean' ? (v ? 1 : 0) : (v as number | bigint);
}

function bigToFloat(b: bigint): number {
  const x = Number(b);
  if (x === Infinity || x === -Infinity) throw pyErr('OverflowError', 'int too large to convert to float');
  return x;
}

/** Python's float(v) of a numeric operand (OverflowError for huge ints). */
function floatVal(v: unknown): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'bigint') return bigToFloat(v);
  return (v as PyFloat).value;
}

/** Numeric operand as a JS primitive for comparisons (bigint/number mix compares exactly). */
function numPrim(v: unknown): number | bigint {
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (v instanceof PyFloat) return v.value;
  return v as number | bigint;
}

// ---------------------------------------------------------------------------------------------
// exact and correctly rounded number crunching
// ---------------------------------------------------------------------------------------------

function bitLength(m: bigint): number {
  return m.toString(2).length;
}

/**
 * Round `(m + e) * 2**exp` to the nearest double (ties to even, or away from zero with
 * `tiesAway`), where m > 0 and 0 <= e < 1 is an unknown fraction that is non-zero exactly when
 * `sticky`. With `sticky`, m must have at least 55 bits so the fraction sits below the
 * rounding bit.
 */
function roundScaled(m: bigint, exp: number, sticky: boolean, tiesAway = false): number {
  const top = bitLength(m) - 1 + exp;
  if (top >= 1024) return Infinity;
  const ulp = Math.max(top - 52, -1074);
  const shift = ulp - exp;
  if (shift <= 0) return Number(m) * 2 ** exp;
  const sh = BigInt(shift);
  let q = m >> sh;
  const rem = m - (q << sh);
  const half = 1n << (sh - 1n);
  if (rem > half || (rem === half && (sticky || tiesAway || (q & 1n) === 1n))) q += 1n;
  return Number(q) * 2 ** ulp;
}

/** Python's int / int for ints beyond the exact double range: correctly rounded. */
function bigTrueDiv(x: bigint, y: bigint): number {
  const negative = x < 0n !== y < 0n;
  const a = x < 0n ? -x : x;
  const b = y < 0n ? -y : y;
  let r: number;
  if (a === 0n) r = 0;
  else if (a <= TWO_53_BIG && b <= TWO_53_BIG) r = Number(a) / Number(b);
  else {
    const shift = bitLength(a) - bitLength(b) - 55;
    let q: bigint;
    let rem: bigint;
    if (shift >= 0) {
      const d = b << BigInt(shift);
      q = a / d;
      rem = a - q * d;
    } else {
      const n = a << BigInt(-shift);
      q = n / b;
      rem = n - q * b;
    }
    r = roundScaled(q, shift, rem !== 0n);
    if (r === Infinity) throw pyErr('OverflowError', 'integer division result too large for a float');
  }
  return negative ? -r : r;
}

const F64 = new DataView(new ArrayBuffer(8));

/** Finite x > 0 as m * 2**e with m odd. */
function decompose(x: number): [bigint, number] {
  F64.setFloat64(0, x);
  const hi = F64.getUint32(0);
  const expField = (hi >>> 20) & 0x7ff;
  let m = (BigInt(hi & 0xfffff) << 32n) | BigInt(F64.getUint32(4));
  let e = -1074;
  if (expField !== 0) {
    m |= 1n << 52n;
    e = expField - 1075;
  }
  const zeros = bitLength(m & -m) - 1; // trailing zero bits
  return [m >> BigInt(zeros), e + zeros];
}

/** floor(sqrt(n)) for n >= 0. */
function bigSqrt(n: bigint): bigint {
  if (n < 2n) return n;
  let x = 1n << BigInt((bitLength(n) >> 1) + 1);
  for (;;) {
    const y = (x + n / x) >> 1n;
    if (y >= x) return x;
    x = y;
  }
}

/**
 * x ** (h / 2) for finite x > 0 and integral h != 0, from the exact value (V8's Math.pow is off
 * by an ulp for e.g. 10 ** -5), rounded like glibc's pow, which CPython uses: to nearest, with
 * exact ties (e.g. 10.0 ** 23) away from zero. Half-integral exponents (`2 ** 1.5`) are exact
 * square roots, correctly rounded. Undefined when the exact value is too big to compute.
 */
function exactPow(x: number, h: number): number | undefined {
  const [m, e] = decompose(x);
  const odd = h % 2 !== 0;
  const k = Math.abs(odd ? h : h / 2);
  if (bitLength(m) * k > 65536) return undefined;
  const p = m ** BigInt(k);
  let exp = e * k;
  if (!odd) {
    if (h > 0) return roundScaled(p, exp, false, true);
    // 1 / (p * 2**exp) = (2**s / p) * 2**(-s - exp)
    const s = bitLength(p) + 55;
    const num = 1n << BigInt(s);
    const q = num / p;
    return roundScaled(q, -s - exp, q * p !== num);
  }
  // sqrt(p * 2**exp) with an even exponent
  let n = p;
  if (exp % 2 !== 0) {
    n <<= 1n;
    exp -= 1;
  }
  if (h > 0) {
    const t = Math.max(0, Math.ceil((110 - bitLength(n)) / 2));
    const scaled = n << BigInt(2 * t);
    const r = bigSqrt(scaled);
    return roundScaled(r, exp / 2 - t, r * r !== scaled);
  }
  const t = Math.ceil((bitLength(n) + 110) / 2);
  const num = 1n << BigInt(2 * t);
  const q = num / n;
  const r = bigSqrt(q);
  return roundScaled(r, -t - exp / 2, q * n !== num || r * r !== q);
}

function isOddInteger(x: number): boolean {
  return Math.abs(x) % 2 === 1;
}

/** CPython's float_pow. */
function floatPow(iv: number, iw: number): number | PyFloat {
  if (iw === 0) return new PyFloat(1);
  if (iv !== iv) return iv;
  if (iw !== iw) return iv === 1 ? new PyFloat(1) : iw;
  if (iw === Infinity || iw === -Infinity) {
    const av = Math.abs(iv);
    if (av === 1) return new PyFloat(1);
    return iw > 0 === av > 1 ? Infinity : new PyFloat(0);
  }
  if (iv === Infinity || iv === -Infinity) {
    const odd = isOddInteger(iw);
    if (iw > 0) return odd ? iv : Infinity;
    return new PyFloat(odd && iv < 0 ? -0 : 0);
  }
  if (iv === 0) {
    if (iw < 0) throw zeroDivision('0.0 cannot be raised to a negative power');
    return new PyFloat(isOddInteger(iw) ? iv : 0);
  }
  let negate = false;
  if (iv < 0) {
    if (iw !== Math.floor(iw)) {
      // CPython returns a complex number here; the value model has none.
      throw pyErr('ValueError', 'negative number cannot be raised to a fractional power');
    }
    iv = -iv;
    negate = isOddInteger(iw);
  }
  if (iv === 1) return new PyFloat(negate ? -1 : 1);
  let ix: number | undefined;
  if (iw === 0.5) ix = Math.sqrt(iv);
  else if (Number.isInteger(2 * iw) && Math.abs(iw) <= 0x3fffffff) ix = exactPow(iv, 2 * iw);
  if (ix === undefined) ix = Math.pow(iv, iw);
  if (ix === Infinity) throw pyErr('OverflowError', "(34, 'Numerical result out of range')");
  return floatResult(negate ? -ix : ix);
}

/** CPython's float floor division (after the zero check). */
function floatFloorDiv(vx: number, wx: number): number {
  let mod = vx % wx;
  let div = (vx - mod) / wx;
  if (mod !== 0) {
    if (wx < 0 !== mod < 0) {
      mod += wx;
      div -= 1;
    }
  }
  if (div !== 0) {
    let floordiv = Math.floor(div);
    if (div - floordiv > 0.5) floordiv += 1;
    return floordiv;
  }
  const q = vx / wx;
  return q < 0 || (q === 0 && 1 / q < 0) ? -0 : 0;
}

/** CPython's float modulo (after the zero check): the result has the sign of the divisor. */
function floatMod(vx: number, wx: number): number {
  let mod = vx % wx;
  if (mod !== 0) {
    if (wx < 0 !== mod < 0) mod += wx;
  } else mod = wx < 0 ? -0 : 0;
  return mod;
}

function intFloorDiv(a: number, b: number): number {
  const r = a % b;
  let q = (a - r) / b;
  if (r !== 0 && r < 0 !== b < 0) q -= 1;
  return q + 0;
}

function intMod(a: number, b: number): number {
  let r = a % b;
  if (r !== 0 && r < 0 !== b < 0) r += b;
  return r + 0;
}

function bigPow(x: bigint, y: bigint): number | bigint {
  if (x === 0n) return y === 0n ? 1 : 0;
  if (x === 1n) return 1;
  if (x === -1n) return (y & 1n) === 1n ? -1 : 1;
  try {
    return demote(x ** y);
  } catch (e) {
    if (e instanceof RangeError) throw pyErr('MemoryError', '');
    throw e;
  }
}

/** int ** int for a safe base and a safe exponent >= 0, exact. */
function smallIntPow(a: number, e: number): number | bigint {
  let result = 1;
  let base = a;
  let k = e;
  for (;;) {
    if (k % 2 === 1) {
      result *= base;
      if (!Number.isSafeInteger(result)) return bigPow(BigInt(a), BigInt(e));
    }
    k = Math.floor(k / 2);
    if (k === 0) return result + 0;
    base *= base;
    if (!Number.isSafeInteger(base)) return bigPow(BigInt(a), BigInt(e));
  }
}

/** ZeroDivisionError messages of int operators. */
const INT_ZERO = ['', '', '', 'division by zero', 'integer division or modulo by zero', 'integer modulo by zero'];

function bigOp(op: number, x: bigint, y: bigint): unknown {
  if (y === 0n && op >= DIV && op <= MOD) throw zeroDivision(INT_ZERO[op]!);
  switch (op) {
    case ADD: return demote(x + y);
    case SUB: return demote(x - y);
    case MUL: return demote(x * y);
    case DIV: return floatResult(bigTrueDiv(x, y));
    case FLOORDIV: return demote(x % y !== 0n && x < 0n !== y < 0n ? x / y - 1n : x / y);
    case MOD: {
      const r = x % y;
      return demote(r !== 0n && r < 0n !== y < 0n ? r + y : r);
    }
    default: return y < 0n ? floatPow(bigToFloat(x), bigToFloat(y)) : bigPow(x, y);
  }
}

function intOp(op: number, a: number | bigint, b: number | bigint): unknown {
  if (typeof a === 'number' && typeof b === 'number' && Number.isSafeInteger(a) && Number.isSafeInteger(b)) {
    if (b === 0 && op >= DIV && op <= MOD) throw zeroDivision(INT_ZERO[op]!);
    let r: number;
    switch (op) {
      case ADD: r = a + b; break;
      case SUB: r = a - b; break;
      case MUL: r = a * b + 0; break; // + 0: no -0 from 0 * -5
      case DIV: return floatResult(a / b);
      case FLOORDIV: return intFloorDiv(a, b);
      case MOD: return intMod(a, b);
      default: return b < 0 ? floatPow(a, b) : smallIntPow(a, b);
    }
    if (Number.isSafeInteger(r)) return r;
  }
  return bigOp(op, BigInt(a), BigInt(b));
}

/** ZeroDivisionError messages of float operators. */
const FLOAT_ZERO = ['', '', '', 'float division by zero', 'float floor division by zero', 'float modulo'];

function floatOp(op: number, x: number, y: number): unknown {
  if (y === 0 && op >= DIV && op <= MOD) throw zeroDivision(FLOAT_ZERO[op]!);
  switch (op) {
    case ADD: return floatResult(x + y);
    case SUB: return floatResult(x - y);
    case MUL: return floatResult(x * y);
    case DIV: return floatResult(x / y);
    case FLOORDIV: return floatResult(floatFloorDiv(x, y));
    case MOD: return floatResult(floatMod(x, y));
    default: return floatPow(x, y);
  }
}

/** Both operands numeric (kinds given). */
function numOp(op: number, a: unknown, b: unknown, ka: number, kb: number): unknown {
  if (ka === FLOAT || kb === FLOAT) return floatOp(op, floatVal(a), floatVal(b));
  return intOp(op, intVal(a), intVal(b));
}

/** Operators only numbers support (`-`, `/`, `//`, `**`, and the numeric part of others). */
function numericOnly(op: number, a: unknown, b: unknown): unknown {
  if (a instanceof Undefined) a.fail();
  if (b instanceof Undefined) b.fail();
  const ka = numKind(a);
  const kb = numKind(b);
  if (ka !== NOT_NUM && kb !== NOT_NUM) return numOp(op, a, b, ka, kb);
  throw unsupported(op, a, b);
}

// ---------------------------------------------------------------------------------------------
// sequences
// ---------------------------------------------------------------------------------------------

function concatError(kind: string, b: unknown): PythonError {
  return pyErr('TypeError', `can only concatenate ${kind} (not "${typeName(b)}") to ${kind}`);
}

/** `seq * n` for str / list / tuple. */
function seqRepeat(seq: string | unknown[], n: unknown): string | unknown[] {
  if (numKind(n) !== INT) throw pyErr('TypeError', `can't multiply sequence by non-int of type '${typeName(n)}'`);
  let k = intVal(n);
  if (typeof k === 'bigint' || !Number.isSafeInteger(k)) {
    const big = BigInt(k);
    if (big > SSIZE_MAX || big < -SSIZE_MAX - 1n) {
      throw pyErr('OverflowError', "cannot fit 'int' into an index-sized integer");
    }
    k = Number(big);
  }
  if (typeof seq === 'string') {
    if (k <= 0 || seq.length === 0) return '';
    if (k === 1) return seq;
    if (k > 0x7fffffff && BigInt(seq.length) > SSIZE_MAX / BigInt(k)) {
      throw pyErr('OverflowError', 'repeated string is too long');
    }
    try {
      return seq.repeat(k);
    } catch (e) {
      if (e instanceof RangeError) throw pyErr('MemoryError', '');
      throw e;
    }
  }
  const tuple = isTuple(seq);
  const len = seq.length;
  if (k <= 0 || len === 0) return tuple ? mkTuple([]) : [];
  if (len * k > 0xffffffff) throw pyErr('MemoryError', '');
  const out = new Array<unknown>(len * k);
  for (let r = 0, o = 0; r < k; r++) for (let i = 0; i < len; i++) out[o++] = seq[i];
  return tuple ? mkTuple(out) : out;
}

// ---------------------------------------------------------------------------------------------
// arithmetic
// ---------------------------------------------------------------------------------------------

/** `a + b` */
export function add(a: unknown, b: unknown): unknown {
  if (typeof a === 'number' && typeof b === 'number') {
    const r = a + b;
    if (!Number.isInteger(a) || !Number.isInteger(b)) return floatResult(r);
    if (Number.isSafeInteger(r) && (a !== 0 || 1 / a > 0) && (b !== 0 || 1 / b > 0)) return r;
  } else if (typeof a === 'string' && typeof b === 'string') return a + b;
  return addSlow(a, b);
}

function addSlow(a: unknown, b: unknown): unknown {
  if (a instanceof Undefined) a.fail();
  if (b instanceof Undefined) {
    // markupsafe's __add__ accepts anything with __html__, which ChainableUndefined has.
    if (a instanceof Markup && b instanceof ChainableUndefined) return a;
    b.fail();
  }
  const ka = numKind(a);
  const kb = numKind(b);
  if (ka !== NOT_NUM && kb !== NOT_NUM) return numOp(ADD, a, b, ka, kb);
  if (typeof a === 'string') {
    if (typeof b === 'string') return a + b;
    if (b instanceof Markup) return new Markup(escapeHtml(a) + b.s);
    throw concatError('str', b);
  }
  if (a instanceof Markup) {
    if (typeof b === 'string' || isMarkup(b)) return new Markup(a.s + escape(b).s);
    throw unsupported(ADD, a, b);
  }
  if (Array.isArray(a)) {
    const tuple = isTuple(a);
    if (Array.isArray(b) && isTuple(b) === tuple) return tuple ? mkTuple(a.concat(b)) : a.concat(b);
    throw concatError(tuple ? 'tuple' : 'list', b);
  }
  throw unsupported(ADD, a, b);
}

/** `a - b` */
export function sub(a: unknown, b: unknown): unknown {
  if (typeof a === 'number' && typeof b === 'number') {
    const r = a - b;
    if (!Number.isInteger(a) || !Number.isInteger(b)) return floatResult(r);
    if (Number.isSafeInteger(r) && (a !== 0 || 1 / a > 0) && (b !== 0 || 1 / b > 0)) return r;
  }
  return numericOnly(SUB, a, b);
}

/** `a * b` */
export function mul(a: unknown, b: unknown): unknown {
  if (typeof a === 'number' && typeof b === 'number') {
    const r = a * b;
    if (!Number.isInteger(a) || !Number.isInteger(b)) return floatResult(r);
    if (Number.isSafeInteger(r) && a !== 0 && b !== 0) return r;
  }
  return mulSlow(a, b);
}

function mulSlow(a: unknown, b: unknown): unknown {
  if (a instanceof Undefined) a.fail();
  // markupsafe's __mul__ (= __rmul__) hands any operand to str.__mul__, and a Markup on the
  // right goes first (a str subclass overriding the reflected method).
  if (a instanceof Markup) return markupRepeat(a, b);
  if (b instanceof Markup) return markupRepeat(b, a);
  if (b instanceof Undefined) b.fail();
  const ka = numKind(a);
  const kb = numKind(b);
  if (ka !== NOT_NUM && kb !== NOT_NUM) return numOp(MUL, a, b, ka, kb);
  if (typeof a === 'string' || Array.isArray(a)) return seqRepeat(a, b);
  if (typeof b === 'string' || Array.isArray(b)) return seqRepeat(b, a);
  throw unsupported(MUL, a, b);
}

function markupRepeat(m: Markup, n: unknown): Markup {
  if (numKind(n) !== INT) throw pyErr('TypeError', `'${typeName(n)}' object cannot be interpreted as an integer`);
  return new Markup(seqRepeat(m.s, n) as string);
}

/** `a / b`: true division, always a float. */
export function div(a: unknown, b: unknown): unknown {
  if (typeof a === 'number' && typeof b === 'number' && b !== 0) return floatResult(a / b);
  return numericOnly(DIV, a, b);
}

/** `a // b`: floor division. */
export function floordiv(a: unknown, b: unknown): unknown {
  if (typeof a === 'number' && typeof b === 'number' && b !== 0 && isSafeInt(a) && isSafeInt(b)) {
    return intFloorDiv(a, b);
  }
  return numericOnly(FLOORDIV, a, b);
}

/** `a % b`: modulo for numbers, printf-style formatting for strings (Markup escapes args). */
export function mod(a: unknown, b: unknown): unknown {
  if (typeof a === 'number' && typeof b === 'number' && b !== 0 && isSafeInt(a) && isSafeInt(b)) {
    return intMod(a, b);
  }
  if (typeof a === 'string') return percentFormat(a, b);
  if (a instanceof Markup) return markupPercent(a, b);
  return numericOnly(MOD, a, b);
}

/** `a ** b` */
export function pow(a: unknown, b: unknown): unknown {
  if (typeof a === 'number' && typeof b === 'number' && b >= 0 && isSafeInt(a) && isSafeInt(b)) {
    return smallIntPow(a, b);
  }
  return numericOnly(POW, a, b);
}

/** `-a` */
export function neg(a: unknown): unknown {
  if (typeof a === 'number') {
    if (a !== 0) return -a;
    return 1 / a > 0 ? 0 : new PyFloat(0);
  }
  if (typeof a === 'bigint') return demote(-a);
  if (typeof a === 'boolean') return a ? -1 : 0;
  if (a instanceof PyFloat) return new PyFloat(-a.value);
  if (a instanceof Undefined) a.fail();
  throw pyErr('TypeError', `bad operand type for unary -: '${typeName(a)}'`);
}

/** `+a` */
export function pos(a: unknown): unknown {
  if (typeof a === 'number' || typeof a === 'bigint' || a instanceof PyFloat) return a;
  if (typeof a === 'boolean') return a ? 1 : 0;
  if (a instanceof Undefined) a.fail();
  throw pyErr('TypeError', `bad operand type for unary +: '${typeName(a)}'`);
}

/**
 * `a ~ b`: Jinja2's str_join, or markup_join when `autoescape` (the result is Markup as soon
 * as one side is Markup, the other side escaped). Compiled templates join all parts of a
 * `~` chain at once with markup.ts's strJoin / markupJoin; this is the two-operand form.
 */
export function concat(a: unknown, b: unknown, autoescape = false): string | Markup {
  if (autoescape) return markupJoin([a, b]);
  return (typeof a === 'string' ? a : pyStr(a)) + (typeof b === 'string' ? b : pyStr(b));
}

// ---------------------------------------------------------------------------------------------
// truthiness
// ---------------------------------------------------------------------------------------------

/** Python's `bool(v)`. StrictUndefined raises. */
export function truthy(v: unknown): boolean {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'string') return v.length > 0;
  if (typeof v === 'number') return v !== 0; // NaN is true
  if (v === null || v === undefined) return false;
  if (Array.isArray(v)) return v.length > 0;
  return typeof v === 'object' ? objectTruthy(v) : typeof v !== 'bigint' || v !== 0n;
}

function objectTruthy(v: object): boolean {
  if (v instanceof Markup) return v.s.length > 0;
  if (v instanceof PyFloat) return v.value !== 0;
  if (v instanceof Undefined) {
    if (v instanceof StrictUndefined) v.fail();
    return false;
  }
  if (v instanceof Map || v instanceof Set) return v.size > 0;
  if (isPlainObject(v)) {
    for (const k in v) if (hasOwn.call(v, k)) return true;
    return false;
  }
  if (hasMethod(v, '__bool__')) return Boolean((v as { __bool__(): unknown }).__bool__());
  if (hasMethod(v, '__len__')) return Number((v as { __len__(): unknown }).__len__()) > 0;
  return true;
}

// ---------------------------------------------------------------------------------------------
// equality, dict keys, membership
// ---------------------------------------------------------------------------------------------

/** `a == b` */
export function eq(a: unknown, b: unknown): boolean {
  if (typeof a === 'string' && typeof b === 'string') return a === b;
  if (typeof a === 'number' && typeof b === 'number') return a === b;
  return eqSlow(a, b);
}

/** `a != b` */
export function ne(a: unknown, b: unknown): boolean {
  if (typeof a === 'string' && typeof b === 'string') return a !== b;
  if (typeof a === 'number' && typeof b === 'number') return a !== b;
  return !eqSlow(a, b);
}

function eqSlow(a: unknown, b: unknown): boolean {
  if (a instanceof Undefined || b instanceof Undefined) return undefinedEq(a, b);
  return valueEq(a, b);
}

/** Jinja2: `type(self) is type(other)`; StrictUndefined raises whenever its __eq__ runs. */
function undefinedEq(a: unknown, b: unknown): boolean {
  if (a instanceof StrictUndefined) a.fail();
  if (b instanceof StrictUndefined) {
    // b's reflected __eq__ runs unless a's own __eq__ answers: a Debug/ChainableUndefined does.
    if (!(a instanceof Undefined) || a.constructor === Undefined) b.fail();
    return false;
  }
  if (a instanceof Undefined) return b instanceof Undefined && a.constructor === b.constructor;
  return false;
}

/** PyObject_RichCompareBool(a, b, Py_EQ): identity first, as inside containers. */
function itemEq(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  const t = typeof a;
  if ((t === 'string' || t === 'number') && typeof b === t) return false;
  return eqSlow(a, b);
}

function numEq(x: number | bigint, b: unknown): boolean {
  let y: number | bigint;
  if (typeof b === 'number' || typeof b === 'bigint') y = b;
  else if (typeof b === 'boolean') y = b ? 1 : 0;
  else if (b instanceof PyFloat) y = b.value;
  else return false;
  // Loose equality compares a bigint and a number by exact mathematical value.
  // eslint-disable-next-line eqeqeq
  return x == y;
}

function isDictValue(v: unknown): v is Map<unknown, unknown> | Record<string, unknown> {
  return v instanceof Map || isPlainObject(v);
}

function valueEq(a: unknown, b: unknown): boolean {
  switch (typeof a) {
    case 'string': return typeof b === 'string' ? a === b : b instanceof Markup && a === b.s;
    case 'number': case 'bigint': return numEq(a, b);
    case 'boolean': return numEq(a ? 1 : 0, b);
    case 'undefined': return b === null || b === undefined;
    case 'object':
      if (a === null) return b === null || b === undefined;
      if (a instanceof PyFloat) return numEq(a.value, b);
      if (a instanceof Markup) return typeof b === 'string' ? a.s === b : b instanceof Markup && a.s === b.s;
      if (Array.isArray(a)) {
        if (!Array.isArray(b) || isTuple(a) !== isTuple(b) || a.length !== b.length) return false;
        for (let i = 0; i < a.length; i++) if (!itemEq(a[i], b[i])) return false;
        return true;
      }
      if (isDictValue(a)) return isDictValue(b) && dictEq(a, b);
      return a === b;
    default: return a === b;
  }
}

function dictSize(d: Map<unknown, unknown> | Record<string, unknown>): number {
  return d instanceof Map ? d.size : Object.keys(d).length;
}

function dictEq(a: Map<unknown, unknown> | Record<string, unknown>, b: Map<unknown, unknown> | Record<string, unknown>): boolean {
  if (a === b) return true;
  if (dictSize(a) !== dictSize(b)) return false;
  if (a instanceof Map) {
    for (const [k, v] of a) {
      const w = dictLookup(b, k);
      if (w === MISSING || !itemEq(v, w)) return false;
    }
  } else {
    for (const k of Object.keys(a)) {
      const w = dictLookup(b, k);
      if (w === MISSING || !itemEq(a[k], w)) return false;
    }
  }
  return true;
}

function unhashable(name: string): PythonError {
  return pyErr('TypeError', `unhashable type: '${name}'`);
}

/** Raise Python's TypeError for values that cannot be dict keys (lists, dicts, sets, ...). */
export function checkHashable(v: unknown): void {
  if (typeof v !== 'object' || v === null) return;
  if (Array.isArray(v)) {
    if (!isTuple(v)) throw unhashable('list');
    for (let i = 0; i < v.length; i++) checkHashable(v[i]);
  } else if (v instanceof Map || isPlainObject(v)) throw unhashable('dict');
  else if (v instanceof Set) throw unhashable('set');
  else if (v instanceof StrictUndefined) v.fail();
}

/**
 * Look a key up in a dict with Python key equality (`1`, `1.0`, `True` are one key; tuples by
 * value). Plain-object dicts only have str keys and only their own properties count. Returns
 * MISSING when absent. (A str key is only found under an equal JS string, not a Markup key.)
 */
export function dictLookup(d: Map<unknown, unknown> | Record<string, unknown>, key: unknown): unknown {
  if (d instanceof Map) {
    if (d.has(key)) return d.get(key);
    if (typeof key === 'string') return MISSING;
    for (const [k, v] of d) if (itemEq(k, key)) return v;
    return MISSING;
  }
  const k = typeof key === 'string' ? key : key instanceof Markup ? key.s : null;
  return k !== null && hasOwn.call(d, k) ? d[k] : MISSING;
}

/** `item in container` */
export function contains(container: unknown, item: unknown): boolean {
  if (typeof container === 'string') {
    if (typeof item === 'string') return container.includes(item);
    return strContains(container, item);
  }
  if (Array.isArray(container)) {
    if (typeof item === 'string') {
      // only an equal string or a Markup (or an object whose __eq__ raises) can match
      for (let i = 0; i < container.length; i++) {
        const el = container[i];
        if (el === item || (typeof el === 'object' && el !== null && itemEq(el, item))) return true;
      }
      return false;
    }
    const num = typeof item === 'number';
    for (let i = 0; i < container.length; i++) {
      const el = container[i];
      if (el === item) return true;
      if (num && (typeof el === 'number' || typeof el === 'string')) continue;
      if (itemEq(el, item)) return true;
    }
    return false;
  }
  return containsSlow(container, item);
}

function strContains(s: string, item: unknown): boolean {
  if (typeof item === 'string') return s.includes(item);
  if (item instanceof Markup) return s.includes(item.s);
  throw pyErr('TypeError', `'in <string>' requires string as left operand, not ${typeName(item)}`);
}

function containsSlow(container: unknown, item: unknown): boolean {
  if (container instanceof Markup) return strContains(container.s, item);
  if (container instanceof Map || isPlainObject(container)) {
    checkHashable(item);
    return dictLookup(container, item) !== MISSING;
  }
  if (container instanceof Undefined) {
    // Jinja2's Undefined iterates as empty; StrictUndefined refuses.
    if (container instanceof StrictUndefined) container.fail();
    return false;
  }
  if (container instanceof Set) {
    if (container.has(item)) return true;
    checkHashable(item);
    for (const el of container) if (itemEq(el, item)) return true;
    return false;
  }
  if (container !== null && (typeof container === 'object' || typeof container === 'function')) {
    if (hasMethod(container, '__contains__')) {
      return truthy((container as { __contains__(x: unknown): unknown }).__contains__(item));
    }
    if (!(container instanceof PyFloat) && typeof (container as Iterable<unknown>)[Symbol.iterator] === 'function') {
      for (const el of container as Iterable<unknown>) if (itemEq(el, item)) return true;
      return false;
    }
  }
  throw pyErr('TypeError', `argument of type '${typeName(container)}' is not iterable`);
}

// A stable id per object, for identity-hashed members of tuple keys.
const objectIds = new WeakMap<object, number>();
let nextObjectId = 1;

function tupleKey(t: unknown[]): string {
  let out = '\u0000\udfff(';
  for (let i = 0; i < t.length; i++) {
    const k = keyOf(t[i]);
    if (i) out += ',';
    if (typeof k === 'string') out += 's' + JSON.stringify(k);
    else if (typeof k === 'number') out += 'n' + String(k);
    else if (typeof k === 'bigint') out += 'b' + String(k);
    else if (k === null) out += 'N';
    else {
      let id = objectIds.get(k as object);
      if (id === undefined) objectIds.set(k as object, (id = nextObjectId++));
      out += 'o' + id;
    }
  }
  return out + ')';
}

/**
 * Normalise a Python dict key for use as a JS Map key so that Python-equal keys collide:
 * `True`, `1`, `1.0` → `1`; `-0.0` → `0`; Markup → its text; ints beyond the safe range → bigint;
 * tuples → an internal string (by value); Undefined → its class. Raises TypeError for
 * unhashable values.
 */
export function keyOf(v: unknown): unknown {
  switch (typeof v) {
    case 'string': return v;
    case 'number': return !Number.isInteger(v) ? v : Number.isSafeInteger(v) ? v + 0 : BigInt(v);
    case 'boolean': return v ? 1 : 0;
    case 'bigint': return demote(v);
    case 'undefined': return null;
    case 'object':
      if (v === null) return null;
      if (v instanceof PyFloat) return keyOf(v.value);
      if (v instanceof Markup) return v.s;
      if (Array.isArray(v)) {
        if (!isTuple(v)) throw unhashable('list');
        return tupleKey(v);
      }
      if (v instanceof Undefined) {
        if (v instanceof StrictUndefined) v.fail();
        return v.constructor;
      }
      checkHashable(v);
      return v;
    default: return v;
  }
}

// ---------------------------------------------------------------------------------------------
// ordering
// ---------------------------------------------------------------------------------------------

const LT = 0, LE = 1, GT = 2, GE = 3; // prettier-ignore
const CMP_SYMBOL = ['<', '<=', '>', '>='];

/** Map a UTF-16 unit so that surrogates (astral code points) sort above U+E000..U+FFFF. */
function fixUnit(c: number): number {
  return c >= 0xe000 ? c - 0x800 : c >= 0xd800 ? c + 0x2000 : c;
}

/** Compare strings by code point, like Python (JS `<` compares UTF-16 units). */
export function strCompare(a: string, b: string): number {
  const n = a.length < b.length ? a.length : b.length;
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return x >= 0xd800 && y >= 0xd800 ? fixUnit(x) - fixUnit(y) : x - y;
  }
  return a.length - b.length;
}

function cmpResult(op: number, x: number | bigint, y: number | bigint): boolean {
  switch (op) {
    case LT: return x < y;
    case LE: return x <= y;
    case GT: return x > y;
    default: return x >= y;
  }
}

function strOf(v: unknown): string | null {
  return typeof v === 'string' ? v : v instanceof Markup ? v.s : null;
}

function compare(op: number, a: unknown, b: unknown): boolean {
  if (typeof a === 'number' && typeof b === 'number') return cmpResult(op, a, b);
  if (typeof a === 'string' && typeof b === 'string') return cmpResult(op, strCompare(a, b), 0);
  if (a instanceof Undefined) {
    // Python tries a right operand of a subclass first: Undefined() < StrictUndefined() is the latter's error.
    if (b instanceof Undefined && b.constructor !== a.constructor && b instanceof a.constructor) b.fail();
    a.fail();
  }
  if (b instanceof Undefined) b.fail();
  if (numKind(a) !== NOT_NUM && numKind(b) !== NOT_NUM) return cmpResult(op, numPrim(a), numPrim(b));
  const sa = strOf(a);
  const sb = strOf(b);
  if (sa !== null && sb !== null) return cmpResult(op, strCompare(sa, sb), 0);
  if (Array.isArray(a) && Array.isArray(b) && isTuple(a) === isTuple(b)) {
    // lexicographic: the first unequal pair decides, else the lengths
    const n = Math.min(a.length, b.length);
    for (let i = 0; i < n; i++) if (!itemEq(a[i], b[i])) return compare(op, a[i], b[i]);
    return cmpResult(op, a.length, b.length);
  }
  throw pyErr('TypeError', `'${CMP_SYMBOL[op]}' not supported between instances of '${typeName(a)}' and '${typeName(b)}'`);
}

/** `a < b` */
export function lt(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' && typeof b === 'number') return a < b;
  if (typeof a === 'string' && typeof b === 'string') return strCompare(a, b) < 0;
  return compare(LT, a, b);
}

/** `a <= b` */
export function le(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' && typeof b === 'number') return a <= b;
  if (typeof a === 'string' && typeof b === 'string') return strCompare(a, b) <= 0;
  return compare(LE, a, b);
}

/** `a > b` */
export function gt(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' && typeof b === 'number') return a > b;
  if (typeof a === 'string' && typeof b === 'string') return strCompare(a, b) > 0;
  return compare(GT, a, b);
}

/** `a >= b` */
export function ge(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' && typeof b === 'number') return a >= b;
  if (typeof a === 'string' && typeof b === 'string') return strCompare(a, b) >= 0;
  return compare(GE, a, b);
}

/**
 * Comparator for Array.prototype.sort with Python ordering (only `<` is used, as by Python's
 * sort); raises TypeError for unorderable mixes such as str and int.
 */
export function compareForSort(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return a < b ? -1 : b < a ? 1 : 0;
  if (typeof a === 'string' && typeof b === 'string') return strCompare(a, b);
  if (compare(LT, a, b)) return -1;
  return compare(LT, b, a) ? 1 : 0;
}
