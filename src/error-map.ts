/**
 * Maps runtime errors back to template positions. Every compiled template's code is named (a
 * `vm` file name or `//# sourceURL`), so V8 stack frames point into generated code; a table from
 * generated line to template line turns the innermost such frame into `name:line`.
 */

import { preambleLines } from './compile-function.js';
import { TemplateError } from './errors.js';

interface Registered {
  name: string | undefined;
  lineMap: number[];
  source: string;
  /** Stack-trace lines before generated line 1 (how the code was turned into a function). */
  preamble: number;
}

const registry = new Map<string, Registered>();
let counter = 0;

/** Drops a template's entry once the template is garbage: compiling from strings must not leak. */
const release = new FinalizationRegistry<string>((url) => registry.delete(url));

/**
 * Register a template's generated code, to be turned into a function by compileFactory, and get
 * the file name for it (see src/compile-function.ts).
 */
export function registerCode(name: string | undefined, lineMap: number[], source: string): string {
  const url = `jinjit-${++counter}-${(name ?? 'template').replace(/[^\w.-]/g, '_')}.js`;
  registry.set(url, { name, lineMap, source, preamble: preambleLines() });
  return url;
}

/** Each owner's stand-in for `release`: see releaseWith. */
const lifetimes = new WeakMap<object, object>();

/**
 * Keep `url`'s entry only as long as `owner` (the Template) lives. Its code can only throw while
 * the template is in use (a macro kept after its template is dropped loses the line, nothing else).
 * An empty object that only the owner holds is registered, not the owner: V8's minor GCs keep
 * every registered target alive until the next full GC, and a template is large.
 */
export function releaseWith(owner: object, url: string): void {
  let lifetime = lifetimes.get(owner);
  if (lifetime === undefined) lifetimes.set(owner, (lifetime = {}));
  release.register(lifetime, url);
}

/** How many compiled templates the error map holds (for tests). */
export function registeredCount(): number {
  return registry.size;
}

const FRAME_RE = /\(?(jinjit-\d+-[\w.-]*\.js):(\d+):(\d+)\)?/;
/** Any stack frame: file, line, column (`at fn (file:1:2)` or `at file:1:2`). */
const ANY_FRAME_RE = /\(?([^\s()]+):(\d+):(\d+)\)?\s*$/;

/** Precompiled modules: file → generated line ranges (first file line of the code body). */
const ranges = new Map<string, { first: number; last: number; reg: Registered }[]>();

function firstFrame(e: Error): { file: string; line: number } | undefined {
  const frame = (e.stack ?? '').split('\n').find((l) => /^\s+at /.test(l));
  const m = frame ? ANY_FRAME_RE.exec(frame) : null;
  return m ? { file: m[1]!, line: Number(m[2]) } : undefined;
}

/**
 * Register precompiled code living in a module file. `before`/`after` are errors created on the
 * lines just before and after the code function (`lineCount` body lines); when a bundler or
 * minifier moved lines apart, nothing is registered rather than a wrong position.
 */
export function registerRange(before: Error, after: Error, lineCount: number, name: string | undefined, lineMap: number[], source?: string): void {
  const a = firstFrame(before);
  const b = firstFrame(after);
  if (!a || !b || a.file !== b.file || b.line - a.line !== lineCount + 3) return;
  const list = ranges.get(a.file) ?? [];
  list.push({ first: a.line + 2, last: a.line + 1 + lineCount, reg: { name, lineMap, source: source ?? '', preamble: 0 } });
  ranges.set(a.file, list);
}

function rangeFor(line: string): { reg: Registered; genLine: number } | undefined {
  if (ranges.size === 0) return undefined;
  const m = ANY_FRAME_RE.exec(line);
  const list = m ? ranges.get(m[1]!) : undefined;
  if (!list) return undefined;
  const n = Number(m![2]);
  const r = list.find((x) => n >= x.first && n <= x.last);
  return r ? { reg: r.reg, genLine: n - r.first + 1 } : undefined;
}

/** Attach template name and line to an error thrown during render; returns the same error. */
export function locateError(e: unknown): unknown {
  if (!(e instanceof Error)) return e;
  const stack = e.stack ?? '';
  for (const line of stack.split('\n')) {
    const m = FRAME_RE.exec(line);
    const hit = m ? registry.get(m[1]!) : undefined;
    const found = m ? (hit ? { reg: hit, genLine: Number(m[2]) - hit.preamble } : undefined) : rangeFor(line);
    if (!found) continue;
    const { reg, genLine } = found;
    const tline = reg.lineMap[genLine - 1] || undefined;
    if (e instanceof TemplateError) e.locate(reg.name, tline, undefined, reg.source || undefined);
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

/**
 * For errors leaving interpreted (tier 0) code: locate `e` at the innermost generated-code frame
 * if one is nearer the throw than the first frame whose text contains `marker` (the interpreter
 * function that caught it). Returns whether it did.
 */
export function locateCompiledBefore(e: Error, marker: string): boolean {
  const stack = e.stack ?? '';
  for (const line of stack.split('\n')) {
    if (line.includes(marker)) return false;
    const m = FRAME_RE.exec(line);
    const hit = m ? registry.get(m[1]!) : undefined;
    if (hit || (!m && rangeFor(line))) {
      locateError(e);
      return true;
    }
  }
  return false;
}
