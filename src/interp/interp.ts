/**
 * Tier 0, statements: builds a template's `{ root, blocks }` (the same TemplateCode the
 * generated JS provides) as a tree of closures over the AST. It mirrors src/compiler/codegen.ts
 * (sync code only) method for method, using the same scope analysis (Frame, FnScope, findStores)
 * so names, undefined values, exports and errors come out the same. A name the generated code
 * keeps in a JS `let` lives here in a slot of its function's RFrame.
 */

import { CompiledSyntaxError, TemplateAssertionError, TemplateSyntaxError } from '../errors.js';
import type * as A from '../syntax/ast.js';
import { collectBlocks, transNodes, usesStoreName, writesDeferredJoins } from '../compiler/codegen.js';
import { foldsToConst } from '../compiler/const-fold.js';
import { findStores, FnScope, Frame, usesName } from '../compiler/frame.js';
import { rt } from '../runtime/index.js';
import type { Context, BlockFn } from '../runtime/context.js';
import type { TemplateCode } from '../template.js';
import { pendingJoinError } from '../runtime/output.js';
import {
  BREAK, CONTINUE, NOP, RAW, ESC, STR, macroFactory, fromImportRun, transRun, superInit, throwRequired, withRun,
  tupleItem, fillDefault, fillMissing, ifRun, filteredItems, outputOne, outputMany, declsRun, seq, locate,
  type Ex,
} from './run.js';
import { type Cond, type Ev, ExprBuilder, type InterpEnv, ownReader, ownSlotOf, type RFrame } from './expr.js';

const {
  MISSING, Macro, MacroSpec, LoopContext, FilteredItems, KW, escOut, strOut, rawOut, markup, openBuffer, joinBuffer, tick,
  iterate, unpack, setattr, nsTarget, derived, extendsTemplate, include, importTemplate, runtimeError, trans,
  debugInfo, withCaller, truthy, call: callValue,
} = rt;


/**
 * Build a template's functions. Throws the compile-time errors the code generator throws.
 * @example buildTemplate(env.parse('{{ x }}'), { filters, tests, autoescape: false, hasFinalize: false }, 'x.html', src).root(ctx)
 */
export function buildTemplate(ast: A.Template, env: InterpEnv, name: string | undefined, source: string): TemplateCode {
  return new Interp(env, name, source).template(ast);
}


class Interp extends ExprBuilder {
  private blocks = new Map<string, A.Block>();
  private hasExtends = false;
  /** True while building the root function (outputs are guarded after `extends`). */
  private inRoot = false;

  template(ast: A.Template): TemplateCode {
    this.hasExtends = collectBlocks(ast.body, this.blocks, this);
    this.inRoot = true;
    const root = this.topFunction((frame) => {
      frame.toplevel = true;
      const decls = this.frameDecls(frame, ast.body);
      return seq([decls, this.body(ast.body, frame)]);
    }, 1, this.hasExtends);
    this.inRoot = false;
    const blocks = Object.create(null) as Record<string, BlockFn>;
    for (const [bname, block] of this.blocks) blocks[bname] = this.blockFunction(bname, block);
    return { root, blocks };
  }

  private blockFunction(bname: string, block: A.Block): BlockFn {
    const self: { fn: BlockFn | null } = { fn: null };
    self.fn = this.topFunction((frame) => {
      const parts: Ex[] = [];
      if (usesName(block.body, 'super')) parts.push(superInit(this.declare(frame, 'super').i, bname, self));
      if (block.required) {
        parts.push(throwRequired(`Required block '${bname}' not found.`));
        return seq(parts);
      }
      parts.push(this.frameDecls(frame, block.body), this.body(block.body, frame));
      return seq(parts);
    }, block.loc.line, false);
    return self.fn;
  }

