/**
 * Tier 0, expressions: turns expression nodes into closures `(r) => value` that call the same
 * runtime helpers the generated code calls (src/compiler/codegen-expr.ts, which this file
 * mirrors decision for decision: same folding, same autoescape choices, same errors). Building
 * closures costs a fraction of generating JS and having V8 compile it, which is what makes
 * tier 0 fast to compile.
 */

import { foldsToConst, type FoldEnv } from '../compiler/const-fold.js';
import { isDictMethodName } from '../runtime/methods.js';
import { TemplateAssertionError } from '../errors.js';
import type * as A from '../syntax/ast.js';
import type { Callable, Kwargs } from '../runtime/types.js';
import { bindsPositionally } from '../runtime/call.js';
import { rt } from '../runtime/index.js';
import type { Context } from '../runtime/context.js';
import type { FnScope, Frame } from '../compiler/frame.js';

const {
  getfield, getattr, getitem, slice, truthy, isIn, eq, ne, lt, le, gt, ge, add, sub, mul, div, floordiv, mod,
  pow, neg, pos, mkTuple, mkDict, markupConcat, strConcat, call: callValue, callK, callOut, callKOut,
  CallShape, KW, spreadArgs, spreadKwargs, applyFilter, dep, condExprUndefined, pyFloat,
} = rt;

/** What a render-time function invocation (root, block, macro, recursive loop) holds. */
export interface RFrame {
  /** Slots of the names and lookups of this function (see Slots). */
  s: unknown[];
  /** The frame of the function this one was defined in (macros and loops read its slots). */
  up: RFrame | null;
  out: string;
  ctx: Context;
  env: Context['environment'] & { mkUndefined: (hint: string | null, obj: unknown, name?: string) => unknown };
  /** Root of a template with `extends`: the parent template once extended. */
  parent: { root: (ctx: Context) => string } | null;
  /** Template line being run, for error positions. */
  line: number;
}

export type Ev = (r: RFrame) => unknown;
export type Cond = (r: RFrame) => boolean;

/** The tier-0 compile environment: what the code generator's CompileEnv has (sync code only). */
export interface InterpEnv {
  filters: Record<string, Callable>;
  tests: Record<string, Callable>;
  autoescape: boolean;
  hasFinalize: boolean;
}

/** Where a value lives at run time: slot `i` of the frame of function `fn`. */
export interface SlotRef {
  fn: FnScope;
  i: number;
}

const BINOPS: Record<A.BinOp, (a: unknown, b: unknown) => unknown> = {
  '+': add, '-': sub, '*': mul, '/': div, '//': floordiv, '%': mod, '**': pow,
};
const CMPOPS: Record<A.CompareOp, (a: unknown, b: unknown) => boolean> = {
  eq, ne, lt, lteq: le, gt, gteq: ge, in: isIn, notin: (a, b) => !isIn(a, b),
};
type Lead = (r: RFrame) => unknown;
const LEAD: Record<NonNullable<Callable['pass']>, Lead> = {
  context: (r) => r.ctx, evalContext: (r) => r.ctx.evalCtx, environment: (r) => r.env,
};

/** The lookups a top function (root or block) makes on entry, as the generated code hoists them. */
export interface EntryLookup {
  kind: 'resolve' | 'self' | 'filters' | 'tests';
  name: string;
  slot: number;
}

/** Per-function slot bookkeeping at build time (keyed by the compiler's FnScope). */
export class Slots {
  count = 0;
  /** Top functions only: context names and filters/tests looked up on entry. */
  readonly entry: EntryLookup[] = [];
  readonly resolves = new Map<string, number>();
  readonly deps = new Map<string, number>();
  alloc(): number {
    return this.count++;
  }
}

export class ExprBuilder {
  /** Name ident (Frame.declare's result) -> its slot. */
  readonly idSlots = new Map<string, SlotRef>();
  private readonly slotsOf = new Map<FnScope, Slots>();
  /** Autoescape state; a SlotRef is a runtime flag (volatile `{% autoescape expr %}`). */
  autoescape: boolean | SlotRef;
  volatile = false;
  staticAutoescape: boolean;

