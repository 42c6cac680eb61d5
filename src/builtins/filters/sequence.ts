/**
 * Sequence filters: first last length/count list reverse batch slice join items random default
 * sum. Filters that Python implements as generators (batch, slice, items, reverse of a list)
 * return lazy JS iterators, so they behave like Python's (single pass, no len()).
 */

import { pyErr } from '../../errors.js';
import { checkSize } from '../../runtime/limits.js';
import { escape, escapeHtml } from '../../runtime/markup.js';
import { add, eq, floordiv, mod, mul, sub, truthy } from '../../runtime/ops.js';
import { pyRepr, pyStr, typeName } from '../../runtime/repr.js';
import { asIndex } from '../../runtime/str-methods.js';
import type { ContextLike, EnvLike, EvalContext } from '../../runtime/types.js';
import { isPlainObject, Markup, mkTuple, StrictUndefined, Undefined } from '../../runtime/values.js';
import {
  DictReverseKeyIterator, FilterArgumentError, hasHtml, ListReverseIterator, makeAttrGetter, PyGenerator, pyIter, pyLen,
  pyLess, pyList, ReversedIterator, strOf,
} from './util.js';

/**
 * The first item of a sequence, or undefined when it is empty.
 * `{{ [1, 2, 3]|first }}` → `1`
 */
export function first(env: EnvLike, seq: unknown): unknown {
  if (Array.isArray(seq)) return seq.length > 0 ? seq[0] : env.mkUndefined('No first item, sequence was empty.');
  if (typeof seq === 'string' && seq !== '') return String.fromCodePoint(seq.codePointAt(0)!);
  const r = pyIter(seq)[Symbol.iterator]().next(); // no for-of: it would close a generator
  return r.done ? env.mkUndefined('No first item, sequence was empty.') : r.value;
}
first.params = ['seq'];
first.pass = 'environment' as const;

/**
 * The last item of a sequence (lists, tuples, strings, dicts; not generators).
 * `{{ [1, 2, 3]|last }}` → `3`
 */
export function last(env: EnvLike, seq: unknown): unknown {
  const empty = (): unknown => env.mkUndefined('No last item, sequence was empty.');
  if (Array.isArray(seq)) return seq.length > 0 ? seq[seq.length - 1] : empty();
  const s = strOf(seq);
  if (s !== null) {
    if (s === '') return empty();
    const cp = s.codePointAt(s.length - 1)!;
    const ch = cp >= 0xdc00 && cp <= 0xdfff && s.length > 1 ? String.fromCodePoint(s.codePointAt(s.length - 2)!) : s[s.length - 1]!;
    return seq instanceof Markup ? new Markup(ch) : ch;
  }
  if (seq instanceof Map) {
    let lastKey: unknown = undefined;
    let any = false;
    for (const k of seq.keys()) {
      lastKey = k;
      any = true;
    }
    return any ? lastKey : empty();
  }
  if (isPlainObject(seq)) {
    const keys = Object.keys(seq);
    return keys.length > 0 ? keys[keys.length - 1] : empty();
  }
  if (seq instanceof Undefined) {
    if (seq instanceof StrictUndefined) seq.fail();
    return empty();
  }
  throw pyErr('TypeError', `'${typeName(seq)}' object is not reversible`);
}
last.params = ['seq'];
last.pass = 'environment' as const;

/**
 * The number of items of a sequence or mapping, or characters of a string.
 * `{{ [1, 2, 3]|length }}` → `3`
 */
export function length(obj: unknown): number {
  if (typeof obj === 'string') return obj.length === 0 || !/[\uD800-\uDFFF]/.test(obj) ? obj.length : pyLen(obj);
  if (Array.isArray(obj)) return obj.length;
  return pyLen(obj);
}
length.params = ['obj'];

/**
 * Convert a value to a list (a string becomes a list of characters, a dict its keys).
 * `{{ 'abc'|list }}` → `['a', 'b', 'c']`
 */
export function list(value: unknown): unknown[] {
  return pyList(value);
}
list.params = ['value'];

/**
 * Reverse a string, or iterate a sequence backwards.
 * `{{ 'abc'|reverse }}` → `cba`
 */
