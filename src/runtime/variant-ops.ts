/**
 * Runtime support for the code variants of src/compiler (CompileEnv.variant): in 'stream' code
 * root and block functions are generators of output chunks; 'async' code awaits values (Jinja2's
 * `enable_async` mode) and hands chunks to a sink. The plain sync code never calls these.
 */

import { pyErr, TemplateNotFound, TemplatesNotFound } from '../errors.js';
import { PyGenerator } from '../builtins/filters/util.js';
import { TemplateReference, type BlockFn, type Context, type TemplateModule } from './context.js';
import { cur, isP, load, when } from './async-state.js';
import { enter, leave } from './limits.js';
import { iterate } from './loop.js';
import { blockResult, resolveTemplate, type TemplateEnv, type TemplateLike } from './template-ops.js';
import { isMarkup, MISSING, Undefined } from './values.js';

export { cur, isP, resume, suspend } from './async-state.js';
/** Depth of pending async macro calls and recursive loops (generated async code). */
export { enter as enterDepth, leave as leaveDepth } from './limits.js';

/** What a variant's root or block function returns: output, a promise of it, or chunks. */
export type VariantOutput = string | Promise<string> | Generator<string, string, undefined>;

/** The functions one variant of a template's code defines. */
export interface VariantCode {
  root: (ctx: Context) => VariantOutput;
  blocks: Record<string, BlockFn>;
}

function isGenerator(v: unknown): v is Generator<string, string, undefined> {
  return typeof v === 'object' && v !== null && typeof (v as Generator).next === 'function' && typeof (v as Generator).throw === 'function';
}

/** All of a stream function's output as one string (for captures and `super()`). */
export function drain(v: unknown): unknown {
  if (!isGenerator(v)) return v;
  let out = '';
  for (;;) {
    const r = v.next();
    out += r.value;
    if (r.done) return out;
  }
}

export type Variant = 'async' | 'stream';

/** A template that can compile its variants (src/template.ts). */
export interface VariantTemplate extends TemplateLike {
  variantCode(variant: Variant): VariantCode;
  makeModuleAsync(vars: Record<string, unknown>, locals: Record<string, unknown> | null): Promise<TemplateModule>;
  defaultModuleAsync(): Promise<TemplateModule>;
}

/** An environment that can load templates asynchronously (src/environment.ts). */
export interface AsyncTemplateEnv extends TemplateEnv {
  getTemplateAsync(name: string | TemplateLike, parent?: string): Promise<TemplateLike>;
}

/** Where a render's chunks go: one sink per streaming context. */
const sinks = new WeakMap<Context, (chunk: string) => void>();

export function setSink(ctx: Context, sink: ((chunk: string) => void) | null): void {
  if (sink) sinks.set(ctx, sink);
  else sinks.delete(ctx);
}

/** Send the output gathered so far to the context's sink, if it has one. */
export function flushOut(ctx: Context, out: string): string {
  if (out === '') return out;
  const sink = sinks.get(ctx);
  if (sink === undefined) return out;
  sink(out);
  return '';
}

const isThenable = isP;

/** Call `fn` with the sink of `ctx` suspended: its output is a value, not part of the stream. */
function withoutSink<R>(ctx: Context, fn: () => R): R {
  const sink = sinks.get(ctx);
  if (sink === undefined) return fn();
  sinks.delete(ctx);
  let r: R;
  try {
    r = fn();
  } catch (e) {
    sinks.set(ctx, sink);
    throw e;
  }
  if (isThenable(r)) return Promise.resolve(r).finally(() => sinks.set(ctx, sink)) as R;
  sinks.set(ctx, sink);
  return r;
}

/** A `{% block %}` inside captured output (set block, macro body...). */
export function blockNoSink(ctx: Context, name: string, target: Context): unknown {
  return drain(withoutSink(ctx, () => ctx.blocks[name]![0]!(target)));
}

/** `super()` in variant code: the parent block's output as a value. */
export function superRefVariant(ctx: Context, name: string, current: BlockFn): unknown {
  const stack = ctx.blocks[name] ?? [];
  const i = stack.indexOf(current);
  if (i < 0 || i + 1 >= stack.length) {
    return ctx.environment.mkUndefined(`there is no parent block called '${name}'.`, MISSING, 'super');
  }
  const next = stack[i + 1]!;
  return () => when(drain(withoutSink(ctx, () => next(ctx))) as string, (s) => blockResult(ctx, s));
}

/** `self` in variant code. */
export function selfRefVariant(ctx: Context): TemplateReference {
  return new TemplateReference(ctx, (name) => when(drain(withoutSink(ctx, () => ctx.blocks[name]![0]!(ctx))) as string, (s) => blockResult(ctx, s)));
}

async function resolveAsync(env: AsyncTemplateEnv, ref: unknown, parent: string | undefined): Promise<TemplateLike> {
  if (env.isTemplate(ref)) return ref;
  if (Array.isArray(ref)) return selectAsync(env, ref, parent);
  if (ref instanceof Undefined) ref.fail();
  const name = typeof ref === 'string' ? ref : isMarkup(ref) ? ref.__html__() : String(ref);
  // precompiled environments load synchronously
  return typeof env.getTemplateAsync === 'function' ? env.getTemplateAsync(name, parent) : env.getTemplate(name, parent);
}

async function selectAsync(env: AsyncTemplateEnv, names: unknown[], parent: string | undefined): Promise<TemplateLike> {
  if (names.length === 0) throw new TemplatesNotFound([], 'Tried to select from an empty list of templates.');
  for (const n of names) {
    if (env.isTemplate(n)) return n;
    if (n instanceof Undefined) continue;
    try {
      return await resolveAsync(env, String(n), parent);
    } catch (e) {
      if (!(e instanceof TemplateNotFound) || e.templateNameRequested !== String(n)) throw e;
    }
  }
  throw new TemplatesNotFound(names.map((n) => (n instanceof Undefined ? '' : String(n))));
}

