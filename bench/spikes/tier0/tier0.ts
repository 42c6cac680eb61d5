// Tier 0 spike: AST -> tree of pre-written JS closures, using jinjit's runtime for semantics.
import type * as A from '../../../src/syntax/ast.js';
import { rt } from '../../../src/runtime/index.js';
import { Context } from '../../../src/runtime/context.js';
import { beginRender, endRender } from '../../../src/runtime/limits.js';
import { openBuffer, joinBuffer } from '../../../src/runtime/output.js';
import { isDictMethodName } from '../../../src/runtime/methods.js';

const { escOut, getfield, getattr, truthy, iterate, LoopContext, tick, MISSING, markupConcat, strConcat } = rt;

/** Runtime frame of one function (root or macro call): flat slot array, output, context. */
interface Fr { L: unknown[]; out: string; ctx: Context; env: any }
type E = (f: Fr) => unknown;
type S = (f: Fr) => void;

/** Compile-time scope: name -> slot in the current function's frame. */
class Scope {
  names = new Map<string, number>();
  constructor(readonly parent: Scope | null, readonly fn: FnInfo) {}
  lookup(n: string): number | undefined {
    for (let s: Scope | null = this; s && s.fn === this.fn; s = s.parent) {
      const v = s.names.get(n);
      if (v !== undefined) return v;
    }
    return undefined;
  }
}
class FnInfo {
  nslots = 0;
  /** root only: names resolved from the context at render start, as codegen hoists them */
  resolved = new Map<string, number>();
  /** root only: top-level assigned names, initialised to Undefined */
  undef: [number, string][] = [];
  constructor(readonly isRoot: boolean) {}
  alloc(): number { return this.nslots++; }
}

const BIN: Record<string, (a: unknown, b: unknown) => unknown> = {
  '+': rt.add, '-': rt.sub, '*': rt.mul, '/': rt.div, '//': rt.floordiv, '%': rt.mod, '**': rt.pow,
};
const CMP: Record<string, (a: unknown, b: unknown) => boolean> = {
  eq: rt.eq, ne: rt.ne, lt: rt.lt, lteq: rt.le, gt: rt.gt, gteq: rt.ge, in: rt.isIn, notin: (a, b) => !rt.isIn(a, b),
};

export class Tier0 {
  constructor(readonly env: any, readonly autoescape: boolean) {}

  compile(t: A.Template): (vars: Record<string, unknown>) => string {
    const fn = new FnInfo(true);
    const scope = new Scope(null, fn);
    // top-level assigned names are template locals for the whole template (Jinja2 semantics)
    for (const st of t.body) {
      const name = st.type === 'Assign' && st.target.type === 'Name' ? st.target.name : st.type === 'Macro' ? st.name : null;
      if (name !== null && scope.names.get(name) === undefined) {
        const slot = fn.alloc();
        scope.names.set(name, slot);
        fn.undef.push([slot, name]);
      }
    }
    const body = this.block(t.body, scope);
    const env = this.env, autoescape = this.autoescape;
    const resolved = [...fn.resolved];
    const undef = fn.undef;
    const nslots = fn.nslots;
    return (vars) => {
      const evalCtx = { autoescape, volatile: false, environment: env };
      const ctx = new Context(env, vars, undefined, evalCtx, env.globals);
      beginRender(env.limits);
      const outer = openBuffer();
      try {
        const L = new Array<unknown>(nslots);
        const u = env.mkUndefined;
        for (const [slot, name] of undef) L[slot] = u(null, MISSING, name);
        for (const [name, slot] of resolved) L[slot] = ctx.resolve(name);
        const f: Fr = { L, out: '', ctx, env };
        body(f);
        joinBuffer(outer);
        return f.out;
      } finally {
        endRender();
      }
    };
  }

  block(stmts: A.Stmt[], sc: Scope): S {
    const parts = stmts.map((s) => this.stmt(s, sc));
    switch (parts.length) {
      case 0: return () => {};
      case 1: return parts[0]!;
      case 2: { const [a, b] = parts as [S, S]; return (f) => { a(f); b(f); }; }
      case 3: { const [a, b, c] = parts as [S, S, S]; return (f) => { a(f); b(f); c(f); }; }
      default: return (f) => { for (let i = 0; i < parts.length; i++) parts[i]!(f); };
    }
  }

  stmt(n: A.Stmt, sc: Scope): S {
    switch (n.type) {
      case 'Output': return this.output(n, sc);
      case 'If': return this.if_(n, sc);
      case 'For': return this.for_(n, sc);
      case 'Assign': return this.assign(n, sc);
      case 'Macro': return this.macro(n, sc);
      default: throw new Error(`tier0: unsupported statement ${n.type}`);
    }
  }

