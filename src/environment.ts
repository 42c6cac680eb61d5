/**
 * The Environment: options, builtins, loaders and the template cache (Jinja2's Environment).
 */

import { FILTERS } from './builtins/filters/index.js';
import { GLOBALS, safeRange } from './builtins/globals.js';
import { TESTS } from './builtins/tests.js';
import { generate } from './compiler/codegen.js';
import { registerCode } from './error-map.js';
import { TemplateNotFound, TemplateRuntimeError, TemplatesNotFound, TemplateSyntaxError } from './errors.js';
import { Sandbox, type SandboxOverrides } from './sandbox/policy.js';
import { BUILTIN_EXTENSIONS, type Extension } from './extensions.js';
import type { Loader } from './loaders.js';
import { getattr as rawGetattr, getitem as rawGetitem } from './runtime/access.js';
import { callValue, invoke, leadArg } from './runtime/call.js';
import { rt } from './runtime/index.js';
import { DEFAULT_LIMITS, type Limits } from './runtime/limits.js';
import type { TemplateEnv, TemplateLike } from './runtime/template-ops.js';
import type { Callable, ContextLike, Kwargs } from './runtime/types.js';
import { MISSING, Undefined, type UndefinedClass } from './runtime/values.js';
import { parse, type TagParser } from './syntax/parser.js';
import { DEFAULT_LEXER_OPTIONS, type LexerOptions } from './syntax/tokens.js';
import { Template, type TemplateCode } from './template.js';

/** Options of `new Environment(...)`: Jinja2's settings in camelCase. */
export interface EnvironmentOptions extends Partial<LexerOptions> {
  /** Escape output for HTML: a boolean, or a function of the template name. Default false. */
  autoescape?: boolean | ((name: string | undefined) => boolean);
  /** Class for undefined values: Undefined (default), StrictUndefined, ChainableUndefined, DebugUndefined. */
  undefined?: UndefinedClass;
  /** Extensions by name (`'jinja2.ext.do'`, `'loopcontrols'`, ...) or object. */
  extensions?: (string | Extension)[];
  /** Where `getTemplate`, `include`, `extends` and `import` find templates. */
  loader?: Loader;
  /** Number of compiled templates kept (default 400; 0 disables caching, negative: unbounded). */
  cacheSize?: number;
  /** Check `uptodate` of loaded templates and recompile changed ones (default true). */
  autoReload?: boolean;
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

/**
 * A configured engine: builtins, options, loader and cache.
 * @example
 * const env = new Environment({ trimBlocks: true, loader: new DictLoader({ 'a': '{{ 1 + 1 }}' }) });
 * env.getTemplate('a').render(); // '2'
 */
export class Environment implements TemplateEnv {
  readonly filters: Record<string, Callable> = Object.assign(Object.create(null), FILTERS);
  readonly tests: Record<string, Callable> = Object.assign(Object.create(null), TESTS);
  readonly globals: Record<string, unknown> = Object.assign(Object.create(null), GLOBALS);
  readonly policies: Record<string, unknown> = Object.assign(Object.create(null), {
    'json.dumps_function': null,
    'json.dumps_kwargs': { sort_keys: true },
  });
  readonly lexerOptions: LexerOptions;
  readonly autoescape: boolean | ((name: string | undefined) => boolean);
  readonly undefinedClass: UndefinedClass;
  readonly loader: Loader | undefined;
  readonly sandbox: 'none' | 'sandboxed' | 'immutable';
  /** The sandbox's checks; null when `sandbox` is 'none'. */
  readonly sandboxPolicy: Sandbox | null;
  readonly finalize: ((v: unknown) => unknown) | undefined;
  readonly autoReload: boolean;
  readonly limits: Limits;
  readonly missing = MISSING;
  private readonly tags: Record<string, TagParser> = Object.create(null);
  private readonly cache = new Map<string, Template>();
  private readonly cacheSize: number;

