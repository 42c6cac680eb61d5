/**
 * `lipsum()`: Jinja2's `generate_lorem_ipsum`, and a Mersenne Twister that reproduces Python's
 * `random` module so a seeded run prints exactly what Jinja2 prints after `random.seed(n)`.
 *
 *     {{ lipsum(2, html=false, min=5, max=10) }}
 */

import { pyErr } from '../errors.js';
import { checkSize } from '../runtime/limits.js';
import { truthy } from '../runtime/ops.js';
import { typeName } from '../runtime/repr.js';
import type { Callable } from '../runtime/types.js';
import { Markup, PyFloat, Undefined } from '../runtime/values.js';

/** Jinja2's `LOREM_IPSUM_WORDS` (jinja2/constants.py), split on whitespace. */
export const LOREM_IPSUM_WORDS: readonly string[] = `\
a ac accumsan ad adipiscing aenean aliquam aliquet amet ante aptent arcu at
auctor augue bibendum blandit class commodo condimentum congue consectetuer
consequat conubia convallis cras cubilia cum curabitur curae cursus dapibus
diam dictum dictumst dignissim dis dolor donec dui duis egestas eget eleifend
elementum elit enim erat eros est et etiam eu euismod facilisi facilisis fames
faucibus felis fermentum feugiat fringilla fusce gravida habitant habitasse hac
hendrerit hymenaeos iaculis id imperdiet in inceptos integer interdum ipsum
justo lacinia lacus laoreet lectus leo libero ligula litora lobortis lorem
luctus maecenas magna magnis malesuada massa mattis mauris metus mi molestie
mollis montes morbi mus nam nascetur natoque nec neque netus nibh nisi nisl non
nonummy nostra nulla nullam nunc odio orci ornare parturient pede pellentesque
penatibus per pharetra phasellus placerat platea porta porttitor posuere
potenti praesent pretium primis proin pulvinar purus quam quis quisque rhoncus
ridiculus risus rutrum sagittis sapien scelerisque sed sem semper senectus sit
sociis sociosqu sodales sollicitudin suscipit suspendisse taciti tellus tempor
tempus tincidunt torquent tortor tristique turpis ullamcorper ultrices
ultricies urna ut varius vehicula vel velit venenatis vestibulum vitae vivamus
viverra volutpat vulputate`.split(/\s+/);

/**
 * The randomness lipsum consumes: Python's `Random._randbelow(n)`, a uniform integer in
 * `[0, n)` for `n >= 1`. `randrange` and `choice` are built on it exactly as in CPython, so a
 * source that replays CPython's `_randbelow` replays Jinja2's output.
 */
export interface RandomSource {
  randbelow(n: number): number;
}

/** The default source: `Math.random` (not reproducible; use `PyRandom` to seed). */
export const mathRandom: RandomSource = {
  randbelow(n: number): number {
    return Math.floor(Math.random() * n);
  },
};

const N = 624;
const M = 397;

/**
 * CPython's `random.Random` core (MT19937 + `init_by_array` seeding + `getrandbits` +
 * `_randbelow_with_getrandbits`). `new PyRandom(42)` yields what `random.seed(42)` yields.
 */
export class PyRandom implements RandomSource {
  private readonly mt = new Uint32Array(N);
  private mti = N + 1;

  constructor(seed: number | bigint = 0) {
    this.seed(seed);
  }

  /** `random.seed(int)`: the absolute value split in 32-bit words, least significant first. */
  seed(seed: number | bigint): void {
    let n = BigInt(seed);
    if (n < 0n) n = -n;
    const key: number[] = [];
    while (n > 0n) {
      key.push(Number(n & 0xffffffffn));
      n >>= 32n;
    }
    if (key.length === 0) key.push(0);
    this.initByArray(key);
  }

  private initGenrand(s: number): void {
    const mt = this.mt;
    mt[0] = s >>> 0;
    for (let i = 1; i < N; i++) {
      const prev = mt[i - 1]!;
      mt[i] = (Math.imul(1812433253, prev ^ (prev >>> 30)) + i) >>> 0;
    }
    this.mti = N;
  }

