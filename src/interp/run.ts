/**
 * Tier 0, render time: the closures statements run, each made by a small factory function. V8
 * keeps a closure's whole scope chain alive, so these live apart from the builder (interp.ts):
 * a closure created next to a build-time arrow that uses the builder or a frame would keep the
 * builder, its frames and the AST alive for as long as the template.
 */

import type * as A from '../syntax/ast.js';
import { rt } from '../runtime/index.js';
import type { BlockFn } from '../runtime/context.js';
import { TemplateError } from '../errors.js';
import { hostLimitError } from '../template.js';
import { locateCompiledBefore } from '../error-map.js';
import type { Cond, Ev, RFrame, SlotRef } from './expr.js';

const {
  FilteredItems, iterate, MISSING, Macro, MacroSpec, escOut, strOut, importName, superRef, runtimeError, trans,
} = rt;

/** A statement: 0 to go on, BREAK or CONTINUE to leave the enclosing loop body. */
export type Ex = (r: RFrame) => number;
export const BREAK = 1;
export const CONTINUE = 2;
export const NOP: Ex = () => 0;

/** How an output part becomes text: as is, escaped (`escOut`) or `str()`ed (`strOut`). */
export const RAW = 0;
export const ESC = 1;
export const STR = 2;

export function macroFactory(
  slots: { count: number }, params: number[], fills: ((r: RFrame) => void)[], decls: Ex, run: Ex,
  spec: InstanceType<typeof MacroSpec>, ae: boolean | Cond, line: number, tname: string | undefined, source: string,
): Ev {
  /** The body with the arguments already in `mr`'s slots. */
  const body = (mr: RFrame): string => {
    try {
      for (let i = 0; i < fills.length; i++) fills[i]!(mr);
      decls(mr);
      run(mr);
      return mr.out;
    } catch (e) {
      throw locate(e, tname, source, mr.line);
    }
  };
  const frame = (outer: RFrame): RFrame => ({ s: new Array(slots.count), up: outer, out: '', ctx: outer.ctx, env: outer.env, parent: null, line });
  const [p0, p1, p2] = params;
  return (r) => {
    const outer = r;
    let macroBody: (...a: unknown[]) => string;
    // fixed arities up to 3: Macro.runBody passes exactly the parameters (no rest array per call)
    switch (params.length) {
      case 0:
        macroBody = function jinjitT0macro(): string {
          return body(frame(outer));
        };
        break;
      case 1:
        macroBody = function jinjitT0macro(a: unknown): string {
          const mr = frame(outer);
          mr.s[p0!] = a;
          return body(mr);
        };
        break;
      case 2:
        macroBody = function jinjitT0macro(a: unknown, b: unknown): string {
          const mr = frame(outer);
          mr.s[p0!] = a;
          mr.s[p1!] = b;
          return body(mr);
        };
        break;
      case 3:
        macroBody = function jinjitT0macro(a: unknown, b: unknown, c: unknown): string {
          const mr = frame(outer);
          mr.s[p0!] = a;
          mr.s[p1!] = b;
          mr.s[p2!] = c;
          return body(mr);
        };
        break;
      default:
        macroBody = function jinjitT0macro(...a: unknown[]): string {
          const mr = frame(outer);
          for (let i = 0; i < params.length; i++) mr.s[params[i]!] = a[i];
          return body(mr);
        };
    }
    return new Macro(r.env as never, macroBody, spec, typeof ae === 'boolean' ? ae : ae(r));
  };
}

export function fromImportRun(imp: Ev, names: { nm: string; write: (r: RFrame, v: unknown) => void; exportIt: Ex }[], line: number): Ex {
  return (r) => {
    const mod = imp(r) as Parameters<typeof importName>[1];
    for (const n of names) {
      n.write(r, importName(r.env, mod, n.nm, line));
      n.exportIt(r);
    }
    return 0;
  };
}

export function transRun(call: Ev, vars: Ev, ae: boolean | Cond): Ev {
  return (r) => {
    const c = call(r);
    return trans(c as string, vars(r) as never, typeof ae === 'boolean' ? ae : ae(r));
  };
}

export function superInit(i: number, bname: string, self: { fn: BlockFn | null }): Ex {
  return (r) => {
    r.s[i] = superRef(r.ctx, bname, self.fn!);
    return 0;
  };
}

export function throwRequired(msg: string): Ex {
  return () => {
    throw runtimeError(msg);
  };
}

export function withRun(values: Ev[], tmps: number[], binds: ((r: RFrame) => void)[], decls: Ex, body: Ex): Ex {
  return (r) => {
    for (let i = 0; i < binds.length; i++) r.s[tmps[i]!] = values[i]!(r);
    for (let i = 0; i < binds.length; i++) binds[i]!(r);
    decls(r);
    return body(r);
  };
}

export function tupleItem(ti: number, i: number): Ev {
  return (r) => (r.s[ti] as unknown[])[i];
}

export function fillDefault(slot: number, d: Ev): (r: RFrame) => void {
  return (r) => {
    if (r.s[slot] === MISSING) r.s[slot] = d(r);
  };
}

