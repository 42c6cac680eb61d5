/**
 * Python string formatting: printf-style `fmt % args` and `str.format`. The format-spec
 * mini-language itself lives in format-spec.ts.
 */

import { pyErr } from '../errors.js';
import { checkSize } from './limits.js';
import { pyRepr, pyStr, typeName } from './repr.js';
import { cpLen, floatBody, formatSpec } from './format-spec.js';
import { ChainableUndefined, isDict, isMarkup, isTuple, PyFloat, Undefined } from './values.js';

export { formatSpec } from './format-spec.js';

const hasOwn = Object.prototype.hasOwnProperty;

/** Python's `ascii()` applied to a repr string: escape every non-ASCII code point. */
export function asciiEscape(s: string): string {
  if (/^[\x00-\x7f]*$/.test(s)) return s;
  let out = '';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) out += ch;
    else if (c < 0x100) out += '\\x' + c.toString(16).padStart(2, '0');
    else if (c < 0x10000) out += '\\u' + c.toString(16).padStart(4, '0');
    else out += '\\U' + c.toString(16).padStart(8, '0');
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// printf-style formatting
// ---------------------------------------------------------------------------------------------

function lookupKey(mapping: unknown, key: string): unknown {
  if (mapping instanceof Map) {
    if (mapping.has(key)) return mapping.get(key);
  } else if (isDict(mapping)) {
    if (hasOwn.call(mapping, key)) return (mapping as Record<string, unknown>)[key];
  } else if (Array.isArray(mapping)) {
    throw pyErr('TypeError', 'list indices must be integers or slices, not str');
  } else if (mapping instanceof Undefined) {
    return mapping instanceof ChainableUndefined ? mapping : mapping.fail();
  }
  throw pyErr('KeyError', pyRepr(key));
}

/** Python int value of v for %d (floats truncate), or throws Python's TypeError. */
function toIntForD(v: unknown, conv: string): number | bigint {
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'bigint') return v;
  let x: number;
  if (typeof v === 'number') x = v;
  else if (v instanceof PyFloat) x = v.value;
  else if (v instanceof Undefined) return v.fail(); // Python calls Undefined.__int__, which raises
  else throw pyErr('TypeError', `%${conv} format: a real number is required, not ${typeName(v)}`);
  if (Number.isInteger(x)) return Number.isSafeInteger(x) ? x + 0 : BigInt(x);
  if (Number.isNaN(x)) throw pyErr('ValueError', 'cannot convert float NaN to integer');
  if (!Number.isFinite(x)) throw pyErr('OverflowError', 'cannot convert float infinity to integer');
  return Math.trunc(x) + 0;
}

function toFloatArg(v: unknown): number {
  if (typeof v === 'number') return v;
  if (v instanceof PyFloat) return v.value;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'bigint') {
    const n = Number(v);
    if (!Number.isFinite(n)) throw pyErr('OverflowError', 'int too large to convert to float');
    return n;
  }
  if (v instanceof Undefined) return v.fail(); // Undefined.__float__ raises
  throw pyErr('TypeError', `must be real number, not ${typeName(v)}`);
}

interface PctArg {
  ljust: boolean;
  sign: boolean; // '+'
  blank: boolean; // ' '
  alt: boolean;
  zero: boolean;
  width: number;
  prec: number;
}

/** Lay out a formatted number per CPython's unicode_format_arg_output. */
function outputNumber(signCh: string, prefix: string, body: string, a: PctArg): string {
  let sign = signCh;
  if (sign === '') sign = a.sign ? '+' : a.blank ? ' ' : '';
  const len = sign.length + prefix.length + body.length;
  if (a.width <= len) return sign + prefix + body;
  const n = a.width - len;
  if (a.ljust) return sign + prefix + body + ' '.repeat(n);
  if (a.zero) return sign + prefix + '0'.repeat(n) + body;
  return ' '.repeat(n) + sign + prefix + body;
}

