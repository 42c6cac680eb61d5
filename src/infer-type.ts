/**
 * A TypeScript type for a template's context, inferred from how each variable is used:
 * attribute access → object with those keys, iteration → iterable, call → function,
 * arithmetic → number, anything else → unknown. Used by `jinjit compile --types`.
 */

import type { Environment } from './environment.js';
import { findUndeclaredVariables, toAst, type TemplateInput } from './meta.js';
import type * as A from './syntax/ast.js';

/** What is known about one value. */
class Shape {
  keys = new Map<string, Shape>();
  element: Shape | null = null;
  called = false;
  numeric = false;

  key(name: string): Shape {
    let s = this.keys.get(name);
    if (!s) this.keys.set(name, (s = new Shape()));
    return s;
  }

  elem(): Shape {
    return (this.element ??= new Shape());
  }

  toType(indent: string): string {
    const parts: string[] = [];
    if (this.called) parts.push('(...args: any[]) => unknown');
    if (this.numeric) parts.push('number');
    if (this.element) parts.push(`Iterable<${this.element.toType(indent)}>`);
    if (this.keys.size) parts.push(objectType(this.keys, indent));
    if (parts.length === 0) return 'unknown';
    // a called object with attributes: the intersection keeps both usable
    return parts.length === 1 ? parts[0]! : this.called || this.keys.size ? parts.map((p) => `(${p})`).join(' & ') : parts.join(' | ');
  }
}

const IDENT = /^[A-Za-z_$][\w$]*$/;

function objectType(keys: Map<string, Shape>, indent: string): string {
  const inner = `${indent}  `;
  const lines = [...keys].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, s]) => `${inner}${IDENT.test(k) ? k : JSON.stringify(k)}?: ${s.toType(inner)};`);
  return `{\n${lines.join('\n')}\n${indent}}`;
}

const ARITH = new Set(['-', '*', '/', '//', '**']);

/** Walks expressions, binding loop targets to element shapes of what they iterate. */
class Inferrer {
  readonly roots = new Map<string, Shape>();
  constructor(private readonly context: Set<string>) {}

  shapeOf(e: A.Expr, scope: Map<string, Shape | null>): Shape | null {
    switch (e.type) {
      case 'Name': {
        if (scope.has(e.name)) return scope.get(e.name)!;
        if (!this.context.has(e.name)) return null;
        let s = this.roots.get(e.name);
        if (!s) this.roots.set(e.name, (s = new Shape()));
        return s;
      }
      case 'Getattr': {
        this.expr(e.node, scope);
        return this.shapeOf(e.node, scope)?.key(e.attr) ?? null;
      }
      case 'Getitem': {
        this.expr(e.arg, scope);
        const base = this.shapeOf(e.node, scope);
        if (!base || e.arg.type !== 'Const') return null;
        if (typeof e.arg.value === 'string') return base.key(e.arg.value);
        if (typeof e.arg.value === 'number') return base.elem();
        return null;
      }
      default:
        return null;
    }
  }

  /** Visit an expression for its effects on shapes. */
  expr(e: A.Expr | null, scope: Map<string, Shape | null>): void {
    if (!e) return;
    switch (e.type) {
      case 'Call': {
        if (e.node.type === 'Getattr') {
          // `x.items()` and other method calls say nothing about x's keys
          this.expr(e.node.node, scope);
        } else {
          const s = this.shapeOf(e.node, scope);
          if (s) s.called = true;
          this.expr(e.node, scope);
        }
        this.args(e, scope);
        return;
      }
      case 'BinExpr': {
        const numericOther = (x: A.Expr) => x.type === 'Const' && typeof x.value === 'number';
        for (const [side, other] of [[e.left, e.right], [e.right, e.left]] as const) {
          if (ARITH.has(e.op) || (e.op === '+' && numericOther(other))) {
            const s = this.shapeOf(side, scope);
            if (s) s.numeric = true;
          }
        }
        this.expr(e.left, scope);
        this.expr(e.right, scope);
        return;
      }
      case 'Neg': case 'Pos': {
        const s = this.shapeOf(e.node, scope);
        if (s) s.numeric = true;
        this.expr(e.node, scope);
        return;
      }
      case 'Name': this.shapeOf(e, scope); return;
      case 'Getattr': case 'Getitem': this.shapeOf(e, scope); return;
      case 'Filter': case 'Test': this.expr(e.node, scope); this.args(e, scope); return;
      default:
        for (const [k, v] of Object.entries(e)) {
          if (k === 'loc' || v === null || typeof v !== 'object') continue;
          for (const c of Array.isArray(v) ? v : [v]) if (c && typeof c === 'object' && 'type' in c) this.node(c as A.Node, scope);
        }
    }
  }