  /** A root or block function: a fresh RFrame, the on-entry lookups, the body. */
  private topFunction(gen: (frame: Frame) => Ex, line: number, extendsRoot: boolean): BlockFn {
    const fn = new FnScope(null, true);
    const frame = new Frame(null, fn);
    const body = gen(frame);
    const slots = this.slots(fn);
    const entry = slots.entry;
    const { name, source } = this;
    return function jinjitT0top(ctx: Context): string {
      const r: RFrame = { s: new Array(slots.count), up: null, out: '', ctx, env: ctx.environment as RFrame['env'], parent: null, line };
      try {
        ExprBuilder.runEntry(entry, r);
        body(r);
        if (extendsRoot && r.parent !== null) r.out += r.parent.root(ctx);
        return r.out;
      } catch (e) {
        throw locate(e, name, source, r.line);
      }
    };
  }

  /** Declare the names a frame stores, initialised as Jinja2 would (outer binding or context). */
  private frameDecls(frame: Frame, body: A.Stmt[]): Ex {
    frame.body = body;
    const inits: Ev[] = [];
    const slots: number[] = [];
    for (const n of findStores(body)) {
      if (frame.symbols.has(n)) continue;
      const outer = frame.parent !== null ? this.find(frame.parent, n) : undefined;
      let init: Ev;
      if (outer !== undefined) init = this.reader(frame.fn, outer);
      else if (n === 'self') init = this.resolved(frame.fn, 'self');
      else if (this.startsMissing(frame, n)) init = (r) => r.env.mkUndefined(null, MISSING, n);
      else init = (r) => r.ctx.resolve(n);
      slots.push(this.declare(frame, n).i);
      inits.push(init);
    }
    if (slots.length === 0) return NOP;
    return declsRun(slots.slice(), inits.slice());
  }

  /** Jinja2's idtracking: a name stored before it is read starts missing (see codegen.ts). */
  private startsMissing(frame: Frame, name: string): boolean {
    if (frame.uses().get(name) !== 'store') return false;
    for (let p = frame.parent; p !== null; p = p.parent) {
      if (p.uses().has(name)) return false;
    }
    return true;
  }

  private body(stmts: A.Stmt[], f: Frame): Ex {
    const parts: (Ex | string)[] = [];
    // plain text between tags is appended by seq itself (no closure, no line: text cannot fail,
    // and every statement that can sets its line); guarded root output keeps its closure
    const plain = !(this.inRoot && this.hasExtends);
    for (const s of stmts) {
      const text = plain ? textOf(s) : null;
      parts.push(text ?? this.stmt(s, f));
    }
    return seq(parts);
  }

  /** `r.out += value` guarded by `parent === null` in the root of a template with `extends`. */
  private emit(value: Ev): Ex {
    if (this.inRoot && this.hasExtends) {
      return (r) => {
        if (r.parent === null) r.out += value(r) as string;
        return 0;
      };
    }
    return (r) => {
      r.out += value(r) as string;
      return 0;
    };
  }

  private outputValue(fn: FnScope, value: Ev, node?: A.Expr): Ev {
    if (this.env.hasFinalize) {
      const v = value;
      value = (r) => (r.env as unknown as { finalize: (x: unknown) => unknown }).finalize(v(r));
    }
    const v = value;
    if (node !== undefined && this.volatile && foldsToConst(node, this.foldEnv())) {
      return this.staticAutoescape ? (r) => escOut(v(r)) : (r) => strOut(v(r));
    }
    return this.aeSelect<unknown>(fn, (r) => escOut(v(r)), (r) => strOut(v(r)));
  }

  private stmt(s: A.Stmt, f: Frame): Ex {
    const ex = this.stmtBody(s, f);
    // the commonest statements set their line themselves (one closure less each)
    if (s.type === 'Output' || s.type === 'If' || s.type === 'For' || (s.type === 'Assign' && s.target.type === 'Name')) return ex;
    const line = s.loc.line;
    return (r) => {
      r.line = line;
      return ex(r);
    };
  }

