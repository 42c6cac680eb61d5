/**
 * Per-render budgets for async renders. The limits of src/runtime/limits.ts live in one
 * module-level `budget`, which is right for sync renders (they never interleave) but not for
 * async ones: many may be pending at once. Each async render gets its own state; generated async
 * code saves the budget into it before every `await` (`suspend`) and loads it back after
 * (`resume`), so the sync stretches between awaits count against their own render.
 */

import { budget, DEFAULT_LIMITS, type Limits } from './limits.js';

export interface RenderState {
  fuel: number;
  depth: number;
  maxDepth: number;
  deadline: number;
  maxOutput: number;
  maxValueSize: number;
}

let current: RenderState | null = null;

export function newState(limits: Limits): RenderState {
  return {
    fuel: limits.fuel,
    depth: 0,
    maxDepth: limits.maxDepth,
    deadline: limits.timeoutMs === null ? Infinity : Date.now() + limits.timeoutMs,
    maxOutput: limits.maxOutput,
    maxValueSize: limits.maxValueSize,
  };
}

/** Make `st` the budget in force. */
export function load(st: RenderState): void {
  current = st;
  budget.fuel = st.fuel;
  budget.depth = st.depth;
  budget.maxDepth = st.maxDepth;
  budget.deadline = st.deadline;
  budget.maxOutput = st.maxOutput;
  budget.maxValueSize = st.maxValueSize;
}

/** Keep what the code running for `st` spent. */
export function save(st: RenderState): void {
  st.fuel = budget.fuel;
  st.depth = budget.depth;
}

/** The state of the render whose code is running (async functions capture it on entry). */
export function cur(): RenderState {
  if (current === null) load(newState(DEFAULT_LIMITS));
  return current!;
}

export function isP(v: unknown): v is PromiseLike<unknown> {
  return v !== null && (typeof v === 'object' || typeof v === 'function') && typeof (v as { then?: unknown }).then === 'function';
}

type Settled = { ok: true; value: unknown } | { ok: false; error: unknown };

/** Before an await: keep the budget; the outcome is boxed so `resume` runs on rejection too. */
export function suspend(st: RenderState, v: unknown): Promise<Settled> {
  save(st);
  return Promise.resolve(v).then((value) => ({ ok: true, value }), (error: unknown) => ({ ok: false, error }));
}

/** After an await: restore the budget, then give the value or throw the error. */
export function resume(st: RenderState, r: Settled): unknown {
  load(st);
  if (r.ok) return r.value;
  throw r.error;
}

/** Run `f` on the value of `v` now, or once it resolves (with this render's budget restored). */
export function when<T, R>(v: T | PromiseLike<T>, f: (x: T) => R): R | Promise<Awaited<R>> {
  if (!isP(v)) return f(v as T);
  const st = cur();
  return suspend(st, v).then((r) => f(resume(st, r) as T)) as Promise<Awaited<R>>;
}