function pctInt(v: unknown, ch: string, a: PctArg): string {
  let n: number | bigint;
  if (ch === 'd' || ch === 'i' || ch === 'u') n = toIntForD(v, ch);
  else {
    if (typeof v === 'boolean') n = v ? 1 : 0;
    else if (typeof v === 'bigint' || (typeof v === 'number' && Number.isInteger(v) && !Object.is(v, -0))) n = v;
    else if (typeof v === 'number' || v instanceof PyFloat) {
      throw pyErr('TypeError', `%${ch} format: an integer is required, not float`);
    } else throw pyErr('TypeError', `%${ch} format: an integer is required, not ${typeName(v)}`);
  }
  const neg = n < 0;
  const abs = typeof n === 'bigint' ? (neg ? -n : n) : Math.abs(n);
  const radix = ch === 'o' ? 8 : ch === 'x' || ch === 'X' ? 16 : 10;
  let digits = abs.toString(radix);
  if (ch === 'X') digits = digits.toUpperCase();
  if (a.prec > digits.length) digits = '0'.repeat(a.prec - digits.length) + digits;
  const prefix = a.alt && radix !== 10 ? '0' + (ch === 'o' ? 'o' : ch) : '';
  return outputNumber(neg ? '-' : '', prefix, digits, a);
}

function pctFloat(v: unknown, ch: string, a: PctArg): string {
  const x = toFloatArg(v);
  const prec = a.prec < 0 ? 6 : a.prec;
  const lower = ch.toLowerCase();
  let body: string;
  if (Number.isNaN(x)) body = 'nan';
  else if (!Number.isFinite(x)) body = 'inf';
  else body = floatBody(Math.abs(x), lower, prec, a.alt);
  if (ch !== lower) body = body.toUpperCase();
  const neg = !Number.isNaN(x) && (x < 0 || Object.is(x, -0));
  return outputNumber(neg ? '-' : '', '', body, a);
}

function pctStr(s: string, a: PctArg): string {
  let len = cpLen(s);
  if (a.prec >= 0 && len > a.prec) {
    s = len === s.length ? s.slice(0, a.prec) : Array.from(s).slice(0, a.prec).join('');
    len = a.prec;
  }
  if (a.width <= len) return s;
  return a.ljust ? s + ' '.repeat(a.width - len) : ' '.repeat(a.width - len) + s;
}

/**
 * Python's `fmt % args`. A tuple supplies positional arguments, a dict `%(name)s` values.
 * `escape` (markupsafe's `Markup % args`) escapes what %s, %r and %a produce.
 */
