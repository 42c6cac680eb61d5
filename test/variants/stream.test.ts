/**
 * Streaming (generate, generateAsync, readableStream), Promise-valued variables, async loaders
 * and error positions of the async variant. Expected outputs come from the plain render().
 */

import { describe, expect, it } from 'vitest';
import { DictLoader, Environment, TemplateNotFound, type Loader, type LoaderSource } from '../../src/index.js';

/** A value the test resolves by hand; `resolve` logs when it happened. */
function deferred<T>(log: string[], label: string) {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return {
    promise,
    resolve: (v: T) => {
      log.push(label);
      resolve(v);
    },
  };
}

const templates = {
  base: '<head>{% block head %}H{% endblock %}</head><body>{% block body %}{% endblock %}</body>',
  page: '{% extends "base" %}{% block body %}{% include "nav" %}<main>{{ slow() }}</main>{% endblock %}',
  nav: '<nav>{% for l in links %}{{ l }}{% endfor %}</nav>',
};

describe('generateAsync', () => {
  it('yields the first chunks before a later awaited value resolves', async () => {
    const log: string[] = [];
    const env = new Environment();
    const d = deferred<string>(log, 'resolved');
    const it = env.fromString('Hello {{ name }}, {{ slow() }}!').generateAsync({ name: 'Ada', slow: () => d.promise });
    // if nothing is flushed before `slow()` is awaited, the fallback resolves it: the log then
    // shows the resolution first and the test fails (it never hangs)
    const fallback = setTimeout(() => d.resolve('late'), 2000);
    const first = await it.next();
    log.push(`chunk:${String(first.value)}`);
    d.resolve('S');
    clearTimeout(fallback);
    const rest: string[] = [];
    for (let r = await it.next(); !r.done; r = await it.next()) rest.push(r.value);
    expect(log[0]).toMatch(/^chunk:Hello /);
    expect(log[1]).toBe('resolved');
    expect(String(first.value) + rest.join('')).toBe(env.fromString('Hello {{ name }}, {{ slow() }}!').render({ name: 'Ada', slow: () => 'S' }));
  });

  it('streams through extends, blocks and includes before awaiting later content', async () => {
    const log: string[] = [];
    const env = new Environment({ loader: new DictLoader(templates) });
    const d = deferred<string>(log, 'resolved');
    const chunks: string[] = [];
    const fallback = setTimeout(() => d.resolve('late'), 2000);
    for await (const chunk of env.getTemplate('page').generateAsync({ links: ['a', 'b'], slow: () => d.promise })) {
      chunks.push(chunk);
      log.push(chunk);
      if (chunk.includes('<main>')) d.resolve('M');
    }
    clearTimeout(fallback);
    const resolvedAt = log.indexOf('resolved');
    expect(log.slice(0, resolvedAt).join('')).toContain('<nav>ab</nav>');
    expect(log.slice(0, resolvedAt).join('')).toContain('<head>H</head>');
    expect(chunks.length).toBeGreaterThan(1);
    expect(chunks.join('')).toBe(env.getTemplate('page').render({ links: ['a', 'b'], slow: () => 'M' }));
  });

  it('rethrows render errors after the chunks before them', async () => {
    const env = new Environment();
    const got: string[] = [];
    await expect((async () => {
      for await (const c of env.fromString('ok{{ f() + 1 }}').generateAsync({ f: async () => 'x' })) got.push(c);
    })()).rejects.toThrow(/can only concatenate str/);
    expect(got).toEqual(['ok']);
  });
});

describe('generate (sync)', () => {
  it('yields one chunk per top-level statement, block and include; joined equals render', () => {
    const env = new Environment({ loader: new DictLoader(templates) });
    const ctx = { links: ['a', 'b'], slow: () => 'M' };
    const chunks = [...env.getTemplate('page').generate(ctx)];
    expect(chunks.length).toBeGreaterThan(3);
    expect(chunks).toContain('<nav>');
    expect(chunks.join('')).toBe(env.getTemplate('page').render(ctx));
    expect([...env.getTemplate('page').stream(ctx)]).toEqual(chunks);
  });

  it('keeps captured blocks, super() and self out of the stream', () => {
    const env = new Environment({
      loader: new DictLoader({
        base: '{% block a %}A{% endblock %}|{% set c %}{% block b %}B{% endblock %}{% endset %}{{ c|upper }}',
        child: '{% extends "base" %}{% block a %}[{{ super()|lower }}{{ self.b()|length }}]{% endblock %}',
      }),
    });
    expect([...env.getTemplate('child').generate()].join('')).toBe(env.getTemplate('child').render());
  });
});

describe('generate (sync) is lazy', () => {
  it('renders the rest only when the next chunk is asked for', () => {
    const calls: string[] = [];
    const env = new Environment();
    const src = '{{ a() }}|{% for x in [1, 2] %}{{ b(x) }}{% endfor %}';
    const it = env.fromString(src).generate({ a: () => (calls.push('a'), 'A'), b: (x: number) => (calls.push(`b${x}`), x) });
    const first = it.next();
    expect(calls).toEqual(['a']);
    const rest = [...it];
    expect(calls).toEqual(['a', 'b1', 'b2']);
    expect(String(first.value) + rest.join('')).toBe(env.fromString(src).render({ a: () => 'A', b: (x: number) => x }));
  });

  it('keeps its own budget while other renders run between chunks', () => {
    const env = new Environment({ limits: { fuel: 1000 } });
    const gen = env.fromString('{% for i in range(400) %}{% endfor %}A{% for i in range(400) %}{% endfor %}B').generate();
    expect(gen.next().value).toBe('A');
    // a whole render in between spends 900 of its own 1000
    expect(env.fromString('{% for i in range(900) %}{% endfor %}ok').render()).toBe('ok');
    expect([...gen].join('')).toBe('B');
  });
});