  private stmtBody(s: A.Stmt, f: Frame): Ex {
    switch (s.type) {
      case 'Output': return this.outputStmt(s, f);
      case 'If': return this.ifStmt(s, f);
      case 'For': return this.forLoop(s, f);
      case 'Assign': return this.assign(s.target, this.expr(s.node, f), f, s.loc.line);
      case 'AssignBlock': {
        const buf = this.captureBody(s.body, f);
        let value = this.aeSelect<unknown>(f.fn, (r) => markup(buf(r)), buf);
        if (s.filter) value = this.filterChain(s.filter, f, value);
        return this.assign(s.target, value, f);
      }
      case 'Macro': return this.macroStmt(s, f);
      case 'CallBlock': return this.callBlock(s, f);
      case 'FilterBlock': return this.filterBlock(s, f);
      case 'With': return this.withStmt(s, f);
      case 'Block': return this.blockStmt(s, f);
      case 'Extends': return this.extendsStmt(s, f);
      case 'Include': return this.includeStmt(s, f);
      case 'Import': return this.importStmt(s, f);
      case 'FromImport': return this.fromImportStmt(s, f);
      case 'ExprStmt': {
        const e = this.expr(s.node, f);
        return (r) => {
          e(r);
          return 0;
        };
      }
      case 'Break':
      case 'Continue': {
        if (!f.loop) this.fail(s.type === 'Break' ? "'break' outside loop" : "'continue' not properly in loop", s.loc, CompiledSyntaxError);
        const code = s.type === 'Break' ? BREAK : CONTINUE;
        return () => code;
      }
      case 'ScopedEvalContextModifier': return this.autoescapeStmt(s, f);
      case 'Scope': return this.scopeStmt(s, f);
      case 'Trans': return this.emit(this.outputValue(f.fn, this.transExpr(s, f)));
      case 'Debug': {
        const locals = this.localsObject(f);
        return this.emit((r) => debugInfo(r.ctx, locals(r) as Record<string, unknown>));
      }
    }
  }

  private outputStmt(s: A.Output, f: Frame): Ex {
    const nodes = s.nodes;
    const guarded = this.inRoot && this.hasExtends;
    if (nodes.length === 1) {
      const n = nodes[0]!;
      if (n.type === 'TemplateData') return outputOne(n.loc.line, n.data, null, RAW, guarded);
      const mode = this.outputMode(n);
      return outputOne(n.loc.line, null, this.outputPart(n, f, mode), mode, guarded);
    }
    // exact-length parallel arrays, no part objects: the closure keeps them, and building a
    // large template is GC-bound (push-grown arrays carry spare capacity)
    let k = 0;
    for (let i = 0; i < nodes.length; i++) if (!(nodes[i]!.type === 'TemplateData' && i > 0 && nodes[i - 1]!.type === 'TemplateData')) k++;
    const texts = new Array<string | null>(k);
    const values = new Array<Ev | null>(k);
    const modes = new Array<number>(k);
    const lines = new Array<number>(k);
    let j = -1;
    for (let i = 0; i < nodes.length; i++) {
      const n = nodes[i]!;
      if (n.type === 'TemplateData' && j >= 0 && texts[j] !== null) {
        texts[j] += n.data;
        continue;
      }
      j++;
      lines[j] = n.loc.line;
      if (n.type === 'TemplateData') {
        texts[j] = n.data;
        values[j] = null;
        modes[j] = RAW;
      } else {
        texts[j] = null;
        modes[j] = this.outputMode(n);
        values[j] = this.outputPart(n, f, modes[j]!);
      }
    }
    return k === 1 ? outputOne(lines[0]!, texts[0]!, values[0]!, modes[0]!, guarded) : outputMany(texts, values, modes, lines, guarded);
  }

  /** Escaping is fused into the output step where it is known statically (one closure less per value). */
  private fusesEscape(n: A.Expr): boolean {
    return !this.env.hasFinalize && typeof this.autoescape === 'boolean' && !(this.volatile && foldsToConst(n, this.foldEnv()));
  }

  /** How an output part is written: ESC/STR when its escaping is fused into the output step, else RAW. */
  private outputMode(n: A.Expr): number {
    if (n.type === 'Call' && this.fusesCallOutput()) return RAW;
    return this.fusesEscape(n) ? (this.autoescape ? ESC : STR) : RAW;
  }

