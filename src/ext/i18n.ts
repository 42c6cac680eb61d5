/**
 * Jinja2's i18n extension (`jinja2.ext.i18n`, also enabled as `'i18n'`): the
 * `{% trans %}...{% pluralize %}...{% endtrans %}` tag, the `_()` global, and the install API
 * that puts `gettext`, `ngettext`, `pgettext` and `npgettext` into the environment's globals.
 *
 * As in Jinja2, enabling the extension installs nothing but `_` (which calls whatever `gettext`
 * the template sees): rendering a translation before installing one fails with
 * UndefinedError "'gettext' is undefined". Install translations with
 * {@link installGettextCallables}, {@link installGettextTranslations} or
 * {@link installNullTranslations}.
 *
 * @example
 * const env = new Environment({ extensions: ['i18n'] });
 * installGettextCallables(env, {
 *   gettext: (s: string) => ({ Hello: 'Hallo' })[s] ?? s,
 *   ngettext: (s: string, p: string, n: number) => (n === 1 ? s : p),
 *   newstyle: true,
 * });
 * env.fromString('{% trans %}Hello{% endtrans %}, {{ _("Hello") }}').render(); // 'Hallo, Hallo'
 */

import { pyErr, TemplateAssertionError } from '../errors.js';
import type { Extension } from '../extensions.js';
import { eq, mod, truthy } from '../runtime/ops.js';
import { strRepr } from '../runtime/repr.js';
import { markSafe, registerDebugRepr } from '../runtime/trans.js';
import type { Callable, ContextLike, EnvLike, Kwargs } from '../runtime/types.js';
import { isKwargsObject } from '../runtime/values.js';
import type * as A from '../syntax/ast.js';
import type { Parser } from '../syntax/parser.js';
import type { Token } from '../syntax/tokens.js';
import { PY_SPACE } from '../builtins/filters/util.js';

/** The part of an Environment the install functions use. */
export interface I18nEnv {
  globals: Record<string, unknown>;
  policies: Record<string, unknown>;
}

/** A translations object (Python's `gettext.GNUTranslations` shape). `pgettext`/`npgettext` are optional. */
export interface Translations {
  gettext(message: string): unknown;
  ngettext(singular: string, plural: string, n: unknown): unknown;
  pgettext?(context: string, message: string): unknown;
  npgettext?(context: string, singular: string, plural: string, n: unknown): unknown;
  /** Preferred over `gettext` when present, as in Jinja2. */
  ugettext?(message: string): unknown;
  /** Preferred over `ngettext` when present, as in Jinja2. */
  ungettext?(singular: string, plural: string, n: unknown): unknown;
}

/** What {@link installGettextCallables} installs. */
export interface GettextCallables {
  gettext: Callable;
  ngettext: Callable;
  /** Switch the environment to (or from) new-style gettext; omitted/null keeps the current setting. */
  newstyle?: boolean | null;
  pgettext?: Callable | null;
  npgettext?: Callable | null;
}

interface I18nState {
  /** Jinja2's `environment.newstyle_gettext`. */
  newstyle: boolean;
}

const STATE = new WeakMap<object, I18nState>();

function stateOf(env: object, what: string): I18nState {
  const st = STATE.get(env);
  if (!st) throw new TypeError(`${what}: the i18n extension is not enabled on this environment`);
  return st;
}

// --------------------------------------------------------------------------- install API

/**
 * Whether the environment uses new-style gettext (Jinja2's `env.newstyle_gettext`).
 * @example getNewstyleGettext(new Environment({ extensions: ['i18n'] })) // false
 */
export function getNewstyleGettext(env: I18nEnv): boolean {
  return stateOf(env, 'getNewstyleGettext').newstyle;
}

/**
 * Set `env.newstyle_gettext`. Like Jinja2, this only affects callables installed and templates
 * compiled afterwards.
 * @example setNewstyleGettext(env, true)
 */
export function setNewstyleGettext(env: I18nEnv, newstyle: boolean): void {
  stateOf(env, 'setNewstyleGettext').newstyle = newstyle;
}

