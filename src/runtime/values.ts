/**
 * The value model: how jinjit represents Python values in JavaScript.
 *
 * | Python     | JavaScript                                                              |
 * |------------|-------------------------------------------------------------------------|
 * | None       | `null` (a JS `undefined` in data is treated as None as well)            |
 * | bool       | `boolean`                                                               |
 * | int        | a `number` for which `Number.isInteger` holds, or a `bigint` when the    |
 * |            | value lies outside ±(2**53-1) (ops promote/demote automatically)         |
 * | float      | a `number` that is not an integer (fractions, NaN, ±Infinity), or a      |
 * |            | `PyFloat` box when the value is integral (`4/2` is `PyFloat(2)`, prints  |
 * |            | `2.0`). JS callers pass an integral float with `pyFloat(42)`.            |
 * | str        | `string`                                                                |
 * | list       | `Array`                                                                 |
 * | tuple      | an `Array` marked by `mkTuple` (prints `(1, 2)`)                         |
 * | dict       | a `Map` (dicts built by templates keep any key type and order) or a     |
 * |            | plain object (prototype `Object.prototype` or `null`) from caller data   |
 * | Markup     | `Markup`                                                                |
 * | Undefined  | `Undefined` and its subclasses                                           |
 * | callables  | JS functions, `Macro`s and runtime objects with a `__call__`-like method |
 *
 * Anything else (class instances) is an opaque object whose own data properties are readable
 * as attributes.
 */

import { UndefinedError } from '../errors.js';

/** A Python float whose value happens to be integral (`2.0`). Immutable. */
export class PyFloat {
  constructor(readonly value: number) {}
  valueOf(): number {
    return this.value;
  }
}

/**
 * Make a Python float from a JS number: integral values are boxed so they keep printing as
 * floats. Example: `render('{{ x }}', { x: pyFloat(42) })` prints `42.0`.
 */
export function pyFloat(n: number): number | PyFloat {
  return Number.isInteger(n) || Object.is(n, -0) ? new PyFloat(n) : n;
}

/** Symbol marking an array as a Python tuple. */
export const TUPLE: unique symbol = Symbol('jinjit.tuple');

export type Tuple = unknown[] & { [TUPLE]: true };

/** Mark an array as a tuple (in place) and return it. Example: `mkTuple([1, 2])` prints `(1, 2)`. */
export function mkTuple<T extends unknown[]>(items: T): T & { [TUPLE]: true } {
  (items as unknown as { [TUPLE]: true })[TUPLE] = true;
  return items as T & { [TUPLE]: true };
}

export function isTuple(v: unknown): v is Tuple {
  return Array.isArray(v) && (v as unknown as { [TUPLE]?: true })[TUPLE] === true;
}

/** Python int check: safe-integer numbers and bigints. */
export function isInt(v: unknown): v is number | bigint {
  return (typeof v === 'number' && Number.isInteger(v) && !Object.is(v, -0)) || typeof v === 'bigint';
}

/** Python float check. */
export function isFloat(v: unknown): v is number | PyFloat {
  return (typeof v === 'number' && (!Number.isInteger(v) || Object.is(v, -0))) || v instanceof PyFloat;
}

/** int, float or bool (Python's numbers.Number includes bool). */
export function isNumber(v: unknown): boolean {
  return typeof v === 'number' || typeof v === 'bigint' || v instanceof PyFloat || typeof v === 'boolean';
}

/** A plain JS object used as a dict: prototype is Object.prototype or null. */
export function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== 'object') return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/** Python dict check: Map or plain object. */
export function isDict(v: unknown): v is Map<unknown, unknown> | Record<string, unknown> {
  return v instanceof Map || isPlainObject(v);
}

/**
 * A string that is safe for HTML output (markupsafe's Markup). Concatenating a Markup with a
 * plain string escapes the string.
 */
export class Markup {
  constructor(readonly s: string) {}
  toString(): string {
    return this.s;
  }
  /** markupsafe's `__html__` protocol. */
  __html__(): string {
    return this.s;
  }
}

