/**
 * RuntimeEnvironment with precompiled modules: custom filters/globals, the `templates` and
 * `loadTemplate` options, references resolved through the including template's own imports, and
 * the static import graph `precompile` emits.
 */

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DictLoader, Environment, TemplateNotFound } from '../../src/index.js';
import { defaultResolve, precompile, staticReferences } from '../../src/precompile.js';
import { RuntimeEnvironment, type PrecompiledTemplate } from '../../src/runtime/index.js';

const RUNTIME = path.resolve(__dirname, '../../src/runtime/index.ts');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'jinjit-rtenv-'));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

let n = 0;
/** Precompile `files` (name → source) into a fresh directory laid out by name; returns the specs. */
async function compile(files: Record<string, string>, options: Parameters<typeof precompile>[1] = {}): Promise<Record<string, PrecompiledTemplate>> {
  const dir = path.join(work, `d${n++}`);
  const out: Record<string, PrecompiledTemplate> = {};
  for (const [name, source] of Object.entries(files)) {
    const file = path.join(dir, `${name}.js`);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, precompile(source, { ...options, name, runtimeImport: RUNTIME }).code);
  }
  for (const name of Object.keys(files)) out[name] = ((await import(path.join(dir, `${name}.js`))) as { spec: PrecompiledTemplate }).spec;
  return out;
}

describe('RuntimeEnvironment', () => {
  it('renders async and streamed when precompiled with `variants`, and says so when not', async () => {
    const files = {
      base: '<{% block b %}base{% endblock %}>',
      page: '{% extends "base" %}{% block b %}{{ super() }}:{% for x in xs %}{{ x|upper }}{% endfor %}{% endblock %}',
    };
    const env = new Environment({ loader: new DictLoader(files) });
    const expected = env.getTemplate('page').render({ xs: ['a', 'b'] });
    const withVariants = await compile(files, { variants: true });
    const rtEnv = new RuntimeEnvironment({ templates: withVariants });
    const page = rtEnv.templateFromModule(withVariants.page!);
    async function* xs() { yield 'a'; yield 'b'; }
    expect(await page.renderAsync({ xs: xs() })).toBe(expected);
    expect([...page.generate({ xs: ['a', 'b'] })].join('')).toBe(expected);
    const plain = await compile(files);
    const bare = new RuntimeEnvironment({ templates: plain }).templateFromModule(plain.page!);
    expect(bare.render({ xs: ['a', 'b'] })).toBe(expected);
    await expect(bare.renderAsync({ xs: ['a'] })).rejects.toThrow("template 'page' has no async code (precompile it with variants: true)");
  });

  it('refuses a module precompiled for another code format, with a clear error', async () => {
    const { t } = await compile({ t: '{% macro m(x) %}{{ x }}{% endmacro %}{{ m(1) }}' });
    expect(new RuntimeEnvironment().templateFromModule(t!).render()).toBe('1');
    const old = { ...t!, codeFormat: undefined };
    expect(() => new RuntimeEnvironment().templateFromModule(old)).toThrow(
      "template 't' was precompiled for another jinjit runtime (code format 1, this runtime runs format 3): precompile it again with this version",
    );
  });

  it('renders with custom filters and globals given at compile and run time', async () => {
    const shout = (s: unknown) => `${String(s).toUpperCase()}!`;
    const { t } = await compile({ t: '{{ name|shout }} {{ site }}' }, { filters: { shout } });
    const env = new RuntimeEnvironment({ filters: { shout }, globals: { site: 'docs' } });
    expect(env.templateFromModule(t!).render({ name: 'hi' })).toBe('HI! docs');
    // the module's own default environment does not know the filter: it fails only when used
    expect(() => new RuntimeEnvironment().templateFromModule(t!).render({ name: 'x' })).toThrow("No filter named 'shout' found.");
  });

  it('finds dynamic names through `templates` and `loadTemplate`', async () => {
    const specs = await compile({ main: '{% include which %}|{% include other %}', a: 'A{{ v }}', b: 'B' });
    const env = new RuntimeEnvironment({
      templates: { a: specs.a! },
      loadTemplate: (name) => (name === 'b' ? specs.b : undefined),
    });
    const main = env.templateFromModule(specs.main!);
    expect(main.render({ which: 'a', other: 'b', v: 1 })).toBe('A1|B');
    expect(() => main.render({ which: 'a', other: 'zz' })).toThrow(TemplateNotFound);
  });

  it('without any way to find templates, fails like Jinja2 without a loader', async () => {
    const file = path.join(work, 'unnamed.js');
    fs.writeFileSync(file, precompile('{% include name %}', { runtimeImport: RUNTIME }).code);
    const { spec } = (await import(file)) as { spec: PrecompiledTemplate };
    expect(() => new RuntimeEnvironment().templateFromModule(spec).render({ name: 'x' })).toThrow('no loader for this environment specified');
    // once named templates are known, an unknown name is simply not found
    const { m } = await compile({ m: '{% include name %}' });
    expect(() => new RuntimeEnvironment().templateFromModule(m!).render({ name: 'x' })).toThrow(TemplateNotFound);
  });

  it('resolves a static reference through the including template, even when names clash', async () => {
    const files = {
      'en/page': '{% include "part" %}',
      'en/part': 'english',
      'de/page': '{% include "part" %}',
      'de/part': 'deutsch',
    };
    const specs = await compile(files, { resolve: (dep, from) => defaultResolve(`${from!.split('/')[0]}/${dep}`, from) });
    const env = new RuntimeEnvironment();
    expect(env.templateFromModule(specs['en/page']!).render()).toBe('english');
    expect(env.templateFromModule(specs['de/page']!).render()).toBe('deutsch');
  });

  it('handles import cycles between modules', async () => {
    const files = {
      a: '{% if n > 0 %}a{{ n }}{% set n = n - 1 %}{% include "b" %}{% endif %}',
      b: '{% if n > 0 %}b{{ n }}{% set n = n - 1 %}{% include "a" %}{% endif %}',
    };
    const specs = await compile(files);
    const expected = new Environment({ loader: new DictLoader(files) }).getTemplate('a').render({ n: 4 });
    expect(new RuntimeEnvironment().templateFromModule(specs.a!).render({ n: 4 })).toBe(expected);
    expect(expected).toBe('a4b3a2b1');
  });
});

describe('precompile output', () => {
  it('imports constant references statically, relative to the template name', () => {
    const { code, dependencies } = precompile(
      '{% extends "layouts/base.html" %}{% include ["a.html", dyn] %}{% from "lib/m.html" import x %}{% include name %}',
      { name: 'pages/home.html' },
    );
    expect(dependencies).toEqual([
      { name: 'layouts/base.html', specifier: '../layouts/base.html.js' },
      { name: 'a.html', specifier: '../a.html.js' },
      { name: 'lib/m.html', specifier: '../lib/m.html.js' },
    ]);
    expect(code).toContain('import { defineTemplate } from "jinjit/runtime";');
    expect(code).toContain('import * as d0 from "../layouts/base.html.js";');
    expect(code).not.toMatch(/new Function|eval\(/);
  });

  it('lists static references in template order', () => {
    expect(staticReferences(new Environment().parse('{% import "x" as y %}{% if c %}{% include "z" %}{% endif %}{% extends "x" %}'))).toEqual(['x', 'z']);
  });
});
