/**
 * HTML and URL filters: escape/e, forceescape, safe, striptags, xmlattr, urlencode, urlize,
 * and attr (which sits here because, like xmlattr, it deals with attribute names).
 */

import { pyErr } from '../../errors.js';
import { attrOf } from '../../runtime/access.js';
import { hasHiddenAttribute } from '../../sandbox/policy.js';
import { cpLen } from '../../runtime/format-spec.js';
import { escape as escapeValue, escapeHtml } from '../../runtime/markup.js';
import { iterate } from '../../runtime/loop.js';
import { lazy } from '../../runtime/lazy.js';
import { truthy } from '../../runtime/ops.js';
import { pyRepr, pyStr, typeName } from '../../runtime/repr.js';
import { pySplit } from '../../runtime/str-methods.js';
import type { EnvLike, EvalContext } from '../../runtime/types.js';
import { ChainableUndefined, isPlainObject, Markup, MISSING, Undefined } from '../../runtime/values.js';
import { htmlUnescape } from './html-unescape.js';
import { FilterArgumentError, hasHtml, PY_SPACE, strOf } from './util.js';

/**
 * Escape `& < > ' "` for HTML and mark the result safe; Markup passes through unchanged.
 * `{{ '<b>'|escape }}` → `&lt;b&gt;`
 */
export function escape(value: unknown): Markup {
  if (value instanceof Markup) return value;
  if (typeof value === 'string') return new Markup(escapeHtml(value));
  return escapeValue(value);
}
escape.params = ['s'];

/**
 * Escape even values that are already Markup (may double-escape).
 * `{{ '<b>'|safe|forceescape }}` → `&lt;b&gt;`
 */
export function forceescape(value: unknown): Markup {
  const s = hasHtml(value) ? value.__html__() : pyStr(value);
  return new Markup(escapeHtml(s));
}
forceescape.params = ['value'];

/**
 * Mark a value as safe: it will not be escaped under autoescape.
 * `{{ '<b>x</b>'|safe }}` → `<b>x</b>`
 */
export function safe(value: unknown): Markup {
  if (value instanceof Markup) return value;
  return new Markup(hasHtml(value) ? value.__html__() : pyStr(value));
}
safe.params = ['value'];

/** markupsafe's `Markup(s).striptags()`: drop comments and tags, collapse spaces, unescape. */
export function striptagsText(value: string): string {
  for (let start = value.indexOf('<!--'); start !== -1; start = value.indexOf('<!--')) {
    const end = value.indexOf('-->', start);
    if (end === -1) break;
    value = value.slice(0, start) + value.slice(end + 3);
  }
  for (let start = value.indexOf('<'); start !== -1; start = value.indexOf('<')) {
    const end = value.indexOf('>', start);
    if (end === -1) break;
    value = value.slice(0, start) + value.slice(end + 1);
  }
  return htmlUnescape(pySplit(value, null, undefined).join(' '));
}

/**
 * Strip SGML/XML tags, collapse whitespace and unescape entities; returns plain text.
 * `{{ '<b>a</b>  &amp; b'|striptags }}` → `a & b`
 */
export function striptags(value: unknown): string {
  return striptagsText(hasHtml(value) ? value.__html__() : pyStr(value));
}
striptags.params = ['value'];

// Characters that would move an HTML parser from the attribute name to the value (ASCII \s).
const ATTR_KEY_RE = /[\t\n\v\f\r /=>]/;

/** The (key, value) pairs of a mapping, or Python's AttributeError for `.items()`. */
function dictItems(d: unknown): Iterable<[unknown, unknown]> {
  if (d instanceof Map) return d.entries();
  if (isPlainObject(d)) return Object.entries(d);
  if (d instanceof Undefined) return d.fail();
  throw pyErr('AttributeError', `'${typeName(d)}' object has no attribute 'items'`);
}

/**
 * Build an SGML/XML attribute string from a dict, skipping None and undefined values and
 * escaping values; a leading space is added unless `autospace` is false.
 * `{{ {'class': 'x', 'id': none}|xmlattr }}` → ` class="x"`
 */