/**
 * Jinja2's `env.install_gettext_callables(gettext, ngettext, newstyle, pgettext, npgettext)`:
 * make the functions the `gettext`, `ngettext`, `pgettext` and `npgettext` globals, wrapped for
 * new-style gettext (variables as keywords, autoescape-aware) when the environment uses it.
 * The callables follow jinjit's calling convention (see `Callable`); they may ask for the
 * context with `pass: 'context'`.
 * @example
 * installGettextCallables(env, {
 *   gettext: (s: string) => s.toUpperCase(),
 *   ngettext: (s: string, p: string, n: number) => (n === 1 ? s : p),
 *   newstyle: true,
 * });
 * env.fromString('{{ _("hi %(name)s", name="bob") }}').render(); // 'HI bob'
 */
export function installGettextCallables(env: I18nEnv, callables: GettextCallables): void {
  const st = stateOf(env, 'installGettextCallables');
  if (callables.newstyle !== undefined && callables.newstyle !== null) st.newstyle = callables.newstyle;
  let { gettext, ngettext } = callables;
  let pgettext = callables.pgettext ?? null;
  let npgettext = callables.npgettext ?? null;
  if (st.newstyle) {
    gettext = makeNewGettext(gettext);
    ngettext = makeNewNgettext(ngettext);
    if (pgettext !== null) pgettext = makeNewPgettext(pgettext);
    if (npgettext !== null) npgettext = makeNewNpgettext(npgettext);
  }
  Object.assign(env.globals, { gettext, ngettext, pgettext, npgettext });
}

/**
 * Jinja2's `env.install_gettext_translations(translations, newstyle)`: install the methods of a
 * translations object (`ugettext`/`ungettext` preferred when present).
 * @example
 * installGettextTranslations(env, {
 *   gettext: (m) => catalog[m] ?? m,
 *   ngettext: (s, p, n) => (n === 1 ? s : p),
 * }, true);
 */
export function installGettextTranslations(env: I18nEnv, translations: Translations, newstyle?: boolean | null): void {
  const t = translations as unknown as Record<string, unknown>;
  const method = (name: string): Callable | null => {
    const f = t[name];
    return typeof f === 'function' ? (f.bind(translations) as Callable) : null;
  };
  const gettext = method('ugettext') ?? method('gettext');
  const ngettext = method('ungettext') ?? method('ngettext');
  if (gettext === null || ngettext === null) throw new TypeError('translations must have gettext and ngettext methods');
  installGettextCallables(env, { gettext, ngettext, newstyle, pgettext: method('pgettext'), npgettext: method('npgettext') });
}

/**
 * Jinja2's `env.install_null_translations(newstyle)`: gettext.NullTranslations, returning the
 * message ids unchanged (singular when `n == 1`, else plural).
 * @example
 * installNullTranslations(env);
 * env.fromString('{% trans n=2 %}{{ n }} cat{% pluralize %}{{ n }} cats{% endtrans %}').render(); // '2 cats'
 */
export function installNullTranslations(env: I18nEnv, newstyle?: boolean | null): void {
  stateOf(env, 'installNullTranslations');
  installGettextCallables(env, {
    gettext: NULL_TRANSLATIONS.gettext,
    ngettext: NULL_TRANSLATIONS.ngettext,
    newstyle,
    pgettext: NULL_TRANSLATIONS.pgettext,
    npgettext: NULL_TRANSLATIONS.npgettext,
  });
}

/**
 * Jinja2's `env.uninstall_gettext_translations(translations)`: remove the four globals (`_`
 * stays, and fails again with "'gettext' is undefined").
 * @example uninstallGettextTranslations(env)
 */
export function uninstallGettextTranslations(env: I18nEnv, translations?: unknown): void {
  void translations; // accepted for parity with Jinja2, which ignores it too
  stateOf(env, 'uninstallGettextTranslations');
  for (const key of ['gettext', 'ngettext', 'pgettext', 'npgettext']) delete env.globals[key];
}

// --------------------------------------------------------------------------- callables

function named<F extends Function>(fn: F, name: string): F {
  Object.defineProperty(fn, 'name', { value: name });
  return fn;
}

/** A null-prototype object: the runtime's trailing keyword-argument object. */
function isKwargs(v: unknown): v is Kwargs {
  return isKwargsObject(v);
}

/** Split `(...positional, kwargs?)` as `varKw` callables receive them. */
function splitKw(rest: unknown[]): [unknown[], Kwargs | null] {
  if (rest.length && isKwargs(rest[rest.length - 1])) return [rest.slice(0, -1), rest[rest.length - 1] as Kwargs];
  return [rest, null];
}

