/**
 * list: a product page looping over 200 items — autoescaped fields, an `if`, `upper`, `length`, `join`.
 * Also rendered at 10 / 1,000 / 100,000 items for the scaling table, and ported to eta, handlebars
 * and liquidjs (page.eta, page.hbs, page.liquid).
 */
import { escapeHtml as e } from '../../lib/escape.js';
import { readWorkloadFile } from '../../lib/paths.js';
import { Rng, TRICKY, WORDS } from '../../lib/prng.js';
import type { Data, Workload } from '../types.js';

interface Item {
  id: number;
  slug: string;
  name: string;
  price: number;
  in_stock: boolean;
  tags: string[];
  description: string;
}

function data(size = 200): Data {
  const rng = new Rng(42);
  const items: Item[] = [];
  for (let i = 0; i < size; i++) {
    const base = rng.chance(0.2) ? rng.pick(TRICKY) : `${rng.pick(WORDS)} ${rng.pick(WORDS)}`;
    items.push({
      id: 1000 + i,
      slug: `${rng.pick(WORDS)}-${i}`,
      name: `${base} #${i}`,
      price: rng.price(1, 500),
      in_stock: rng.chance(0.7),
      tags: rng.some(['new', 'sale', 'eco', 'gift', 'b&w', '<hot>'], rng.int(0, 3)),
      description: rng.chance(0.1) ? rng.pick(TRICKY) + ' ' + rng.sentence(3, 8) : rng.sentence(6, 14),
    });
  }
  return {
    site: 'Shop & Co',
    title: 'Today\'s "deals"',
    currency: 'EUR',
    user: { name: 'Zoë <admin>' },
    items,
  };
}

function hand(d: Data): string {
  const items = d.items as Item[];
  const user = d.user as { name: string };
  let out =
    '<!DOCTYPE html>\n<html lang="en">\n<head>\n  <meta charset="utf-8">\n' +
    `  <title>${e(d.title)} | ${e(d.site)}</title>\n</head>\n<body>\n` +
    `  <h1>${e(String(d.title).toUpperCase())}</h1>\n` +
    `  <p class="summary">${items.length} products, picked for ${e(user.name)}</p>\n` +
    '  <ul class="products">\n';
  const currency = e(d.currency);
  for (const item of items) {
    out +=
      `    <li id="item-${item.id}" class="${item.in_stock ? 'in-stock' : 'sold-out'}">\n` +
      `      <a href="/p/${e(item.slug)}">${e(item.name)}</a>\n` +
      `      <span class="price">${item.price} ${currency}</span>\n`;
    if (item.tags.length) out += `      <span class="tags">${item.tags.map(e).join(', ')}</span>\n`;
    out += `      <p class="desc">${e(item.description)}</p>\n    </li>\n`;
  }
  return out + '  </ul>\n</body>\n</html>';
}

export const list: Workload = {
  name: 'list',
  description: '200-item product list: autoescaped fields, an if, upper/length/join',
  env: 'html',
  templates: { 'page.html': readWorkloadFile('list', 'page.html') },
  entry: 'page.html',
  data,
  hand,
  peers: {
    eta: readWorkloadFile('list', 'page.eta'),
    handlebars: readWorkloadFile('list', 'page.hbs'),
    liquid: readWorkloadFile('list', 'page.liquid'),
  },
};
