/**
 * Expression code generation. Every operation on template values is a call into the runtime
 * (`rt.add`, `rt.getattr`, ...): generated code never applies a JS operator or property access
 * to a template value, so Python semantics and the sandbox live in one place.
 */

import { foldsToConst, type FoldEnv } from './const-fold.js';
import { isDictMethodName } from '../runtime/methods.js';
import { TemplateAssertionError } from '../errors.js';
import type * as A from '../syntax/ast.js';
import type { Callable } from '../runtime/types.js';
import { bindsPositionally } from '../runtime/call.js';
import type { rt } from '../runtime/index.js';
import { type FnScope, type Frame, mangle } from './frame.js';
import { codeLit, propKey, Writer } from './writer.js';

export interface CompileEnv {
  filters: Record<string, Callable>;
  tests: Record<string, Callable>;
  /** Autoescape for this template at compile time. */
  autoescape: boolean;
  sandboxed: boolean;
  hasFinalize: boolean;
  /**
   * Extra code variants compiled on demand (src/variants.ts): in 'stream' code the root and block
   * functions are generators yielding output chunks at statement boundaries; 'async' code awaits
   * lookups, calls, filters and tests and hands chunks to a sink. Unset for the plain sync code,
   * which must not change.
   */
  variant?: 'async' | 'stream';
}

const BINOPS: Record<A.BinOp, FastName> = {
  '+': 'add', '-': 'sub', '*': 'mul', '/': 'div', '//': 'floordiv', '%': 'mod', '**': 'pow',
};
const ASYNC_FILTERS = new Set([
  'unique', 'join', 'first', 'slice', 'groupby', 'sum', 'list', 'map', 'select', 'reject', 'selectattr', 'rejectattr',
]);
/** The first argument a `pass` callable receives, as rt.leadArg picks it at run time. */
const LEAD_ARG: Record<NonNullable<Callable['pass']>, string> = { context: 'ctx', evalContext: 'ctx.evalCtx', environment: 'env' };
const CMPOPS: Record<string, FastName> = { eq: 'eq', ne: 'ne', lt: 'lt', lteq: 'le', gt: 'gt', gteq: 'ge' };

/** Runtime helpers the generated code may call by their own name (see ExprGen.fast). */
type FastName = keyof typeof rt;

export class ExprGen {
  readonly w = new Writer();
  /** Module-level constants (integral float literals...), emitted before the functions. */
  readonly consts: string[] = [];
  /** Hot runtime helpers used by their own name (`escOut(x)`), bound once from `rt` (see fast). */
  readonly aliases = new Set<string>();
  /** Current autoescape state; a string is a runtime JS expression (volatile autoescape). */
  autoescape: boolean | string;
  /**
   * Jinja2's compile-time eval context: `volatile` once an `{% autoescape expr %}` could not be
   * evaluated at compile time (it stays set in nested constant blocks), and the last constant
   * autoescape value, which Jinja2 still applies to constant outputs in volatile blocks.
   */
  volatile = false;
  staticAutoescape: boolean;

  constructor(readonly env: CompileEnv, readonly name: string | undefined, readonly source: string) {
    this.autoescape = env.autoescape;
    this.staticAutoescape = env.autoescape;
  }

  fail(msg: string, at: A.Loc, cls: typeof TemplateAssertionError = TemplateAssertionError): never {
    throw new cls(msg, at, this.name, this.source);
  }

  position(node: A.Node): string {
    return `line ${node.loc.line}${this.name !== undefined ? ` in '${this.name}'` : ''}`;
  }

  /** The ident holding a context name, resolved once at entry of the top function. */
  resolved(fn: FnScope, name: string): string {
    const top = fn.top();
    let id = top.resolves.get(name);
    if (id === undefined) {
      id = `r_${mangle(name)}`;
      top.resolves.set(name, id);
      top.lookups.push({ kind: 'resolve', name, id });
    }
    return id;
  }

  dep(fn: FnScope, kind: 'filters' | 'tests', name: string): string {
    const top = fn.top();
    const deps = kind === 'filters' ? top.filterDeps : top.testDeps;
    let id = deps.get(name);
    if (id === undefined) {
      // dotted names (`ns.filter`) are rare: skip the regexp replace for the others
      id = `${kind === 'filters' ? 'f' : 'x'}_${mangle(name.includes('.') ? name.replace(/\./g, '$') : name)}`;
      deps.set(name, id);
      top.lookups.push({ kind, name, id });
    }
    return id;
  }

