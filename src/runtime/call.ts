/**
 * Calling template callables with Python's calling convention (positional args, keyword args,
 * `*args`, `**kwargs`). JS functions receive positional arguments; keyword arguments are bound to
 * positions through the function's `params` metadata, or, when it has none, passed as one
 * trailing object. Macros and runtime objects implement the CALL protocol.
 */

import { pyErr } from '../errors.js';
import { enter, leave, tick } from './limits.js';
import { joinBuffer, openBuffer } from './output.js';
import { pyRepr, typeName } from './repr.js';
import type { Callable, ContextLike, EnvLike, Kwargs } from './types.js';
import { CALL, GETATTR, isDict, KW, Markup, MISSING, mkTuple, Undefined } from './values.js';

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
    if (fn.required !== undefined && args.length < fn.required) checkRequired(fn, args, what);
    // inline (no helper): every frame counts when an error's template line is found from the stack
    if (!hasLead) {
      switch (args.length) {
        case 0: return fn();
        case 1: return fn(args[0]);
        case 2: return fn(args[0], args[1]);
        case 3: return fn(args[0], args[1], args[2]);
        default: return fn(...args);
      }
    }
    switch (args.length) {
      case 0: return fn(lead);
      case 1: return fn(lead, args[0]);
      case 2: return fn(lead, args[0], args[1]);
      case 3: return fn(lead, args[0], args[1], args[2]);
      default: return fn(lead, ...args);
    }
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
  if (fn.required !== undefined) checkRequired(fn, bound, what);
  if (fn.varKw) {
    while (bound.length < params.length) bound.push(undefined);
    bound.push(extra ?? Object.create(null));
  }
  return hasLead ? fn(lead, ...bound) : fn(...bound);
}

/** More positional arguments (the filtered value included) than `fn`'s Python function takes. */
export function tooManyPositional(fn: Callable, count: number): boolean {
  return fn.params !== undefined && fn.varArgs !== true && count > fn.params.length;
}

/**
 * Whether a call with `count` positional arguments and nothing else binds without Python's
 * TypeError (too few: `required`; too many: `params`): the compilers then call `fn` directly.
 */
export function bindsPositionally(fn: Callable, count: number): boolean {
  return (fn.required === undefined || count >= fn.required) && !tooManyPositional(fn, count);
}

/** Python's TypeError for required parameters (`fn.required`) left unbound. */
function checkRequired(fn: Callable, bound: unknown[], what: string): void {
  const missing: string[] = [];
  for (let i = 0; i < fn.required!; i++) if (bound[i] === undefined) missing.push(`'${fn.params?.[i] ?? `arg${i}`}'`);
  if (missing.length === 0) return;
  const n = missing.length;
  const list = n === 1 ? missing[0] : n === 2 ? `${missing[0]} and ${missing[1]}` : `${missing.slice(0, -1).join(', ')}, and ${missing[n - 1]}`;
  throw pyErr('TypeError', `${fn.pyName ?? what}() missing ${n} required positional argument${n === 1 ? '' : 's'}: ${list}`);
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
  throw pyErr('TypeError', `'${typeName(f)}' object is not callable`);
}


/** Spread `*args` / `**kwargs` values into a call's argument lists. */
export function spreadArgs(args: unknown[], dyn: unknown): unknown[] {
  if (dyn === null || dyn === undefined) return args;
  if (Array.isArray(dyn)) return args.concat(dyn);
  if (typeof dyn === 'string') return args.concat(Array.from(dyn));
  if (dyn instanceof Map) return args.concat([...dyn.keys()]);
  if (isDict(dyn)) return args.concat(Object.keys(dyn));
  if (dyn instanceof Undefined) return args;
  throw pyErr('TypeError', `Value after * must be an iterable, not ${typeName(dyn)}`);
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
    throw pyErr('TypeError', `argument after ** must be a mapping, not ${typeName(dyn)}`);
  }
  return out;
}

/** The compiled body of a macro: receives the bound arguments in declaration order. */
export type MacroBody = (...args: unknown[]) => string;

/** Slot of a binding plan: index into the call's values, or one of these. */
const SLOT_MISSING = -1;
const SLOT_NO_CALLER = -2;

/**
 * What the compiler knows about a macro or call-block caller, built once per template module
 * (generated code hoists it), shared by every render's Macro objects. It caches how calls
 * without keyword arguments bind, by positional count.
 */
export class MacroSpec {
  readonly explicitCaller: boolean;
  /** Binding plans for keyword-less calls, by positional count (null: the generic path). */
  readonly positional: (Int32Array | null | undefined)[] = [];
  constructor(
    readonly name: string,
    readonly args: readonly string[],
    readonly catchKwargs: boolean,
    readonly catchVarargs: boolean,
    /** The body uses `caller` without declaring it (it is passed as an extra last argument). */
    readonly caller: boolean,
    /** The body writes `{% filter %}` results, whose join error waits for the body's end. */
    readonly buffered: boolean,
  ) {
    this.explicitCaller = args.includes('caller');
  }
}

