/**
 * The real `jinjit` CLI (bundled from src/cli.ts as the build does) run as a child process on
 * real files in a temp dir.
 */

import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DictLoader, Environment } from '../../src/index.js';

// child processes (and tsc) are slow on a loaded machine: a generous ceiling, not a timing assertion
vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'jinjit-cli-'));
const cli = path.join(work, 'cli.mjs');
const runtime = path.join(work, 'runtime.mjs');

beforeAll(async () => {
  const common = { bundle: true, platform: 'node', format: 'esm', logLevel: 'silent' } as const;
  await build({ ...common, entryPoints: [path.resolve(__dirname, '../../src/cli.ts')], outfile: cli });
  await build({ ...common, entryPoints: [path.resolve(__dirname, '../../src/runtime/index.ts')], outfile: runtime });
});
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

function write(files: Record<string, string>, root: string): string {
  for (const [name, text] of Object.entries(files)) {
    const p = path.join(root, name);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, text);
  }
  return root;
}

function run(args: string[], options: { input?: string; cwd?: string } = {}) {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd: options.cwd ?? work, input: options.input ?? '', encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const SITE = {
  'layouts/base.html': '<h1>{% block title %}{% endblock %}</h1>{% block body %}{% endblock %}\n',
  'pages/home.html': '{% extends "layouts/base.html" %}{% import "macros.html" as m %}{% block title %}{{ title }}{% endblock %}{% block body %}{% for u in users %}{{ m.card(u) }}{% endfor %}{% endblock %}',
  'macros.html': '{% macro card(u) %}<p>{{ u.name }} ({{ u.age + 1 }})</p>{% endmacro %}',
  'partials/_skip.txt': 'not a template',
};
const DATA = { title: 'Tom & Jerry', users: [{ name: 'Ann', age: 30 }, { name: 'Bob', age: 4 }] };

describe('jinjit render', () => {
  it('renders a template with JSON data files, stdin and -D', () => {
    const dir = write({ 't.txt': '{{ a }} {{ b.c }} {{ n + 1 }} {{ s }}|{{ x }}', 'd.json': '{"a": "file", "x": 1}' }, path.join(work, 'r1'));
    const r = run(['render', path.join(dir, 't.txt'), path.join(dir, 'd.json'), '-', '-D', 'b.c=deep', '-D', 'n=41', '-D', 's=plain text'], { input: '{"x": "stdin"}' });
    expect(r).toEqual({ code: 0, stdout: 'file deep 42 plain text|stdin', stderr: '' });
  });

  it('loads extends/include through the search path and applies environment flags', () => {
    const dir = write(SITE, path.join(work, 'site'));
    fs.writeFileSync(path.join(work, 'data.json'), JSON.stringify(DATA));
    const r = run(['render', path.join(dir, 'pages/home.html'), 'data.json', '--search-path', dir, '--autoescape', '-o', 'out.html']);
    expect(r.code).toBe(0);
    const expected = new Environment({ autoescape: true, loader: new DictLoader(SITE) }).getTemplate('pages/home.html').render(DATA);
    expect(fs.readFileSync(path.join(work, 'out.html'), 'utf8')).toBe(expected);
    expect(expected).toContain('<h1>Tom &amp; Jerry</h1>');
  });

  it('honours --strict, --trim-blocks and --chat', () => {
    const dir = write({ 'u.txt': '{{ missing }}', 'tb.txt': '{% if 1 %}\nx{% endif %}', 'c.txt': '{{ {"k": "é"}|tojson }}' }, path.join(work, 'r2'));
    expect(run(['render', path.join(dir, 'u.txt')]).stdout).toBe('');
    const strict = run(['render', path.join(dir, 'u.txt'), '--strict']);
    expect(strict.code).toBe(1);
    expect(strict.stderr).toBe(`jinjit: u.txt:1: UndefinedError: 'missing' is undefined\n> 1 | {{ missing }}\n`);
    expect(run(['render', path.join(dir, 'tb.txt'), '--trim-blocks']).stdout).toBe('x');
    expect(run(['render', path.join(dir, 'c.txt'), '--chat']).stdout).toBe('{"k": "é"}');
  });

  it('reports syntax errors with position and a code frame', () => {
    const dir = write({ 'bad.txt': 'ok\n{% for %}' }, path.join(work, 'r3'));
    const r = run(['render', path.join(dir, 'bad.txt')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^jinjit: bad\.txt:2(:\d+)?: TemplateSyntaxError: .+\n  1 \| ok\n> 2 \| \{% for %\}/);
  });

  it('gives one clear line for bad flags, missing files and bad data', () => {
    expect(run(['render', 'x', '--bogus'])).toEqual({ code: 2, stdout: '', stderr: "jinjit: Unknown option '--bogus'. To specify a positional argument starting with a '-', place it at the end of the command after '--', as in '-- \"--bogus\"\nTry 'jinjit render --help'.\n" });
    expect(run(['render', 'nope.txt'])).toEqual({ code: 1, stdout: '', stderr: "jinjit: cannot read 'nope.txt': ENOENT\n" });
    const dir = write({ 't.txt': '{{ a }}', 'bad.json': '{' }, path.join(work, 'r4'));
    const r = run(['render', path.join(dir, 't.txt'), path.join(dir, 'bad.json')]);
    expect(r.code).toBe(1);
    expect(r.stderr.split('\n').filter(Boolean)).toHaveLength(1);
    expect(r.stderr).toContain('bad.json: invalid JSON');
    expect(run(['frobnicate'])).toEqual({ code: 2, stdout: '', stderr: "jinjit: unknown command 'frobnicate'\nTry 'jinjit --help'.\n" });
  });

  it('prints help per command', () => {
    for (const cmd of ['render', 'compile', 'check']) {
      const r = run([cmd, '--help']);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain(`Usage: jinjit ${cmd}`);
    }
    expect(run(['--help']).stdout).toContain('Commands:');
  });
});

describe('jinjit compile', () => {
  it('precompiles a tree to modules that render like the engine, with inferred types', async () => {
    const dir = write(SITE, path.join(work, 'c-site'));
    const out = path.join(work, 'c-out');
    const r = run(['compile', dir, '-o', out, '--exclude', '**/_*', '--types', '--runtime', pathToFileURL(runtime).href]);
    expect(r.stderr).toBe(`compiled 3 of 3 templates to ${out}\n`);
    expect(r.code).toBe(0);
    expect(fs.existsSync(path.join(out, 'partials/_skip.txt.js'))).toBe(false);
    const mod = (await import(pathToFileURL(path.join(out, 'pages/home.html.js')).href)) as { default: (c: unknown) => string };
    expect(mod.default(DATA)).toBe(new Environment({ loader: new DictLoader(SITE) }).getTemplate('pages/home.html').render(DATA));
    const dts = fs.readFileSync(path.join(out, 'pages/home.html.d.ts'), 'utf8');
    // `m` is imported by the template itself: not part of the context type
    expect(dts).toContain('export type Context = {\n  title?: unknown;\n  users?: Iterable<unknown>;\n};');
    expect(dts).toContain('export default function render(context?: Context): string;');
  });

  it('reports templates that do not compile and exits 1', () => {
    const dir = write({ 'ok.html': 'fine', 'bad.html': '{{ x|nosuchfilter }}' }, path.join(work, 'c-bad'));
    const r = run(['compile', dir, '-o', path.join(work, 'c-bad-out')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${path.join(dir, 'bad.html')}:1:`);
    expect(r.stderr).toContain("TemplateAssertionError: No filter named 'nosuchfilter'.");
    expect(r.stderr).toContain('compiled 1 of 2 templates');
  });

  it('prints progress for large trees', () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 120; i++) files[`t${String(i).padStart(3, '0')}.txt`] = `{{ ${i} }}`;
    const dir = write(files, path.join(work, 'c-big'));
    const r = run(['compile', dir, '-o', path.join(work, 'c-big-out')]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(`compiling 120 templates...\n  50/120\n  100/120\ncompiled 120 of 120 templates to ${path.join(work, 'c-big-out')}\n`);
  });

  it('emits a .d.ts that type-checks callers (a wrong key is a type error)', () => {
    const dir = write({ 'card.html': '{{ user.name }} {% for t in tags %}{{ t }}{% endfor %} {{ count * 2 }}' }, path.join(work, 'c-types'));
    const out = path.join(work, 'c-types-out');
    expect(run(['compile', dir, '-o', out, '--types', '--runtime', './runtime-types.js']).code).toBe(0);
    fs.writeFileSync(path.join(out, 'runtime-types.d.ts'), 'export type PrecompiledTemplate = unknown; export type Template = unknown;\n');
    fs.writeFileSync(path.join(out, 'good.ts'), 'import render from "./card.html.js";\nrender({ user: { name: "A" }, tags: ["x"], count: 2 });\n');
    fs.writeFileSync(path.join(out, 'bad.ts'), 'import render from "./card.html.js";\nrender({ usr: { name: "A" } });\nrender({ count: "two" });\n');
    const tsc = path.resolve(__dirname, '../../node_modules/typescript/bin/tsc');
    const r = spawnSync(process.execPath, [tsc, '--noEmit', '--strict', '--skipLibCheck', '--module', 'nodenext', '--moduleResolution', 'nodenext', 'good.ts', 'bad.ts'], { cwd: out, encoding: 'utf8' });
    const errors = r.stdout.split('\n').filter((l) => /error TS/.test(l));
    expect(errors.filter((l) => l.startsWith('good.ts'))).toEqual([]);
    expect(errors).toHaveLength(2);
    expect(errors[0]).toMatch(/^bad\.ts\(2,10\): error TS\d+: Object literal may only specify known properties, .*'usr' does not exist/);
    expect(errors[1]).toMatch(/^bad\.ts\(3,10\): error TS2322: Type 'string' is not assignable to type 'number'/);
  });
});

describe('jinjit check', () => {
  it('reports syntax errors and undefined names as file:line:column with a code frame', () => {
    const dir = write({ 'a.html': 'Hi {{ name }}\n{% set x = 1 %}{{ x }}', 'b.html': '{% if %}', 'c.html': '{{ other }}' }, path.join(work, 'k'));
    const r = run(['check', dir, '--defined', 'other']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe([
      `${path.join(dir, 'a.html')}:1:7: warning: 'name' is not defined in the template (read from the render context)`,
      '> 1 | Hi {{ name }}',
      '    |       ^',
      '  2 | {% set x = 1 %}{{ x }}',
      `${path.join(dir, 'b.html')}:1:7: TemplateSyntaxError: Expected an expression, got 'end of statement block'`,
      '> 1 | {% if %}',
      '    |       ^',
      '3 templates checked: 1 error, 1 warning',
      '',
    ].join('\n'));
  });

  it('makes undefined names errors with --strict and passes clean trees', () => {
    const dir = write({ 'a.html': '{{ name }}' }, path.join(work, 'k2'));
    expect(run(['check', dir, '--strict']).code).toBe(1);
    expect(run(['check', dir, '--strict', '--defined', 'name'])).toEqual({ code: 0, stdout: '1 template checked: 0 errors, 0 warnings\n', stderr: '' });
  });
});
