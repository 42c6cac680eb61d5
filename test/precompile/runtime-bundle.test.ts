/**
 * `jinjit/runtime` as shipped: bundled by esbuild, it must hold no lexer, parser, compiler or
 * moo, stay within its size budget, and render precompiled templates in a Node process where
 * code generation from strings is forbidden (what a strict CSP or Cloudflare Workers enforce).
 */

import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DictLoader, Environment } from '../../src/index.js';
import { precompile } from '../../src/precompile.js';
// @ts-expect-error: plain ESM script without types
import { BUDGETS, measureEntry } from '../../scripts/size.mjs';

interface Measured { code: string; minified: number; gzipped: number; inputs: string[] }
const measure = measureEntry as (entry: string) => Promise<Measured>;
const budgets = BUDGETS as Record<'runtime' | 'full', number>;

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'jinjit-rt-bundle-'));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

const TEMPLATES: Record<string, string> = {
  'base.html': '<title>{% block title %}Site{% endblock %}</title>\n{% block body %}{% endblock %}',
  'macros.html': '{% macro item(x) %}<li>{{ x|title }}</li>{% endmacro %}',
  'footer.html': '<footer>{{ year }} {{ "%05.1f"|format(3.14159) }}</footer>',
  'page.html': [
    '{% extends "base.html" %}',
    '{% from "macros.html" import item %}',
    '{% block title %}{{ title|upper }} - {{ super() }}{% endblock %}',
    '{% block body %}<ul>{% for x in items|sort %}{{ item(x) }}{% endfor %}</ul>',
    '{{ {"b": 1, "a": [1.0, none, true]}|tojson }} {{ "a,b".split(",") }} {{ 7 // 2 }} {{ 2 ** 100 }}',
    '{% include "footer.html" %}{% endblock %}',
  ].join('\n'),
};
const CONTEXT = { title: 'home', items: ['b thing', 'a thing'], year: 2026 };

describe('runtime bundle', async () => {
  const runtime = await measure('src/runtime/index.ts');
  const full = await measure('src/index.ts');
  fs.writeFileSync(path.join(work, 'runtime.js'), runtime.code);

  it('contains no lexer, parser, compiler or moo', () => {
    const forbidden = runtime.inputs.filter((i) => /src\/(syntax|compiler)\/|node_modules\/moo\/|src\/environment\.ts|src\/precompile\.ts/.test(i));
    expect(forbidden).toEqual([]);
    // the full engine does include them, so the check above can fail
    expect(full.inputs.some((i) => i.includes('node_modules/moo/'))).toBe(true);
    expect(full.inputs.some((i) => i.includes('src/compiler/codegen.ts'))).toBe(true);
    // no code generation at all in the runtime (CSP), while the compiler's factory has it
    expect(runtime.code).not.toMatch(/new Function\(|\beval\(/);
    expect(full.code).toMatch(/new Function\(["']rt["']/);
  });

  it('stays within its size budget', () => {
    expect(runtime.gzipped).toBeLessThanOrEqual(budgets.runtime);
    expect(full.gzipped).toBeLessThanOrEqual(budgets.full);
    expect(runtime.gzipped).toBeLessThan(full.gzipped);
  });

  it('renders precompiled templates with code generation from strings disabled', () => {
    for (const [name, source] of Object.entries(TEMPLATES)) {
      const { code } = precompile(source, { name, autoescape: true, runtimeImport: './runtime.js' });
      fs.writeFileSync(path.join(work, `${name}.js`), code);
    }
    fs.writeFileSync(path.join(work, 'main.mjs'), [
      'import render from "./page.html.js";',
      `process.stdout.write(render(${JSON.stringify(CONTEXT)}));`,
    ].join('\n'));
    const out = execFileSync(process.execPath, ['--disallow-code-generation-from-strings', 'main.mjs'], { cwd: work, encoding: 'utf8' });
    const expected = new Environment({ autoescape: true, loader: new DictLoader(TEMPLATES) }).getTemplate('page.html').render(CONTEXT);
    expect(out).toBe(expected);
    expect(out).toContain('<li>A Thing</li><li>B Thing</li>');
  });

  it('maps render errors in precompiled modules to template name and line', () => {
    const source = 'line1\n{% for x in y %}\n{{ x / 0 }}\n{% endfor %}';
    fs.writeFileSync(path.join(work, 'err.html.js'), precompile(source, { name: 'err.html', includeSource: true, runtimeImport: './runtime.js' }).code);
    fs.writeFileSync(path.join(work, 'err.mjs'), [
      'import render from "./err.html.js";',
      'try { render({ y: [1] }); } catch (e) { process.stdout.write(String(e)); }',
    ].join('\n'));
    const out = execFileSync(process.execPath, ['--disallow-code-generation-from-strings', 'err.mjs'], { cwd: work, encoding: 'utf8' });
    expect(out).toBe('ZeroDivisionError: division by zero (err.html:3)\n  1 | line1\n  2 | {% for x in y %}\n> 3 | {{ x / 0 }}\n  4 | {% endfor %}');
  });

  it('the full engine cannot compile there (so the flag is in force)', () => {
    fs.writeFileSync(path.join(work, 'full.js'), full.code);
    fs.writeFileSync(path.join(work, 'full.mjs'), 'import { Environment } from "./full.js"; process.stdout.write(new Environment({ compileAfter: 0 }).fromString("{{ 1 + 1 }}").render());');
    expect(() => execFileSync(process.execPath, ['--disallow-code-generation-from-strings', 'full.mjs'], { cwd: work, stdio: 'pipe' })).toThrow(/EvalError|Code generation from strings/);
  });

  it('the full engine still renders there in the interpreter (tier 0), past the point it would compile', () => {
    fs.writeFileSync(path.join(work, 'full.js'), full.code);
    fs.writeFileSync(path.join(work, 'tier0.mjs'), [
      'import { Environment } from "./full.js";',
      'const t = new Environment({ compileAfter: 2 }).fromString("{% for i in range(n) %}{{ i * 2 }},{% endfor %}");',
      'const outs = [1, 2, 3, 4, 5].map((n) => t.render({ n }));',
      'process.stdout.write(JSON.stringify([outs, t.interpreted]));',
    ].join('\n'));
    const out = execFileSync(process.execPath, ['--disallow-code-generation-from-strings', 'tier0.mjs'], { cwd: work, encoding: 'utf8' });
    expect(JSON.parse(out)).toEqual([['0,', '0,2,', '0,2,4,', '0,2,4,6,', '0,2,4,6,8,'], true]);
  });
});

describe('precompiled module exports', () => {
  it('renderBlock renders one block of the inheritance chain', async () => {
    const dir = fs.mkdtempSync(path.join(work, 'blocks-'));
    const runtime = path.resolve(__dirname, '../../src/runtime/index.ts');
    for (const [name, source] of Object.entries(TEMPLATES)) {
      fs.writeFileSync(path.join(dir, `${name}.js`), precompile(source, { name, autoescape: true, runtimeImport: runtime }).code);
    }
    const mod = (await import(path.join(dir, 'page.html.js'))) as { renderBlock: (n: string, c: unknown) => string };
    expect(mod.renderBlock('title', CONTEXT)).toBe('HOME - Site');
  });
});
