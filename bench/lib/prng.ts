/**
 * Deterministic data for the workloads: a seeded PRNG (mulberry32) plus a few pickers.
 * Never use Math.random in bench code: every engine and Python must see identical data.
 */

export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform float in [0, 1). */
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Integer in [lo, hi]. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.next() * xs.length)]!;
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  /** `n` distinct-ish picks (may repeat for small pools). */
  some<T>(xs: readonly T[], n: number): T[] {
    return Array.from({ length: n }, () => this.pick(xs));
  }

  /** A price with two decimals that is never integer-valued (so JSON and Python agree on its type). */
  price(lo: number, hi: number): number {
    return this.int(lo, hi) + this.int(1, 99) / 100;
  }

  sentence(minWords: number, maxWords: number): string {
    const words = this.some(WORDS, this.int(minWords, maxWords));
    const s = words.join(' ');
    return s[0]!.toUpperCase() + s.slice(1) + '.';
  }
}

export const WORDS = [
  'lorem', 'ipsum', 'dolor', 'sit', 'amet', 'consectetur', 'adipiscing', 'elit', 'sed', 'do',
  'eiusmod', 'tempor', 'incididunt', 'ut', 'labore', 'et', 'dolore', 'magna', 'aliqua', 'enim',
  'minim', 'veniam', 'quis', 'nostrud', 'exercitation', 'ullamco', 'laboris', 'nisi', 'aliquip',
  'commodo', 'consequat', 'duis', 'aute', 'irure', 'reprehenderit', 'voluptate', 'velit', 'esse',
] as const;

/** Strings that exercise HTML escaping: ampersands, angle brackets and both quote kinds. */
export const TRICKY = [
  'Tom & Jerry', '<b>bold</b> claim', 'the "best" one', "Jack's pick", 'a < b > c', 'plain',
  'café crème', 'naïve — déjà vu', 'x&y=z', 'O\'Reilly & "Sons"',
] as const;