export function xmlattr(evalCtx: EvalContext, d: unknown, autospace: unknown = true): unknown {
  const items: string[] = [];
  for (const [key, value] of dictItems(d)) {
    if (value === null || value === undefined || value instanceof Undefined) continue;
    const k = strOf(key);
    if (k === null) throw pyErr('TypeError', `expected string or bytes-like object, got '${typeName(key)}'`);
    if (ATTR_KEY_RE.test(k)) throw pyErr('ValueError', `Invalid character in attribute name: ${pyRepr(key)}`);
    items.push(`${escape(key).s}="${escape(value).s}"`);
  }
  let rv = items.join(' ');
  if (rv && truthy(autospace)) rv = ' ' + rv;
  return evalCtx.autoescape ? new Markup(rv) : rv;
}
xmlattr.params = ['d', 'autospace'];
xmlattr.pass = 'evalContext' as const;

/**
 * Get an attribute of an object (never an item, unlike `obj.name`); undefined if missing.
 * `{{ user|attr('name') }}` → the user's name
 */
export function attr(env: EnvLike, obj: unknown, name: unknown): unknown {
  if (typeof name !== 'string') {
    if (name instanceof Markup) name = name.s;
    else throw pyErr('TypeError', `attribute name must be string, not '${typeName(name)}'`);
  }
  const n = name as string;
  // in a sandbox, Python internals (`__class__`...) exist, so env.getattr reports them unsafe
  const hidden = env.sandbox !== 'none' && hasHiddenAttribute(obj, n);
  if (obj instanceof Undefined && !hidden) {
    // Undefined.__getattr__ raises AttributeError for a dunder it lacks: do_attr then returns a
    // fresh Undefined (an unsafe Undefined's SecurityError is not raised, as in Jinja2)
    if (n.startsWith('__') && !hasHiddenAttribute(obj, n)) return env.mkUndefined(null, obj, n);
    if (obj instanceof ChainableUndefined) return obj;
    return obj.fail();
  }
  if (!hidden && attrOf(obj, n) === MISSING) return env.mkUndefined(null, obj, n);
  return env.getattr(obj, n);
}
attr.params = ['obj', 'name'];
attr.pass = 'environment' as const;
attr.required = 2;
attr.pyName = 'do_attr';

// ---------------------------------------------------------------------------------------------
// URLs
// ---------------------------------------------------------------------------------------------

const ALWAYS_SAFE = /[A-Za-z0-9_.\-~]/;
const utf8 = new TextEncoder();

/** Jinja2's `url_quote`: percent-encode UTF-8, keeping `/` unless `forQs` (which also uses `+`). */
export function urlQuote(obj: unknown, forQs = false): string {
  const s = strOf(obj) ?? pyStr(obj);
  let out = '';
  for (const b of utf8.encode(s)) {
    const c = String.fromCharCode(b);
    if (b < 0x80 && (ALWAYS_SAFE.test(c) || (!forQs && c === '/'))) out += c;
    else out += '%' + (b < 16 ? '0' : '') + b.toString(16).toUpperCase();
  }
  return forQs ? out.replace(/%20/g, '+') : out;
}

function isIterable(v: unknown): boolean {
  if (Array.isArray(v) || v instanceof Map || isPlainObject(v) || v instanceof Undefined) return true;
  return v !== null && typeof v === 'object' && typeof (v as Iterable<unknown>)[Symbol.iterator] === 'function';
}

function unpack2(item: unknown): [unknown, unknown] {
  if (!isIterable(item) && strOf(item) === null) {
    throw pyErr('TypeError', `cannot unpack non-iterable ${typeName(item)} object`);
  }
  const parts = iterate(item);
  if (parts.length > 2) throw pyErr('ValueError', 'too many values to unpack (expected 2)');
  if (parts.length < 2) throw pyErr('ValueError', `not enough values to unpack (expected 2, got ${parts.length})`);
  return [parts[0], parts[1]];
}