/**
 * A call site's argument layout, hoisted by generated code: `npos` positional values followed
 * by one value per keyword name. It remembers the binding plan of the last macro it called, so a
 * call site that always calls the same macro binds keyword arguments without any lookups.
 */
export class CallShape {
  spec: MacroSpec | null = null;
  plan: Int32Array | null = null;
  constructor(readonly npos: number, readonly names: readonly string[]) {}
}

/**
 * How a call with `npos` positional values and keyword `names` binds to a macro's parameters:
 * per parameter the index of its value, SLOT_MISSING (default applies) or SLOT_NO_CALLER.
 * Null when the call has an error or needs `kwargs`/`varargs` (the generic path handles those).
 */
function bindingPlan(spec: MacroSpec, npos: number, names: readonly string[]): Int32Array | null {
  const count = spec.args.length;
  if (spec.catchKwargs || spec.catchVarargs || npos > count) return null;
  const plan = new Int32Array(count + (spec.caller ? 1 : 0));
  let used = 0;
  for (let i = 0; i < count; i++) {
    if (i < npos) {
      plan[i] = i;
      continue;
    }
    const j = names.indexOf(spec.args[i]!);
    plan[i] = j < 0 ? SLOT_MISSING : npos + j;
    if (j >= 0) used++;
  }
  if (spec.caller) {
    const j = names.indexOf('caller');
    plan[count] = j < 0 ? SLOT_NO_CALLER : npos + j;
    if (j >= 0) used++;
  }
  return used === names.length ? plan : null;
}

/**
 * A macro (or a `caller` of a call block) as a template value. Follows Jinja2's Macro.__call__
 * binding rules and error messages exactly.
 */
export class Macro implements CallableObject {
  constructor(
    readonly env: EnvLike,
    readonly body: MacroBody,
    readonly spec: MacroSpec,
    /** Whether output is Markup: the autoescape setting where the macro is defined. */
    readonly autoescape: boolean,
  ) {}

  get name(): string {
    return this.spec.name;
  }

  [CALL](args: unknown[], kwargs: Kwargs | null, context?: ContextLike): unknown {
    return this.finish(this.callText(args, kwargs, context), context);
  }

  /** A call with a hoisted CallShape: `values` holds the positional then the keyword values. */
  callShaped(values: unknown[], shape: CallShape, context: ContextLike | undefined): unknown {
    return this.finish(this.callShapedText(values, shape, context), context);
  }

  /** Like a call, but the body's text (a promise in async template code), not Markup/str. */
  callText(args: unknown[], kwargs: Kwargs | null, context?: ContextLike): string | Promise<string> {
    if (kwargs === null) {
      const n = args.length;
      const spec = this.spec;
      if (n === spec.args.length && !spec.caller && !spec.catchKwargs && !spec.catchVarargs) {
        return this.runBody(args); // exact positional call: nothing to bind
      }
      let plan = spec.positional[n];
      if (plan === undefined) plan = spec.positional[n] = bindingPlan(spec, n, []);
      if (plan !== null) return this.runBody(this.bind(plan, args, n));
    }
    return this.runBody(this.bindGeneric(args, kwargs));
  }

  /** `callShaped`, returning the body's text. */
  callShapedText(values: unknown[], shape: CallShape, context?: ContextLike): string | Promise<string> {
    let plan = shape.plan;
    if (shape.spec !== this.spec) {
      plan = shape.plan = bindingPlan(this.spec, shape.npos, shape.names);
      shape.spec = this.spec;
    }
    if (plan !== null) return this.runBody(this.bind(plan, values, shape.npos));
    return this.callText(values.slice(0, shape.npos), shapeKwargs(values, shape), context);
  }

  /** Arguments in parameter order; `values` holds `npos` positional values, then keyword values. */
  private bind(plan: Int32Array, values: unknown[], npos: number): unknown[] {
    const n = plan.length;
    const bound = new Array<unknown>(n);
    for (let i = 0; i < n; i++) {
      const slot = plan[i]!;
      if (slot >= 0 && slot < npos) {
        bound[i] = values[slot];
        continue;
      }
      // an undefined keyword value counts as not given, as in the generic path
      const v = slot >= 0 ? values[slot] : undefined;
      bound[i] = v !== undefined ? v : slot === SLOT_NO_CALLER ? null : MISSING;
    }
    if (this.spec.caller) {
      const caller = bound[n - 1];
      if (caller === null || caller === MISSING) bound[n - 1] = this.noCaller();
    }
    return bound;
  }

  /** The `caller` of a macro called without one (Jinja2: an Undefined saying so). */
  private noCaller(): unknown {
    return this.env.mkUndefined('No caller defined', undefined, 'caller');
  }