function resolveVariant(env: TemplateEnv, ref: unknown, parent: string | undefined, variant: Variant): TemplateLike | Promise<TemplateLike> {
  return variant === 'async' ? resolveAsync(env as AsyncTemplateEnv, ref, parent) : resolveTemplate(env, ref, parent);
}

/** `{% extends %}`: the parent's variant code, its blocks queued behind ours. */
export function extendsVariant(env: TemplateEnv, ctx: Context, variant: Variant, ref: unknown): VariantCode | Promise<VariantCode> {
  if (Array.isArray(ref)) throw pyErr('TypeError', `unhashable type: 'list'`);
  return when(resolveVariant(env, ref, ctx.name, variant), (parent) => {
    const code = (parent as VariantTemplate).variantCode(variant);
    for (const name of Object.keys(code.blocks)) (ctx.blocks[name] ??= []).push(code.blocks[name]!);
    return code;
  });
}

// eslint-disable-next-line require-yield
function* noChunks(): Generator<string, string, undefined> {
  return '';
}

function* entered(chunks: Generator<string, string, undefined>): Generator<string, string, undefined> {
  enter();
  try {
    return yield* chunks;
  } finally {
    leave();
  }
}

/** Render a template's variant code in `ctx` (Jinja2's root render with its blocks). */
export function renderVariant(tmpl: TemplateLike, ctx: Context, variant: Variant): VariantOutput {
  const code = (tmpl as VariantTemplate).variantCode(variant);
  for (const name of Object.keys(code.blocks)) ctx.blocks[name] ??= [code.blocks[name]!];
  if (variant === 'stream') return entered(code.root(ctx) as Generator<string, string, undefined>);
  enter();
  let r: VariantOutput;
  try {
    r = code.root(ctx);
  } catch (e) {
    leave();
    throw e;
  }
  if (!isThenable(r)) {
    leave();
    return r as string;
  }
  // the include level stays entered until the async render settles (recursion depth)
  const st = cur();
  return Promise.resolve(r).finally(() => {
    load(st);
    leave();
  });
}

/** `{% include %}`; at a streaming position the included template streams into our sink. */
export function includeVariant(
  env: TemplateEnv, ctx: Context, variant: Variant, streaming: boolean, ref: unknown, ignoreMissing: boolean,
  withContext: boolean, locals: Record<string, unknown> | null,
): VariantOutput {
  const missing = (e: unknown): TemplateLike | null => {
    if (ignoreMissing && (e instanceof TemplateNotFound || e instanceof TemplatesNotFound)) return null;
    throw e;
  };
  let found: TemplateLike | null | Promise<TemplateLike | null>;
  try {
    found = resolveVariant(env, ref, ctx.name, variant);
    if (isThenable(found)) found = Promise.resolve(found).catch(missing);
  } catch (e) {
    found = missing(e);
  }
  return when(found, (tmpl): VariantOutput => {
    if (tmpl === null) return streaming && variant === 'stream' ? noChunks() : '';
    const sub = withContext ? tmpl.newContext(ctx.getAll(), true, locals) : tmpl.newContext({}, false, null);
    if (streaming) setSink(sub, sinks.get(ctx) ?? null);
    const out = renderVariant(tmpl, sub, variant);
    // a stream include at a streaming position is delegated to (`yield*`), else it is a value
    return streaming || variant === 'async' ? out : (drain(out) as string);
  }) as VariantOutput;
}

/** `{% import %}` / `{% from %}` in async code: a module whose macros are async too. */
export async function importAsync(
  env: TemplateEnv, ctx: Context, ref: unknown, withContext: boolean, locals: Record<string, unknown> | null,
): Promise<TemplateModule> {
  const st = cur();
  const found = resolveAsync(env as AsyncTemplateEnv, ref, ctx.name);
  let tmpl: VariantTemplate;
  try {
    tmpl = (await found) as VariantTemplate;
  } finally {
    load(st);
  }
  return withContext ? tmpl.makeModuleAsync(ctx.getAll(), locals) : tmpl.defaultModuleAsync();
}

function isAsyncIterable(v: unknown): v is AsyncIterable<unknown> {
  return v !== null && typeof v === 'object' && typeof (v as AsyncIterable<unknown>)[Symbol.asyncIterator] === 'function';
}

async function collect(v: AsyncIterable<unknown>): Promise<unknown[]> {
  const out: unknown[] = [];
  for await (const x of v) out.push(x);
  return out;
}

/** Jinja2's `auto_aiter` for loops: async iterables and promised sequences. */
export async function iterateAsync(v: unknown): Promise<readonly unknown[]> {
  if (isThenable(v)) v = await v;
  if (isAsyncIterable(v) && !Array.isArray(v)) return collect(v);
  return iterate(v);
}

/**
 * The sequence argument of the filters Jinja2 has async variants of (list, join, map, select...):
 * async iterables are drained, and a generator made by another filter (`map` over an async
 * filter) has its items awaited, as Jinja2's async `map` awaits each result.
 */
export async function asyncArg(v: unknown): Promise<unknown> {
  if (isThenable(v)) v = await v;
  if (isAsyncIterable(v) && !Array.isArray(v)) return collect(v);
  if (v instanceof PyGenerator) {
    const items = Array.from(v);
    return items.some(isThenable) ? Promise.all(items) : items;
  }
  return v;
}
