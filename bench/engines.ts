/**
 * The engines under test, behind one interface: `prepare(workload)` compiles (once, cached like an
 * application would) and returns `render(data) => string`; it throws when the engine cannot run
 * the workload at all. `compile(source)` is the cold parse + compile step of the compile workload.
 *
 * Jinja-like engines (jinjit, nunjucks, @huggingface/jinja, minijinja-js) get the workload's
 * Jinja2 templates unchanged and the closest configuration each has to Jinja2's:
 *   html: autoescape + trim_blocks + lstrip_blocks
 *   chat: trim_blocks + lstrip_blocks, no autoescape, transformers' tojson / raise_exception /
 *         strftime_now (jinjit: chatEnvironment; @huggingface/jinja: its own Template, which is the
 *         transformers.js implementation of exactly that).
 * eta, handlebars and liquidjs run hand-ported templates (list workload only), with markupsafe's
 * escaping so that their output can be identical.
 */
import { Environment as HfEnvironment, Interpreter as HfInterpreter, Template as HfTemplate } from '@huggingface/jinja';
import { Eta } from 'eta';
import Handlebars from 'handlebars';
import { Liquid } from 'liquidjs';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import nunjucks from 'nunjucks';
import { chatEnvironment, DictLoader, Environment } from '../src/index.js';
import { escapeHtml } from './lib/escape.js';
import { ROOT_DIR } from './lib/paths.js';
import { pyJsonDumps } from './lib/pyjson.js';
import { CHAT_NOW, type Data, type Workload } from './workloads/index.js';

// minijinja-js ships a CommonJS (wasm-bindgen nodejs target) build.
const minijinja = createRequire(import.meta.url)('minijinja-js') as typeof import('minijinja-js');

export type Render = (data: Data) => string;

export interface Engine {
  name: string;
  /** One line for the report: what it is and how it is configured. */
  note: string;
  /** Runs Jinja2 templates (as opposed to ported ones). */
  jinja: boolean;
  prepare(w: Workload): Render;
  /** Parse + compile `source` from scratch (no cache); returns something that renders it. */
  compile?(source: string, kind: Workload['env']): Render;
  /**
   * Compile `copies` distinct variants of the workload's entry template (see `variant`) into one
   * environment/cache, as an application holding many templates would: for heap per template.
   */
  retain?(w: Workload, copies: number): Render[];
}

/** The i-th distinct copy of a template (distinct text, so no engine or V8 cache can share it). */
export const variant = (source: string, i: number) => `${source}<!-- copy ${i} -->`;
const range = (n: number) => Array.from({ length: n }, (_, i) => i);

const strftimeNow = (format: string) => {
  if (format !== '%d %b %Y') throw new Error(`bench strftime_now: unsupported format ${format}`);
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  return `${String(CHAT_NOW.getDate()).padStart(2, '0')} ${months[CHAT_NOW.getMonth()]} ${CHAT_NOW.getFullYear()}`;
};
const raiseException = (message: string) => {
  throw new Error(String(message));
};

// ---------------------------------------------------------------------------------------------
// jinjit

/** `compileAfter` unset: the default (a new template runs in tier 0, then is compiled to JS). */
function jinjitEnv(kind: Workload['env'], templates: Record<string, string>, compileAfter?: number): Environment {
  const loader = new DictLoader(templates);
  const tier = compileAfter === undefined ? {} : { compileAfter };
  return kind === 'chat'
    ? chatEnvironment({ now: () => CHAT_NOW, loader, ...tier })
    : new Environment({ autoescape: true, trimBlocks: true, lstripBlocks: true, loader, ...tier });
}

/** Parse + compile with jinjit; `compileAfter: 0` generates JS at once instead of starting in tier 0. */
export function jinjitCompile(source: string, kind: Workload['env'], compileAfter?: number): Render {
  const tmpl = jinjitEnv(kind, {}, compileAfter).fromString(source);
  return (data) => tmpl.render(data);
}

/** `copies` distinct copies of a workload's template loaded into one environment. */
export function jinjitRetain(w: Workload, copies: number, compileAfter?: number): Render[] {
  const templates = { ...w.templates };
  for (const i of range(copies)) templates[`copy${i}`] = variant(w.templates[w.entry]!, i);
  const env = jinjitEnv(w.env, templates, compileAfter);
  return range(copies).map((i) => {
    const tmpl = env.getTemplate(`copy${i}`);
    return (data: Data) => tmpl.render(data);
  });
}

const jinjit: Engine = {
  name: 'jinjit',
  note: 'this project (src/, bundled by esbuild), defaults: a template renders in tier 0 (closure interpreter) until compiled to JS on its 11th render; chat: chatEnvironment',
  jinja: true,
  prepare(w) {
    const tmpl = jinjitEnv(w.env, w.templates).getTemplate(w.entry);
    return (data) => tmpl.render(data);
  },
  compile: (source, kind) => jinjitCompile(source, kind),
  retain: (w, copies) => jinjitRetain(w, copies),
};

