/**
 * Filters that compare items: sort, dictsort, groupby, min, max, unique. Sorting follows
 * CPython's algorithm and comparison rules (case-insensitive by default, stable, Python's
 * TypeError for unorderable mixes).
 */

import { pyErr } from '../../errors.js';
import { eq, gt, truthy } from '../../runtime/ops.js';
import { typeName } from '../../runtime/repr.js';
import type { EnvLike } from '../../runtime/types.js';
import { GETATTR, isPlainObject, MISSING, mkTuple, Undefined } from '../../runtime/values.js';
import {
  FilterArgumentError, hashKey, PyGenerator, ignoreCase, listLess, listLess1, makeAttrGetter, makeMultiAttrGetter, pyIter, pyLess,
  pyList, pySorted, strLess, strOf, type Getter,
} from './util.js';

/**
 * Sort a sequence (case-insensitively unless `case_sensitive`), optionally by an attribute,
 * a dotted path (`'address.city'`) or several comma-separated ones (`'age,name'`).
 * `{{ [3, 1, 2]|sort }}` → `[1, 2, 3]`
 */
export function sort(
  env: EnvLike, value: unknown, reverse: unknown = false, caseSensitive: unknown = false, attribute: unknown = null,
): unknown[] {
  const items = pyList(value);
  const post = truthy(caseSensitive) ? null : ignoreCase;
  const rev = reverseFlag(reverse);
  const attr = strOf(attribute);
  if (attr === null || attr.indexOf(',') < 0) {
    // a one-part key list [k]: compare the single key with list semantics
    const key = makeAttrGetter(env, attribute, post);
    if (attribute === null || attribute === undefined) {
      if (post === null) return pySorted(items, null, listLess1, rev);
      if (items.every((x) => typeof x === 'string')) {
        const keys = (items as string[]).map((s) => s.toLowerCase());
        const order = pySorted(keys.map((_, i) => i), (i) => keys[i as number], listLess1, rev);
        return order.map((i) => items[i as number]);
      }
    }
    return pySorted(items, key, listLess1, rev);
  }
  return pySorted(items, makeMultiAttrGetter(env, attribute, post), listLess, rev);
}
sort.params = ['value', 'reverse', 'case_sensitive', 'attribute'];
sort.pass = 'environment' as const;

/** The (key, value) pairs of a dict, or Python's errors for `value.items()`. */
function dictPairs(value: unknown): unknown[][] {
  if (value instanceof Map) return [...value.entries()].map((e) => mkTuple(e));
  if (isPlainObject(value)) return Object.keys(value).map((k) => mkTuple([k, value[k]]));
  if (value instanceof Undefined) return value.fail();
  throw pyErr('AttributeError', `'${typeName(value)}' object has no attribute 'items'`);
}

/**
 * Sort a dict's `(key, value)` pairs by key or, with `by='value'`, by value.
 * `{% for k, v in {'b': 1, 'a': 2}|dictsort %}{{ k }}{% endfor %}` → `ab`
 */
export function dictsort(value: unknown, caseSensitive: unknown = false, by: unknown = 'key', reverse: unknown = false): unknown[] {
  const b = strOf(by);
  let pos: number;
  if (b === 'key') pos = 0;
  else if (b === 'value') pos = 1;
  else throw new FilterArgumentError('You can only sort by either "key" or "value"');
  const cs = truthy(caseSensitive);
  const key: Getter = cs ? (item) => (item as unknown[])[pos] : (item) => ignoreCase((item as unknown[])[pos]);
  return pySorted(dictPairs(value), key, pyLess, reverseFlag(reverse));
}

/** `sorted(..., reverse=v)`: Python takes it through `__index__`, so only bools and ints. */
function reverseFlag(v: unknown): boolean {
  if (typeof v === 'boolean') return v;
  if ((typeof v === 'number' && Number.isInteger(v)) || typeof v === 'bigint') return truthy(v);
  throw pyErr('TypeError', `'${typeName(v)}' object cannot be interpreted as an integer`);
}
dictsort.params = ['value', 'case_sensitive', 'by', 'reverse'];

/** A `(grouper, list)` tuple whose fields are also attributes, like Jinja2's `_GroupTuple`. */
export function groupTuple(grouper: unknown, items: unknown[]): unknown[] {
  const t = mkTuple([grouper, items]) as unknown[] & { [GETATTR]?: (name: string) => unknown };
  Object.defineProperty(t, GETATTR, {
    value: (name: string): unknown => (name === 'grouper' ? grouper : name === 'list' ? items : MISSING),
    enumerable: false,
  });
  return t;
}

