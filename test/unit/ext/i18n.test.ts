/**
 * The i18n extension's install API (src/ext/i18n.ts): the parts the oracle fixtures
 * (fixtures/cases/ext.jsonl) cannot exercise — translations objects, uninstalling, switching
 * newstyle, context-aware callables, and the errors of an environment without the extension.
 * Expected strings are what Jinja2 3.1.6 renders for the same calls.
 */

import { describe, expect, it } from 'vitest';
import { Environment, UndefinedError } from '../../../src/index.js';
import {
  getNewstyleGettext, installGettextCallables, installGettextTranslations, installNullTranslations,
  setNewstyleGettext, trimWhitespace, uninstallGettextTranslations,
} from '../../../src/ext/i18n.js';
import type { Callable, ContextLike } from '../../../src/runtime/types.js';

const CATALOG: Record<string, string> = { Hello: 'Hallo', 'Hello %(name)s': 'Hallo %(name)s', 'menu\x04Open': 'Öffnen' };

const translations = {
  catalog: CATALOG,
  gettext(m: string) {
    return this.catalog[m] ?? m;
  },
  ngettext(s: string, p: string, n: unknown) {
    return n === 1 ? (this.catalog[s] ?? s) : p;
  },
  pgettext(c: string, m: string) {
    return this.catalog[`${c}\x04${m}`] ?? m;
  },
};

function i18nEnv(opts: ConstructorParameters<typeof Environment>[0] = {}): Environment {
  return new Environment({ extensions: ['jinja2.ext.i18n'], ...opts });
}

describe('i18n install API', () => {
  it('fails like Jinja2 before anything is installed', () => {
    const env = i18nEnv();
    expect(() => env.fromString('{{ _("Hello") }}').render()).toThrow(UndefinedError);
    expect(() => env.fromString('{% trans %}Hello{% endtrans %}').render()).toThrow("'gettext' is undefined");
  });

  it('installs a translations object (methods keep their this)', () => {
    const env = i18nEnv();
    installGettextTranslations(env, translations);
    expect(env.fromString('{% trans %}Hello{% endtrans %}|{{ _("Hello") }}|{{ pgettext("menu", "Open") }}').render())
      .toBe('Hallo|Hallo|Öffnen');
    expect(env.globals.npgettext).toBeNull();
  });

  it('prefers ugettext/ungettext', () => {
    const env = i18nEnv();
    installGettextTranslations(env, { ...translations, ugettext: (m: string) => `u:${m}` });
    expect(env.fromString('{{ _("x") }}').render()).toBe('u:x');
  });

  it('uninstalls the four globals but keeps _', () => {
    const env = i18nEnv();
    installNullTranslations(env);
    expect(env.fromString('{{ _("a") }}').render()).toBe('a');
    uninstallGettextTranslations(env);
    expect(Object.keys(env.globals)).toContain('_');
    expect(env.globals.gettext).toBeUndefined();
    expect(() => env.fromString('{{ _("a") }}').render()).toThrow("'gettext' is undefined");
  });

  it('newstyle: set by install, kept by later installs, read when templates are compiled', () => {
    const env = i18nEnv();
    expect(getNewstyleGettext(env)).toBe(false);
    installNullTranslations(env, true);
    expect(getNewstyleGettext(env)).toBe(true);
    const compiledNew = env.fromString('{% trans %}100%{% endtrans %}');
    installGettextTranslations(env, translations); // newstyle omitted: stays true
    expect(getNewstyleGettext(env)).toBe(true);
    expect(env.fromString('{{ _("Hello %(name)s", name="<b>") }}').render()).toBe('Hallo <b>');
    setNewstyleGettext(env, false);
    installNullTranslations(env);
    expect(env.fromString('{{ _("%(a)s") }}').render()).toBe('%(a)s');
    // the template compiled under newstyle still passes `100%%` to gettext
    expect(compiledNew.render()).toBe('100%%');
  });

  it('newstyle escapes variables under autoescape and marks the translation safe', () => {
    const env = i18nEnv({ autoescape: true });
    installGettextCallables(env, { gettext: (s: string) => `<i>${s}</i>`, ngettext: (s: string) => s, newstyle: true });
    expect(env.fromString('{% trans x="<b>" %}{{ x }}!{% endtrans %}').render()).toBe('<i>&lt;b&gt;!</i>');
  });

  it('passes the context to pass_context translation callables', () => {
    const env = i18nEnv();
    const gettext = ((ctx: ContextLike, s: string) => `${String(ctx.resolve('LANG'))}:${s}`) as Callable;
    gettext.pass = 'context';
    installGettextCallables(env, { gettext, ngettext: (s: string) => s, newstyle: true });
    expect(env.fromString('{% trans %}Hi{% endtrans %} {{ _("Yo") }}').render({ LANG: 'de' })).toBe('de:Hi de:Yo');
  });

  it('refuses environments without the extension', () => {
    const env = new Environment();
    expect(() => installNullTranslations(env)).toThrow(/i18n extension is not enabled/);
  });

  it('trims whitespace as Jinja2', () => {
    expect(trimWhitespace('  a  \n\n  b \t c \u2028 d ')).toBe('a b \t c \u2028 d');
  });
});
