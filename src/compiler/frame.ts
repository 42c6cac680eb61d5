/**
 * Scope analysis (Jinja2's idtracking, simplified for JS block scoping). A Frame is one Jinja
 * scope: the template root, a loop body, a macro, a block, a `with`... Names stored in a frame
 * become JS `let` bindings declared when the frame is entered, initialised from the enclosing
 * frame's binding or resolved from the context: the same values Jinja2's VAR_LOAD_ALIAS /
 * VAR_LOAD_RESOLVE produce.
 */

import type * as A from '../syntax/ast.js';

let identCounter = 0;

export class Frame {
  readonly symbols = new Map<string, string>();
  /** Set for root-level frames (root and its if-branches): assignments also go to ctx.vars. */
  toplevel = false;
  /** Inside if/condexpr: unknown filters/tests fail at run time, not compile time (Jinja2 3). */
  soft = false;
  /** Loop frames allow break/continue. */
  loop = false;

  constructor(readonly parent: Frame | null, readonly fn: FnScope) {}

  inner(fn: FnScope = this.fn): Frame {
    return new Frame(this, fn);
  }

  softCopy(): Frame {
    const f = Object.create(Frame.prototype) as Frame;
    Object.assign(f, this);
    f.soft = true;
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
  /** Context names resolved at function entry: name → ident. */
  resolves = new Map<string, string>();
  constructor(readonly parent: FnScope | null, readonly isTop: boolean) {}

  temp(): string {
    const t = `t${this.temps.length}`;
    this.temps.push(t);
    return t;
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
  return name.replace(/[^A-Za-z0-9_]/g, (c) => `$${c.codePointAt(0)!.toString(16)}`);
}

/** Names assigned directly in this frame's body (not in nested frames), in order. */
export function findStores(body: A.Stmt[], out: string[] = []): string[] {
  const add = (n: string) => {
    if (!out.includes(n)) out.push(n);
  };
  const addTarget = (t: A.Expr) => {
    if (t.type === 'Name') add(t.name);
    else if (t.type === 'Tuple') t.items.forEach(addTarget);
  };
  for (const s of body) {
    switch (s.type) {
      case 'Assign':
      case 'AssignBlock':
        addTarget(s.target);
        break;
      case 'Macro':
        add(s.name);
        break;
      case 'Import':
        add(s.target);
        break;
      case 'FromImport':
        for (const [, alias] of s.names) add(alias);
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

/** Does any expression/statement below use `name` as a load (including nested frames)? */
export function usesName(node: unknown, name: string): boolean {
  if (node === null || typeof node !== 'object') return false;
  if (Array.isArray(node)) return node.some((n) => usesName(n, name));
  const n = node as { type?: string; name?: string; ctx?: string };
  if (n.type === 'Name' && n.name === name && n.ctx === 'load') return true;
  for (const key of Object.keys(n)) {
    if (key === 'loc') continue;
    const v = (n as Record<string, unknown>)[key];
    if (v !== null && typeof v === 'object' && usesName(v, name)) return true;
  }
  return false;
}