  constructor(readonly env: InterpEnv, readonly name: string | undefined, readonly source: string) {
    this.autoescape = env.autoescape;
    this.staticAutoescape = env.autoescape;
  }

  fail(msg: string, at: A.Loc, cls: typeof TemplateAssertionError = TemplateAssertionError): never {
    throw new cls(msg, at, this.name, this.source);
  }

  slots(fn: FnScope): Slots {
    let s = this.slotsOf.get(fn);
    if (s === undefined) this.slotsOf.set(fn, (s = new Slots()));
    return s;
  }

  /** A fresh slot in `fn` (the interpreter's temporaries). */
  temp(fn: FnScope): SlotRef {
    return { fn, i: this.slots(fn).alloc() };
  }

  /** Declare `name` in frame `f` and give its ident a slot. */
  declare(f: Frame, name: string): SlotRef {
    const id = f.declare(name);
    const ref = { fn: f.fn, i: this.slots(f.fn).alloc() };
    this.idSlots.set(id, ref);
    return ref;
  }

  /** The slot of a name visible in `f`, if a frame declares it. */
  find(f: Frame, name: string): SlotRef | undefined {
    const id = f.find(name);
    return id === undefined ? undefined : this.idSlots.get(id);
  }

  /** Read a slot of `ref.fn` from code running in function `from`. */
  reader(from: FnScope, ref: SlotRef): Ev {
    return slotReader(this.hops(from, ref.fn), ref.i);
  }

  writer(from: FnScope, ref: SlotRef): (r: RFrame, v: unknown) => void {
    const i = ref.i;
    const hops = this.hops(from, ref.fn);
    if (hops === 0) return (r, v) => { r.s[i] = v; };
    return (r, v) => { frameAt(r, hops).s[i] = v; };
  }

  private hops(from: FnScope, to: FnScope): number {
    let n = 0;
    for (let f: FnScope | null = from; f !== to; f = f.parent) {
      if (f === null) throw new Error('tier0: slot of an unrelated function');
      n++;
    }
    return n;
  }

  /** The slot holding a context name, resolved once on entry of the top function. */
  resolved(fn: FnScope, name: string): Ev {
    const top = fn.top();
    const s = this.slots(top);
    let i = s.resolves.get(name);
    if (i === undefined) {
      i = s.alloc();
      s.resolves.set(name, i);
      s.entry.push({ kind: name === 'self' ? 'self' : 'resolve', name, slot: i });
    }
    return this.reader(fn, { fn: top, i });
  }

  private depSlot(fn: FnScope, kind: 'filters' | 'tests', name: string): Ev {
    const top = fn.top();
    const s = this.slots(top);
    const key = `${kind}:${name}`;
    let i = s.deps.get(key);
    if (i === undefined) {
      i = s.alloc();
      s.deps.set(key, i);
      s.entry.push({ kind, name, slot: i });
    }
    return this.reader(fn, { fn: top, i });
  }

  foldEnv(): FoldEnv {
    const volatile = this.volatile;
    return { filters: this.env.filters, tests: this.env.tests, unfoldable: () => volatile };
  }

  /** The autoescape state as a run-time test (constant when known at compile time). */
  aeTest(fn: FnScope): boolean | Cond {
    const ae = this.autoescape;
    if (typeof ae === 'boolean') return ae;
    const read = this.reader(fn, ae);
    return (r) => read(r) as boolean;
  }

