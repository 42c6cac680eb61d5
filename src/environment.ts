/**
 * The Environment: options, builtins, loaders and the template cache (Jinja2's Environment).
 */

import { generate } from './compiler/codegen.js';
import { compileFactory } from './compile-function.js';
import { registerCode, releaseWith } from './error-map.js';
import { TemplateSyntaxError } from './errors.js';
import { BUILTIN_EXTENSIONS, type Extension } from './extensions.js';
import type { Loader, LoaderSource } from './loaders.js';
import { RuntimeEnvironment, type RuntimeEnvironmentOptions } from './runtime/environment.js';
import { rt } from './runtime/index.js';
import type { TemplateLike } from './runtime/template-ops.js';
import type * as A from './syntax/ast.js';
import { parse, type TagParser } from './syntax/parser.js';
import { DEFAULT_LEXER_OPTIONS, type LexerOptions } from './syntax/tokens.js';
import { Template, type TemplateCode } from './template.js';
import { instantiateVariant } from './variants.js';
import { buildTemplate } from './interp/interp.js';
import type { Variant } from './runtime/variant-ops.js';

/** Options of `new Environment(...)`: Jinja2's settings in camelCase. */
export interface EnvironmentOptions extends Partial<LexerOptions>, RuntimeEnvironmentOptions {
  /** Where `getTemplate`, `include`, `extends` and `import` find templates. */
  loader?: Loader;
  /** Number of compiled templates kept (default 400; 0 disables caching, negative: unbounded). */
  cacheSize?: number;
  /** Check `uptodate` of loaded templates and recompile changed ones (default true). */
  autoReload?: boolean;
  /**
   * How many renders a new template runs in the interpreter (tier 0) before it is compiled to
   * JavaScript (default 10). Tier 0 builds closures over the parsed template, about a third
   * of the cost of generating JS and having V8 compile it, and renders 1.1-1.5x slower than
   * the compiled code (`npm run tier:speed`), so compiling pays off after roughly 5-50 renders:
   * templates rendered a few times never pay for JS, templates rendered often get it. `0`
   * compiles at once; `Infinity` never compiles (then no code is generated from strings, for
   * CSP-restricted hosts; async and streaming renders still use compiled code). Output and
   * errors are the same in both tiers. Includes, imports and `extends` count as renders.
   * @example new Environment({ compileAfter: 0 }) // always generate JS at load
   */
  compileAfter?: number;
}

/**
 * A configured engine: builtins, options, loader and cache.
 * @example
 * const env = new Environment({ trimBlocks: true, loader: new DictLoader({ 'a': '{{ 1 + 1 }}' }) });
 * env.getTemplate('a').render(); // '2'
 */
export class Environment extends RuntimeEnvironment {
  readonly lexerOptions: LexerOptions;
  readonly loader: Loader | undefined;
  readonly autoReload: boolean;
  /** See EnvironmentOptions.compileAfter. */
  readonly compileAfter: number;
  private readonly tags: Record<string, TagParser> = Object.create(null);
  /** Loaded templates by name; `used` orders them for LRU eviction (Jinja2's LRUCache). */
  private readonly cache = new Map<string, { template: Template; used: number }>();
  private readonly cacheSize: number;
  /** Bumped on every cache hit: a counter instead of Map delete+set keeps hits cheap. */
  private useClock = 0;

  constructor(options: EnvironmentOptions = {}) {
    super({ ...options, extensions: [] });
    const lex: LexerOptions = { ...DEFAULT_LEXER_OPTIONS };
    for (const k of Object.keys(DEFAULT_LEXER_OPTIONS) as (keyof LexerOptions)[]) {
      if (options[k] !== undefined) (lex as unknown as Record<string, unknown>)[k] = options[k];
    }
    this.lexerOptions = lex;
    this.loader = options.loader;
    this.autoReload = options.autoReload ?? true;
    this.cacheSize = options.cacheSize ?? 400;
    this.compileAfter = options.compileAfter ?? 10;
    for (const ext of options.extensions ?? []) this.addExtension(ext);
  }

