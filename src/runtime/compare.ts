/**
 * Python's comparisons for template values: truthiness `truthy`, equality `eq ne` (identity
 * first inside containers, Python-equal dict keys), membership `contains`, dict key handling
 * (`keyOf`, `dictLookup`, `checkHashable`) and ordering `lt le gt ge` / `compareForSort`
 * (strings by code point, lexicographic sequences, TypeError for unorderable mixes).
 * Equality, truthiness and `in` follow Jinja2's Undefined classes; ordering an Undefined raises.
 */

import { pyErr, type PythonError } from '../errors.js';
import { demote, NOT_NUM, numKind, numPrim } from './numeric.js';
import { rangeBounds, rangeEq, rangeKey } from './range.js';
import { typeName } from './repr.js';
import { isPlainObject, isTuple, Markup, MISSING, PyFloat, StrictUndefined, Undefined } from './values.js';
import { dictViewKind, isRangeOrView } from './views.js';

const hasOwn = Object.prototype.hasOwnProperty;

function hasMethod(v: object, name: string): boolean {
  return typeof (v as Record<string, unknown>)[name] === 'function';
}

// ---------------------------------------------------------------------------------------------
// truthiness
// ---------------------------------------------------------------------------------------------

/** Python's `bool(v)`. StrictUndefined raises. */
export function truthy(v: unknown): boolean {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'string') return v.length > 0;
  if (typeof v === 'number') return v !== 0; // NaN is true
  if (v === null || v === undefined) return false;
  if (Array.isArray(v)) return v.length > 0;
  return typeof v === 'object' ? objectTruthy(v) : typeof v !== 'bigint' || v !== 0n;
}

function objectTruthy(v: object): boolean {
  if (v instanceof Markup) return v.s.length > 0;
  if (v instanceof PyFloat) return v.value !== 0;
  if (v instanceof Undefined) {
    if (v instanceof StrictUndefined) v.fail();
    return false;
  }
  if (v instanceof Map || v instanceof Set) return v.size > 0;
  if (isPlainObject(v)) {
    for (const k in v) if (hasOwn.call(v, k)) return true;
    return false;
  }
  if (hasMethod(v, '__bool__')) return Boolean((v as { __bool__(): unknown }).__bool__());
  if (hasMethod(v, '__len__')) return Number((v as { __len__(): unknown }).__len__()) > 0;
  return true;
}

// ---------------------------------------------------------------------------------------------
// equality, dict keys, membership
// ---------------------------------------------------------------------------------------------

/** `a == b` */
export function eq(a: unknown, b: unknown): boolean {
  if (typeof a === 'string' && typeof b === 'string') return a === b;
  if (typeof a === 'number' && typeof b === 'number') return a === b;
  return eqSlow(a, b);
}

/** `a != b` */
export function ne(a: unknown, b: unknown): boolean {
  if (typeof a === 'string' && typeof b === 'string') return a !== b;
  if (typeof a === 'number' && typeof b === 'number') return a !== b;
  return !eqSlow(a, b);
}

function eqSlow(a: unknown, b: unknown): boolean {
  if (a instanceof Undefined || b instanceof Undefined) return undefinedEq(a, b);
  return valueEq(a, b);
}

/** Jinja2: `type(self) is type(other)`; StrictUndefined raises whenever its __eq__ runs. */
function undefinedEq(a: unknown, b: unknown): boolean {
  if (a instanceof StrictUndefined) a.fail();
  if (b instanceof StrictUndefined) {
    // b's reflected __eq__ runs unless a's own __eq__ answers: a Debug/ChainableUndefined does.
    if (!(a instanceof Undefined) || a.constructor === Undefined) b.fail();
    return false;
  }
  if (a instanceof Undefined) return b instanceof Undefined && a.constructor === b.constructor;
  return false;
}

/** PyObject_RichCompareBool(a, b, Py_EQ): identity first, as inside containers. */
function itemEq(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  const t = typeof a;
  if ((t === 'string' || t === 'number') && typeof b === t) return false;
  return eqSlow(a, b);
}

function numEq(x: number | bigint, b: unknown): boolean {
  let y: number | bigint;
  if (typeof b === 'number' || typeof b === 'bigint') y = b;
  else if (typeof b === 'boolean') y = b ? 1 : 0;
  else if (b instanceof PyFloat) y = b.value;
  else return false;
  // Loose equality compares a bigint and a number by exact mathematical value.
  // eslint-disable-next-line eqeqeq
  return x == y;
}