/** Anything with `__html__` counts as already-escaped markup, as in markupsafe. */
export function isMarkup(v: unknown): v is { __html__(): string } {
  return v instanceof Markup || (v !== null && typeof v === 'object' && typeof (v as { __html__?: unknown }).__html__ === 'function');
}

/**
 * Jinja2's default Undefined: prints as empty, iterates as empty, is falsy; any other use
 * (attribute access, arithmetic, calling) raises UndefinedError.
 */
export class Undefined {
  constructor(
    /** Custom message, as Jinja2's `undefined_hint`. */
    readonly hint: string | null = null,
    /** The object whose attribute/item was missing, or MISSING. */
    readonly obj: unknown = MISSING,
    /** The missing name or key. */
    readonly undefName: unknown = null,
    /**
     * Error class raised when the value is used (Jinja2's `exc`): the sandbox passes
     * SecurityError for unsafe attributes. Example: `new Undefined('unsafe', MISSING, 'x', SecurityError)`.
     */
    readonly exc: new (message: string) => Error = UndefinedError,
  ) {}

  /** Message Jinja2 would print for this undefined. */
  message(): string {
    if (this.hint !== null && this.hint !== '') return this.hint; // Jinja2: `if self._undefined_hint:`
    if (this.obj === MISSING) return `${reprKey(this.undefName)} is undefined`;
    // Jinja2 quotes the owner for attributes but not for elements.
    const owner = objectTypeRepr(this.obj);
    if (typeof this.undefName !== 'string') return `${owner} has no element ${reprKey(this.undefName)}`;
    return `${reprKey(owner)} has no attribute ${reprKey(this.undefName)}`;
  }

  /** Raise the error this value stands for (UndefinedError unless `exc` says otherwise). */
  fail(): never {
    throw new this.exc(this.message());
  }
}

/** Undefined that raises on printing, iteration and truth tests too. */
export class StrictUndefined extends Undefined {}

/** Undefined whose attributes and items are undefined again instead of raising. */
export class ChainableUndefined extends Undefined {}

/** Undefined that prints `{{ name }}` so missing values are visible in output. */
export class DebugUndefined extends Undefined {}

export type UndefinedClass = typeof Undefined;

/** Sentinel for "no object" in Undefined. */
export const MISSING: unique symbol = Symbol('jinjit.missing');

// Filled in by the repr module to avoid a cycle: Python's repr of a key and type name of obj.
let reprKey: (v: unknown) => string = (v) => String(v);
let objectTypeRepr: (v: unknown) => string = () => 'object';
export function setUndefinedFormatters(keyRepr: (v: unknown) => string, typeRepr: (v: unknown) => string): void {
  reprKey = keyRepr;
  objectTypeRepr = typeRepr;
}

/**
 * Runtime objects (loop, namespace, cycler, macro, template module...) expose attributes to
 * templates through this method instead of JS property access, so nothing else on them is
 * reachable. Return `MISSING` for an unknown attribute.
 */
export const GETATTR: unique symbol = Symbol('jinjit.getattr');

/** Implemented by objects that allow `{% set obj.attr = value %}` (only `namespace`). */
export const SETATTR: unique symbol = Symbol('jinjit.setattr');

/** Objects callable from templates that are not plain JS functions implement this. */
export const CALL: unique symbol = Symbol('jinjit.call');

export interface RuntimeObject {
  [GETATTR](name: string): unknown;
}

/**
 * Prototype of the keyword-argument objects generated code builds (`{ __proto__: KW, ... }`):
 * empty and null-prototyped, so no key is ever inherited, while the objects stay in V8's fast
 * mode (`__proto__: null` literals are dictionary-mode; Object.keys on them is ~3x slower).
 */
export const KW: object = Object.freeze(Object.create(null));

/** A keyword-arguments object: null prototype (runtime-built) or KW (generated code). */
export function isKwargsObject(v: unknown): boolean {
  if (v === null || typeof v !== 'object' || Array.isArray(v) || v instanceof Map) return false;
  const p = Object.getPrototypeOf(v);
  return p === null || p === KW;
}
