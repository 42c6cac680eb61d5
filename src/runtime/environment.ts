/**
 * The compiler-free half of an Environment: builtins, options, value access, and templates made
 * from precompiled modules (`jinjit compile`, `precompile()`). `Environment` extends it with the
 * lexer, parser, compiler and loaders; `jinjit/runtime` ships only this half, so precompiled
 * templates run where `new Function` is forbidden (CSP, Cloudflare Workers).
 */

import { FILTERS } from '../builtins/filters/index.js';
import { pyJsonDumps } from '../builtins/filters/json.js';
import { GLOBALS, safeRange } from '../builtins/globals.js';
import { strftime } from '../builtins/strftime.js';
import { TESTS } from '../builtins/tests.js';
import { registerRange } from '../error-map.js';
import { TemplateError, TemplateNotFound, TemplateRuntimeError, TemplatesNotFound } from '../errors.js';
import { BUILTIN_EXTENSIONS, type Extension } from '../extensions.js';
import { Sandbox, type SandboxOverrides } from '../sandbox/policy.js';
import { Template, type TemplateCode } from '../template.js';
import { getattr as rawGetattr, getitem as rawGetitem } from './access.js';
import { callValue, invoke, leadArg } from './call.js';
// cycle with index.ts is fine: `rt` is only read when a template is built
import { rt } from './index.js';
import { DEFAULT_LIMITS, type Limits } from './limits.js';
import type { TemplateEnv, TemplateLike } from './template-ops.js';
import type { Variant, VariantCode } from './variant-ops.js';
import type { Callable, ContextLike, Kwargs } from './types.js';
import {
  ChainableUndefined, DebugUndefined, MISSING, StrictUndefined, Undefined, type UndefinedClass,
} from './values.js';

/** Options shared by `RuntimeEnvironment` and `Environment`. */
export interface RuntimeEnvironmentOptions {
  /** Escape output for HTML: a boolean, or a function of the template name. Default false. */
  autoescape?: boolean | ((name: string | undefined) => boolean);
  /** Class for undefined values: Undefined (default), StrictUndefined, ChainableUndefined, DebugUndefined. */
  undefined?: UndefinedClass;
  /** Extensions by name (`'jinja2.ext.do'`, `'loopcontrols'`, ...) or object. */
  extensions?: (string | Extension)[];
  /** Called on every `{{ }}` value before printing. */
  finalize?: Callable;
  /**
   * 'none' (default), 'sandboxed' or 'immutable': Jinja2's SandboxedEnvironment and
   * ImmutableSandboxedEnvironment (see src/sandbox/policy.ts). Sandboxed templates cannot read
   * `_private`/internal attributes, call unsafe callables or build ranges over 100000 items; the
   * immutable one cannot mutate lists and dicts either.
   * @example new Environment({ sandbox: 'immutable' }).fromString('{{ [].append(1) }}').render() // SecurityError
   */
  sandbox?: 'none' | 'sandboxed' | 'immutable';
  /**
   * Sandbox only: decide whether templates may read attribute `name` of `obj` (Jinja2's
   * overridable `is_safe_attribute`). `value` is the attribute's value, or `undefined` for Python
   * internals jinjit has no value for (`__class__`, `mro`...); `fallback` is the mode's default
   * check. A refused attribute is an Undefined raising SecurityError when used. Items
   * (`d['_x']`) are never checked, and JS internals stay unreachable whatever this returns.
   * @example
   * new Environment({
   *   sandbox: 'sandboxed',
   *   isSafeAttribute: (obj, name, value, fallback) => name !== 'password' && fallback(obj, name, value),
   * });
   */
  isSafeAttribute?: SandboxOverrides['isSafeAttribute'];
  /**
   * Sandbox only: decide whether templates may call `fn` (Jinja2's overridable
   * `is_safe_callable`); `fallback` refuses functions marked `unsafeCallable`/`alters_data`.
   * A refused call raises SecurityError "<function name> is not safely callable".
   * @example
   * new Environment({ sandbox: 'sandboxed', isSafeCallable: (fn, fallback) => fn !== dangerous && fallback(fn) });
   */
  isSafeCallable?: SandboxOverrides['isSafeCallable'];
  /**
   * Limits against runaway templates (recursion depth, work budget, timeout, output and value
   * sizes). Defaults are far above what real templates use.
   * @example new Environment({ limits: { timeoutMs: 50, fuel: 1e6 } })
   */
  limits?: Partial<Limits>;
}

