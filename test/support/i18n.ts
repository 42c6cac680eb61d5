/**
 * The `i18n` and `policies` case options of fixtures/oracle/generate.py, mirrored for jinjit:
 * install null translations or gettext callables over a JSON catalog, exactly as the generator
 * does for Jinja2 (`catalog_callables` there).
 */

import type { Environment } from '../../src/index.js';
import { installGettextCallables, installNullTranslations } from '../../src/ext/i18n.js';
import { eq } from '../../src/runtime/ops.js';
import type { Callable } from '../../src/runtime/types.js';

export interface I18nOption {
  newstyle?: boolean;
  catalog?: Record<string, string | [string, string]>;
}

function fn(params: string[], impl: (...args: any[]) => unknown): Callable {
  const f = impl as Callable;
  f.params = params;
  return f;
}

/**
 * gettext, ngettext, pgettext and npgettext over a catalog: ids map to translations, singular
 * ids to `[singular, plural]`, context ids are keyed `context + "\x04" + id`.
 * @example catalogCallables({ Hi: 'Hallo' }).gettext('Hi') // 'Hallo'
 */
export function catalogCallables(catalog: Record<string, unknown>) {
  const get = (k: unknown) => (typeof k === 'string' && Object.prototype.hasOwnProperty.call(catalog, k) ? catalog[k] : undefined);
  const pluralForm = (entry: unknown, s: unknown, p: unknown, n: unknown) => {
    if (Array.isArray(entry)) return eq(n, 1) ? entry[0] : entry[1];
    if (typeof entry === 'string') return entry;
    return eq(n, 1) ? s : p;
  };
  return {
    gettext: fn(['message'], (m) => get(m) ?? m),
    ngettext: fn(['singular', 'plural', 'n'], (s, p, n) => pluralForm(get(s), s, p, n)),
    pgettext: fn(['context', 'message'], (c, m) => get(`${c}\x04${m}`) ?? m),
    npgettext: fn(['context', 'singular', 'plural', 'n'], (c, s, p, n) => pluralForm(get(`${c}\x04${s}`), s, p, n)),
  };
}

/** Apply a case's `policies` and `i18n` options to a freshly built environment. */
export function applyCaseExtras(env: Environment, options: Record<string, unknown>): void {
  const policies = options.policies as Record<string, unknown> | undefined;
  if (policies) Object.assign(env.policies, policies);
  const i18n = options.i18n as I18nOption | undefined;
  if (!i18n) return;
  if (i18n.catalog) installGettextCallables(env, { ...catalogCallables(i18n.catalog), newstyle: i18n.newstyle });
  else installNullTranslations(env, i18n.newstyle);
}