  expr(n: A.Expr, f: Frame): string {
    switch (n.type) {
      // commonest types first (string cases are compared in order)
      case 'Const': return this.constant(n);
      case 'Name': return this.aw(this.name_(n, f));
      case 'Getattr': {
        // a name that is no dict method and no dunder reads a plain-object key without more checks
        const fn = this.fast(n.attr.charCodeAt(0) !== 95 && !isDictMethodName(n.attr) ? 'getfield' : 'getattr');
        return this.aw(`${fn}(${this.expr(n.node, f)}, ${codeLit(n.attr)}, env)`);
      }
      case 'Filter': return this.filter(n, f, null);
      case 'Compare': return this.compare(n, f);
      case 'BinExpr': return `${this.fast(BINOPS[n.op])}(${this.expr(n.left, f)}, ${this.expr(n.right, f)})`;
      case 'Call': return this.aw(this.call(n, f));
      case 'Not': {
        // a value: Python's UNARY_NOT takes the truth of `a and b`'s result again (unlike `if`)
        const operand = this.expr(n.node, f);
        return n.node.type === 'Compare' || n.node.type === 'Not' ? `!${operand}` : `!${this.fast('truthy')}(${operand})`;
      }
      case 'Concat': {
        const parts = n.nodes.map((p) => this.expr(p, f)).join(', ');
        // Jinja2 folds an all-constant chain to str(), dropping Markup (see const-fold.ts); in a
        // volatile autoescape block it always uses str_join (its runtime eval_ctx is never volatile)
        if (this.volatile || (this.autoescape !== false && foldsToConst(n, this.foldEnv()))) {
          return `${this.fast('strConcat')}([${parts}])`;
        }
        return this.aeCall('markupConcat', 'strConcat', `[${parts}]`);
      }
      case 'CondExpr': {
        const sf = f.softCopy();
        const else_ = n.expr2
          ? this.expr(n.expr2, sf)
          : `rt.condExprUndefined(${codeLit(`the inline if-expression on ${this.position(n)} evaluated to false and no else section was defined.`)})`;
        return `(${this.cond(n.test, sf)} ? ${this.expr(n.expr1, sf)} : ${else_})`;
      }
      case 'List': return `[${n.items.map((i) => this.expr(i, f)).join(', ')}]`;
      case 'Tuple': return `${this.fast('mkTuple')}([${n.items.map((i) => this.expr(i, f)).join(', ')}])`;
      case 'Dict': return `${this.fast('mkDict')}([${n.items.map((p) => `${this.expr(p.key, f)}, ${this.expr(p.value, f)}`).join(', ')}])`;
      case 'And': {
        const t = f.fn.temp();
        return `(${this.fast('truthy')}(${t} = ${this.expr(n.left, f)}) ? ${this.expr(n.right, f)} : ${t})`;
      }
      case 'Or': {
        const t = f.fn.temp();
        return `(${this.fast('truthy')}(${t} = ${this.expr(n.left, f)}) ? ${t} : ${this.expr(n.right, f)})`;
      }
      case 'Neg': return `${this.fast('neg')}(${this.expr(n.node, f)})`;
      case 'Pos': return `${this.fast('pos')}(${this.expr(n.node, f)})`;
      case 'Getitem': {
        if (n.arg.type === 'Slice') {
          const s = n.arg;
          const p = (e: A.Expr | null) => (e ? this.expr(e, f) : 'null');
          return `${this.fast('slice')}(${this.expr(n.node, f)}, ${p(s.start)}, ${p(s.stop)}, ${p(s.step)})`;
        }
        return this.aw(`${this.fast('getitem')}(${this.expr(n.node, f)}, ${this.expr(n.arg, f)}, env)`);
      }
      case 'Test': return this.aw(this.test(n, f));
      case 'Slice': return this.fail('slice outside of a subscript', n.loc);
      case 'NSRef': return this.fail('cannot use a namespace reference here', n.loc);
    }
  }

  /**
   * `rt.<name>` for a helper emitted per expression or output: a module-level alias (`const {
   * escOut } = rt;`) spares V8 a property load and its inline cache per call site, which the
   * first render (run once, in the interpreter) pays for.
   */
  fast(name: FastName): string {
    this.aliases.add(name);
    return name;
  }

  /**
   * A test (`if`, `not`, inline if) as a JS boolean. Like CPython's jumps for `if a and b`, each
   * operand's truth is taken once; comparisons already are booleans.
   */
  cond(n: A.Expr, f: Frame): string {
    switch (n.type) {
      case 'Not': return `!${this.cond(n.node, f)}`;
      case 'And': return `(${this.cond(n.left, f)} && ${this.cond(n.right, f)})`;
      case 'Or': return `(${this.cond(n.left, f)} || ${this.cond(n.right, f)})`;
      case 'Compare': return this.compare(n, f);
      default: return `${this.fast('truthy')}(${this.expr(n, f)})`;
    }
  }