  /** Enable an extension by name or object: its tags and its globals. */
  override addExtension(ext: string | Extension): void {
    const e = typeof ext === 'string' ? BUILTIN_EXTENSIONS[ext] : ext;
    if (!e) throw new TypeError(`unknown extension '${String(ext)}'`);
    // `tags` is initialised after super(), so the base constructor is given no extensions
    for (const [tag, p] of Object.entries(e.tags ?? {})) this.tags[tag] = p;
    super.addExtension(e);
  }

  /**
   * Parse a template to its AST with this environment's syntax and extension tags (Jinja2's `env.parse`).
   * @example findUndeclaredVariables(env.parse('{{ user.name }}')) // Set { 'user' }
   */
  parse(source: string, name?: string): A.Template {
    return parse(source, { ...this.lexerOptions, tags: this.tags, environment: this }, name);
  }

  /** Parse and generate code without building functions (for inspection and precompiling). */
  compileToCode(source: string, name?: string, variant?: Variant): { code: string; lineMap: number[]; ast: A.Template } {
    try {
      const ast = parse(source, { ...this.lexerOptions, tags: this.tags, environment: this }, name);
      return { ast, ...this.generate(ast, source, name, variant) };
    } catch (e) {
      // a 100,000-term `1 + 1 + ...` chain nests the AST without nesting the parser: when
      // compiling it runs out of host stack, report a syntax error, never a host RangeError
      if (e instanceof RangeError && /call stack/i.test(e.message)) {
        throw new TemplateSyntaxError('template nests too deeply to compile', { line: 1, col: 1, offset: 0 }, name, source);
      }
      throw e;
    }
  }

  private generate(ast: A.Template, source: string, name: string | undefined, variant?: Variant): { code: string; lineMap: number[] } {
    return generate(
      ast,
      {
        filters: this.filters,
        tests: this.tests,
        autoescape: this.autoescapeFor(name),
        sandboxed: this.sandbox !== 'none',
        hasFinalize: this.finalize !== undefined,
        ...(variant ? { variant } : {}),
      },
      name,
      source,
    );
  }

  private build(source: string, name: string | undefined, globals: Record<string, unknown>, uptodate?: () => boolean): Template {
    const tmpl = this.compileAfter > 0
      ? new Template(this, this.interpret(source, name), name, () => this.compileToCode(source, name).code, this.autoescapeFor(name), globals, uptodate)
      : this.buildCompiled(source, name, globals, uptodate);
    // Both hooks reach the template as `this`, never through their closure: V8 (Node 20 at least)
    // keeps an object whose own property holds a closure over the object itself alive through
    // every minor GC until a full one, so each template made and dropped was promoted whole.
    const env = this;
    if (this.compileAfter > 0 && this.compileAfter !== Infinity) {
      let rendersLeft = this.compileAfter;
      tmpl.tierUp = function (this: Template, now?: boolean) {
        if (!now && --rendersLeft >= 0) return;
        this.tierUp = undefined;
        let compiled: ReturnType<Environment['compileCode']>;
        try {
          compiled = env.compileCode(source, name);
        } catch {
          return; // what tier 0 built, codegen should build too; if not, keep interpreting
        }
        releaseWith(this, compiled.url);
        this.swapCode(compiled.code, compiled.generated);
      };
    }
    tmpl.compileVariant = function (this: Template, variant: Variant) {
      const v = env.compileToCode(source, name, variant);
      const variantUrl = registerCode(name, v.lineMap, source);
      releaseWith(this, variantUrl);
      return instantiateVariant(v.code, variantUrl, name, source);
    };
    return tmpl;
  }