  expr(n: A.Expr, f: Frame): Ev {
    switch (n.type) {
      case 'Const': return this.constant(n);
      case 'Name': return this.name_(n, f);
      case 'Getattr': {
        const obj = this.expr(n.node, f);
        const attr = n.attr;
        const plain = attr.charCodeAt(0) !== 95 && !isDictMethodName(attr);
        // `item.name` on a local: read the slot inline (one closure call less per use)
        const j = ownSlotOf(obj);
        if (j >= 0) return plain ? (r) => getfield(r.s[j], attr, r.env) : (r) => getattr(r.s[j], attr, r.env);
        if (plain) return (r) => getfield(obj(r), attr, r.env);
        return (r) => getattr(obj(r), attr, r.env);
      }
      case 'Filter': return this.filter(n, f, null);
      case 'Compare': return this.compare(n, f);
      case 'BinExpr': {
        const op = BINOPS[n.op];
        const a = this.expr(n.left, f);
        if (n.right.type === 'Const') {
          const v = this.constValue(n.right);
          return (r) => op(a(r), v);
        }
        const b = this.expr(n.right, f);
        return (r) => op(a(r), b(r));
      }
      case 'Call': return this.call(n, f);
      case 'Not': {
        const operand = this.expr(n.node, f);
        if (n.node.type === 'Compare' || n.node.type === 'Not') return (r) => !operand(r);
        return (r) => !truthy(operand(r));
      }
      case 'Concat': {
        const parts = this.exprs(n.nodes, f);
        if (this.volatile || (this.autoescape !== false && foldsToConst(n, this.foldEnv()))) {
          return (r) => strConcat(evalAll(parts, r));
        }
        return this.aeSelect(f.fn, (r) => markupConcat(evalAll(parts, r)), (r) => strConcat(evalAll(parts, r)));
      }
      case 'CondExpr': {
        const sf = f.softCopy();
        const test = this.cond(n.test, sf);
        const then = this.expr(n.expr1, sf);
        if (n.expr2) {
          const else_ = this.expr(n.expr2, sf);
          return (r) => (test(r) ? then(r) : else_(r));
        }
        const msg = `the inline if-expression on ${this.position(n)} evaluated to false and no else section was defined.`;
        return (r) => (test(r) ? then(r) : condExprUndefined(msg));
      }
      case 'List': {
        const items = this.exprs(n.items, f);
        return (r) => evalAll(items, r);
      }
      case 'Tuple': {
        const items = this.exprs(n.items, f);
        return (r) => mkTuple(evalAll(items, r));
      }
      case 'Dict': {
        const kv: Ev[] = [];
        for (const p of n.items) kv.push(this.expr(p.key, f), this.expr(p.value, f));
        return (r) => mkDict(evalAll(kv, r));
      }
      case 'And': {
        const a = this.expr(n.left, f);
        const b = this.expr(n.right, f);
        return (r) => {
          const v = a(r);
          return truthy(v) ? b(r) : v;
        };
      }
      case 'Or': {
        const a = this.expr(n.left, f);
        const b = this.expr(n.right, f);
        return (r) => {
          const v = a(r);
          return truthy(v) ? v : b(r);
        };
      }
      case 'Neg': {
        const a = this.expr(n.node, f);
        return (r) => neg(a(r));
      }
      case 'Pos': {
        const a = this.expr(n.node, f);
        return (r) => pos(a(r));
      }
      case 'Getitem': {
        const obj = this.expr(n.node, f);
        if (n.arg.type === 'Slice') {
          const s = n.arg;
          return sliceOf(obj, this.optExpr(s.start, f), this.optExpr(s.stop, f), this.optExpr(s.step, f));
        }
        const key = this.expr(n.arg, f);
        return (r) => getitem(obj(r), key(r), r.env);
      }
      case 'Test': return this.test(n, f);
      case 'Slice': return this.fail('slice outside of a subscript', n.loc);
      case 'NSRef': return this.fail('cannot use a namespace reference here', n.loc);
    }
  }

  /**
   * Closures keep their whole scope chain alive in V8: a build-time arrow using `this` or a
   * frame in the same function as a render-time closure would keep the builder, frames and AST
   * of every template alive. So no arrows at build time here; closures come from factories.
   */
  exprs(nodes: readonly A.Expr[], f: Frame): Ev[] {
    const out = new Array<Ev>(nodes.length);
    for (let i = 0; i < nodes.length; i++) out[i] = this.expr(nodes[i]!, f);
    return out;
  }

  optExpr(e: A.Expr | null, f: Frame): Ev {
    return e ? this.expr(e, f) : NULL_EV;
  }

  position(node: A.Node): string {
    return `line ${node.loc.line}${this.name !== undefined ? ` in '${this.name}'` : ''}`;
  }

