/**
 * A compiled template: its render functions, bound to an environment.
 */

import { joinBuffer, openBuffer, takeBuffer } from './runtime/output.js';
import { Context, TemplateModule, type BlockFn } from './runtime/context.js';
import type { TemplateLike } from './runtime/template-ops.js';
import { renderWithBlocks } from './runtime/template-ops.js';
import type { EvalContext } from './runtime/types.js';
import { locateError } from './error-map.js';
import { pyErr } from './errors.js';
import { beginRender, endRender } from './runtime/limits.js';
import type { RuntimeEnvironment } from './runtime/environment.js';
import { renderVariant, type Variant, type VariantCode } from './runtime/variant-ops.js';
import * as variants from './render-variants.js';

/** The functions a template's generated code defines. */
export interface TemplateCode {
  root: (ctx: Context) => string;
  blocks: Record<string, BlockFn>;
}

/**
 * Engine limits keep recursion well below the host stack, but deep *data* (printing a list nested
 * 100,000 levels) can still exhaust it: report that as Python does, never as a host crash.
 */
export function hostLimitError(e: unknown): unknown {
  let err: Error | undefined;
  if (e instanceof RangeError && /call stack/i.test(e.message)) err = pyErr('RecursionError', 'maximum recursion depth exceeded');
  else if (e instanceof RangeError && /string length/i.test(e.message)) err = pyErr('MemoryError', 'output too large');
  if (err === undefined) return e;
  // keep the host error's frames: they lead to the template line (error-map.ts)
  err.stack = `${err.name}: ${err.message}\n${(e as Error).stack?.split('\n').slice(1).join('\n') ?? ''}`;
  return err;
}

export class Template implements TemplateLike {
  private moduleCache: TemplateModule | undefined;
  /** Replaced once when an interpreted template is compiled (see swapCode). */
  root: (ctx: Context) => string;
  blocks: Record<string, BlockFn>;
  readonly blockNames: readonly string[];
  private generated: string | (() => string);
  /**
   * Set while the template runs in the interpreter: called when a render starts, it counts
   * renders and compiles the template to JS when its count is used up (Environment.compileAfter),
   * or at once with `now`.
   */
  tierUp?: (now?: boolean) => void;

  constructor(
    /** The environment it renders in (an `Environment`, or a `RuntimeEnvironment` for precompiled ones). */
    readonly environment: RuntimeEnvironment,
    code: TemplateCode,
    /** Template name (`undefined` for templates made from strings). */
    readonly name: string | undefined,
    /** The generated JS (or a function generating it, for interpreted templates). */
    generatedCode: string | (() => string),
    readonly autoescape: boolean,
    readonly globals: Record<string, unknown>,
    readonly uptodate?: () => boolean,
  ) {
    this.root = code.root;
    this.blocks = code.blocks;
    this.blockNames = Object.keys(code.blocks);
    this.generated = generatedCode;
    this.tier0 = typeof generatedCode === 'function';
  }

  private tier0: boolean;

  /** The generated JS, for inspection and snapshots (generated now for an interpreted template). */
  get generatedCode(): string {
    if (typeof this.generated === 'function') this.generated = this.generated();
    return this.generated;
  }

  /**
   * Whether the template still runs in the interpreter (tier 0) rather than as compiled JS.
   * @example new Environment({ compileAfter: 0 }).fromString('{{ x }}').interpreted // false
   */
  get interpreted(): boolean {
    return this.tier0;
  }

  /**
   * Switch to other functions for the same template (the environment does this when it compiles
   * an interpreted template); renders in progress finish as they began.
   * @example t.swapCode({ root: compiled.root, blocks: compiled.blocks }, compiled.generatedCode)
   */
  swapCode(code: TemplateCode, generatedCode: string): void {
    this.root = code.root;
    this.blocks = code.blocks;
    this.generated = generatedCode;
    this.tier0 = false;
  }

  /**
   * Render with the given variables.
   * @example env.fromString('Hello {{ name }}!').render({ name: 'World' }) // 'Hello World!'
   */
  render(context: Record<string, unknown> | Map<string, unknown> = {}): string {
    const vars = context instanceof Map ? Object.fromEntries(context) : context;
    // the caller's object is read in place: contexts write to their own `vars`, never to it
    const ctx = this.newContext(vars, true, null);
    beginRender(this.environment.limits);
    const outer = openBuffer();
    try {
      const out = renderWithBlocks(this, ctx);
      joinBuffer(outer);
      return out;
    } catch (e) {
      throw locateError(hostLimitError(e));
    } finally {
      endRender();
    }
  }

  newContext(vars: Record<string, unknown>, shared: boolean, locals: Record<string, unknown> | null): Context {
    let parent: Record<string, unknown>;
    if (shared && !locals) parent = vars;
    else {
      parent = Object.create(null) as Record<string, unknown>;
      for (const k of Object.keys(vars)) parent[k] = vars[k];
      if (locals) for (const k of Object.keys(locals)) if (locals[k] !== this.environment.missing) parent[k] = locals[k];
    }
    const evalCtx: EvalContext = { autoescape: this.autoescape, volatile: false, environment: this.environment };
    return new Context(this.environment, parent, this.name, evalCtx, this.globals);
  }

