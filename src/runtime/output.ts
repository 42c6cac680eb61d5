/**
 * Turning values into output text: `{{ x }}` without autoescape (`strOut`) and with it (`escOut`),
 * plus the string joins behind `~`.
 */

import { checkSize } from './limits.js';
import { escapeHtml } from './markup.js';
import { pyErr } from '../errors.js';
import { pyStr, typeName } from './repr.js';
import { isMarkup, Markup } from './values.js';

/** `{{ value }}` without autoescape. Strings and ints take the fast path. */
export function strOut(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' && Number.isInteger(v) && !Object.is(v, -0)) return String(v);
  return pyStr(v);
}

/** `{{ value }}` with autoescape: markup passes through, everything else is escaped. */
export function escOut(v: unknown): string {
  if (typeof v === 'string') return escapeHtml(v);
  if (typeof v === 'number' && Number.isInteger(v) && !Object.is(v, -0)) return String(v);
  if (isMarkup(v)) return v.__html__();
  return escapeHtml(pyStr(v));
}

/**
 * The result of a `{% filter %}` block: Jinja2 writes it as is (no `str()`, no escaping). A
 * non-string only fails when Python's `''.join` runs over the finished buffer, after the rest
 * of that buffer has rendered (a later error wins), so the TypeError waits in `pendingJoin`
 * until `joinBuffer()` at the end of the render or macro.
 */
export function rawOut(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v instanceof Markup) return v.s;
  // Python also names the chunk's index ("sequence item N: ..."), which jinjit does not count
  pendingJoin ??= pyErr('TypeError', `sequence item: expected str instance, ${typeName(v)} found`);
  return '';
}

/**
 * rawOut for the async and stream variants, whose renders interleave: the TypeError is raised
 * at once (so a later error in the same buffer does not win there, unlike Jinja2).
 */
export function rawOutNow(v: unknown): string {
  const s = rawOut(v);
  if (pendingJoin !== null) joinBuffer(null);
  return s;
}

let pendingJoin: Error | null = null;

/** The current buffer's pending join error (the interpreter locates it where it arises). */
export function pendingJoinError(): Error | null {
  return pendingJoin;
}

/** Start a buffer (render or macro call); returns the outer buffer's pending error. */
export function openBuffer(): Error | null {
  const outer = pendingJoin;
  pendingJoin = null;
  return outer;
}

/** End a buffer without raising: its pending join error is returned (the outer one restored). */
export function takeBuffer(outer: Error | null): Error | null {
  const e = pendingJoin;
  pendingJoin = outer;
  return e;
}

/** End a buffer: raise its pending join error, else restore the outer one. */
export function joinBuffer(outer: Error | null): void {
  const e = pendingJoin;
  pendingJoin = outer;
  if (e !== null) throw e;
}

export function markup(s: unknown): Markup {
  return s instanceof Markup ? s : new Markup(String(s));
}

export function identity<T>(v: T): T {
  return v;
}

/** `a ~ b` without autoescape. */
export function strConcat(parts: unknown[]): string {
  let s = '';
  for (const p of parts) s += strOut(p);
  checkSize(s.length, 'concatenated string');
  return s;
}

/**
 * `a ~ b` with autoescape (Jinja2's markup_join): plain text while no part is markup; once one
 * is, the result is Markup with the other parts escaped.
 */
export function markupConcat(parts: unknown[]): string | Markup {
  if (!parts.some(isMarkup)) return strConcat(parts);
  let s = '';
  for (const p of parts) s += escOut(p);
  checkSize(s.length, 'concatenated string');
  return new Markup(s);
}