/** The serialisable options a precompiled module records, so it can render on its own. */
export interface PrecompiledOptions {
  undefined?: 'Undefined' | 'StrictUndefined' | 'ChainableUndefined' | 'DebugUndefined';
  sandbox?: 'none' | 'sandboxed' | 'immutable';
  /** Names of builtin extensions (their globals, e.g. i18n's `_`). */
  extensions?: string[];
  /** Hugging Face chat builtins (`tojson`, `raise_exception`, `strftime_now`). */
  chat?: boolean;
}

/**
 * What a precompiled module exports as `spec` (see `precompile()`): the template's code and
 * what the compiler knew about it.
 */
/**
 * Version of the contract between generated code and `rt` (helper names and signatures). Bumped
 * when it changes, so a module precompiled by another version fails clearly instead of midway.
 */
export const CODE_FORMAT = 3;

export interface PrecompiledTemplate {
  /** CODE_FORMAT of the compiler that made it (absent: format 1, before it was recorded). */
  codeFormat?: number;
  /** Template name (`undefined` for a template compiled from a string without a name). */
  name: string | undefined;
  /** Autoescape as decided at compile time for this name. */
  autoescape: boolean;
  /** The generated code: takes the runtime and returns the root and block functions. */
  code: (rt: never) => TemplateCode;
  /** Options the template was compiled with; used for its default environment. */
  options: PrecompiledOptions;
  /** Statically known templates it extends, includes or imports: name → spec (lazy for cycles). */
  deps: Record<string, () => PrecompiledTemplate>;
  /** Template line of each generated line of `code`, for error positions. */
  lineMap?: number[];
  /** Template source, for code frames in errors (only when compiled with `includeSource`). */
  source?: string;
  /** Where `code` sits in its file: errors thrown before and after it plus its line count. */
  at?: [Error, Error, number];
  /** Code of the async/stream variants, when precompiled with `variants`. */
  variants?: Partial<Record<Variant, (rt: never) => VariantCode>>;
}

/** A precompiled module's namespace (`import * as m from './page.js'`) or its `spec`. */
export type PrecompiledInput = PrecompiledTemplate | { spec: PrecompiledTemplate };

/** Options of `new RuntimeEnvironment(...)`. */
export interface RuntimeEnvironmentInit extends RuntimeEnvironmentOptions {
  /** Extra filters, tests and globals (the same ones templates were precompiled with). */
  filters?: Record<string, Callable>;
  tests?: Record<string, Callable>;
  globals?: Record<string, unknown>;
  /** Precompiled templates by name, for names not reached through static imports. */
  templates?: Record<string, PrecompiledInput>;
  /** Finds a precompiled template for a dynamic name (`{% include name_var %}`); sync. */
  loadTemplate?: (name: string) => PrecompiledInput | undefined;
  /** Install the Hugging Face chat builtins; `now` fixes `strftime_now`'s clock. */
  chat?: boolean | { now?: () => Date };
}

const UNDEFINED_CLASSES: Record<string, UndefinedClass> = { Undefined, StrictUndefined, ChainableUndefined, DebugUndefined };

/** The name of a builtin undefined class, for precompiled options (`undefined` if custom). */
export function undefinedClassName(cls: UndefinedClass): PrecompiledOptions['undefined'] | null {
  for (const [n, c] of Object.entries(UNDEFINED_CLASSES)) if (c === cls) return n as PrecompiledOptions['undefined'];
  return null;
}

/**
 * transformers' chat builtins: `tojson` as `json.dumps(ensure_ascii=False)`, `raise_exception`
 * and `strftime_now` (see src/chat.ts).
 */