  private initByArray(key: number[]): void {
    const mt = this.mt;
    this.initGenrand(19650218);
    let i = 1;
    let j = 0;
    for (let k = Math.max(N, key.length); k > 0; k--) {
      const prev = mt[i - 1]!;
      mt[i] = ((mt[i]! ^ Math.imul(prev ^ (prev >>> 30), 1664525)) + key[j]! + j) >>> 0;
      i++;
      j++;
      if (i >= N) {
        mt[0] = mt[N - 1]!;
        i = 1;
      }
      if (j >= key.length) j = 0;
    }
    for (let k = N - 1; k > 0; k--) {
      const prev = mt[i - 1]!;
      mt[i] = ((mt[i]! ^ Math.imul(prev ^ (prev >>> 30), 1566083941)) - i) >>> 0;
      i++;
      if (i >= N) {
        mt[0] = mt[N - 1]!;
        i = 1;
      }
    }
    mt[0] = 0x80000000;
  }

  /** MT19937 `genrand_uint32`. */
  uint32(): number {
    const mt = this.mt;
    if (this.mti >= N) {
      let kk = 0;
      for (; kk < N - M; kk++) {
        const y = (mt[kk]! & 0x80000000) | (mt[kk + 1]! & 0x7fffffff);
        mt[kk] = mt[kk + M]! ^ (y >>> 1) ^ (y & 1 ? 0x9908b0df : 0);
      }
      for (; kk < N - 1; kk++) {
        const y = (mt[kk]! & 0x80000000) | (mt[kk + 1]! & 0x7fffffff);
        mt[kk] = mt[kk + (M - N)]! ^ (y >>> 1) ^ (y & 1 ? 0x9908b0df : 0);
      }
      const y = (mt[N - 1]! & 0x80000000) | (mt[0]! & 0x7fffffff);
      mt[N - 1] = mt[M - 1]! ^ (y >>> 1) ^ (y & 1 ? 0x9908b0df : 0);
      this.mti = 0;
    }
    let y = mt[this.mti++]!;
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }

  /** `random.getrandbits(k)`, as a bigint (any k >= 0). */
  getrandbits(k: number): bigint {
    if (k <= 32) return k === 0 ? 0n : BigInt(this.uint32() >>> (32 - k));
    let out = 0n;
    let shift = 0n;
    for (let left = k; left > 0; left -= 32) {
      let r = this.uint32();
      if (left < 32) r >>>= 32 - left;
      out |= BigInt(r) << shift;
      shift += 32n;
    }
    return out;
  }

  /** `Random._randbelow_with_getrandbits(n)`, n >= 1. */
  randbelow(n: number): number {
    const big = BigInt(n);
    const k = big.toString(2).length;
    if (k <= 32) {
      for (;;) {
        const r = k === 0 ? 0 : this.uint32() >>> (32 - k);
        if (r < n) return r;
      }
    }
    for (;;) {
      const r = this.getrandbits(k);
      if (r < big) return Number(r);
    }
  }
}

/** Python `operator.index` for the loop count (`range(n)`). */
function loopCount(v: unknown): number {
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'number' && Number.isInteger(v) && !Object.is(v, -0)) return v;
  if (typeof v === 'bigint') {
    if (v < 0n) return 0;
    throw pyErr('MemoryError', 'lipsum() paragraph count too large');
  }
  throw pyErr('TypeError', `'${typeName(v)}' object cannot be interpreted as an integer`);
}

/**
 * The `_index(x)`-or-`int(x)` dance of Python 3.11's `randrange` for one argument: ints and
 * bools pass, integral floats are accepted (Python warns), anything else is refused.
 */
function randIndex(v: unknown, what: 'arg 1' | 'stop'): number {
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'bigint') return Number(v);
  if (v instanceof PyFloat) return v.value;
  if (typeof v === 'number') {
    if (Number.isInteger(v)) return v;
    if (Number.isNaN(v)) throw pyErr('ValueError', 'cannot convert float NaN to integer');
    if (!Number.isFinite(v)) throw pyErr('OverflowError', 'cannot convert float infinity to integer');
    throw pyErr('ValueError', `non-integer ${what} for randrange()`);
  }
  if (v instanceof Undefined) v.fail();
  if (typeof v === 'string') {
    const t = v.trim().replace(/_/g, '');
    if (/^[+-]?\d+$/.test(t)) throw pyErr('ValueError', `non-integer ${what} for randrange()`);
    throw pyErr('ValueError', `invalid literal for int() with base 10: ${JSON.stringify(v).replace(/^"|"$/g, "'")}`);
  }
  throw pyErr('TypeError', `int() argument must be a string, a bytes-like object or a real number, not '${typeName(v)}'`);
}