  /** Jinja2's Macro.__call__ binding, with its errors, for any call. */
  private bindGeneric(args: unknown[], kwargs: Kwargs | null): unknown[] {
    const spec = this.spec;
    const count = spec.args.length;
    const bound: unknown[] = args.length > count ? args.slice(0, count) : args.slice();
    // kwargs is never mutated: `used` counts the keys consumed by named parameters
    let used = 0;
    let foundCaller = false;
    if (bound.length !== count) {
      for (let i = bound.length; i < count; i++) {
        const name = spec.args[i]!;
        if (kwargs !== null && kwargs[name] !== undefined) {
          bound.push(kwargs[name]);
          used++;
        } else bound.push(MISSING);
        if (name === 'caller') foundCaller = true;
      }
    } else foundCaller = spec.explicitCaller;
    const callerKw = kwargs !== null && !foundCaller ? kwargs.caller : undefined;
    if (spec.caller && !foundCaller) {
      let caller = callerKw;
      if (callerKw !== undefined) used++;
      if (caller === null || caller === undefined) caller = this.noCaller();
      bound.push(caller);
    }
    if (kwargs !== null && (spec.catchKwargs || Object.keys(kwargs).length !== used)) {
      const rest: Kwargs = Object.create(null);
      const named = new Set(spec.args.slice(args.length < count ? args.length : count));
      for (const k of Object.keys(kwargs)) {
        if (named.has(k) || (k === 'caller' && spec.caller && !foundCaller)) continue;
        rest[k] = kwargs[k];
      }
      if (spec.catchKwargs) bound.push(kwargsToDict(rest));
      else {
        const keys = Object.keys(rest);
        if (keys.length) {
          if ('caller' in rest) {
            throw pyErr('TypeError', `macro ${pyRepr(spec.name)} was invoked with two values for the special caller argument. This is most likely a bug.`);
          }
          throw pyErr('TypeError', `macro ${pyRepr(spec.name)} takes no keyword argument ${pyRepr(keys[0])}`);
        }
      }
    } else if (spec.catchKwargs) bound.push(new Map());
    if (spec.catchVarargs) bound.push(mkTuple(args.slice(count)));
    else if (args.length > count) {
      throw pyErr('TypeError', `macro ${pyRepr(spec.name)} takes not more than ${count} argument(s)`);
    }
    return bound;
  }

  /** The call's value: Markup or str by the *caller's* autoescape (Jinja2 3). */
  finish(out: string | Promise<string>, context: ContextLike | undefined): unknown {
    // macros of async template code return promises (the caller awaits the call)
    if (typeof out !== 'string') return out.then((o) => this.result(o, context));
    return this.result(out, context);
  }

  /** The body's output text (a promise in async template code). */
  private runBody(b: unknown[]): string | Promise<string> {
    enter();
    try {
      tick(0);
      const buffered = this.spec.buffered;
      const outer = buffered ? openBuffer() : null;
      const body = this.body;
      let out: string | Promise<string>;
      // not body(...b): V8's spread call is several times slower; and no helper frame either
      switch (b.length) {
        case 0: out = body(); break;
        case 1: out = body(b[0]); break;
        case 2: out = body(b[0], b[1]); break;
        case 3: out = body(b[0], b[1], b[2]); break;
        case 4: out = body(b[0], b[1], b[2], b[3]); break;
        case 5: out = body(b[0], b[1], b[2], b[3], b[4]); break;
        default: out = body(...b);
      }
      if (buffered) joinBuffer(outer);
      return out;
    } finally {
      leave();
    }
  }

  private result(out: string, context: ContextLike | undefined): unknown {
    if (context !== undefined) return context.evalCtx.autoescape ? new Markup(out) : out;
    return this.autoescape ? new Markup(out) : out;
  }

  /** Jinja2's `Macro.__repr__`: `<Macro 'name'>`. */
  __repr__(): string {
    return `<Macro ${pyRepr(this.spec.name)}>`;
  }

  [GETATTR](name: string): unknown {
    const spec = this.spec;
    switch (name) {
      case 'name': return spec.name;
      case 'arguments': return mkTuple([...spec.args]);
      case 'catch_kwargs': return spec.catchKwargs;
      case 'catch_varargs': return spec.catchVarargs;
      case 'caller': return spec.caller;
      default: return MISSING;
    }
  }
}

/** The keyword arguments of a shaped call as a kwargs object (for non-macro callees). */
export function shapeKwargs(values: unknown[], shape: CallShape): Kwargs {
  const kw = Object.create(KW) as Kwargs;
  const { npos, names } = shape;
  for (let i = 0; i < names.length; i++) kw[names[i]!] = values[npos + i];
  return kw;
}

function kwargsToDict(kw: Kwargs): Map<unknown, unknown> {
  const m = new Map<unknown, unknown>();
  for (const k of Object.keys(kw)) m.set(k, kw[k]);
  return m;
}
