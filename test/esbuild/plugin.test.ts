/**
 * The esbuild plugin with the real esbuild: a small app importing templates is bundled and run,
 * and an incremental rebuild picks up an edited included template.
 */

import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { build, context } from 'esbuild';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { jinjitPlugin } from '../../src/esbuild-plugin.js';
import { DictLoader, Environment } from '../../src/index.js';

vi.setConfig({ testTimeout: 60_000 });

const RUNTIME = path.resolve(__dirname, '../../src/runtime/index.ts');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'jinjit-esbuild-'));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

function write(root: string, files: Record<string, string>): string {
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    fs.writeFileSync(path.join(root, name), text);
  }
  return root;
}

const TEMPLATES = {
  'templates/base.j2': '<title>{% block title %}{% endblock %}</title>{% block body %}{% endblock %}',
  'templates/page.j2': '{% extends "base.j2" %}{% block title %}{{ title }}{% endblock %}{% block body %}{% include "parts/list.html" %}{% endblock %}',
  'templates/parts/list.html': '<ul>{% for i in items %}<li>{{ i }}</li>{% endfor %}</ul>',
};
const APP = 'import page from "./templates/page.j2";\nimport base from "./templates/base.j2";\nconsole.log(page({ title: "A<B", items: [1, 2] }) + "|" + typeof base);\n';

function expected(files: Record<string, string>): string {
  const dict = Object.fromEntries(Object.entries(files).map(([k, v]) => [k.replace(/^templates\//, ''), v]));
  return new Environment({ autoescape: true, loader: new DictLoader(dict) }).getTemplate('page.j2').render({ title: 'A<B', items: [1, 2] });
}

describe('jinjit/esbuild', () => {
  it('bundles imported templates and their static dependencies, relative to the importer', async () => {
    const dir = write(path.join(work, 'app1'), { ...TEMPLATES, 'app.js': APP });
    const outfile = path.join(dir, 'out.mjs');
    const r = await build({
      entryPoints: [path.join(dir, 'app.js')], bundle: true, format: 'esm', platform: 'node', outfile, metafile: true, logLevel: 'silent',
      plugins: [jinjitPlugin({ autoescape: true, runtimeImport: RUNTIME, root: dir })],
    });
    const inputs = Object.keys(r.metafile.inputs);
    expect(inputs.filter((i) => i.startsWith('jinjit-template:')).map((i) => path.relative(dir, i.slice('jinjit-template:'.length))).sort())
      .toEqual(['templates/base.j2', 'templates/page.j2', 'templates/parts/list.html']);
    expect(inputs.some((i) => /src\/(syntax|compiler)\//.test(i))).toBe(false);
    const out = execFileSync(process.execPath, [outfile], { encoding: 'utf8' });
    expect(out).toBe(`${expected(TEMPLATES)}|function\n`);
    expect(out).toContain('<title>A&lt;B</title><ul><li>1</li><li>2</li></ul>');
  });

  it('resolves through a search path and reports template errors at their position', async () => {
    const dir = write(path.join(work, 'app2'), {
      'views/layout.j2': '[{% block b %}{% endblock %}]',
      'src/pages/x.j2': '{% extends "layout.j2" %}{% block b %}{{ 6 * 7 }}{% endblock %}',
      'src/main.js': 'import x from "./pages/x.j2"; console.log(x());',
      'src/bad.js': 'import y from "./pages/bad.j2"; console.log(y());',
      'src/pages/bad.j2': 'line one\n{{ x|nosuch }}',
    });
    const opts = { bundle: true, format: 'esm', platform: 'node', write: false, logLevel: 'silent' } as const;
    const plugin = jinjitPlugin({ searchPath: [path.join(dir, 'views'), path.join(dir, 'src')], runtimeImport: RUNTIME });
    const ok = await build({ ...opts, entryPoints: [path.join(dir, 'src/main.js')], outfile: path.join(dir, 'o.mjs'), plugins: [plugin] });
    fs.writeFileSync(path.join(dir, 'o.mjs'), ok.outputFiles[0]!.text);
    expect(execFileSync(process.execPath, [path.join(dir, 'o.mjs')], { encoding: 'utf8' })).toBe('[42]\n');
    const bad = await build({ ...opts, entryPoints: [path.join(dir, 'src/bad.js')], outfile: path.join(dir, 'b.mjs'), plugins: [plugin] }).catch((e: unknown) => e);
    const err = (bad as { errors: { text: string; location: { file: string; line: number; column: number } }[] }).errors[0]!;
    expect(err.text).toBe("TemplateAssertionError: No filter named 'nosuch'.");
    expect(path.resolve(err.location.file)).toBe(path.join(dir, 'src/pages/bad.j2'));
    // esbuild columns are 0-based: 5 is the filter name
    expect(err.location).toMatchObject({ line: 2, column: 5 });
  });

  it('rebuilds when an included template changes', async () => {
    const dir = write(path.join(work, 'app3'), { ...TEMPLATES, 'app.js': APP });
    const outfile = path.join(dir, 'out.mjs');
    const ctx = await context({
      entryPoints: [path.join(dir, 'app.js')], bundle: true, format: 'esm', platform: 'node', outfile, logLevel: 'silent',
      plugins: [jinjitPlugin({ autoescape: true, runtimeImport: RUNTIME, root: dir })],
    });
    try {
      await ctx.rebuild();
      expect(execFileSync(process.execPath, [outfile], { encoding: 'utf8' })).toBe(`${expected(TEMPLATES)}|function\n`);
      const edited = { ...TEMPLATES, 'templates/parts/list.html': '<ol>{{ items|join("+") }}</ol>' };
      write(dir, edited);
      await ctx.rebuild();
      const out = execFileSync(process.execPath, [outfile], { encoding: 'utf8' });
      expect(out).toBe(`${expected(edited)}|function\n`);
      expect(out).toContain('<ol>1+2</ol>');
    } finally {
      await ctx.dispose();
    }
  });

  it('watch mode rebuilds on an edit of an included template', async () => {
    const dir = write(path.join(work, 'app4'), { ...TEMPLATES, 'app.js': APP });
    const outfile = path.join(dir, 'out.mjs');
    let builds = 0;
    let notify: () => void = () => {};
    const ctx = await context({
      entryPoints: [path.join(dir, 'app.js')], bundle: true, format: 'esm', platform: 'node', outfile, logLevel: 'silent',
      plugins: [
        jinjitPlugin({ autoescape: true, runtimeImport: RUNTIME, root: dir }),
        { name: 'count', setup: (b) => b.onEnd(() => { builds++; notify(); }) },
      ],
    });
    try {
      const first = new Promise<void>((r) => (notify = r));
      await ctx.watch();
      await first;
      const second = new Promise<void>((r) => (notify = r));
      write(dir, { 'templates/parts/list.html': 'edited {{ items|length }}' });
      await second;
      expect(builds).toBe(2);
      expect(execFileSync(process.execPath, [outfile], { encoding: 'utf8' })).toContain('edited 2');
    } finally {
      await ctx.dispose();
    }
  });
});
