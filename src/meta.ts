/**
 * Template introspection, as jinja2.meta: the context variables a template needs, the templates
 * it references, with positions; and a TypeScript type for its context inferred from use.
 */

import { Environment } from './environment.js';
import type * as A from './syntax/ast.js';
import { GLOBALS } from './builtins/globals.js';

/** A template as source (parsed with `environment`, default a plain Environment) or an AST. */
export type TemplateInput = string | A.Template;

/** A position in a template (1-based line and column). */
export interface MetaPosition {
  line: number;
  column: number;
}

let defaultEnv: Environment | undefined;

/** Parse source with `environment` (default: a plain Environment); ASTs pass through. */
export function toAst(input: TemplateInput, environment?: Environment): A.Template {
  if (typeof input !== 'string') return input;
  return (environment ?? (defaultEnv ??= new Environment())).parse(input);
}

const pos = (loc: A.Loc): MetaPosition => ({ line: loc.line, column: loc.col });

/**
 * Jinja2's symbol tracking (idtracking.py) for one frame: a name loaded before any binding is
 * resolved from the context, which is what makes it "undeclared".
 */
class Symbols {
  refs = new Set<string>();
  stores = new Set<string>();
  constructor(readonly parent: Symbols | null, readonly report: (name: string) => void) {}

  find(name: string): boolean {
    return this.refs.has(name) || (this.parent?.find(name) ?? false);
  }

  load(name: string): void {
    if (this.find(name)) return;
    this.refs.add(name);
    this.report(name);
  }

  store(name: string): void {
    this.stores.add(name);
    this.refs.add(name);
  }

  copy(): Symbols {
    const c = new Symbols(this.parent, this.report);
    c.refs = new Set(this.refs);
    c.stores = new Set(this.stores);
    return c;
  }

  /** After an `if` (Jinja2 3.1's branch_update): a name a branch stores is resolved unless aliased from outside. */
  branchUpdate(branches: Symbols[]): void {
    const stored = new Set<string>();
    for (const b of branches) for (const t of b.stores) if (!this.stores.has(t)) stored.add(t);
    for (const b of branches) {
      for (const r of b.refs) this.refs.add(r);
      for (const s of b.stores) this.stores.add(s);
    }
    for (const name of stored) if (!this.parent?.find(name)) this.report(name);
  }
}

/** Jinja2's FrameSymbolVisitor: what a frame's own statements bind and load (not nested frames). */
function visitFrame(node: A.Node | A.Node[] | null, sym: { s: Symbols }, nested: (run: () => void) => void, param = false): void {
  if (node === null) return;
  if (Array.isArray(node)) {
    for (const n of node) visitFrame(n, sym, nested, param);
    return;
  }
  const s = sym.s;
  const v = (n: A.Node | A.Node[] | null, p = false) => visitFrame(n, sym, nested, p);
  switch (node.type) {
    case 'Name':
      if (param || node.ctx === 'param' || node.ctx === 'store') s.store(node.name);
      else s.load(node.name);
      return;
    case 'NSRef': s.load(node.name); return;
    case 'If': {
      v(node.test);
      const branch = (nodes: A.Node[]): Symbols => {
        const saved = sym.s;
        sym.s = saved.copy();
        v(nodes);
        const rv = sym.s;
        sym.s = saved;
        return rv;
      };
      s.branchUpdate([branch(node.body), branch(node.elif), branch(node.else_)]);
      return;
    }
    case 'Macro':
      s.store(node.name);
      nested(() => macroFrame(node.args, node.defaults, node.body, s, nested));
      return;
    case 'CallBlock':
      v(node.call);
      nested(() => macroFrame(node.args, node.defaults, node.body, s, nested));
      return;
    case 'Import': v(node.template); s.store(node.target); return;
    case 'FromImport':
      v(node.template);
      for (const [, alias] of node.names) s.store(alias);
      return;
    case 'Assign': v(node.node); v(node.target); return;
    case 'AssignBlock':
      v(node.target);
      if (node.filter) v(node.filter);
      nested(() => innerFrame(node.body, [], s, nested));
      return;
    case 'For':
      v(node.iter);
      nested(() => {
        innerFrame(node.body, [node.target], s, nested, usesName(node.body, 'loop') || node.recursive ? ['loop'] : []);
        if (node.test) innerFrame([], [node.target], s, nested, [], node.test);
        innerFrame(node.else_, [], s, nested);
      });
      return;
    case 'FilterBlock': v(node.filter); nested(() => innerFrame(node.body, [], s, nested)); return;
    case 'With':
      v(node.values);
      nested(() => innerFrame(node.body, node.targets, s, nested));
      return;
    case 'Scope': nested(() => innerFrame(node.body, [], s, nested)); return;
    case 'ScopedEvalContextModifier': v(node.autoescape); v(node.body); return;
    case 'Block':
      // blocks render in a frame of their own, without the template's locals
      nested(() => innerFrame(node.body, [], null, nested, usesName(node.body, 'super') ? ['super'] : [], null, s));
      return;
    case 'Trans':
      if (node.count) v(node.count);
      for (const [, e] of node.variables) v(e);
      return;
    default:
      for (const [k, child] of Object.entries(node)) {
        if (k !== 'loc' && child !== null && typeof child === 'object') v(child as A.Node);
      }
  }
}

type Nested = (run: () => void) => void;