  /** The value of an output part written in `mode` (outputMode's). */
  private outputPart(n: A.Expr, f: Frame, mode: number): Ev {
    if (n.type === 'Call' && this.fusesCallOutput()) return this.call(n, f, this.autoescape as boolean);
    if (mode !== RAW) return this.expr(n, f);
    return this.outputValue(f.fn, this.expr(n, f), n);
  }

  private ifStmt(s: A.If, f: Frame): Ex {
    const sf = f.softCopy();
    const tests: Cond[] = [this.cond(s.test, sf)];
    const bodies: Ex[] = [this.body(s.body, sf)];
    const lines = [s.loc.line];
    for (const e of s.elif) {
      lines.push(e.loc.line);
      tests.push(this.cond(e.test, sf));
      bodies.push(this.body(e.body, sf));
    }
    const else_ = s.else_.length ? this.body(s.else_, sf) : null;
    return ifRun(tests.slice(), bodies.slice(), lines.slice(), else_);
  }

  private setVarIfTop(f: Frame, name: string, read: Ev): Ex {
    if (!f.toplevel) return NOP;
    return (r) => {
      r.ctx.setVar(name, read(r));
      return 0;
    };
  }

  private macroStmt(s: A.Macro, f: Frame): Ex {
    const ref = this.find(f, s.name)!;
    const def = this.macroDef(s.name, s.args, s.defaults, s.body, f, s.loc);
    const write = this.writer(f.fn, ref);
    const read = this.reader(f.fn, ref);
    const exportIt = this.setVarIfTop(f, s.name, read);
    return (r) => {
      write(r, def(r));
      return exportIt(r);
    };
  }

  private callBlock(s: A.CallBlock, f: Frame): Ex {
    const caller = this.macroDef('caller', s.args, s.defaults, s.body, f, s.loc);
    const callee = this.expr(s.call.node, f);
    if (!s.call.dynArgs && !s.call.dynKwargs && !s.call.kwargs.some((k) => k.key === 'caller')) {
      const out = this.fusesCallOutput() ? (this.autoescape as boolean) : undefined;
      const call = this.shapedCall(callee, s.call, f, caller, out);
      return this.emit(out !== undefined ? call : this.outputValue(f.fn, call));
    }
    const { args, kwargs } = this.args(s.call, f);
    const inline = !s.call.dynKwargs && !s.call.kwargs.some((k) => k.key === 'caller');
    const kw = (r: RFrame) => {
      const k = kwargs(r);
      if (k === null) {
        const o = Object.create(KW) as Record<string, unknown>;
        o.caller = caller(r);
        return o;
      }
      if (inline) {
        k.caller = caller(r);
        return k;
      }
      return withCaller(k, caller(r));
    };
    const call: Ev = (r) => {
      const fn = callee(r);
      const a = args(r);
      return callValue(r.env, r.ctx, fn, a, kw(r));
    };
    return this.emit(this.outputValue(f.fn, call));
  }

  private filterBlock(s: A.FilterBlock, f: Frame): Ex {
    const buf = this.captureBody(s.body, f);
    const text = this.temp(f.fn);
    const ti = text.i;
    const read: Ev = (r) => r.s[ti];
    const value = this.aeSelect<unknown>(f.fn, (r) => markup(read(r) as string), read);
    const chain = this.filterChain(s.filter, f.hardCopy(), value);
    const { name, source } = this;
    const emit = this.emit((r) => {
      const v = chain(r);
      if (typeof v === 'string') return v;
      const text = rawOut(v);
      // a non-string result fails when the buffer is joined: locate it here, where it arose
      const pending = pendingJoinError();
      if (pending !== null) locate(pending, name, source, r.line);
      return text;
    });
    // the body runs even where the root's output is dropped after `extends` (as generated code)
    return (r) => {
      r.s[ti] = buf(r);
      return emit(r);
    };
  }

  private withStmt(s: A.With, f: Frame): Ex {
    const values = this.exprs(s.values, f);
    const inner = f.inner();
    const tmps: number[] = [];
    const binds: ((r: RFrame) => void)[] = [];
    for (const t of s.targets) {
      const tmp = this.temp(f.fn);
      tmps.push(tmp.i);
      binds.push(this.declareTarget(t, ownReader(tmp.i), inner));
    }
    return withRun(values, tmps, binds, this.frameDecls(inner, s.body), this.body(s.body, inner));
  }