function isDictValue(v: unknown): v is Map<unknown, unknown> | Record<string, unknown> {
  return v instanceof Map || isPlainObject(v);
}

function valueEq(a: unknown, b: unknown): boolean {
  switch (typeof a) {
    case 'string': return typeof b === 'string' ? a === b : b instanceof Markup && a === b.s;
    case 'number': case 'bigint': return numEq(a, b);
    case 'boolean': return numEq(a ? 1 : 0, b);
    case 'undefined': return b === null || b === undefined;
    case 'object':
      if (a === null) return b === null || b === undefined;
      if (a instanceof PyFloat) return numEq(a.value, b);
      if (a instanceof Markup) return typeof b === 'string' ? a.s === b : b instanceof Markup && a.s === b.s;
      if (Array.isArray(a)) {
        if (!Array.isArray(b) || isTuple(a) !== isTuple(b) || a.length !== b.length) return false;
        if (isRangeOrView(a) || isRangeOrView(b)) return markedSeqEq(a, b);
        for (let i = 0; i < a.length; i++) if (!itemEq(a[i], b[i])) return false;
        return true;
      }
      if (isDictValue(a)) return isDictValue(b) && dictEq(a, b);
      return a === b;
    default: return a === b;
  }
}

/**
 * Equality when a range or dict view is involved (same length, neither a tuple): ranges equal
 * as sequences, keys/items views as sets, values views only by identity, never a list.
 */
function markedSeqEq(a: unknown[], b: unknown[]): boolean {
  const ra = rangeBounds(a) !== undefined;
  if (ra || rangeBounds(b) !== undefined) return ra && rangeBounds(b) !== undefined && rangeEq(a, b);
  const va = dictViewKind(a);
  const vb = dictViewKind(b);
  if (va === undefined || vb === undefined || va === 'dict_values' || vb === 'dict_values') return a === b;
  for (const x of a) if (!contains(b, x)) return false;
  return true;
}

function dictSize(d: Map<unknown, unknown> | Record<string, unknown>): number {
  return d instanceof Map ? d.size : Object.keys(d).length;
}

function dictEq(a: Map<unknown, unknown> | Record<string, unknown>, b: Map<unknown, unknown> | Record<string, unknown>): boolean {
  if (a === b) return true;
  if (dictSize(a) !== dictSize(b)) return false;
  if (a instanceof Map) {
    for (const [k, v] of a) {
      const w = dictLookup(b, k);
      if (w === MISSING || !itemEq(v, w)) return false;
    }
  } else {
    for (const k of Object.keys(a)) {
      const w = dictLookup(b, k);
      if (w === MISSING || !itemEq(a[k], w)) return false;
    }
  }
  return true;
}

function unhashable(name: string): PythonError {
  return pyErr('TypeError', `unhashable type: '${name}'`);
}

/** Raise Python's TypeError for values that cannot be dict keys (lists, dicts, sets, ...). */
export function checkHashable(v: unknown): void {
  if (typeof v !== 'object' || v === null) return;
  if (Array.isArray(v)) {
    if (!isTuple(v)) {
      if (rangeBounds(v) !== undefined) return;
      throw unhashable(dictViewKind(v) ?? 'list');
    }
    for (let i = 0; i < v.length; i++) checkHashable(v[i]);
  } else if (v instanceof Map || isPlainObject(v)) throw unhashable('dict');
  else if (v instanceof Set) throw unhashable('set');
  else if (v instanceof StrictUndefined) v.fail();
}

/**
 * Look a key up in a dict with Python key equality (`1`, `1.0`, `True` are one key; tuples by
 * value). Plain-object dicts only have str keys and only their own properties count. Returns
 * MISSING when absent. (A str key is only found under an equal JS string, not a Markup key.)
 */
export function dictLookup(d: Map<unknown, unknown> | Record<string, unknown>, key: unknown): unknown {
  if (d instanceof Map) {
    if (d.has(key)) return d.get(key);
    if (typeof key === 'string') return MISSING;
    for (const [k, v] of d) if (itemEq(k, key)) return v;
    return MISSING;
  }
  const k = typeof key === 'string' ? key : key instanceof Markup ? key.s : null;
  return k !== null && hasOwn.call(d, k) ? d[k] : MISSING;
}

