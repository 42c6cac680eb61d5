/**
 * Scope analysis (Jinja2's idtracking, simplified for JS block scoping). A Frame is one Jinja
 * scope: the template root, a loop body, a macro, a block, a `with`... Names stored in a frame
 * become JS `let` bindings declared when the frame is entered, initialised from the enclosing
 * frame's binding or resolved from the context: the same values Jinja2's VAR_LOAD_ALIAS /
 * VAR_LOAD_RESOLVE produce.
 */

import type * as A from '../syntax/ast.js';

let identCounter = 0;
const USES = new WeakMap<A.Stmt[], Map<string, Use>>();
const NO_USES = new Map<string, Use>();

export class Frame {
  /** Set for root-level frames (root and its if-branches): assignments also go to ctx.vars. */
  toplevel = false;
  /** Inside if/condexpr: unknown filters/tests fail at run time, not compile time (Jinja2 3). */
  soft = false;
  /** Loop frames allow break/continue. */
  loop = false;
  /** The statements this frame declares its names for (frameDecls), for Jinja2's aliasing rule. */
  private stmts: A.Stmt[] | null = null;
  /** softCopy's result, made once: every `if` and inline `if` asks for one. */
  private softTwin: Frame | null = null;

  get body(): A.Stmt[] | null {
    return this.stmts;
  }

  set body(body: A.Stmt[] | null) {
    this.stmts = body;
    this.softTwin = null; // a copy made before (macro defaults) keeps the old body, as before
  }

  /** firstUses of `body` (empty without one), computed once per body even across soft copies. */
  uses(): Map<string, Use> {
    if (this.stmts === null) return NO_USES;
    let m = USES.get(this.stmts);
    if (m === undefined) USES.set(this.stmts, (m = firstUses(this.stmts)));
    return m;
  }

  /** `symbols` is given only by withSoft: a soft copy shares its frame's names. */
  constructor(readonly parent: Frame | null, readonly fn: FnScope, readonly symbols = new Map<string, string>()) {}

  inner(fn: FnScope = this.fn): Frame {
    return new Frame(this, fn);
  }

  softCopy(): Frame {
    return (this.softTwin ??= this.withSoft(true));
  }

  /** The same frame with unknown filters/tests failing at compile time again. */
  hardCopy(): Frame {
    return this.soft ? this.withSoft(false) : this;
  }

  private withSoft(soft: boolean): Frame {
    const f = new Frame(this.parent, this.fn, this.symbols);
    f.toplevel = this.toplevel;
    f.soft = soft;
    f.loop = this.loop;
    f.stmts = this.stmts;
    return f;
  }

  find(name: string): string | undefined {
    for (let f: Frame | null = this; f; f = f.parent) {
      const id = f.symbols.get(name);
      if (id !== undefined) return id;
    }
    return undefined;
  }

  declare(name: string): string {
    const id = `l_${++identCounter % 1000000}_${mangle(name)}`;
    this.symbols.set(name, id);
    return id;
  }
}

/** One generated JS function: owns its temporaries and its context resolutions. */
export class FnScope {
  temps: string[] = [];
  /** Context names resolved at function entry: name -> ident. */
  readonly resolves = new Map<string, string>();
  /** Filters and tests looked up at function entry: name -> ident (one map each: no joined keys). */
  readonly filterDeps = new Map<string, string>();
  readonly testDeps = new Map<string, string>();
  /** Everything the three maps hold, in first-use order (the order of the hoisted lines). */
  readonly lookups: Lookup[] = [];
  /** Numbers temporaries and unique suffixes alike, so both stay distinct. */
  private count = 0;
  constructor(readonly parent: FnScope | null, readonly isTop: boolean) {}

  temp(): string {
    const t = `t${this.count++}`;
    this.temps.push(t);
    return t;
  }

  /** A unique suffix for loop and macro names (`it3`, `macro3`): no temporary declared. */
  uid(): number {
    return this.count++;
  }