function plural(n: number): string {
  return n === 1 ? '' : 's';
}

/**
 * Python's "takes N positional arguments" / "missing N required positional argument" checks,
 * counting the implicit first parameter (`self` of a method, the context of a pass_context function).
 */
function checkArity(what: string, params: readonly string[], args: unknown[]): void {
  const shown = params.length + 1;
  if (args.length > params.length) {
    throw pyErr('TypeError', `${what}() takes ${shown} positional argument${plural(shown)} but ${args.length + 1} were given`);
  }
  const missing = params.filter((_, i) => i >= args.length || args[i] === undefined);
  if (missing.length) {
    const names = missing.map((m) => strRepr(m));
    const list = names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
    throw pyErr('TypeError', `${what}() missing ${missing.length} required positional argument${plural(missing.length)}: ${list}`);
  }
}

/** A plain Python-style function with named required parameters. */
function pyFunction(name: string, params: readonly string[], impl: (...args: unknown[]) => unknown): Callable {
  const fn = named(function (this: unknown, ...args: unknown[]): unknown {
    checkArity(name, params, args);
    return impl(...args);
  }, name) as Callable;
  fn.params = params;
  return fn;
}

/** Python's `gettext.NullTranslations` methods. */
const NULL_TRANSLATIONS = {
  gettext: pyFunction('NullTranslations.gettext', ['message'], (m) => m),
  ngettext: pyFunction('NullTranslations.ngettext', ['msgid1', 'msgid2', 'n'], (s, p, n) => (eq(n, 1) ? s : p)),
  pgettext: pyFunction('NullTranslations.pgettext', ['context', 'message'], (_c, m) => m),
  npgettext: pyFunction('NullTranslations.npgettext', ['context', 'msgid1', 'msgid2', 'n'], (_c, s, p, n) => (eq(n, 1) ? s : p)),
};
for (const [k, f] of Object.entries(NULL_TRANSLATIONS)) {
  registerDebugRepr(f, `<bound method NullTranslations.${k} of <gettext.NullTranslations object>>`);
}

/** Call a translation function through the context, as Jinja2's `context.call`. */
function ctxCall(ctx: ContextLike, fn: unknown, args: unknown[], kwargs: Kwargs | null = null): unknown {
  return ctx.environment.call(fn, args, kwargs, ctx);
}

/** `rv % variables` after marking `rv` safe under autoescape (new-style gettext). */
function finishNew(ctx: ContextLike, rv: unknown, variables: Map<unknown, unknown>): unknown {
  if (ctx.evalCtx.autoescape) rv = markSafe(rv);
  // always a format string, even without variables, so `%%` reads as `%`
  return mod(rv, variables);
}

function variablesOf(kw: Kwargs | null): Map<unknown, unknown> {
  const m = new Map<unknown, unknown>();
  if (kw) for (const k of Object.keys(kw)) m.set(k, kw[k]);
  return m;
}

/** A `pass: 'context'` callable taking `params` positionally plus any keywords. */
function contextFunction(
  name: string, params: readonly string[], impl: (ctx: ContextLike, args: unknown[], vars: Map<unknown, unknown>) => unknown,
): Callable {
  const fn = named(function (ctx: ContextLike, ...rest: unknown[]): unknown {
    const [args, kw] = splitKw(rest);
    checkArity(name, params, args);
    return impl(ctx, args, variablesOf(kw));
  }, name) as Callable;
  fn.pass = 'context';
  fn.varKw = true;
  return fn;
}

/** Jinja2's `_make_new_gettext`. */
function makeNewGettext(func: Callable): Callable {
  return contextFunction('_make_new_gettext.<locals>.gettext', ['__string'], (ctx, [s], vars) =>
    finishNew(ctx, ctxCall(ctx, func, [s]), vars));
}

/** Jinja2's `_make_new_ngettext`: `num` defaults to the count. */
function makeNewNgettext(func: Callable): Callable {
  return contextFunction('_make_new_ngettext.<locals>.ngettext', ['__singular', '__plural', '__num'], (ctx, [s, p, n], vars) => {
    if (!vars.has('num')) vars.set('num', n);
    return finishNew(ctx, ctxCall(ctx, func, [s, p, n]), vars);
  });
}

