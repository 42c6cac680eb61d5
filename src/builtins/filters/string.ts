/**
 * String filters: upper lower capitalize title center trim replace format indent truncate
 * wordcount wordwrap string. A Markup input stays Markup where markupsafe's str methods keep it
 * (upper, lower, capitalize, center, strip, replace, slicing), and becomes plain text where
 * Jinja2 rebuilds the string (title, wordwrap).
 */

import { pyErr } from '../../errors.js';
import { checkSize } from '../../runtime/limits.js';
import { lazy } from '../../runtime/lazy.js';
import { cpLen } from '../../runtime/format-spec.js';
import { percentFormat } from '../../runtime/format.js';
import { escape, escapeHtml, markupPercent } from '../../runtime/markup.js';
import { mul, truthy } from '../../runtime/ops.js';
import { pyRepr, pyStr, typeName } from '../../runtime/repr.js';
import { pyRsplit, pySplitlines, STR_IMPLS } from '../../runtime/str-methods.js';
import type { EnvLike, EvalContext, Kwargs } from '../../runtime/types.js';
import { isDict, isTuple, Markup, mkTuple, Undefined } from '../../runtime/values.js';
import { textwrap } from './textwrap.js';
import {
  assertionError, FilterArgumentError, hasHtml, PY_SPACE, pyLen, softStr, splitKwargs, strOf,
} from './util.js';

const S = STR_IMPLS;

/** Apply a str method to soft_str(value), keeping Markup as Markup. */
function strMethod(value: unknown, name: string, args: unknown[]): string | Markup {
  const s = softStr(value);
  if (typeof s === 'string') return S[name]!(s, args) as string;
  return new Markup(S[name]!(s.s, args) as string);
}

/**
 * Convert a value to uppercase.
 * `{{ 'foo'|upper }}` → `FOO`
 */
export function upper(s: unknown): unknown {
  if (typeof s === 'string') return s.toUpperCase();
  return strMethod(s, 'upper', []);
}
upper.params = ['s'];

/**
 * Convert a value to lowercase.
 * `{{ 'FOO'|lower }}` → `foo`
 */
export function lower(s: unknown): unknown {
  if (typeof s === 'string') return s.toLowerCase();
  return strMethod(s, 'lower', []);
}
lower.params = ['s'];

/**
 * First character uppercase (titlecase), the rest lowercase.
 * `{{ 'hello WORLD'|capitalize }}` → `Hello world`
 */
export function capitalize(s: unknown): unknown {
  return strMethod(s, 'capitalize', []);
}
capitalize.params = ['s'];

const WORD_BEGINNING_SPLIT = new RegExp(`([-${PY_SPACE}({\\[<]+)`);

/**
 * Titlecase each word (words start after whitespace, `-`, `(`, `{`, `[`, `<`).
 * `{{ 'hello world'|title }}` → `Hello World`
 */
export function title(s: unknown): string {
  const text = strOf(s) ?? pyStr(s);
  let out = '';
  for (const item of text.split(WORD_BEGINNING_SPLIT)) {
    if (item === '') continue;
    const first = String.fromCodePoint(item.codePointAt(0)!);
    out += first.toUpperCase() + item.slice(first.length).toLowerCase();
  }
  return out;
}
title.params = ['s'];

/**
 * Center the value in a field of the given width (default 80).
 * `{{ 'abc'|center(7) }}` → `  abc  `
 */
export function center(value: unknown, width: unknown = 80): unknown {
  return strMethod(value, 'center', [width]);
}
center.params = ['value', 'width'];

/**
 * Strip leading and trailing characters, whitespace by default.
 * `{{ '  foo  '|trim }}` → `foo`
 */
export function trim(value: unknown, chars: unknown = null): unknown {
  return strMethod(value, 'strip', [chars]);
}
trim.params = ['value', 'chars'];

/**
 * Replace occurrences of a substring (the first `count` only, if given). Under autoescape a
 * Markup value stays Markup and the replacement is escaped.
 * `{{ 'Hello World'|replace('Hello', 'Goodbye') }}` → `Goodbye World`
 */
