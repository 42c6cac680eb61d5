/**
 * jinjit: Jinja2 templates compiled to JavaScript, rendering exactly what Python Jinja2 3.1 renders.
 *
 * @example
 * import { render } from 'jinjit';
 * render('Hello {{ name }}!', { name: 'World' }); // 'Hello World!'
 */

import { Environment, type EnvironmentOptions } from './environment.js';

export { Environment, type EnvironmentOptions } from './environment.js';
export { Template } from './template.js';
export * from './errors.js';
export * from './loaders.js';
export type { Extension } from './extensions.js';
export {
  installGettextCallables, installGettextTranslations, installNullTranslations, uninstallGettextTranslations,
  getNewstyleGettext, setNewstyleGettext, type GettextCallables, type Translations,
} from './ext/i18n.js';
export {
  Undefined, StrictUndefined, ChainableUndefined, DebugUndefined, Markup, pyFloat, PyFloat, mkTuple,
} from './runtime/values.js';
export type { Callable, Kwargs, EvalContext, ContextLike } from './runtime/types.js';
export { parse } from './syntax/parser.js';
export { tokenize } from './syntax/lexer.js';

const sharedEnvs = new Map<string, Environment>();

/**
 * Render a template string once. Environments are shared per option set, so repeated calls with
 * the same options reuse builtins (templates from strings are not cached).
 * @example render('{{ 10 / 4 }}', {}) // '2.5'
 */
export function render(source: string, context: Record<string, unknown> = {}, options: EnvironmentOptions = {}): string {
  const key = Object.keys(options).length === 0 ? '' : safeKey(options);
  let env = key === null ? undefined : sharedEnvs.get(key);
  if (!env) {
    env = new Environment(options);
    if (key !== null) sharedEnvs.set(key, env);
  }
  return env.fromString(source).render(context);
}

function safeKey(options: EnvironmentOptions): string | null {
  for (const v of Object.values(options)) if (typeof v === 'function' || (typeof v === 'object' && v !== null)) return null;
  return JSON.stringify(options);
}
export { chatEnvironment, chatOptions, type ChatEnvironmentOptions } from "./chat.js";
export { express, type ExpressOptions, type ExpressEngine } from './express.js';
export { precompile, precompileDeclaration, defaultResolve, staticReferences, type PrecompileOptions, type PrecompileResult } from './precompile.js';
export {
  findUndeclaredVariables, findReferencedTemplates, locateUndeclaredVariables, locateReferencedTemplates,
  type MetaPosition, type TemplateReference, type TemplateInput,
} from './meta.js';
export { inferContextType } from './infer-type.js';
export { RuntimeEnvironment, defineTemplate, type RuntimeEnvironmentInit, type PrecompiledTemplate } from './runtime/environment.js';