  output(n: A.Output, sc: Scope): S {
    const parts: (string | E)[] = [];
    for (const x of n.nodes) {
      let p: string | E;
      if (x.type === 'TemplateData') p = x.data;
      else if (x.type === 'Const' && typeof x.value === 'string') p = this.autoescape ? escOut(x.value) : x.value;
      else if (x.type === 'Call') p = this.callOut(x, sc);
      else { const e = this.expr(x, sc); p = this.autoescape ? (f) => escOut(e(f)) : (f) => rt.strOut(e(f)); }
      // merge adjacent constant text
      if (typeof p === 'string' && typeof parts[parts.length - 1] === 'string') parts[parts.length - 1] += p;
      else if (p !== '') parts.push(p);
    }
    if (parts.length === 1) {
      const p = parts[0]!;
      if (typeof p === 'string') return (f) => { f.out += p; };
      return (f) => { f.out += p(f) as string; };
    }
    const fns: E[] = parts.map((p) => (typeof p === 'string' ? null : p)) as E[];
    const strs = parts.map((p) => (typeof p === 'string' ? p : ''));
    const n2 = parts.length;
    return (f) => {
      let s = '';
      for (let i = 0; i < n2; i++) { const g = fns[i]; s += g === null ? strs[i] : (g(f) as string); }
      f.out += s;
    };
  }

  if_(n: A.If, sc: Scope): S {
    const tests: E[] = [this.expr(n.test, sc)];
    const bodies: S[] = [this.block(n.body, sc)];
    for (const e of n.elif) { tests.push(this.expr(e.test, sc)); bodies.push(this.block(e.body, sc)); }
    const els = n.else_.length ? this.block(n.else_, sc) : null;
    if (tests.length === 1) {
      const t = tests[0]!, b = bodies[0]!;
      if (els === null) return (f) => { if (truthy(t(f))) b(f); };
      return (f) => { if (truthy(t(f))) b(f); else els(f); };
    }
    return (f) => {
      for (let i = 0; i < tests.length; i++) if (truthy(tests[i]!(f))) { bodies[i]!(f); return; }
      if (els !== null) els(f);
    };
  }

  for_(n: A.For, sc: Scope): S {
    if (n.recursive || n.test || n.target.type !== 'Name') throw new Error('tier0: unsupported for form');
    const iter = this.expr(n.iter, sc);
    const inner = new Scope(sc, sc.fn);
    const loopSlot = sc.fn.alloc(), varSlot = sc.fn.alloc();
    inner.names.set('loop', loopSlot);
    inner.names.set(n.target.name, varSlot);
    const body = this.block(n.body, inner);
    const els = n.else_.length ? this.block(n.else_, sc) : null;
    return (f) => {
      const it = iterate(iter(f));
      const L = f.L;
      const loop = new LoopContext(it, 0, null, f.env.mkUndefined);
      L[loopSlot] = loop;
      for (let i = 0; i < it.length; i++) {
        tick(f.out.length);
        loop.index0 = i;
        L[varSlot] = it[i];
        body(f);
      }
      if (els !== null && it.length === 0) els(f);
    };
  }

  assign(n: A.Assign, sc: Scope): S {
    if (n.target.type !== 'Name') throw new Error('tier0: unsupported assign target');
    const name = n.target.name;
    const v = this.expr(n.node, sc);
    let slot = sc.names.get(name);
    if (slot === undefined) { slot = sc.fn.alloc(); sc.names.set(name, slot); }
    const s = slot;
    if (sc.fn.isRoot && sc.parent === null) return (f) => { const x = v(f); f.L[s] = x; f.ctx.setVar(name, x); };
    return (f) => { f.L[s] = v(f); };
  }

  macro(n: A.Macro, sc: Scope): S {
    const fn = new FnInfo(false);
    const ms = new Scope(null, fn);
    const params = n.args.map((a) => { const s = fn.alloc(); ms.names.set(a.name, s); return s; });
    const nd = n.defaults.length, na = n.args.length;
    const defaults: (E | null)[] = n.args.map((_, i) => (i >= na - nd ? this.expr(n.defaults[i - (na - nd)]!, ms) : null));
    const body = this.block(n.body, ms);
    const spec = new rt.MacroSpec(n.name, n.args.map((a) => a.name), false, false, false, false);
    const slot = sc.names.get(n.name)!;
    const names = n.args.map((a) => a.name);
    const atTop = sc.fn.isRoot && sc.parent === null;
    return (outerF) => {
      const { ctx, env } = outerF;
      const u = env.mkUndefined;
      const bodyFn = (...args: unknown[]): string => {
        const f: Fr = { L: new Array(fn.nslots), out: '', ctx, env };
        for (let i = 0; i < na; i++) {
          let a = args[i];
          if (a === MISSING) a = defaults[i] ? defaults[i]!(f) : u(`parameter '${names[i]}' was not provided`, MISSING, names[i]);
          f.L[params[i]!] = a;
        }
        body(f);
        return f.out;
      };
      const m = new rt.Macro(env, bodyFn, spec, ctx.evalCtx.autoescape);
      outerF.L[slot] = m;
      if (atTop) ctx.setVar(n.name, m);
    };
  }

