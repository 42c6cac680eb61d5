/**
 * Calling template callables with Python's calling convention (positional args, keyword args,
 * `*args`, `**kwargs`). JS functions receive positional arguments; keyword arguments are bound to
 * positions through the function's `params` metadata, or, when it has none, passed as one
 * trailing object. Macros and runtime objects implement the CALL protocol.
 */

import { pyErr } from '../errors.js';
import { enter, leave, tick } from './limits.js';
import { pyRepr } from './repr.js';
import type { Callable, ContextLike, EnvLike, Kwargs } from './types.js';
import { CALL, GETATTR, isDict, Markup, MISSING, mkTuple, Undefined } from './values.js';

export interface CallableObject {
  [CALL](args: unknown[], kwargs: Kwargs | null, context?: ContextLike): unknown;
}

export function isCallable(v: unknown): boolean {
  return typeof v === 'function' || (v !== null && typeof v === 'object' && typeof (v as Partial<CallableObject>)[CALL] === 'function');
}

/**
 * Bind positional + keyword arguments to a JS function per its metadata and call it.
 * `lead` is the context/eval context/environment for `pass` functions (already resolved).
 */
export function invoke(fn: Callable, args: unknown[], kwargs: Kwargs | null, what: string, lead?: unknown): unknown {
  const hasLead = fn.pass !== undefined;
  if (kwargs === null || isEmpty(kwargs)) {
    return hasLead ? fn(lead, ...args) : fn(...args);
  }
  const params = fn.params;
  if (params === undefined) {
    // an unannotated JS function: keyword arguments arrive as one trailing object
    return hasLead ? fn(lead, ...args, kwargs) : fn(...args, kwargs);
  }
  const bound = args.slice();
  let extra: Kwargs | null = null;
  for (const key of Object.keys(kwargs)) {
    const i = params.indexOf(key);
    if (i >= 0) {
      if (i < args.length) throw pyErr('TypeError', `${what}() got multiple values for argument '${key}'`);
      while (bound.length < i) bound.push(undefined);
      bound[i] = kwargs[key];
    } else if (fn.varKw) {
      (extra ??= Object.create(null) as Kwargs)[key] = kwargs[key];
    } else {
      throw pyErr('TypeError', `${what}() got an unexpected keyword argument '${key}'`);
    }
  }
  if (fn.varKw) {
    while (bound.length < params.length) bound.push(undefined);
    bound.push(extra ?? Object.create(null));
  }
  return hasLead ? fn(lead, ...bound) : fn(...bound);
}

function isEmpty(o: object): boolean {
  for (const _ in o) return false;
  return true;
}

/** The value a `pass: ...` function wants as first argument. */
export function leadArg(fn: Callable, env: EnvLike, ctx: ContextLike | undefined): unknown {
  switch (fn.pass) {
    case 'context': return ctx;
    case 'evalContext': return ctx ? ctx.evalCtx : { autoescape: false, volatile: false, environment: env };
    case 'environment': return env;
    default: return undefined;
  }
}

/** `f(args, kw=...)` in a template. */
export function callValue(env: EnvLike, ctx: ContextLike | undefined, f: unknown, args: unknown[], kwargs: Kwargs | null): unknown {
  if (typeof f === 'function') {
    // the sandbox's is_safe_callable check happens in Environment.call (src/sandbox/policy.ts)
    const fn = f as Callable;
    return invoke(fn, args, kwargs, fn.name || 'function', leadArg(fn, env, ctx));
  }
  if (f !== null && typeof f === 'object' && typeof (f as Partial<CallableObject>)[CALL] === 'function') {
    return (f as CallableObject)[CALL](args, kwargs, ctx);
  }
  if (f instanceof Undefined) return f.fail();
  throw pyErr('TypeError', `'${typeNameOf(f)}' object is not callable`);
}

function typeNameOf(v: unknown): string {
  if (v === null) return 'NoneType';
  if (typeof v === 'string') return 'str';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int' : 'float';
  if (typeof v === 'bigint') return 'int';
  if (Array.isArray(v)) return 'list';
  if (isDict(v)) return 'dict';
  return 'object';
}

/** Spread `*args` / `**kwargs` values into a call's argument lists. */
export function spreadArgs(args: unknown[], dyn: unknown): unknown[] {
  if (dyn === null || dyn === undefined) return args;
  if (Array.isArray(dyn)) return args.concat(dyn);
  if (typeof dyn === 'string') return args.concat(Array.from(dyn));
  if (dyn instanceof Map) return args.concat([...dyn.keys()]);
  if (isDict(dyn)) return args.concat(Object.keys(dyn));
  if (dyn instanceof Undefined) return args;
  throw pyErr('TypeError', `argument after * must be an iterable, not ${typeNameOf(dyn)}`);
}