  /** `ifTrue` or `ifFalse` by the autoescape state (picked now when it is known statically). */
  aeSelect<T>(fn: FnScope, ifTrue: (r: RFrame) => T, ifFalse: (r: RFrame) => T): (r: RFrame) => T {
    const ae = this.aeTest(fn);
    if (ae === true) return ifTrue;
    if (ae === false) return ifFalse;
    return (r) => (ae(r) ? ifTrue(r) : ifFalse(r));
  }

  /** A test as a JS boolean; each operand's truth is taken once (as the generated code). */
  cond(n: A.Expr, f: Frame): Cond {
    switch (n.type) {
      case 'Not': {
        const c = this.cond(n.node, f);
        return (r) => !c(r);
      }
      case 'And': {
        const a = this.cond(n.left, f);
        const b = this.cond(n.right, f);
        return (r) => a(r) && b(r);
      }
      case 'Or': {
        const a = this.cond(n.left, f);
        const b = this.cond(n.right, f);
        return (r) => a(r) || b(r);
      }
      case 'Compare': return this.compare(n, f);
      default: {
        const e = this.expr(n, f);
        return (r) => truthy(e(r));
      }
    }
  }

  constant(n: A.Const): Ev {
    const v = this.constValue(n);
    return () => v;
  }

  constValue(n: A.Const): unknown {
    const v: unknown = n.value;
    if (n.float && typeof v === 'number' && (Number.isInteger(v) || Object.is(v, -0))) return pyFloat(v);
    return v;
  }

  name_(n: A.Name, f: Frame): Ev {
    const ref = this.find(f, n.name);
    if (ref !== undefined) return this.reader(f.fn, ref);
    return this.resolved(f.fn, n.name);
  }

  compare(n: A.Compare, f: Frame): Cond {
    const first = this.expr(n.expr, f);
    if (n.ops.length === 1) {
      const op = CMPOPS[n.ops[0]!.op];
      const right = n.ops[0]!.expr;
      if (right.type === 'Const') {
        const v = this.constValue(right);
        return (r) => op(first(r), v);
      }
      const b = this.expr(right, f);
      return (r) => op(first(r), b(r));
    }
    // chained: each right operand is evaluated once and becomes the next left operand
    const ops: ((a: unknown, b: unknown) => boolean)[] = [];
    const rights: Ev[] = [];
    for (const o of n.ops) {
      ops.push(CMPOPS[o.op]);
      rights.push(this.expr(o.expr, f));
    }
    return chainCompare(first, ops.slice(), rights.slice());
  }

  /** Positional arguments (with `*args`) and keyword arguments (with `**kwargs`) of a call. */
  args(a: A.CallArgs, f: Frame): { args: (r: RFrame) => unknown[]; kwargs: (r: RFrame) => Kwargs | null } {
    const pos = this.exprs(a.args, f);
    let args: (r: RFrame) => unknown[] = (r) => evalAll(pos, r);
    if (a.dynArgs) {
      const plain = args;
      const dyn = this.expr(a.dynArgs, f);
      args = (r) => spreadArgs(plain(r), dyn(r));
    }
    let kwargs: (r: RFrame) => Kwargs | null = () => null;
    if (a.kwargs.length) {
      const keys: string[] = [];
      const vals: Ev[] = [];
      for (const k of a.kwargs) {
        keys.push(k.key);
        vals.push(this.expr(k.value, f));
      }
      kwargs = kwargsOf(keys.slice(), vals.slice());
    }
    if (a.dynKwargs) {
      const plain = kwargs;
      const dyn = this.expr(a.dynKwargs, f);
      kwargs = (r) => spreadKwargs(plain(r), dyn(r));
    }
    return { args, kwargs };
  }