describe('readableStream', () => {
  it('gives strings, or UTF-8 bytes with { bytes: true }', async () => {
    const env = new Environment();
    const tmpl = env.fromString('{% for x in xs %}é{{ x }}{% endfor %}');
    const expected = tmpl.render({ xs: [1, 2, 3] });
    const text = await new Response(tmpl.readableStream({ xs: [1, 2, 3] }, { bytes: true })).text();
    expect(text).toBe(expected);
    const reader = tmpl.readableStream({ xs: [1, 2, 3] }).getReader();
    let joined = '';
    for (let r = await reader.read(); !r.done; r = await reader.read()) joined += r.value as string;
    expect(joined).toBe(expected);
  });
});

describe('renderAsync extras', () => {
  const cases = [
    '{{ user.name }} {{ user.tags|join(",") }}',
    '{% for x in items %}{{ x }}{% endfor %}',
    '{{ n + 1 }}{{ n is odd }}',
    '{% if flag %}yes{% endif %}',
  ];
  const data = { user: { name: 'Ada', tags: ['a', 'b'] }, items: [1, 2], n: 41, flag: true };
  it.each(cases)('awaits Promise-valued variables: %s', async (src) => {
    const env = new Environment();
    const promised = Object.fromEntries(Object.entries(data).map(([k, v]) => [k, Promise.resolve(v)]));
    expect(await env.fromString(src).renderAsync(promised)).toBe(env.fromString(src).render(data));
  });

  it('loads templates through a loader\'s getSourceAsync', async () => {
    const loaded: string[] = [];
    const sync = new DictLoader(templates);
    const loader: Loader = {
      getSource: () => {
        throw new Error('sync load in an async render');
      },
      async getSourceAsync(name: string): Promise<LoaderSource> {
        loaded.push(name);
        return sync.getSource(name);
      },
    };
    const env = new Environment({ loader });
    const page = await env.getTemplateAsync('page');
    const out = await page.renderAsync({ links: ['x'], slow: async () => 'S' });
    expect(out).toBe(new Environment({ loader: sync }).getTemplate('page').render({ links: ['x'], slow: () => 'S' }));
    expect(loaded.sort()).toEqual(['base', 'nav', 'page']);
    await expect(env.getTemplateAsync('nope')).rejects.toThrow(TemplateNotFound);
  });

  it('reports errors with template name and line', async () => {
    const env = new Environment({ loader: new DictLoader({ t: 'line1\n{{ f() + 1 }}' }) });
    const err = await env.getTemplate('t').renderAsync({ f: async () => 'x' }).catch((e: unknown) => e) as Error & { lineno?: number; templateName?: string };
    expect(err.name).toBe('TypeError');
    expect(err.templateName).toBe('t');
    expect(err.lineno).toBe(2);
  });

  it('leaves the plain sync code untouched (no await, no flush)', () => {
    const env = new Environment();
    const code = env.compileToCode('{% macro m() %}{{ caller() }}{% endmacro %}{% for x in y %}{% include "a" %}{% endfor %}').code;
    expect(code).not.toMatch(/await|async|flushOut|Variant/);
    expect(env.compileToCode('{{ x }}', undefined, 'async').code).toMatch(/async function root/);
  });
});

describe('limits in async renders', () => {
  it('gives each pending render its own budget (depth and fuel do not add up)', async () => {
    const env = new Environment({ limits: { fuel: 1000, maxDepth: 20 } });
    const t = env.fromString('{% macro m(n) %}{% if n %}{{ m(n - 1) }}{% else %}{{ gate() }}{% endif %}{% endmacro %}{% for i in range(600) %}{% endfor %}{{ m(5) }}');
    let open!: () => void;
    const gate = new Promise<string>((r) => (open = () => r('x')));
    // 50 renders each 6 macro levels deep and 600 fuel spent, all pending together
    const renders = Array.from({ length: 50 }, () => t.renderAsync({ gate: () => gate }));
    await Promise.resolve();
    open();
    expect(await Promise.all(renders)).toEqual(Array.from({ length: 50 }, () => t.render({ gate: () => 'x' })));
  });

  it.each([
    ['macro recursion', '{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}'],
    ['recursive loop', '{% for x in [1] recursive %}{{ loop([1]) }}{% endfor %}'],
    ['include recursion', '{% include "self" %}'],
  ])('stops runaway %s with RecursionError, as the sync render does', async (_what, src) => {
    const env = new Environment({ loader: new DictLoader({ self: src }) });
    const sync = (() => {
      try {
        env.getTemplate('self').render();
        return 'rendered';
      } catch (e) {
        return (e as Error).name;
      }
    })();
    await expect(env.getTemplate('self').renderAsync({ s: async () => 1 })).rejects.toMatchObject({ name: sync });
    expect(sync).toBe('RecursionError');
  });

  it('spends fuel per render', async () => {
    const env = new Environment({ limits: { fuel: 1000 } });
    await expect(env.fromString('{% for i in range(2000) %}{{ s() }}{% endfor %}').renderAsync({ s: async () => 1 }))
      .rejects.toThrow(/work budget/);
    expect(await env.fromString('{% for i in range(900) %}{% endfor %}{{ s() }}').renderAsync({ s: async () => 1 })).toBe('1');
  });
});
