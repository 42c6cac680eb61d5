/**
 * Python's format-spec mini-language (`format(value, spec)`, the part after `:` in `str.format`)
 * and the exact float-to-decimal conversions shared with printf-style `%` formatting.
 *
 * Floats are formatted exactly as CPython does: correctly rounded, ties to even. JS's
 * `toFixed`/`toExponential` are correctly rounded too but break ties away from zero, so exact
 * ties are detected and redone with BigInt arithmetic.
 */

import { pyErr } from '../errors.js';
import { checkSize } from './limits.js';
import { pyStr, typeName } from './repr.js';
import { isMarkup, PyFloat, Undefined } from './values.js';

// ---------------------------------------------------------------------------------------------
// Exact float -> decimal
// ---------------------------------------------------------------------------------------------

const view = new DataView(new ArrayBuffer(8));

/** x (finite, > 0) = m * 2**e exactly. */
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

function roundHalfEvenDiv(n: bigint, div: bigint): bigint {
  const q = n / div;
  const r2 = (n % div) * 2n;
  if (r2 > div || (r2 === div && (q & 1n) === 1n)) return q + 1n;
  return q;
}

/** `x` (finite, >= 0) with exactly `prec` digits after the point, correctly rounded half-even. */
export function fixedDigits(x: number, prec: number): string {
  if (prec <= 100 && x < 1e21) {
    if (Number.isInteger(x)) return x.toFixed(prec);
    // an exact tie at `prec` decimals means x has exactly prec+1 binary fraction digits
    const s = 2 ** prec;
    if (!(Number.isInteger(x * s * 2) && !Number.isInteger(x * s))) return x.toFixed(prec);
  }
  if (x === 0) return prec > 0 ? '0.' + '0'.repeat(prec) : '0';
  const { m, e } = decompose(x);
  let q: bigint;
  if (e >= 0) q = (m << BigInt(e)) * 10n ** BigInt(prec);
  else q = roundHalfEvenDiv(m * 10n ** BigInt(prec), 1n << BigInt(-e));
  let d = q.toString();
  if (prec === 0) return d;
  if (d.length <= prec) d = '0'.repeat(prec - d.length + 1) + d;
  return d.slice(0, d.length - prec) + '.' + d.slice(d.length - prec);
}

/**
 * `x` (finite, >= 0) rounded half-even to `nsig` significant digits: the digit string (exactly
 * nsig long) and the decimal exponent of its first digit.
 */
export function sigDigits(x: number, nsig: number): { digits: string; exp: number } {
  if (x === 0) return { digits: '0'.repeat(nsig), exp: 0 };
  if (nsig <= 100) {
    const t = nsig < 100 ? x.toExponential(nsig) : '5';
    const ei = t.indexOf('e');
    // no tie possible unless the next digit is a 5 that may be the last one
    if (t.charCodeAt(ei - 1) !== 53 /* '5' */) {
      const s = x.toExponential(nsig - 1);
      const k = s.indexOf('e');
      return { digits: nsig === 1 ? s[0]! : s[0] + s.slice(2, k), exp: Number(s.slice(k + 1)) };
    }
  }
  const { m, e } = decompose(x);
  let n: bigint;
  let exp10: number;
  if (e >= 0) {
    n = m << BigInt(e);
    exp10 = 0;
  } else {
    n = m * 5n ** BigInt(-e);
    exp10 = e;
  }
  const d = n.toString();
  let X = d.length - 1 + exp10;
  if (d.length <= nsig) return { digits: d + '0'.repeat(nsig - d.length), exp: X };
  let q = roundHalfEvenDiv(n, 10n ** BigInt(d.length - nsig));
  let qs = q.toString();
  if (qs.length > nsig) {
    q /= 10n;
    qs = q.toString();
    X += 1;
  }
  return { digits: qs, exp: X };
}