export function replace(evalCtx: EvalContext, s: unknown, old: unknown, nw: unknown, count: unknown = null): unknown {
  const cnt = count === null || count === undefined ? -1 : count;
  if (!evalCtx.autoescape) {
    const str = typeof s === 'string' ? s : pyStr(s);
    const o = typeof old === 'string' ? old : pyStr(old);
    const n = typeof nw === 'string' ? nw : pyStr(nw);
    if (cnt === -1) return S.replace!(str, [o, n]);
    return S.replace!(str, [o, n, cnt]);
  }
  let base: string | Markup;
  if (hasHtml(old) || (hasHtml(nw) && !hasHtml(s))) base = escape(s);
  else base = softStr(s);
  const o = softStr(old);
  const n = softStr(nw);
  const os = typeof o === 'string' ? o : o.s;
  if (base instanceof Markup) return new Markup(S.replace!(base.s, [os, escape(n).s, cnt]) as string);
  return S.replace!(base, [os, typeof n === 'string' ? n : n.s, cnt]);
}
replace.params = ['s', 'old', 'new', 'count'];
replace.pass = 'evalContext' as const;
replace.required = 3;
replace.pyName = 'do_replace';

/**
 * printf-style formatting: `value % args` (or `% kwargs`).
 * `{{ '%s, %s!'|format('Hello', 'World') }}` → `Hello, World!`
 */
export function format(value: unknown, ...rest: unknown[]): unknown {
  const [args, kwargs] = splitKwargs(rest);
  const hasKw = Object.keys(kwargs).length > 0;
  if (args.length > 0 && hasKw) throw new FilterArgumentError("can't handle positional and keyword arguments at the same time");
  const fmt = softStr(value);
  const operand: unknown = hasKw ? kwargs : mkTuple(args.slice());
  if (fmt instanceof Markup) return markupPercent(fmt, operand);
  return percentFormat(fmt, operand);
}
format.params = ['value'];
format.varArgs = true;
format.varKw = true;

/**
 * Indent every line but the first (and blank lines) by `width` spaces or by a string.
 * `{{ 'a\nb'|indent(2) }}` → `a\n  b`
 */
export function indent(s: unknown, width: unknown = 4, first: unknown = false, blank: unknown = false): unknown {
  const w = strOf(width);
  const indention = w !== null ? w : (mul(' ', width) as string);
  let text = strOf(s);
  if (text === null) {
    if (s instanceof Undefined) return s.fail();
    // Python's `s += '\n'`: a list extends itself (then has no splitlines), a tuple cannot
    if (isTuple(s)) throw pyErr('TypeError', `can only concatenate tuple (not "str") to tuple`);
    if (Array.isArray(s) && typeName(s) === 'list') throw pyErr('AttributeError', `'list' object has no attribute 'splitlines'`);
    throw pyErr('TypeError', `unsupported operand type(s) for +=: '${typeName(s)}' and 'str'`);
  }
  text += '\n';
  checkSize(text.length + (text.split('\n').length + 1) * indention.length, 'indented string');
  let rv: string;
  if (truthy(blank)) {
    rv = pySplitlines(text, undefined).join('\n' + indention);
  } else {
    const lines = pySplitlines(text, undefined);
    rv = lines.shift()!;
    if (lines.length > 0) rv += '\n' + lines.map((line) => (line ? indention + line : line)).join('\n');
  }
  if (truthy(first)) rv = indention + rv;
  return s instanceof Markup ? new Markup(rv) : rv;
}
indent.params = ['s', 'width', 'first', 'blank'];

function cpSlice(s: string, end: number): string {
  return cpLen(s) === s.length ? s.slice(0, end) : Array.from(s).slice(0, end).join('');
}

