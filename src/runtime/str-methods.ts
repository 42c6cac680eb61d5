/**
 * Python `str` methods with exact CPython semantics, on JS strings. Python indexes strings by
 * code point; strings without surrogates take UTF-16 fast paths, others convert indexes.
 * Each implementation receives the receiver and the positional arguments (arity is checked by
 * methods.ts; `undefined` means "not passed").
 */

import { pyErr } from '../errors.js';
import { typeName } from './repr.js';
import { strFormat } from './format.js';
import { cpLen } from './format-spec.js';
import { checkSize } from './limits.js';
import { isDict, isMarkup, isTuple, mkTuple, StrictUndefined, Undefined } from './values.js';
import { lazyFields } from './lazy.js';

export type StrImpl = (s: string, a: unknown[]) => unknown;

const SURR = /[\uD800-\uDFFF]/;
const hasOwn = Object.prototype.hasOwnProperty;

// ---------------------------------------------------------------------------------------------
// argument coercion
// ---------------------------------------------------------------------------------------------

/** str or Markup as a JS string; null otherwise. */
export function strOf(v: unknown): string | null {
  if (typeof v === 'string') return v;
  if (isMarkup(v) && !(v instanceof Undefined)) return v.__html__();
  return null;
}

/** Python `__index__`: ints and bools. */
export function asIndex(v: unknown): number {
  if (typeof v === 'number' && Number.isInteger(v) && !Object.is(v, -0)) return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'bigint') return Number(v);
  throw pyErr('TypeError', `'${typeName(v)}' object cannot be interpreted as an integer`);
}

function sliceIdx(v: unknown): number | null {
  if (v === undefined || v === null) return null;
  if (typeof v === 'number' && Number.isInteger(v)) return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'bigint') return Number(v);
  throw pyErr('TypeError', 'slice indices must be integers or None or have an __index__ method');
}

function needStr(v: unknown): string {
  const s = strOf(v);
  if (s === null) throw pyErr('TypeError', `must be str, not ${typeName(v)}`);
  return s;
}

/** CPython's ADJUST_INDICES on code-point indexes. */
function adjust(start: unknown, end: unknown, len: number): [number, number] {
  let a = sliceIdx(start) ?? 0;
  let b = sliceIdx(end) ?? len;
  if (b > len) b = len;
  else if (b < 0) {
    b += len;
    if (b < 0) b = 0;
  }
  if (a < 0) {
    a += len;
    if (a < 0) a = 0;
  }
  return [a, b];
}

/** UTF-16 offset of code point index `cp` (<= cpLen) in s. */
function cuOffset(s: string, cp: number): number {
  let i = 0;
  for (let k = 0; k < cp && i < s.length; k++) {
    const c = s.charCodeAt(i);
    i += c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00 ? 2 : 1;
  }
  return i;
}

/**
 * Resolve start/end for a search: code-point bounds [a, b] and the matching UTF-16 bounds.
 * `wide` tells whether conversions are needed.
 */
function bounds(s: string, start: unknown, end: unknown): { a: number; b: number; ua: number; ub: number; wide: boolean } {
  const wide = SURR.test(s);
  const len = wide ? cpLen(s) : s.length;
  const [a, b] = adjust(start, end, len);
  if (!wide) return { a, b, ua: a, ub: b, wide };
  return { a, b, ua: a > len ? s.length + 1 : cuOffset(s, a), ub: cuOffset(s, b), wide };
}

function toCp(s: string, u: number, wide: boolean): number {
  return wide ? cpLen(s.slice(0, u)) : u;
}

// ---------------------------------------------------------------------------------------------
// character classes
// ---------------------------------------------------------------------------------------------

const WS_CHARS = '\\t\\n\\x0b\\x0c\\r\\x1c-\\x20\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
const WS_ALL = new RegExp(`^[${WS_CHARS}]+$`);

export function isWs(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 9 && c <= 13) || (c >= 0x1c && c <= 0x1f);
  if (c < 0x85) return false;
  return c === 0x85 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 ||
    c === 0x202f || c === 0x205f || c === 0x3000;
}