/** Shortest round-tripping digits of x (finite, > 0), as Python's repr uses. */
export function shortestDigits(x: number): { digits: string; exp: number } {
  const s = x.toExponential();
  const k = s.indexOf('e');
  return { digits: s[1] === '.' ? s[0] + s.slice(2, k) : s.slice(0, k), exp: Number(s.slice(k + 1)) };
}

function expSuffix(X: number, upper: boolean): string {
  const a = Math.abs(X);
  return (upper ? 'E' : 'e') + (X < 0 ? '-' : '+') + (a < 10 ? '0' + a : String(a));
}

/** Digits d0 d1 ... with exponent X placed as a fixed-point number (no padding beyond digits). */
function placeFixed(digits: string, X: number): string {
  if (X < 0) return '0.' + '0'.repeat(-X - 1) + digits;
  if (digits.length <= X + 1) return digits + '0'.repeat(X + 1 - digits.length);
  return digits.slice(0, X + 1) + '.' + digits.slice(X + 1);
}

function stripZeros(s: string): string {
  if (s.indexOf('.') < 0) return s;
  let end = s.length;
  while (s.charCodeAt(end - 1) === 48) end--;
  if (s.charCodeAt(end - 1) === 46) end--;
  return s.slice(0, end);
}

/**
 * Format |x| (finite, >= 0) for a float presentation type: 'e' 'E' 'f' 'F' 'g' 'G' and 'r'
 * (repr; prec ignored). `alt` is the '#' flag; `dot0` adds '.0' to a bare integer (format's
 * default type). Returns the body without sign.
 */
