/**
 * `jinjit/runtime`: everything compiled templates call. Generated code receives this module as
 * `rt`; it contains no lexer, parser or compiler, so precompiled templates only need this.
 */

import { pyErr, TemplateRuntimeError } from '../errors.js';
import { typeName } from './repr.js';
import { getattr as getattrRaw, getitem as getitemRaw, attrOf, nsTarget, setattr, slice } from './access.js';
import { CallShape, callValue, invoke, leadArg, Macro, MacroSpec, shapeKwargs, spreadArgs, spreadKwargs, tooManyPositional } from './call.js';
import { Context, TemplateModule } from './context.js';
import { tick } from './limits.js';
import { rangeBounds } from './range.js';
import { FilteredItems, iterate, LoopContext, unpack } from './loop.js';
import { add, concat, contains, div, eq, floordiv, ge, gt, le, lt, mod, mul, ne, neg, pos, pow, sub, truthy } from './ops.js';
import { escOut, identity, joinBuffer, markup, openBuffer, rawOut, rawOutNow, markupConcat, strConcat, strOut } from './output.js';
import {
  derived, extendsTemplate, importName, importTemplate, include, runtimeError, selfRef, superRef,
} from './template-ops.js';
import { debugInfo, trans } from './trans.js';
import * as variantOps from './variant-ops.js';
import type { Callable, ContextLike, EnvLike, Kwargs } from './types.js';
import { CALL, GETATTR, KW, isPlainObject, isTuple, MISSING, mkTuple, pyFloat, StrictUndefined, Undefined } from './values.js';

export { Context } from './context.js';
import { RuntimeEnvironment } from './environment.js';
export {
  RuntimeEnvironment, defineTemplate, defaultEnvironment, installChatBuiltins,
  type RuntimeEnvironmentOptions, type RuntimeEnvironmentInit, type PrecompiledTemplate, type PrecompiledInput,
  type PrecompiledOptions,
} from './environment.js';
export { Template, type TemplateCode } from '../template.js';
export * from '../errors.js';
export * from './values.js';
export type * from './types.js';

/** Runtime flavour of environment: generated code passes the Environment as `env`. */
interface RtEnv extends EnvLike {
  mkUndefined: EnvLike['mkUndefined'];
  directLoopAttrs?: boolean;
  getattr(obj: unknown, name: string): unknown;
}

const hasOwn = Object.prototype.hasOwnProperty;


/** `obj.attr`: the environment decides (sandbox policy or plain access). */
function getattr(obj: unknown, name: string, env: RtEnv): unknown {
  return env.getattr(obj, name);
}

/**
 * `obj.attr` for a name the compiler found to be neither a dict method nor a dunder. On a
 * plain-object dict holding that key, Jinja2 finds no attribute and falls back to the item with
 * no sandbox check in either mode, so the value is returned directly.
 */
function getfield(obj: unknown, name: string, env: RtEnv): unknown {
  if (typeof obj === 'object' && obj !== null) {
    const proto = Object.getPrototypeOf(obj);
    if (proto === Object.prototype) {
      // own keys only: a value inherited from (possibly polluted) Object.prototype is not data
      const v = (obj as Record<string, unknown>)[name];
      if (v !== undefined && hasOwn.call(obj, name)) return v;
    } else if (proto === null) {
      const v = (obj as Record<string, unknown>)[name];
      if (v !== undefined) return v;
    } else if (proto === TemplateModule.prototype) {
      // `{% import %}`ed macros (`forms.input(...)`): exported names are safe in every mode
      const exports = (obj as TemplateModule).exports;
      if (hasOwn.call(exports, name)) return exports[name];
    } else if (proto === LoopContext.prototype && env.directLoopAttrs === true && env.getattr === RuntimeEnvironment.prototype.getattr) {
      // `loop.index`, `loop.last`...: plain data every getattr (sandboxed too) would return as is;
      // checked here, not once: a getattr set on the instance or as a class field comes later
      const v = (obj as LoopContext)[GETATTR](name);
      if (v !== MISSING && typeof v !== 'function') return v;
    }
  }
  return env.getattr(obj, name);
}

/** `a in b`, operands in source order. */
function isIn(item: unknown, container: unknown): boolean {
  return contains(container, item);
}

/** `obj[key]` */
function getitem(obj: unknown, key: unknown, env: RtEnv): unknown {
  return env.getitem(obj, key);
}

/** `f(...)` */
function call(env: RtEnv, ctx: ContextLike, f: unknown, args: unknown[], kwargs: Kwargs | null): unknown {
  // macros are always safe to call (the sandbox's callable check is for host functions)
  if (f instanceof Macro) return f[CALL](args, kwargs, ctx);
  return env.call(f, args, kwargs, ctx);
}

/** `f(a, k=v)` compiled with a hoisted CallShape: positional then keyword values in `values`. */
function callK(env: RtEnv, ctx: ContextLike, f: unknown, values: unknown[], shape: CallShape): unknown {
  if (f instanceof Macro) return f.callShaped(values, shape, ctx);
  return env.call(f, values.slice(0, shape.npos), shapeKwargs(values, shape), ctx);
}