export function percentFormat(fmt: string, args: unknown, escape?: (v: unknown) => string): string {
  const tuple = isTuple(args);
  const items = tuple ? (args as unknown[]) : null;
  let arglen = tuple ? items!.length : -1;
  let argidx = tuple ? 0 : -2;
  // Python takes any non-tuple with __getitem__ as the mapping (lists and Undefined too)
  const dict = !tuple && (isDict(args) || Array.isArray(args) || args instanceof Undefined) ? args : null;
  let current: unknown = args;
  let items2 = items;
  // CPython's unicode_format_getnextarg: a non-tuple argument is used once
  const nextArg = (): unknown => {
    if (argidx < arglen) {
      const i = argidx++;
      return arglen < 0 ? current : items2![i];
    }
    throw pyErr('TypeError', 'not enough arguments for format string');
  };
  let out = '';
  let i = 0;
  const n = fmt.length;
  while (i < n) {
    const p = fmt.indexOf('%', i);
    if (p < 0) {
      out += i === 0 ? fmt : fmt.slice(i);
      break;
    }
    out += fmt.slice(i, p);
    i = p + 1;
    if (i >= n) throw pyErr('ValueError', 'incomplete format');
    let c = fmt[i]!;
    if (c === '(') {
      if (dict === null) throw pyErr('TypeError', 'format requires a mapping');
      let depth = 1;
      const start = ++i;
      while (i < n && depth > 0) {
        if (fmt[i] === ')') depth--;
        else if (fmt[i] === '(') depth++;
        i++;
      }
      if (depth > 0) throw pyErr('ValueError', 'incomplete format key');
      const key = fmt.slice(start, i - 1);
      current = lookupKey(dict, key);
      arglen = -1;
      argidx = -2;
      items2 = null;
      if (i >= n) throw pyErr('ValueError', 'incomplete format');
      c = fmt[i]!;
    }
    const a: PctArg = { ljust: false, sign: false, blank: false, alt: false, zero: false, width: -1, prec: -1 };
    for (;;) {
      if (c === '-') a.ljust = true;
      else if (c === '+') a.sign = true;
      else if (c === ' ') a.blank = true;
      else if (c === '#') a.alt = true;
      else if (c === '0') a.zero = true;
      else break;
      if (++i >= n) throw pyErr('ValueError', 'incomplete format');
      c = fmt[i]!;
    }
    const readNum = (): number => {
      if (c === '*') {
        const v = nextArg();
        if (!(typeof v === 'number' && Number.isInteger(v)) && typeof v !== 'boolean') throw pyErr('TypeError', '* wants int');
        if (++i >= n) throw pyErr('ValueError', 'incomplete format');
        c = fmt[i]!;
        return Number(v);
      }
      let v = -1;
      while (c >= '0' && c <= '9') {
        v = (v < 0 ? 0 : v * 10) + (c.charCodeAt(0) - 48);
        if (v > 0x7fffffff) throw pyErr('ValueError', 'width too big');
        if (++i >= n) throw pyErr('ValueError', 'incomplete format');
        c = fmt[i]!;
      }
      return v;
    };
    const star = c === '*';
    a.width = readNum();
    if (star && a.width < 0) {
      a.ljust = true;
      a.width = -a.width;
    }
    if (c === '.') {
      if (++i >= n) throw pyErr('ValueError', 'incomplete format');
      c = fmt[i]!;
      a.prec = readNum();
      if (a.prec < 0) a.prec = 0;
    }
    // widths and precisions are allocations: '%99999999s' must fail cleanly, not exhaust memory
    checkSize(a.width, 'format width');
    checkSize(a.prec, 'format precision');
    while (c === 'h' || c === 'l' || c === 'L') {
      if (++i >= n) throw pyErr('ValueError', 'incomplete format');
      c = fmt[i]!;
    }
    i++;
    if (c === '%' && i === p + 2) {
      out += '%';
      continue;
    }
    // CPython fetches the argument before it looks at the conversion character
    const v = nextArg();
    switch (c) {
      case 's':
      case 'r':
      case 'a': {
        let s: string;
        if (escape) s = c === 's' ? escape(v) : escape(c === 'r' ? pyRepr(v) : asciiEscape(pyRepr(v)));
        else s = c === 's' ? pyStr(v) : c === 'r' ? pyRepr(v) : asciiEscape(pyRepr(v));
        out += a.width < 0 && a.prec < 0 ? s : pctStr(s, a);
        break;
      }
      case 'd': case 'i': case 'u': case 'o': case 'x': case 'X':
        // markupsafe wraps arguments in a helper that has __int__ but no __index__
        if (escape && c !== 'd' && c !== 'i' && c !== 'u') {
          throw pyErr('TypeError', `%${c} format: an integer is required, not _MarkupEscapeHelper`);
        }
        out += pctInt(v, c, a);
        break;
      case 'e': case 'E': case 'f': case 'F': case 'g': case 'G':
        out += pctFloat(v, c, a);
        break;
      case 'c': {
        let s: string;
        if (escape) throw pyErr('TypeError', '%c requires int or char');
        if (typeof v === 'string' || (isMarkup(v) && !(v instanceof Undefined))) {
          s = typeof v === 'string' ? v : v.__html__();
          if (cpLen(s) !== 1) throw pyErr('TypeError', '%c requires int or char');
        } else if ((typeof v === 'number' && Number.isInteger(v)) || typeof v === 'bigint' || typeof v === 'boolean') {
          const cp = Number(v);
          if (!(cp >= 0 && cp <= 0x10ffff)) throw pyErr('OverflowError', '%c arg not in range(0x110000)');
          s = String.fromCodePoint(cp);
        } else throw pyErr('TypeError', '%c requires int or char');
        out += pctStr(s, { ...a, prec: -1 });
        break;
      }
      default: {
        const cp = fmt.codePointAt(i - 1)!;
        const shown = cp >= 32 && cp <= 126 ? String.fromCharCode(cp) : '?';
        const index = cpLen(fmt.slice(0, i - 1));
        throw pyErr('ValueError', `unsupported format character '${shown}' (0x${cp.toString(16)}) at index ${index}`);
      }
    }
  }
  if (argidx < arglen && dict === null) throw pyErr('TypeError', 'not all arguments converted during string formatting');
  return out;
}

// ---------------------------------------------------------------------------------------------
// str.format
// ---------------------------------------------------------------------------------------------

export interface FormatHooks {
  /** Resolve `{0.name}` (isAttr) or `{0[name]}`; the sandbox routes this through its checks. */
  getField?: (obj: unknown, name: string | number, isAttr: boolean) => unknown;
  /** Format one converted value with its spec (markupsafe's escaping formatter overrides this). */
  formatField?: (value: unknown, spec: string) => string;
}

