/**
 * Python's numeric tower for the operators in arith.ts: numeric kinds of template values (bool
 * is an int, integral floats are PyFloat boxes), exact int arithmetic (numbers while safe,
 * bigints beyond), correctly rounded float results (true division of big ints, `**`), CPython's
 * floor division and modulo rules, and Python's error types and messages.
 */

import { pyErr, type PythonError } from '../errors.js';
import { checkSize } from './limits.js';
import { typeName } from './repr.js';
import { PyFloat } from './values.js';

const MAX_SAFE_BIG = BigInt(Number.MAX_SAFE_INTEGER);
const TWO_53_BIG = 2n ** 53n;

// Arithmetic operators, indexing OP_SYMBOL.
export const ADD = 0, SUB = 1, MUL = 2, DIV = 3, FLOORDIV = 4, MOD = 5, POW = 6; // prettier-ignore
const OP_SYMBOL = ['+', '-', '*', '/', '//', '%', '** or pow()'];

// ---------------------------------------------------------------------------------------------
// helpers
// ---------------------------------------------------------------------------------------------

/** A number that is a Python int and fits the fast paths (safe, not -0). */
export function isSafeInt(x: number): boolean {
  return Number.isSafeInteger(x) && (x !== 0 || 1 / x > 0);
}

/** Back to a number when a bigint result fits the safe range. */
export function demote(b: bigint): number | bigint {
  return b >= -MAX_SAFE_BIG && b <= MAX_SAFE_BIG ? Number(b) : b;
}

/** A float result: integral values are boxed so they stay floats. */
export function floatResult(x: number): number | PyFloat {
  return Number.isInteger(x) ? new PyFloat(x) : x;
}

export function unsupported(op: number, a: unknown, b: unknown): PythonError {
  return pyErr('TypeError', `unsupported operand type(s) for ${OP_SYMBOL[op]}: '${typeName(a)}' and '${typeName(b)}'`);
}

function zeroDivision(message: string): PythonError {
  return pyErr('ZeroDivisionError', message);
}



export const NOT_NUM = 0, INT = 1, FLOAT = 2; // prettier-ignore

/** Python numeric kind: INT (int, bool, bigint), FLOAT (float, PyFloat, -0) or NOT_NUM. */
export function numKind(v: unknown): number {
  switch (typeof v) {
    case 'number': return Number.isInteger(v) && (v !== 0 || 1 / v > 0) ? INT : FLOAT;
    case 'bigint': case 'boolean': return INT;
    case 'object': return v instanceof PyFloat ? FLOAT : NOT_NUM;
    default: return NOT_NUM;
  }
}

/** Value of an INT-kind operand. */
export function intVal(v: unknown): number | bigint {
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
export function numPrim(v: unknown): number | bigint {
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

export function intFloorDiv(a: number, b: number): number {
  const r = a % b;
  let q = (a - r) / b;
  if (r !== 0 && r < 0 !== b < 0) q -= 1;
  return q + 0;
}

export function intMod(a: number, b: number): number {
  let r = a % b;
  if (r !== 0 && r < 0 !== b < 0) r += b;
  return r + 0;
}

/** Bit length of |x|, rounded up to a multiple of 4 (cheap upper bound for size checks). */
function hexBits(x: bigint): number {
  const a = x < 0n ? -x : x;
  return a <= MAX_SAFE_BIG ? Math.floor(Math.log2(Number(a))) + 1 : a.toString(16).length * 4;
}

function bigPow(x: bigint, y: bigint): number | bigint {
  if (x === 0n) return y === 0n ? 1 : 0;
  if (x === 1n) return 1;
  if (x === -1n) return (y & 1n) === 1n ? -1 : 1;
  if (y > 1n) checkSize(BigInt(hexBits(x)) * y, 'integer power (bits)');
  try {
    return demote(x ** y);
  } catch (e) {
    if (e instanceof RangeError) throw pyErr('MemoryError', '');
    throw e;
  }
}

/** int ** int for a safe base and a safe exponent >= 0, exact. */
export function smallIntPow(a: number, e: number): number | bigint {
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
    case MUL:
      if (x > MAX_SAFE_BIG || x < -MAX_SAFE_BIG || y > MAX_SAFE_BIG || y < -MAX_SAFE_BIG) {
        checkSize(hexBits(x) + hexBits(y), 'integer product (bits)');
      }
      return demote(x * y);
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
export function numOp(op: number, a: unknown, b: unknown, ka: number, kb: number): unknown {
  if (ka === FLOAT || kb === FLOAT) return floatOp(op, floatVal(a), floatVal(b));
  return intOp(op, intVal(a), intVal(b));
}
