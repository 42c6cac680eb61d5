/**
 * Shared pieces of the security suite: the payload corpus (test/security/payloads/*.json), the
 * oracle's expectations (expected.json, from fixtures/oracle/security_cases.py), running one
 * payload in one mode, judging the outcome, and snapshots of the JS built-ins a render must
 * never change.
 */

import * as fs from 'node:fs';
import * as path from 'node:path';
import { TemplateError } from '../../src/index.js';
import { caseEnvironment, type Case, type Tier } from '../support/cases.js';

export type Mode = 'none' | 'sandboxed' | 'immutable';
export const MODES: readonly Mode[] = ['none', 'sandboxed', 'immutable'];

export interface Payload {
  id: string;
  template: string;
  context?: Record<string, unknown>;
  templates?: Record<string, string>;
  options?: Record<string, unknown>;
  modes?: Mode[];
}

export interface PayloadFile {
  family: string;
  title: string;
  sources: string;
  oracle?: boolean;
  payloads: Payload[];
}

export type Result = { output: string } | { error: string; message?: string };
export type Expected =
  | Result
  | { blocked: true; sandboxed: Result; python: string; pythonOutput?: string; pythonError?: string };

export interface ExpectedEntry {
  input: Pick<Payload, 'template' | 'context' | 'templates' | 'options'>;
  none?: Expected;
  sandboxed?: Expected;
  immutable?: Expected;
}

export const PAYLOAD_DIR = path.join(__dirname, 'payloads');

/** Every payload file but the generated expectations, by file name. */
export function loadPayloadFiles(): Map<string, PayloadFile> {
  const out = new Map<string, PayloadFile>();
  for (const f of fs.readdirSync(PAYLOAD_DIR).sort()) {
    if (!f.endsWith('.json') || f === 'expected.json') continue;
    out.set(f, JSON.parse(fs.readFileSync(path.join(PAYLOAD_DIR, f), 'utf8')) as PayloadFile);
  }
  return out;
}

export function loadExpected(): Record<string, ExpectedEntry> {
  const doc = JSON.parse(fs.readFileSync(path.join(PAYLOAD_DIR, 'expected.json'), 'utf8')) as { cases: Record<string, ExpectedEntry> };
  return doc.cases;
}

/** What a render did: its output, or the error it threw (kept for location checks). */
export type Outcome = { output: string } | { error: string; message: string; thrown: unknown };

/** Render a payload in a mode, with the same environment builder as the conformance suite. */
export function runPayload(p: Payload, mode: Mode, tier: Tier = 'compiled'): Outcome {
  const options = { ...(p.options ?? {}) };
  if (mode !== 'none') options.sandbox = mode;
  const c: Case = {
    id: p.id,
    template: p.template,
    templates: p.templates,
    context: p.context ?? {},
    options,
    expected: { output: '' },
  };
  try {
    const env = caseEnvironment(c, tier);
    return { output: env.fromString(p.template).render(structuredClone(p.context ?? {})) };
  } catch (e) {
    const err = e as Error;
    return { error: err?.name ?? typeof e, message: String(err?.message ?? e), thrown: e };
  }
}

/** Markers that only appear in output if template text ran as JS or a host object leaked. */
const LEAK_MARKERS = ['JJPWN', '[native code]', '[object ', 'function (', 'function(', '=>', 'globalThis'];

/** Problems with an outcome that no expectation excuses (null when none). */
export function hygiene(o: Outcome, family: string): string | null {
  if ('output' in o) {
    if (family !== 'codegen') {
      for (const m of LEAK_MARKERS) if (o.output.includes(m)) return `output leaks ${JSON.stringify(m)}: ${o.output.slice(0, 200)}`;
    }
    return null;
  }
  if (!(o.thrown instanceof TemplateError)) return `not a TemplateError: ${o.error}: ${o.message}`;
  return null;
}

function show(o: Outcome | Result): string {
  return 'output' in o ? `output ${JSON.stringify(o.output.slice(0, 300))}` : `${o.error}: ${o.message ?? ''}`;
}

/**
 * Text that names an internal object: Python reprs of functions, modules, frames, dangerous
 * classes. Plain `<class 'str'>` is not one: jinjit models `__class__` as a name-only stand-in
 * (runtime/pyclass.ts) whose every other attribute is undefined.
 */