/** Default attribute access for `{0.attr}`: own data of objects, items of dicts. */
function defaultGetAttr(obj: unknown, name: string): unknown {
  if (obj instanceof Undefined) return obj.fail();
  if (obj instanceof Map) {
    if (obj.has(name)) return obj.get(name);
  } else if (obj !== null && typeof obj === 'object' && !Array.isArray(obj) && !(obj instanceof PyFloat)) {
    if (hasOwn.call(obj, name) && !(obj instanceof Undefined)) {
      const v = (obj as Record<string, unknown>)[name];
      if (v !== undefined && typeof v !== 'function') return v;
    }
  }
  throw pyErr('AttributeError', `'${typeName(obj)}' object has no attribute '${name}'`);
}

function defaultGetItem(obj: unknown, key: string | number): unknown {
  if (obj instanceof Undefined) return obj.fail();
  if (Array.isArray(obj) || typeof obj === 'string') {
    const what = typeof obj === 'string' ? 'string' : isTuple(obj) ? 'tuple' : 'list';
    if (typeof key !== 'number') {
      throw pyErr('TypeError', `${what === 'string' ? 'string' : what} indices must be integers${what === 'string' ? '' : ' or slices'}, not str`);
    }
    if (typeof obj === 'string') {
      const chars = obj.length === cpLen(obj) ? null : Array.from(obj);
      const len = chars ? chars.length : obj.length;
      if (key >= len) throw pyErr('IndexError', 'string index out of range');
      return chars ? chars[key] : obj[key];
    }
    if (key >= obj.length) throw pyErr('IndexError', `${what} index out of range`);
    return obj[key];
  }
  if (obj instanceof Map) {
    if (obj.has(key)) return obj.get(key);
    throw pyErr('KeyError', pyRepr(key));
  }
  if (isDict(obj)) {
    const k = String(key);
    if (hasOwn.call(obj, k) && typeof key === 'string') return (obj as Record<string, unknown>)[k];
    throw pyErr('KeyError', pyRepr(key));
  }
  throw pyErr('TypeError', `'${typeName(obj)}' object is not subscriptable`);
}