/**
 * jinjit kept in its interpreter: what the first renders of every template run. Not in ENGINES:
 * run.ts times it in a child process (in the main process its renders made compiled jinjit's
 * list workload ~15% slower in every run, 1.28-1.38x vs 1.11-1.15x hand-written; not understood).
 */
export const jinjitTier0: Engine = {
  name: 'jinjit tier 0',
  note: 'jinjit never compiling to JS (compileAfter: Infinity): the closure interpreter that runs a template\'s first renders',
  jinja: true,
  prepare(w) {
    const tmpl = jinjitEnv(w.env, w.templates, Infinity).getTemplate(w.entry);
    return (data) => tmpl.render(data);
  },
};

// ---------------------------------------------------------------------------------------------
// nunjucks

function nunjucksEnv(kind: Workload['env'], templates: Record<string, string>): nunjucks.Environment {
  const loader = {
    getSource: (name: string) => {
      if (!(name in templates)) throw new Error(`template not found: ${name}`);
      return { src: templates[name]!, path: name, noCache: false };
    },
  };
  const env = new nunjucks.Environment(loader as nunjucks.ILoader, {
    autoescape: kind === 'html',
    trimBlocks: true,
    lstripBlocks: true,
  });
  if (kind === 'chat') {
    // nunjucks has no tojson; give it transformers' (json.dumps(ensure_ascii=False, indent=..)).
    env.addFilter('tojson', (x: unknown, kw?: { indent?: number }) => pyJsonDumps(x, kw?.indent ?? null));
    env.addGlobal('raise_exception', raiseException);
    env.addGlobal('strftime_now', strftimeNow);
  }
  return env;
}

const nunjucksEngine: Engine = {
  name: 'nunjucks',
  note: `nunjucks ${pkgVersion('nunjucks')}: compiles to JS; chat: added tojson/raise_exception/strftime_now`,
  jinja: true,
  prepare(w) {
    const tmpl = nunjucksEnv(w.env, w.templates).getTemplate(w.entry, true);
    return (data) => tmpl.render(data);
  },
  compile(source, kind) {
    const tmpl = new nunjucks.Template(source, nunjucksEnv(kind, {}), 'big.html', true);
    return (data) => tmpl.render(data);
  },
  retain(w, copies) {
    const templates = { ...w.templates };
    for (const i of range(copies)) templates[`copy${i}`] = variant(w.templates[w.entry]!, i);
    const env = nunjucksEnv(w.env, templates);
    return range(copies).map((i) => {
      const tmpl = env.getTemplate(`copy${i}`, true);
      return (data: Data) => tmpl.render(data);
    });
  },
};

// ---------------------------------------------------------------------------------------------
// @huggingface/jinja (transformers.js): an AST interpreter for chat templates; no loader, no
// autoescape; trim_blocks and lstrip_blocks are always on.

function hfRenderer(source: string, kind: Workload['env']): Render {
  const tmpl = new HfTemplate(source);
  if (kind !== 'chat') return (data) => tmpl.render(data);
  // Template.render, except that its strftime_now reads the real clock and cannot be overridden:
  // restate its (unexported) setupGlobals with the bench's fixed clock. `range` is left out (unused).
  return (data) => {
    const env = new HfEnvironment();
    for (const [k, v] of [['false', false], ['true', true], ['none', null], ['True', true], ['False', false], ['None', null]] as const) env.set(k, v);
    env.set('raise_exception', raiseException);
    env.set('strftime_now', strftimeNow);
    for (const [k, v] of Object.entries(data)) env.set(k, v);
    return (new HfInterpreter(env).run(tmpl.parsed) as { value: string }).value;
  };
}

const hfJinja: Engine = {
  name: 'hf-jinja',
  note: `@huggingface/jinja ${pkgVersion('@huggingface/jinja')}: AST interpreter, no autoescape/loader; chat: as transformers.js uses it (clock fixed)`,
  jinja: true,
  prepare(w) {
    if (Object.keys(w.templates).length > 1) throw new Error('no loader: extends/include/import unsupported');
    return hfRenderer(w.templates[w.entry]!, w.env);
  },
  compile: hfRenderer,
  retain(w, copies) {
    return range(copies).map((i) => hfRenderer(variant(w.templates[w.entry]!, i), w.env));
  },
};

// ---------------------------------------------------------------------------------------------
// minijinja-js: the Rust minijinja compiled to WASM. Autoescape follows the template name
// (.html → HTML); Python compatibility (methods like .items()) enabled.

let minijinjaCounter = 0;

function minijinjaEnv(kind: Workload['env']): InstanceType<typeof minijinja.Environment> {
  const env = new minijinja.Environment();
  env.trimBlocks = true;
  env.lstripBlocks = true;
  env.enablePyCompat();
  if (kind === 'chat') {
    // transformers replaces Jinja2's tojson with json.dumps; do the same here.
    // (keyword arguments arrive as a trailing Map; so do mappings, with their keys sorted)
    env.addFilter('tojson', (x: unknown, kw?: Map<string, unknown>) => pyJsonDumps(x, (kw?.get('indent') as number) ?? null));
    env.addGlobal('raise_exception', raiseException);
    env.addGlobal('strftime_now', strftimeNow);
  }
  return env;
}

