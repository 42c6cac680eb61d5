/**
 * Statement code generation: turns a template AST into the source of a JS module body that
 * defines `root(ctx)` and one function per block, calling only the runtime (`rt`).
 */

import { foldsToConst } from './const-fold.js';
import { CompiledSyntaxError, TemplateAssertionError, TemplateSyntaxError } from '../errors.js';
import type * as A from '../syntax/ast.js';
import { type CompileEnv, ExprGen } from './codegen-expr.js';
import { findStores, FnScope, Frame, mangle, resetIdents, someStmt, usesName } from './frame.js';
import { codeLit, propKey } from './writer.js';

/** The generated code plus what the runtime needs to map errors back to template lines. */
export interface CompiledCode {
  /** Body of a function taking `rt` and returning `{ root, blocks }`. */
  code: string;
  /** Template line for each generated line (0 = unknown). */
  lineMap: number[];
  blockNames: string[];
}

export function generate(ast: A.Template, env: CompileEnv, name: string | undefined, source: string): CompiledCode {
  resetIdents();
  return new CodeGen(env, name, source).template(ast);
}

class CodeGen extends ExprGen {
  private blocks = new Map<string, A.Block>();
  private hasExtends = false;
  /** True while generating the root function (outputs are guarded after `extends`). */
  private inRoot = false;
  /** Variants: true while output here may be flushed to the render's sink (not captured). */
  private streamPos = false;
  /** Inside a loop whose body defines a macro or caller: the names declared before the loop (see forLoop). */
  private iterLets: string[] | null = null;

  private get variant(): 'async' | 'stream' | undefined {
    return this.env.variant;
  }

  /** `async ` in the async variant, nothing otherwise. */
  private get fnKw(): string {
    return this.variant === 'async' ? 'async ' : '';
  }

  /** `code` awaited in the async variant (a promise there), as is otherwise. */
  private awaited(code: string): string {
    return this.variant === 'async' ? this.awaitPromise(code) : code;
  }

  /** Async variant: every function captures the budget state of the render that calls it. */
  private asyncEntry(): void {
    if (this.variant !== 'async') return;
    this.w.line('const st = rt.cur();');
    this.w.line('let aw$;');
  }

  /**
   * Async variant: a macro or recursive loop stays a level deep until it settles, so runaway
   * recursion fails at `maxDepth` as in sync code (there the host stack counts the levels).
   */
  private depthGuardOpen(): void {
    if (this.variant !== 'async') return;
    this.w.line('rt.enterDepth();');
    this.w.open('try {');
  }

  private depthGuardClose(): void {
    if (this.variant === 'async') this.w.close('} finally { rt.leaveDepth(); }');
  }

  /** Variants: hand the output so far to the sink (statement and output-node boundaries). */
  private flush(): void {
    if (!this.variant || !this.streamPos) return;
    // stream: root and block functions are generators; async: chunks go to the render's sink
    if (this.variant === 'stream') this.w.line('if (out !== "") { yield out; out = ""; }');
    else this.w.line('out = rt.flushOut(ctx, out);');
  }

  /**
   * A call of a root/block function (or an include) at a streaming position: its chunks join
   * ours (`yield*` of its generator; awaited in async code, where it streams to the sink).
   */
  private delegate(code: string): string {
    if (this.variant === 'stream') return `(yield* ${code})`;
    return this.awaited(code);
  }

  template(ast: A.Template): CompiledCode {
    this.hasExtends = collectBlocks(ast.body, this.blocks, this);
    const w = this.w;
    w.line('"use strict";', 0);
    const constsAt = w.length;
    // root
    this.inRoot = true;
    this.topFunction('root', ast.body, (frame) => {
      frame.toplevel = true;
      if (this.hasExtends) w.line('let parent = null;');
      this.frameDecls(frame, ast.body);
      this.body(ast.body, frame);
      if (this.hasExtends) w.line(`if (parent !== null) out += ${this.variant ? this.delegate('parent.root(ctx)') : 'parent.root(ctx)'};`);
    });
    this.inRoot = false;
    for (const [bname, block] of this.blocks) {
      this.topFunction(`block_${mangle(bname)}`, block.body, (frame) => {
        if (usesName(block.body, 'super')) {
          const id = frame.declare('super');
          const superFn = this.variant ? 'rt.superRefVariant' : 'rt.superRef';
          w.line(`const ${id} = ${superFn}(ctx, ${codeLit(bname)}, block_${mangle(bname)});`);
        }
        if (block.required) {
          w.line(`throw rt.runtimeError(${codeLit(`Required block '${bname}' not found.`)});`);
          return;
        }
        this.frameDecls(frame, block.body);
        this.body(block.body, frame);
      }, block.loc.line);
    }
    const blockEntries = [...this.blocks.keys()].map((b) => `${propKey(b)}: block_${mangle(b)}`).join(', ');
    w.line(`return { root, blocks: { __proto__: null, ${blockEntries} } };`, 0);
    const aliases = this.aliases.size ? [`const { ${[...this.aliases].join(', ')} } = rt;`] : [];
    w.insert(constsAt, [...aliases, ...this.consts], 0);
    return { code: w.toString(), lineMap: w.lineMap, blockNames: [...this.blocks.keys()] };
  }