export function spreadKwargs(kwargs: Kwargs | null, dyn: unknown): Kwargs | null {
  if (dyn === null || dyn === undefined || dyn instanceof Undefined) return kwargs;
  const out: Kwargs = Object.create(null);
  if (kwargs) for (const k of Object.keys(kwargs)) out[k] = kwargs[k];
  if (dyn instanceof Map) {
    for (const [k, v] of dyn) {
      if (typeof k !== 'string') throw pyErr('TypeError', 'keywords must be strings');
      out[k] = v;
    }
  } else if (isDict(dyn)) {
    for (const k of Object.keys(dyn)) out[k] = (dyn as Record<string, unknown>)[k];
  } else {
    throw pyErr('TypeError', `argument after ** must be a mapping, not ${typeNameOf(dyn)}`);
  }
  return out;
}

/** The compiled body of a macro: receives the bound arguments in declaration order. */
export type MacroBody = (...args: unknown[]) => string;

/**
 * A macro (or a `caller` of a call block) as a template value. Follows Jinja2's Macro.__call__
 * binding rules and error messages exactly.
 */
export class Macro implements CallableObject {
  readonly explicitCaller: boolean;
  constructor(
    readonly env: EnvLike,
    readonly body: MacroBody,
    readonly name: string,
    readonly args: readonly string[],
    readonly catchKwargs: boolean,
    readonly catchVarargs: boolean,
    readonly caller: boolean,
    /** Whether output is Markup: the autoescape setting where the macro is defined. */
    readonly autoescape: boolean,
    readonly wrap: (s: string) => unknown,
  ) {
    this.explicitCaller = args.includes('caller');
  }

  [CALL](args: unknown[], kwargs: Kwargs | null, context?: ContextLike): unknown {
    const count = this.args.length;
    const bound: unknown[] = args.slice(0, count);
    const kw: Kwargs = Object.create(null);
    if (kwargs) for (const k of Object.keys(kwargs)) kw[k] = kwargs[k];
    let foundCaller = false;
    if (bound.length !== count) {
      for (let i = bound.length; i < count; i++) {
        const name = this.args[i]!;
        if (name in kw) {
          bound.push(kw[name]);
          delete kw[name];
        } else bound.push(MISSING);
        if (name === 'caller') foundCaller = true;
      }
    } else foundCaller = this.explicitCaller;
    if (this.caller && !foundCaller) {
      let caller = 'caller' in kw ? kw.caller : null;
      delete kw.caller;
      if (caller === null || caller === undefined) caller = this.env.mkUndefined('No caller defined', undefined, 'caller');
      bound.push(caller);
    }
    if (this.catchKwargs) bound.push(kwargsToDict(kw));
    else {
      const keys = Object.keys(kw);
      if (keys.length) {
        if ('caller' in kw) {
          throw pyErr('TypeError', `macro ${pyRepr(this.name)} was invoked with two values for the special caller argument. This is most likely a bug.`);
        }
        throw pyErr('TypeError', `macro ${pyRepr(this.name)} takes no keyword argument ${pyRepr(keys[0])}`);
      }
    }
    if (this.catchVarargs) bound.push(mkTuple(args.slice(count)));
    else if (args.length > count) {
      throw pyErr('TypeError', `macro ${pyRepr(this.name)} takes not more than ${count} argument(s)`);
    }
    // Jinja2 3 (Macro.__call__ is pass_eval_context): the caller's autoescape decides Markup
    enter();
    try {
      tick(0);
      const out = this.body(...bound);
      if (context !== undefined) return context.evalCtx.autoescape ? new Markup(out) : out;
      return this.wrap(out);
    } finally {
      leave();
    }
  }

  /** Jinja2's `Macro.__repr__`: `<Macro 'name'>`. */
  __repr__(): string {
    return `<Macro ${pyRepr(this.name)}>`;
  }

  [GETATTR](name: string): unknown {
    switch (name) {
      case 'name': return this.name;
      case 'arguments': return mkTuple([...this.args]);
      case 'catch_kwargs': return this.catchKwargs;
      case 'catch_varargs': return this.catchVarargs;
      case 'caller': return this.caller;
      default: return MISSING;
    }
  }
}

function kwargsToDict(kw: Kwargs): Map<unknown, unknown> {
  const m = new Map<unknown, unknown>();
  for (const k of Object.keys(kw)) m.set(k, kw[k]);
  return m;
}