/** Jinja2's `_make_new_pgettext`: `context` defaults to the message context. */
function makeNewPgettext(func: Callable): Callable {
  return contextFunction('_make_new_pgettext.<locals>.pgettext', ['__string_ctx', '__string'], (ctx, [c, s], vars) => {
    if (!vars.has('context')) vars.set('context', c);
    return finishNew(ctx, ctxCall(ctx, func, [c, s]), vars);
  });
}

/** Jinja2's `_make_new_npgettext`. */
function makeNewNpgettext(func: Callable): Callable {
  return contextFunction(
    '_make_new_npgettext.<locals>.npgettext', ['__string_ctx', '__singular', '__plural', '__num'], (ctx, [c, s, p, n], vars) => {
      if (!vars.has('context')) vars.set('context', c);
      if (!vars.has('num')) vars.set('num', n);
      return finishNew(ctx, ctxCall(ctx, func, [c, s, p, n]), vars);
    },
  );
}

/**
 * The `_` global (Jinja2's `_gettext_alias`): calls the `gettext` the context resolves (render
 * data, template variables, globals), with the same arguments.
 */
const gettextAlias = named(function (ctx: ContextLike, ...rest: unknown[]): unknown {
  const [args, kw] = splitKw(rest);
  return ctxCall(ctx, ctx.resolve('gettext'), args, kw);
}, '_gettext_alias') as Callable;
gettextAlias.pass = 'context';
gettextAlias.varKw = true;
gettextAlias.varArgs = true;

// --------------------------------------------------------------------------- parsing

function pos(t: Token): A.Loc {
  return { line: t.line, col: t.col, offset: t.offset };
}

function nameNode(name: string, at: A.Loc, ctx: 'load' | 'store' = 'load'): A.Name {
  return { type: 'Name', name, ctx, loc: at };
}

function assertionError(p: Parser, msg: string, at: A.Loc): never {
  throw new TemplateAssertionError(msg, at, p.stream.name, p.stream.source);
}

const WS_RE = new RegExp(`[${PY_SPACE}]*\\n[${PY_SPACE}]*`, 'g');
const STRIP_RE = new RegExp(`^[${PY_SPACE}]+|[${PY_SPACE}]+$`, 'g');

/** Jinja2's `_trim_whitespace`: strip, and collapse every line break with its surrounding whitespace into a space. */
export function trimWhitespace(s: string): string {
  return s.replace(STRIP_RE, '').replace(WS_RE, ' ');
}

/** Jinja2's `_parse_block`: the message id of a trans body and the names it references. */
function parseBlock(p: Parser, allowPluralize: boolean): [string[], string] {
  const referenced: string[] = [];
  let buf = '';
  for (;;) {
    const cur = p.stream.current;
    if (cur.type === 'data') {
      buf += (cur.value as string).replace(/%/g, '%%');
      p.stream.next();
    } else if (cur.type === 'variable_begin') {
      p.stream.next();
      const name = p.stream.expect('name').value as string;
      referenced.push(name);
      buf += `%(${name})s`;
      p.stream.expect('variable_end');
    } else if (cur.type === 'block_begin') {
      p.stream.next();
      const blockName = p.stream.type() === 'name' ? (p.stream.current.value as string) : null;
      if (blockName === 'endtrans') break;
      if (blockName === 'pluralize') {
        if (allowPluralize) break;
        p.fail('a translatable section can have only one pluralize section');
      }
      if (blockName === 'trans') p.fail("trans blocks can't be nested; did you mean `endtrans`?");
      p.fail(`control structures in translatable sections are not allowed; saw \`${blockName ?? 'None'}\``);
    } else if (cur.type === 'eof') {
      p.fail('unclosed translation block');
    } else {
      throw new Error('internal parser error');
    }
  }
  return [referenced, buf];
}