/** `item in container` */
export function contains(container: unknown, item: unknown): boolean {
  if (typeof container === 'string') {
    if (typeof item === 'string') return container.includes(item);
    return strContains(container, item);
  }
  if (Array.isArray(container)) {
    // a keys view looks the item up in its dict, which needs a hashable item
    if (typeof item === 'object' && item !== null && dictViewKind(container) === 'dict_keys') checkHashable(item);
    if (typeof item === 'string') {
      // only an equal string or a Markup (or an object whose __eq__ raises) can match
      for (let i = 0; i < container.length; i++) {
        const el = container[i];
        if (el === item || (typeof el === 'object' && el !== null && itemEq(el, item))) return true;
      }
      return false;
    }
    const num = typeof item === 'number';
    for (let i = 0; i < container.length; i++) {
      const el = container[i];
      if (el === item) return true;
      if (num && (typeof el === 'number' || typeof el === 'string')) continue;
      if (itemEq(el, item)) return true;
    }
    return false;
  }
  return containsSlow(container, item);
}

function strContains(s: string, item: unknown): boolean {
  if (typeof item === 'string') return s.includes(item);
  if (item instanceof Markup) return s.includes(item.s);
  throw pyErr('TypeError', `'in <string>' requires string as left operand, not ${typeName(item)}`);
}

function containsSlow(container: unknown, item: unknown): boolean {
  if (container instanceof Markup) return strContains(container.s, item);
  if (container instanceof Map || isPlainObject(container)) {
    checkHashable(item);
    return dictLookup(container, item) !== MISSING;
  }
  if (container instanceof Undefined) {
    // Jinja2's Undefined iterates as empty; StrictUndefined refuses.
    if (container instanceof StrictUndefined) container.fail();
    return false;
  }
  if (container instanceof Set) {
    if (container.has(item)) return true;
    checkHashable(item);
    for (const el of container) if (itemEq(el, item)) return true;
    return false;
  }
  if (container !== null && (typeof container === 'object' || typeof container === 'function')) {
    if (hasMethod(container, '__contains__')) {
      return truthy((container as { __contains__(x: unknown): unknown }).__contains__(item));
    }
    if (!(container instanceof PyFloat) && typeof (container as Iterable<unknown>)[Symbol.iterator] === 'function') {
      for (const el of container as Iterable<unknown>) if (itemEq(el, item)) return true;
      return false;
    }
  }
  throw pyErr('TypeError', `argument of type '${typeName(container)}' is not iterable`);
}

// A stable id per object, for identity-hashed members of tuple keys.
const objectIds = new WeakMap<object, number>();
let nextObjectId = 1;

function tupleKey(t: unknown[]): string {
  let out = '\u0000\udfff(';
  for (let i = 0; i < t.length; i++) {
    const k = keyOf(t[i]);
    if (i) out += ',';
    if (typeof k === 'string') out += 's' + JSON.stringify(k);
    else if (typeof k === 'number') out += 'n' + String(k);
    else if (typeof k === 'bigint') out += 'b' + String(k);
    else if (k === null) out += 'N';
    else {
      let id = objectIds.get(k as object);
      if (id === undefined) objectIds.set(k as object, (id = nextObjectId++));
      out += 'o' + id;
    }
  }
  return out + ')';
}

/**
 * Normalise a Python dict key for use as a JS Map key so that Python-equal keys collide:
 * `True`, `1`, `1.0` → `1`; `-0.0` → `0`; Markup → its text; ints beyond the safe range → bigint;
 * tuples → an internal string (by value); Undefined → its class. Raises TypeError for
 * unhashable values.
 */
export function keyOf(v: unknown): unknown {
  switch (typeof v) {
    case 'string': return v;
    case 'number': return !Number.isInteger(v) ? v : Number.isSafeInteger(v) ? v + 0 : BigInt(v);
    case 'boolean': return v ? 1 : 0;
    case 'bigint': return demote(v);
    case 'undefined': return null;
    case 'object':
      if (v === null) return null;
      if (v instanceof PyFloat) return keyOf(v.value);
      if (v instanceof Markup) return v.s;
      if (Array.isArray(v)) {
        if (!isTuple(v)) {
          if (rangeBounds(v) !== undefined) return rangeKey(v);
          throw unhashable(dictViewKind(v) ?? 'list');
        }
        return tupleKey(v);
      }
      if (v instanceof Undefined) {
        if (v instanceof StrictUndefined) v.fail();
        return v.constructor;
      }
      checkHashable(v);
      return v;
    default: return v;
  }
}

// ---------------------------------------------------------------------------------------------
// ordering
// ---------------------------------------------------------------------------------------------

const LT = 0, LE = 1, GT = 2, GE = 3; // prettier-ignore
const CMP_SYMBOL = ['<', '<=', '>', '>='];

