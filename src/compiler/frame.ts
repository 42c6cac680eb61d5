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
  readonly symbols = new Map<string, string>();
  /** Set for root-level frames (root and its if-branches): assignments also go to ctx.vars. */
  toplevel = false;
  /** Inside if/condexpr: unknown filters/tests fail at run time, not compile time (Jinja2 3). */
  soft = false;
  /** Loop frames allow break/continue. */
  loop = false;
  /** The statements this frame declares its names for (frameDecls), for Jinja2's aliasing rule. */
  body: A.Stmt[] | null = null;

  /** firstUses of `body` (empty without one), computed once per body even across soft copies. */
  uses(): Map<string, Use> {
    if (this.body === null) return NO_USES;
    let m = USES.get(this.body);
    if (m === undefined) USES.set(this.body, (m = firstUses(this.body)));
    return m;
  }

  constructor(readonly parent: Frame | null, readonly fn: FnScope) {}

  inner(fn: FnScope = this.fn): Frame {
    return new Frame(this, fn);
  }

  softCopy(): Frame {
    return this.withSoft(true);
  }

  /** The same frame with unknown filters/tests failing at compile time again. */
  hardCopy(): Frame {
    return this.soft ? this.withSoft(false) : this;
  }

  private withSoft(soft: boolean): Frame {
    const f = Object.create(Frame.prototype) as Frame;
    Object.assign(f, this);
    f.soft = soft;
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
  resolves = new Map<string, string>();
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
  for (const s of body) {
    switch (s.type) {
      case 'Assign':
      case 'AssignBlock':
        addTarget(s.target, out);
        break;
      case 'Macro':
        addStore(s.name, out);
        break;
      case 'Import':
        addStore(s.target, out);
        break;
      case 'FromImport':
        for (const [, alias] of s.names) addStore(alias, out);
        break;
      case 'If':
        findStores(s.body, out);
        for (const e of s.elif) findStores(e.body, out);
        findStores(s.else_, out);
        break;
      default:
        break;
    }
  }
  return out;
}

function addStore(name: string, out: string[]): void {
  if (!out.includes(name)) out.push(name);
}

function addTarget(t: A.Expr, out: string[]): void {
  if (t.type === 'Name') addStore(t.name, out);
  else if (t.type === 'Tuple') for (const item of t.items) addTarget(item, out);
}

/**
 * Depth-first, pre-order walk over the AST nodes in `node` (children in field order) until
 * `visit` returns true; returns whether it did. Known node types follow NODE_FIELDS (the scope
 * passes walk whole bodies often: generic key enumeration made them a large share of compiling);
 * any other object has all its fields but `loc` walked.
 */
export function someNode(node: unknown, visit: (n: A.Node) => boolean): boolean {
  if (node === null || typeof node !== 'object') return false;
  if (Array.isArray(node)) {
    for (let i = 0; i < node.length; i++) if (someNode(node[i], visit)) return true;
    return false;
  }
  if (visit(node as A.Node)) return true;
  const fields = NODE_FIELD_MAP.get((node as { type?: unknown }).type as string);
  if (fields === undefined) {
    for (const key in node) {
      if (key === 'loc') continue;
      const v = (node as Record<string, unknown>)[key];
      if (v !== null && typeof v === 'object' && someNode(v, visit)) return true;
    }
    return false;
  }
  for (let i = 0; i < fields.length; i++) {
    const v = (node as Record<string, unknown>)[fields[i]!];
    if (v !== null && typeof v === 'object' && someNode(v, visit)) return true;
  }
  return false;
}

