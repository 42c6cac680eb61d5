/**
 * Attribute and item access on template values (`a.b`, `a['b']`, `a[1:2]`), with Jinja2's
 * rules: `getattr` tries the attribute first then the item, `getitem` the item first then the
 * attribute. What counts as an "attribute" is decided here and only here: Python methods from
 * the allowlist in methods.ts, own data of plain objects, and the GETATTR protocol of runtime
 * objects. Nothing reaches JS prototypes, so `constructor`, `__proto__` and friends are never
 * found.
 */

import { pyErr, TemplateRuntimeError } from '../errors.js';
import { getMethod } from './methods.js';
import { classRef } from './pyclass.js';
import { typeName } from './repr.js';
import { eq } from './ops.js';
import { rangeAttr, rangeBounds, rangeSlice } from './range.js';
import { dictViewKind } from './views.js';
import {
  ChainableUndefined, GETATTR, isTuple, Markup, MISSING, mkTuple, PyFloat, SETATTR, Undefined, isPlainObject,
} from './values.js';

const hasOwn = Object.prototype.hasOwnProperty;

/** Names that are never attributes, whatever the object (JS internals). */
export const BLOCKED_NAMES: ReadonlySet<string> = new Set([
  'constructor', '__proto__', 'prototype', '__defineGetter__', '__defineSetter__', '__lookupGetter__',
  '__lookupSetter__', 'call', 'apply', 'bind', 'toString', 'valueOf', 'toLocaleString', 'hasOwnProperty',
  'isPrototypeOf', 'propertyIsEnumerable', 'caller', 'callee', 'arguments',
]);

/** Built-in prototypes whose members are never exposed on user objects. */
const BUILTIN_PROTOS: ReadonlySet<unknown> = new Set([
  Object.prototype, Function.prototype, Array.prototype, String.prototype, Number.prototype,
  Boolean.prototype, Map.prototype, Set.prototype, Promise.prototype, Date.prototype, RegExp.prototype,
  Error.prototype, BigInt.prototype, Symbol.prototype,
]);

const nativeProtos = new WeakMap<object, boolean>();
const fnToString = Function.prototype.toString;

/**
 * Whether `proto` belongs to the JS engine or host: a listed built-in, or any prototype whose
 * constructor is native code (typed arrays, ArrayBuffer, DataView, WeakMap, Intl...).
 */
function isBuiltinProto(proto: object): boolean {
  if (BUILTIN_PROTOS.has(proto)) return true;
  let r = nativeProtos.get(proto);
  if (r === undefined) {
    const d = Object.getOwnPropertyDescriptor(proto, 'constructor');
    const c: unknown = d !== undefined && 'value' in d ? d.value : undefined;
    r = typeof c === 'function' && /\{\s*\[native code\]\s*\}$/.test(fnToString.call(c));
    nativeProtos.set(proto, r);
  }
  return r;
}

/**
 * Read an attribute of a user-class instance: own data, or methods found on the class's own
 * prototype chain before any built-in prototype. Methods come back bound.
 */
function objectAttr(obj: object, name: string): unknown {
  if (BLOCKED_NAMES.has(name)) return MISSING;
  if (hasOwn.call(obj, name)) {
    const v = (obj as Record<string, unknown>)[name];
    return v === undefined ? MISSING : v;
  }
  let proto = Object.getPrototypeOf(obj);
  while (proto !== null && !isBuiltinProto(proto)) {
    const desc = Object.getOwnPropertyDescriptor(proto, name);
    if (desc) {
      if (desc.get) return desc.get.call(obj);
      const v = desc.value;
      if (typeof v === 'function') return v.bind(obj);
      return v === undefined ? MISSING : v;
    }
    proto = Object.getPrototypeOf(proto);
  }
  return MISSING;
}

