/**
 * Maps runtime errors back to template positions. Every compiled template carries a
 * `//# sourceURL` naming it, so V8 stack frames point into generated code; a table from
 * generated line to template line turns the innermost such frame into `name:line`.
 */

import { TemplateError } from './errors.js';

interface Registered {
  name: string | undefined;
  lineMap: number[];
  source: string;
}

const registry = new Map<string, Registered>();
let counter = 0;

/** Lines `new Function` adds before the body (`function anonymous(rt\n) {`). */
const FUNCTION_PREAMBLE_LINES = 2;

/** Register a compiled template and get the sourceURL to append to its code. */
export function registerCode(name: string | undefined, lineMap: number[], source: string): string {
  const url = `jinjit-${++counter}-${(name ?? 'template').replace(/[^\w.-]/g, '_')}.js`;
  registry.set(url, { name, lineMap, source });
  return url;
}

const FRAME_RE = /\(?(jinjit-\d+-[\w.-]*\.js):(\d+):(\d+)\)?/;

/** Attach template name and line to an error thrown during render; returns the same error. */
export function locateError(e: unknown): unknown {
  if (!(e instanceof Error)) return e;
  const stack = e.stack ?? '';
  for (const line of stack.split('\n')) {
    const m = FRAME_RE.exec(line);
    if (!m) continue;
    const reg = registry.get(m[1]!);
    if (!reg) continue;
    const genLine = Number(m[2]) - FUNCTION_PREAMBLE_LINES;
    const tline = reg.lineMap[genLine - 1] || undefined;
    if (e instanceof TemplateError) e.locate(reg.name, tline, undefined, reg.source);
    else {
      const err = e as Error & { templateName?: string; lineno?: number };
      if (err.lineno === undefined) {
        err.templateName = reg.name;
        err.lineno = tline;
      }
    }
    return e;
  }
  return e;
}
