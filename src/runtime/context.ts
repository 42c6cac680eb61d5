/**
 * The render context (Jinja2's Context): caller data, template-level variables, globals and the
 * block stacks used by inheritance.
 */

import type { ContextLike, EnvLike, EvalContext } from './types.js';
import { GETATTR, MISSING, Undefined } from './values.js';

const hasOwn = Object.prototype.hasOwnProperty;

/** A compiled block: renders the block body in a context. */
export type BlockFn = (ctx: Context) => string;

export class Context implements ContextLike {
  /** Variables assigned at template top level (`{% set %}`, macros, imports). */
  readonly vars: Record<string, unknown> = Object.create(null);
  /** Names of `vars` that an import of this template exposes, in assignment order. */
  readonly exported: string[] = [];
  /** Block name -> block functions, most derived first. */
  readonly blocks: Record<string, BlockFn[]> = Object.create(null);
  /** Names of templates currently being rendered through this context (cycle detection). */
  depth = 0;

  constructor(
    readonly environment: EnvLike,
    /** Caller data (own keys only) merged over nothing: globals are consulted separately. */
    readonly parent: Record<string, unknown>,
    readonly name: string | undefined,
    public evalCtx: EvalContext,
    readonly globals: Record<string, unknown> = environment.globals,
  ) {}

  /** Resolve a name as a template would: template vars, caller data, globals, else Undefined. */
  resolve(key: string): unknown {
    if (hasOwn.call(this.vars, key)) return this.vars[key];
    if (hasOwn.call(this.parent, key)) {
      const v = this.parent[key];
      return v === undefined ? this.environment.mkUndefined(null, MISSING, key) : v;
    }
    if (hasOwn.call(this.globals, key)) return this.globals[key];
    return this.environment.mkUndefined(null, MISSING, key);
  }

  /** Like resolve, but MISSING instead of an Undefined. */
  resolveOrMissing(key: string): unknown {
    if (hasOwn.call(this.vars, key)) return this.vars[key];
    if (hasOwn.call(this.parent, key)) return this.parent[key];
    if (hasOwn.call(this.globals, key)) return this.globals[key];
    return MISSING;
  }

  /** Assign a top-level variable; names starting with `_` are not exported (as Jinja2). */
  setVar(key: string, value: unknown): void {
    if (!hasOwn.call(this.vars, key) && key[0] !== '_') this.exported.push(key);
    else if (key[0] !== '_' && !this.exported.includes(key)) this.exported.push(key);
    this.vars[key] = value;
  }

  getAll(): Record<string, unknown> {
    const out: Record<string, unknown> = Object.create(null);
    for (const k of Object.keys(this.parent)) out[k] = this.parent[k];
    for (const k of Object.keys(this.vars)) out[k] = this.vars[k];
    return out;
  }

  /** The variables exported to importers, in order. */
  exportedVars(): Record<string, unknown> {
    const out: Record<string, unknown> = Object.create(null);
    for (const k of this.exported) out[k] = this.vars[k];
    return out;
  }
}

/** `self` in templates: `self.blockname()` renders a block of the current template chain. */
export class TemplateReference {
  constructor(
    private readonly ctx: Context,
    private readonly render: (name: string, depth: number) => unknown,
  ) {}

  [GETATTR](name: string): unknown {
    const stack = this.ctx.blocks[name];
    if (!stack) return MISSING;
    return () => this.render(name, 0);
  }
}

/** `{% import %}` result: exported top-level names of a template. */
export class TemplateModule {
  constructor(
    readonly templateName: string | undefined,
    readonly exports: Record<string, unknown>,
    readonly body: string,
    /** A `{% filter %}` join error of the body: Jinja2 joins it only when the module is printed. */
    private readonly joinError: Error | null = null,
  ) {}

  [GETATTR](name: string): unknown {
    return hasOwn.call(this.exports, name) ? this.exports[name] : MISSING;
  }

  toString(): string {
    if (this.joinError !== null) throw this.joinError;
    return this.body;
  }
}

export function isUndefined(v: unknown): v is Undefined {
  return v instanceof Undefined;
}
