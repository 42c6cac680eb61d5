/** Summary statistics over timing samples (all in nanoseconds per iteration). */

export function quantile(xs: number[], q: number): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const pos = (s.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return s[lo]! + (s[hi]! - s[lo]!) * (pos - lo);
}

export const median = (xs: number[]) => quantile(xs, 0.5);

/** Median absolute deviation, relative to the median (0.02 = 2 %). */
export function relMad(xs: number[]): number {
  const m = median(xs);
  return median(xs.map((x) => Math.abs(x - m))) / m;
}

export interface Summary {
  median: number;
  p10: number;
  p90: number;
  relMad: number;
  n: number;
}

export function summarize(xs: number[]): Summary {
  return { median: median(xs), p10: quantile(xs, 0.1), p90: quantile(xs, 0.9), relMad: relMad(xs), n: xs.length };
}

/** Human time: 812 ns, 13.4 µs, 2.31 ms, 1.20 s. */
export function fmtTime(ns: number): string {
  if (!Number.isFinite(ns)) return '–';
  if (ns < 1e3) return `${ns.toFixed(0)} ns`;
  if (ns < 1e6) return `${(ns / 1e3).toPrecision(3)} µs`;
  if (ns < 1e9) return `${(ns / 1e6).toPrecision(3)} ms`;
  return `${(ns / 1e9).toPrecision(3)} s`;
}

export function fmtOps(ns: number): string {
  if (!Number.isFinite(ns) || ns <= 0) return '–';
  const ops = 1e9 / ns;
  return ops >= 100 ? Math.round(ops).toLocaleString('en-US') : ops.toPrecision(3);
}

export function fmtRatio(r: number): string {
  if (!Number.isFinite(r)) return '–';
  return r >= 10 ? `${r.toFixed(0)}×` : `${r.toFixed(2)}×`;
}

export function fmtBytes(b: number): string {
  if (!Number.isFinite(b)) return '–';
  if (Math.abs(b) < 1024) return `${b.toFixed(0)} B`;
  if (Math.abs(b) < 1024 * 1024) return `${(b / 1024).toFixed(1)} KiB`;
  return `${(b / 1024 / 1024).toFixed(2)} MiB`;
}
