/**
 * One differential comparison: render a case with jinjit and with Python Jinja2, and reduce the
 * difference (if any) to a short signature that groups look-alike disagreements.
 *
 * @example
 * const v = await judge(c, oracle); // { signature: null, py: { output: '3' }, js: { output: '3' } }
 */
import {
  ChainableUndefined, DebugUndefined, Environment, StrictUndefined, TemplateError, Undefined,
} from '../../src/index.js';
import type { DiffCase, DiffOptions } from './generator.js';
import type { OracleResult, PythonOracle } from './oracle.js';

const UNDEFINED = { Undefined, StrictUndefined, ChainableUndefined, DebugUndefined };
const envs = new Map<string, Environment>();

function environment(o: DiffOptions, compileAfter: number): Environment {
  const key = `${compileAfter}:${JSON.stringify(o)}`;
  let env = envs.get(key);
  if (!env) {
    env = new Environment({
      autoescape: o.autoescape,
      trimBlocks: o.trim_blocks,
      lstripBlocks: o.lstrip_blocks,
      keepTrailingNewline: o.keep_trailing_newline,
      undefined: UNDEFINED[o.undefined],
      extensions: o.extensions,
      cacheSize: 0,
      compileAfter,
      // Python gives up after 5 s (diff_server.py); a runaway render here must not hang the run.
      limits: { timeoutMs: 5000 },
    });
    envs.set(key, env);
  }
  return env;
}

/**
 * Render with jinjit, compiled and interpreted (tier 0); a difference between the two is
 * reported as type `JS:TierMismatch`. A non-TemplateError (a JS crash) is type `JS:<name>`.
 */
export function renderJinjit(c: DiffCase, contextJson: string): OracleResult {
  const compiled = renderTier(c, contextJson, 0);
  const interpreted = renderTier(c, contextJson, Infinity);
  if (JSON.stringify(compiled) !== JSON.stringify(interpreted)) {
    return { error: { type: 'JS:TierMismatch', message: `compiled ${JSON.stringify(compiled)} interpreted ${JSON.stringify(interpreted)}` } };
  }
  return compiled;
}

function renderTier(c: DiffCase, contextJson: string, compileAfter: number): OracleResult {
  try {
    return { output: environment(c.options, compileAfter).fromString(c.template).render(JSON.parse(contextJson) as Record<string, unknown>) };
  } catch (e) {
    const err = e as Error;
    const type = e instanceof TemplateError ? err.name : `JS:${err?.name ?? typeof e}`;
    return { error: { type, message: String(err?.message ?? e) } };
  }
}

export interface Verdict {
  /** null when both engines agree. */
  signature: string | null;
  py: OracleResult;
  js: OracleResult;
}

/** Compare one case; the signature groups disagreements that look alike. */
export async function judge(c: DiffCase, oracle: PythonOracle): Promise<Verdict> {
  const contextJson = JSON.stringify(c.context);
  const js = renderJinjit(c, contextJson);
  const py = await oracle.render(`{"template":${JSON.stringify(c.template)},"context":${contextJson},"options":${JSON.stringify(c.options)}}`);
  return { signature: signature(py, js), py, js };
}

/** Squash a message or output fragment into a stable, short shape. */
function shape(s: string, max = 48): string {
  return s
    .replace(/'[^']*'|"[^"]*"/g, "'…'")
    .replace(/\d+/g, '9')
    .slice(0, max);
}

export function signature(py: OracleResult, js: OracleResult): string | null {
  if ('error' in py && py.error.type === 'Timeout') return 'python timeout (ignored)';
  if ('error' in js && js.error.type.startsWith('JS:')) return `jinjit crash ${js.error.type.slice(3)}: ${shape(js.error.message)}`;
  if ('error' in py && 'error' in js) return py.error.type === js.error.type ? null : `error class: py ${py.error.type} vs js ${js.error.type}`;
  if ('error' in py) return `py raises ${py.error.type} (${shape(py.error.message)}), js renders`;
  if ('error' in js) return `js raises ${js.error.type} (${shape(js.error.message)}), py renders`;
  if (py.output === js.output) return null;
  let i = 0;
  while (i < py.output.length && py.output[i] === js.output[i]) i++;
  const frag = (s: string) => JSON.stringify(shape(s.slice(Math.max(0, i - 2), i + 10), 12).replace(/[a-z]+/g, 'a').replace(/[A-Z]+/g, 'A'));
  return `output: py ${frag(py.output)} vs js ${frag(js.output)}`;
}
