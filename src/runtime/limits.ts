/**
 * Limits that keep a hostile or runaway template from hurting the process, in every mode:
 * recursion depth (macros, recursive loops, includes), a work budget ("fuel": loop iterations and
 * calls), an optional wall-clock timeout, output size, and the size of any single value a
 * template builds (string/list repetition, ranges, padding widths...).
 *
 * Renders are synchronous, so the budget of the render in progress lives in one module-level
 * object; nested renders (includes, imports) share it.
 */

import { pyErr, TemplateRuntimeError } from '../errors.js';

/** Configurable limits; the defaults are far beyond what real templates need. */
export interface Limits {
  /** Nested macro calls, recursive loop levels and include/import/extends depth. Default 250 (Python Jinja2 fails between 200 and 250 nested macros). */
  maxDepth: number;
  /** Loop iterations plus macro calls per render. Default 50,000,000. */
  fuel: number;
  /** Milliseconds a render may take; `null` (default) means no timeout. */
  timeoutMs: number | null;
  /** Characters in an output buffer (the render's, or a macro's, block's or loop body's). Default 256 Mi. */
  maxOutput: number;
  /**
   * Items/characters in any one value a template builds. Default 32 Mi (33,554,432). Checked
   * before allocating: `str * n`, `list * n`, `+`/`~` concatenation, `range()`, `join`,
   * `replace`, `translate`, `center`/`ljust`/`rjust`/`zfill`/`expandtabs`, format widths and
   * precisions (`str.format`, `%`, `|format`), `indent`, `tojson` indent, `batch`/`slice`
   * counts, `list.extend`, `lipsum` words; for ints, the bits of `**` and `*` results. A list of
   * this many items takes ~8 bytes per item: lower it for heaps under 1 GB.
   */
  maxValueSize: number;
}

export const DEFAULT_LIMITS: Limits = {
  maxDepth: 250,
  fuel: 50_000_000,
  timeoutMs: null,
  maxOutput: 256 * 1024 * 1024,
  maxValueSize: 32 * 1024 * 1024,
};

/** The budget of the render in progress. */
export const budget = {
  fuel: DEFAULT_LIMITS.fuel,
  depth: 0,
  maxDepth: DEFAULT_LIMITS.maxDepth,
  deadline: Infinity,
  maxOutput: DEFAULT_LIMITS.maxOutput,
  maxValueSize: DEFAULT_LIMITS.maxValueSize,
  /** Nesting of render() calls: only the outermost one resets the budget. */
  active: 0,
};

/** Start (or join) a render's budget. Returns a token for `endRender`. */
export function beginRender(limits: Limits): boolean {
  if (budget.active > 0) {
    budget.active++;
    return false;
  }
  resumeRender();
  budget.fuel = limits.fuel;
  budget.depth = 0;
  budget.maxDepth = limits.maxDepth;
  budget.deadline = limits.timeoutMs === null ? Infinity : Date.now() + limits.timeoutMs;
  budget.maxOutput = limits.maxOutput;
  budget.maxValueSize = limits.maxValueSize;
  return true;
}

/**
 * Resume a lazily consumed render (generate's steps) whose budget the caller has loaded: like
 * beginRender without the reset, so its errors are located too. Paired with endRender.
 */
export function resumeRender(): void {
  if (budget.active++ > 0) return;
  // errors thrown deep inside the runtime (or by running out of host stack on deep data) must
  // still show a frame of generated code, which error-map.ts turns into template name and line
  savedStackTraceLimit = Error.stackTraceLimit;
  if (!(Error.stackTraceLimit >= RENDER_STACK_TRACE_LIMIT)) Error.stackTraceLimit = RENDER_STACK_TRACE_LIMIT;
}

export function endRender(): void {
  if (--budget.active === 0) Error.stackTraceLimit = savedStackTraceLimit;
}

/** Stack frames captured while rendering (restored afterwards); see beginRender. */
const RENDER_STACK_TRACE_LIMIT = 100_000;
let savedStackTraceLimit = Error.stackTraceLimit;

/**
 * One unit of work. Cheap on the hot path: a decrement and two compares; the clock is read
 * every 1024 units. `outLength` is the length of the output buffer being written (0 from macro
 * calls, which do not know it), so it is compared on every tick, not only every 1024th.
 */
export function tick(outLength: number): void {
  if ((--budget.fuel & 1023) === 0 || budget.fuel < 0 || outLength > budget.maxOutput) slowCheck(outLength);
}

function slowCheck(outLength: number): void {
  if (budget.fuel < 0) {
    throw new TemplateRuntimeError('template exceeded its work budget (fuel): too many loop iterations or calls');
  }
  if (outLength > budget.maxOutput) throw new TemplateRuntimeError(`template output exceeded ${budget.maxOutput} characters`);
  if (Date.now() > budget.deadline) throw new TemplateRuntimeError('template render timed out');
}

/** Enter one level of recursion (macro call, recursive loop, include...). */
export function enter(): void {
  if (++budget.depth > budget.maxDepth) {
    budget.depth--;
    throw pyErr('RecursionError', `maximum recursion depth exceeded (limit ${budget.maxDepth})`);
  }
}

export function leave(): void {
  budget.depth--;
}

/**
 * Refuse to build a value larger than the configured cap (`'x' * 10**12`, huge widths...):
 * Python's MemoryError, raised before the allocation.
 * @example checkSize(width, 'padded string') // MemoryError when width > limits.maxValueSize
 */
export function checkSize(n: number | bigint, what: string): void {
  if (n > budget.maxValueSize) {
    throw pyErr('MemoryError', `${what} of ${n} items exceeds the limit of ${budget.maxValueSize}`);
  }
}
