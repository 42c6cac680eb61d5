/**
 * The builtin tests used with `is` (Jinja2's jinja2/tests.py, `TESTS`), with Python's semantics
 * in jinjit's value model (see runtime/values.ts). Every test receives the tested value first;
 * `filter` and `test` also get the environment first (`pass: 'environment'`).
 *
 * Arity mistakes raise the TypeError Python would, e.g. `{{ 3 is odd(1) }}` raises
 * "test_odd() takes 1 positional argument but 2 were given".
 */

import { pyErr } from '../errors.js';
import { isCallable } from '../runtime/call.js';
import { contains, eq, ge, gt, le, lt, mod, ne } from '../runtime/ops.js';
import { pyStr } from '../runtime/repr.js';
import { lazyFields } from '../runtime/lazy.js';
import type { Callable, EnvLike } from '../runtime/types.js';
import {
  ChainableUndefined, GETATTR, isDict, isFloat, isInt, isMarkup, isNumber, isTuple, Markup, MISSING,
  StrictUndefined, Undefined,
} from '../runtime/values.js';

/** Number of arguments really passed (trailing `undefined`s are "not passed"). */
function passed(args: unknown[]): number {
  let n = args.length;
  while (n > 0 && args[n - 1] === undefined) n--;
  return n;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/**
 * Check the arity of a Python-defined test: `pyName(params...)`, all required. `lead` counts a
 * passed environment (it is a positional parameter in Python too).
 */
function arity(pyName: string, params: readonly string[], args: unknown[], lead = 0): void {
  const n = passed(args);
  const total = params.length + lead;
  if (n > params.length) {
    throw pyErr('TypeError', `${pyName}() takes ${plural(total, 'positional argument')} but ${n + lead} were given`);
  }
  if (n < params.length) {
    const missing = params.slice(n);
    const names = missing.map((m) => `'${m}'`);
    const list = names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
    throw pyErr('TypeError', `${pyName}() missing ${missing.length} required positional argument${missing.length === 1 ? '' : 's'}: ${list}`);
  }
}

/** Define a test implemented in Python as `def pyName(params)`. */
function pyTest(pyName: string, params: readonly string[], impl: (...args: any[]) => boolean): Callable {
  const fn = function (...args: unknown[]): boolean {
    arity(pyName, params, args);
    return impl(...args);
  } as Callable;
  Object.defineProperty(fn, 'name', { value: pyName });
  fn.params = params;
  return fn;
}

/** Define a test that is a Python builtin of the `operator` module (`operator.eq`...). */
function opTest(pyName: string, impl: (a: unknown, b: unknown) => boolean): Callable {
  const fn = function (...args: unknown[]): boolean {
    const n = passed(args);
    if (n !== 2) throw pyErr('TypeError', `${pyName} expected 2 arguments, got ${n}`);
    return impl(args[0], args[1]);
  } as Callable;
  Object.defineProperty(fn, 'name', { value: pyName });
  fn.params = ['a', 'b'];
  return fn;
}

/** Define a test taking the environment first (`@pass_environment`). */
function envTest(pyName: string, impl: (env: EnvLike, value: unknown) => boolean): Callable {
  const fn = function (env: EnvLike, ...args: unknown[]): boolean {
    arity(pyName, ['value'], args, 1);
    return impl(env, args[0]);
  } as Callable;
  Object.defineProperty(fn, 'name', { value: pyName });
  fn.params = ['value'];
  fn.pass = 'environment';
  return fn;
}

// --------------------------------------------------------------------------- helpers

// built on first use, from strings (see runtime/lazy.ts)
const CASE = lazyFields({
  lower: () => new RegExp('\\p{Lowercase}', 'u'),
  upper: () => new RegExp('\\p{Uppercase}', 'u'),
  title: () => new RegExp('\\p{Lt}', 'u'),
});

/** Python's `str.islower()`: some cased character, and no uppercase or titlecase one. */
export function isLowerStr(s: string): boolean {
  let cased = false;
  for (const ch of s) {
    if (CASE.upper.test(ch) || CASE.title.test(ch)) return false;
    if (!cased && CASE.lower.test(ch)) cased = true;
  }
  return cased;
}

/** Python's `str.isupper()`: some cased character, and no lowercase or titlecase one. */
export function isUpperStr(s: string): boolean {
  let cased = false;
  for (const ch of s) {
    if (CASE.lower.test(ch) || CASE.title.test(ch)) return false;
    if (!cased && CASE.upper.test(ch)) cased = true;
  }
  return cased;
}

/** `value in some_dict` for a str-keyed table: hashability errors as Python raises them. */
function inNameTable(table: Record<string, unknown>, value: unknown): boolean {
  assertHashable(value);
  const key = typeof value === 'string' ? value : value instanceof Markup ? value.s : undefined;
  return key !== undefined && Object.prototype.hasOwnProperty.call(table, key);
}

function assertHashable(v: unknown): void {
  if (Array.isArray(v)) {
    if (!isTuple(v)) throw pyErr('TypeError', "unhashable type: 'list'");
    v.forEach(assertHashable);
  } else if (isDict(v)) {
    throw pyErr('TypeError', "unhashable type: 'dict'");
  } else if (v instanceof StrictUndefined) {
    v.fail();
  }
}

/**
 * Python's `is` as templates observe it. JS holds numbers and strings by value, so identity
 * follows CPython's caches: None/True/False, ints in [-5, 256], the empty string and one-char
 * Latin-1 strings, and the empty tuple are singletons; other numbers and strings compare as
 * distinct objects (as two parsed literals are); everything else is JS identity.
 */
export function isSame(a: unknown, b: unknown): boolean {
  if (a === null || a === undefined) return b === null || b === undefined;
  switch (typeof a) {
    case 'boolean':
      return a === b;
    case 'number':
      return isInt(a) && isInt(b) && a === b && a >= -5 && a <= 256;
    case 'bigint':
      return false;
    case 'string':
      return a === b && (a.length === 0 || (a.length === 1 && a.charCodeAt(0) < 256));
    default:
      if (a === b) return true;
      return isTuple(a) && isTuple(b) && a.length === 0 && b.length === 0;
  }
}

function hasLen(v: unknown): boolean {
  return typeof v === 'string' || v instanceof Markup || Array.isArray(v) || isDict(v);
}

// --------------------------------------------------------------------------- the tests

/**
 * `{{ 3 is odd }}` → True. Python's `value % 2 == 1`: floats work (`3.0`), bools too, strings
 * go through %-formatting (`'%d' is odd` is False; `'abc' is odd` raises TypeError).
 */
export const testOdd = pyTest('test_odd', ['value'], (v: unknown) => eq(mod(v, 2), 1));

/** `{{ 4 is even }}` → True. Python's `value % 2 == 0`. */
export const testEven = pyTest('test_even', ['value'], (v: unknown) => eq(mod(v, 2), 0));

/**
 * `{{ 9 is divisibleby 3 }}` → True; `{{ 7.5 is divisibleby 2.5 }}` → True. Python's
 * `value % num == 0`; `num` 0 raises ZeroDivisionError.
 */
export const testDivisibleby = pyTest('test_divisibleby', ['value', 'num'], (v: unknown, n: unknown) => eq(mod(v, n), 0));

/** `{% if user is defined %}...{% endif %}`: false only for Undefined values. */
export const testDefined = pyTest('test_defined', ['value'], (v: unknown) => !(v instanceof Undefined));

/** `{{ missing is undefined }}` → True. */
export const testUndefined = pyTest('test_undefined', ['value'], (v: unknown) => v instanceof Undefined);

/** `{% if 'markdown' is filter %}...{% endif %}`: whether the environment has that filter. */
export const testFilter = envTest('test_filter', (env, v) => inNameTable(env.filters, v));

/** `{% if 'loud' is test %}...{% endif %}`: whether the environment has that test. */
export const testTest = envTest('test_test', (env, v) => inNameTable(env.tests, v));

/** `{{ none is none }}` → True. */
export const testNone = pyTest('test_none', ['value'], (v: unknown) => v === null || v === undefined);

/** `{{ false is boolean }}` → True; `{{ 0 is boolean }}` → False. */
export const testBoolean = pyTest('test_boolean', ['value'], (v: unknown) => typeof v === 'boolean');

/** `{{ false is false }}` → True; `{{ 0 is false }}` → False. */
export const testFalse = pyTest('test_false', ['value'], (v: unknown) => v === false);

/** `{{ true is true }}` → True; `{{ 1 is true }}` → False. */
export const testTrue = pyTest('test_true', ['value'], (v: unknown) => v === true);

/** `{{ 3 is integer }}` → True; `{{ 3.0 is integer }}` and `{{ true is integer }}` → False. */
export const testInteger = pyTest('test_integer', ['value'], (v: unknown) => isInt(v));

/** `{{ 3.0 is float }}` → True; `{{ 3 is float }}` → False. */
export const testFloat = pyTest('test_float', ['value'], (v: unknown) => isFloat(v));

/** `{{ 'hello' is lower }}` → True: Python's `str(value).islower()` (any value is printed first). */
export const testLower = pyTest('test_lower', ['value'], (v: unknown) => isLowerStr(pyStr(v)));

/** `{{ 'HELLO' is upper }}` → True: Python's `str(value).isupper()`. */
export const testUpper = pyTest('test_upper', ['value'], (v: unknown) => isUpperStr(pyStr(v)));

/** `{{ 'x' is string }}` → True; Markup is a str too. */
export const testString = pyTest('test_string', ['value'], (v: unknown) => typeof v === 'string' || v instanceof Markup);

/** `{{ {'a': 1} is mapping }}` → True: dicts (Maps and plain objects). */
export const testMapping = pyTest('test_mapping', ['value'], (v: unknown) => isDict(v));

/** `{{ 1.5 is number }}` → True; bools are numbers too, as in Python. */
export const testNumber = pyTest('test_number', ['value'], (v: unknown) => isNumber(v));

/**
 * `{{ [1, 2] is sequence }}` → True: anything with `len()` and `[]`: strings, lists, tuples,
 * dicts, and (as in Jinja2) the lenient Undefined classes, not StrictUndefined.
 */
export const testSequence = pyTest('test_sequence', ['value'], (v: unknown) => {
  if (v instanceof Undefined) return !(v instanceof StrictUndefined);
  return hasLen(v);
});

/**
 * `{{ 'abc' is sameas 'abc' }}` → False, `{{ none is sameas none }}` → True: Python's `is`
 * (see `isSame` for how identity maps onto JS values).
 */
export const testSameas = pyTest('test_sameas', ['value', 'other'], (v: unknown, o: unknown) => isSame(v, o));

/**
 * `{{ 'abc' is iterable }}` → True, `{{ 3 is iterable }}` → False. Undefined iterates as empty;
 * StrictUndefined raises UndefinedError, as in Jinja2.
 */
export const testIterable = pyTest('test_iterable', ['value'], (v: unknown) => {
  if (v instanceof Undefined) {
    if (v instanceof StrictUndefined) v.fail();
    return true;
  }
  if (hasLen(v) || v instanceof Set) return true;
  return v !== null && typeof v === 'object' && typeof (v as Iterable<unknown>)[Symbol.iterator] === 'function';
});

/**
 * `{{ '<b>'|safe is escaped }}` → True: the value has `__html__` (Markup, user objects with an
 * `__html__` method, ChainableUndefined).
 */
export const testEscaped = pyTest('test_escaped', ['value'], (v: unknown) => {
  if (isMarkup(v) || v instanceof ChainableUndefined) return true;
  if (v !== null && typeof v === 'object' && typeof (v as { [GETATTR]?: unknown })[GETATTR] === 'function') {
    return (v as { [GETATTR](n: string): unknown })[GETATTR]('__html__') !== MISSING;
  }
  return false;
});

/** `{{ 2 is in [1, 2, 3] }}` → True: Python's `value in seq`. */
export const testIn = pyTest('test_in', ['value', 'seq'], (v: unknown, seq: unknown) => contains(seq, v));

/**
 * `{{ macro_name is callable }}` → True: JS functions, macros and runtime objects implementing
 * CALL (joiner), and Undefined (it defines `__call__`, to raise).
 */
export const testCallable: Callable = (() => {
  const fn = function (...args: unknown[]): boolean {
    const n = passed(args);
    if (n !== 1) throw pyErr('TypeError', `callable() takes exactly one argument (${n} given)`);
    const v = args[0];
    return v instanceof Undefined || isCallable(v);
  } as Callable;
  Object.defineProperty(fn, 'name', { value: 'callable' });
  fn.params = ['obj'];
  return fn;
})();

/** `{{ x is eq 3 }}`, `{{ users|selectattr('age', '==', 3) }}`: Python `==`. */
export const testEq = opTest('eq', (a, b) => eq(a, b));
/** `{{ x is ne 3 }}`: Python `!=`. */
export const testNe = opTest('ne', (a, b) => ne(a, b));
/** `{{ x is lt 3 }}`: Python `<` (TypeError between unorderable types). */
export const testLt = opTest('lt', (a, b) => lt(a, b));
/** `{{ x is le 3 }}`: Python `<=`. */
export const testLe = opTest('le', (a, b) => le(a, b));
/** `{{ x is gt 3 }}`: Python `>`. */
export const testGt = opTest('gt', (a, b) => gt(a, b));
/** `{{ x is ge 3 }}`: Python `>=`. */
export const testGe = opTest('ge', (a, b) => ge(a, b));

/** Jinja2's default tests, by name (jinja2.tests.TESTS). */
export const TESTS: Record<string, Callable> = {
  odd: testOdd,
  even: testEven,
  divisibleby: testDivisibleby,
  defined: testDefined,
  undefined: testUndefined,
  filter: testFilter,
  test: testTest,
  none: testNone,
  boolean: testBoolean,
  false: testFalse,
  true: testTrue,
  integer: testInteger,
  float: testFloat,
  lower: testLower,
  upper: testUpper,
  string: testString,
  mapping: testMapping,
  number: testNumber,
  sequence: testSequence,
  iterable: testIterable,
  callable: testCallable,
  sameas: testSameas,
  escaped: testEscaped,
  in: testIn,
  '==': testEq,
  eq: testEq,
  equalto: testEq,
  '!=': testNe,
  ne: testNe,
  '>': testGt,
  gt: testGt,
  greaterthan: testGt,
  ge: testGe,
  '>=': testGe,
  '<': testLt,
  lt: testLt,
  lessthan: testLt,
  '<=': testLe,
  le: testLe,
};
