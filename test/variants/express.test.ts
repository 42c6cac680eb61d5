/**
 * The Express view engine against a real Express server on 127.0.0.1, fetched with `fetch`.
 * Expected pages come from a plain Environment over the same files.
 */

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import expressApp from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Environment, FileSystemLoader, express } from '../../src/index.js';

const views = fs.mkdtempSync(path.join(os.tmpdir(), 'jinjit-views-'));
const files: Record<string, string> = {
  'layout.j2': '<title>{% block title %}Site{% endblock %}</title>{% block body %}{% endblock %}',
  'index.j2': '{% extends "layout.j2" %}{% block title %}{{ title }}{% endblock %}{% block body %}{% include "parts/list.j2" %}{{ app }}{% endblock %}',
  'parts/list.j2': '<ul>{% for i in items %}<li>{{ i }}</li>{% endfor %}</ul>',
  'broken.j2': 'ok\n{{ 1 + none }}',
  'changing.j2': 'v1',
  'async.j2': '{{ later }}|{{ fetchName() }}',
};
for (const [name, src] of Object.entries(files)) {
  fs.mkdirSync(path.dirname(path.join(views, name)), { recursive: true });
  fs.writeFileSync(path.join(views, name), src);
}

let server: Server;
let base = '';
let asyncBase = '';
let asyncServer: Server;

function listen(app: ReturnType<typeof expressApp>): Promise<[Server, string]> {
  return new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve([s, `http://127.0.0.1:${(s.address() as AddressInfo).port}`]));
  });
}

beforeAll(async () => {
  const app = expressApp();
  app.engine('j2', express({ autoescape: true }));
  app.set('view engine', 'j2');
  app.set('views', views);
  app.locals.app = 'A&B';
  app.get('/', (_req, res) => res.render('index', { title: 'Home <1>', items: ['x', 'y'] }));
  app.get('/changing', (_req, res) => res.render('changing'));
  app.get('/broken', (_req, res) => {
    res.render('broken', {}, (err, html) => {
      if (!err) return res.send(html);
      const e = err as Error & { templateName?: string; lineno?: number };
      res.status(500).send(`${e.name}|${e.templateName}|${e.lineno}`);
    });
  });
  [server, base] = await listen(app);

  const app2 = expressApp();
  app2.engine('j2', express({ views, async: true }));
  app2.set('view engine', 'j2');
  app2.set('views', views);
  app2.get('/', (_req, res) => res.render('async', { later: Promise.resolve('L'), fetchName: async () => 'N' }));
  [asyncServer, asyncBase] = await listen(app2);
});

afterAll(() => {
  server.close();
  asyncServer.close();
  fs.rmSync(views, { recursive: true, force: true });
});

describe('express view engine', () => {
  it('renders views with extends, include and app locals', async () => {
    const res = await fetch(`${base}/`);
    expect(res.status).toBe(200);
    const expected = new Environment({ autoescape: true, loader: new FileSystemLoader(views) })
      .getTemplate('index.j2').render({ title: 'Home <1>', items: ['x', 'y'], app: 'A&B' });
    expect(await res.text()).toBe(expected);
  });

  it('passes errors to the callback with template name and line', async () => {
    const res = await fetch(`${base}/broken`);
    expect(res.status).toBe(500);
    expect(await res.text()).toBe('TypeError|broken.j2|2');
  });

  it('recompiles a changed view when the view cache is off', async () => {
    expect(await (await fetch(`${base}/changing`)).text()).toBe('v1');
    const file = path.join(views, 'changing.j2');
    fs.writeFileSync(file, 'v2');
    const later = new Date(Date.now() + 5000);
    fs.utimesSync(file, later, later);
    expect(await (await fetch(`${base}/changing`)).text()).toBe('v2');
  });

  it('renders asynchronously with { async: true }', async () => {
    const res = await fetch(`${asyncBase}/`);
    expect(await res.text()).toBe(new Environment({ loader: new FileSystemLoader(views) }).getTemplate('async.j2').render({ later: 'L', fetchName: () => 'N' }));
  });
});

describe('FileSystemLoader.getSourceAsync', () => {
  it('reads what getSource reads, and refuses what it refuses', async () => {
    const loader = new FileSystemLoader(views);
    const got = await loader.getSourceAsync('parts/list.j2');
    const want = loader.getSource('parts/list.j2');
    expect([got.source, got.filename, got.uptodate?.()]).toEqual([want.source, want.filename, true]);
    await expect(loader.getSourceAsync('missing.j2')).rejects.toMatchObject({ name: 'TemplateNotFound' });
    await expect(loader.getSourceAsync('../etc/passwd')).rejects.toMatchObject({ name: 'TemplateNotFound' });
  });
});