/**
 * Quote a string for a URL path (`/` kept), or build a query string from a dict or from
 * `(key, value)` pairs.
 * `{{ {'a': 1, 'b': 'x y'}|urlencode }}` → `a=1&b=x+y`
 */
export function urlencode(value: unknown): string {
  if (strOf(value) !== null || !isIterable(value)) return urlQuote(value);
  const items: Iterable<unknown> = value instanceof Map || isPlainObject(value) ? dictItems(value) : iterate(value);
  const parts: string[] = [];
  for (const item of items) {
    const [k, v] = Array.isArray(item) && item.length === 2 ? (item as [unknown, unknown]) : unpack2(item);
    parts.push(`${urlQuote(k, true)}=${urlQuote(v, true)}`);
  }
  return parts.join('&');
}
urlencode.params = ['value'];

// Python `\w`, `\d`, `\S`, `\s` in Unicode mode; built on first use (see runtime/lazy.ts).
const Wc = '\\p{L}\\p{N}_';
const httpRe = lazy(() => new RegExp(
  '^(' +
    `(https?://|www\\.)(([${Wc}%-]+\\.)+)?([a-z]{2,63}|xn--[${Wc}%]{2,59})` +
    `|([${Wc}%-]{2,63}\\.)+(com|net|int|edu|gov|org|info|mil)` +
    `|(https?://)(((\\p{Nd}{1,3})(\\.\\p{Nd}{1,3}){3})|(\\[([\\p{Nd}a-f]{0,4}:){2}([\\p{Nd}a-f]{0,4}:?){1,6}\\]))` +
    `)(?::\\p{Nd}{1,5})?(?:[/?#][^${PY_SPACE}]*)?$`,
  'iu',
));
const emailRe = lazy(() => new RegExp(`^[^${PY_SPACE}]+@[${Wc}][${Wc}.-]*\\.[${Wc}]+$`, 'u'));
const uriSchemeRe = lazy(() => new RegExp(`^([${Wc}.+-]{2,}:(/){0,2})$`, 'u'));
const SPACE_SPLIT = new RegExp(`([${PY_SPACE}]+)`);
const LEAD_RE = /^(?:[(<]|&lt;)+/;
const TRAIL_RE = /(?:[)>.,\n]|&gt;)+$/;

function countOf(s: string, sub: string): number {
  return s.split(sub).length - 1;
}

function cpHead(s: string, n: number): string {
  return cpLen(s) === s.length ? s.slice(0, n) : Array.from(s).slice(0, n).join('');
}

/** Jinja2's `utils.urlize` on already-decided options. */
export function urlizeText(
  text: unknown, trimUrlLimit: number | null, rel: string | null, target: string | null, extraSchemes: string[] | null,
): string {
  const trimUrl = (x: string): string => (trimUrlLimit !== null && cpLen(x) > trimUrlLimit ? `${cpHead(x, trimUrlLimit)}...` : x);
  const words = escape(text).s.split(SPACE_SPLIT);
  const relAttr = rel ? ` rel="${escape(rel).s}"` : '';
  const targetAttr = target ? ` target="${escape(target).s}"` : '';
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    let head = '';
    let middle = word;
    let tail = '';
    let m = LEAD_RE.exec(middle);
    if (m) {
      head = m[0];
      middle = middle.slice(m[0].length);
    }
    if (/(?:[)>.,\n]|&gt;)$/.test(middle)) {
      m = TRAIL_RE.exec(middle);
      if (m) {
        tail = m[0];
        middle = middle.slice(0, m.index);
      }
    }
    for (const [startChar, endChar] of [['(', ')'], ['<', '>'], ['&lt;', '&gt;']] as const) {
      const startCount = countOf(middle, startChar);
      if (startCount <= countOf(middle, endChar)) continue;
      for (let k = Math.min(startCount, countOf(tail, endChar)); k > 0; k--) {
        const endIndex = tail.indexOf(endChar) + endChar.length;
        middle += tail.slice(0, endIndex);
        tail = tail.slice(endIndex);
      }
    }
    if (httpRe().test(middle)) {
      if (middle.startsWith('https://') || middle.startsWith('http://')) {
        middle = `<a href="${middle}"${relAttr}${targetAttr}>${trimUrl(middle)}</a>`;
      } else {
        middle = `<a href="https://${middle}"${relAttr}${targetAttr}>${trimUrl(middle)}</a>`;
      }
    } else if (middle.startsWith('mailto:') && emailRe().test(middle.slice(7))) {
      middle = `<a href="${middle}">${middle.slice(7)}</a>`;
    } else if (
      middle.includes('@') && !middle.startsWith('www.') && !middle.startsWith('@') && !middle.includes(':') &&
      emailRe().test(middle)
    ) {
      middle = `<a href="mailto:${middle}">${middle}</a>`;
    } else if (extraSchemes !== null) {
      for (const scheme of extraSchemes) {
        if (middle !== scheme && middle.startsWith(scheme)) {
          middle = `<a href="${middle}"${relAttr}${targetAttr}>${middle}</a>`;
        }
      }
    }
    words[i] = head + middle + tail;
  }
  return words.join('');
}