const DIGIT_EXTRA = '\\u{b2}-\\u{b3}\\u{b9}\\u{1369}-\\u{1371}\\u{19da}\\u{2070}\\u{2074}-\\u{2079}\\u{2080}-\\u{2089}\\u{2460}-\\u{2468}\\u{2474}-\\u{247c}\\u{2488}-\\u{2490}\\u{24ea}\\u{24f5}-\\u{24fd}\\u{24ff}\\u{2776}-\\u{277e}\\u{2780}-\\u{2788}\\u{278a}-\\u{2792}\\u{10a40}-\\u{10a43}\\u{10e60}-\\u{10e68}\\u{11052}-\\u{1105a}\\u{1f100}-\\u{1f10a}';
// CJK ideographs with numeric values (Python's isnumeric, not in \p{N})
const NUMERIC_EXTRA = '\\u{3405}\\u{3483}\\u{382a}\\u{3b4d}\\u{4e00}\\u{4e03}\\u{4e07}\\u{4e09}\\u{4e5d}\\u{4e8c}\\u{4e94}\\u{4e96}\\u{4ebf}-\\u{4ec0}\\u{4edf}\\u{4ee8}\\u{4f0d}\\u{4f70}\\u{5104}\\u{5146}\\u{5169}\\u{516b}\\u{516d}\\u{5341}\\u{5343}-\\u{5345}\\u{534c}\\u{53c1}-\\u{53c4}\\u{56db}\\u{58f1}\\u{58f9}\\u{5e7a}\\u{5efe}-\\u{5eff}\\u{5f0c}-\\u{5f0e}\\u{5f10}\\u{62fe}\\u{634c}\\u{67d2}\\u{6f06}\\u{7396}\\u{767e}\\u{8086}\\u{842c}\\u{8cae}\\u{8cb3}\\u{8d30}\\u{9621}\\u{9646}\\u{964c}\\u{9678}\\u{96f6}\\u{f96b}\\u{f973}\\u{f978}\\u{f9b2}\\u{f9d1}\\u{f9d3}\\u{f9fd}\\u{20001}\\u{20064}\\u{200e2}\\u{20121}\\u{2092a}\\u{20983}\\u{2098c}\\u{2099c}\\u{20aea}\\u{20afd}\\u{20b19}\\u{22390}\\u{22998}\\u{23b1b}\\u{2626d}\\u{2f890}';

// built on first use, from strings: see lazy.ts for why Unicode property regexes are not literals
const RE = lazyFields({
  alpha: () => new RegExp('^\\p{L}+$', 'u'),
  decimal: () => new RegExp('^\\p{Nd}+$', 'u'),
  digit: () => new RegExp(`^[\\p{Nd}${DIGIT_EXTRA}]+$`, 'u'),
  numeric: () => new RegExp(`^[\\p{N}${NUMERIC_EXTRA}]+$`, 'u'),
  alnum: () => new RegExp(`^[\\p{L}\\p{N}${NUMERIC_EXTRA}]+$`, 'u'),
  unprintable: () => new RegExp('(?! )[\\p{C}\\p{Z}]', 'u'),
  identifier: () => new RegExp('^[\\p{XID_Start}_]\\p{XID_Continue}*$', 'u'),
  upperOrTitle: () => new RegExp('[\\p{Uppercase}\\p{Lt}]', 'u'),
  lowerOrTitle: () => new RegExp('[\\p{Lowercase}\\p{Lt}]', 'u'),
  upper: () => new RegExp('\\p{Uppercase}', 'u'),
  lower: () => new RegExp('\\p{Lowercase}', 'u'),
  cased: () => new RegExp('\\p{Cased}', 'u'),
  caseIgnorable: () => new RegExp('\\p{Case_Ignorable}', 'u'),
  casedRun: () => new RegExp('\\p{Cased}+', 'gu'),
  swapChar: () => new RegExp('[\\p{Uppercase}\\p{Lowercase}]', 'gu'),
});