export function installChatBuiltins(env: { addFilter(n: string, f: Callable): void; addGlobal(n: string, v: unknown): void }, now: () => Date = () => new Date()): void {
  const tojson: Callable = (x: unknown, ensure_ascii = false, indent = null, separators = null, sort_keys = false) =>
    pyJsonDumps(x, { ensureAscii: Boolean(ensure_ascii), indent, separators, sortKeys: Boolean(sort_keys) });
  tojson.params = ['x', 'ensure_ascii', 'indent', 'separators', 'sort_keys'];
  env.addFilter('tojson', tojson);
  const raiseException: Callable = (message: unknown) => {
    throw new TemplateError(String(message));
  };
  env.addGlobal('raise_exception', raiseException);
  const strftimeNow: Callable = (format: unknown) => strftime(now(), String(format));
  env.addGlobal('strftime_now', strftimeNow);
}

function specOf(input: PrecompiledInput): PrecompiledTemplate {
  return 'spec' in input ? input.spec : input;
}

/**
 * Builtins, options and value access without a compiler. Renders templates precompiled with
 * `precompile()` / `jinjit compile`.
 * @example
 * import { RuntimeEnvironment } from 'jinjit/runtime';
 * import * as page from './templates/page.html.js';
 * const env = new RuntimeEnvironment({ autoescape: true, filters: { shout: (s) => String(s) + '!' } });
 * env.templateFromModule(page).render({ title: 'Home' });
 */
export class RuntimeEnvironment implements TemplateEnv {
  readonly filters: Record<string, Callable> = Object.assign(Object.create(null), FILTERS);
  readonly tests: Record<string, Callable> = Object.assign(Object.create(null), TESTS);
  readonly globals: Record<string, unknown> = Object.assign(Object.create(null), GLOBALS);
  readonly policies: Record<string, unknown> = Object.assign(Object.create(null), {
    'json.dumps_function': null,
    'json.dumps_kwargs': { sort_keys: true },
  });
  readonly autoescape: boolean | ((name: string | undefined) => boolean);
  readonly undefinedClass: UndefinedClass;
  readonly sandbox: 'none' | 'sandboxed' | 'immutable';
  /** The sandbox's checks; null when `sandbox` is 'none'. */
  readonly sandboxPolicy: Sandbox | null;
  readonly finalize: ((v: unknown) => unknown) | undefined;
  readonly limits: Limits;
  /**
   * False when an `isSafeAttribute` override is given: only the stock attribute check passes
   * every LoopContext data attribute, which `loop.index`-style reads then take directly while
   * `getattr` is this class's too (see getfield in runtime/index.ts).
   */
  readonly directLoopAttrs: boolean;
  readonly missing = MISSING;
  private readonly specs = new Map<string, PrecompiledTemplate>();
  private readonly unexpanded: PrecompiledTemplate[] = [];
  private readonly built = new Map<PrecompiledTemplate, Template>();
  private readonly loadTemplate: ((name: string) => PrecompiledInput | undefined) | undefined;

  constructor(options: RuntimeEnvironmentInit = {}) {
    this.autoescape = options.autoescape ?? false;
    this.undefinedClass = options.undefined ?? Undefined;
    this.sandbox = options.sandbox ?? 'none';
    this.sandboxPolicy = this.sandbox === 'none' ? null : new Sandbox(this.sandbox, this, options);
    if (this.sandboxPolicy !== null) this.globals.range = safeRange;
    this.directLoopAttrs = !options.isSafeAttribute;
    this.limits = { ...DEFAULT_LIMITS, ...options.limits };
    const fin = options.finalize;
    this.finalize = fin ? (v) => invoke(fin, [v], null, 'finalize', leadArg(fin, this, undefined)) : undefined;
    for (const ext of options.extensions ?? []) this.addExtension(ext);
    if (options.chat) installChatBuiltins(this, options.chat === true ? undefined : options.chat.now);
    Object.assign(this.filters, options.filters);
    Object.assign(this.tests, options.tests);
    Object.assign(this.globals, options.globals);
    this.loadTemplate = options.loadTemplate;
    for (const t of Object.values(options.templates ?? {})) this.register(t);
  }