export function reverse(value: unknown): unknown {
  if (typeof value === 'string') return /[\uD800-\uDFFF]/.test(value) ? Array.from(value).reverse().join('') : value.split('').reverse().join('');
  if (value instanceof Markup) return new Markup(Array.from(value.s).reverse().join(''));
  if (Array.isArray(value)) return new ListReverseIterator(value);
  if (value instanceof Map) return new DictReverseKeyIterator([...value.keys()]);
  if (isPlainObject(value)) return new DictReverseKeyIterator(Object.keys(value));
  if (value instanceof Undefined) {
    if (value instanceof StrictUndefined) value.fail();
    return new ReversedIterator([]);
  }
  let items: unknown[];
  try {
    items = pyList(value);
  } catch (e) {
    if (e instanceof Error && e.name === 'TypeError') throw new FilterArgumentError('argument must be iterable');
    throw e;
  }
  return items.reverse();
}
reverse.params = ['value'];

function* batchGen(value: unknown, linecount: unknown, fillWith: unknown): Generator<unknown[]> {
  let tmp: unknown[] = [];
  const n = typeof linecount === 'number' ? linecount : null;
  for (const item of pyIter(value)) {
    if (n !== null ? tmp.length === n : truthy(eq(tmp.length, linecount))) {
      yield tmp;
      tmp = [];
    }
    tmp.push(item);
  }
  if (tmp.length > 0) {
    if (fillWith !== null && fillWith !== undefined && pyLess(tmp.length, linecount)) {
      tmp = add(tmp, mul([fillWith], sub(linecount, tmp.length))) as unknown[];
    }
    yield tmp;
  }
}

/**
 * Group items into lists of `linecount`, padding the last with `fill_with` if given.
 * `{{ [1, 2, 3, 4, 5]|batch(2)|list }}` → `[[1, 2], [3, 4], [5]]`
 */
export function batch(value: unknown, linecount: unknown, fillWith: unknown = null): Iterable<unknown> {
  return new PyGenerator(batchGen(value, linecount, fillWith), 'do_batch');
}
batch.params = ['value', 'linecount', 'fill_with'];
batch.required = 2;
batch.pyName = 'do_batch';

function* sliceGen(value: unknown, slices: unknown, fillWith: unknown): Generator<unknown[]> {
  const seq = pyList(value);
  const len = seq.length;
  const perSlice = Number(floordiv(len, slices));
  const withExtra = Number(mod(len, slices));
  const count = asIndex(slices);
  checkSize(count, 'slice count');
  let offset = 0;
  for (let n = 0; n < count; n++) {
    const start = offset + n * perSlice;
    if (n < withExtra) offset += 1;
    const end = offset + (n + 1) * perSlice;
    const tmp = seq.slice(start, Math.max(start, end));
    if (fillWith !== null && fillWith !== undefined && n >= withExtra) tmp.push(fillWith);
    yield tmp;
  }
}

/**
 * Split a sequence into `slices` columns of near-equal length, padding short ones with
 * `fill_with` if given.
 * `{{ [1, 2, 3, 4, 5]|slice(2)|list }}` → `[[1, 2, 3], [4, 5]]`
 */
export function slice(value: unknown, slices: unknown, fillWith: unknown = null): Iterable<unknown> {
  return new PyGenerator(sliceGen(value, slices, fillWith), 'sync_do_slice');
}
slice.params = ['value', 'slices', 'fill_with'];

/**
 * Join the items' strings with a separator (default ''), optionally of one attribute of each.
 * Under autoescape, plain items are escaped when the separator or any item is Markup.
 * `{{ [1, 2, 3]|join('|') }}` → `1|2|3`
 */