/** Jinja2's `InternationalizationExtension.parse` + `_make_node`. */
function parseTrans(p: Parser): A.Stmt | A.Stmt[] {
  const at = pos(p.stream.next());
  const env = p.environment;
  const contextTok = p.stream.type() === 'string' ? p.stream.next() : null;
  const context = contextTok ? (contextTok.value as string) : null;

  let pluralExpr: A.Expr | null = null;
  let pluralAssign: A.Assign | null = null;
  let numCalledNum = false;
  const variables = new Map<string, A.Expr>();
  let trimmed: boolean | null = null;
  while (p.stream.type() !== 'block_end') {
    if (variables.size) p.stream.expect('comma');
    // skip colon for python compatibility
    if (p.stream.skipIf('colon')) break;
    const token = p.stream.expect('name');
    const name = token.value as string;
    if (variables.has(name)) assertionError(p, `translatable variable ${strRepr(name)} defined twice.`, pos(token));
    let value: A.Expr;
    if (p.stream.type() === 'assign') {
      p.stream.next();
      value = p.parseExpression();
    } else if (trimmed === null && (name === 'trimmed' || name === 'notrimmed')) {
      trimmed = name === 'trimmed';
      continue;
    } else {
      value = nameNode(name, pos(token));
    }
    variables.set(name, value);
    if (pluralExpr === null) {
      if (value.type === 'Call') {
        // evaluated once into `_trans`, then used both as variable and as count
        pluralExpr = nameNode('_trans', value.loc);
        variables.set(name, pluralExpr);
        pluralAssign = { type: 'Assign', target: nameNode('_trans', value.loc, 'store'), node: value, loc: value.loc };
      } else {
        pluralExpr = value;
      }
      numCalledNum = name === 'num';
    }
  }
  p.stream.expect('block_end');

  const referenced = new Set<string>();
  const [singularNames, singularRaw] = parseBlock(p, true);
  let singular = singularRaw;
  let plural: string | null = null;
  let havePlural = false;
  for (const n of singularNames) referenced.add(n);
  if (singularNames.length && pluralExpr === null) {
    pluralExpr = nameNode(singularNames[0]!, at);
    numCalledNum = singularNames[0] === 'num';
  }

  if (p.stream.test('name:pluralize')) {
    havePlural = true;
    p.stream.next();
    if (p.stream.type() !== 'block_end') {
      const token = p.stream.expect('name');
      const name = token.value as string;
      if (!variables.has(name)) assertionError(p, `unknown variable ${strRepr(name)} for pluralization`, pos(token));
      pluralExpr = variables.get(name)!;
      numCalledNum = name === 'num';
    }
    p.stream.expect('block_end');
    const [pluralNames, pluralRaw] = parseBlock(p, false);
    plural = pluralRaw;
    p.stream.next();
    for (const n of pluralNames) referenced.add(n);
  } else {
    p.stream.next();
  }

  // free names in the body are looked up like template variables
  for (const n of referenced) if (!variables.has(n)) variables.set(n, nameNode(n, at));

  if (!havePlural) pluralExpr = null;
  else if (pluralExpr === null) p.fail('pluralize without variables', at);

  const policies = (env as Partial<I18nEnv> | undefined)?.policies;
  if (trimmed === null) trimmed = truthy(policies?.['ext.i18n.trimmed'] ?? false);
  if (trimmed) {
    singular = trimWhitespace(singular);
    if (plural) plural = trimWhitespace(plural);
  }

  // _make_node
  const newstyle = env !== undefined && (STATE.get(env)?.newstyle ?? false);
  if (referenced.size === 0 && !newstyle) {
    // no variables referenced: old-style gettext output is not %-formatted
    singular = singular.replace(/%%/g, '%');
    if (plural) plural = plural.replace(/%%/g, '%');
  }
  const node: A.Trans = {
    type: 'Trans',
    singular,
    plural: havePlural ? plural : null,
    context,
    count: pluralExpr,
    variables: [...variables],
    newstyle,
    numCalledNum: numCalledNum && havePlural,
    loc: at,
  };
  return pluralAssign ? [pluralAssign, node] : node;
}

// --------------------------------------------------------------------------- the extension

/**
 * `jinja2.ext.i18n`: the `{% trans %}` tag and the `_` global. Enabling it makes the install
 * functions of this module usable on the environment.
 * @example new Environment({ extensions: ['jinja2.ext.i18n'] })
 */
export const i18nExtension: Extension = {
  name: 'jinja2.ext.i18n',
  tags: { trans: parseTrans },
  setup(env) {
    const e = env as unknown as I18nEnv & EnvLike;
    if (!STATE.has(e)) STATE.set(e, { newstyle: false });
    e.globals._ = gettextAlias;
    if (!('ext.i18n.trimmed' in e.policies)) e.policies['ext.i18n.trimmed'] = false;
  },
};