  private blockStmt(s: A.Block, f: Frame): Ex {
    const name = s.name;
    const locals = s.scoped ? this.localsObject(f) : null;
    return this.emit((r) => {
      const target = locals !== null ? derived(r.ctx, locals(r) as Record<string, unknown>) : r.ctx;
      return r.ctx.blocks[name]![0]!(target);
    });
  }

  private extendsStmt(s: A.Extends, f: Frame): Ex {
    if (!f.toplevel) this.fail('cannot use extend from a non top-level scope', s.loc, TemplateAssertionError);
    const ref = this.expr(s.template, f);
    return (r) => {
      if (r.parent !== null) throw runtimeError('extended multiple times');
      r.parent = extendsTemplate(r.env as never, r.ctx, ref(r));
      return 0;
    };
  }

  private includeStmt(s: A.Include, f: Frame): Ex {
    const locals = s.withContext ? this.localsObject(f) : () => null;
    const tmpl = this.expr(s.template, f);
    const { ignoreMissing, withContext } = s;
    return this.emit((r) => {
      const t = tmpl(r);
      return include(r.env as never, r.ctx, t, ignoreMissing, withContext, locals(r) as Record<string, unknown> | null);
    });
  }

  private importCall(s: A.Import | A.FromImport, f: Frame): Ev {
    const locals = s.withContext ? this.localsObject(f) : () => null;
    const tmpl = this.expr(s.template, f);
    const withContext = s.withContext;
    return (r) => {
      const t = tmpl(r);
      return importTemplate(r.env as never, r.ctx, t, withContext, locals(r) as Record<string, unknown> | null);
    };
  }

  private importStmt(s: A.Import, f: Frame): Ex {
    const ref = this.find(f, s.target)!;
    const imp = this.importCall(s, f);
    const write = this.writer(f.fn, ref);
    const exportIt = this.setVarIfTop(f, s.target, this.reader(f.fn, ref));
    return (r) => {
      write(r, imp(r));
      return exportIt(r);
    };
  }

  private fromImportStmt(s: A.FromImport, f: Frame): Ex {
    const imp = this.importCall(s, f);
    const names: { nm: string; write: (r: RFrame, v: unknown) => void; exportIt: Ex }[] = [];
    for (const [nm, alias] of s.names) {
      const ref = this.find(f, alias)!;
      const read = this.reader(f.fn, ref);
      names.push({ nm, write: this.writer(f.fn, ref), exportIt: alias.startsWith('_') ? NOP : this.setVarIfTop(f, alias, read) });
    }
    return fromImportRun(imp, names, s.loc.line);
  }

  private autoescapeStmt(s: A.ScopedEvalContextModifier, f: Frame): Ex {
    const saved = this.autoescape;
    const savedStatic = this.staticAutoescape;
    const savedVolatile = this.volatile;
    const ae = s.autoescape;
    let set: (r: RFrame) => boolean;
    if (ae.type === 'Const') {
      const v = ae.value !== null && ae.value !== false && ae.value !== 0 && ae.value !== '';
      this.autoescape = v;
      this.staticAutoescape = v;
      set = () => v;
    } else {
      const flag = this.temp(f.fn);
      const fi = flag.i;
      const e = this.expr(ae, f);
      set = (r) => (r.s[fi] = truthy(e(r))) as boolean;
      this.autoescape = flag;
      if (!foldsToConst(ae, this.foldEnv())) this.volatile = true;
    }
    const inner = f.inner();
    inner.toplevel = false;
    const decls = this.frameDecls(inner, s.body);
    const body = this.body(s.body, inner);
    this.autoescape = saved;
    this.staticAutoescape = savedStatic;
    this.volatile = savedVolatile;
    return (r) => {
      const evalCtx = r.ctx.evalCtx;
      const before = evalCtx.autoescape;
      evalCtx.autoescape = set(r);
      try {
        decls(r);
        return body(r);
      } finally {
        evalCtx.autoescape = before;
      }
    };
  }