  /** `f(...)`; with `out` (static autoescape of an output position) the result is text. */
  call(n: A.Call, f: Frame, out?: boolean): Ev {
    const callee = this.expr(n.node, f);
    if (n.kwargs.length > 0 && !n.dynArgs && !n.dynKwargs) return this.shapedCall(callee, n, f, null, out);
    if (!n.dynArgs && !n.dynKwargs) {
      // no keywords: the argument array straight from the closures
      const pos = this.exprs(n.args, f);
      if (out !== undefined) return (r) => callOut(r.env, r.ctx, callee(r), evalAll(pos, r), null, out);
      return (r) => callValue(r.env, r.ctx, callee(r), evalAll(pos, r), null);
    }
    const { args, kwargs } = this.args(n, f);
    if (out !== undefined) {
      return (r) => {
        const fn = callee(r);
        const a = args(r);
        return callOut(r.env, r.ctx, fn, a, kwargs(r), out);
      };
    }
    return (r) => {
      const fn = callee(r);
      const a = args(r);
      return callValue(r.env, r.ctx, fn, a, kwargs(r));
    };
  }

  fusesCallOutput(): boolean {
    return !this.env.hasFinalize && !this.volatile && typeof this.autoescape === 'boolean';
  }

  /** A call with keywords and no `*`/`**`, through a CallShape (as the generated code). */
  shapedCall(callee: Ev, a: A.CallArgs, f: Frame, caller: Ev | null, out?: boolean): Ev {
    const names: string[] = [];
    const values = this.exprs(a.args, f);
    for (const k of a.kwargs) {
      names.push(k.key);
      values.push(this.expr(k.value, f));
    }
    if (caller !== null) {
      names.push('caller');
      values.push(caller);
    }
    return shapedCallOf(callee, values.slice(), new CallShape(a.args.length, names.slice()), out);
  }

  /** `value|name(args)`; `value` replaces `n.node` for filter blocks and block sets. */
  filter(n: A.Filter, f: Frame, value: Ev | null): Ev {
    const fn = Object.prototype.hasOwnProperty.call(this.env.filters, n.name) ? this.env.filters[n.name] : undefined;
    if (fn === undefined && !f.soft) this.fail(`No filter named '${n.name}'.`, n.loc);
    const id = this.depSlot(f.fn, 'filters', n.name);
    const v = value ?? (n.node ? this.expr(n.node, f) : () => null);
    return this.applyCallable(fn, id, n, f, v);
  }

  test(n: A.Test, f: Frame): Ev {
    const fn = Object.prototype.hasOwnProperty.call(this.env.tests, n.name) ? this.env.tests[n.name] : undefined;
    if (fn === undefined && !f.soft) this.fail(`No test named '${n.name}'.`, n.loc);
    const id = this.depSlot(f.fn, 'tests', n.name);
    return this.applyCallable(fn, id, n, f, this.expr(n.node, f));
  }

  private applyCallable(fn: Callable | undefined, id: Ev, n: A.CallArgs & { name: string }, f: Frame, value: Ev): Ev {
    const simple = fn !== undefined && !n.dynArgs && !n.dynKwargs && n.kwargs.length === 0 && bindsPositionally(fn, n.args.length + 1);
    if (simple) {
      const rest = this.exprs(n.args, f);
      const lead = fn.pass === undefined ? null : LEAD[fn.pass];
      type F = (...a: unknown[]) => unknown;
      if (lead === null) {
        switch (rest.length) {
          case 0: return (r) => (id(r) as F)(value(r));
          case 1: {
            const a = rest[0]!;
            return (r) => {
              const g = id(r) as F;
              const v = value(r);
              return g(v, a(r));
            };
          }
          default: return (r) => {
            const g = id(r) as F;
            const v = value(r);
            return g(v, ...evalAll(rest, r));
          };
        }
      }
      return (r) => {
        const g = id(r) as F;
        const l = lead(r);
        const v = value(r);
        return g(l, v, ...evalAll(rest, r));
      };
    }
    const { args, kwargs } = this.args(n, f);
    const name = n.name;
    return (r) => {
      const g = id(r) as Callable;
      const v = value(r);
      const all = [v, ...args(r)];
      return applyFilter(r.env, r.ctx, g, name, all, kwargs(r));
    };
  }