  private args(c: A.CallArgs, scope: Map<string, Shape | null>): void {
    for (const a of c.args) this.expr(a, scope);
    for (const k of c.kwargs) this.expr(k.value, scope);
    this.expr(c.dynArgs, scope);
    this.expr(c.dynKwargs, scope);
  }

  private bindTarget(t: A.Expr, elem: Shape | null, scope: Map<string, Shape | null>): void {
    if (t.type === 'Name') scope.set(t.name, elem);
    else if (t.type === 'Tuple') t.items.forEach((i) => this.bindTarget(i, null, scope));
  }

  node(n: A.Node, scope: Map<string, Shape | null>): void {
    switch (n.type) {
      case 'For': {
        this.expr(n.iter, scope);
        const it = this.shapeOf(n.iter, scope);
        const inner = new Map(scope);
        this.bindTarget(n.target, it ? it.elem() : null, inner);
        this.expr(n.test, inner);
        this.stmts(n.body, inner);
        this.stmts(n.else_, scope);
        return;
      }
      case 'Macro': case 'CallBlock': {
        if (n.type === 'CallBlock') this.expr(n.call, scope);
        const inner = new Map(scope);
        for (const a of n.args) inner.set(a.name, null);
        for (const d of n.defaults) this.expr(d, scope);
        this.stmts(n.body, inner);
        return;
      }
      case 'With': {
        n.values.forEach((v) => this.expr(v, scope));
        const inner = new Map(scope);
        n.targets.forEach((t, i) => this.bindTarget(t, this.shapeOf(n.values[i]!, scope), inner));
        this.stmts(n.body, inner);
        return;
      }
      case 'Assign': {
        this.expr(n.node, scope);
        // later reads of a local say nothing about the context
        if (n.target.type === 'Name') scope.set(n.target.name, null);
        return;
      }
      default:
        if ('type' in n && isExpr(n)) return this.expr(n as A.Expr, scope);
        for (const [k, v] of Object.entries(n)) {
          if (k === 'loc' || v === null || typeof v !== 'object') continue;
          for (const c of Array.isArray(v) ? v : [v]) {
            if (c && typeof c === 'object' && 'type' in c) this.node(c as A.Node, scope);
            else if (Array.isArray(c)) for (const x of c) if (x && typeof x === 'object' && 'type' in x) this.node(x as A.Node, scope);
          }
        }
    }
  }

  stmts(body: A.Stmt[], scope: Map<string, Shape | null>): void {
    for (const s of body) this.node(s, scope);
  }
}

function topLevelStores(body: A.Stmt[], out = new Set<string>()): Set<string> {
  const target = (t: A.Expr) => {
    if (t.type === 'Name') out.add(t.name);
    else if (t.type === 'Tuple') t.items.forEach(target);
  };
  for (const s of body) {
    if (s.type === 'Assign' || s.type === 'AssignBlock') target(s.target);
    else if (s.type === 'Macro') out.add(s.name);
    else if (s.type === 'Import') out.add(s.target);
    else if (s.type === 'FromImport') for (const [, alias] of s.names) out.add(alias);
    else if (s.type === 'If') for (const b of [s.body, ...s.elif.map((e) => e.body), s.else_]) topLevelStores(b, out);
  }
  return out;
}

const EXPR_TYPES = new Set([
  'Name', 'NSRef', 'Const', 'Tuple', 'List', 'Dict', 'CondExpr', 'BinExpr', 'And', 'Or', 'Not', 'Neg', 'Pos',
  'Concat', 'Compare', 'Getattr', 'Getitem', 'Slice', 'Call', 'Filter', 'Test',
]);
function isExpr(n: A.Node): boolean {
  return EXPR_TYPES.has(n.type);
}

/**
 * A TypeScript object type for the template's context: one optional key per undeclared
 * variable, typed from its use.
 * @example
 * inferContextType('{% for u in users %}{{ u.name }}{% endfor %}{{ total - 1 }}')
 * // '{\n  total?: number;\n  users?: Iterable<{\n    name?: unknown;\n  }>;\n}'
 */
export function inferContextType(input: TemplateInput, environment?: Environment): string {
  const parsed = toAst(input, environment);
  const context = findUndeclaredVariables(parsed, environment);
  // names the template sets at top level reach its blocks through the context, not from the caller
  for (const n of topLevelStores(parsed.body)) context.delete(n);
  const inf = new Inferrer(context);
  inf.stmts(parsed.body, new Map());
  const keys = new Map<string, Shape>();
  for (const name of context) keys.set(name, inf.roots.get(name) ?? new Shape());
  if (keys.size === 0) return 'Record<string, never>';
  return objectType(keys, '');
}