  private scopeStmt(s: A.Scope, f: Frame): Ex {
    const inner = f.inner();
    return seq([this.frameDecls(inner, s.body), this.body(s.body, inner)]);
  }

  /** `{% trans %}`: the nodes codegen.ts transNodes builds, with rt.trans for old-style. */
  private transExpr(s: A.Trans, f: Frame): Ev {
    const { call, vars } = transNodes(s);
    const callEv = this.expr(call, f);
    if (s.newstyle) return callEv;
    return transRun(callEv, vars ? this.expr(vars, f) : () => null, this.aeTest(f.fn));
  }

  /** Apply a filter chain (parsed with a null innermost node) to `value`. */
  private filterChain(filter: A.Filter, f: Frame, value: Ev): Ev {
    if (filter.node === null) return this.filter(filter, f, value);
    if (filter.node.type !== 'Filter') return this.filter(filter, f, null);
    return this.filter(filter, f, this.filterChain(filter.node, f, value));
  }

  /** Render `body` into a fresh buffer in a new frame: an Ev giving the text. */
  private captureBody(body: A.Stmt[], f: Frame): (r: RFrame) => string {
    const wasRoot = this.inRoot;
    this.inRoot = false;
    const join = writesDeferredJoins(body);
    const inner = f.inner();
    const decls = this.frameDecls(inner, body);
    const run = this.body(body, inner);
    this.inRoot = wasRoot;
    return (r) => {
      const saved = r.out;
      r.out = '';
      const j = join ? openBuffer() : null;
      decls(r);
      run(r);
      const result = r.out;
      r.out = saved;
      if (join) joinBuffer(j);
      return result;
    };
  }

  /** `line` (when not 0) is set before the value is computed: a statement's own position. */
  private assign(target: A.Expr, value: Ev, f: Frame, line = 0): Ex {
    if (target.type === 'Name') {
      const ref = this.find(f, target.name)!;
      const write = this.writer(f.fn, ref);
      const exportIt = this.setVarIfTop(f, target.name, this.reader(f.fn, ref));
      return (r) => {
        if (line !== 0) r.line = line;
        write(r, value(r));
        return exportIt(r);
      };
    }
    if (target.type === 'NSRef') {
      const ns = this.name_({ type: 'Name', name: target.name, ctx: 'load', loc: target.loc }, f);
      const attr = target.attr;
      return (r) => {
        const t = nsTarget(ns(r));
        setattr(t, attr, value(r));
        return 0;
      };
    }
    if (target.type === 'Tuple') {
      const tmp = this.temp(f.fn);
      const ti = tmp.i;
      const n = target.items.length;
      const items: Ex[] = [];
      for (let i = 0; i < n; i++) items.push(this.assign(target.items[i]!, tupleItem(ti, i), f));
      return (r) => {
        r.s[ti] = unpack(value(r), n);
        for (let i = 0; i < items.length; i++) items[i]!(r);
        return 0;
      };
    }
    return this.fail(`can't assign to '${target.type.toLowerCase()}'`, target.loc, TemplateSyntaxError);
  }

  /** Bind a loop/with target in `frame` (declaring new names) from `value`. */
  private declareTarget(target: A.Expr, value: Ev, frame: Frame): (r: RFrame) => void {
    if (target.type === 'Name') {
      const i = this.declare(frame, target.name).i;
      const j = ownSlotOf(value);
      if (j >= 0) return (r) => { r.s[i] = r.s[j]; };
      return (r) => {
        r.s[i] = value(r);
      };
    }
    if (target.type === 'Tuple') {
      const tmp = this.temp(frame.fn);
      const ti = tmp.i;
      const n = target.items.length;
      const items: ((r: RFrame) => void)[] = [];
      for (let i = 0; i < n; i++) items.push(this.declareTarget(target.items[i]!, tupleItem(ti, i), frame));
      return (r) => {
        r.s[ti] = unpack(value(r), n);
        for (let i = 0; i < items.length; i++) items[i]!(r);
      };
    }
    return this.fail(`can't assign to '${target.type.toLowerCase()}'`, target.loc, TemplateSyntaxError);
  }