  callOut(n: A.Call, sc: Scope): E {
    if (n.dynArgs || n.dynKwargs) throw new Error('tier0: unsupported call form');
    const callee = this.expr(n.node, sc);
    const vals = [...n.args, ...n.kwargs.map((k) => k.value)].map((a) => this.expr(a, sc));
    const esc = this.autoescape;
    if (n.kwargs.length === 0) {
      return (f) => rt.callOut(f.env, f.ctx, callee(f), vals.map((v) => v(f)), null, esc);
    }
    const shape = new rt.CallShape(n.args.length, n.kwargs.map((k) => k.key));
    return (f) => rt.callKOut(f.env, f.ctx, callee(f), vals.map((v) => v(f)), shape, esc);
  }

  expr(n: A.Expr, sc: Scope): E {
    switch (n.type) {
      case 'Const': { const v = n.value; return () => v; }
      case 'Name': return this.name(n, sc);
      case 'Getattr': {
        const o = this.expr(n.node, sc), attr = n.attr;
        if (attr.charCodeAt(0) !== 95 && !isDictMethodName(attr)) return (f) => getfield(o(f), attr, f.env);
        return (f) => getattr(o(f), attr, f.env);
      }
      case 'Filter': return this.filter(n, sc);
      case 'Compare': {
        const first = this.expr(n.expr, sc);
        const ops = n.ops.map((o) => CMP[o.op]!), rhs = n.ops.map((o) => this.expr(o.expr, sc));
        if (ops.length === 1) { const op = ops[0]!, r = rhs[0]!; return (f) => op(first(f), r(f)); }
        return (f) => {
          let a = first(f);
          for (let i = 0; i < ops.length; i++) { const b = rhs[i]!(f); if (!ops[i]!(a, b)) return false; a = b; }
          return true;
        };
      }
      case 'BinExpr': {
        const op = BIN[n.op]!, l = this.expr(n.left, sc), r = this.expr(n.right, sc);
        return (f) => op(l(f), r(f));
      }
      case 'Concat': {
        const parts = n.nodes.map((x) => this.expr(x, sc));
        const cc = this.autoescape ? markupConcat : strConcat;
        return (f) => cc(parts.map((p) => p(f)));
      }
      case 'CondExpr': {
        const t = this.expr(n.test, sc), a = this.expr(n.expr1, sc);
        const b = n.expr2 ? this.expr(n.expr2, sc) : () => rt.condExprUndefined('the inline if-expression evaluated to false and no else section was defined.');
        return (f) => (truthy(t(f)) ? a(f) : b(f));
      }
      case 'Not': { const x = this.expr(n.node, sc); return (f) => !truthy(x(f)); }
      case 'List': { const items = n.items.map((x) => this.expr(x, sc)); return (f) => items.map((i) => i(f)); }
      case 'Call': {
        const callee = this.expr(n.node, sc);
        const vals = [...n.args, ...n.kwargs.map((k) => k.value)].map((a) => this.expr(a, sc));
        const shape = new rt.CallShape(n.args.length, n.kwargs.map((k) => k.key));
        return (f) => rt.callK(f.env, f.ctx, callee(f), vals.map((v) => v(f)), shape);
      }
      default: throw new Error(`tier0: unsupported expression ${n.type}`);
    }
  }

  name(n: A.Name, sc: Scope): E {
    const slot = sc.lookup(n.name);
    if (slot !== undefined) return (f) => f.L[slot];
    if (sc.fn.isRoot) {
      // hoisted ctx.resolve at render start, as the code generator does
      let r = sc.fn.resolved.get(n.name);
      if (r === undefined) { r = sc.fn.alloc(); sc.fn.resolved.set(n.name, r); }
      const s = r;
      return (f) => f.L[s];
    }
    const name = n.name;
    return (f) => f.ctx.resolve(name);
  }

  filter(n: A.Filter, sc: Scope): E {
    if (!n.node || n.kwargs.length || n.dynArgs || n.dynKwargs) throw new Error('tier0: unsupported filter form');
    const fn = rt.dep(this.env.filters, n.name, 'filter') as any;
    const x = this.expr(n.node, sc);
    const args = n.args.map((a) => this.expr(a, sc));
    const pass = fn.pass as string | undefined;
    if (pass === 'evalContext') {
      if (args.length === 1) { const a = args[0]!; return (f) => fn(f.ctx.evalCtx, x(f), a(f)); }
      if (args.length === 2) { const a = args[0]!, b = args[1]!; return (f) => fn(f.ctx.evalCtx, x(f), a(f), b(f)); }
      return (f) => fn(f.ctx.evalCtx, x(f), ...args.map((a) => a(f)));
    }
    if (pass) throw new Error('tier0: unsupported filter pass ' + pass);
    switch (args.length) {
      case 0: return (f) => fn(x(f));
      case 1: { const a = args[0]!; return (f) => fn(x(f), a(f)); }
      case 2: { const a = args[0]!, b = args[1]!; return (f) => fn(x(f), a(f), b(f)); }
      default: return (f) => fn(x(f), ...args.map((a) => a(f)));
    }
  }
}
