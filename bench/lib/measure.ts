/**
 * Timing primitives: batches of iterations timed with hrtime (wall) and process.cpuUsage (CPU,
 * all threads of the process — so GC helper threads count), calibration, warm-up and the
 * interleaved sampler that rotates the engine order every round so that no engine always runs
 * right after the same neighbour (or right after a GC-heavy one).
 */

export interface Sample {
  /** ns per iteration */
  wall: number;
  /** ns of process CPU time per iteration */
  cpu: number;
}

let sink = 0;
/** Keeps results observable so the optimiser cannot drop the work. */
export const sinkValue = () => sink;

export function timeBatch(fn: () => unknown, iterations: number): Sample {
  const c0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) {
    const r = fn();
    sink = (sink + (typeof r === 'string' ? r.length : 1)) | 0;
  }
  const t1 = process.hrtime.bigint();
  const c = process.cpuUsage(c0);
  return { wall: Number(t1 - t0) / iterations, cpu: ((c.user + c.system) * 1000) / iterations };
}

/**
 * Iterations per batch so that one batch takes about `targetMs` of CPU time (CPU rather than wall,
 * so that a busy machine does not shrink the batches).
 */
export function calibrate(fn: () => unknown, targetMs: number): number {
  const target = targetMs * 1e6;
  for (let n = 1; ; n *= 2) {
    const s = timeBatch(fn, n);
    const per = Math.max(s.cpu, 1);
    if (per * n >= target / 4 || n >= 1 << 22) return Math.max(1, Math.round(target / per));
  }
}

export function warmUp(fn: () => unknown, ms: number): void {
  const end = performance.now() + ms;
  do fn();
  while (performance.now() < end);
}

export interface Contender {
  name: string;
  fn: () => unknown;
  iterations: number;
}

/** `rounds` rounds; in each, every contender times one batch, starting at a rotating offset. */
export function interleaved(contenders: Contender[], rounds: number): Map<string, Sample[]> {
  const out = new Map<string, Sample[]>(contenders.map((c) => [c.name, []]));
  for (let r = 0; r < rounds; r++) {
    for (let k = 0; k < contenders.length; k++) {
      const c = contenders[(k + r) % contenders.length]!;
      out.get(c.name)!.push(timeBatch(c.fn, c.iterations));
    }
  }
  return out;
}

export function gc(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

export const hasGc = () => typeof (globalThis as { gc?: unknown }).gc === 'function';
