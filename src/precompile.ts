/**
 * Precompiling: a template becomes the source of a standalone ES module that imports only
 * `jinjit/runtime` (no lexer, parser or compiler, no `new Function`), so it renders under a
 * strict CSP or on Cloudflare Workers, and bundlers see templates as ordinary modules.
 */

import { chatOptions } from './chat.js';
import { Environment, type EnvironmentOptions } from './environment.js';
import {
  CODE_FORMAT, installChatBuiltins, undefinedClassName, type PrecompiledOptions,
} from './runtime/environment.js';
import type { Callable } from './runtime/types.js';
import type * as A from './syntax/ast.js';
import type { Variant } from './runtime/variant-ops.js';
import { lit } from './compiler/writer.js';

/** Options of `precompile()`: the Environment options the template is compiled with, plus output settings. */
export interface PrecompileOptions extends EnvironmentOptions {
  /** Template name: used for errors, autoescape-by-name and relative dependency paths. */
  name?: string;
  /** Compile with this environment (its filters, tests, extensions) instead of one built from the options. */
  environment?: Environment;
  /** Custom filters and tests the template uses (give the same ones to the RuntimeEnvironment). */
  filters?: Record<string, Callable>;
  tests?: Record<string, Callable>;
  /** Compile for transformers' chat environment (see `chatEnvironment`). */
  chat?: boolean;
  /**
   * Module specifier for a template the template statically extends/includes/imports, or null
   * to load it at render time through the RuntimeEnvironment. Default: the name relative to
   * this template's name plus `.js` (`'layouts/base.html'` from `'pages/a.html'` → `'../layouts/base.html.js'`).
   */
  resolve?: (name: string, from: string | undefined) => string | null;
  /** Specifier of the runtime module (default `'jinjit/runtime'`). */
  runtimeImport?: string;
  /** Embed the template source so errors show a code frame (default false). */
  includeSource?: boolean;
  /**
   * Also emit the code `renderAsync`/`generateAsync` (`'async'`) and `generate` (`'stream'`) run;
   * `true` for both. Default none: the module stays small and those methods throw a TypeError.
   */
  variants?: boolean | Variant[];
}

/** A precompiled module and what it depends on. */
export interface PrecompileResult {
  /** ES module source. */
  code: string;
  /** Templates referenced by constant name, with the specifier each was imported as (null: loaded at runtime). */
  dependencies: { name: string; specifier: string | null }[];
}

/** `path.posix.relative` for template names, without depending on node:path. */
function relativeName(from: string | undefined, to: string): string {
  const fromDir = (from ?? '').split('/').slice(0, -1).filter((p) => p !== '' && p !== '.');
  const target = to.split('/').filter((p) => p !== '' && p !== '.');
  let common = 0;
  while (common < fromDir.length && common < target.length - 1 && fromDir[common] === target[common]) common++;
  const ups = fromDir.length - common;
  const rest = target.slice(common).join('/');
  return (ups === 0 ? './' : '../'.repeat(ups)) + rest;
}

/**
 * The default dependency specifier: `name` relative to the importing template, plus `.js`.
 * @example defaultResolve('layouts/base.html', 'pages/a.html') // '../layouts/base.html.js'
 */
export function defaultResolve(name: string, from: string | undefined): string {
  return `${relativeName(from, name)}.js`;
}