/** Item lookup only; MISSING when absent. */
export function itemOf(obj: unknown, key: unknown): unknown {
  if (Array.isArray(obj)) {
    if (dictViewKind(obj) !== undefined) return MISSING; // views are not subscriptable
    if (typeof key === 'number' && Number.isInteger(key)) {
      const i = key < 0 ? obj.length + key : key;
      return i >= 0 && i < obj.length ? obj[i] : MISSING;
    }
    if (typeof key === 'boolean') return itemOf(obj, key ? 1 : 0);
    if (typeof key === 'bigint') return MISSING;
    return MISSING;
  }
  if (obj instanceof Markup) {
    // markupsafe's Markup.__getitem__ returns Markup, so `x[0]` of a captured block stays safe
    const ch = itemOf(obj.s, key);
    return ch === MISSING ? MISSING : new Markup(ch as string);
  }
  if (typeof obj === 'string') {
    if (typeof key === 'number' && Number.isInteger(key)) {
      const chars = codePoints(obj);
      const i = key < 0 ? chars.length + key : key;
      return i >= 0 && i < chars.length ? chars[i] : MISSING;
    }
    if (typeof key === 'boolean') return itemOf(obj, key ? 1 : 0);
    return MISSING;
  }
  if (obj instanceof Map) {
    if (obj.has(key)) return obj.get(key);
    if (Array.isArray(key)) {
      // tuple keys are compared by value, as Python hashes them
      for (const [k, v] of obj) if (Array.isArray(k) && eq(k, key)) return v;
      return MISSING;
    }
    const alt = dictKeyAlias(key);
    return alt !== MISSING && obj.has(alt) ? obj.get(alt) : MISSING;
  }
  if (isPlainObject(obj)) {
    const k = typeof key === 'string' ? key : plainKey(key);
    if (k !== null && hasOwn.call(obj, k)) {
      const v = obj[k];
      return v === undefined ? MISSING : v;
    }
    return MISSING;
  }
  return MISSING;
}

/** Python treats 1, 1.0 and True as the same dict key. */
function dictKeyAlias(key: unknown): unknown {
  if (key === true) return 1;
  if (key === false) return 0;
  if (key instanceof PyFloat) return key.value;
  return MISSING;
}

/** Plain objects have string keys only; ints index them by their decimal string. */
function plainKey(key: unknown): string | null {
  if (typeof key === 'number' || typeof key === 'bigint') return String(key);
  return null;
}

export function codePoints(s: string): string[] {
  return Array.from(s);
}

/** Attribute lookup only (methods and object data); MISSING when absent. */
export function attrOf(obj: unknown, name: string): unknown {
  if (obj === null || obj === undefined) return name === '__class__' ? classRef(obj) : MISSING;
  if (name === '__class__' && !(obj instanceof Undefined)) return classRef(obj);
  const t = typeof obj;
  if (Array.isArray(obj)) {
    // a groupby tuple's `grouper`/`list`, a range's `start`/`stop`/`step`, then methods
    const g = (obj as { [GETATTR]?: (n: string) => unknown })[GETATTR];
    if (typeof g === 'function') {
      const v = g.call(obj, name);
      if (v !== MISSING) return v;
    }
    const bounds = rangeBounds(obj);
    const v = bounds === undefined ? undefined : rangeAttr(bounds, name);
    return v ?? getMethod(obj, name) ?? MISSING;
  }
  if (obj instanceof PyFloat) return numberAttr(obj, name) ?? getMethod(obj, name) ?? MISSING;
  if (t === 'string' || obj instanceof Map || isPlainObject(obj) || obj instanceof Markup) {
    return getMethod(obj, name) ?? MISSING;
  }
  if (t === 'object' || t === 'function') {
    const g = (obj as { [GETATTR]?: (n: string) => unknown })[GETATTR];
    if (typeof g === 'function') return g.call(obj, name);
    if (t === 'function') return MISSING;
    return objectAttr(obj as object, name);
  }
  return numberAttr(obj, name) ?? getMethod(obj, name) ?? MISSING;
}

/** Data attributes of Python numbers (`(5).real`, `x.imag`...), which are not methods. */
function numberAttr(obj: unknown, name: string): unknown {
  if (obj instanceof PyFloat || (typeof obj === 'number' && !Number.isInteger(obj)) || Object.is(obj, -0)) {
    if (name === 'real') return obj;
    return name === 'imag' ? new PyFloat(0) : undefined;
  }
  if (typeof obj !== 'number' && typeof obj !== 'bigint' && typeof obj !== 'boolean') return undefined;
  const n = typeof obj === 'boolean' ? Number(obj) : obj;
  if (name === 'real' || name === 'numerator') return n;
  if (name === 'imag') return 0;
  return name === 'denominator' ? 1 : undefined;
}

