/**
 * Python's `range` objects. A range is represented like a tuple: an array of its items marked
 * with the RANGE symbol, which holds `start`, `stop` and `step`. Everything that reads
 * sequences (loops, filters, `len`, `in`, indexing) works unchanged; what Python shows
 * differently is decided from the mark: `range(0, 3)` as repr, `range(10)[2:5]` is a range,
 * `range(3) == [0, 1, 2]` is False, no list methods, `.start`/`.stop`/`.step` attributes.
 *
 * The items are materialized (as a JS array can hold at most 2**32 - 1 of them), unlike
 * Python's lazy range: `range(10**12)` raises MemoryError in jinjit.
 */

import { pyErr } from '../errors.js';
import { checkSize } from './limits.js';

/** Symbol marking an array as a Python range; the value is its bounds. */
export const RANGE: unique symbol = Symbol('jinjit.range');

export interface RangeBounds {
  readonly start: bigint;
  readonly stop: bigint;
  readonly step: bigint;
}

export type PyRange = (number | bigint)[] & { [RANGE]: RangeBounds };

/** Longest array a JS engine can hold. */
const ARRAY_MAX = 2 ** 32 - 1;
const SAFE_MIN = BigInt(Number.MIN_SAFE_INTEGER);
const SAFE_MAX = BigInt(Number.MAX_SAFE_INTEGER);

/** The bounds of a range value, or undefined when `v` is not one. */
export function rangeBounds(v: unknown): RangeBounds | undefined {
  return Array.isArray(v) ? (v as unknown as { [RANGE]?: RangeBounds })[RANGE] : undefined;
}

/** Python's `len(range(start, stop, step))` (step != 0). */
export function rangeLength(start: bigint, stop: bigint, step: bigint): bigint {
  if (step > 0n && stop > start) return (stop - start - 1n) / step + 1n;
  if (step < 0n && start > stop) return (start - stop - 1n) / -step + 1n;
  return 0n;
}

function demote(b: bigint): number | bigint {
  return b >= SAFE_MIN && b <= SAFE_MAX ? Number(b) : b;
}

/**
 * Build the range `range(start, stop, step)` (step != 0), items listed.
 * @example pyRepr(mkRange(0n, 3n, 1n)) // 'range(0, 3)'
 */
export function mkRange(start: bigint, stop: bigint, step: bigint): PyRange {
  const len = rangeLength(start, stop, step);
  if (len > BigInt(ARRAY_MAX)) throw pyErr('MemoryError', `range() of ${len} items is too large to list`);
  checkSize(len, 'range');
  const n = Number(len);
  const out = new Array<number | bigint>(n) as PyRange;
  const last = start + step * (len - 1n);
  if (n > 0 && start >= SAFE_MIN && start <= SAFE_MAX && last >= SAFE_MIN && last <= SAFE_MAX && step <= SAFE_MAX && step >= SAFE_MIN) {
    const s = Number(start);
    const d = Number(step);
    for (let i = 0; i < n; i++) out[i] = s + i * d;
  } else {
    let v = start;
    for (let i = 0; i < n; i++, v += step) out[i] = demote(v);
  }
  Object.defineProperty(out, RANGE, { value: { start, stop, step }, enumerable: false });
  return out;
}

/** Python's repr of a range: `range(0, 3)`, `range(1, 10, 2)`. */
export function rangeRepr(b: RangeBounds): string {
  return b.step === 1n ? `range(${b.start}, ${b.stop})` : `range(${b.start}, ${b.stop}, ${b.step})`;
}

/**
 * `r[a:b:st]` of a range, given the slice already normalized against its length (Python's
 * `slice.indices`): a range again, `range(10)[2:5]` is `range(2, 5)`.
 */
export function rangeSlice(b: RangeBounds, a: number, stop: number, st: number): PyRange {
  const step = BigInt(st);
  return mkRange(b.start + BigInt(a) * b.step, b.start + BigInt(stop) * b.step, b.step * step);
}

/** The `start`, `stop` and `step` attributes of a range. */
export function rangeAttr(b: RangeBounds, name: string): number | bigint | undefined {
  if (name === 'start') return demote(b.start);
  if (name === 'stop') return demote(b.stop);
  if (name === 'step') return demote(b.step);
  return undefined;
}

/** Python's range equality: equal as sequences (so `range(0) == range(2, 2)`). */
export function rangeEq(a: readonly unknown[], b: readonly unknown[]): boolean {
  if (a.length !== b.length) return false;
  if (a.length === 0) return true;
  // items are ints (numbers or bigints): their decimal text compares them exactly
  if (String(a[0]) !== String(b[0])) return false;
  return a.length === 1 || String(a[1]) === String(b[1]);
}

/** A hash key for a range: equal ranges give equal keys. */
export function rangeKey(r: readonly unknown[]): string {
  const parts = r.length === 0 ? '' : r.length === 1 ? String(r[0]) : `${String(r[0])},${String(r[1])}`;
  return `\u0000\udfffrange(${r.length};${parts})`;
}
