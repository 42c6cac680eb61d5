/**
 * Syntax-level snapshot suites (GitHub issue 2). Every `fixtures/syntax/<stage>/*.jinja` file is
 * a JSON header line (Environment options; `context` and `templates` are reserved, see below), a
 * line `---`, then the template: everything after that line, its final newline included (so
 * Jinja2's trailing-newline removal applies as usual).
 *
 *   lexer/    → __snapshots__/<name>.tokens  one token a line: `line:col type value`
 *   parser/   → __snapshots__/<name>.ast     the AST, one node a line, `Type @ line:col`
 *   codegen/  → __snapshots__/<name>.js      `env.compileToCode(source, name)` and its line map;
 *                                            with a `context` (and `templates` for a
 *                                            DictLoader), the render output (JSON) too
 *   err_*.jinja → __snapshots__/<name>.error  error name, message, line, column and code frame
 *
 * Update with `npx vitest run test/syntax.test.ts -u`, then read the diff.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DictLoader, Environment, TemplateError, type EnvironmentOptions } from '../src/index.js';
import { parse } from '../src/syntax/parser.js';
import { tokenize } from '../src/syntax/lexer.js';
import type { Token } from '../src/syntax/tokens.js';

const ROOT = fileURLToPath(new URL('../fixtures/syntax/', import.meta.url));

interface Fixture {
  name: string;
  options: EnvironmentOptions;
  context?: Record<string, unknown>;
  templates?: Record<string, string>;
  source: string;
}

function readFixture(stage: string, file: string): Fixture {
  const text = readFileSync(join(ROOT, stage, file), 'utf8');
  const nl = text.indexOf('\n');
  const sep = text.indexOf('\n---\n', nl - 1);
  if (nl < 0 || sep !== nl) throw new Error(`${stage}/${file}: expected a JSON header line, then a line '---'`);
  const header = JSON.parse(text.slice(0, nl)) as Record<string, unknown>;
  const { context, templates, ...options } = header;
  return {
    name: `${stage}/${file}`,
    options: options as EnvironmentOptions,
    context: context as Record<string, unknown> | undefined,
    templates: templates as Record<string, string> | undefined,
    source: text.slice(sep + 5),
  };
}

function fixtures(stage: string): string[] {
  return readdirSync(join(ROOT, stage)).filter((f) => f.endsWith('.jinja')).sort();
}

// ------------------------------------------------------------------ printers

function scalar(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'bigint') return `${v}n`;
  if (typeof v === 'number') return Object.is(v, -0) ? '-0' : String(v);
  return JSON.stringify(v) ?? String(v);
}

/** `line:col type value`, columns aligned. */
function printTokens(tokens: Token[]): string {
  return tokens
    .map((t) => `${`${t.line}:${t.col}`.padEnd(7)} ${t.type.padEnd(14)} ${t.type === 'eof' ? '' : scalar(t.value)}`.trimEnd())
    .join('\n') + '\n';
}

type AnyNode = { type: string; loc: { line: number; col: number } } & Record<string, unknown>;

const isNode = (v: unknown): v is AnyNode =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && typeof (v as AnyNode).type === 'string' && 'loc' in v;
const hasNode = (v: unknown): boolean => isNode(v) || (Array.isArray(v) && v.some(hasNode));

/**
 * One node a line: `Type @ line:col` and its scalar fields as `key=value`; child nodes on the
 * following lines as `field: Child ...` (arrays as `field[i]: ...`). Null fields and empty
 * arrays are left out.
 */
function printAst(root: AnyNode): string {
  const out: string[] = [];
  const walk = (label: string, v: unknown, depth: number): void => {
    const pad = '  '.repeat(depth);
    if (Array.isArray(v)) {
      v.forEach((item, i) => walk(`${label}[${i}]`, item, depth));
      return;
    }
    if (!isNode(v)) {
      out.push(`${pad}${label}: ${scalar(v)}`);
      return;
    }
    const attrs: string[] = [];
    const children: [string, unknown][] = [];
    for (const [k, x] of Object.entries(v)) {
      if (k === 'type' || k === 'loc' || x === null || x === undefined) continue;
      if (Array.isArray(x) && x.length === 0) continue;
      if (hasNode(x)) children.push([k, x]);
      else attrs.push(`${k}=${Array.isArray(x) ? JSON.stringify(x) : scalar(x)}`);
    }
    const head = `${v.type} @ ${v.loc.line}:${v.loc.col}${attrs.length ? ' ' + attrs.join(' ') : ''}`;
    out.push(`${pad}${label ? label + ': ' : ''}${head}`);
    for (const [k, x] of children) walk(k, x, depth + 1);
  };
  walk('', root, 0);
  return out.join('\n') + '\n';
}

/** Run-length line map: `tline×count` per run of generated lines. */
function printLineMap(lineMap: number[]): string {
  const runs: string[] = [];
  for (let i = 0; i < lineMap.length; ) {
    let j = i;
    while (j < lineMap.length && lineMap[j] === lineMap[i]) j++;
    runs.push(j - i === 1 ? `${lineMap[i]}` : `${lineMap[i]}×${j - i}`);
    i = j;
  }
  return runs.join(' ');
}

function printError(f: Fixture, e: unknown): string {
  if (!(e instanceof TemplateError)) throw e; // anything else is a bug, not a snapshot
  return [
    `name: ${e.name}`,
    `message: ${e.message}`,
    `template: ${e.templateName ?? '<none>'}`,
    `line: ${e.lineno ?? '<none>'}`,
    `column: ${e.column ?? '<none>'}`,
    '',
    String(e),
    '',
  ].join('\n');
}

function environment(f: Fixture): Environment {
  return new Environment({ ...f.options, loader: f.templates ? new DictLoader(f.templates) : undefined });
}

// ------------------------------------------------------------------ stages

const STAGES: Record<string, { ext: string; run: (f: Fixture) => string }> = {
  lexer: {
    ext: 'tokens',
    run: (f) => printTokens(tokenize(f.source, environment(f).lexerOptions, f.name)),
  },
  parser: {
    ext: 'ast',
    run: (f) => {
      const env = environment(f);
      const tags = (env as unknown as { tags: Record<string, never> }).tags;
      return printAst(parse(f.source, { ...env.lexerOptions, tags }, f.name) as unknown as AnyNode);
    },
  },
  codegen: {
    ext: 'js',
    run: (f) => {
      const env = environment(f);
      const { code, lineMap } = env.compileToCode(f.source, f.name);
      let text = `${code}\n// lineMap: ${printLineMap(lineMap)}\n`;
      if (f.context) {
        const output = env.fromString(f.source).render(f.context);
        text += `// render(${JSON.stringify(f.context)}) = ${JSON.stringify(output)}\n`;
      }
      return text;
    },
  },
};

for (const [stage, { ext, run }] of Object.entries(STAGES)) {
  describe(`syntax snapshots: ${stage}`, () => {
    const files = fixtures(stage);

    it('has the fixtures', () => {
      expect(files.length).toBeGreaterThanOrEqual(15);
    });

    for (const file of files) {
      const base = file.slice(0, -'.jinja'.length);
      const isErr = base.startsWith('err_');
      it(file, async () => {
        const f = readFixture(stage, file);
        let text: string;
        if (isErr) {
          let err: unknown;
          try {
            run(f);
          } catch (e) {
            err = e;
          }
          expect(err, `${f.name} should fail`).toBeDefined();
          text = printError(f, err);
        } else {
          text = run(f);
        }
        await expect(text).toMatchFileSnapshot(join(ROOT, stage, '__snapshots__', `${base}.${isErr ? 'error' : ext}`));
      });
    }
  });
}