function isDigits(s: string): boolean {
  if (s.length === 0) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

function toIndex(s: string): number {
  const v = Number(s);
  if (v > 0x7fffffffffffffff || s.length > 19) throw pyErr('ValueError', 'Too many decimal digits in format string');
  return v;
}

interface FmtState {
  args: unknown[];
  kwargs: Record<string, unknown> | Map<unknown, unknown>;
  auto: number; // -1 unknown, -2 manual, >= 0 next auto index
  hooks: FormatHooks | undefined;
}

function resolveField(field: string, st: FmtState): unknown {
  // first part: up to '.' or '['
  let i = 0;
  while (i < field.length && field[i] !== '.' && field[i] !== '[') i++;
  const first = field.slice(0, i);
  let obj: unknown;
  if (first === '') {
    if (st.auto === -2) {
      throw pyErr('ValueError', 'cannot switch from manual field specification to automatic field numbering');
    }
    const idx = st.auto < 0 ? 0 : st.auto;
    st.auto = idx + 1;
    if (idx >= st.args.length) throw pyErr('IndexError', `Replacement index ${idx} out of range for positional args tuple`);
    obj = st.args[idx];
  } else if (isDigits(first)) {
    if (st.auto >= 0) throw pyErr('ValueError', 'cannot switch from automatic field numbering to manual field specification');
    st.auto = -2;
    const idx = toIndex(first);
    if (idx >= st.args.length) throw pyErr('IndexError', `Replacement index ${idx} out of range for positional args tuple`);
    obj = st.args[idx];
  } else {
    const kw = st.kwargs;
    if (kw instanceof Map) {
      if (!kw.has(first)) throw pyErr('KeyError', pyRepr(first));
      obj = kw.get(first);
    } else {
      if (!hasOwn.call(kw, first)) throw pyErr('KeyError', pyRepr(first));
      obj = kw[first];
    }
  }
  const getField = st.hooks?.getField;
  while (i < field.length) {
    const c = field[i++];
    if (c === '.') {
      let j = i;
      while (j < field.length && field[j] !== '.' && field[j] !== '[') j++;
      const name = field.slice(i, j);
      if (name === '') throw pyErr('ValueError', 'Empty attribute in format string');
      obj = getField ? getField(obj, name, true) : defaultGetAttr(obj, name);
      i = j;
    } else {
      const j = field.indexOf(']', i);
      if (j < 0) throw pyErr('ValueError', "Missing ']' in format string");
      const raw = field.slice(i, j);
      if (raw === '') throw pyErr('ValueError', 'Empty attribute in format string');
      const key = isDigits(raw) ? toIndex(raw) : raw;
      obj = getField ? getField(obj, key, false) : defaultGetItem(obj, key);
      i = j + 1;
      if (i < field.length && field[i] !== '.' && field[i] !== '[') {
        throw pyErr('ValueError', "Only '.' or '[' may follow ']' in format field specifier");
      }
    }
  }
  return obj;
}

function convert(v: unknown, conv: string): unknown {
  if (conv === 'r') return pyRepr(v);
  if (conv === 's') return pyStr(v);
  if (conv === 'a') return asciiEscape(pyRepr(v));
  const cp = conv.codePointAt(0)!;
  throw pyErr('ValueError', `Unknown conversion specifier ${cp > 32 && cp < 127 ? conv : '\\x' + cp.toString(16)}`);
}

function render(fmt: string, st: FmtState, depth: number): string {
  if (depth <= 0) throw pyErr('ValueError', 'Max string recursion exceeded');
  let out = '';
  let i = 0;
  const n = fmt.length;
  const formatField = st.hooks?.formatField ?? formatSpec;
  while (i < n) {
    // literal text
    let j = i;
    while (j < n) {
      const c = fmt.charCodeAt(j);
      if (c === 123 || c === 125) break; // { }
      j++;
    }
    if (j > i) out += fmt.slice(i, j);
    if (j >= n) break;
    const c = fmt[j];
    if (c === '}') {
      if (fmt[j + 1] !== '}') throw pyErr('ValueError', "Single '}' encountered in format string");
      out += '}';
      i = j + 2;
      continue;
    }
    if (j + 1 >= n) throw pyErr('ValueError', "Single '{' encountered in format string");
    if (fmt[j + 1] === '{') {
      out += '{';
      i = j + 2;
      continue;
    }
    // field name: up to '}', ':' or '!', skipping [...]
    let k = j + 1;
    let last = '';
    for (;;) {
      if (k >= n) throw pyErr('ValueError', "expected '}' before end of string");
      last = fmt[k++]!;
      if (last === '{') throw pyErr('ValueError', "unexpected '{' in field name");
      if (last === '[') {
        while (k < n && fmt[k] !== ']') k++;
        continue;
      }
      if (last === '}' || last === ':' || last === '!') break;
    }
    const field = fmt.slice(j + 1, k - 1);
    let conv = '';
    let spec = '';
    let specNested = false;
    if (last === '!') {
      if (k >= n) throw pyErr('ValueError', 'end of string while looking for conversion specifier');
      conv = String.fromCodePoint(fmt.codePointAt(k)!);
      k += conv.length;
      if (k >= n) throw pyErr('ValueError', "unmatched '{' in format spec");
      last = fmt[k++]!;
      if (last !== '}' && last !== ':') throw pyErr('ValueError', "expected ':' after conversion specifier");
    }
    if (last === ':') {
      const start = k;
      let count = 1;
      let nested = false;
      for (;;) {
        if (k >= n) throw pyErr('ValueError', "unmatched '{' in format spec");
        const ch = fmt[k++];
        if (ch === '{') {
          count++;
          nested = true;
        } else if (ch === '}' && --count === 0) break;
      }
      spec = fmt.slice(start, k - 1);
      if (nested) specNested = true;
    }
    i = k;
    let v = resolveField(field, st);
    if (specNested) spec = render(spec, st, depth - 1);
    if (conv !== '') v = convert(v, conv);
    out += formatField(v, spec);
  }
  return out;
}

/**
 * Python's `str.format(*args, **kwargs)`. `hooks.getField` resolves `.attr`/`[key]` parts of
 * field names (default: own data of objects, items of dicts, indexes of sequences).
 */
export function strFormat(
  fmt: string,
  args: unknown[],
  kwargs: Record<string, unknown> | Map<unknown, unknown>,
  hooks?: FormatHooks,
): string {
  return render(fmt, { args, kwargs, auto: -1, hooks }, 2);
}