/**
 * Group items by an attribute (dotted paths allowed) into sorted `(grouper, list)` tuples;
 * `default` stands in for missing values; grouping ignores case unless `case_sensitive`.
 * `{% for city, users in users|groupby('city') %}...{% endfor %}`
 */
export function groupby(
  env: EnvLike, value: unknown, attribute: unknown, dflt: unknown = null, caseSensitive: unknown = false,
): unknown[] {
  const cs = truthy(caseSensitive);
  const expr = makeAttrGetter(env, attribute, cs ? null : ignoreCase, dflt);
  const sorted = pySorted(pyList(value), expr, pyLess);
  const out: unknown[] = [];
  let groupKey: unknown = MISSING;
  let group: unknown[] = [];
  for (const item of sorted) {
    const k = expr(item);
    if (groupKey === MISSING || !(groupKey === k || truthy(eq(groupKey, k)))) {
      if (groupKey !== MISSING) out.push(groupTuple(groupKey, group));
      groupKey = k;
      group = [];
    }
    group.push(item);
  }
  if (groupKey !== MISSING) out.push(groupTuple(groupKey, group));
  if (cs) return out;
  // report the key as the first item of each group spells it
  const outputExpr = makeAttrGetter(env, attribute, null, dflt);
  return out.map((g) => {
    const values = (g as unknown[])[1] as unknown[];
    return groupTuple(outputExpr(values[0]), values);
  });
}
groupby.params = ['value', 'attribute', 'default', 'case_sensitive'];
groupby.pass = 'environment' as const;
groupby.required = 2;
groupby.pyName = 'sync_do_groupby';

function minOrMax(env: EnvLike, value: unknown, isMax: boolean, caseSensitive: unknown, attribute: unknown): unknown {
  const it = pyIter(value)[Symbol.iterator]();
  const head = it.next();
  if (head.done) return env.mkUndefined('No aggregated item, sequence was empty.');
  const key = makeAttrGetter(env, attribute, truthy(caseSensitive) ? null : ignoreCase);
  let best = head.value;
  let bestKey = key(best);
  for (let r = it.next(); !r.done; r = it.next()) {
    const k = key(r.value);
    let better: boolean;
    if (typeof k === 'number' && typeof bestKey === 'number') better = isMax ? k > bestKey : k < bestKey;
    else if (typeof k === 'string' && typeof bestKey === 'string') better = isMax ? strLess(bestKey, k) : strLess(k, bestKey);
    else better = isMax ? truthy(gt(k, bestKey)) : pyLess(k, bestKey);
    if (better) {
      best = r.value;
      bestKey = k;
    }
  }
  return best;
}

/**
 * The smallest item (case-insensitive unless `case_sensitive`), optionally by attribute.
 * `{{ [3, 1, 2]|min }}` → `1`
 */
export function min(env: EnvLike, value: unknown, caseSensitive: unknown = false, attribute: unknown = null): unknown {
  return minOrMax(env, value, false, caseSensitive, attribute);
}
min.params = ['value', 'case_sensitive', 'attribute'];
min.pass = 'environment' as const;

/**
 * The largest item (case-insensitive unless `case_sensitive`), optionally by attribute.
 * `{{ [3, 1, 2]|max }}` → `3`
 */
export function max(env: EnvLike, value: unknown, caseSensitive: unknown = false, attribute: unknown = null): unknown {
  return minOrMax(env, value, true, caseSensitive, attribute);
}
max.params = ['value', 'case_sensitive', 'attribute'];
max.pass = 'environment' as const;

function* uniqueGen(env: EnvLike, value: unknown, caseSensitive: unknown, attribute: unknown): Generator<unknown> {
  const getter = makeAttrGetter(env, attribute, truthy(caseSensitive) ? null : ignoreCase);
  const seen = new Set<string>();
  for (const item of pyIter(value)) {
    const k = hashKey(getter(item));
    if (!seen.has(k)) {
      seen.add(k);
      yield item;
    }
  }
}

/**
 * The unique items, in order of first occurrence (case-insensitive unless `case_sensitive`),
 * optionally unique by an attribute.
 * `{{ ['a', 'b', 'A']|unique|list }}` → `['a', 'b']`
 */
export function unique(env: EnvLike, value: unknown, caseSensitive: unknown = false, attribute: unknown = null): Iterable<unknown> {
  return new PyGenerator(uniqueGen(env, value, caseSensitive, attribute), 'sync_do_unique');
}
unique.params = ['value', 'case_sensitive', 'attribute'];
unique.pass = 'environment' as const;