export function join(evalCtx: EvalContext, value: unknown, d: unknown = '', attribute: unknown = null): unknown {
  let items: unknown[];
  if (attribute !== null && attribute !== undefined) {
    const getter = makeAttrGetter(evalCtx.environment, attribute);
    items = [];
    for (const item of pyIter(value)) items.push(getter(item));
  } else {
    items = Array.isArray(value) ? value : pyList(value);
  }
  if (!evalCtx.autoescape) {
    const sep = typeof d === 'string' ? d : pyStr(d);
    let out = '';
    for (let i = 0; i < items.length; i++) {
      const it = items[i];
      const s = typeof it === 'string' ? it : pyStr(it);
      out = i === 0 ? s : out + sep + s;
      if (out.length > 0xffff) checkSize(out.length, 'joined string');
    }
    return out;
  }
  if (!hasHtml(d)) {
    let markup = false;
    const strs = new Array<string>(items.length);
    for (let i = 0; i < items.length; i++) {
      const it = items[i];
      if (hasHtml(it)) {
        markup = true;
        strs[i] = it.__html__();
      } else {
        strs[i] = typeof it === 'string' ? it : pyStr(it);
      }
    }
    if (!markup) return strs.join(typeof d === 'string' ? d : pyStr(d));
    // Markup.join escapes the plain strings
    for (let i = 0; i < items.length; i++) if (!hasHtml(items[i])) strs[i] = escapeHtml(strs[i]!);
    return new Markup(strs.join(escape(d).s));
  }
  const sep = d.__html__();
  return new Markup(items.map((it) => (hasHtml(it) ? it.__html__() : escapeHtml(typeof it === 'string' ? it : pyStr(it)))).join(sep));
}
join.params = ['value', 'd', 'attribute'];
join.pass = 'evalContext' as const;

function* itemsGen(value: unknown): Generator<unknown> {
  if (value instanceof Undefined) return;
  if (value instanceof Map) {
    for (const [k, v] of value) yield mkTuple([k, v]);
    return;
  }
  if (isPlainObject(value)) {
    for (const k of Object.keys(value)) yield mkTuple([k, value[k]]);
    return;
  }
  throw pyErr('TypeError', 'Can only get item pairs from a mapping.');
}

/**
 * Iterate the `(key, value)` pairs of a mapping; undefined gives nothing.
 * `{% for k, v in {'a': 1}|items %}{{ k }}={{ v }}{% endfor %}` → `a=1`
 */
export function items(value: unknown): Iterable<unknown> {
  return new PyGenerator(itemsGen(value), 'do_items');
}
items.params = ['value'];

/**
 * A random item of a sequence (undefined if it is empty).
 * `{{ [1, 2, 3]|random }}` → `2` (for example)
 */
export function random(ctx: ContextLike, seq: unknown): unknown {
  const n = pyLen(seq);
  if (n === 0) return ctx.environment.mkUndefined('No random item, sequence was empty.');
  const i = Math.floor(Math.random() * n);
  if (Array.isArray(seq)) return seq[i];
  const s = strOf(seq);
  if (s !== null) {
    const ch = Array.from(s)[i]!;
    return seq instanceof Markup ? new Markup(ch) : ch;
  }
  // dicts are indexed by key, as Python's random.choice does
  if (seq instanceof Map && seq.has(i)) return seq.get(i);
  throw pyErr('KeyError', pyRepr(i));
}
random.params = ['seq'];
random.pass = 'context' as const;

/**
 * The value, or `default_value` when it is undefined (or, with `boolean`, falsy).
 * `{{ missing|default('n/a') }}` → `n/a`
 */
export function default_(value: unknown, defaultValue: unknown = '', boolean: unknown = false): unknown {
  if (value instanceof Undefined) return defaultValue;
  if (boolean !== false && boolean !== undefined && truthy(boolean) && !truthy(value)) return defaultValue;
  return value;
}
default_.params = ['value', 'default_value', 'boolean'];

/**
 * Sum of a sequence plus `start` (0), optionally of one attribute of each item.
 * `{{ [1, 2, 3]|sum }}` → `6`
 */
export function sum(env: EnvLike, iterable: unknown, attribute: unknown = null, start: unknown = 0): unknown {
  const getter = attribute !== null && attribute !== undefined ? makeAttrGetter(env, attribute) : null;
  if (typeof start === 'string' || start instanceof Markup) {
    throw pyErr('TypeError', "sum() can't sum strings [use ''.join(seq) instead]");
  }
  let rv = start;
  for (let item of pyIter(iterable)) {
    if (getter) item = getter(item);
    if (typeof rv === 'number' && typeof item === 'number' && Number.isInteger(rv) && Number.isInteger(item)) {
      const r = rv + item;
      rv = Number.isSafeInteger(r) ? r : add(rv, item);
    } else {
      rv = add(rv, item);
    }
  }
  return rv;
}
sum.params = ['iterable', 'attribute', 'start'];
sum.pass = 'environment' as const;