  constructor(options: EnvironmentOptions = {}) {
    const lex: LexerOptions = { ...DEFAULT_LEXER_OPTIONS };
    for (const k of Object.keys(DEFAULT_LEXER_OPTIONS) as (keyof LexerOptions)[]) {
      if (options[k] !== undefined) (lex as unknown as Record<string, unknown>)[k] = options[k];
    }
    this.lexerOptions = lex;
    this.autoescape = options.autoescape ?? false;
    this.undefinedClass = options.undefined ?? Undefined;
    this.loader = options.loader;
    this.sandbox = options.sandbox ?? 'none';
    this.sandboxPolicy = this.sandbox === 'none' ? null : new Sandbox(this.sandbox, this, options);
    if (this.sandboxPolicy !== null) this.globals.range = safeRange;
    this.autoReload = options.autoReload ?? true;
    this.cacheSize = options.cacheSize ?? 400;
    this.limits = { ...DEFAULT_LIMITS, ...options.limits };
    const fin = options.finalize;
    this.finalize = fin ? (v) => invoke(fin, [v], null, 'finalize', leadArg(fin, this, undefined)) : undefined;
    for (const ext of options.extensions ?? []) this.addExtension(ext);
  }

  /** Enable an extension by name or object. */
  addExtension(ext: string | Extension): void {
    const e = typeof ext === 'string' ? BUILTIN_EXTENSIONS[ext] : ext;
    if (!e) throw new TypeError(`unknown extension '${String(ext)}'`);
    for (const [tag, p] of Object.entries(e.tags ?? {})) this.tags[tag] = p;
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

  private autoescapeFor(name: string | undefined): boolean {
    return typeof this.autoescape === 'function' ? Boolean(this.autoescape(name)) : this.autoescape;
  }

  /** Parse and generate code without building functions (for inspection and precompiling). */
  compileToCode(source: string, name?: string): { code: string; lineMap: number[] } {
    const ast = parse(source, { ...this.lexerOptions, tags: this.tags, environment: this }, name);
    return generate(
      ast,
      {
        filters: this.filters,
        tests: this.tests,
        autoescape: this.autoescapeFor(name),
        sandboxed: this.sandbox !== 'none',
        hasFinalize: this.finalize !== undefined,
      },
      name,
      source,
    );
  }

  private build(source: string, name: string | undefined, globals: Record<string, unknown>, uptodate?: () => boolean): Template {
    const { code, lineMap } = this.compileToCode(source, name);
    const url = registerCode(name, lineMap, source);
    let factory: (r: typeof rt) => TemplateCode;
    try {
      factory = new Function('rt', `${code}\n//# sourceURL=${url}`) as (r: typeof rt) => TemplateCode;
    } catch (e) {
      throw new TemplateSyntaxError(`internal compiler error: ${(e as Error).message}`, undefined, name, source);
    }
    return new Template(this, factory(rt), name, code, this.autoescapeFor(name), globals, uptodate);
  }

  /**
   * Compile a template from source.
   * @example env.fromString('{{ x * 2 }}').render({ x: 21 }) // '42'
   */
  fromString(source: string, globals?: Record<string, unknown>): Template {
    return this.build(source, undefined, this.templateGlobals(globals));
  }

  private templateGlobals(globals?: Record<string, unknown>): Record<string, unknown> {
    if (!globals) return this.globals;
    return Object.assign(Object.create(null), this.globals, globals);
  }

  isTemplate(v: unknown): v is TemplateLike {
    return v instanceof Template;
  }

  /**
   * Load a template through the loader (cached).
   * @example env.getTemplate('page.html').render({ title: 'Home' })
   */
  getTemplate(name: string | TemplateLike, parent?: string): Template {
    if (name instanceof Template) return name;
    if (typeof name !== 'string') throw new TypeError('template name must be a string');
    void parent;
    const cached = this.cache.get(name);
    if (cached && (!this.autoReload || !cached.uptodate || cached.uptodate())) {
      // refresh LRU order
      this.cache.delete(name);
      this.cache.set(name, cached);
      return cached;
    }
    if (!this.loader) throw new TypeError('no loader for this environment specified');
    const src = this.loader.getSource(name);
    const tmpl = this.build(src.source, name, this.globals, src.uptodate);
    if (this.cacheSize !== 0) {
      this.cache.set(name, tmpl);
      if (this.cacheSize > 0 && this.cache.size > this.cacheSize) {
        this.cache.delete(this.cache.keys().next().value as string);
      }
    }
    return tmpl;
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