  /** `{ __proto__: null, name: value, ... }` of every local visible from `f` (inner wins). */
  private localsObject(f: Frame): Ev {
    const seen = new Map<string, Ev>();
    for (let fr: Frame | null = f; fr; fr = fr.parent) {
      for (const [n, id] of fr.symbols) {
        if (seen.has(n) || n === 'super') continue;
        seen.set(n, this.reader(f.fn, this.idSlots.get(id)!));
      }
    }
    const names = [...seen.keys()];
    const reads = [...seen.values()];
    return (r) => {
      const o = Object.create(null) as Record<string, unknown>;
      for (let i = 0; i < names.length; i++) o[names[i]!] = reads[i]!(r);
      return o;
    };
  }

  private forLoop(s: A.For, f: Frame): Ex {
    const usesLoop = usesName(s.body, 'loop');
    const iterCode = this.expr(s.iter, f);
    let fnScope = f.fn;
    const wasRoot = this.inRoot;
    let itervSlot = -1;
    let depthSlot = -1;
    if (s.recursive) {
      fnScope = new FnScope(f.fn, false);
      itervSlot = this.temp(fnScope).i;
      depthSlot = this.temp(fnScope).i;
      this.inRoot = false;
    }
    const src: Ev = s.recursive ? (r) => r.s[itervSlot] : iterCode;
    // the filtered items (`for x in y if test`): Jinja2's test frame is never soft
    // a filtered loop pulls its items as it goes, as Jinja2's generator does (FilteredItems)
    let filtered: ((r: RFrame) => InstanceType<typeof FilteredItems>) | null = null;
    if (s.test) {
      const tf = new Frame(f, fnScope);
      const tcur = this.temp(fnScope).i;
      const bind = this.declareTarget(s.target, (r) => r.s[tcur], tf);
      filtered = filteredItems(src, tcur, bind, this.cond(s.test, tf), s.loc.line);
    }
    if (usesStoreName(s.target, 'loop')) {
      this.fail("Can't assign to special loop variable in for-loop target", s.target.loc);
    }
    const lf = new Frame(f, fnScope);
    lf.loop = true;
    let loopSlot = -1;
    let recurse: ((r: RFrame) => unknown) | null = null;
    const loopFnSlot = s.recursive ? this.temp(fnScope).i : -1;
    if (usesLoop || s.recursive) {
      loopSlot = this.declare(lf, 'loop').i;
      if (s.recursive) {
        // `loop(items)`: the loop function of this run, its text as Markup under autoescape
        type LoopFn = (items: unknown, depth: number) => string;
        const ae = this.aeTest(fnScope);
        recurse = (r) => {
          const lfn = r.s[loopFnSlot] as LoopFn;
          if (ae === true) return (i: unknown, d: number) => markup(lfn(i, d));
          if (ae === false) return lfn;
          return ae(r) ? (i: unknown, d: number) => markup(lfn(i, d)) : lfn;
        };
      }
    }
    const cur = this.temp(fnScope).i;
    const bindTarget = this.declareTarget(s.target, ownReader(cur), lf);
    const decls = this.frameDecls(lf, s.body);
    const hasDecls = decls !== NOP;
    const body = this.body(s.body, lf);
    let elseRun: Ex | null = null;
    if (s.else_.length) {
      const ef = f.inner(fnScope);
      elseRun = seq([this.frameDecls(ef, s.else_), this.body(s.else_, ef)]);
    }
    this.inRoot = wasRoot;
    const line = s.loc.line;
    const depth0 = s.recursive ? (r: RFrame) => r.s[depthSlot] as number : () => 0;
    const loop: Ex = (r) => {
      r.line = line;
      const fi = filtered !== null ? filtered(r) : null;
      const it = fi !== null ? fi.items : iterate(src(r));
      let ctxLoop: InstanceType<typeof LoopContext> | null = null;
      if (loopSlot >= 0) {
        ctxLoop = new LoopContext(it, depth0(r), recurse === null ? null : (recurse(r) as never), r.env.mkUndefined as never, fi);
        r.s[loopSlot] = ctxLoop;
      }
      let ran = false;
      for (let i = 0; fi !== null ? fi.has(i) : i < it.length; i++) {
        r.line = line;
        tick(r.out.length);
        if (ctxLoop !== null) ctxLoop.index0 = i;
        r.s[cur] = it[i];
        bindTarget(r);
        if (hasDecls) decls(r);
        const code = body(r);
        if (code === BREAK) break;
        if (code === CONTINUE) continue;
        ran = true;
      }
      if (elseRun !== null && !ran) elseRun(r);
      return 0;
    };
    if (!s.recursive) return loop;
    // a recursive loop is a function of its items and depth, called again by `loop(...)`
    const joins = writesDeferredJoins(s.body);
    const slots = this.slots(fnScope);
    const { name, source } = this;
    return this.emit((r) => {
      r.line = line;
      const outer = r;
      const loopfn = function jinjitT0loop(iterv: unknown, depth: number): string {
        const lr: RFrame = { s: new Array(slots.count), up: outer, out: '', ctx: outer.ctx, env: outer.env, parent: null, line };
        lr.s[itervSlot] = iterv;
        lr.s[depthSlot] = depth;
        lr.s[loopFnSlot] = loopfn;
        try {
          const j = joins ? openBuffer() : null;
          loop(lr);
          if (joins) joinBuffer(j);
          return lr.out;
        } catch (e) {
          throw locate(e, name, source, lr.line);
        }
      };
      return loopfn(iterCode(r), 0);
    });
  }

