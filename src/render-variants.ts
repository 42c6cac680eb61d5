/**
 * Async rendering, streaming and single-block rendering of a Template (Jinja2's `render_async`,
 * `generate`, `generate_async` and the `blocks[name](ctx)` pattern). They run the code variants
 * compiled on first use (CompileEnv.variant), so plain `render()` pays nothing for them.
 */

import { TemplateRuntimeError } from './errors.js';
import { locateError } from './error-map.js';
import type { Context } from './runtime/context.js';
import { beginRender, budget, endRender, resumeRender } from './runtime/limits.js';
import { renderWithBlocks } from './runtime/template-ops.js';
import { renderVariant, setSink } from './runtime/variant-ops.js';
import { load, newState, resume, save, suspend, type RenderState } from './runtime/async-state.js';
import { hostLimitError, type Template } from './template.js';

type Vars = Record<string, unknown> | Map<string, unknown>;

function contextFor(tmpl: Template, vars: Vars): Context {
  return tmpl.newContext(vars instanceof Map ? Object.fromEntries(vars) : vars, false, null);
}

/**
 * Run an async render with its own budget (src/runtime/async-state.ts: concurrent renders do
 * not share limits), reporting errors with template positions.
 */
async function guardedAsync<T>(tmpl: Template, fn: (st: RenderState) => T | Promise<T>): Promise<T> {
  const st = newState(tmpl.environment.limits);
  load(st);
  try {
    return await fn(st);
  } catch (e) {
    throw locateError(hostLimitError(e));
  }
}

function guarded<T>(tmpl: Template, fn: () => T): T {
  beginRender(tmpl.environment.limits);
  try {
    return fn();
  } catch (e) {
    throw locateError(hostLimitError(e));
  } finally {
    endRender();
  }
}

export function renderAsync(tmpl: Template, vars: Vars): Promise<string> {
  const ctx = contextFor(tmpl, vars);
  return guardedAsync(tmpl, () => renderVariant(tmpl, ctx, 'async') as Promise<string>);
}

/**
 * Sync chunks, rendered lazily: the 'stream' variant's generators yield at statement, block and
 * include boundaries. The consumer may run other renders between chunks, so this render keeps
 * its own budget, in force only while it runs.
 */
export function* generate(tmpl: Template, vars: Vars): Generator<string, void, undefined> {
  const ctx = contextFor(tmpl, vars);
  const st = newState(tmpl.environment.limits);
  let chunks: Generator<string, string, undefined> | undefined;
  for (;;) {
    const r = step(st, () => (chunks ??= renderVariant(tmpl, ctx, 'stream') as Generator<string, string, undefined>).next());
    if (r.value !== '') yield r.value;
    if (r.done) return;
  }
}

/** One stretch of a lazily consumed render: its budget in force (joined if nested in a render). */
function step<T>(st: RenderState, fn: () => T): T {
  const nested = budget.active > 0;
  if (!nested) {
    load(st);
    resumeRender();
  }
  try {
    return fn();
  } catch (e) {
    throw locateError(hostLimitError(e));
  } finally {
    if (!nested) {
      save(st);
      endRender();
    }
  }
}

/** Async chunks, produced as the render goes: a chunk is out before later awaits resolve. */
export async function* generateAsync(tmpl: Template, vars: Vars): AsyncGenerator<string, void, undefined> {
  const ctx = contextFor(tmpl, vars);
  const queue: string[] = [];
  let wake: (() => void) | null = null;
  let done = false;
  let failure: { error: unknown } | null = null;
  const notify = () => {
    const w = wake;
    wake = null;
    w?.();
  };
  setSink(ctx, (c) => {
    queue.push(c);
    notify();
  });
  void guardedAsync(tmpl, () => renderVariant(tmpl, ctx, 'async') as Promise<string>).then(
    (rest) => {
      if (rest !== '') queue.push(rest);
    },
    (error: unknown) => {
      failure = { error };
    },
  ).finally(() => {
    done = true;
    notify();
  });
  for (;;) {
    // chunks produced between two awaits of the render go out together
    while (queue.length > 0) yield queue.splice(0).join('');
    if (done) break;
    await new Promise<void>((resolve) => (wake = resolve));
  }
  if (failure !== null) throw (failure as { error: unknown }).error;
}

/** Options of `Template.readableStream`. */
export interface ReadableStreamOptions {
  /** Emit UTF-8 bytes (`Uint8Array`) instead of strings, e.g. for a `Response` body. */
  bytes?: boolean;
}

export function readableStream(tmpl: Template, vars: Vars, options: ReadableStreamOptions = {}): ReadableStream<string | Uint8Array> {
  const it = generateAsync(tmpl, vars);
  const encoder = options.bytes ? new TextEncoder() : null;
  return new ReadableStream<string | Uint8Array>({
    async pull(controller) {
      try {
        const { value, done } = await it.next();
        if (done) controller.close();
        else controller.enqueue(encoder ? encoder.encode(value) : value);
      } catch (e) {
        controller.error(e);
      }
    },
    async cancel() {
      await it.return(undefined);
    },
  });
}

function blockFn(tmpl: Template, ctx: Context, name: string) {
  const stack = ctx.blocks[name];
  if (!stack || stack.length === 0) {
    throw new TemplateRuntimeError(`Block '${name}' not found in template '${tmpl.name ?? '<string>'}'`);
  }
  return stack[0]!;
}

/**
 * One block as the full render would print it: the root runs first (output discarded) so that
 * `extends` queues the parents' blocks and top-level assignments are visible, then the
 * most-derived block renders, `super()` reaching the parents.
 */
export function renderBlock(tmpl: Template, name: string, vars: Vars): string {
  const ctx = contextFor(tmpl, vars);
  return guarded(tmpl, () => {
    renderWithBlocks(tmpl, ctx);
    return blockFn(tmpl, ctx, name)(ctx);
  });
}

export function renderBlockAsync(tmpl: Template, name: string, vars: Vars): Promise<string> {
  const ctx = contextFor(tmpl, vars);
  return guardedAsync(tmpl, async (st) => {
    resume(st, await suspend(st, renderVariant(tmpl, ctx, 'async')));
    return blockFn(tmpl, ctx, name)(ctx);
  });
}