/** Map a UTF-16 unit so that surrogates (astral code points) sort above U+E000..U+FFFF. */
function fixUnit(c: number): number {
  return c >= 0xe000 ? c - 0x800 : c >= 0xd800 ? c + 0x2000 : c;
}

/** Compare strings by code point, like Python (JS `<` compares UTF-16 units). */
export function strCompare(a: string, b: string): number {
  const n = a.length < b.length ? a.length : b.length;
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return x >= 0xd800 && y >= 0xd800 ? fixUnit(x) - fixUnit(y) : x - y;
  }
  return a.length - b.length;
}

function cmpResult(op: number, x: number | bigint, y: number | bigint): boolean {
  switch (op) {
    case LT: return x < y;
    case LE: return x <= y;
    case GT: return x > y;
    default: return x >= y;
  }
}

function strOf(v: unknown): string | null {
  return typeof v === 'string' ? v : v instanceof Markup ? v.s : null;
}

function compare(op: number, a: unknown, b: unknown): boolean {
  if (typeof a === 'number' && typeof b === 'number') return cmpResult(op, a, b);
  if (typeof a === 'string' && typeof b === 'string') return cmpResult(op, strCompare(a, b), 0);
  if (a instanceof Undefined) {
    // Python tries a right operand of a subclass first: Undefined() < StrictUndefined() is the latter's error.
    if (b instanceof Undefined && b.constructor !== a.constructor && b instanceof a.constructor) b.fail();
    a.fail();
  }
  if (b instanceof Undefined) b.fail();
  if (numKind(a) !== NOT_NUM && numKind(b) !== NOT_NUM) return cmpResult(op, numPrim(a), numPrim(b));
  const sa = strOf(a);
  const sb = strOf(b);
  if (sa !== null && sb !== null) return cmpResult(op, strCompare(sa, sb), 0);
  if (isSetLikeView(a) && isSetLikeView(b)) return viewSubset(op, a, b);
  if (Array.isArray(a) && Array.isArray(b) && isTuple(a) === isTuple(b) && !isRangeOrView(a) && !isRangeOrView(b)) {
    // lexicographic: the first unequal pair decides, else the lengths
    const n = Math.min(a.length, b.length);
    for (let i = 0; i < n; i++) if (!itemEq(a[i], b[i])) return compare(op, a[i], b[i]);
    return cmpResult(op, a.length, b.length);
  }
  throw pyErr('TypeError', `'${CMP_SYMBOL[op]}' not supported between instances of '${typeName(a)}' and '${typeName(b)}'`);
}

/** Keys and items views order like sets; values views do not. */
function isSetLikeView(v: unknown): v is unknown[] {
  const kind = dictViewKind(v);
  return kind === 'dict_keys' || kind === 'dict_items';
}

/** Set ordering of two views: `<` is a proper subset, `<=` a subset. */
function viewSubset(op: number, a: unknown[], b: unknown[]): boolean {
  const within = (x: unknown[], y: unknown[]): boolean => x.length <= y.length && x.every((v) => contains(y, v));
  switch (op) {
    case LT: return a.length < b.length && within(a, b);
    case LE: return within(a, b);
    case GT: return b.length < a.length && within(b, a);
    default: return within(b, a);
  }
}

/** `a < b` */
export function lt(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' && typeof b === 'number') return a < b;
  if (typeof a === 'string' && typeof b === 'string') return strCompare(a, b) < 0;
  return compare(LT, a, b);
}

/** `a <= b` */
export function le(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' && typeof b === 'number') return a <= b;
  if (typeof a === 'string' && typeof b === 'string') return strCompare(a, b) <= 0;
  return compare(LE, a, b);
}

/** `a > b` */
export function gt(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' && typeof b === 'number') return a > b;
  if (typeof a === 'string' && typeof b === 'string') return strCompare(a, b) > 0;
  return compare(GT, a, b);
}

/** `a >= b` */
export function ge(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' && typeof b === 'number') return a >= b;
  if (typeof a === 'string' && typeof b === 'string') return strCompare(a, b) >= 0;
  return compare(GE, a, b);
}

/**
 * Comparator for Array.prototype.sort with Python ordering (only `<` is used, as by Python's
 * sort); raises TypeError for unorderable mixes such as str and int.
 */
export function compareForSort(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return a < b ? -1 : b < a ? 1 : 0;
  if (typeof a === 'string' && typeof b === 'string') return strCompare(a, b);
  if (compare(LT, a, b)) return -1;
  return compare(LT, b, a) ? 1 : 0;
}