function innerFrame(
  body: A.Stmt[], params: A.Expr[], parent: Symbols | null, nested: Nested, special: string[] = [],
  test: A.Expr | null = null, reportFrom?: Symbols,
): void {
  const sym = { s: new Symbols(parent, (parent ?? reportFrom)!.report) };
  for (const n of special) sym.s.store(n);
  visitFrame(params, sym, nested, true);
  visitFrame(test, sym, nested);
  visitFrame(body, sym, nested);
}

function macroFrame(args: A.Name[], defaults: A.Expr[], body: A.Stmt[], parent: Symbols, nested: Nested): void {
  const special = ['caller', 'kwargs', 'varargs'].filter((n) => usesName(body, n));
  const sym = { s: new Symbols(parent, parent.report) };
  visitFrame(args, sym, nested, true);
  visitFrame(defaults, sym, nested);
  for (const n of special) sym.s.store(n);
  visitFrame(body, sym, nested);
}

function usesName(node: unknown, name: string): boolean {
  if (node === null || typeof node !== 'object') return false;
  if (Array.isArray(node)) return node.some((n) => usesName(n, name));
  const n = node as A.Node;
  if (n.type === 'Name' && n.name === name) return true;
  if (n.type === 'Block') return false;
  for (const [k, v] of Object.entries(n)) if (k !== 'loc' && typeof v === 'object' && usesName(v, name)) return true;
  return false;
}

/** Every place a name is read, in template order. */
function loadPositions(ast: A.Template): Map<string, MetaPosition[]> {
  const out = new Map<string, MetaPosition[]>();
  const visit = (node: unknown): void => {
    if (node === null || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach(visit);
    const n = node as A.Node;
    if ((n.type === 'Name' && n.ctx === 'load') || n.type === 'NSRef') {
      const list = out.get(n.name) ?? [];
      list.push(pos(n.loc));
      out.set(n.name, list);
    }
    for (const [k, v] of Object.entries(n)) if (k !== 'loc' && typeof v === 'object') visit(v);
  };
  visit(ast.body);
  return out;
}

/**
 * The undeclared variables of a template with the positions where each is read (a name that
 * is undeclared only through a conditional `set` lists its reads too).
 * @example locateUndeclaredVariables('{{ a }}\n{{ a.b }}') // Map { 'a' => [{ line: 1, column: 4 }, { line: 2, column: 4 }] }
 */
export function locateUndeclaredVariables(input: TemplateInput, environment?: Environment): Map<string, MetaPosition[]> {
  const ast = toAst(input, environment);
  const globals = environment?.globals ?? GLOBALS;
  const names = new Set<string>();
  const report = (n: string) => {
    if (!Object.prototype.hasOwnProperty.call(globals, n)) names.add(n);
  };
  const queue: (() => void)[] = [];
  // nested frames are analysed after their parent frame is complete, as Jinja2's compiler does
  const nested: Nested = (run) => queue.push(run);
  const root = { s: new Symbols(null, report) };
  if (usesName(ast.body, 'self')) root.s.store('self');
  visitFrame(ast.body, root, nested);
  while (queue.length) queue.shift()!();
  const positions = loadPositions(ast);
  const out = new Map<string, MetaPosition[]>();
  for (const n of [...names].sort()) out.set(n, positions.get(n) ?? []);
  return out;
}

/**
 * Jinja2's `meta.find_undeclared_variables`: names the template reads from its context.
 * @example findUndeclaredVariables('{% set x = 1 %}{{ x }}{{ user.name }}') // Set { 'user' }
 */
export function findUndeclaredVariables(input: TemplateInput, environment?: Environment): Set<string> {
  return new Set(locateUndeclaredVariables(input, environment).keys());
}

/** A template reference: its name (`null` when computed at render time), the tag, where. */
export interface TemplateReference {
  name: string | null;
  kind: 'extends' | 'include' | 'import';
  position: MetaPosition;
}

/**
 * Every `extends`/`include`/`import`/`from` reference in template order, with positions.
 * @example locateReferencedTemplates('{% include "a.html" %}') // [{ name: 'a.html', kind: 'include', position: { line: 1, column: 4 } }]
 */
export function locateReferencedTemplates(input: TemplateInput, environment?: Environment): TemplateReference[] {
  const ast = toAst(input, environment);
  const out: TemplateReference[] = [];
  const visit = (node: unknown): void => {
    if (node === null || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach(visit);
    const n = node as A.Node;
    if (n.type === 'Extends' || n.type === 'Include' || n.type === 'Import' || n.type === 'FromImport') {
      const kind = n.type === 'Extends' ? 'extends' : n.type === 'Include' ? 'include' : 'import';
      const t = n.template;
      const add = (name: string | null, at: A.Loc) => out.push({ name, kind, position: pos(at) });
      if (t.type === 'Const') add(typeof t.value === 'string' ? t.value : null, t.loc);
      else if (t.type === 'List' || t.type === 'Tuple') {
        for (const item of t.items) {
          if (item.type !== 'Const') add(null, item.loc);
          else if (typeof item.value === 'string') add(item.value, item.loc);
        }
      } else add(null, t.loc);
    }
    for (const [k, v] of Object.entries(n)) if (k !== 'loc' && typeof v === 'object') visit(v);
  };
  visit(ast.body);
  return out;
}

/**
 * Jinja2's `meta.find_referenced_templates`: referenced template names in order, `null` for
 * a name computed at render time.
 * @example findReferencedTemplates('{% extends "base.html" %}{% include name %}') // ['base.html', null]
 */
export function findReferencedTemplates(input: TemplateInput, environment?: Environment): (string | null)[] {
  return locateReferencedTemplates(input, environment).map((r) => r.name);
}