  /** On-entry lookups of a top function, written into its frame's slots. */
  static runEntry(entry: readonly EntryLookup[], r: RFrame): void {
    const env = r.env;
    for (let i = 0; i < entry.length; i++) {
      const e = entry[i]!;
      let v: unknown;
      switch (e.kind) {
        case 'resolve': v = r.ctx.resolve(e.name); break;
        case 'self': v = rt.selfRef(r.ctx); break;
        case 'filters': v = dep(env.filters as Record<string, Callable>, e.name, 'filter'); break;
        case 'tests': v = dep(env.tests as Record<string, Callable>, e.name, 'test'); break;
      }
      r.s[e.slot] = v;
    }
  }
}

const NULL_EV: Ev = () => null;

function shapedCallOf(callee: Ev, values: Ev[], shape: InstanceType<typeof CallShape>, out: boolean | undefined): Ev {
  if (out !== undefined) return (r) => callKOut(r.env, r.ctx, callee(r), evalAll(values, r), shape, out);
  return (r) => callK(r.env, r.ctx, callee(r), evalAll(values, r), shape);
}

function sliceOf(obj: Ev, start: Ev, stop: Ev, step: Ev): Ev {
  return (r) => slice(obj(r), start(r), stop(r), step(r));
}

function chainCompare(first: Ev, ops: ((a: unknown, b: unknown) => boolean)[], rights: Ev[]): Cond {
  return (r) => {
    let left = first(r);
    for (let i = 0; i < ops.length; i++) {
      const right = rights[i]!(r);
      if (!ops[i]!(left, right)) return false;
      left = right;
    }
    return true;
  };
}

function kwargsOf(keys: string[], vals: Ev[]): (r: RFrame) => Kwargs {
  return (r) => {
    const o = Object.create(KW) as Kwargs;
    for (let i = 0; i < keys.length; i++) defineKw(o, keys[i]!, vals[i]!(r));
    return o;
  };
}

/** Slot readers depend only on (hops, slot): shared by all templates instead of one closure per name use. */
const READERS: Ev[][] = [[], [], []];
/** The slot each hops-0 reader reads, so hot shapes can inline the read (see ownSlotOf). */
const OWN_SLOT = new WeakMap<Ev, number>();

/** The slot `e` reads when it is a reader of the running function's own frame, else -1. */
export function ownSlotOf(e: Ev): number {
  const i = OWN_SLOT.get(e);
  return i === undefined ? -1 : i;
}

/** The shared reader of slot `i` of the running function's own frame. */
export function ownReader(i: number): Ev {
  return slotReader(0, i);
}

function slotReader(hops: number, i: number): Ev {
  if (hops > 2) return (r) => frameAt(r, hops).s[i];
  const cache = READERS[hops]!;
  let fn = cache[i];
  if (fn === undefined) {
    fn = hops === 0 ? (r) => r.s[i] : hops === 1 ? (r) => r.up!.s[i] : (r) => r.up!.up!.s[i];
    if (hops === 0) OWN_SLOT.set(fn, i);
    if (i < 1024) cache[i] = fn;
  }
  return fn;
}

function frameAt(r: RFrame, hops: number): RFrame {
  let x = r;
  for (let i = 0; i < hops; i++) x = x.up!;
  return x;
}

/**
 * The values as a packed array, like the array literals of generated code: runtime helpers that
 * see `new Array(n)`'s holey arrays from here and packed ones from compiled templates become
 * polymorphic, and compiled templates ran up to 50% slower after a template's tier-0 renders.
 */
export function evalAll(items: readonly Ev[], r: RFrame): unknown[] {
  switch (items.length) {
    case 0: return [];
    case 1: return [items[0]!(r)];
    case 2: {
      const a = items[0]!(r);
      return [a, items[1]!(r)];
    }
    case 3: {
      const a = items[0]!(r);
      const b = items[1]!(r);
      return [a, b, items[2]!(r)];
    }
    default: {
      const out: unknown[] = [];
      for (let i = 0; i < items.length; i++) out.push(items[i]!(r));
      return out;
    }
  }
}

/** A keyword as an own data property (a `__proto__` keyword must not set the prototype). */
function defineKw(o: Kwargs, key: string, v: unknown): void {
  if (key === '__proto__') Object.defineProperty(o, key, { value: v, enumerable: true, writable: true, configurable: true });
  else o[key] = v;
}