const INTERNALS = /<(module|function|built-in|bound|method|slot|attribute|Context|frame|code|cell|generator) |mappingproxy|<class '(os|subprocess|posix|_io|importlib)/;

/**
 * Compare an outcome with the oracle's expectation; null when it matches. A `blocked`
 * expectation (the payload reaches internals in plain Python Jinja2) accepts any TemplateError,
 * the sandboxed output, plain Jinja2's exact output (jinjit models a few harmless internals,
 * e.g. `''.__class__` prints `<class 'str'>`), or an output naming no internal object.
 */
export function judge(expected: Expected, got: Outcome): string | null {
  if ('blocked' in expected) {
    if ('error' in got) return null; // hygiene() has checked it is a TemplateError
    const sb = expected.sandboxed;
    if ('output' in sb && got.output === sb.output) return null;
    if (expected.pythonOutput !== undefined && got.output === expected.pythonOutput) return null;
    if (!INTERNALS.test(got.output)) return null;
    return `output names an internal object: ${show(got)} (sandboxed: ${show(sb)}; plain Python: ${expected.python})`;
  }
  if ('output' in expected) {
    if ('output' in got && got.output === expected.output) return null;
    return `expected ${show(expected)}, got ${show(got)}`;
  }
  if ('error' in got && got.error === expected.error) return null;
  return `expected ${show(expected)}, got ${show(got)}`;
}

// ---------------------------------------------------------------------------------------------
// integrity of the JS realm
// ---------------------------------------------------------------------------------------------

/** The built-ins whose prototypes (and statics) a template must never change. */
export const BUILTINS: Record<string, unknown> = {
  Object, Function, Array, String, Number, Boolean, Symbol, BigInt, Map, Set, WeakMap, WeakSet, Promise, RegExp,
  Error, TypeError, RangeError, SyntaxError, Date, JSON, Math, Reflect, ArrayBuffer, DataView, Uint8Array,
  Intl, Iterator: (globalThis as Record<string, unknown>).Iterator,
  GeneratorProto: Object.getPrototypeOf(function* () {}),
  IteratorProto: Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]())),
};

function describeProps(o: object): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of Reflect.ownKeys(o)) {
    const d = Object.getOwnPropertyDescriptor(o, key)!;
    const name = typeof key === 'symbol' ? key.toString() : key;
    // identity of values and accessors, plus attributes: any replacement or redefinition shows
    out[name] = [
      'value' in d ? identityOf(d.value) : `get:${identityOf(d.get)} set:${identityOf(d.set)}`,
      d.writable, d.enumerable, d.configurable,
    ].join('|');
  }
  return out;
}

const ids = new WeakMap<object, number>();
let nextId = 1;
function identityOf(v: unknown): string {
  if ((typeof v === 'object' && v !== null) || typeof v === 'function') {
    let id = ids.get(v as object);
    if (id === undefined) ids.set(v as object, (id = nextId++));
    return `#${id}`;
  }
  return typeof v === 'string' ? JSON.stringify(v) : String(v);
}

/**
 * A snapshot of the realm: own property descriptors of every built-in, its prototype and the
 * prototype's prototype link, plus globalThis's keys and the extensibility of each.
 */
export function realmSnapshot(): Record<string, unknown> {
  const snap: Record<string, unknown> = {};
  for (const [name, b] of Object.entries(BUILTINS)) {
    if (b === undefined || b === null) continue;
    const obj = b as { prototype?: object };
    snap[name] = describeProps(obj as object);
    snap[`${name}.[[Prototype]]`] = identityOf(Object.getPrototypeOf(obj));
    snap[`${name}.extensible`] = Object.isExtensible(obj);
    if (typeof b === 'function' && obj.prototype && typeof obj.prototype === 'object') {
      snap[`${name}.prototype`] = describeProps(obj.prototype);
      snap[`${name}.prototype.[[Prototype]]`] = identityOf(Object.getPrototypeOf(obj.prototype));
      snap[`${name}.prototype.extensible`] = Object.isExtensible(obj.prototype);
    }
  }
  snap.globalThis = Reflect.ownKeys(globalThis).map(String).sort();
  return snap;
}
