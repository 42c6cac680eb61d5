/**
 * A minimal EnvLike/ContextLike for calling the builtin filters directly: attribute/item access
 * through the runtime's access rules, filter/test dispatch with the runtime's argument binding,
 * and a handful of Jinja2 tests for select/reject.
 */

import { TemplateRuntimeError } from '../../../src/errors.js';
import { FILTERS } from '../../../src/builtins/filters/index.js';
import { getattr, getitem } from '../../../src/runtime/access.js';
import { callValue, invoke, leadArg } from '../../../src/runtime/call.js';
import { contains, eq, ge, gt, le, lt, mod, ne } from '../../../src/runtime/ops.js';
import type { Callable, ContextLike, EnvLike, EvalContext, Kwargs } from '../../../src/runtime/types.js';
import { isDict, isFloat, isInt, isMarkup, MISSING, Undefined } from '../../../src/runtime/values.js';

function test(fn: (...a: any[]) => unknown, params: string[]): Callable {
  const f = fn as Callable;
  f.params = params;
  return f;
}

const truthy = (v: unknown): boolean => v === true || (v !== false && Boolean(v));

/** The Jinja2 tests the filter tables use. */
export const TESTS: Record<string, Callable> = {
  odd: test((v: unknown) => truthy(eq(mod(v, 2), 1)), ['value']),
  even: test((v: unknown) => truthy(eq(mod(v, 2), 0)), ['value']),
  divisibleby: test((v: unknown, n: unknown) => truthy(eq(mod(v, n), 0)), ['value', 'num']),
  defined: test((v: unknown) => !(v instanceof Undefined), ['value']),
  undefined: test((v: unknown) => v instanceof Undefined, ['value']),
  none: test((v: unknown) => v === null, ['value']),
  string: test((v: unknown) => typeof v === 'string' || isMarkup(v), ['value']),
  number: test((v: unknown) => isInt(v) || isFloat(v) || typeof v === 'boolean', ['value']),
  mapping: test((v: unknown) => isDict(v), ['value']),
  true: test((v: unknown) => v === true, ['value']),
  false: test((v: unknown) => v === false, ['value']),
  sameas: test((v: unknown, o: unknown) => v === o, ['value', 'other']),
  in: test((v: unknown, seq: unknown) => contains(seq, v), ['value', 'seq']),
};
for (const [names, op] of [
  [['eq', 'equalto', '=='], eq], [['ne', '!='], ne], [['lt', 'lessthan', '<'], lt], [['le', '<='], le],
  [['gt', 'greaterthan', '>'], gt], [['ge', '>='], ge],
] as const) {
  for (const n of names) TESTS[n] = test((a: unknown, b: unknown) => op(a, b), ['a', 'b']);
}

export interface Fake {
  env: EnvLike;
  ctx: ContextLike;
  evalCtx: EvalContext;
}

export function makeFake(autoescape = false, policies: Record<string, unknown> = {}): Fake {
  const env: EnvLike = {
    filters: FILTERS,
    tests: TESTS,
    globals: {},
    sandbox: 'none',
    undefinedClass: Undefined,
    policies: {
      'urlize.rel': 'noopener',
      'urlize.target': null,
      'urlize.extra_schemes': null,
      'truncate.leeway': 5,
      'json.dumps_function': null,
      'json.dumps_kwargs': { sort_keys: true },
      ...policies,
    },
    mkUndefined: (hint?: string | null, obj?: unknown, name?: unknown) => new Undefined(hint ?? null, obj === undefined ? MISSING : obj, name ?? null),
    getattr: (obj: unknown, name: string) => getattr(obj, name, env.mkUndefined),
    getitem: (obj: unknown, key: unknown) => getitem(obj, key, env.mkUndefined),
    callFilter(name: string, value: unknown, args: unknown[], kwargs: Kwargs | null, context?: ContextLike) {
      const f = Object.prototype.hasOwnProperty.call(FILTERS, name) ? FILTERS[name] : undefined;
      if (f === undefined) throw new TemplateRuntimeError(`No filter named '${name}'.`);
      return invoke(f, [value, ...args], kwargs, name, leadArg(f, env, context ?? ctx));
    },
    callTest(name: string, value: unknown, args: unknown[], kwargs: Kwargs | null, context?: ContextLike) {
      const f = Object.prototype.hasOwnProperty.call(TESTS, name) ? TESTS[name] : undefined;
      if (f === undefined) throw new TemplateRuntimeError(`No test named '${name}'.`);
      return invoke(f, [value, ...args], kwargs, name, leadArg(f, env, context ?? ctx));
    },
    call: (fn: unknown, args: unknown[], kwargs: Kwargs | null, context?: ContextLike) => callValue(env, context ?? ctx, fn, args, kwargs),
  };
  const evalCtx: EvalContext = { autoescape, volatile: false, environment: env };
  const ctx: ContextLike = {
    environment: env,
    evalCtx,
    name: undefined,
    resolve: () => env.mkUndefined(),
    getAll: () => ({}),
  };
  return { env, ctx, evalCtx };
}
