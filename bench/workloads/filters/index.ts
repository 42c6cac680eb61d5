/**
 * filters: a report grouped by department — groupby, selectattr, map(attribute=), map("title"),
 * unique, sort (also by attribute, reversed), sum, join, format, truncate, title, lower.
 */
import { escapeHtml as e } from '../../lib/escape.js';
import { jinjaSort, jinjaTitle, jinjaTruncate, jinjaUnique, pyFixed } from '../../lib/pyfmt.js';
import { readWorkloadFile } from '../../lib/paths.js';
import { Rng, WORDS } from '../../lib/prng.js';
import type { Data, Workload } from '../types.js';

interface Person {
  name: string;
  email: string;
  dept: string;
  city: string;
  active: boolean;
  score: number;
  bio: string;
  skill: string;
}

const FIRST = ['ada', 'grace', 'alan', 'edsger', 'barbara', 'donald', 'margaret', 'ken', 'dennis', 'frances', 'john', 'radia', 'tim', 'guido', 'linus'];
const LAST = ['lovelace', 'hopper', 'turing', 'dijkstra', 'liskov', 'knuth', 'hamilton', 'thompson', 'ritchie', 'allen', "o'neil", 'perlman', 'berners-lee', 'van rossum'];
const DEPTS = ['research and development', 'sales', 'customer-success', 'operations', 'finance & legal', 'design'];
const CITIES = ['Berlin', 'Zürich', 'Lisbon', 'Austin', 'Kyoto', 'Nairobi', 'Oslo', 'São Paulo', 'Pune'];
const SKILLS = ['rust', 'typescript', 'python', 'sql', 'design systems', 'negotiation', 'k8s', 'excel', 'writing', 'go'];

function data(size = 150): Data {
  const rng = new Rng(2024);
  const people: Person[] = [];
  for (let i = 0; i < size; i++) {
    const first = rng.pick(FIRST);
    const last = rng.pick(LAST);
    people.push({
      name: `${first} ${last}`,
      email: `${first}.${last.replace(/[^a-z]/g, '')}${i}@Example.ORG`,
      dept: rng.pick(DEPTS),
      city: rng.pick(CITIES),
      active: rng.chance(0.75),
      score: rng.int(0, 1000) / 10,
      bio: rng.sentence(6, 16),
      skill: rng.pick(SKILLS),
    });
  }
  return { people };
}

function hand(d: Data): string {
  const groups = new Map<string, Person[]>();
  for (const p of jinjaSort(d.people as Person[], (p) => p.dept)) {
    const g = groups.get(p.dept);
    if (g) g.push(p);
    else groups.set(p.dept, [p]);
  }
  let out = '<section class="report">\n';
  for (const [dept, members] of groups) {
    const active = members.filter((p) => p.active);
    const total = members.reduce((s, p) => s + p.score, 0);
    out +=
      `  <h2>${e(jinjaTitle(dept))} (${members.length})</h2>\n` +
      `  <p class="active">${e(jinjaSort(active.map((p) => jinjaTitle(p.name))).join(', '))}</p>\n` +
      `  <p class="cities">${e(jinjaSort(jinjaUnique(members.map((p) => p.city))).join(' / '))}</p>\n` +
      `  <p class="stats">${members.length} members, ${active.length} active, average score ${pyFixed(total / members.length, 1)}</p>\n` +
      '  <ol>\n';
    for (const p of jinjaSort(members, (p) => p.score, true).slice(0, 5)) {
      out += `    <li>${e(jinjaTitle(p.name))} &lt;${e(p.email.toLowerCase())}&gt; — ${e(jinjaTruncate(p.bio, 40))} (${pyFixed(p.score, 1)})</li>\n`;
    }
    const skills = jinjaSort(jinjaUnique(members.map((p) => e(p.skill)))).join(', ');
    out += `  </ol>\n  <p class="skills">${jinjaTitle(jinjaTruncate(skills, 60))}</p>\n`;
  }
  return out + '</section>';
}

export const filters: Workload = {
  name: 'filters',
  description: '150 people grouped by dept: groupby, selectattr, map(attribute=), sort, unique, sum, join, format, truncate, title',
  env: 'html',
  templates: { 'report.html': readWorkloadFile('filters', 'report.html') },
  entry: 'report.html',
  data,
  hand,
};