/**
 * Truncate to `length` characters (default 255), cutting at a word boundary unless `killwords`,
 * appending `end`; strings within `leeway` (policy `truncate.leeway`, default 5) of the length
 * are kept whole.
 * `{{ 'foo bar baz qux'|truncate(9) }}` → `foo...`
 */
export function truncate(
  env: EnvLike, s: unknown, length: unknown = 255, killwords: unknown = false, end: unknown = '...', leeway: unknown = null,
): unknown {
  if (leeway === null || leeway === undefined) leeway = env.policies['truncate.leeway'] ?? 5;
  const endStr = strOf(end) ?? pyStr(end);
  const endLen = pyLen(end);
  const len = Number(length);
  if (!(len >= endLen)) throw assertionError(`expected length >= ${endLen}, got ${pyStr(length)}`);
  if (!(Number(leeway) >= 0)) throw assertionError(`expected leeway >= 0, got ${pyStr(leeway)}`);
  if (pyLen(s) <= len + Number(leeway)) return s;
  const text = strOf(s);
  if (text === null) throw pyErr('TypeError', `'${typeName(s)}' object is not subscriptable`);
  let result = cpSlice(text, len - endLen);
  if (!truthy(killwords)) result = pyRsplit(result, ' ', 1)[0]!;
  if (s instanceof Markup) return new Markup(result + escape(end).s);
  return result + endStr;
}
truncate.params = ['s', 'length', 'killwords', 'end', 'leeway'];
truncate.pass = 'environment' as const;

const wordRe = lazy(() => new RegExp('[\\p{L}\\p{N}_]+', 'gu')); // first use: see runtime/lazy.ts

/**
 * Count the words (runs of word characters).
 * `{{ 'foo bar baz'|wordcount }}` → `3`
 */
export function wordcount(s: unknown): number {
  const text = strOf(s) ?? pyStr(s);
  const m = text.match(wordRe());
  return m === null ? 0 : m.length;
}
wordcount.params = ['s'];

/**
 * Wrap text to `width` columns (default 79); existing newlines separate paragraphs that are
 * wrapped separately. Lines are joined with `wrapstring` (default: the environment's newline
 * sequence).
 * `{{ 'The quick brown fox'|wordwrap(10) }}` → `The quick\nbrown fox`
 */
export function wordwrap(
  env: EnvLike, s: unknown, width: unknown = 79, breakLongWords: unknown = true, wrapstring: unknown = null,
  breakOnHyphens: unknown = true,
): unknown {
  if (wrapstring === null || wrapstring === undefined) {
    wrapstring = (env as EnvLike & { newlineSequence?: string }).newlineSequence ?? '\n';
  }
  const text = strOf(s);
  if (text === null) {
    if (s instanceof Undefined) return s.fail();
    throw pyErr('AttributeError', `'${typeName(s)}' object has no attribute 'splitlines'`);
  }
  const opts = {
    width: Number(width),
    breakLongWords: truthy(breakLongWords),
    breakOnHyphensIsTrue: breakOnHyphens === true,
    breakOnHyphens: truthy(breakOnHyphens),
    widthRepr: pyRepr(width),
  };
  const paragraphs = pySplitlines(text, undefined).map((line) => textwrap(line, opts));
  if (wrapstring instanceof Markup) {
    const sep = wrapstring.s;
    return new Markup(paragraphs.map((lines) => lines.map(escapeHtml).join(sep)).join(sep));
  }
  const sep = strOf(wrapstring);
  if (sep === null) throw pyErr('AttributeError', `'${typeName(wrapstring)}' object has no attribute 'join'`);
  return paragraphs.map((lines) => lines.join(sep)).join(sep);
}
wordwrap.params = ['s', 'width', 'break_long_words', 'wrapstring', 'break_on_hyphens'];
wordwrap.pass = 'environment' as const;

/**
 * Convert to a string, keeping Markup as Markup (markupsafe's soft_str).
 * `{{ 42|string }}` → `42`
 */
export function string(value: unknown): unknown {
  return softStr(value);
}
string.params = ['value'];

export type { Kwargs };
