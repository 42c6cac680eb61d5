/**
 * Runs oracle cases (the format of ../shared/conformance/README.md) through jinjit.
 * Shared by the vitest suite and `npm run conformance`.
 */

import * as fs from 'node:fs';
import {
  ChainableUndefined, DebugUndefined, DictLoader, Environment, StrictUndefined, Undefined, type EnvironmentOptions,
} from '../../src/index.js';
import { chatEnvironment } from '../../src/chat.js';
import { FIXED_NOW } from './chat.js';
import { applyCaseExtras } from './i18n.js';

export interface Case {
  id: string;
  source?: string;
  template: string;
  templates?: Record<string, string>;
  entry?: string;
  context: Record<string, unknown>;
  options: Record<string, unknown>;
  expected: { output: string } | { error: string; message?: string };
  tags?: string[];
  /**
   * Why jinjit cannot match Jinja2 on this case (a genuine JavaScript limit). Such cases are
   * asserted to still differ and reported apart from the pass rate.
   */
  js_limit?: string;
}

export function loadCases(file: string): Case[] {
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Case);
}

const UNDEFINED: Record<string, typeof Undefined> = {
  StrictUndefined, ChainableUndefined, DebugUndefined, Undefined,
};

const OPTION_NAMES: Record<string, keyof EnvironmentOptions> = {
  autoescape: 'autoescape',
  trim_blocks: 'trimBlocks',
  lstrip_blocks: 'lstripBlocks',
  keep_trailing_newline: 'keepTrailingNewline',
  block_start_string: 'blockStart',
  block_end_string: 'blockEnd',
  variable_start_string: 'variableStart',
  variable_end_string: 'variableEnd',
  comment_start_string: 'commentStart',
  comment_end_string: 'commentEnd',
  line_statement_prefix: 'lineStatementPrefix',
  line_comment_prefix: 'lineCommentPrefix',
  newline_sequence: 'newlineSequence',
  sandbox: 'sandbox',
  extensions: 'extensions',
};

/**
 * How a case's templates run: compiled to JS at once, or only ever in the interpreter (tier 0).
 * Both must render every case the same.
 */
export type Tier = 'compiled' | 'interpreted';

/** Build the environment a case asks for. */
export function caseEnvironment(c: Case, tier: Tier = 'compiled'): Environment {
  const opts: EnvironmentOptions = { compileAfter: tier === 'compiled' ? 0 : Infinity };
  for (const [k, v] of Object.entries(c.options)) {
    if (k === 'chat' || k === 'i18n' || k === 'policies') continue;
    if (k === 'undefined') {
      const cls = UNDEFINED[v as string];
      if (!cls) throw new Error(`unknown undefined class ${String(v)}`);
      opts.undefined = cls;
      continue;
    }
    const name = OPTION_NAMES[k];
    if (!name) throw new Error(`unsupported option ${k}`);
    (opts as Record<string, unknown>)[name] = v;
  }
  if (c.templates) opts.loader = new DictLoader(c.templates);
  if (c.options.chat) return chatEnvironment({ ...opts, now: FIXED_NOW });
  const env = new Environment(opts);
  applyCaseExtras(env, c.options);
  return env;
}

export type Outcome = { ok: true } | { ok: false; detail: string };

/** Render a case and compare with the oracle's result. */
export function runCase(c: Case, tier: Tier = 'compiled'): Outcome {
  let output: string;
  try {
    const env = caseEnvironment(c, tier);
    const tmpl = c.entry !== undefined ? env.getTemplate(c.entry) : env.fromString(c.template);
    output = tmpl.render(structuredClone(c.context));
  } catch (e) {
    const err = e as Error;
    if ('error' in c.expected) {
      if (err.name === c.expected.error) return { ok: true };
      return { ok: false, detail: `expected ${c.expected.error}, got ${err.name}: ${err.message}` };
    }
    return { ok: false, detail: `unexpected ${err.name}: ${err.message}\n${err.stack?.split('\n').slice(1, 4).join('\n')}` };
  }
  if ('error' in c.expected) return { ok: false, detail: `expected ${c.expected.error}, rendered ${JSON.stringify(output)}` };
  if (output === c.expected.output) return { ok: true };
  return { ok: false, detail: `expected ${JSON.stringify(c.expected.output)}\n     got ${JSON.stringify(output)}` };
}