const minijinjaEngine: Engine = {
  name: 'minijinja',
  note: `minijinja-js ${pkgVersion('minijinja-js')}: Rust minijinja in WASM, pycompat on; chat: added tojson/raise_exception/strftime_now`,
  jinja: true,
  prepare(w) {
    const env = minijinjaEnv(w.env);
    for (const [name, src] of Object.entries(w.templates)) env.addTemplate(name, src);
    return (data) => env.renderTemplate(w.entry, data);
  },
  compile(source, kind) {
    // addTemplate parses and compiles; a fresh environment per compile so nothing accumulates.
    const env = minijinjaEnv(kind);
    const name = `big${++minijinjaCounter}.${kind === 'html' ? 'html' : 'txt'}`;
    env.addTemplate(name, source);
    return (data) => env.renderTemplate(name, data);
  },
  retain(w, copies) {
    const env = minijinjaEnv(w.env);
    for (const [name, src] of Object.entries(w.templates)) env.addTemplate(name, src);
    return range(copies).map((i) => {
      const name = `copy${i}.${w.env === 'html' ? 'html' : 'txt'}`;
      env.addTemplate(name, variant(w.templates[w.entry]!, i));
      return (data: Data) => env.renderTemplate(name, data);
    });
  },
};

// ---------------------------------------------------------------------------------------------
// Hand-written JS: the practical limit.

const hand: Engine = {
  name: 'hand-written',
  note: 'plain JS string building per workload (bench/workloads/*/index.ts): the practical limit',
  jinja: false,
  prepare(w) {
    if (w.name === 'compile') throw new Error('n/a');
    return w.hand;
  },
};

// ---------------------------------------------------------------------------------------------
// Non-Jinja engines, with ported templates (list workload).

const etaEngine = new Eta({ autoEscape: true, autoTrim: false, escapeFunction: escapeHtml, useWith: false });

const eta: Engine = {
  name: 'eta',
  note: `eta ${pkgVersion('eta')}: ported template (page.eta), markupsafe escapeFunction`,
  jinja: false,
  prepare(w) {
    if (!w.peers?.eta) throw new Error('no eta port of this workload');
    const fn = etaEngine.compile(w.peers.eta);
    return (data) => etaEngine.render(fn, data);
  },
  retain(w, copies) {
    return range(copies).map((i) => {
      const fn = etaEngine.compile(variant(w.peers!.eta!, i));
      return (data: Data) => etaEngine.render(fn, data);
    });
  },
};

// Handlebars escapes = ` and writes &quot;/&#x27;; swap in markupsafe's escaping for identical output.
const hbs = Handlebars.create();
hbs.Utils.escapeExpression = ((s: unknown) => (s == null ? '' : escapeHtml(s))) as typeof hbs.Utils.escapeExpression;
hbs.registerHelper('upper', (s: unknown) => String(s).toUpperCase());
hbs.registerHelper('join', (xs: unknown[], sep: string) => xs.join(sep));

const handlebars: Engine = {
  name: 'handlebars',
  note: `handlebars ${pkgVersion('handlebars')}: ported template (page.hbs), helpers upper/join, markupsafe escaping`,
  jinja: false,
  prepare(w) {
    if (!w.peers?.handlebars) throw new Error('no handlebars port of this workload');
    const fn = hbs.compile(w.peers.handlebars);
    fn({ items: [] }); // handlebars compiles lazily, on the first call
    return (data) => fn(data);
  },
  retain(w, copies) {
    return range(copies).map((i) => {
      const fn = hbs.compile(variant(w.peers!.handlebars!, i));
      fn({ items: [] });
      return (data: Data) => fn(data);
    });
  },
};

const liquid: Engine = {
  name: 'liquidjs',
  note: `liquidjs ${pkgVersion('liquidjs')}: ported template (page.liquid), outputEscape: 'escape' (markupsafe's entities)`,
  jinja: false,
  prepare(w) {
    if (!w.peers?.liquid) throw new Error('no liquid port of this workload');
    const engine = new Liquid({ outputEscape: 'escape' });
    const tpl = engine.parse(w.peers.liquid);
    return (data) => engine.renderSync(tpl, data) as string;
  },
  retain(w, copies) {
    const engine = new Liquid({ outputEscape: 'escape' });
    return range(copies).map((i) => {
      const tpl = engine.parse(variant(w.peers!.liquid!, i));
      return (data: Data) => engine.renderSync(tpl, data) as string;
    });
  },
};

export const ENGINES: Engine[] = [hand, jinjit, nunjucksEngine, hfJinja, minijinjaEngine, eta, handlebars, liquid];

function pkgVersion(name: string): string {
  try {
    return (JSON.parse(fs.readFileSync(path.join(ROOT_DIR, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return '?';
  }
}
