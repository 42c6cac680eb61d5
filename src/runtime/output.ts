/**
 * Turning values into output text: `{{ x }}` without autoescape (`strOut`) and with it (`escOut`),
 * plus the string joins behind `~`.
 */

import { checkSize } from './limits.js';
import { escapeHtml } from './markup.js';
import { pyStr } from './repr.js';
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