  /** A root or block function: `function name(ctx) { ... return out; }` with hoisted lookups. */
  private topFunction(fname: string, body: A.Stmt[], gen: (frame: Frame) => void, line = 1): void {
    const w = this.w;
    const fn = new FnScope(null, true);
    const frame = new Frame(null, fn);
    // parenthesised: V8 compiles it with the module instead of pre-parsing it now and parsing it
    // again on the first render (measured: first render of a 500-line template 1.3 -> 0.3 ms,
    // compile + first render 20% less)
    w.open(`const ${fname} = (${this.fnKw}function${this.variant === 'stream' ? '*' : ''} ${fname}(ctx) {`, line);
    this.streamPos = this.variant !== undefined;
    w.line('const env = ctx.environment, u = env.mkUndefined;');
    this.asyncEntry();
    w.line('let out = "";');
    const declAt = w.length;
    gen(frame);
    w.line('return out;');
    this.hoist(fn, declAt, w.depth);
    w.close('});');
    this.streamPos = false;
    void body;
  }

  /** Insert temporaries and context/filter lookups at the start of a function. */
  private hoist(fn: FnScope, at: number, depth: number): void {
    const decls: string[] = [];
    if (fn.temps.length) decls.push(`let ${fn.temps.join(', ')};`);
    for (const { kind, name, id } of fn.lookups) {
      if (kind === 'filters') decls.push(`const ${id} = rt.dep(env.filters, ${codeLit(name)}, "filter");`);
      else if (kind === 'tests') decls.push(`const ${id} = rt.dep(env.tests, ${codeLit(name)}, "test");`);
      else if (name === 'self') decls.push(`const ${id} = ${this.variant ? 'rt.selfRefVariant' : 'rt.selfRef'}(ctx);`);
      else decls.push(`const ${id} = ctx.resolve(${codeLit(name)});`);
    }
    this.w.insert(at, decls, depth);
  }

  /** Declare the names a frame stores, initialised as Jinja2 would (outer binding or context). */
  private frameDecls(frame: Frame, body: A.Stmt[]): void {
    frame.body = body;
    for (const n of findStores(body)) {
      if (frame.symbols.has(n)) continue;
      const outer = frame.parent?.find(n);
      const init = outer ?? (n === 'self' ? this.resolved(frame.fn, 'self')
        : this.startsMissing(frame, n) ? `u(null, rt.MISSING, ${codeLit(n)})` : `ctx.resolve(${codeLit(n)})`);
      this.letLine(frame.declare(n), init);
    }
  }

  /**
   * `let id = value;`, or inside a loop whose iterations can outlive themselves (iterLets) an
   * assignment to a variable declared before the loop: one binding per loop, as Python has.
   */
  private letLine(id: string, value: string): void {
    if (this.iterLets === null) {
      this.w.line(`let ${id} = ${value};`);
    } else {
      this.iterLets.push(id);
      this.w.line(`${id} = ${value};`);
    }
  }

  /**
   * Jinja2's idtracking: a name this frame stores before reading starts as missing, unless an
   * enclosing frame uses it at its own level (then the store aliases that frame's value).
   */
  private startsMissing(frame: Frame, name: string): boolean {
    if (frame.uses().get(name) !== 'store') return false;
    for (let p = frame.parent; p !== null; p = p.parent) {
      if (p.uses().has(name)) return false;
    }
    return true;
  }

  private body(stmts: A.Stmt[], f: Frame): void {
    for (const s of stmts) {
      this.flush();
      this.stmt(s, f);
    }
  }

  /** `out += code` honouring the extends output guard in the root function. */
  private emit(code: string): void {
    this.emitOut(code, null);
  }

  /** `out += "text"` (as emit). */
  private emitText(text: string): void {
    this.emitOut(null, text);
  }

  private emitOut(code: string | null, text: string | null): void {
    const guard = this.inRoot && this.hasExtends ? 'if (parent === null) ' : '';
    // variants flush between outputs: one statement each there
    if (this.variant) this.w.line(`${guard}out += ${code ?? codeLit(text!)};`);
    else this.w.output(guard, code, text);
  }