  /** An Ev creating the Macro object for a macro or a call block's caller. */
  private macroDef(name: string, args: A.Name[], defaults: A.Expr[], body: A.Stmt[], f: Frame, loc: A.Loc): Ev {
    const fn = new FnScope(f.fn, false);
    const mf = new Frame(f, fn);
    const usesCaller = usesName(body, 'caller');
    const usesKwargs = usesName(body, 'kwargs');
    const usesVarargs = usesName(body, 'varargs');
    const explicitCaller = args.some((a) => a.name === 'caller');
    const callerIndex = args.findIndex((a) => a.name === 'caller');
    if (callerIndex >= 0 && callerIndex < args.length - defaults.length) {
      this.fail('When defining macros or call blocks the special "caller" argument must be omitted or be given a default.', loc);
    }
    const params: number[] = [];
    for (const a of args) params.push(this.declare(mf, a.name).i);
    if (usesCaller && !explicitCaller) params.push(this.declare(mf, 'caller').i);
    if (usesKwargs) params.push(this.declare(mf, 'kwargs').i);
    if (usesVarargs) params.push(this.declare(mf, 'varargs').i);
    const wasRoot = this.inRoot;
    this.inRoot = false;
    const firstDefault = args.length - defaults.length;
    const fills: ((r: RFrame) => void)[] = [];
    for (let i = 0; i < args.length; i++) {
      fills.push(i >= firstDefault ? fillDefault(params[i]!, this.expr(defaults[i - firstDefault]!, mf)) : fillMissing(params[i]!, args[i]!.name));
    }
    const decls = this.frameDecls(mf, body);
    const run = this.body(body, mf);
    this.inRoot = wasRoot;
    const slots = this.slots(fn);
    const argNames: string[] = [];
    for (const a of args) argNames.push(a.name);
    const spec = new MacroSpec(name, argNames, usesKwargs, usesVarargs, usesCaller && !explicitCaller, writesDeferredJoins(body));
    return macroFactory(slots, params, fills, decls, run, spec, this.aeTest(f.fn), loc.line, this.name, this.source);
  }
}

/** The text of an output statement that is only template data, else null. */
function textOf(s: A.Stmt): string | null {
  if (s.type !== 'Output') return null;
  let text = '';
  for (const n of s.nodes) {
    if (n.type !== 'TemplateData') return null;
    text += n.data;
  }
  return text;
}