export function fillMissing(slot: number, name: string): (r: RFrame) => void {
  const hint = `parameter '${name}' was not provided`;
  return (r) => {
    if (r.s[slot] === MISSING) r.s[slot] = r.env.mkUndefined(hint, MISSING, name);
  };
}

export function ifRun(tests: Cond[], bodies: Ex[], lines: number[], else_: Ex | null): Ex {
  if (tests.length === 1) {
    const t = tests[0]!, b = bodies[0]!, line = lines[0]!;
    if (else_ === null) {
      return (r) => {
        r.line = line;
        return t(r) ? b(r) : 0;
      };
    }
    return (r) => {
      r.line = line;
      return t(r) ? b(r) : else_(r);
    };
  }
  return (r) => {
    for (let i = 0; i < tests.length; i++) {
      r.line = lines[i]!;
      if (tests[i]!(r)) return bodies[i]!(r);
    }
    return else_ !== null ? else_(r) : 0;
  };
}

/** One output part (separate from outputMany: closures share their factory's scope, so a one-part output keeps no arrays). */
export function outputOne(line: number, text: string | null, v: Ev | null, mode: number, guarded: boolean): Ex {
  {
    if (text !== null) {
      if (guarded) return (r) => { r.line = line; if (r.parent === null) r.out += text; return 0; };
      return (r) => { r.line = line; r.out += text; return 0; };
    }
    const value = v!;
    if (!guarded && mode === ESC) return (r) => { r.line = line; r.out += escOut(value(r)); return 0; };
    return (r) => {
      r.line = line;
      if (!guarded || r.parent === null) {
        const x = value(r);
        r.out += mode === ESC ? escOut(x) : mode === STR ? strOut(x) : (x as string);
      }
      return 0;
    };
  }
}

export function outputMany(texts: (string | null)[], values: (Ev | null)[], modes: number[], lines: number[], guarded: boolean): Ex {
  const n = texts.length;
  return (r) => {
    if (guarded && r.parent !== null) return 0;
    for (let i = 0; i < n; i++) {
      r.line = lines[i]!;
      const t = texts[i];
      if (t !== null) r.out += t;
      else {
        const x = values[i]!(r);
        const mode = modes[i];
        r.out += mode === ESC ? escOut(x) : mode === STR ? strOut(x) : (x as string);
      }
    }
    return 0;
  };
}

/** A filtered loop's items: each source item bound in the test frame and tested when pulled. */
export function filteredItems(src: Ev, tcur: number, bind: (r: RFrame) => void, test: Cond, line: number): (r: RFrame) => InstanceType<typeof FilteredItems> {
  return (r) => {
    const all = iterate(src(r));
    let j = 0;
    return new FilteredItems(() => {
      // a test pulled by `loop.last` in the body fails at the `for` line (as the generated code does)
      const saved = r.line;
      while (j < all.length) {
        const v = all[j++];
        r.line = line;
        r.s[tcur] = v;
        bind(r);
        if (test(r)) {
          r.line = saved;
          return v;
        }
      }
      r.line = saved;
      return MISSING;
    });
  };
}

export function declsRun(slots: number[], inits: Ev[]): Ex {
  return (r) => {
    for (let i = 0; i < slots.length; i++) r.s[slots[i]!] = inits[i]!(r);
    return 0;
  };
}

export function seq(parts: (Ex | string)[]): Ex {
  // an exact-length copy (slice): arrays grown by push keep spare capacity, and templates keep these
  const list = parts.filter((p) => p !== NOP && p !== '').slice();
  if (list.some((p) => typeof p === 'string')) return seqText(list);
  const fns = list as Ex[];
  switch (fns.length) {
    case 0: return NOP;
    case 1: return fns[0]!;
    case 2: {
      const [a, b] = fns as [Ex, Ex];
      return (r) => a(r) || b(r);
    }
    default: return (r) => {
      for (let i = 0; i < fns.length; i++) {
        const code = fns[i]!(r);
        if (code !== 0) return code;
      }
      return 0;
    };
  }
}

/** A body with plain text between its statements: the text is appended in place. */
function seqText(list: (Ex | string)[]): Ex {
  if (list.length === 1) {
    const text = list[0] as string;
    return (r) => {
      r.out += text;
      return 0;
    };
  }
  return (r) => {
    for (let i = 0; i < list.length; i++) {
      const p = list[i]!;
      if (typeof p === 'string') {
        r.out += p;
        continue;
      }
      const code = p(r);
      if (code !== 0) return code;
    }
    return 0;
  };
}

/**
 * Attach the template position to an error leaving interpreted code (innermost first: an error
 * already located keeps its position). A generated-code frame nearer the throw wins, as
 * locateError would pick it; host limit errors become Python's.
 */
export function locate(e: unknown, name: string | undefined, source: string, line: number): unknown {
  e = hostLimitError(e);
  if (!(e instanceof Error)) return e;
  const err = e as Error & { lineno?: number; templateName?: string };
  if (err.lineno !== undefined) return e;
  if (locateCompiledBefore(err, 'jinjitT0')) return e;
  if (e instanceof TemplateError) e.locate(name, line, undefined, source || undefined);
  else {
    err.templateName = name;
    err.lineno = line;
  }
  return e;
}