/** `obj.name` in a template (Jinja2's environment.getattr). */
export function getattr(obj: unknown, name: string, mkUndefined: UndefinedFactory): unknown {
  if (obj instanceof Undefined) {
    // real attributes of Jinja2's Undefined, which its test-suite reads
    if (name === '_undefined_name') return obj.undefName;
    if (name === '_undefined_hint') return obj.hint;
    if (name === '__class__') return classRef(obj);
    if (obj instanceof ChainableUndefined) return obj;
    return obj.fail();
  }
  let v = attrOf(obj, name);
  if (v !== MISSING) return v;
  v = itemOf(obj, name);
  if (v !== MISSING) return v;
  return mkUndefined(null, obj, name);
}

/** `obj[key]` in a template (Jinja2's environment.getitem). */
export function getitem(obj: unknown, key: unknown, mkUndefined: UndefinedFactory): unknown {
  if (obj instanceof Undefined) {
    if (obj instanceof ChainableUndefined) return obj;
    return obj.fail();
  }
  let v = itemOf(obj, key);
  if (v !== MISSING) return v;
  if (typeof key === 'string') {
    v = attrOf(obj, key);
    if (v !== MISSING) return v;
  }
  return mkUndefined(null, obj, key);
}

export type UndefinedFactory = (hint?: string | null, obj?: unknown, name?: unknown) => Undefined;

function sliceIndex(v: unknown, what: string): number | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number' && Number.isInteger(v)) return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'bigint') return Number(v);
  if (v instanceof Undefined) return null;
  throw pyErr('TypeError', `slice indices must be integers or None or have an __index__ method`);
  void what;
}

/** Python slice semantics for `seq[start:stop:step]` on lists, tuples and strings. */
export function slice(obj: unknown, start: unknown, stop: unknown, step: unknown): unknown {
  // Jinja2 compiles slices to a plain Python `obj[start:stop:step]` (no environment.getitem)
  if (obj instanceof Markup) return new Markup(slice(obj.s, start, stop, step) as string);
  const isStr = typeof obj === 'string';
  let seq: unknown[];
  if (isStr) seq = codePoints(obj as string);
  else if (Array.isArray(obj) && dictViewKind(obj) === undefined) seq = obj;
  else if (obj instanceof ChainableUndefined) return obj; // its __getitem__ returns itself, slices too
  else if (obj instanceof Undefined) return obj.fail();
  else if (obj instanceof Map || isPlainObject(obj)) throw pyErr('TypeError', "unhashable type: 'slice'");
  else throw pyErr('TypeError', `'${typeName(obj)}' object is not subscriptable`);
  const st = sliceIndex(step, 'step') ?? 1;
  if (st === 0) throw pyErr('ValueError', 'slice step cannot be zero');
  const len = seq.length;
  let a = sliceIndex(start, 'start');
  let b = sliceIndex(stop, 'stop');
  const out: unknown[] = [];
  if (st > 0) {
    a = a === null ? 0 : a < 0 ? Math.max(0, a + len) : Math.min(a, len);
    b = b === null ? len : b < 0 ? Math.max(0, b + len) : Math.min(b, len);
    for (let i = a; i < b; i += st) out.push(seq[i]);
  } else {
    a = a === null ? len - 1 : a < 0 ? Math.max(-1, a + len) : Math.min(a, len - 1);
    b = b === null ? -1 : b < 0 ? Math.max(-1, b + len) : Math.min(b, len - 1);
    for (let i = a; i > b; i += st) out.push(seq[i]);
  }
  if (isStr) return out.join('');
  const bounds = rangeBounds(obj);
  if (bounds !== undefined) return rangeSlice(bounds, a, b, st);
  return isTuple(obj) ? mkTuple(out) : out;
}

/** `{% set ns.attr = value %}`: only objects implementing SETATTR (namespaces) accept it. */
export function setattr(obj: unknown, name: string, value: unknown): void {
  nsTarget(obj)[SETATTR](name, value);
}

/**
 * The target of `{% set ns.attr = value %}`, checked before the value is evaluated (Jinja2's
 * generated code tests `isinstance(ns, Namespace)` first).
 */
export function nsTarget(obj: unknown): { [SETATTR](n: string, v: unknown): void } {
  const s = obj !== null && typeof obj === 'object' ? (obj as { [SETATTR]?: unknown })[SETATTR] : undefined;
  if (typeof s !== 'function') throw new TemplateRuntimeError('cannot assign attribute on non-namespace object');
  return obj as { [SETATTR](n: string, v: unknown): void };
}