type AnyNode = A.Node;
/** The fields of each node type that can hold nodes, in declaration order. */
const NODE_FIELDS: { [T in AnyNode['type']]: readonly (keyof Extract<AnyNode, { type: T }>)[] } = {
  Name: [], NSRef: [], Const: [], Tuple: ['items'], List: ['items'], Pair: ['key', 'value'], Dict: ['items'],
  Keyword: ['value'], CondExpr: ['test', 'expr1', 'expr2'], BinExpr: ['left', 'right'], And: ['left', 'right'],
  Or: ['left', 'right'], Not: ['node'], Neg: ['node'], Pos: ['node'], Concat: ['nodes'], Operand: ['expr'],
  Compare: ['expr', 'ops'], Getattr: ['node'], Getitem: ['node', 'arg'], Slice: ['start', 'stop', 'step'],
  Call: ['node', 'args', 'kwargs', 'dynArgs', 'dynKwargs'], Filter: ['node', 'args', 'kwargs', 'dynArgs', 'dynKwargs'],
  Test: ['node', 'args', 'kwargs', 'dynArgs', 'dynKwargs'], TemplateData: [], Output: ['nodes'],
  If: ['test', 'body', 'elif', 'else_'], For: ['target', 'iter', 'body', 'else_', 'test'],
  Macro: ['args', 'defaults', 'body'], CallBlock: ['call', 'args', 'defaults', 'body'], FilterBlock: ['filter', 'body'],
  With: ['targets', 'values', 'body'], Block: ['body'], Extends: ['template'], Include: ['template'],
  Import: ['template'], FromImport: ['template'], ExprStmt: ['node'], Assign: ['target', 'node'],
  AssignBlock: ['target', 'filter', 'body'], ScopedEvalContextModifier: ['autoescape', 'body'], Break: [],
  Continue: [], Scope: ['body'], Trans: ['count', 'variables'], Debug: [], Template: ['body'],
};
const NODE_FIELD_MAP = new Map<string, readonly string[]>(Object.entries(NODE_FIELDS));

/** Expression node types: none of them holds a statement (see someStmt). */
const EXPR_TYPES: Record<A.Expr['type'] | 'Pair' | 'Keyword' | 'Operand', true> = {
  Name: true, NSRef: true, Const: true, Tuple: true, List: true, Dict: true, CondExpr: true, BinExpr: true,
  And: true, Or: true, Not: true, Neg: true, Pos: true, Concat: true, Compare: true, Getattr: true,
  Getitem: true, Slice: true, Call: true, Filter: true, Test: true, Pair: true, Keyword: true, Operand: true,
};

/** The fields of each statement type that hold statements (If's `elif` holds If nodes). */
const STMT_FIELDS: { [T in A.Stmt['type']]: readonly (keyof Extract<A.Stmt, { type: T }>)[] } = {
  Output: [], If: ['body', 'elif', 'else_'], For: ['body', 'else_'], Macro: ['body'], CallBlock: ['body'],
  FilterBlock: ['body'], With: ['body'], Block: ['body'], Extends: [], Include: [], Import: [], FromImport: [],
  ExprStmt: [], Assign: [], AssignBlock: ['body'], ScopedEvalContextModifier: ['body'], Break: [], Continue: [],
  Scope: ['body'], Trans: [], Debug: [],
};
const STMT_FIELD_MAP = new Map<string, readonly string[]>(Object.entries(STMT_FIELDS));
const EXPR_TYPE_SET = new Set(Object.keys(EXPR_TYPES));

/**
 * someNode over statements only (pre-order, in field order). Expressions cannot contain
 * statements, so only the statement fields are followed; an unknown node type falls back to
 * walking all of its fields.
 */
export function someStmt(node: unknown, visit: (n: A.Node) => boolean): boolean {
  if (node === null || typeof node !== 'object') return false;
  if (Array.isArray(node)) {
    for (let i = 0; i < node.length; i++) if (someStmt(node[i], visit)) return true;
    return false;
  }
  const type = (node as { type?: unknown }).type as string;
  if (EXPR_TYPE_SET.has(type)) return false;
  if (visit(node as A.Node)) return true;
  const fields = STMT_FIELD_MAP.get(type) ?? Object.keys(node).filter((k) => k !== 'loc');
  for (let i = 0; i < fields.length; i++) {
    const v = (node as Record<string, unknown>)[fields[i]!];
    if (v !== null && typeof v === 'object' && someStmt(v, visit)) return true;
  }
  return false;
}

/** Does any expression/statement below use `name` as a load (including nested frames)? */
export function usesName(node: unknown, name: string): boolean {
  return someNode(node, (n) => n.type === 'Name' && n.name === name && n.ctx === 'load');
}

/**
 * How a frame first uses each name at its own level, as Jinja2's idtracking sees it: 'store' when
 * a plain store comes first (the variable then starts as missing, so nested scopes that read it
 * before the store see an undefined, not the context), 'read' when a read comes first or a store
 * happens in only some branches of an `if` (both resolve from the context); unused names are
 * absent. Bodies of loops, macros, call, filter, set and autoescape blocks and `with` are other
 * frames. One pass for all names: a per-name scan made big templates quadratic.
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
        // Jinja2's branch_update: a store in only some branches resolves from the context
        const branches = [s.body, ...s.elif.map((e) => e.body), s.else_].map(firstUses);
        for (const b of branches) {
          for (const name of b.keys()) {
            if (!m.has(name)) m.set(name, branches.every((o) => o.get(name) === 'store') ? 'store' : 'read');
          }
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