  makeModule(vars: Record<string, unknown>, locals: Record<string, unknown> | null): TemplateModule {
    const ctx = this.newContext(vars, true, locals);
    const outer = openBuffer();
    let body: string;
    try {
      body = renderWithBlocks(this, ctx);
    } catch (e) {
      takeBuffer(outer);
      throw e;
    }
    return new TemplateModule(this.name, ctx.exportedVars(), body, takeBuffer(outer));
  }

  defaultModule(): TemplateModule {
    // the cached module lives as long as the template: build it from compiled code (its macros
    // would otherwise run in the interpreter for good, and feed it to the shared runtime)
    if (this.moduleCache === undefined) this.tierUp?.(true);
    return (this.moduleCache ??= this.makeModule({}, null));
  }

  /** Variables exported by the template's top level (Jinja2's `Template.module`). */
  get module(): TemplateModule {
    return this.defaultModule();
  }

  /** Compiles the async/stream code variants on first use; unset for precompiled templates. */
  compileVariant?: (variant: Variant) => VariantCode;
  private variantCache: Partial<Record<Variant, VariantCode>> = {};
  private asyncModule: Promise<TemplateModule> | undefined;

  /** The code of an async or streaming variant of this template (compiled once, on demand). */
  variantCode(variant: Variant): VariantCode {
    const cached = this.variantCache[variant];
    if (cached) return cached;
    if (!this.compileVariant) throw new TypeError(`template '${this.name ?? '<string>'}' has no ${variant} code (precompile it with variants: true)`);
    return (this.variantCache[variant] = this.compileVariant(variant));
  }

  /**
   * Render, awaiting promises as Jinja2's async mode does: results of calls, filters, tests,
   * attribute and item lookups, Promise-valued variables; loops and the filters Jinja2 has async
   * variants of (`list`, `join`, `map`, `select`...) take async iterables. Templates loaded by
   * include/import/extends come from `env.getTemplateAsync` (a loader's `getSourceAsync`).
   * @example await env.fromString('{{ user.name }}').renderAsync({ user: fetchUser() }) // 'Ada'
   */
  renderAsync(context: Record<string, unknown> | Map<string, unknown> = {}): Promise<string> {
    return variants.renderAsync(this, context);
  }

  /**
   * Jinja2's `generate`: the output as chunks, rendered lazily (each `next()` renders up to the
   * next statement, block or include boundary of the root and block bodies).
   * @example for (const chunk of tmpl.generate({ items })) res.write(chunk);
   */
  generate(context: Record<string, unknown> | Map<string, unknown> = {}): Generator<string, void, undefined> {
    return variants.generate(this, context);
  }

  /** Alias of `generate` (Jinja2's `stream`, without buffering). @example [...tmpl.stream({})].join('') */
  stream(context: Record<string, unknown> | Map<string, unknown> = {}): Generator<string, void, undefined> {
    return variants.generate(this, context);
  }

  /**
   * Jinja2's `generate_async`: chunks as the async render produces them, so the start of a page
   * is out while later values are still awaited.
   * @example for await (const chunk of tmpl.generateAsync({ posts: db.posts() })) res.write(chunk);
   */
  generateAsync(context: Record<string, unknown> | Map<string, unknown> = {}): AsyncGenerator<string, void, undefined> {
    return variants.generateAsync(this, context);
  }

  /**
   * A WHATWG ReadableStream of the async render's chunks (strings, or UTF-8 bytes with
   * `{ bytes: true }`), for server-side rendering.
   * @example return new Response(tmpl.readableStream(data, { bytes: true }), { headers: { 'content-type': 'text/html' } });
   */
  readableStream(context: Record<string, unknown> | Map<string, unknown>, options: { bytes: true }): ReadableStream<Uint8Array>;
  readableStream(context?: Record<string, unknown> | Map<string, unknown>, options?: { bytes?: false }): ReadableStream<string>;
  readableStream(context: Record<string, unknown> | Map<string, unknown> = {}, options: variants.ReadableStreamOptions = {}): ReadableStream<string | Uint8Array> {
    return variants.readableStream(this, context, options);
  }

  /**
   * Render one block as the full render prints it: the most-derived definition, with `super()`,
   * `self` and top-level variables working (for HTML fragments, like jinja2-fragments).
   * @example env.getTemplate('page.html').renderBlock('content', { items }) // just the content block
   */
  renderBlock(name: string, context: Record<string, unknown> | Map<string, unknown> = {}): string {
    return variants.renderBlock(this, name, context);
  }

  /** `renderBlock` with async rendering. @example await tmpl.renderBlockAsync('row', { item: getItem() }) */
  renderBlockAsync(name: string, context: Record<string, unknown> | Map<string, unknown> = {}): Promise<string> {
    return variants.renderBlockAsync(this, name, context);
  }

  /** `makeModule` with async code: its macros return promises (used by async imports). */
  async makeModuleAsync(vars: Record<string, unknown>, locals: Record<string, unknown> | null): Promise<TemplateModule> {
    const ctx = this.newContext(vars, true, locals);
    const body = await (renderVariant(this, ctx, 'async') as Promise<string>);
    return new TemplateModule(this.name, ctx.exportedVars(), body);
  }

  defaultModuleAsync(): Promise<TemplateModule> {
    return (this.asyncModule ??= this.makeModuleAsync({}, null));
  }
}