  /** Enable an extension by name or object (its globals; tags need the compiler). */
  addExtension(ext: string | Extension): void {
    const e = typeof ext === 'string' ? BUILTIN_EXTENSIONS[ext] : ext;
    if (!e) throw new TypeError(`unknown extension '${String(ext)}'`);
    e.setup?.(this as unknown as { globals: Record<string, unknown>; filters: Record<string, unknown> });
  }

  /**
   * Register a filter.
   * @example env.addFilter('shout', (s) => String(s).toUpperCase() + '!')
   */
  addFilter(name: string, fn: Callable): void {
    this.filters[name] = fn;
  }

  /** Register a test. @example env.addTest('prime', (n) => isPrime(n)) */
  addTest(name: string, fn: Callable): void {
    this.tests[name] = fn;
  }

  /** Register a global. @example env.addGlobal('site', { title: 'Docs' }) */
  addGlobal(name: string, value: unknown): void {
    this.globals[name] = value;
  }

  /** Make an Undefined of the configured class (bound: generated code calls it as `u(...)`). */
  readonly mkUndefined = (
    hint: string | null = null, obj: unknown = MISSING, name: unknown = null, exc?: new (message: string) => Error,
  ): Undefined => new this.undefinedClass(hint, obj, name, exc);

  getattr(obj: unknown, name: string): unknown {
    if (this.sandbox !== 'none') return this.sandboxPolicy!.getattr(obj, name);
    return rawGetattr(obj, name, this.mkUndefined);
  }

  getitem(obj: unknown, key: unknown): unknown {
    if (this.sandbox !== 'none') return this.sandboxPolicy!.getitem(obj, key);
    return rawGetitem(obj, key, this.mkUndefined);
  }

  call(fn: unknown, args: unknown[], kwargs: Kwargs | null, context?: ContextLike): unknown {
    if (this.sandbox !== 'none') this.sandboxPolicy!.checkCall(fn);
    return callValue(this, context, fn, args, kwargs);
  }

  callFilter(name: string, value: unknown, args: unknown[], kwargs: Kwargs | null, context?: ContextLike): unknown {
    const f = this.filters[name];
    if (!f) throw new TemplateRuntimeError(`No filter named '${name}'.`);
    return invoke(f, [value, ...args], kwargs, name, leadArg(f, this, context));
  }

  callTest(name: string, value: unknown, args: unknown[], kwargs: Kwargs | null, context?: ContextLike): unknown {
    const f = this.tests[name];
    if (!f) throw new TemplateRuntimeError(`No test named '${name}'.`);
    return invoke(f, [value, ...args], kwargs, name, leadArg(f, this, context));
  }

  protected autoescapeFor(name: string | undefined): boolean {
    return typeof this.autoescape === 'function' ? Boolean(this.autoescape(name)) : this.autoescape;
  }

  isTemplate(v: unknown): v is TemplateLike {
    return v instanceof Template;
  }

  /**
   * Make a precompiled template (and the templates it statically references) known by name.
   * @example env.register(await import('./templates/base.html.js'))
   */
  register(input: PrecompiledInput): PrecompiledTemplate {
    const spec = specOf(input);
    if (spec.name !== undefined && !this.specs.has(spec.name)) this.specs.set(spec.name, spec);
    // dependencies are expanded on demand: in an import cycle they are not initialised yet
    this.unexpanded.push(spec);
    return spec;
  }