// Characters whose titlecase differs from their uppercase (Python 3.11 / Unicode 14).
const TITLE_FROM = 'ßǄǅǆǇǈǉǊǋǌǱǲǳևაბგდევზთიკლმნოპჟრსტუფქღყშჩცძწჭხჯჰჱჲჳჴჵჶჷჸჹჺჽჾჿᾀᾁᾂᾃᾄᾅᾆᾇᾈᾉᾊᾋᾌᾍᾎᾏᾐᾑᾒᾓᾔᾕᾖᾗᾘᾙᾚᾛᾜᾝᾞᾟᾠᾡᾢᾣᾤᾥᾦᾧᾨᾩᾪᾫᾬᾭᾮᾯᾲᾳᾴᾷᾼῂῃῄῇῌῲῳῴῷῼﬀﬁﬂﬃﬄﬅﬆﬓﬔﬕﬖﬗ';
const TITLE_TO = 'Ss|ǅ|ǅ|ǅ|ǈ|ǈ|ǈ|ǋ|ǋ|ǋ|ǲ|ǲ|ǲ|Եւ|ა|ბ|გ|დ|ე|ვ|ზ|თ|ი|კ|ლ|მ|ნ|ო|პ|ჟ|რ|ს|ტ|უ|ფ|ქ|ღ|ყ|შ|ჩ|ც|ძ|წ|ჭ|ხ|ჯ|ჰ|ჱ|ჲ|ჳ|ჴ|ჵ|ჶ|ჷ|ჸ|ჹ|ჺ|ჽ|ჾ|ჿ|ᾈ|ᾉ|ᾊ|ᾋ|ᾌ|ᾍ|ᾎ|ᾏ|ᾈ|ᾉ|ᾊ|ᾋ|ᾌ|ᾍ|ᾎ|ᾏ|ᾘ|ᾙ|ᾚ|ᾛ|ᾜ|ᾝ|ᾞ|ᾟ|ᾘ|ᾙ|ᾚ|ᾛ|ᾜ|ᾝ|ᾞ|ᾟ|ᾨ|ᾩ|ᾪ|ᾫ|ᾬ|ᾭ|ᾮ|ᾯ|ᾨ|ᾩ|ᾪ|ᾫ|ᾬ|ᾭ|ᾮ|ᾯ|Ὰͅ|ᾼ|Άͅ|ᾼ͂|ᾼ|Ὴͅ|ῌ|Ήͅ|ῌ͂|ῌ|Ὼͅ|ῼ|Ώͅ|ῼ͂|ῼ|Ff|Fi|Fl|Ffi|Ffl|St|St|Մն|Մե|Մի|Վն|Մխ';
let titleMap: Map<string, string> | null = null;

function titleChar(ch: string): string {
  if (ch.charCodeAt(0) < 0x80) return ch.toUpperCase(); // no ASCII in TITLE_FROM: skip building the map
  if (titleMap === null) {
    titleMap = new Map();
    const to = TITLE_TO.split('|');
    Array.from(TITLE_FROM).forEach((c, i) => titleMap!.set(c, to[i]!));
  }
  return titleMap.get(ch) ?? ch.toUpperCase();
}

/** CPython's handle_capital_sigma: lowercase of U+03A3 at UTF-16 offset i of s. */
function lowerSigma(s: string, i: number): string {
  let final = false;
  for (let j = i; j > 0; ) {
    let k = j - 1;
    if (k > 0 && (s.charCodeAt(k) & 0xfc00) === 0xdc00 && (s.charCodeAt(k - 1) & 0xfc00) === 0xd800) k--;
    const c = String.fromCodePoint(s.codePointAt(k)!);
    j = k;
    if (!RE.caseIgnorable.test(c)) {
      final = RE.cased.test(c);
      break;
    }
  }
  if (final) {
    for (let k = i + 1; k < s.length; ) {
      const d = String.fromCodePoint(s.codePointAt(k)!);
      if (!RE.caseIgnorable.test(d)) {
        final = !RE.cased.test(d);
        break;
      }
      k += d.length;
    }
  }
  return final ? 'ς' : 'σ';
}