export function floatBody(x: number, type: string, prec: number, alt: boolean, dot0 = false): string {
  let out: string;
  switch (type) {
    case 'f':
    case 'F':
      out = fixedDigits(x, prec);
      if (alt && prec === 0) out += '.';
      return out;
    case 'e':
    case 'E': {
      const { digits, exp } = sigDigits(x, prec + 1);
      out = digits[0]! + (prec > 0 || alt ? '.' + digits.slice(1) : '') + expSuffix(exp, type === 'E');
      return out;
    }
    case 'g':
    case 'G': {
      const P = prec === 0 ? 1 : prec;
      const { digits, exp } = sigDigits(x, P);
      // format()'s default type switches to exponent one digit earlier (CPython's ADD_DOT_0)
      if (exp >= -4 && exp < (dot0 ? P - 1 : P)) {
        out = placeFixed(digits, exp);
        if (alt) {
          if (out.indexOf('.') < 0) out += '.';
        } else out = stripZeros(out);
        if (dot0 && out.indexOf('.') < 0) out += '.0';
      } else {
        let mant = digits[0]! + '.' + digits.slice(1);
        if (!alt) mant = stripZeros(mant);
        out = mant + expSuffix(exp, type === 'G');
      }
      return out;
    }
    default: {
      // 'r': repr
      if (x === 0) return '0.0';
      const { digits, exp } = shortestDigits(x);
      if (exp >= -4 && exp < 16) {
        out = placeFixed(digits, exp);
        if (out.indexOf('.') < 0) out += '.0';
        return out;
      }
      return (digits.length > 1 || alt ? digits[0] + '.' + digits.slice(1) : digits) + expSuffix(exp, false);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Format spec
// ---------------------------------------------------------------------------------------------

export interface Spec {
  fill: string;
  align: string; // '' | '<' | '>' | '^' | '='
  sign: string; // '' | '+' | '-' | ' '
  z: boolean;
  alt: boolean;
  width: number; // -1 when absent
  grouping: string; // '' | ',' | '_'
  groupSize: number;
  precision: number; // -1 when absent
  type: string; // '' when absent
}

const MAX_DIGITS = 0x7fffffff;

/** Python's parse_internal_render_format_spec. `defaultAlign` is '<' for str, '>' for numbers. */
export function parseSpec(spec: string, defaultAlign: string, obj: unknown): Spec {
  const c = /[\uD800-\uDFFF]/.test(spec) ? Array.from(spec) : (spec as unknown as string[]);
  const end = c.length;
  let pos = 0;
  let fill = ' ';
  let fillSpecified = false;
  let align = '';
  let sign = '';
  let z = false;
  let alt = false;
  let width = -1;
  let grouping = '';
  let precision = -1;
  let type = '';
  const isAlign = (ch: string | undefined): boolean => ch === '<' || ch === '>' || ch === '^' || ch === '=';
  if (end - pos >= 2 && isAlign(c[pos + 1])) {
    align = c[pos + 1]!;
    fill = c[pos]!;
    fillSpecified = true;
    pos += 2;
  } else if (end - pos >= 1 && isAlign(c[pos])) {
    align = c[pos]!;
    pos++;
  }
  if (pos < end && (c[pos] === '+' || c[pos] === '-' || c[pos] === ' ')) sign = c[pos++]!;
  if (pos < end && c[pos] === 'z') {
    z = true;
    pos++;
  }
  if (pos < end && c[pos] === '#') {
    alt = true;
    pos++;
  }
  if (!fillSpecified && pos < end && c[pos] === '0') {
    fill = '0';
    if (align === '' && defaultAlign === '>') align = '=';
    pos++;
  }
  const readInt = (): number => {
    let v = -1;
    while (pos < end) {
      const d = c[pos]!.charCodeAt(0) - 48;
      if (d < 0 || d > 9 || c[pos]!.length !== 1) break;
      v = v < 0 ? d : v * 10 + d;
      if (v > MAX_DIGITS) throw pyErr('ValueError', 'Too many decimal digits in format string');
      pos++;
    }
    return v;
  };
  width = readInt();
  if (pos < end && c[pos] === ',') {
    grouping = ',';
    pos++;
  }
  if (pos < end && c[pos] === '_') {
    if (grouping !== '') throw pyErr('ValueError', "Cannot specify both ',' and '_'.");
    grouping = '_';
    pos++;
  }
  if (pos < end && c[pos] === ',' && grouping === '_') throw pyErr('ValueError', "Cannot specify both ',' and '_'.");
  if (pos < end && c[pos] === '.') {
    pos++;
    precision = readInt();
    if (precision < 0) throw pyErr('ValueError', 'Format specifier missing precision');
  }
  // widths and precisions are allocations: '{:99999999}' must fail cleanly, not exhaust memory
  checkSize(width, 'format width');
  checkSize(precision, 'format precision');
  if (end - pos > 1) {
    throw pyErr('ValueError', `Invalid format specifier '${spec}' for object of type '${typeName(obj)}'`);
  }
  if (end - pos === 1) type = c[pos]!;
  let groupSize = 3;
  if (grouping !== '') {
    switch (type) {
      case 'd': case 'e': case 'f': case 'g': case 'E': case 'G': case '%': case 'F': case '':
        break;
      case 'b': case 'o': case 'x': case 'X':
        if (grouping === '_') groupSize = 4;
        else throw badGrouping(grouping, type);
        break;
      default:
        throw badGrouping(grouping, type);
    }
  }
  return { fill, align, sign, z, alt, width, grouping, groupSize, precision, type };
}

function badGrouping(grouping: string, type: string): Error {
  const code = type.codePointAt(0)!;
  const shown = code > 32 && code < 128 ? type : `\\x${code.toString(16)}`;
  return pyErr('ValueError', `Cannot specify '${grouping}' with '${shown}'.`);
}

/** Code-point length of s. */
export function cpLen(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n--;
        i++;
      }
    }
  }
  return n;
}

function pad(s: string, len: number, sp: Spec, defaultAlign: string): string {
  const n = sp.width - len;
  if (n <= 0) return s;
  const align = sp.align || defaultAlign;
  if (align === '<') return s + sp.fill.repeat(n);
  if (align === '^') {
    const l = n >> 1;
    return sp.fill.repeat(l) + s + sp.fill.repeat(n - l);
  }
  return sp.fill.repeat(n) + s;
}

