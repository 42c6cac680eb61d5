/**
 * Shapes shared by the runtime, the builtins and the environment, kept here so builtins do not
 * import the Environment class (no cycles) and user extensions get one documented contract.
 */

import type { Undefined, UndefinedClass } from './values.js';

/** Keyword arguments of a call, by name. `null` prototype; values are template values. */
export type Kwargs = Record<string, unknown>;

/**
 * A filter, test or global written in JS. Positional arguments arrive as JS arguments; `undefined`
 * means "not passed" (Python None is `null`). Optional metadata tells the runtime how to bind:
 *
 * - `params`: the Python parameter names in order (for a filter, starting with the value), so
 *   keyword arguments can be bound to positions: `{{ x|indent(first=true) }}`.
 * - `varKw`: extra keyword arguments are collected into one object passed after the positional ones.
 * - `varArgs`: the function accepts any number of positional arguments.
 * - `pass`: prepend the `Context`, the `EvalContext` or the environment as first argument
 *   (Jinja2's `pass_context`, `pass_eval_context`, `pass_environment`).
 */
export interface Callable {
  (...args: any[]): unknown;
  params?: readonly string[];
  varKw?: boolean;
  varArgs?: boolean;
  pass?: 'context' | 'evalContext' | 'environment';
  /**
   * How many leading `params` Python requires: fewer raise Python's TypeError "f() missing 1
   * required positional argument: 'new'", naming the function `pyName` (else its JS name).
   * Example: `replace.required = 3; replace.pyName = 'do_replace'`.
   */
  required?: number;
  /** The Python function name used in argument errors (`do_replace`). */
  pyName?: string;
  /** Jinja2's `unsafe_callable` / `alters_data`: never callable from a sandboxed template. */
  unsafeCallable?: boolean;
  alters_data?: boolean;
}

/** Jinja2's EvalContext: per-render state that filters can consult. */
export interface EvalContext {
  autoescape: boolean;
  volatile: boolean;
  environment: EnvLike;
}

/** The part of an Environment that runtime code and builtins use. */
export interface EnvLike {
  filters: Record<string, Callable>;
  tests: Record<string, Callable>;
  globals: Record<string, unknown>;
  /** 'none' | 'sandboxed' | 'immutable' */
  sandbox: 'none' | 'sandboxed' | 'immutable';
  undefinedClass: UndefinedClass;
  /** Jinja2's `environment.getattr(obj, name)`: attribute first, then item; else Undefined. */
  getattr(obj: unknown, name: string): unknown;
  /** Jinja2's `environment.getitem(obj, key)`: item first, then attribute for str keys. */
  getitem(obj: unknown, key: unknown): unknown;
  /** Make an Undefined of the configured class. */
  mkUndefined(hint?: string | null, obj?: unknown, name?: unknown): Undefined;
  /** Jinja2's `policies` dict, e.g. `json.dumps_function`, `json.dumps_kwargs`. */
  policies: Record<string, unknown>;
  /**
   * Apply a filter by name (Jinja2's `environment.call_filter`), binding keyword arguments and
   * passing context/eval context as the filter asks. Unknown name: TemplateRuntimeError
   * "No filter named 'x'.".
   */
  callFilter(name: string, value: unknown, args: unknown[], kwargs: Kwargs | null, context?: ContextLike): unknown;
  /** Apply a test by name (Jinja2's `environment.call_test`). Returns the raw result. */
  callTest(name: string, value: unknown, args: unknown[], kwargs: Kwargs | null, context?: ContextLike): unknown;
  /** Call any template callable (function, macro, runtime object) with Python-style arguments. */
  call(fn: unknown, args: unknown[], kwargs: Kwargs | null, context?: ContextLike): unknown;
}

/** What `pass: 'context'` callables receive (Jinja2's Context). */
export interface ContextLike {
  environment: EnvLike;
  evalCtx: EvalContext;
  /** Template name being rendered, if any. */
  name: string | undefined;
  /** Look up a name as the template would (locals excluded): data, template vars, then globals. */
  resolve(name: string): unknown;
  /** All variables visible at top level, as a fresh plain object. */
  getAll(): Record<string, unknown>;
}