  private outputValue(code: string, node?: A.Expr): string {
    if (this.env.hasFinalize) code = `env.finalize(${code})`;
    // Jinja2 turns constant outputs into text at compile time, escaped by the compile-time
    // autoescape even in a volatile block (where the runtime value may differ)
    if (node !== undefined && this.volatile && foldsToConst(node, this.foldEnv())) {
      return this.staticAutoescape ? `${this.fast('escOut')}(${code})` : `${this.fast('strOut')}(${code})`;
    }
    return this.aeCall('escOut', 'strOut', code);
  }

  /** One statement; the larger kinds have their own methods (a small dispatcher measured faster). */
  private stmt(s: A.Stmt, f: Frame): void {
    const w = this.w;
    w.currentLine = s.loc.line;
    switch (s.type) {
      case 'Output': return this.outputStmt(s, f);
      case 'If': return this.ifStmt(s, f);
      case 'For': return this.forLoop(s, f);
      case 'Assign': return this.assign(s.target, this.expr(s.node, f), f);
      case 'AssignBlock': {
        const buf = this.captureBody(s.body, f);
        let value = this.aeSwitch(`rt.markup(${buf})`, buf);
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
      case 'ExprStmt':
        w.line(`${this.expr(s.node, f)};`);
        return;
      case 'Break':
      case 'Continue':
        // Jinja2 emits the Python statement and Python's compile() rejects it
        if (!f.loop) this.fail(s.type === 'Break' ? "'break' outside loop" : "'continue' not properly in loop", s.loc, CompiledSyntaxError);
        w.line(`${s.type.toLowerCase()};`);
        return;
      case 'ScopedEvalContextModifier': return this.autoescapeStmt(s, f);
      case 'Scope': return this.scopeStmt(s, f);
      case 'Trans':
        this.emit(this.outputValue(this.transExpr(s, f)));
        return;
      case 'Debug':
        this.emit(`rt.debugInfo(ctx, ${this.localsObject(f)})`);
        return;
    }
  }

  private outputStmt(s: A.Output, f: Frame): void {
    const w = this.w;
    for (const n of s.nodes) {
      w.currentLine = n.loc.line;
      if (n.type === 'TemplateData') this.emitText(n.data);
      else if (n.type === 'Call' && this.fusesCallOutput()) {
        if (n !== s.nodes[0]) this.flush();
        this.emit(this.call(n, f, this.autoescape as boolean));
      } else {
        if (n !== s.nodes[0]) this.flush();
        this.emit(this.outputValue(this.expr(n, f), n));
      }
    }
  }

  private ifStmt(s: A.If, f: Frame): void {
    const w = this.w;
    const sf = f.softCopy();
    w.open(`if (${this.cond(s.test, sf)}) {`);
    this.body(s.body, sf);
    for (const e of s.elif) {
      w.currentLine = e.loc.line;
      w.mid(`} else if (${this.cond(e.test, sf)}) {`, e.loc.line);
      this.body(e.body, sf);
    }
    if (s.else_.length) {
      w.mid('} else {');
      this.body(s.else_, sf);
    }
    w.close();
  }

  private macroStmt(s: A.Macro, f: Frame): void {
    const w = this.w;
    const id = f.find(s.name)!;
    const code = this.macroDef(s.name, s.args, s.defaults, s.body, f, s.loc);
    w.line(`${id} = ${code};`);
    if (f.toplevel) w.line(`ctx.setVar(${codeLit(s.name)}, ${id});`);
  }

  private callBlock(s: A.CallBlock, f: Frame): void {
    const caller = this.macroDef('caller', s.args, s.defaults, s.body, f, s.loc);
    const calleeCode = this.expr(s.call.node, f);
    if (!s.call.dynArgs && !s.call.dynKwargs && !s.call.kwargs.some((k) => k.key === 'caller')) {
      const out = this.fusesCallOutput() ? (this.autoescape as boolean) : undefined;
      const call = this.shapedCall(calleeCode, s.call, f, caller, out);
      this.emit(out !== undefined ? call : this.outputValue(this.aw(call)));
      return;
    }
    const { args, kwargs } = this.args(s.call, f);
    // a literal kwargs object takes the caller inline (creating it has no side effects)
    const inline = !s.call.dynKwargs && !s.call.kwargs.some((k) => k.key === 'caller');
    const kw = kwargs === 'null'
      ? `{ __proto__: rt.KW, caller: ${caller} }`
      : inline ? `${kwargs.slice(0, -2)}, caller: ${caller} }` : `rt.withCaller(${kwargs}, ${caller})`;
    const call = `rt.call(env, ctx, ${calleeCode}, ${args}, ${kw})`;
    this.emit(this.outputValue(this.aw(call)));
  }

  private filterBlock(s: A.FilterBlock, f: Frame): void {
    const buf = this.captureBody(s.body, f);
    // Jinja2 writes the filter's result as is: no finalize, no str(), no escaping; and its
    // filter frame is never soft (an unknown filter fails at compile time even under `if`)
    this.emit(`rt.${this.variant ? 'rawOutNow' : 'rawOut'}(${this.filterChain(s.filter, f.hardCopy(), this.aeSwitch(`rt.markup(${buf})`, buf))})`);
  }

  private withStmt(s: A.With, f: Frame): void {
    const w = this.w;
    const values = s.values.map((v) => this.expr(v, f));
    w.open('{');
    const inner = f.inner();
    s.targets.forEach((t, i) => {
      const tmp = f.fn.temp();
      w.line(`${tmp} = ${values[i]};`);
      this.declareTarget(t, tmp, inner);
    });
    this.frameDecls(inner, s.body);
    this.body(s.body, inner);
    w.close();
  }

  private blockStmt(s: A.Block, f: Frame): void {
    const target = s.scoped ? `rt.derived(ctx, ${this.localsObject(f)})` : 'ctx';
    let call = `ctx.blocks[${codeLit(s.name)}][0](${target})`;
    // a block rendered into a capture (set block, macro...) must not reach the sink
    if (this.variant) call = this.streamPos ? this.delegate(call) : this.awaited(`rt.blockNoSink(ctx, ${codeLit(s.name)}, ${target})`);
    this.emit(call);
  }

  private extendsStmt(s: A.Extends, f: Frame): void {
    const w = this.w;
    // Jinja2: only the root frame and its soft copies (if/elif/else) are top level
    if (!f.toplevel) this.fail('cannot use extend from a non top-level scope', s.loc, TemplateAssertionError);
    w.line(`if (parent !== null) throw rt.runtimeError("extended multiple times");`);
    const ref = this.expr(s.template, f);
    const ext = this.variant ? this.awaited(`rt.extendsVariant(env, ctx, ${codeLit(this.variant)}, ${ref})`) : `rt.extendsTemplate(env, ctx, ${ref})`;
    w.line(`parent = ${ext};`);
  }

  private includeStmt(s: A.Include, f: Frame): void {
    const locals = s.withContext ? this.localsObject(f) : 'null';
    const tmpl = this.expr(s.template, f);
    if (this.variant) {
      const args = `${codeLit(this.variant)}, ${this.streamPos}, ${tmpl}, ${s.ignoreMissing}, ${s.withContext}, ${locals}`;
      const inc = `rt.includeVariant(env, ctx, ${args})`;
      this.emit(this.streamPos ? this.delegate(inc) : this.awaited(inc));
    } else this.emit(`rt.include(env, ctx, ${tmpl}, ${s.ignoreMissing}, ${s.withContext}, ${locals})`);
  }

  private importStmt(s: A.Import, f: Frame): void {
    const w = this.w;
    const id = f.find(s.target)!;
    const locals = s.withContext ? this.localsObject(f) : 'null';
    w.line(`${id} = ${this.importCall(this.expr(s.template, f), s.withContext, locals)};`);
    if (f.toplevel) w.line(`ctx.setVar(${codeLit(s.target)}, ${id});`);
  }

  private fromImportStmt(s: A.FromImport, f: Frame): void {
    const w = this.w;
    const mod = f.fn.temp();
    const locals = s.withContext ? this.localsObject(f) : 'null';
    w.line(`${mod} = ${this.importCall(this.expr(s.template, f), s.withContext, locals)};`);
    for (const [nm, alias] of s.names) {
      const id = f.find(alias)!;
      w.line(`${id} = rt.importName(env, ${mod}, ${codeLit(nm)}, ${s.loc.line});`);
      if (f.toplevel && !alias.startsWith('_')) w.line(`ctx.setVar(${codeLit(alias)}, ${id});`);
    }
  }

  private autoescapeStmt(s: A.ScopedEvalContextModifier, f: Frame): void {
    const w = this.w;
    const saved = this.autoescape;
    const savedStatic = this.staticAutoescape;
    const savedVolatile = this.volatile;
    const tmp = f.fn.temp();
    const ae = s.autoescape;
    w.open('{');
    w.line(`${tmp} = ctx.evalCtx.autoescape;`);
    if (ae.type === 'Const') {
      this.autoescape = ae.value !== null && ae.value !== false && ae.value !== 0 && ae.value !== '';
      this.staticAutoescape = this.autoescape;
      w.line(`ctx.evalCtx.autoescape = ${this.autoescape};`);
    } else {
      const flag = f.fn.temp();
      w.line(`${flag} = ${this.fast('truthy')}(${this.expr(ae, f)});`);
      w.line(`ctx.evalCtx.autoescape = ${flag};`);
      this.autoescape = flag;
      // Jinja2 evaluates a constant expression (`1 == 1`) at compile time: not volatile
      if (!foldsToConst(ae, this.foldEnv())) this.volatile = true;
    }
    const inner = f.inner();
    inner.toplevel = false;
    w.open('try {');
    this.frameDecls(inner, s.body);
    this.body(s.body, inner);
    w.close(`} finally { ctx.evalCtx.autoescape = ${tmp}; }`);
    w.close();
    this.autoescape = saved;
    this.staticAutoescape = savedStatic;
    this.volatile = savedVolatile;
  }

  private scopeStmt(s: A.Scope, f: Frame): void {
    const w = this.w;
    w.open('{');
    const inner = f.inner();
    this.frameDecls(inner, s.body);
    this.body(s.body, inner);
    w.close();
  }

  /**
   * `{% trans %}` as Jinja2's `_make_node` builds it: a call of `gettext`/`ngettext`/`pgettext`/
   * `npgettext` (looked up like any template name); new-style passes the variables as keywords,
   * old-style marks the result safe under autoescape and `%`-formats it with the variables.
   */
  private transExpr(s: A.Trans, f: Frame): string {
    const { call, vars } = transNodes(s);
    const callCode = this.expr(call, f);
    if (s.newstyle) return callCode;
    return `rt.trans(${callCode}, ${vars ? this.expr(vars, f) : 'null'}, ${this.aeSwitch('true', 'false')})`;
  }

  private importCall(tmpl: string, withContext: boolean, locals: string): string {
    // imported macros are called from this code: the async variant needs async macros
    if (this.variant === 'async') return this.awaitPromise(`rt.importAsync(env, ctx, ${tmpl}, ${withContext}, ${locals})`);
    return `rt.importTemplate(env, ctx, ${tmpl}, ${withContext}, ${locals})`;
  }

  /** Apply a filter chain (parsed with a null innermost node) to `value`. */
  private filterChain(filter: A.Filter, f: Frame, value: string): string {
    if (filter.node === null) return this.filter(filter, f, value);
    if (filter.node.type !== 'Filter') return this.filter(filter, f, null);
    return this.filter(filter, f, this.filterChain(filter.node, f, value));
  }

  /** Render `body` into a fresh buffer in a new frame; returns the temp holding the string. */
  private captureBody(body: A.Stmt[], f: Frame): string {
    const w = this.w;
    const saved = f.fn.temp();
    const result = f.fn.temp();
    const wasRoot = this.inRoot;
    const wasStream = this.streamPos;
    this.inRoot = false;
    this.streamPos = false;
    // a {% filter %} result that is no string fails when this buffer is joined (rt.rawOut)
    const join = !this.variant && writesDeferredJoins(body) ? f.fn.temp() : null;
    w.line(`${saved} = out; out = "";${join ? ` ${join} = rt.openBuffer();` : ''}`);
    w.open('{');
    const inner = f.inner();
    this.frameDecls(inner, body);
    this.body(body, inner);
    w.close();
    w.line(`${result} = out; out = ${saved};${join ? ` rt.joinBuffer(${join});` : ''}`);
    this.inRoot = wasRoot;
    this.streamPos = wasStream;
    return result;
  }

  private assign(target: A.Expr, value: string, f: Frame): void {
    const w = this.w;
    if (target.type === 'Name') {
      const id = f.find(target.name)!;
      w.line(`${id} = ${value};`);
      if (f.toplevel) w.line(`ctx.setVar(${codeLit(target.name)}, ${id});`);
    } else if (target.type === 'NSRef') {
      const ns = this.name_({ type: 'Name', name: target.name, ctx: 'load', loc: target.loc }, f);
      w.line(`rt.setattr(rt.nsTarget(${ns}), ${codeLit(target.attr)}, ${value});`);
    } else if (target.type === 'Tuple') {
      const tmp = f.fn.temp();
      w.line(`${tmp} = ${this.fast('unpack')}(${value}, ${target.items.length});`);
      target.items.forEach((item, i) => this.assign(item, `${tmp}[${i}]`, f));
    } else {
      this.fail(`can't assign to '${target.type.toLowerCase()}'`, target.loc, TemplateSyntaxError);
    }
  }

  /** Bind a loop/with target in `frame` (declaring new names) from the JS expression `value`. */
  private declareTarget(target: A.Expr, value: string, frame: Frame): void {
    const w = this.w;
    if (target.type === 'Name') {
      this.letLine(frame.declare(target.name), value);
    } else if (target.type === 'Tuple') {
      const tmp = frame.fn.temp();
      w.line(`${tmp} = ${this.fast('unpack')}(${value}, ${target.items.length});`);
      target.items.forEach((item, i) => this.declareTarget(item, `${tmp}[${i}]`, frame));
    } else {
      this.fail(`can't assign to '${target.type.toLowerCase()}'`, target.loc, TemplateSyntaxError);
    }
  }

  /** `{ __proto__: null, name: ident, ... }` of every local visible from `f` (inner wins). */
  private localsObject(f: Frame): string {
    const seen = new Map<string, string>();
    for (let fr: Frame | null = f; fr; fr = fr.parent) {
      for (const [n, id] of fr.symbols) if (!seen.has(n)) seen.set(n, id);
    }
    const parts = [...seen].filter(([n]) => n !== 'super').map(([n, id]) => `${propKey(n)}: ${id}`);
    return `{ __proto__: null${parts.length ? ', ' + parts.join(', ') : ''} }`;
  }

  private forLoop(s: A.For, f: Frame): void {
    const outerLets = this.iterLets;
    try {
      // a loop inside one that gives its names one binding shares that list (tier 0 has one slot
      // per name in the whole function); a recursive loop is a function of its own
      this.forLoopIn(s, f, s.recursive ? null : outerLets);
    } finally {
      this.iterLets = outerLets;
    }
  }

  private forLoopIn(s: A.For, f: Frame, sharedLets: string[] | null): void {
    const w = this.w;
    const n = f.fn.uid();
    this.iterLets = null; // the recursive loop's function and the filter code below declare their own
    // only the body: `loop` in the filter test (`for x in y if loop...`) is the outer name, as in Jinja2
    const usesLoop = usesName(s.body, 'loop');
    const iterCode = this.expr(s.iter, f);
    let fnScope = f.fn;
    const wasStream = this.streamPos;
    if (s.recursive) {
      fnScope = new FnScope(f.fn, false);
      this.streamPos = false;
      w.open(`const loopfn${n} = ${this.fnKw}(iterv${n}, depth0${n}) => {`);
      this.asyncEntry();
      this.depthGuardOpen();
      w.line('let out = "";');
      // a recursive loop joins its own buffer (a non-string {% filter %} result fails there)
      if (!this.variant && writesDeferredJoins(s.body)) w.line(`const join${n} = rt.openBuffer();`);
    }
    const declAt = w.length;
    const depth0 = s.recursive ? `depth0${n}` : '0';
    const src = s.recursive ? `iterv${n}` : iterCode;
    const wasRoot = this.inRoot;
    if (s.recursive) this.inRoot = false;
    w.open('{');
    // sync and stream code filter lazily, as Jinja2's generator does (rt.FilteredItems). Async
    // code's tests may await, which loop.last/length cannot: there a body that does not use
    // `loop` tests each item just before its body (fused), and one that does filters first.
    const lazy = s.test !== null && this.variant !== 'async';
    const fused = s.test !== null && this.variant === 'async' && !usesLoop && !s.recursive;
    if (fused) {
      w.line(`const it${n} = ${this.iterCall(src)};`);
    } else if (lazy) {
      w.line(`const src${n} = ${this.iterCall(src)};`);
      w.line(`let j${n} = 0;`);
      w.open(`const fi${n} = new rt.FilteredItems(() => {`);
      w.open(`while (j${n} < src${n}.length) {`);
      w.line(`const v${n} = src${n}[j${n}++];`);
      w.line(`if (${this.loopFilter(s, f, fnScope, `v${n}`)}) return v${n};`);
      w.close();
      w.line('return rt.MISSING;');
      w.close('});');
      w.line(`const it${n} = fi${n}.items;`);
    } else if (s.test) {
      w.line(`const src${n} = ${this.iterCall(src)};`);
      w.line(`const it${n} = [];`);
      w.open(`for (let j${n} = 0; j${n} < src${n}.length; j${n}++) {`);
      w.line(`if (${this.loopFilter(s, f, fnScope, `src${n}[j${n}]`)}) it${n}.push(src${n}[j${n}]);`);
      w.close();
    } else {
      w.line(`const it${n} = ${this.iterCall(src)};`);
    }
    if (usesStoreName(s.target, 'loop')) {
      this.fail("Can't assign to special loop variable in for-loop target", s.target.loc);
    }
    // A macro or caller defined in the body can be called after its iteration (kept in a list):
    // Python sees the loop's variables as they are then, so the outermost such loop of a function
    // declares its names, its inner loops' and its else's once, before it, instead of a JS `let`
    // per iteration (tier 0 keeps them in the function's slots too).
    const letsAt = w.length;
    const letsDepth = w.depth;
    const ownLets = sharedLets === null && someStmt(s.body, (x) => x.type === 'Macro' || x.type === 'CallBlock') ? [] : null;
    this.iterLets = sharedLets ?? ownLets;
    const lf = new Frame(f, fnScope);
    lf.loop = true;
    let loopId = '';
    if (usesLoop || s.recursive) {
      loopId = lf.declare('loop');
      const recurse = s.recursive
        ? this.aeSwitch(this.variant === 'async' ? `async (i, d) => rt.markup(await loopfn${n}(i, d))` : `(i, d) => rt.markup(loopfn${n}(i, d))`, `loopfn${n}`)
        : 'null';
      const ctx = `new ${this.fast('LoopContext')}(it${n}, ${depth0}, ${recurse}, u${lazy ? `, fi${n}` : ''})`;
      if (this.iterLets !== null) this.letLine(loopId, ctx);
      else w.line(`const ${loopId} = ${ctx};`);
    }
    // Jinja2 marks the loop as having run at the *end* of a body, so an iteration left by
    // `break` or `continue` does not count for `else`
    if (s.else_.length) w.line(`let ran${n} = false;`);
    w.open(lazy ? `for (let i${n} = 0; fi${n}.has(i${n}); i${n}++) {` : `for (let i${n} = 0; i${n} < it${n}.length; i${n}++) {`);
    if (fused) {
      w.open('{');
      w.line(`if (!${this.loopFilter(s, f, fnScope, `it${n}[i${n}]`)}) continue;`);
      w.close();
    }
    w.line(`${this.fast('tick')}(out.length);`);
    if (loopId) w.line(`${loopId}.index0 = i${n};`);
    this.declareTarget(s.target, `it${n}[i${n}]`, lf);
    this.frameDecls(lf, s.body);
    this.body(s.body, lf);
    if (s.else_.length) w.line(`ran${n} = true;`);
    w.close();
    if (s.else_.length) {
      w.open(`if (!ran${n}) {`);
      // Jinja2's else_frame: an inner frame, so its sets neither leak nor export
      const ef = f.inner(fnScope);
      this.frameDecls(ef, s.else_);
      this.body(s.else_, ef);
      w.close();
    }
    if (ownLets !== null && ownLets.length) w.insert(letsAt, [`let ${ownLets.join(', ')};`], letsDepth);
    this.iterLets = null;
    w.close();
    if (s.recursive) {
      if (!this.variant && writesDeferredJoins(s.body)) w.line(`rt.joinBuffer(join${n});`);
      w.line('return out;');
      this.hoist(fnScope, declAt, w.depth);
      this.depthGuardClose();
      w.close('};');
      this.inRoot = wasRoot;
      this.streamPos = wasStream;
      const call = this.awaited(`loopfn${n}(${iterCode}, 0)`);
      this.emit(this.aeSwitch(call, call));
    }
  }

  /**
   * A loop's `if` test on the item `value`: binds the target in a test frame (Jinja2's
   * test_frame is frame.inner(): never soft, even inside an `if`) and returns the condition.
   */
  private loopFilter(s: A.For, f: Frame, fnScope: FnScope, value: string): string {
    const lets = this.iterLets;
    this.iterLets = null; // the test's own binding, inside the test
    try {
      const tf = new Frame(f, fnScope);
      this.declareTarget(s.target, value, tf);
      return this.cond(s.test!, tf);
    } finally {
      this.iterLets = lets;
    }
  }

  /** The items of a loop: async iterables and promised sequences are awaited in the async variant. */
  private iterCall(src: string): string {
    return this.variant === 'async' ? this.awaitPromise(`rt.iterateAsync(${src})`) : `${this.fast('iterate')}(${src})`;
  }

  /** A `new rt.Macro(...)` expression for a macro or a call block's caller. */
  private macroDef(name: string, args: A.Name[], defaults: A.Expr[], body: A.Stmt[], f: Frame, loc: A.Loc): string {
    const w = this.w;
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
    const params = args.map((a) => mf.declare(a.name));
    if (usesCaller && !explicitCaller) params.push(mf.declare('caller'));
    if (usesKwargs) params.push(mf.declare('kwargs'));
    if (usesVarargs) params.push(mf.declare('varargs'));
    const fname = `macro${f.fn.uid()}`;
    const wasRoot = this.inRoot;
    const wasStream = this.streamPos;
    const outerLets = this.iterLets;
    this.iterLets = null; // a new function: its names are its own
    this.inRoot = false;
    this.streamPos = false;
    w.open(`${this.fnKw}function ${fname}(${params.join(', ')}) {`, loc.line);
    this.asyncEntry();
    this.depthGuardOpen();
    w.line('let out = "";');
    const declAt = w.length;
    const firstDefault = args.length - defaults.length;
    args.forEach((a, i) => {
      const id = params[i]!;
      if (i >= firstDefault) {
        w.line(`if (${id} === rt.MISSING) ${id} = ${this.expr(defaults[i - firstDefault]!, mf)};`);
      } else {
        w.line(`if (${id} === rt.MISSING) ${id} = u(${codeLit(`parameter '${a.name}' was not provided`)}, rt.MISSING, ${codeLit(a.name)});`);
      }
    });
    this.frameDecls(mf, body);
    this.body(body, mf);
    w.line('return out;');
    this.hoist(fn, declAt, w.depth);
    this.depthGuardClose();
    w.close('}');
    this.inRoot = wasRoot;
    this.streamPos = wasStream;
    this.iterLets = outerLets;
    // what is known at compile time is built once per template module, not per render
    const argNames = `[${args.map((a) => codeLit(a.name)).join(', ')}]`;
    const buffered = writesDeferredJoins(body);
    const flags = `${usesKwargs}, ${usesVarargs}, ${usesCaller && !explicitCaller}, ${buffered}`;
    const spec = this.hoistConst('ms', `new rt.MacroSpec(${codeLit(name)}, ${argNames}, ${flags})`);
    return `new rt.Macro(env, ${fname}, ${spec}, ${this.aeSwitch('true', 'false')})`;
  }
}



/**
 * The expressions `{% trans %}` stands for, as Jinja2's `_make_node` builds them: the call of
 * `gettext`/`ngettext`/`pgettext`/`npgettext` (new-style: the variables as keywords, except a
 * `num` that is the count), and for old-style the dict of variables to `%`-format with (null
 * without variables). Both tiers compile these nodes.
 */
export function transNodes(s: A.Trans): { call: A.Call; vars: A.DictExpr | null } {
  const str = (value: string): A.Const => ({ type: 'Const', value, loc: s.loc });
  const args: A.Expr[] = [str(s.singular)];
  if (s.context !== null) args.unshift(str(s.context));
  if (s.count !== null) args.push(str(s.plural ?? ''), s.count);
  const fname = `${s.count !== null ? 'n' : ''}${s.context !== null ? 'p' : ''}gettext`;
  const kwargs: A.Keyword[] = s.newstyle
    ? s.variables
      .filter(([k]) => !(s.numCalledNum && k === 'num'))
      .map(([key, value]) => ({ type: 'Keyword', key, value, loc: value.loc }))
    : [];
  const call: A.Call = {
    type: 'Call', node: { type: 'Name', name: fname, ctx: 'load', loc: s.loc }, args, kwargs, dynArgs: null, dynKwargs: null, loc: s.loc,
  };
  const vars: A.DictExpr | null = s.variables.length
    ? { type: 'Dict', items: s.variables.map(([k, v]) => ({ type: 'Pair', key: str(k), value: v, loc: v.loc })), loc: s.loc }
    : null;
  return { call, vars };
}

/**
 * Whether output written by `body` can hold a `{% filter %}` result whose join error waits for
 * the end of the enclosing buffer (macro, block set, recursive loop): its own filter blocks, and
 * those of templates it includes (they write into the same buffer, as in Jinja2).
 */
export function writesDeferredJoins(body: A.Stmt[]): boolean {
  return someStmt(body, (n) => n.type === 'FilterBlock' || n.type === 'Include');
}

export function usesStoreName(t: A.Expr, name: string): boolean {
  if (t.type === 'Name') return t.name === name;
  return t.type === 'Tuple' && t.items.some((i) => usesStoreName(i, name));
}

/** Collect the blocks (rejecting duplicates) in one walk; returns whether there is an `extends`. */
export function collectBlocks(body: A.Stmt[], out: Map<string, A.Block>, gen: { fail: ExprGen['fail'] }): boolean {
  let hasExtends = false;
  someStmt(body, (n) => {
    if (n.type === 'Extends') hasExtends = true;
    else if (n.type === 'Block') {
      if (out.has(n.name)) gen.fail(`block '${n.name}' defined twice`, n.loc, TemplateAssertionError);
      out.set(n.name, n);
    }
    return false;
  });
  return hasExtends;
}