/** CPython's InsertThousandsGrouping: group `digits`, zero-extended to at least minWidth chars. */
export function groupDigits(digits: string, sep: string, size: number, minWidth: number): string {
  let remaining = digits.length;
  let pos = remaining;
  const parts: string[] = [];
  for (;;) {
    const l = Math.min(size, Math.max(remaining, minWidth, 1));
    const nZeros = Math.max(0, l - remaining);
    const nChars = Math.max(0, Math.min(remaining, l));
    parts.push('0'.repeat(nZeros) + digits.slice(pos - nChars, pos));
    pos -= nChars;
    remaining -= nChars;
    minWidth -= l;
    if (remaining <= 0 && minWidth <= 0) break;
    minWidth -= sep.length;
  }
  return parts.reverse().join(sep);
}

/**
 * Assemble a formatted number: sign, prefix ('0x'), integer digits (grouped), remainder
 * ('.5e+10', '%'), padded per spec (numbers align right by default; '=' pads after the sign).
 */
function assemble(signStr: string, prefix: string, intDigits: string, rest: string, sp: Spec): string {
  let digits = intDigits;
  if (sp.grouping !== '' && intDigits !== '') {
    const minWidth = sp.fill === '0' && sp.align === '=' ? sp.width - signStr.length - prefix.length - rest.length : 0;
    digits = groupDigits(intDigits, sp.grouping, sp.groupSize, minWidth);
  }
  const body = digits + rest;
  const len = signStr.length + prefix.length + cpLen(body);
  if (sp.width <= len) return signStr + prefix + body;
  if (sp.align === '=') return signStr + prefix + sp.fill.repeat(sp.width - len) + body;
  return pad(signStr + prefix + body, len, sp, '>');
}

function signFor(neg: boolean, sign: string): string {
  return neg ? '-' : sign === '+' ? '+' : sign === ' ' ? ' ' : '';
}

function formatStrSpec(s: string, sp: Spec): string {
  if (sp.type !== '' && sp.type !== 's') throw unknownCode(sp.type, s);
  if (sp.sign === ' ') throw pyErr('ValueError', 'Space not allowed in string format specifier');
  if (sp.sign !== '') throw pyErr('ValueError', 'Sign not allowed in string format specifier');
  if (sp.z) throw pyErr('ValueError', 'Negative zero coercion (z) not allowed in string format specifier');
  if (sp.alt) throw pyErr('ValueError', 'Alternate form (#) not allowed in string format specifier');
  if (sp.align === '=') throw pyErr('ValueError', "'=' alignment not allowed in string format specifier");
  if (sp.grouping !== '') throw pyErr('ValueError', `Cannot specify '${sp.grouping}' with 's'.`);
  let len = cpLen(s);
  if (sp.precision >= 0 && len > sp.precision) {
    s = len === s.length ? s.slice(0, sp.precision) : Array.from(s).slice(0, sp.precision).join('');
    len = sp.precision;
  }
  return pad(s, len, sp, '<');
}

function unknownCode(type: string, obj: unknown): Error {
  const code = type.codePointAt(0)!;
  const shown = code > 32 && code < 128 ? `'${type}'` : `'\\x${code.toString(16)}'`;
  return pyErr('ValueError', `Unknown format code ${shown} for object of type '${typeName(obj)}'`);
}

function intToFloat(v: number | bigint): number {
  const n = Number(v);
  if (!Number.isFinite(n)) throw pyErr('OverflowError', 'int too large to convert to float');
  return n;
}

