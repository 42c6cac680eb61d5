/**
 * Runtime support of the i18n and debug extensions: what `{% trans %}` (old-style gettext) and
 * `{% debug %}` compile to. The tags themselves are parsed in src/ext/i18n.ts and
 * src/extensions.ts.
 */

import { pformat } from '../builtins/filters/pprint.js';
import { escapeHtml } from './markup.js';
import { mod } from './ops.js';
import { pyStr } from './repr.js';
import type { ContextLike } from './types.js';
import { isMarkup, Markup } from './values.js';

/**
 * markupsafe's `Markup(value)`: markup stays as it is, anything else becomes its `str()` marked
 * safe (without escaping).
 * @example markSafe('<b>').s // '<b>'
 */
export function markSafe(value: unknown): Markup {
  if (value instanceof Markup) return value;
  if (isMarkup(value)) return new Markup(value.__html__());
  return new Markup(pyStr(value));
}

/**
 * Finish an old-style `{% trans %}`: the gettext result, marked safe when autoescaping
 * (Jinja2's `MarkSafeIfAutoescape`), then `%`-formatted with the variables when the block has
 * any (so Markup escapes them).
 * @example trans('%(n)s <b>', new Map([['n', '<i>']]), true).s // '&lt;i&gt; <b>'
 */
export function trans(value: unknown, variables: Map<unknown, unknown> | null, autoescape: boolean): unknown {
  const v = autoescape ? markSafe(value) : value;
  return variables === null ? v : mod(v, variables);
}

/** Python reprs of builtin values that are classes in Jinja2 (`<class 'range'>`), by identity. */
const PY_REPRS = new WeakMap<object, string>();

/**
 * Make `{% debug %}` print `value` as `repr` (for globals that are classes in Python, such as
 * `range` → `<class 'range'>`).
 * @example registerDebugRepr(GLOBALS.cycler as object, "<class 'jinja2.utils.Cycler'>")
 */
export function registerDebugRepr(value: object, repr: string): void {
  PY_REPRS.set(value, repr);
}

/** A value printing as a fixed repr inside pformat. */
class ReprAs {
  constructor(readonly repr: string) {}
  __repr__(): string {
    return this.repr;
  }
}

/**
 * `{% debug %}` (Jinja2's DebugExtension._render): `pprint.pformat` (depth 3, compact) of the
 * context's variables (globals, render data and top-level assignments; not loop or block
 * locals), the sorted filter names and the sorted test names. Escaped when autoescaping, as
 * Jinja2 outputs it like any `{{ }}` value.
 * @example
 * env.fromString('{% debug %}').render({ a: 1 })
 * // "{'context': {'a': 1,\n             'cycler': <class 'jinja2.utils.Cycler'>, ..."
 */
export function debugInfo(ctx: ContextLike, locals?: Record<string, unknown>): string {
  void locals; // Jinja2 passes the context itself, which does not see frame locals
  const context = new Map<unknown, unknown>();
  const env = ctx.environment;
  const globals = (ctx as { globals?: Record<string, unknown> }).globals ?? env.globals;
  const all: Record<string, unknown> = Object.assign(Object.create(null), globals, ctx.getAll());
  for (const k of Object.keys(all)) {
    const v = all[k];
    const repr = v !== null && (typeof v === 'object' || typeof v === 'function') ? PY_REPRS.get(v) : undefined;
    context.set(k, repr === undefined ? v : new ReprAs(repr));
  }
  const result = new Map<unknown, unknown>([
    ['context', context],
    ['filters', Object.keys(env.filters).sort(codePointOrder)],
    ['tests', Object.keys(env.tests).sort(codePointOrder)],
  ]);
  const text = pformat(result, { depth: 3, compact: true });
  return ctx.evalCtx.autoescape ? escapeHtml(text) : text;
}

function codePointOrder(a: string, b: string): number {
  // Python sorts str by code point; JS by UTF-16 unit: they differ only across surrogates
  const x = Array.from(a);
  const y = Array.from(b);
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    if (x[i] !== y[i]) return x[i]!.codePointAt(0)! - y[i]!.codePointAt(0)!;
  }
  return x.length - y.length;
}
