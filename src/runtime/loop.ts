/**
 * Iteration with Python semantics and the `loop` object of `{% for %}`.
 */

import { pyErr } from '../errors.js';
import { enter, leave } from './limits.js';
import { eq } from './ops.js';
import { typeName } from './repr.js';
import type { Kwargs } from './types.js';
import { CALL, GETATTR, isPlainObject, Markup, MISSING, StrictUndefined, Undefined } from './values.js';

/**
 * The items a `for` loop (or `*args`, `list`, ...) sees: lists and tuples as is, dicts by key,
 * strings by character, Undefined as empty. Returns an array (possibly the input itself: callers
 * must not mutate it).
 */
export function iterate(v: unknown): readonly unknown[] {
  if (Array.isArray(v)) return v;
  if (typeof v === 'string') return Array.from(v);
  if (v instanceof Markup) return Array.from(v.s); // a str subclass: plain str characters
  if (v instanceof Map) return Array.from(v.keys());
  if (isPlainObject(v)) return Object.keys(v);
  if (v instanceof Undefined) {
    if (v instanceof StrictUndefined) v.fail();
    return [];
  }
  if (v !== null && typeof v === 'object' && typeof (v as Iterable<unknown>)[Symbol.iterator] === 'function' && !(GETATTR in v)) {
    return Array.from(v as Iterable<unknown>);
  }
  throw pyErr('TypeError', `'${typeName(v)}' object is not iterable`);
}

/** Tuple unpacking for `for a, b in ...` and `{% set a, b = ... %}`. */
export function unpack(v: unknown, n: number): readonly unknown[] {
  const items = iterate(v);
  if (items.length !== n) {
    if (items.length < n) throw pyErr('ValueError', `not enough values to unpack (expected ${n}, got ${items.length})`);
    throw pyErr('ValueError', `too many values to unpack (expected ${n})`);
  }
  return items;
}

export type LoopRecurse = (items: unknown, depth: number) => string;

/**
 * The items of a filtered loop (`for x in y if test`), produced as the loop goes: Jinja2 filters
 * with a generator, so each test runs just before its item's body (state the body changes is
 * seen by later tests), `loop.last`/`nextitem` look one item ahead and `loop.length`/`revindex`
 * read the rest at first use. `pull` returns the next item that passes the test, or MISSING.
 * @example for (let i = 0; fi.has(i); i++) render(fi.items[i]);
 */
export class FilteredItems {
  readonly items: unknown[] = [];

  constructor(private pull: (() => unknown) | null) {}

  /** Whether item `n` exists (pulling up to it). */
  has(n: number): boolean {
    const items = this.items;
    while (items.length <= n && this.pull !== null) {
      const v = this.pull();
      if (v === MISSING) this.pull = null;
      else items.push(v);
    }
    return n < items.length;
  }
}

/** Jinja2's LoopContext: `loop.index`, `loop.cycle(...)`, `loop(children)` in recursive loops... */
export class LoopContext {
  index0 = -1;
  private lastChanged: unknown[] | typeof MISSING = MISSING;

  constructor(
    readonly items: readonly unknown[],
    readonly depth0: number,
    private readonly recurse: LoopRecurse | null,
    private readonly mkUndefined: (hint: string) => unknown,
    /** Set for filtered loops: `items` is its list, still growing. */
    private readonly filtered: FilteredItems | null = null,
  ) {}

  get length(): number {
    if (this.filtered !== null) this.filtered.has(Infinity);
    return this.items.length;
  }

  /** Whether item `n` exists (filtered loops pull up to it). */
  private has(n: number): boolean {
    return this.filtered !== null ? this.filtered.has(n) : n < this.items.length;
  }

  /** Jinja2's `<LoopContext 1/2>` (index/length). */
  __repr__(): string {
    return `<LoopContext ${this.index0 + 1}/${this.length}>`;
  }

  cycle(...args: unknown[]): unknown {
    if (args.length === 0) throw pyErr('TypeError', 'no items for cycling given');
    return args[this.index0 % args.length];
  }

  changed(...args: unknown[]): boolean {
    if (this.lastChanged === MISSING || !eq(this.lastChanged, args)) {
      this.lastChanged = args;
      return true;
    }
    return false;
  }

  [GETATTR](name: string): unknown {
    const i = this.index0;
    switch (name) {
      case 'index0': return i;
      case 'index': return i + 1;
      case 'revindex': return this.length - i;
      case 'revindex0': return this.length - i - 1;
      case 'first': return i === 0;
      case 'last': return !this.has(i + 1);
      case 'length': return this.length;
      case 'depth0': return this.depth0;
      case 'depth': return this.depth0 + 1;
      case 'previtem': return i > 0 ? this.items[i - 1] : this.mkUndefined('there is no previous item');
      case 'nextitem': return this.has(i + 1) ? this.items[i + 1] : this.mkUndefined('there is no next item');
      case 'cycle': return (...a: unknown[]) => this.cycle(...a);
      case 'changed': return (...a: unknown[]) => this.changed(...a);
      default: return MISSING;
    }
  }

  [CALL](args: unknown[], kwargs: Kwargs | null): unknown {
    if (this.recurse === null) {
      throw pyErr('TypeError', "The loop must be marked as 'recursive' to call it");
    }
    void kwargs;
    if (args.length !== 1) throw pyErr('TypeError', `loop() takes 1 positional argument`);
    enter();
    try {
      return this.recurse(args[0], this.depth0 + 1);
    } finally {
      leave();
    }
  }
}