  /** Context resolutions live in the top-level function (root or block). */
  top(): FnScope {
    let f: FnScope = this;
    while (!f.isTop && f.parent) f = f.parent;
    return f;
  }
}

/** Deterministic per-compile identifiers: reset between compiles so output is stable. */
export function resetIdents(): void {
  identCounter = 0;
}

/** Jinja names may contain Unicode letters; JS idents are kept ASCII for safety. */
export function mangle(name: string): string {
  for (let i = 0; i < name.length; i++) { // most names are plain: skip the regex
    const c = name.charCodeAt(i);
    if (!((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95)) {
      return name.replace(/[^A-Za-z0-9_]/g, (ch) => `$${ch.codePointAt(0)!.toString(16)}`);
    }
  }
  return name;
}

/** Names assigned directly in this frame's body (not in nested frames), in order. */
export function findStores(body: A.Stmt[], out: string[] = []): string[] {
  collectStores(body, out, new Set(out));
  return out;
}

/** findStores' walk; `seen` mirrors `out` so a scope setting many names stays linear. */
function collectStores(body: A.Stmt[], out: string[], seen: Set<string>): void {
  for (const s of body) {
    switch (s.type) {
      case 'Assign':
      case 'AssignBlock':
        addTarget(s.target, out, seen);
        break;
      case 'Macro':
        addStore(s.name, out, seen);
        break;
      case 'Import':
        addStore(s.target, out, seen);
        break;
      case 'FromImport':
        for (const [, alias] of s.names) addStore(alias, out, seen);
        break;
      case 'If':
        collectStores(s.body, out, seen);
        for (const e of s.elif) collectStores(e.body, out, seen);
        collectStores(s.else_, out, seen);
        break;
      default:
        break;
    }
  }
}

function addStore(name: string, out: string[], seen: Set<string>): void {
  if (!seen.has(name)) {
    seen.add(name);
    out.push(name);
  }
}

function addTarget(t: A.Expr, out: string[], seen: Set<string>): void {
  if (t.type === 'Name') addStore(t.name, out, seen);
  else if (t.type === 'Tuple') for (const item of t.items) addTarget(item, out, seen);
}

/**
 * Depth-first, pre-order walk over the AST nodes in `node` (children in field order) until
 * `visit` returns true; returns whether it did. Known node types are walked by a switch with
 * direct field reads (the scope passes walk whole bodies often: generic key enumeration, and
 * then a field table read with varying keys, made them a large share of compiling); any other
 * object has all its fields but `loc` walked.
 */
export function someNode(node: unknown, visit: (n: A.Node) => boolean): boolean {
  if (node === null || typeof node !== 'object') return false;
  if (Array.isArray(node)) return someNodeIn(node, visit);
  const n = node as A.Node;
  if (visit(n)) return true;
  // commonest types first (string cases are compared in order)
  switch (n.type) {
    case 'Name': case 'Const': case 'TemplateData': case 'NSRef': case 'Break': case 'Continue': case 'Debug':
      return false;
    case 'Getattr': case 'Not': case 'Neg': case 'Pos': case 'ExprStmt': return someNode(n.node, visit);
    case 'Filter': case 'Call': case 'Test':
      return someNode(n.node, visit) || someNodeIn(n.args, visit) || someNodeIn(n.kwargs, visit)
        || someNode(n.dynArgs, visit) || someNode(n.dynKwargs, visit);
    case 'Output': case 'Concat': return someNodeIn(n.nodes, visit);
    case 'If':
      return someNode(n.test, visit) || someNodeIn(n.body, visit) || someNodeIn(n.elif, visit) || someNodeIn(n.else_, visit);
    case 'Compare': return someNode(n.expr, visit) || someNodeIn(n.ops, visit);
    case 'Operand': return someNode(n.expr, visit);
    case 'For':
      return someNode(n.target, visit) || someNode(n.iter, visit) || someNodeIn(n.body, visit)
        || someNodeIn(n.else_, visit) || someNode(n.test, visit);
    case 'BinExpr': case 'And': case 'Or': return someNode(n.left, visit) || someNode(n.right, visit);
    case 'Assign': return someNode(n.target, visit) || someNode(n.node, visit);
    case 'Keyword': return someNode(n.value, visit);
    case 'CondExpr': return someNode(n.test, visit) || someNode(n.expr1, visit) || someNode(n.expr2, visit);
    case 'Tuple': case 'List': case 'Dict': return someNodeIn(n.items, visit);
    case 'Pair': return someNode(n.key, visit) || someNode(n.value, visit);
    case 'Getitem': return someNode(n.node, visit) || someNode(n.arg, visit);
    case 'Slice': return someNode(n.start, visit) || someNode(n.stop, visit) || someNode(n.step, visit);
    case 'Macro': return someNodeIn(n.args, visit) || someNodeIn(n.defaults, visit) || someNodeIn(n.body, visit);
    case 'CallBlock':
      return someNode(n.call, visit) || someNodeIn(n.args, visit) || someNodeIn(n.defaults, visit) || someNodeIn(n.body, visit);
    case 'FilterBlock': return someNode(n.filter, visit) || someNodeIn(n.body, visit);
    case 'With': return someNodeIn(n.targets, visit) || someNodeIn(n.values, visit) || someNodeIn(n.body, visit);
    case 'Block': case 'Scope': case 'Template': return someNodeIn(n.body, visit);
    case 'Extends': case 'Include': case 'Import': case 'FromImport': return someNode(n.template, visit);
    case 'AssignBlock': return someNode(n.target, visit) || someNode(n.filter, visit) || someNodeIn(n.body, visit);
    case 'ScopedEvalContextModifier': return someNode(n.autoescape, visit) || someNodeIn(n.body, visit);
    case 'Trans': return someNode(n.count, visit) || someNodeIn(n.variables, visit);
    default: {
      const _known: never = n;
      void _known;
      return someField(node, someNode, visit);
    }
  }
}

/** Both walks' fallback for node types they do not know: `walk` over every field but `loc`. */
function someField(node: object, walk: (v: unknown, visit: (n: A.Node) => boolean) => boolean, visit: (n: A.Node) => boolean): boolean {
  for (const key in node) {
    if (key === 'loc') continue;
    const v = (node as Record<string, unknown>)[key];
    if (v !== null && typeof v === 'object' && walk(v, visit)) return true;
  }
  return false;
}

function someNodeIn(list: readonly unknown[], visit: (n: A.Node) => boolean): boolean {
  for (let i = 0; i < list.length; i++) if (someNode(list[i], visit)) return true;
  return false;
}

/**
 * someNode over statements only (pre-order, in field order). Expressions cannot contain
 * statements, so only the statement fields are followed; an unknown node type falls back to
 * walking all of its fields.
 */
export function someStmt(node: unknown, visit: (n: A.Node) => boolean): boolean {
  if (node === null || typeof node !== 'object') return false;
  if (Array.isArray(node)) return someStmtIn(node, visit);
  const n = node as A.Node;
  // one switch, commonest types first (string cases are compared in order)
  switch (n.type) {
    case 'Output': case 'Assign': case 'Include': case 'Import': case 'FromImport': case 'ExprStmt': case 'Extends':
    case 'Break': case 'Continue': case 'Trans': case 'Debug':
      return visit(n);
    case 'If': return visit(n) || someStmtIn(n.body, visit) || someStmtIn(n.elif, visit) || someStmtIn(n.else_, visit);
    case 'For': return visit(n) || someStmtIn(n.body, visit) || someStmtIn(n.else_, visit);
    case 'Macro': case 'CallBlock': case 'FilterBlock': case 'With': case 'Block': case 'AssignBlock':
    case 'ScopedEvalContextModifier': case 'Scope':
      return visit(n) || someStmtIn(n.body, visit);
    // expressions hold no statements and are not visited
    case 'Name': case 'NSRef': case 'Const': case 'Tuple': case 'List': case 'Dict': case 'CondExpr':
    case 'BinExpr': case 'And': case 'Or': case 'Not': case 'Neg': case 'Pos': case 'Concat': case 'Compare':
    case 'Getattr': case 'Getitem': case 'Slice': case 'Call': case 'Filter': case 'Test': case 'Pair':
    case 'Keyword': case 'Operand':
      return false;
    default:
      // Template, TemplateData and unknown node types: every field
      return visit(n) || someField(node, someStmt, visit);
  }
}

function someStmtIn(list: readonly unknown[], visit: (n: A.Node) => boolean): boolean {
  for (let i = 0; i < list.length; i++) if (someStmt(list[i], visit)) return true;
  return false;
}

/** Does any expression/statement below use `name` as a load (including nested frames)? */
export function usesName(node: unknown, name: string): boolean {
  return someNode(node, (n) => n.type === 'Name' && n.name === name && n.ctx === 'load');
}

/**
 * How a frame first uses each name at its own level, as Jinja2's idtracking sees it: 'store' when
 * a plain store comes first (the variable then starts as missing, so nested scopes that read it
 * before the store see an undefined, not the context), 'read' when a read comes first or the
 * first use is inside an `if` (both resolve from the context); unused names are absent. Bodies
 * of loops, macros, call, filter, set and autoescape blocks and `with` are other frames. One
 * pass for all names: a per-name scan made big templates quadratic.
 */
export function firstUses(body: A.Stmt[]): Map<string, Use> {
  const m = new Map<string, Use>();
  const read = (node: unknown): void => {
    if (node !== null && node !== undefined) {
      someNode(node, (n) => {
        if (n.type === 'Name' && !m.has(n.name)) m.set(n.name, 'read');
        return false;
      });
    }
  };
  const store = (name: string): void => {
    if (!m.has(name)) m.set(name, 'store');
  };
  const storeTarget = (t: A.Expr): void => {
    if (t.type === 'Name') store(t.name);
    else if (t.type === 'Tuple') t.items.forEach(storeTarget);
  };
  for (const s of body) {
    switch (s.type) {
      case 'Assign':
        read(s.node);
        storeTarget(s.target);
        break;
      case 'AssignBlock':
        read(s.filter);
        storeTarget(s.target);
        break;
      case 'Macro':
        s.defaults.forEach(read);
        store(s.name);
        break;
      case 'Import':
        read(s.template);
        store(s.target);
        break;
      case 'FromImport':
        read(s.template);
        for (const [, alias] of s.names) store(alias);
        break;
      case 'If': {
        read(s.test);
        for (const e of s.elif) read(e.test);
        // Jinja2 3.1's branch_update: a name a branch uses that this frame has not stored before
        // resolves from the context, even when every branch stores it
        for (const b of [s.body, ...s.elif.map((e) => e.body), s.else_]) {
          for (const name of firstUses(b).keys()) if (!m.has(name)) m.set(name, 'read');
        }
        break;
      }
      case 'For':
        read(s.iter);
        break;
      case 'CallBlock':
        read(s.call);
        s.defaults.forEach(read);
        break;
      case 'FilterBlock':
        read(s.filter);
        break;
      case 'With':
        s.values.forEach(read);
        break;
      case 'Block':
      case 'Scope':
      case 'ScopedEvalContextModifier': // `{% autoescape %}` is a Scope in Jinja2: its own frame
        break;
      default:
        // outputs, includes, `do`...: any mention is a read
        read(s);
    }
  }
  return m;
}

export type Use = 'store' | 'read';

/** A lookup hoisted to function entry: a context name, or a filter or test. */
export interface Lookup {
  kind: 'resolve' | 'filters' | 'tests';
  name: string;
  id: string;
}