/** Lowercase `part`, which starts at UTF-16 offset `off` in s (Σ decided with s as context). */
function lowerIn(s: string, part: string, off: number): string {
  if (part.indexOf('Σ') < 0) return part.toLowerCase();
  let out = '';
  for (let i = 0; i < part.length; ) {
    const ch = String.fromCodePoint(part.codePointAt(i)!);
    out += ch === 'Σ' ? lowerSigma(s, off + i) : ch.toLowerCase();
    i += ch.length;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// helpers
// ---------------------------------------------------------------------------------------------

function fillChar(v: unknown): string {
  if (v === undefined) return ' ';
  const f = strOf(v);
  if (f === null) throw pyErr('TypeError', `The fill character must be a unicode character, not ${typeName(v)}`);
  if (cpLen(f) !== 1) throw pyErr('TypeError', 'The fill character must be exactly one character long');
  return f;
}

function stripChars(v: unknown): string | null {
  if (v === undefined || v === null) return null;
  const c = strOf(v);
  if (c === null) throw pyErr('TypeError', 'strip arg must be None or str');
  return c;
}

/** Python's strip family; `which` 1 = left, 2 = right, 3 = both. */
function doStrip(s: string, charsArg: unknown, which: number): string {
  const chars = stripChars(charsArg);
  let i = 0;
  let j = s.length;
  if (chars === null) {
    if (which & 1) while (i < j && isWs(s.charCodeAt(i))) i++;
    if (which & 2) while (j > i && isWs(s.charCodeAt(j - 1))) j--;
    return i === 0 && j === s.length ? s : s.slice(i, j);
  }
  if (SURR.test(chars)) {
    const set = new Set(Array.from(chars));
    const cps = Array.from(s);
    let a = 0;
    let b = cps.length;
    if (which & 1) while (a < b && set.has(cps[a]!)) a++;
    if (which & 2) while (b > a && set.has(cps[b - 1]!)) b--;
    return cps.slice(a, b).join('');
  }
  if (which & 1) while (i < j && chars.indexOf(s[i]!) >= 0) i++;
  if (which & 2) while (j > i && chars.indexOf(s[j - 1]!) >= 0) j--;
  return s.slice(i, j);
}

function findImpl(s: string, a: unknown[], reverse: boolean): number {
  const sub = needStr(a[0]);
  const { a: ca, b: cb, ua, ub, wide } = bounds(s, a[1], a[2]);
  const subLen = wide || SURR.test(sub) ? cpLen(sub) : sub.length;
  if (cb - ca < subLen) return -1;
  if (sub.length === 0) return reverse ? cb : ca;
  let r: number;
  if (reverse) {
    r = s.lastIndexOf(sub, ub - sub.length);
    if (r < ua) return -1;
  } else {
    r = s.indexOf(sub, ua);
    if (r < 0 || r + sub.length > ub) return -1;
  }
  return toCp(s, r, wide);
}

function tailmatch(s: string, prefixArg: unknown, start: unknown, end: unknown, name: string, atEnd: boolean): boolean {
  const test = (sub: string): boolean => {
    const { a, b, ua, ub, wide } = bounds(s, start, end);
    const subLen = wide || SURR.test(sub) ? cpLen(sub) : sub.length;
    if (b - subLen < a) return false;
    if (subLen === 0) return true;
    return atEnd ? s.startsWith(sub, ub - sub.length) : s.startsWith(sub, ua);
  };
  if (isTuple(prefixArg)) {
    for (const p of prefixArg) {
      const sub = strOf(p);
      if (sub === null) throw pyErr('TypeError', `tuple for ${name} must only contain str, not ${typeName(p)}`);
      if (test(sub)) return true;
    }
    return false;
  }
  const sub = strOf(prefixArg);
  if (sub === null) throw pyErr('TypeError', `${name} first arg must be str or a tuple of str, not ${typeName(prefixArg)}`);
  return test(sub);
}

function splitWs(s: string, maxsplit: number): string[] {
  const out: string[] = [];
  const n = s.length;
  let i = 0;
  if (maxsplit < 0) maxsplit = Infinity;
  while (maxsplit-- > 0) {
    while (i < n && isWs(s.charCodeAt(i))) i++;
    if (i === n) break;
    const j = i++;
    while (i < n && !isWs(s.charCodeAt(i))) i++;
    out.push(s.slice(j, i));
  }
  if (i < n) {
    while (i < n && isWs(s.charCodeAt(i))) i++;
    if (i !== n) out.push(s.slice(i));
  }
  return out;
}

function rsplitWs(s: string, maxsplit: number): string[] {
  const out: string[] = [];
  let i = s.length - 1;
  if (maxsplit < 0) maxsplit = Infinity;
  while (maxsplit-- > 0) {
    while (i >= 0 && isWs(s.charCodeAt(i))) i--;
    if (i < 0) break;
    const j = i--;
    while (i >= 0 && !isWs(s.charCodeAt(i))) i--;
    out.push(s.slice(i + 1, j + 1));
  }
  if (i >= 0) {
    while (i >= 0 && isWs(s.charCodeAt(i))) i--;
    if (i >= 0) out.push(s.slice(0, i + 1));
  }
  return out.reverse();
}

function sepArg(v: unknown): string | null {
  if (v === undefined || v === null) return null;
  const sep = strOf(v);
  if (sep === null) throw pyErr('TypeError', `must be str or None, not ${typeName(v)}`);
  if (sep === '') throw pyErr('ValueError', 'empty separator');
  return sep;
}

export function pySplit(s: string, sepA: unknown, maxA: unknown): string[] {
  const sep = sepArg(sepA);
  const max = maxA === undefined ? -1 : asIndex(maxA);
  if (sep === null) return splitWs(s, max);
  if (max < 0) return s.split(sep);
  const out: string[] = [];
  let i = 0;
  for (let k = 0; k < max; k++) {
    const j = s.indexOf(sep, i);
    if (j < 0) break;
    out.push(s.slice(i, j));
    i = j + sep.length;
  }
  out.push(s.slice(i));
  return out;
}

export function pyRsplit(s: string, sepA: unknown, maxA: unknown): string[] {
  const sep = sepArg(sepA);
  const max = maxA === undefined ? -1 : asIndex(maxA);
  if (sep === null) return rsplitWs(s, max);
  if (max < 0) return s.split(sep);
  const out: string[] = [];
  let j = s.length;
  for (let k = 0; k < max; k++) {
    const i = j - sep.length < 0 ? -1 : s.lastIndexOf(sep, j - sep.length);
    if (i < 0) break;
    out.push(s.slice(i + sep.length, j));
    j = i;
  }
  out.push(s.slice(0, j));
  return out.reverse();
}

const LINE_BREAK = /\r\n|[\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]/g;

export function pySplitlines(s: string, keepA: unknown): string[] {
  const keep = keepA === undefined ? false : asIndex(keepA) !== 0;
  const out: string[] = [];
  let i = 0;
  LINE_BREAK.lastIndex = 0;
  for (let m = LINE_BREAK.exec(s); m !== null; m = LINE_BREAK.exec(s)) {
    out.push(s.slice(i, keep ? m.index + m[0].length : m.index));
    i = m.index + m[0].length;
  }
  if (i < s.length) out.push(s.slice(i));
  return out;
}

function partition(s: string, sepA: unknown, reverse: boolean): unknown[] {
  const sep = needStr(sepA);
  if (sep === '') throw pyErr('ValueError', 'empty separator');
  const i = reverse ? s.lastIndexOf(sep) : s.indexOf(sep);
  if (i < 0) return mkTuple(reverse ? ['', '', s] : [s, '', '']);
  return mkTuple([s.slice(0, i), sep, s.slice(i + sep.length)]);
}

/** Iterate a Python iterable for join-like consumers. */
export function iterValues(v: unknown): unknown[] | null {
  if (Array.isArray(v)) return v;
  if (typeof v === 'string') return Array.from(v);
  if (v instanceof Map) return [...v.keys()];
  if (v instanceof Set) return [...v];
  if (isDict(v)) return Object.keys(v);
  if (v !== null && typeof v === 'object' && typeof (v as Iterable<unknown>)[Symbol.iterator] === 'function' && !(v instanceof Undefined)) {
    return [...(v as Iterable<unknown>)];
  }
  if (v instanceof StrictUndefined) return v.fail();
  if (v instanceof Undefined) return [];
  return null;
}

export function pyJoin(sep: string, iterable: unknown): string {
  const items = iterValues(iterable);
  if (items === null) throw pyErr('TypeError', 'can only join an iterable');
  let out = '';
  for (let i = 0; i < items.length; i++) {
    const it = items[i];
    const str = typeof it === 'string' ? it : strOf(it);
    if (str === null) throw pyErr('TypeError', `sequence item ${i}: expected str instance, ${typeName(it)} found`);
    out += i === 0 ? str : sep + str;
    if (out.length > 0xffff) checkSize(out.length, 'joined string');
  }
  return out;
}

function justify(s: string, a: unknown[], mode: 'l' | 'r' | 'c'): string {
  const width = asIndex(a[0]);
  const fill = fillChar(a[1]);
  const len = cpLen(s);
  if (width <= len) return s;
  checkSize(width * fill.length, 'padded string');
  const marg = width - len;
  if (mode === 'l') return s + fill.repeat(marg);
  if (mode === 'r') return fill.repeat(marg) + s;
  const left = (marg >> 1) + (marg & width & 1);
  return fill.repeat(left) + s + fill.repeat(marg - left);
}

function replace(s: string, a: unknown[]): string {
  const old = strOf(a[0]);
  if (old === null) throw pyErr('TypeError', `replace() argument 1 must be str, not ${typeName(a[0])}`);
  const nw = strOf(a[1]);
  if (nw === null) throw pyErr('TypeError', `replace() argument 2 must be str, not ${typeName(a[1])}`);
  let count = a[2] === undefined ? -1 : asIndex(a[2]);
  if (count < 0) {
    if (old === '') {
      checkSize(s.length + (s.length + 1) * nw.length, 'replaced string');
      return nw + Array.from(s).join(nw) + (s.length ? nw : '');
    }
    const parts = s.split(old);
    checkSize(s.length + (parts.length - 1) * (nw.length - old.length), 'replaced string');
    return parts.join(nw);
  }
  if (old === '') {
    const cps = Array.from(s);
    let out = '';
    let k = 0;
    checkSize(s.length + Math.min(count, cps.length + 1) * nw.length, 'replaced string');
    for (; k < cps.length && count > 0; k++, count--) out += nw + cps[k];
    if (count > 0 && k === cps.length) return out + nw;
    return out + cps.slice(k).join('');
  }
  let out = '';
  let i = 0;
  while (count-- > 0) {
    const j = s.indexOf(old, i);
    if (j < 0) break;
    out += s.slice(i, j) + nw;
    if (out.length > 0xffff) checkSize(out.length, 'replaced string');
    i = j + old.length;
  }
  return out + s.slice(i);
}

function expandtabs(s: string, a: unknown[]): string {
  const tab = a[0] === undefined ? 8 : asIndex(a[0]);
  if (s.indexOf('\t') < 0) return s;
  let out = '';
  let col = 0;
  for (const ch of s) {
    if (ch === '\t') {
      if (tab > 0) {
        const n = tab - (col % tab);
        checkSize(out.length + n, 'expanded string');
        out += ' '.repeat(n);
        col += n;
      }
    } else {
      out += ch;
      col++;
      if (ch === '\n' || ch === '\r') col = 0;
    }
  }
  return out;
}

function title(s: string): string {
  if (!/[^\x00-\x7f]/.test(s)) {
    return s.replace(/[A-Za-z]+/g, (w) => w[0]!.toUpperCase() + w.slice(1).toLowerCase());
  }
  return s.replace(RE.casedRun, (run: string, off: number) => {
    const first = String.fromCodePoint(run.codePointAt(0)!);
    return titleChar(first) + lowerIn(s, run.slice(first.length), off + first.length);
  });
}

function capitalize(s: string): string {
  if (s === '') return s;
  const first = String.fromCodePoint(s.codePointAt(0)!);
  return titleChar(first) + lowerIn(s, s.slice(first.length), first.length);
}

function swapcase(s: string): string {
  return s.replace(RE.swapChar, (ch: string, off: number) => {
    if (RE.upper.test(ch)) return ch === 'Σ' ? lowerSigma(s, off) : ch.toLowerCase();
    return ch.toUpperCase();
  });
}

const FOLD_SPECIAL = /[\u0131\u13a0-\u13fd\u1e9e\uab70-\uabbf]/;

function casefold(s: string): string {
  if (!/[^\x00-\x7f]/.test(s)) return s.toLowerCase();
  // \u03c2 (final sigma) escaped: one non-ASCII character in a regex literal makes the whole bundle a
  // two-byte source, which V8 parses markedly slower at import
  if (!FOLD_SPECIAL.test(s)) return s.toUpperCase().toLowerCase().replace(/\u03c2/g, 'σ');
  let out = '';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (c === 0x131 || (c >= 0x13a0 && c <= 0x13f5)) out += ch;
    else if (c >= 0x13f8 && c <= 0x13fd) out += String.fromCharCode(c - 8);
    else if (c >= 0xab70 && c <= 0xabbf) out += String.fromCharCode(c - 0xab70 + 0x13a0);
    else if (c === 0x1e9e) out += 'ss';
    else out += ch.toUpperCase().toLowerCase();
  }
  return out;
}

function istitle(s: string): boolean {
  let cased = false;
  let prev = false;
  for (const ch of s) {
    if (RE.upperOrTitle.test(ch)) {
      if (prev) return false;
      prev = cased = true;
    } else if (RE.lower.test(ch)) {
      if (!prev) return false;
      prev = cased = true;
    } else prev = false;
  }
  return cased;
}

function zfill(s: string, a: unknown[]): string {
  const width = asIndex(a[0]);
  const len = cpLen(s);
  if (len >= width) return s;
  checkSize(width, 'zero-filled string');
  const fill = width - len;
  if (s[0] === '+' || s[0] === '-') return s[0] + '0'.repeat(fill) + s.slice(1);
  return '0'.repeat(fill) + s;
}

function translate(s: string, a: unknown[]): string {
  const table = a[0];
  const lookup = (cp: number): unknown => {
    if (table instanceof Map) return table.has(cp) ? table.get(cp) : MISS;
    if (Array.isArray(table)) return cp < table.length ? table[cp] : MISS;
    if (isDict(table)) {
      const k = String(cp);
      return hasOwn.call(table, k) ? (table as Record<string, unknown>)[k] : MISS;
    }
    if (typeof table === 'string') return cp < table.length ? table[cp] : MISS;
    throw pyErr('TypeError', `'${typeName(table)}' object is not subscriptable`);
  };
  let out = '';
  for (const ch of s) {
    const r = lookup(ch.codePointAt(0)!);
    if (r === MISS) out += ch;
    else if (r === null || r === undefined) continue;
    else if (typeof r === 'number' && Number.isInteger(r)) {
      if (r < 0 || r > 0x10ffff) throw pyErr('ValueError', 'character mapping must be in range(0x110000)');
      out += String.fromCodePoint(r);
    } else {
      const t = strOf(r);
      if (t === null) throw pyErr('TypeError', 'character mapping must return integer, None or str');
      out += t;
      if (out.length > 0xffff) checkSize(out.length, 'translated string');
    }
  }
  return out;
}
const MISS = Symbol('miss');

function removeAffix(v: unknown, name: string): string {
  const p = strOf(v);
  if (p === null) throw pyErr('TypeError', `${name}() argument must be str, not ${typeName(v)}`);
  return p;
}

function count(s: string, a: unknown[]): number {
  const sub = needStr(a[0]);
  const { a: ca, b: cb, ua, ub, wide } = bounds(s, a[1], a[2]);
  const subLen = wide || SURR.test(sub) ? cpLen(sub) : sub.length;
  if (cb - ca < subLen) return 0;
  if (sub.length === 0) return cb - ca + 1;
  let n = 0;
  for (let i = s.indexOf(sub, ua); i >= 0 && i + sub.length <= ub; i = s.indexOf(sub, i + sub.length)) n++;
  return n;
}

function formatMap(s: string, a: unknown[]): string {
  const m = a[0];
  if (!isDict(m)) throw pyErr('TypeError', `'${typeName(m)}' object is not subscriptable`);
  return strFormat(s, [], m as Record<string, unknown>);
}

/** The str method table: name -> implementation. Arity is declared in methods.ts. */
export const STR_IMPLS: Record<string, StrImpl> = Object.assign(Object.create(null) as Record<string, StrImpl>, {
  capitalize: (s: string) => capitalize(s),
  casefold: (s: string) => casefold(s),
  center: (s: string, a: unknown[]) => justify(s, a, 'c'),
  count,
  endswith: (s: string, a: unknown[]) => tailmatch(s, a[0], a[1], a[2], 'endswith', true),
  expandtabs,
  find: (s: string, a: unknown[]) => findImpl(s, a, false),
  format_map: formatMap,
  index: (s: string, a: unknown[]) => {
    const r = findImpl(s, a, false);
    if (r < 0) throw pyErr('ValueError', 'substring not found');
    return r;
  },
  isalnum: (s: string) => RE.alnum.test(s),
  isalpha: (s: string) => RE.alpha.test(s),
  isascii: (s: string) => /^[\x00-\x7f]*$/.test(s),
  isdecimal: (s: string) => RE.decimal.test(s),
  isdigit: (s: string) => RE.digit.test(s),
  isidentifier: (s: string) => RE.identifier.test(s),
  islower: (s: string) => !RE.upperOrTitle.test(s) && RE.lower.test(s),
  isnumeric: (s: string) => RE.numeric.test(s),
  isprintable: (s: string) => !RE.unprintable.test(s),
  isspace: (s: string) => WS_ALL.test(s),
  istitle: (s: string) => istitle(s),
  isupper: (s: string) => !RE.lowerOrTitle.test(s) && RE.upper.test(s),
  join: (s: string, a: unknown[]) => pyJoin(s, a[0]),
  ljust: (s: string, a: unknown[]) => justify(s, a, 'l'),
  lower: (s: string) => s.toLowerCase(),
  lstrip: (s: string, a: unknown[]) => doStrip(s, a[0], 1),
  partition: (s: string, a: unknown[]) => partition(s, a[0], false),
  removeprefix: (s: string, a: unknown[]) => {
    const p = removeAffix(a[0], 'removeprefix');
    return p !== '' && s.startsWith(p) ? s.slice(p.length) : s;
  },
  removesuffix: (s: string, a: unknown[]) => {
    const p = removeAffix(a[0], 'removesuffix');
    return p !== '' && s.endsWith(p) ? s.slice(0, s.length - p.length) : s;
  },
  replace,
  rfind: (s: string, a: unknown[]) => findImpl(s, a, true),
  rindex: (s: string, a: unknown[]) => {
    const r = findImpl(s, a, true);
    if (r < 0) throw pyErr('ValueError', 'substring not found');
    return r;
  },
  rjust: (s: string, a: unknown[]) => justify(s, a, 'r'),
  rpartition: (s: string, a: unknown[]) => partition(s, a[0], true),
  rsplit: (s: string, a: unknown[]) => pyRsplit(s, a[0], a[1]),
  rstrip: (s: string, a: unknown[]) => doStrip(s, a[0], 2),
  split: (s: string, a: unknown[]) => pySplit(s, a[0], a[1]),
  splitlines: (s: string, a: unknown[]) => pySplitlines(s, a[0]),
  startswith: (s: string, a: unknown[]) => tailmatch(s, a[0], a[1], a[2], 'startswith', false),
  strip: (s: string, a: unknown[]) => doStrip(s, a[0], 3),
  swapcase: (s: string) => swapcase(s),
  title: (s: string) => title(s),
  translate,
  upper: (s: string) => s.toUpperCase(),
  zfill,
});