function policy(env: EnvLike, name: string, dflt: unknown): unknown {
  return Object.prototype.hasOwnProperty.call(env.policies, name) ? env.policies[name] : dflt;
}

function cpCompare(a: string, b: string): number {
  const x = Array.from(a);
  const y = Array.from(b);
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    if (x[i] !== y[i]) return x[i]!.codePointAt(0)! - y[i]!.codePointAt(0)!;
  }
  return x.length - y.length;
}

/**
 * Turn URLs (http(s)://, www., bare domains of common TLDs) and email addresses in text into
 * links. `rel` combines the argument, `nofollow` and policy `urlize.rel` ("noopener").
 * `{{ 'see www.example.com'|urlize }}` → `see <a href="https://www.example.com" rel="noopener">www.example.com</a>`
 */
export function urlize(
  evalCtx: EvalContext, value: unknown, trimUrlLimit: unknown = null, nofollow: unknown = false, target: unknown = null,
  rel: unknown = null, extraSchemes: unknown = null,
): unknown {
  const env = evalCtx.environment;
  const relParts = new Set(pySplit(strOf(rel) ?? (rel ? pyStr(rel) : ''), null, undefined));
  if (truthy(nofollow)) relParts.add('nofollow');
  const polRel = policy(env, 'urlize.rel', 'noopener');
  for (const p of pySplit(strOf(polRel) ?? (polRel ? pyStr(polRel) : ''), null, undefined)) relParts.add(p);
  const relStr = [...relParts].sort(cpCompare).join(' ') || null;
  if (target === null || target === undefined) target = policy(env, 'urlize.target', null);
  if (extraSchemes === null || extraSchemes === undefined) extraSchemes = policy(env, 'urlize.extra_schemes', null) || [];
  const schemes = iterate(extraSchemes).map((s) => s);
  for (const scheme of schemes) {
    const sc = strOf(scheme);
    if (sc === null) throw pyErr('TypeError', `expected string or bytes-like object, got '${typeName(scheme)}'`);
    if (!uriSchemeRe().test(sc)) throw new FilterArgumentError(`${pyRepr(scheme)} is not a valid URI scheme prefix.`);
  }
  const limit = trimUrlLimit === null || trimUrlLimit === undefined ? null : Number(trimUrlLimit);
  const tgt = target === null || target === undefined ? null : target === '' ? null : (strOf(target) ?? pyStr(target));
  const rv = urlizeText(value, limit, relStr, tgt, schemes.map((s) => strOf(s)!));
  return evalCtx.autoescape ? new Markup(rv) : rv;
}
urlize.params = ['value', 'trim_url_limit', 'nofollow', 'target', 'rel', 'extra_schemes'];
urlize.pass = 'evalContext' as const;