/** Python's `random.randrange(start, stop)` (stop `null`: `randrange(start)`). */
function randrange(rng: RandomSource, start: unknown, stop: unknown): number {
  const istart = randIndex(start, 'arg 1');
  if (stop === null) {
    if (istart > 0) return rng.randbelow(istart);
    throw pyErr('ValueError', 'empty range for randrange()');
  }
  const istop = randIndex(stop, 'stop');
  const width = istop - istart;
  if (width > 0) return istart + rng.randbelow(width);
  throw pyErr('ValueError', `empty range for randrange() (${istart}, ${istop}, ${width})`);
}

function choice(rng: RandomSource, words: readonly string[]): string {
  return words[rng.randbelow(words.length)]!;
}

/**
 * Jinja2's `generate_lorem_ipsum(n=5, html=True, min=20, max=100)`: `n` paragraphs of 20 to
 * 99 words (`randrange(min, max)`), commas and full stops sprinkled as Jinja2 does. With `html`
 * (Python truthiness) the paragraphs are wrapped in `<p>` and returned as Markup joined by
 * `\n`, else a str joined by blank lines. Uses the random source in exactly CPython's order.
 */
export function generateLoremIpsum(
  n: unknown = 5,
  html: unknown = true,
  min: unknown = 20,
  max: unknown = 100,
  rng: RandomSource = mathRandom,
): string | Markup {
  const words = LOREM_IPSUM_WORDS;
  const result: string[] = [];
  const count = loopCount(n);
  // refuse up front what could exceed the cap (generating 32M words first would take seconds)
  if (typeof max === 'number') checkSize(count * Math.max(max, 1), 'lipsum words');
  let wordsSoFar = 0;
  for (let para = 0; para < count; para++) {
    let nextCapitalized = true;
    let lastComma = 0;
    let lastFullstop = 0;
    let last: string | null = null;
    const p: string[] = [];
    const total = randrange(rng, min, max);
    wordsSoFar += total;
    checkSize(wordsSoFar, 'lipsum words');
    for (let idx = 0; idx < total; idx++) {
      let word: string;
      for (;;) {
        word = choice(rng, words);
        if (word !== last) {
          last = word;
          break;
        }
      }
      if (nextCapitalized) {
        word = word.charAt(0).toUpperCase() + word.slice(1);
        nextCapitalized = false;
      }
      if (idx - randrange(rng, 3, 8) > lastComma) {
        lastComma = idx;
        lastFullstop += 2;
        word += ',';
      }
      if (idx - randrange(rng, 10, 20) > lastFullstop) {
        lastComma = lastFullstop = idx;
        word += '.';
        nextCapitalized = true;
      }
      p.push(word);
    }
    let s = p.join(' ');
    if (s.endsWith(',')) s = s.slice(0, -1) + '.';
    else if (!s.endsWith('.')) s += '.';
    result.push(s);
  }
  if (!truthy(html)) return result.join('\n\n');
  // the words hold no HTML special characters, so markupsafe.escape() would change nothing
  return new Markup(result.map((x) => `<p>${x}</p>`).join('\n'));
}

const LIPSUM_PARAMS = ['n', 'html', 'min', 'max'] as const;

/**
 * Build the `lipsum` global drawing from `rng`. The default global uses `Math.random`; pass
 * `new PyRandom(seed)` for output identical to Jinja2 after `random.seed(seed)`.
 *
 *     env.globals.lipsum = makeLipsum(new PyRandom(42));
 */
export function makeLipsum(rng: RandomSource = mathRandom): Callable {
  const lipsum = function (...args: unknown[]): string | Markup {
    while (args.length > 0 && args[args.length - 1] === undefined) args.pop();
    if (args.length > LIPSUM_PARAMS.length) {
      throw pyErr('TypeError', `generate_lorem_ipsum() takes from 0 to 4 positional arguments but ${args.length} were given`);
    }
    const [n, html, min, max] = args;
    return generateLoremIpsum(
      n === undefined ? 5 : n,
      html === undefined ? true : html,
      min === undefined ? 20 : min,
      max === undefined ? 100 : max,
      rng,
    );
  } as Callable;
  Object.defineProperty(lipsum, 'name', { value: 'generate_lorem_ipsum' });
  // unknown keywords are refused by the runtime's binder, named after the function:
  // "generate_lorem_ipsum() got an unexpected keyword argument 'x'", as in Python
  lipsum.params = LIPSUM_PARAMS;
  return lipsum;
}
