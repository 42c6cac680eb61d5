/**
 * compile: a generated template of ~N lines (default 500) — sections cycling through loops,
 * conditionals, `set`, macro calls and filters — to measure parse + compile cost (cold, no cache)
 * and first render. Lines scale to 50 / 500 / 5,000 for the scaling table.
 */
import { Rng, WORDS } from '../../lib/prng.js';
import type { Data, Workload } from '../types.js';

const PATTERNS: ((i: number, rng: Rng) => string[])[] = [
  (i) => [
    `<section id="s${i}">`,
    `  <h2>{{ badge("#${i}") }} {{ (heading ~ " ${i}") | upper }}</h2>`,
    `  {% if items | length > ${i % 7} %}`,
    `  <ul>`,
    `  {% for it in items %}`,
    `    <li class="{% if loop.index % 2 %}odd{% else %}even{% endif %}">{{ it.name }}: {{ it.value * ${i % 9 + 1} }}</li>`,
    `  {% endfor %}`,
    `  </ul>`,
    `  {% else %}`,
    `  <p>Nothing for {{ user.name }} in section ${i}.</p>`,
    `  {% endif %}`,
    `</section>`,
  ],
  (i, rng) => [
    `{% set total_${i} = (items | length) * ${i % 13 + 1} %}`,
    `<div class="stats-${i}">`,
    `  {% if total_${i} > ${rng.int(100, 900)} %}`,
    `  <strong>{{ badge(total_${i}, kind="big") }}</strong>`,
    `  {% elif total_${i} > 10 %}`,
    `  <em>{{ total_${i} }} in total</em>`,
    `  {% else %}`,
    `  <span>few</span>`,
    `  {% endif %}`,
    `  <p>{% for it in items %}{{ it.name }}{% if not loop.last %}, {% endif %}{% endfor %}</p>`,
    `</div>`,
  ],
  (i, rng) => [
    `<table class="t${i}">`,
    `  <tr><th>{{ "${rng.pick(WORDS)}" | capitalize }}</th><th>{{ user.name | default("anonymous") }}</th></tr>`,
    `  {% for it in items %}`,
    `  {% if it.value > ${(i * 7) % 100} %}`,
    `  <tr>`,
    `    <td>{{ loop.index }}</td>`,
    `    <td>{{ it.name | replace("a", "4") | lower }}</td>`,
    `    <td>{{ it.tags | join("/") if it.tags | length else "-" }}</td>`,
    `  </tr>`,
    `  {% endif %}`,
    `  {% endfor %}`,
    `</table>`,
  ],
  (i, rng) => [
    `{# section ${i}: ${rng.sentence(3, 6)} #}`,
    `<article>`,
    `  {% set label = "item-${i}" %}`,
    `  <h3 id="{{ label }}">{{ label | title }} by {{ user.name }}</h3>`,
    `  {% for word in ["${rng.pick(WORDS)}", "${rng.pick(WORDS)}", "${rng.pick(WORDS)}"] %}`,
    `  <span>{{ word }}{% if not loop.last %},{% endif %}</span>`,
    `  {% endfor %}`,
    `  <p>${rng.sentence(8, 16)}</p>`,
    `</article>`,
  ],
];

/** A deterministic template of at least `lines` lines. */
export function generateTemplate(lines: number): string {
  const rng = new Rng(lines);
  const out = [
    '{% macro badge(text, kind="info") -%}',
    '<span class="badge badge-{{ kind }}">{{ text }}</span>',
    '{%- endmacro %}',
    '<!DOCTYPE html>',
    '<html><head><title>{{ heading }}</title></head><body>',
  ];
  for (let i = 0; out.length < lines - 1; i++) out.push(...PATTERNS[i % PATTERNS.length]!(i, rng));
  out.push('</body></html>');
  return out.join('\n') + '\n';
}

function data(): Data {
  const rng = new Rng(3);
  return {
    heading: 'Generated <page>',
    user: { name: 'Bob & Alice' },
    items: Array.from({ length: 10 }, (_, i) => ({
      name: `${rng.pick(WORDS)} ${i}`,
      value: rng.int(0, 120),
      tags: rng.some(['a', 'b&c', 'd'], rng.int(0, 2)),
    })),
  };
}

export const compile: Workload = {
  name: 'compile',
  description: 'parse + compile a generated ~500-line template (cold, no cache), then first render',
  env: 'html',
  templates: { 'big.html': generateTemplate(500) },
  entry: 'big.html',
  data,
  hand: () => 'n/a',
};