  /**
   * Async variant: await a value where Jinja2's async mode does `auto_await` (plus names). Only
   * promises are awaited. `aw$` (one per async function) is read before any await, so nested
   * uses cannot clash.
   */
  aw(code: string): string {
    if (this.env.variant !== 'async') return code;
    return `(rt.isP(aw$ = ${code}) ? ${this.awaitPromise('aw$')} : aw$)`;
  }

  /** Async variant: await a promise, the render's budget saved before and restored after. */
  awaitPromise(code: string): string {
    return `rt.resume(st, await rt.suspend(st, ${code}))`;
  }

  /**
   * What const-fold.ts needs: async variants of filters are never folded by Jinja2, and no
   * filter or test is in a volatile frame.
   */
  foldEnv(): FoldEnv {
    const isAsync = this.env.variant === 'async';
    const volatile = this.volatile;
    return {
      filters: this.env.filters,
      tests: this.env.tests,
      unfoldable: (kind, name) => volatile || (isAsync && kind === 'filter' && ASYNC_FILTERS.has(name)),
    };
  }

  /** `name(args)` picked by the autoescape state like aeSwitch, aliased when known statically. */
  aeCall(ifTrue: FastName, ifFalse: FastName, args: string): string {
    if (this.autoescape === true) return `${this.fast(ifTrue)}(${args})`;
    if (this.autoescape === false) return `${this.fast(ifFalse)}(${args})`;
    return this.aeSwitch(`rt.${ifTrue}(${args})`, `rt.${ifFalse}(${args})`);
  }

  /** Pick between markup and plain code by the (possibly runtime) autoescape state. */
  aeSwitch(ifTrue: string, ifFalse: string): string {
    if (this.autoescape === true) return ifTrue;
    if (this.autoescape === false) return ifFalse;
    return `(${this.autoescape} ? ${ifTrue} : ${ifFalse})`;
  }

  constant(n: A.Const): string {
    const v = n.value;
    if (v === null) return 'null';
    if (typeof v === 'string') return codeLit(v);
    if (typeof v === 'boolean') return String(v);
    if (typeof v === 'bigint') return `${v}n`;
    if (n.float && (Number.isInteger(v) || Object.is(v, -0))) {
      const id = `k${this.consts.length}`;
      this.consts.push(`const ${id} = rt.pyFloat(${Object.is(v, -0) ? '-0' : String(v)});`);
      return id;
    }
    if (!Number.isFinite(v)) return v > 0 ? 'Infinity' : v < 0 ? '-Infinity' : 'NaN';
    return String(v);
  }

  name_(n: A.Name, f: Frame): string {
    const id = f.find(n.name);
    if (id !== undefined) return id;
    return this.resolved(f.fn, n.name);
  }

  compare(n: A.Compare, f: Frame): string {
    const one = (op: A.CompareOp, a: string, b: string) => {
      // rt.isIn takes the operands in source order, so they are evaluated in Python's order
      if (op === 'in') return `${this.fast('isIn')}(${a}, ${b})`;
      if (op === 'notin') return `!${this.fast('isIn')}(${a}, ${b})`;
      return `${this.fast(CMPOPS[op]!)}(${a}, ${b})`;
    };
    if (n.ops.length === 1) return one(n.ops[0]!.op, this.expr(n.expr, f), this.expr(n.ops[0]!.expr, f));
    // chained: each right operand is evaluated once and becomes the next left operand
    const parts: string[] = [];
    let left = this.expr(n.expr, f);
    for (let i = 0; i < n.ops.length; i++) {
      const op = n.ops[i]!;
      let right = this.expr(op.expr, f);
      if (i < n.ops.length - 1) {
        const t = f.fn.temp();
        parts.push(one(op.op, left, `(${t} = ${right})`));
        right = t;
      } else parts.push(one(op.op, left, right));
      left = right;
    }
    return `(${parts.join(' && ')})`;
  }

  args(a: A.CallArgs, f: Frame): { args: string; kwargs: string } {
    let args = `[${a.args.map((x) => this.expr(x, f)).join(', ')}]`;
    if (a.dynArgs) args = `rt.spreadArgs(${args}, ${this.expr(a.dynArgs, f)})`;
    let kwargs = a.kwargs.length
      ? `{ __proto__: rt.KW, ${a.kwargs.map((k) => `${propKey(k.key)}: ${this.expr(k.value, f)}`).join(', ')} }`
      : 'null';
    if (a.dynKwargs) kwargs = `rt.spreadKwargs(${kwargs}, ${this.expr(a.dynKwargs, f)})`;
    return { args, kwargs };
  }