  /**
   * The Template for a precompiled module, bound to this environment.
   * @example new RuntimeEnvironment({ autoescape: true }).templateFromModule(page).render({ user })
   */
  templateFromModule(input: PrecompiledInput): Template {
    const spec = this.register(input);
    let t = this.built.get(spec);
    if (!t) {
      if (spec.codeFormat !== CODE_FORMAT) {
        throw new TypeError(
          `template '${spec.name ?? '<string>'}' was precompiled for another jinjit runtime (code format ${spec.codeFormat ?? 1}, ` +
            `this runtime runs format ${CODE_FORMAT}): precompile it again with this version`,
        );
      }
      t = new Template(this, spec.code(rt as never), spec.name, '', spec.autoescape, this.globals);
      if (spec.at && spec.lineMap) registerRange(spec.at[0], spec.at[1], spec.at[2], spec.name, spec.lineMap, spec.source);
      const variants = spec.variants;
      if (variants) {
        t.compileVariant = (v) => {
          const make = variants[v];
          if (!make) throw new TypeError(`template '${spec.name ?? '<string>'}' was precompiled without its ${v} code`);
          return make(rt as never);
        };
      }
      this.built.set(spec, t);
    }
    return t;
  }

  private findSpec(name: string): PrecompiledTemplate | undefined {
    for (;;) {
      const found = this.specs.get(name);
      if (found) return found;
      const next = this.unexpanded.shift();
      if (!next) break;
      for (const [dep, get] of Object.entries(next.deps)) if (!this.specs.has(dep)) this.register(get());
    }
    const loaded = this.loadTemplate?.(name);
    return loaded ? this.register(loaded) : undefined;
  }

  /**
   * A registered precompiled template by name.
   * @example env.getTemplate('page.html').render()
   */
  getTemplate(name: string | TemplateLike, parent?: string): Template {
    if (name instanceof Template) return name;
    if (typeof name !== 'string') throw new TypeError('template name must be a string');
    // a static reference of the including template names exactly one module: use it first
    const viaParent = parent !== undefined ? this.specs.get(parent)?.deps[name] : undefined;
    const spec = viaParent ? this.register(viaParent()) : this.findSpec(name);
    // as Jinja2 without a loader: nothing to find templates by name with
    if (!spec && !this.loadTemplate && this.specs.size === 0) throw new TypeError('no loader for this environment specified');
    if (!spec) throw new TemplateNotFound(name);
    return this.templateFromModule(spec);
  }

  /**
   * Load the first template that exists.
   * @example env.selectTemplate(['custom.html', 'default.html'])
   */
  selectTemplate(names: unknown[], parent?: string): Template {
    if (names.length === 0) throw new TemplatesNotFound([], 'Tried to select from an empty list of templates.');
    for (const n of names) {
      if (n instanceof Template) return n;
      if (n instanceof Undefined) continue;
      try {
        return this.getTemplate(String(n), parent);
      } catch (e) {
        if (!(e instanceof TemplateNotFound) || e.templateNameRequested !== String(n)) throw e;
      }
    }
    throw new TemplatesNotFound(names.map((n) => (n instanceof Undefined ? '' : String(n))));
  }

  /** `getTemplate` for a name, `selectTemplate` for a list. */
  getOrSelectTemplate(names: string | string[] | Template): Template {
    if (typeof names === 'string' || names instanceof Template) return this.getTemplate(names);
    return this.selectTemplate(names);
  }
}

const defaults = new Map<string, RuntimeEnvironment>();

/** The shared environment for a precompiled module's own options. */
export function defaultEnvironment(options: PrecompiledOptions): RuntimeEnvironment {
  const key = JSON.stringify([options.undefined, options.sandbox, options.extensions, options.chat]);
  let env = defaults.get(key);
  if (!env) {
    env = new RuntimeEnvironment({
      undefined: UNDEFINED_CLASSES[options.undefined ?? 'Undefined'],
      sandbox: options.sandbox,
      extensions: options.extensions,
      chat: options.chat,
    });
    defaults.set(key, env);
  }
  return env;
}

/**
 * Called by precompiled modules: the Template for `spec` in the default environment of its
 * options. Use `env.templateFromModule(module)` for custom filters or globals.
 * @example export const template = defineTemplate(spec);
 */
export function defineTemplate(spec: PrecompiledTemplate): Template {
  return defaultEnvironment(spec.options).templateFromModule(spec);
}
