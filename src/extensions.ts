/**
 * Extensions as Jinja2 ships them (`jinja2.ext.do`, `loopcontrols`, `debug`, `i18n`), each
 * adding statement tags and, for i18n, globals. Custom extensions use the same shape.
 */

import { GLOBALS } from './builtins/globals.js';
import { i18nExtension } from './ext/i18n.js';
import { registerDebugRepr } from './runtime/trans.js';
import type * as A from './syntax/ast.js';
import type { Parser, TagParser } from './syntax/parser.js';

export { i18nExtension } from './ext/i18n.js';

/** An extension: tags it parses, and a hook to change the environment when installed. */
export interface Extension {
  name: string;
  tags?: Record<string, TagParser>;
  /** Called once when the environment is created. */
  setup?(env: { globals: Record<string, unknown>; filters: Record<string, unknown> }): void;
}

function here(p: Parser): A.Loc {
  const t = p.stream.next();
  return { line: t.line, col: t.col, offset: t.offset };
}

/** `{% do expr %}` evaluates an expression for its side effects. */
export const doExtension: Extension = {
  name: 'jinja2.ext.do',
  tags: { do: (p) => ({ type: 'ExprStmt', loc: here(p), node: p.parseTuple() }) },
};

/** `{% break %}` and `{% continue %}` inside loops. */
export const loopControls: Extension = {
  name: 'jinja2.ext.loopcontrols',
  tags: {
    break: (p) => ({ type: 'Break', loc: here(p) }),
    continue: (p) => ({ type: 'Continue', loc: here(p) }),
  },
};

/** Python reprs of the default globals that are classes in Jinja2, for `{% debug %}`. */
const CLASS_REPRS: Record<string, string> = {
  range: "<class 'range'>",
  dict: "<class 'dict'>",
  cycler: "<class 'jinja2.utils.Cycler'>",
  joiner: "<class 'jinja2.utils.Joiner'>",
  namespace: "<class 'jinja2.utils.Namespace'>",
};

/**
 * `{% debug %}` prints the context, filters and tests available (pprint'ed as Jinja2 does).
 * @example new Environment({ extensions: ['debug'] }).fromString('{% debug %}').render({ a: 1 })
 */
export const debugExtension: Extension = {
  name: 'jinja2.ext.debug',
  tags: { debug: (p) => ({ type: 'Debug', loc: here(p) }) },
  setup() {
    for (const [name, repr] of Object.entries(CLASS_REPRS)) {
      const v = GLOBALS[name];
      if (v !== null && (typeof v === 'function' || typeof v === 'object')) registerDebugRepr(v, repr);
    }
  },
};

/** transformers' `{% generation %}...{% endgeneration %}`: renders its body unchanged. */
export const generationExtension: Extension = {
  name: 'generation',
  tags: {
    generation: (p) => {
      const loc = here(p);
      const body = p.parseStatements(['name:endgeneration'], true);
      return { type: 'Scope', loc, body };
    },
  },
};

export const BUILTIN_EXTENSIONS: Record<string, Extension> = {
  'jinja2.ext.do': doExtension,
  do: doExtension,
  'jinja2.ext.loopcontrols': loopControls,
  loopcontrols: loopControls,
  'jinja2.ext.debug': debugExtension,
  debug: debugExtension,
  'jinja2.ext.i18n': i18nExtension,
  i18n: i18nExtension,
  generation: generationExtension,
};
