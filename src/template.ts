/**
 * A compiled template: its render functions, bound to an environment.
 */

import { Context, TemplateModule, type BlockFn } from './runtime/context.js';
import type { TemplateLike } from './runtime/template-ops.js';
import { renderWithBlocks } from './runtime/template-ops.js';
import type { EvalContext } from './runtime/types.js';
import { locateError } from './error-map.js';
import { pyErr } from './errors.js';
import { beginRender, endRender } from './runtime/limits.js';
import type { Environment } from './environment.js';

/** The functions a template's generated code defines. */
export interface TemplateCode {
  root: (ctx: Context) => string;
  blocks: Record<string, BlockFn>;
}

/**
 * Engine limits keep recursion well below the host stack, but deep *data* (printing a list nested
 * 100,000 levels) can still exhaust it: report that as Python does, never as a host crash.
 */
function hostLimitError(e: unknown): unknown {
  if (e instanceof RangeError && /call stack/i.test(e.message)) return pyErr('RecursionError', 'maximum recursion depth exceeded');
  if (e instanceof RangeError && /string length/i.test(e.message)) return pyErr('MemoryError', 'output too large');
  return e;
}

export class Template implements TemplateLike {
  private moduleCache: TemplateModule | undefined;
  readonly root: (ctx: Context) => string;
  readonly blocks: Record<string, BlockFn>;

  constructor(
    readonly environment: Environment,
    code: TemplateCode,
    /** Template name (`undefined` for templates made from strings). */
    readonly name: string | undefined,
    /** The generated JS, for inspection and snapshots. */
    readonly generatedCode: string,
    readonly autoescape: boolean,
    readonly globals: Record<string, unknown>,
    readonly uptodate?: () => boolean,
  ) {
    this.root = code.root;
    this.blocks = code.blocks;
  }

  /**
   * Render with the given variables.
   * @example env.fromString('Hello {{ name }}!').render({ name: 'World' }) // 'Hello World!'
   */
  render(context: Record<string, unknown> | Map<string, unknown> = {}): string {
    const vars = context instanceof Map ? Object.fromEntries(context) : context;
    const ctx = this.newContext(vars, false, null);
    beginRender(this.environment.limits);
    try {
      return renderWithBlocks(this, ctx);
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
    const body = renderWithBlocks(this, ctx);
    return new TemplateModule(this.name, ctx.exportedVars(), body);
  }

  defaultModule(): TemplateModule {
    return (this.moduleCache ??= this.makeModule({}, null));
  }

  /** Variables exported by the template's top level (Jinja2's `Template.module`). */
  get module(): TemplateModule {
    return this.defaultModule();
  }
}
