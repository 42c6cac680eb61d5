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
  /** Characters of output per render. Default 256 MiB. */
  maxOutput: number;
  /** Items/characters in any one value a template builds. Default 32 million. */
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
  if (budget.active++ > 0) return false;
  budget.fuel = limits.fuel;
  budget.depth = 0;
  budget.maxDepth = limits.maxDepth;
  budget.deadline = limits.timeoutMs === null ? Infinity : Date.now() + limits.timeoutMs;
  budget.maxOutput = limits.maxOutput;
  budget.maxValueSize = limits.maxValueSize;
  return true;
}

export function endRender(): void {
  budget.active--;
}

/**
 * One unit of work. Cheap on the hot path: a decrement and a compare; the clock and output
 * size are checked every 1024 units.
 */
export function tick(outLength: number): void {
  if ((--budget.fuel & 1023) === 0 || budget.fuel < 0) slowCheck(outLength);
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

/** Refuse to build a value larger than the configured cap (`'x' * 10**12`, huge widths...). */
export function checkSize(n: number | bigint, what: string): void {
  if (n > budget.maxValueSize) {
    throw pyErr('MemoryError', `${what} of ${n} items exceeds the limit of ${budget.maxValueSize}`);
  }
}
