/**
 * inheritance: a child page extending a layout with five blocks (head, title, sidebar, content,
 * footer), `super()` in three of them, an include (header) and a nav rendered by an imported macro.
 */
import { escapeHtml as e } from '../../lib/escape.js';
import { readWorkloadFile } from '../../lib/paths.js';
import { Rng, TRICKY, WORDS } from '../../lib/prng.js';
import type { Data, Workload } from '../types.js';

interface Link {
  href: string;
  label: string;
  children?: Link[];
}

function data(): Data {
  const rng = new Rng(7);
  const menu: Link[] = ['Home', 'Products', 'Blog', 'Docs', 'Community', 'Pricing', 'About', 'Contact'].map((label, i) => {
    const href = `/${label.toLowerCase()}`;
    const link: Link = { href, label };
    if (i % 3 === 1) link.children = Array.from({ length: 4 }, (_, j) => ({ href: `${href}/${j}`, label: `${label} ${rng.pick(WORDS)}` }));
    else link.children = [];
    return link;
  });
  return {
    site: { name: 'Bench & Co', url: 'https://example.org', year: 2025 },
    user: { name: 'Ada "root" <Lovelace>' },
    menu,
    active: '/blog',
    article: {
      title: `On ${rng.pick(TRICKY)}`,
      summary: rng.sentence(10, 20),
      author: 'Grace O\'Hopper',
      date: '2025-01-15',
      paragraphs: Array.from({ length: 20 }, () => (rng.chance(0.2) ? rng.pick(TRICKY) + '. ' : '') + rng.sentence(30, 60)),
    },
    related: Array.from({ length: 6 }, (_, i) => ({ href: `/blog/${i}`, title: rng.sentence(3, 7) })),
    comments: Array.from({ length: 12 }, () => ({ author: rng.pick(['ann', 'bob', 'c<3', 'dee & dum']), text: rng.sentence(5, 25) })),
  };
}

interface Page {
  site: { name: string; url: string; year: number };
  user: { name: string } | null;
  menu: Link[];
  active: string;
  article: { title: string; summary: string; author: string; date: string; paragraphs: string[] };
  related: { href: string; title: string }[];
  comments: { author: string; text: string }[];
}

function link(item: Link, active: string): string {
  return `<a href="${e(item.href)}"${item.href === active ? ' class="active" aria-current="page"' : ''}>${e(item.label)}</a>`;
}

function menu(items: Link[], active: string): string {
  let out = '<ul class="menu">\n';
  for (const item of items) {
    out += `      <li>${link(item, active)}\n`;
    if (item.children && item.children.length) {
      out += '        <ul>\n';
      for (const child of item.children) out += `          <li>${link(child, active)}</li>\n`;
      out += '        </ul>\n';
    }
    out += '      </li>\n';
  }
  return out + '    </ul>';
}

function hand(data: Data): string {
  const d = data as unknown as Page;
  const siteName = e(d.site.name);
  let out =
    '<!DOCTYPE html>\n<html lang="en">\n<head>\n' +
    `    <meta charset="utf-8">\n  <title>${e(d.article.title)} – ${siteName}</title>\n\n` +
    `  <meta name="description" content="${e(d.article.summary)}">\n` +
    `  <link rel="canonical" href="${e(d.site.url)}${e(d.active)}">\n` +
    '</head>\n<body>\n<header>\n' +
    `    <a class="logo" href="/">${siteName}</a>\n` +
    (d.user ? `    <span class="user">Signed in as ${e(d.user.name)}</span>\n` : '    <a href="/login">Sign in</a>\n') +
    `  </header>  <nav>\n    ${menu(d.menu, d.active)}\n  </nav>\n` +
    '  <div class="layout">\n    <aside>\n      <h3>Related</h3>\n      <ul>\n';
  for (const r of d.related) out += `        <li><a href="${e(r.href)}">${e(r.title)}</a></li>\n`;
  out +=
    '      </ul>\n    </aside>\n    <main>\n      <article>\n' +
    `        <h1>${e(d.article.title)}</h1>\n` +
    `        <p class="byline">by ${e(d.article.author)} on ${e(d.article.date)}</p>\n`;
  for (const p of d.article.paragraphs) out += `        <p>${e(p)}</p>\n`;
  out += `      </article>\n      <section class="comments">\n        <h2>${d.comments.length} comments</h2>\n`;
  for (const c of d.comments) out += `        <div class="comment"><b>${e(c.author)}</b>: ${e(c.text)}</div>\n`;
  return (
    out +
    '      </section>\n    </main>\n  </div>\n  <footer>\n' +
    `&copy; ${d.site.year} ${siteName} · <a href="/about">About</a>  </footer>\n</body>\n</html>`
  );
}

export const inheritance: Workload = {
  name: 'inheritance',
  description: 'child extends a layout: 5 blocks, super() x3, an include, an imported nav macro',
  env: 'html',
  templates: Object.fromEntries(['page.html', 'layout.html', 'header.html', 'nav.html'].map((n) => [n, readWorkloadFile('inheritance', n)])),
  entry: 'page.html',
  data,
  hand,
};