/** Constant template names an `extends`, `include` or `import` refers to, in order of appearance. */
export function staticReferences(ast: A.Template): string[] {
  const out: string[] = [];
  const names = (e: A.Expr): void => {
    if (e.type === 'Const' && typeof e.value === 'string') out.push(e.value);
    else if (e.type === 'List' || e.type === 'Tuple') for (const i of e.items) names(i);
  };
  const visit = (node: unknown): void => {
    if (node === null || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach(visit);
    const n = node as A.Node;
    if (n.type === 'Extends' || n.type === 'Include' || n.type === 'Import' || n.type === 'FromImport') names(n.template);
    for (const [k, v] of Object.entries(n)) if (k !== 'loc' && typeof v === 'object') visit(v);
  };
  visit(ast.body);
  return [...new Set(out)];
}

/** Build the compile-time environment and the options the module records for its runtime one. */
function compileEnvironment(options: PrecompileOptions): { env: Environment; recorded: PrecompiledOptions } {
  const { name: _n, environment, filters, tests, chat, resolve: _r, runtimeImport: _i, includeSource: _s, ...envOptions } = options;
  void _n; void _r; void _i; void _s;
  let env = environment;
  if (!env) {
    env = new Environment(chat ? chatOptions(envOptions) : envOptions);
    if (chat) installChatBuiltins(env);
    for (const [k, f] of Object.entries(filters ?? {})) env.addFilter(k, f);
    for (const [k, f] of Object.entries(tests ?? {})) env.addTest(k, f);
  }
  const recorded: PrecompiledOptions = {};
  const undef = undefinedClassName(env.undefinedClass);
  if (undef && undef !== 'Undefined') recorded.undefined = undef;
  if (env.sandbox !== 'none') recorded.sandbox = env.sandbox;
  const exts = (chat ? chatOptions(envOptions).extensions : envOptions.extensions)?.filter((e): e is string => typeof e === 'string');
  if (exts?.length) recorded.extensions = exts;
  if (chat) recorded.chat = true;
  return { env, recorded };
}

/**
 * Compile a template to the source of an ES module. The module's default export renders it;
 * `template` is its Template (default environment of the compile options), `spec` what
 * `RuntimeEnvironment.templateFromModule` needs to bind it to an environment with custom filters.
 * Templates it extends/includes/imports by constant name become static imports.
 * @example
 * const { code } = precompile('{% extends "base.html" %}{% block body %}Hi {{ name }}{% endblock %}', { name: 'page.html' });
 * // code: import { defineTemplate } from "jinjit/runtime"; import * as d0 from "./base.html.js"; ...
 * //       export default function render(context) { ... }
 */
export function precompile(source: string, options: PrecompileOptions = {}): PrecompileResult {
  const { env, recorded } = compileEnvironment(options);
  const name = options.name;
  const { code, lineMap, ast } = env.compileToCode(source, name);
  const resolve = options.resolve ?? defaultResolve;
  const dependencies = staticReferences(ast).map((dep) => ({ name: dep, specifier: resolve(dep, name) }));
  const autoescape = typeof env.autoescape === 'function' ? Boolean(env.autoescape(name)) : env.autoescape;
  const bodyLines = code.split('\n');
  const wanted: Variant[] = options.variants === true ? ['async', 'stream'] : options.variants || [];
  const variantLines = wanted.length === 0 ? [] : [
    '  variants: {',
    ...wanted.flatMap((v) => [`    ${v}: function (rt) {`, env.compileToCode(source, name, v).code, '    },']),
    '  },',
  ];
  const imports = dependencies
    .map((d, i) => (d.specifier === null ? null : `import * as d${i} from ${lit(d.specifier)};`))
    .filter((l) => l !== null);
  const deps = dependencies
    .map((d, i) => (d.specifier === null ? null : `${lit(d.name)}: () => d${i}.spec`))
    .filter((l) => l !== null);
  const out = [
    `// Precompiled by jinjit${name !== undefined ? ` from ${lit(name)}` : ''}. Do not edit.`,
    `import { defineTemplate } from ${lit(options.runtimeImport ?? 'jinjit/runtime')};`,
    ...imports,
    // errors on the lines around `code` let the runtime map stack lines to template lines
    'const jj$before = new Error();',
    'function code(rt) {',
    ...bodyLines,
    '}',
    'const jj$after = new Error();',
    'export const spec = {',
    `  codeFormat: ${CODE_FORMAT},`,
    `  name: ${name === undefined ? 'undefined' : lit(name)},`,
    `  autoescape: ${autoescape},`,
    `  options: ${JSON.stringify(recorded)},`,
    `  deps: { __proto__: null${deps.map((d) => `, ${d}`).join('')} },`,
    '  code,',
    `  lineMap: ${JSON.stringify(lineMap)},`,
    ...(options.includeSource ? [`  source: ${lit(source)},`] : []),
    `  at: [jj$before, jj$after, ${bodyLines.length}],`,
    ...variantLines,
    '};',
    '/** The Template, in the default environment of the options it was compiled with. */',
    'export const template = /* @__PURE__ */ defineTemplate(spec);',
    '/** Render with the given variables. */',
    'export default function render(context) {',
    '  return template.render(context);',
    '}',
    '/** Render one block (with `super()` and top-level variables working). */',
    'export function renderBlock(name, context) {',
    '  return template.renderBlock(name, context);',
    '}',
    '',
  ];
  return { code: out.join('\n'), dependencies };
}

/**
 * The `.d.ts` of a precompiled module. `contextType` types `render(context)` (see
 * `inferContextType`); default `Record<string, unknown>`.
 * @example precompileDeclaration('{ user: { name: unknown } }')
 */
export function precompileDeclaration(contextType = 'Record<string, unknown>', runtimeImport = 'jinjit/runtime'): string {
  return [
    `import type { PrecompiledTemplate, Template } from ${lit(runtimeImport)};`,
    `/** The variables the template reads. */`,
    `export type Context = ${contextType};`,
    'export declare const spec: PrecompiledTemplate;',
    'export declare const template: Template;',
    '/** Render with the given variables. */',
    'export default function render(context?: Context): string;',
    '/** Render one block (with `super()` and top-level variables working). */',
    'export declare function renderBlock(name: string, context?: Context): string;',
    '',
  ].join('\n');
}