  /** Tier 0: parse and build the closure interpreter's functions (src/interp/). */
  private interpret(source: string, name: string | undefined): TemplateCode {
    try {
      const ast = this.parse(source, name);
      const env = { filters: this.filters, tests: this.tests, autoescape: this.autoescapeFor(name), hasFinalize: this.finalize !== undefined };
      return buildTemplate(ast, env, name, source);
    } catch (e) {
      if (e instanceof RangeError && /call stack/i.test(e.message)) {
        throw new TemplateSyntaxError('template nests too deeply to compile', { line: 1, col: 1, offset: 0 }, name, source);
      }
      throw e;
    }
  }

  /** Generate and instantiate the JS of a template; `url` names its error map entry (release it with the template). */
  private compileCode(source: string, name: string | undefined): { code: TemplateCode; generated: string; url: string } {
    const { code, lineMap } = this.compileToCode(source, name);
    const url = registerCode(name, lineMap, source);
    let factory: (r: typeof rt) => TemplateCode;
    try {
      factory = compileFactory<TemplateCode>(code, url);
    } catch (e) {
      if (e instanceof RangeError && /call stack/i.test(e.message)) {
        throw new TemplateSyntaxError('template nests too deeply to compile', { line: 1, col: 1, offset: 0 }, name, source);
      }
      throw new TemplateSyntaxError(`internal compiler error: ${(e as Error).message}`, undefined, name, source);
    }
    return { code: factory(rt), generated: code, url };
  }

  private buildCompiled(source: string, name: string | undefined, globals: Record<string, unknown>, uptodate?: () => boolean): Template {
    const { code, generated, url } = this.compileCode(source, name);
    const tmpl = new Template(this, code, name, generated, this.autoescapeFor(name), globals, uptodate);
    releaseWith(tmpl, url);
    return tmpl;
  }

  /**
   * `getTemplate` for async rendering: uses the loader's `getSourceAsync` when it has one.
   * @example const page = await env.getTemplateAsync('page.html'); await page.renderAsync(data);
   */
  async getTemplateAsync(name: string | TemplateLike, parent?: string): Promise<Template> {
    if (typeof name === 'string' && this.loader?.getSourceAsync && !this.cachedFresh(name)) {
      return this.getTemplate(name, parent, await this.loader.getSourceAsync(name));
    }
    return this.getTemplate(name, parent);
  }

  private cachedFresh(name: string): boolean {
    const cached = this.cache.get(name)?.template;
    return cached !== undefined && this.isFresh(cached);
  }

  /** Whether a cached template may be used as is (auto reload off, or its source unchanged). */
  private isFresh(t: Template): boolean {
    return !this.autoReload || !t.uptodate || t.uptodate();
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

  /**
   * Load a template through the loader (cached).
   * @example env.getTemplate('page.html').render({ title: 'Home' })
   */
  override getTemplate(name: string | TemplateLike, parent?: string, loaded?: LoaderSource): Template {
    if (name instanceof Template) return name;
    if (typeof name !== 'string') throw new TypeError('template name must be a string');
    void parent;
    const entry = loaded ? undefined : this.cache.get(name);
    if (entry !== undefined && this.isFresh(entry.template)) {
      entry.used = ++this.useClock;
      return entry.template;
    }
    if (!this.loader) throw new TypeError('no loader for this environment specified');
    const src = loaded ?? this.loader.getSource(name);
    const tmpl = this.build(src.source, name, this.globals, src.uptodate);
    if (this.cacheSize !== 0) {
      this.cache.set(name, { template: tmpl, used: ++this.useClock });
      if (this.cacheSize > 0 && this.cache.size > this.cacheSize) this.evictLeastRecentlyUsed();
    }
    return tmpl;
  }

  /** Drops the least recently used template (a scan, but only when a full cache grows). */
  private evictLeastRecentlyUsed(): void {
    let oldest: string | undefined;
    let oldestUse = Infinity;
    for (const [name, e] of this.cache) {
      if (e.used < oldestUse) {
        oldestUse = e.used;
        oldest = name;
      }
    }
    if (oldest !== undefined) this.cache.delete(oldest);
  }
}
