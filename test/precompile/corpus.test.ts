/**
 * Every oracle case rendered both ways: compiled at runtime by Environment, and precompiled to
 * ES modules (written to a temp dir and imported) rendered by a RuntimeEnvironment. Outputs, or
 * error class, message and line, must be identical.
 */

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { precompile } from '../../src/precompile.js';
import { RuntimeEnvironment, type PrecompiledTemplate } from '../../src/runtime/index.js';
import { ChainableUndefined, DebugUndefined, StrictUndefined, Undefined, type Environment } from '../../src/index.js';
import { caseEnvironment, loadCases, type Case } from '../support/cases.js';
import { FIXED_NOW } from '../support/chat.js';
import { applyCaseExtras } from '../support/i18n.js';

// compiling and importing ~1,700 modules is slow on a loaded machine: a ceiling, not a timing assertion
vi.setConfig({ testTimeout: 60_000, hookTimeout: 300_000 });

const RUNTIME = path.resolve(__dirname, '../../src/runtime/index.ts');
const dir = path.join(__dirname, '../../fixtures/cases');
const files = fs.readdirSync(dir).filter((f) => f.endsWith('.jsonl')).sort();
const UNDEFINED = { Undefined, StrictUndefined, ChainableUndefined, DebugUndefined } as Record<string, typeof Undefined>;

type Result = { output: string } | { error: string; message: string; line: number | undefined };

function outcome(fn: () => string): Result {
  try {
    return { output: fn() };
  } catch (e) {
    const err = e as Error & { detail?: string; lineno?: number };
    return { error: err.name, message: err.detail ?? err.message, line: err.lineno };
  }
}

/** The runtime half of `caseEnvironment`: same options, no compiler. */
function runtimeEnvironment(c: Case, loadTemplate: ((name: string) => PrecompiledTemplate | undefined) | undefined): RuntimeEnvironment {
  const o = c.options;
  const chat = Boolean(o.chat);
  const env = new RuntimeEnvironment({
    autoescape: o.autoescape as boolean | undefined,
    undefined: o.undefined ? UNDEFINED[o.undefined as string] : undefined,
    sandbox: chat ? 'immutable' : (o.sandbox as 'sandboxed' | undefined),
    extensions: [...(chat ? ['loopcontrols', 'generation'] : []), ...((o.extensions as string[] | undefined) ?? [])],
    chat: chat ? { now: FIXED_NOW } : false,
    loadTemplate,
  });
  applyCaseExtras(env as unknown as Environment, o);
  return env;
}

interface Compiled {
  c: Case;
  /** Module file per template name; `entry` is the template rendered. */
  modules: Map<string | undefined, string>;
  /** Templates that failed to compile: the runtime side fails when it loads them. */
  failed: Map<string | undefined, unknown>;
}

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'jinjit-precompile-'));
const compiled = new Map<string, Compiled>();

/** Precompile every template of a case into its own directory. */
function compileCase(c: Case, index: number): Compiled {
  const caseDir = path.join(work, `c${index}`);
  fs.mkdirSync(caseDir);
  const names = Object.keys(c.templates ?? {});
  const fileOf = new Map<string | undefined, string>(names.map((n, i) => [n, `t${i}.js`]));
  const sources: [string | undefined, string][] = c.entry !== undefined ? Object.entries(c.templates!) : [[undefined, c.template]];
  if (c.entry === undefined) fileOf.set(undefined, 'entry.js');
  const result: Compiled = { c, modules: new Map(), failed: new Map() };
  // templates that do not compile get no module: importing them is left to the runtime loader
  for (const [name, source] of sources) {
    try {
      caseEnvironment(c).compileToCode(source, name);
    } catch (e) {
      result.failed.set(name, e);
      fileOf.delete(name);
    }
  }
  for (const [name, source] of sources) {
    if (result.failed.has(name)) continue;
    let code: string;
    try {
      // a fresh environment per template, as the runtime side compiles each on first use
      code = precompile(source, {
        environment: caseEnvironment(c),
        name,
        runtimeImport: pathToFileURL(RUNTIME).href,
        resolve: (dep) => (fileOf.has(dep) ? `./${fileOf.get(dep)}` : null),
      }).code;
    } catch (e) {
      result.failed.set(name, e);
      continue;
    }
    const file = path.join(caseDir, fileOf.get(name)!);
    fs.writeFileSync(file, code);
    result.modules.set(name, file);
  }
  return result;
}

beforeAll(() => {
  let i = 0;
  for (const file of files) for (const c of loadCases(path.join(dir, file))) compiled.set(`${file}:${c.id}`, compileCase(c, i++));
});

afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

async function renderPrecompiled(x: Compiled): Promise<Result> {
  const specs = new Map<string | undefined, PrecompiledTemplate>();
  for (const [name, file] of x.modules) specs.set(name, ((await import(pathToFileURL(file).href)) as { spec: PrecompiledTemplate }).spec);
  // dynamic names (`{% include var %}`) reach the other modules through the loader hook
  const env = runtimeEnvironment(x.c, x.c.templates === undefined ? undefined : (name) => {
    if (x.failed.has(name)) throw x.failed.get(name);
    return specs.get(name);
  });
  return outcome(() => {
    if (x.c.entry !== undefined) return env.getTemplate(x.c.entry).render(structuredClone(x.c.context));
    if (x.failed.has(undefined)) throw x.failed.get(undefined);
    return env.templateFromModule(specs.get(undefined)!).render(structuredClone(x.c.context));
  });
}

function renderRuntime(c: Case): Result {
  return outcome(() => {
    const env = caseEnvironment(c);
    const tmpl = c.entry !== undefined ? env.getTemplate(c.entry) : env.fromString(c.template);
    return tmpl.render(structuredClone(c.context));
  });
}

describe.each(files)('%s', (file) => {
  const cases = loadCases(path.join(dir, file));
  it.each(cases.map((c) => [c.id, c] as const))('%s', async (_id, c) => {
    const expected = renderRuntime(c);
    const got = await renderPrecompiled(compiled.get(`${file}:${c.id}`)!);
    expect(got).toEqual(expected);
  });
});