  /**
   * `f(...)`. With `out` (the static autoescape of an output position) the call writes its
   * result as text: `rt.callOut`/`rt.callKOut` pass a macro's text through without the Markup
   * box that `rt.escOut` would unwrap again.
   */
  call(n: A.Call, f: Frame, out?: boolean): string {
    // the callee (`obj.name` included) is evaluated before the arguments, as in Python
    const callee = this.expr(n.node, f);
    if (n.kwargs.length > 0 && !n.dynArgs && !n.dynKwargs) return this.shapedCall(callee, n, f, null, out);
    const { args, kwargs } = this.args(n, f);
    if (out !== undefined) return `${this.fast('callOut')}(env, ctx, ${callee}, ${args}, ${kwargs}, ${out})`;
    return `${this.fast('call')}(env, ctx, ${callee}, ${args}, ${kwargs})`;
  }

  /** Whether output positions may use `call(n, f, out)`: sync code, static autoescape, no finalize. */
  fusesCallOutput(): boolean {
    return !this.env.hasFinalize && this.env.variant === undefined && !this.volatile && typeof this.autoescape === 'boolean';
  }

  /**
   * A call with keyword arguments and no `*`/`**`: positional then keyword values in one array,
   * plus a hoisted CallShape naming the keywords, so macros bind them through a cached plan.
   * `caller` (a call block's caller macro) becomes the last keyword.
   */
  shapedCall(callee: string, a: A.CallArgs, f: Frame, caller: string | null, out?: boolean): string {
    const names = a.kwargs.map((k) => codeLit(k.key));
    const values = [...a.args.map((x) => this.expr(x, f)), ...a.kwargs.map((k) => this.expr(k.value, f))];
    if (caller !== null) {
      names.push(codeLit('caller'));
      values.push(caller);
    }
    const shape = this.hoistConst('cs', `new rt.CallShape(${a.args.length}, [${names.join(', ')}])`);
    if (out !== undefined) return `${this.fast('callKOut')}(env, ctx, ${callee}, [${values.join(', ')}], ${shape}, ${out})`;
    return `${this.fast('callK')}(env, ctx, ${callee}, [${values.join(', ')}], ${shape})`;
  }

  /** A module-level `const` (built once per compiled template); returns its name. */
  hoistConst(prefix: string, code: string): string {
    const id = `${prefix}${this.consts.length}`;
    this.consts.push(`const ${id} = ${code};`);
    return id;
  }

  /** `value|name(args)`; `valueCode` replaces `n.node` for filter blocks and block sets. */
  filter(n: A.Filter, f: Frame, valueCode: string | null): string {
    const fn = Object.prototype.hasOwnProperty.call(this.env.filters, n.name) ? this.env.filters[n.name] : undefined;
    if (fn === undefined && !f.soft) this.fail(`No filter named '${n.name}'.`, n.loc);
    const id = this.dep(f.fn, 'filters', n.name);
    let value = valueCode ?? (n.node ? this.expr(n.node, f) : 'null');
    // Jinja2's async filter variants accept async iterables and await mapped results
    if (this.env.variant === 'async' && ASYNC_FILTERS.has(n.name)) value = this.awaitPromise(`rt.asyncArg(${value})`);
    return this.aw(this.applyCallable(fn, id, n, f, value, 'filter'));
  }

  test(n: A.Test, f: Frame): string {
    const fn = Object.prototype.hasOwnProperty.call(this.env.tests, n.name) ? this.env.tests[n.name] : undefined;
    if (fn === undefined && !f.soft) this.fail(`No test named '${n.name}'.`, n.loc);
    const id = this.dep(f.fn, 'tests', n.name);
    return this.applyCallable(fn, id, n, f, this.expr(n.node, f), 'test');
  }

  private applyCallable(fn: Callable | undefined, id: string, n: A.CallArgs & { name: string }, f: Frame, value: string, kind: string): string {
    // else rt.applyFilter raises Python's missing- or too-many-arguments TypeError
    const simple = fn !== undefined && !n.dynArgs && !n.dynKwargs && n.kwargs.length === 0 && bindsPositionally(fn, n.args.length + 1);
    if (simple) {
      // `pass_context`-style callables get their lead argument directly (what rt.leadArg picks)
      const lead = fn.pass === undefined ? '' : `${LEAD_ARG[fn.pass]}, `;
      const rest = n.args.map((x) => `, ${this.expr(x, f)}`).join('');
      return `${id}(${lead}${value}${rest})`;
    }
    const { args, kwargs } = this.args(n, f);
    const allArgs = args.startsWith('[') ? `[${value}${args === '[]' ? ']' : ', ' + args.slice(1)}` : `[${value}].concat(${args})`;
    return `rt.apply${kind === 'filter' ? 'Filter' : 'Test'}(env, ctx, ${id}, ${codeLit(n.name)}, ${allArgs}, ${kwargs})`;
  }
}
