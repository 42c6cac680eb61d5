/**
 * Python's arithmetic operators for template values: `add sub mul div floordiv mod pow neg pos`
 * (numbers via numeric.ts), sequence concatenation and repetition, `str % args` formatting,
 * Markup escaping, and `concat` for `~`. An Undefined operand raises its UndefinedError, like
 * Jinja2. Every exported op starts with a fast path for the common primitive cases (no
 * allocation unless the result is an integral float, which the value model boxes).
 */

import { pyErr, type PythonError } from '../errors.js';
import { percentFormat } from './format.js';
import { budget, checkSize } from './limits.js';
import { escape, escapeHtml, markupJoin, markupPercent } from './markup.js';
import {
  ADD, demote, DIV, FLOORDIV, floatResult, INT, intFloorDiv, intMod, intVal, isSafeInt, MOD, MUL, NOT_NUM, numKind,
  numOp, POW, smallIntPow, SUB, unsupported,
} from './numeric.js';
import { pyStr, typeName } from './repr.js';
import { ChainableUndefined, isMarkup, isTuple, Markup, mkTuple, PyFloat, Undefined } from './values.js';
import { isRangeOrView } from './views.js';

const SSIZE_MAX = 2n ** 63n - 1n;

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
    // Python's overflow check comes first; the size budget applies to what could be built
    if (k > 0x7fffffff && BigInt(seq.length) > SSIZE_MAX / BigInt(k)) {
      throw pyErr('OverflowError', 'repeated string is too long');
    }
    checkSize(seq.length * k, 'repeated string');
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
  checkSize(len * k, 'repeated list');
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
  } else if (typeof a === 'string' && typeof b === 'string') {
    // V8 ropes make doubling cheap until something flattens a huge string: cap it here
    if (a.length + b.length > budget.maxValueSize) checkSize(a.length + b.length, 'concatenated string');
    return a + b;
  }
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
    if (typeof b === 'string') return add(a, b);
    if (b instanceof Markup) return new Markup(escapeHtml(a) + b.s);
    throw concatError('str', b);
  }
  if (a instanceof Markup) {
    if (typeof b === 'string' || isMarkup(b)) return new Markup(a.s + escape(b).s);
    throw unsupported(ADD, a, b);
  }
  if (Array.isArray(a) && !isRangeOrView(a)) {
    const tuple = isTuple(a);
    if (Array.isArray(b) && isTuple(b) === tuple && !isRangeOrView(b)) {
      checkSize(a.length + b.length, 'concatenated list');
      return tuple ? mkTuple(a.concat(b)) : a.concat(b);
    }
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
  if (typeof a === 'string' || (Array.isArray(a) && !isRangeOrView(a))) return seqRepeat(a, b);
  if (typeof b === 'string' || (Array.isArray(b) && !isRangeOrView(b))) return seqRepeat(b, a);
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