function formatIntSpec(v: number | bigint, sp: Spec, obj: unknown): string {
  const type = sp.type;
  switch (type) {
    case 'e': case 'E': case 'f': case 'F': case 'g': case 'G': case '%':
      return formatFloatSpec(intToFloat(v), sp);
    case '': case 'd': case 'n': case 'b': case 'o': case 'x': case 'X': case 'c':
      break;
    default:
      throw unknownCode(type, obj);
  }
  if (sp.precision >= 0) throw pyErr('ValueError', 'Precision not allowed in integer format specifier');
  if (sp.z) throw pyErr('ValueError', 'Negative zero coercion (z) not allowed in integer format specifier');
  if (type === 'c') {
    if (sp.sign !== '') throw pyErr('ValueError', "Sign not allowed with integer format specifier 'c'");
    if (sp.alt) throw pyErr('ValueError', "Alternate form (#) not allowed with integer format specifier 'c'");
    if (typeof v === 'bigint' && (v >= 2n ** 63n || v < -(2n ** 63n))) {
      throw pyErr('OverflowError', 'Python int too large to convert to C long');
    }
    const n = Number(v);
    if (!(n >= 0 && n <= 0x10ffff)) throw pyErr('OverflowError', '%c arg not in range(0x110000)');
    const ch = String.fromCodePoint(n);
    return assemble('', '', '', ch, { ...sp, grouping: '' });
  }
  const neg = v < 0;
  const abs = typeof v === 'bigint' ? (neg ? -v : v) : Math.abs(v);
  const radix = type === 'b' ? 2 : type === 'o' ? 8 : type === 'x' || type === 'X' ? 16 : 10;
  let digits = abs.toString(radix);
  if (type === 'X') digits = digits.toUpperCase();
  const prefix = sp.alt && radix !== 10 ? (type === 'b' ? '0b' : type === 'o' ? '0o' : type === 'x' ? '0x' : '0X') : '';
  return assemble(signFor(neg, sp.sign), prefix, digits, '', sp);
}

function formatFloatSpec(x: number, sp: Spec): string {
  let type = sp.type;
  let prec = sp.precision;
  let dot0 = false;
  let pct = false;
  if (type === '') {
    dot0 = true;
    type = prec < 0 ? 'r' : 'g';
  } else if (type === 'n') type = 'g';
  if (type === '%') {
    type = 'f';
    x *= 100;
    pct = true;
  }
  if (prec < 0) prec = 6;
  let neg = x < 0 || Object.is(x, -0);
  const ax = Math.abs(x);
  let body: string;
  if (Number.isNaN(x)) {
    neg = false;
    body = 'nan';
  } else if (ax === Infinity) body = 'inf';
  else body = floatBody(ax, type, prec, sp.alt, dot0);
  if (type === 'E' || type === 'F' || type === 'G') body = body.toUpperCase();
  if (neg && sp.z && Number.isFinite(x) && !/[1-9]/.test(body.replace(/e.*$/i, ''))) neg = false;
  if (pct) body += '%';
  // split off the integer part for grouping / zero padding
  let i = 0;
  while (i < body.length && body.charCodeAt(i) >= 48 && body.charCodeAt(i) <= 57) i++;
  return assemble(signFor(neg, sp.sign), '', body.slice(0, i), body.slice(i), sp);
}

/** Python's `format(value, spec)`. */
export function formatSpec(value: unknown, spec: string): string {
  if (spec === '') return pyStr(value);
  if (typeof value === 'string') return formatStrSpec(value, parseSpec(spec, '<', value));
  if (typeof value === 'number') {
    const sp = parseSpec(spec, '>', value);
    if (Number.isInteger(value) && !Object.is(value, -0)) return formatIntSpec(value, sp, value);
    if (sp.type !== '' && 'eEfFgGn%'.indexOf(sp.type) < 0) throw unknownCode(sp.type, value);
    return formatFloatSpec(value, sp);
  }
  if (typeof value === 'bigint') return formatIntSpec(value, parseSpec(spec, '>', value), value);
  if (typeof value === 'boolean') return formatIntSpec(value ? 1 : 0, parseSpec(spec, '>', value), value);
  if (value instanceof PyFloat) {
    const sp = parseSpec(spec, '>', value);
    if (sp.type !== '' && 'eEfFgGn%'.indexOf(sp.type) < 0) throw unknownCode(sp.type, value);
    return formatFloatSpec(value.value, sp);
  }
  if (isMarkup(value) && !(value instanceof Undefined)) return formatStrSpec(value.__html__(), parseSpec(spec, '<', value));
  throw pyErr('TypeError', `unsupported format string passed to ${typeName(value)}.__format__`);
}