/**
 * `{{ f(...) }}` in sync code with static autoescape `esc`: a macro's text is written as is
 * (what `escOut`/`strOut` would make of its Markup or str result), anything else as usual.
 */
function callOut(env: RtEnv, ctx: ContextLike, f: unknown, args: unknown[], kwargs: Kwargs | null, esc: boolean): string {
  if (f instanceof Macro && ctx.evalCtx.autoescape === esc) return macroOut(f, f.callText(args, kwargs, ctx), ctx, esc);
  return valueOut(call(env, ctx, f, args, kwargs), esc);
}

/** `callOut` for a CallShape call site. */
function callKOut(env: RtEnv, ctx: ContextLike, f: unknown, values: unknown[], shape: CallShape, esc: boolean): string {
  if (f instanceof Macro && ctx.evalCtx.autoescape === esc) return macroOut(f, f.callShapedText(values, shape, ctx), ctx, esc);
  return valueOut(callK(env, ctx, f, values, shape), esc);
}

/** A macro's text as output; from async macro code, whatever the plain call returns. */
function macroOut(f: Macro, text: string | Promise<string>, ctx: ContextLike, esc: boolean): string {
  return typeof text === 'string' ? text : valueOut(f.finish(text, ctx), esc);
}

function valueOut(v: unknown, esc: boolean): string {
  return esc ? escOut(v) : strOut(v);
}

function applyFilter(env: RtEnv, ctx: ContextLike, f: Callable, name: string, args: unknown[], kwargs: Kwargs | null): unknown {
  // Python's TypeError for more positional arguments than the filter's or test's function takes
  // (`{{ x|upper(1) }}`); the compilers send such calls here rather than calling `f` directly
  if (tooManyPositional(f, args.length)) {
    const n = f.params!.length;
    throw pyErr('TypeError', `${f.pyName ?? name}() takes ${n} positional argument${n === 1 ? '' : 's'} but ${args.length} were given`);
  }
  return invoke(f, args, kwargs, name, leadArg(f, env, ctx));
}

/** Look up a filter/test at render start; an unknown one fails only if used (Jinja2 3). */
function dep(table: Record<string, Callable>, name: string, kind: string): Callable {
  if (Object.prototype.hasOwnProperty.call(table, name)) return table[name]!;
  const missing = (() => {
    throw new TemplateRuntimeError(`No ${kind} named '${name}' found.`);
  }) as Callable;
  // Jinja2's stand-in is `def t_1(*unused)`: keyword arguments fail first, with a TypeError
  missing.params = [];
  missing.varArgs = true;
  return missing;
}

/** A dict literal. Keys must be hashable as in Python; equal tuple keys collapse. */
function mkDict(flat: unknown[]): Map<unknown, unknown> {
  const m = new Map<unknown, unknown>();
  for (let i = 0; i < flat.length; i += 2) {
    let k = flat[i];
    if (typeof k === 'object' && k !== null) {
      if (k instanceof StrictUndefined) k.fail(); // its __hash__ raises
      if (!isHashable(k)) throw pyErr('TypeError', `unhashable type: '${typeName(k)}'`);
      if (Array.isArray(k)) for (const existing of m.keys()) if (Array.isArray(existing) && eq(existing, k)) k = existing;
    }
    m.set(k, flat[i + 1]);
  }
  return m;
}

function isHashable(k: object): boolean {
  if (Array.isArray(k)) {
    if (rangeBounds(k) !== undefined) return true;
    return isTuple(k) && k.every((x) => typeof x !== 'object' || x === null || (x instanceof StrictUndefined ? x.fail() : isHashable(x)));
  }
  return !(k instanceof Map || isPlainObject(k));
}

function withCaller(kwargs: Kwargs, caller: unknown): Kwargs {
  const out: Kwargs = Object.create(null);
  for (const k of Object.keys(kwargs)) out[k] = kwargs[k];
  out.caller = caller;
  return out;
}

/**
 * A missing `else` of an inline if: Jinja2 always uses the plain Undefined here, whatever the
 * environment's undefined class (so StrictUndefined still prints nothing).
 */
function condExprUndefined(hint: string): Undefined {
  return new Undefined(hint);
}

/** The object compiled templates receive as `rt`. */
export const rt = {
  MISSING, Macro, MacroSpec, CallShape, LoopContext, FilteredItems, Context, Undefined, condExprUndefined,
  add, sub, mul, div, floordiv, mod, pow, neg, pos, eq, ne, lt, le, gt, ge, contains, concat, truthy,
  KW, isIn, nsTarget, getattr, getfield, getitem, slice, setattr, attrOf, call, callK, callOut, callKOut, applyFilter, applyTest: applyFilter, dep,
  spreadArgs, spreadKwargs, withCaller, callValue,
  iterate, unpack, mkTuple, mkDict, pyFloat, tick,
  strOut, escOut, rawOut, rawOutNow, openBuffer, joinBuffer, markup, identity, strConcat, markupConcat,
  extendsTemplate, include, importTemplate, importName, derived, superRef, selfRef, runtimeError,
  getattrRaw, getitemRaw, trans, debugInfo,
  ...variantOps,
};

export type Runtime = typeof rt;
