/**
 * Runtime support for inheritance, includes and imports: everything generated code does with
 * other templates goes through these functions.
 */

import { pyErr, TemplateNotFound, TemplateRuntimeError, TemplatesNotFound } from '../errors.js';
import { enter, leave } from './limits.js';
import { joinBuffer, openBuffer } from './output.js';
import { Context, TemplateModule, TemplateReference, type BlockFn } from './context.js';
import type { EnvLike } from './types.js';
import { isMarkup, Markup, MISSING, Undefined } from './values.js';

/** What the runtime needs from a compiled template. */
export interface TemplateLike {
  name: string | undefined;
  root: (ctx: Context) => string;
  blocks: Record<string, BlockFn>;
  /** `Object.keys(blocks)`, computed once. */
  readonly blockNames: readonly string[];
  /** Interpreted templates: counts a render, compiling the template when its count is used up (or `now`). */
  tierUp?: (now?: boolean) => void;
  /** Module made without context, cached (Jinja2's _get_default_module). */
  defaultModule(): TemplateModule;
  makeModule(vars: Record<string, unknown>, locals: Record<string, unknown> | null): TemplateModule;
  newContext(vars: Record<string, unknown>, shared: boolean, locals: Record<string, unknown> | null): Context;
}

/** What the runtime needs from the environment to find templates. */
export interface TemplateEnv extends EnvLike {
  getTemplate(name: string | TemplateLike, parent?: string): TemplateLike;
  selectTemplate(names: unknown[], parent?: string): TemplateLike;
  isTemplate(v: unknown): v is TemplateLike;
}

export function resolveTemplate(env: TemplateEnv, ref: unknown, parent: string | undefined): TemplateLike {
  if (env.isTemplate(ref)) return ref;
  if (typeof ref === 'string') return env.getTemplate(ref, parent);
  if (Array.isArray(ref)) return env.selectTemplate(ref, parent);
  if (ref instanceof Undefined) ref.fail();
  if (isMarkup(ref)) return env.getTemplate(ref.__html__(), parent);
  return env.getTemplate(String(ref), parent);
}

/** `{% extends expr %}`: load the parent and queue its blocks behind ours. */
export function extendsTemplate(env: TemplateEnv, ctx: Context, ref: unknown): TemplateLike {
  // Jinja2 passes the value to get_template, whose cache lookup rejects lists
  if (Array.isArray(ref)) throw pyErr('TypeError', `unhashable type: 'list'`);
  const parent = resolveTemplate(env, ref, ctx.name);
  parent.tierUp?.();
  for (const name of parent.blockNames) {
    (ctx.blocks[name] ??= []).push(parent.blocks[name]!);
  }
  return parent;
}

export function include(
  env: TemplateEnv, ctx: Context, ref: unknown, ignoreMissing: boolean, withContext: boolean,
  locals: Record<string, unknown> | null,
): string {
  let tmpl: TemplateLike;
  try {
    tmpl = resolveTemplate(env, ref, ctx.name);
  } catch (e) {
    if (ignoreMissing && (e instanceof TemplateNotFound || e instanceof TemplatesNotFound)) return '';
    throw e;
  }
  let sub: Context;
  if (withContext) {
    // getAll() is a fresh object: the include's locals go straight into it (no second copy)
    const vars = ctx.getAll();
    if (locals !== null) for (const k of Object.keys(locals)) if (locals[k] !== MISSING) vars[k] = locals[k];
    sub = tmpl.newContext(vars, true, null);
  } else sub = tmpl.newContext({}, false, null);
  return renderWithBlocks(tmpl, sub);
}

export function renderWithBlocks(tmpl: TemplateLike, ctx: Context): string {
  tmpl.tierUp?.();
  for (const name of tmpl.blockNames) ctx.blocks[name] ??= [tmpl.blocks[name]!];
  enter();
  try {
    return tmpl.root(ctx);
  } finally {
    leave();
  }
}

export function importTemplate(
  env: TemplateEnv, ctx: Context, ref: unknown, withContext: boolean, locals: Record<string, unknown> | null,
): TemplateModule {
  const tmpl = resolveTemplate(env, ref, ctx.name);
  return withContext ? tmpl.makeModule(ctx.getAll(), locals) : tmpl.defaultModule();
}

/** `{% from t import name %}`: a missing name is an Undefined explaining what happened. */
export function importName(env: EnvLike, mod: TemplateModule, name: string, line: number): unknown {
  const v = mod.exports[name];
  if (v !== undefined && Object.prototype.hasOwnProperty.call(mod.exports, name)) return v;
  const hint = `the template '${mod.templateName}' (imported on line ${line}) does not export the requested name '${name}'`;
  return env.mkUndefined(hint, MISSING, name);
}

/** A context for a scoped block: current context plus the caller's locals. */
export function derived(ctx: Context, locals: Record<string, unknown>): Context {
  const parent = ctx.getAll();
  for (const k of Object.keys(locals)) if (locals[k] !== MISSING) parent[k] = locals[k];
  const d = new Context(ctx.environment, parent, ctx.name, ctx.evalCtx, ctx.globals);
  for (const k of Object.keys(ctx.blocks)) d.blocks[k] = ctx.blocks[k]!.slice();
  return d;
}

export function blockResult(ctx: Context, s: string): unknown {
  return ctx.evalCtx.autoescape ? new Markup(s) : s;
}

/** `super()` inside a block: renders the next block up the inheritance chain. */
export function superRef(ctx: Context, name: string, current: BlockFn): unknown {
  const stack = ctx.blocks[name] ?? [];
  const i = stack.indexOf(current);
  if (i < 0 || i + 1 >= stack.length) {
    return ctx.environment.mkUndefined(`there is no parent block called '${name}'.`, MISSING, 'super');
  }
  const next = stack[i + 1]!;
  return () => blockValue(ctx, next);
}

/** A block rendered as a value (`super()`, `self.name()`): Jinja2 joins its output right there. */
function blockValue(ctx: Context, block: BlockFn): unknown {
  const outer = openBuffer();
  const s = block(ctx);
  joinBuffer(outer);
  return blockResult(ctx, s);
}

/** `self` in a template. */
export function selfRef(ctx: Context): TemplateReference {
  return new TemplateReference(ctx, (name) => blockValue(ctx, ctx.blocks[name]![0]!));
}

export function runtimeError(msg: string): TemplateRuntimeError {
  return new TemplateRuntimeError(msg);
}
