/**
 * `npm run conformance`: runs fixtures/cases/*.jsonl and, when present,
 * ../shared/conformance/*.jsonl, and prints the pass rate per source file.
 * `-v` lists failures; `--filter=text` only runs ids containing text.
 *
 * A case passes when it renders right in both tiers: compiled to JS and in the interpreter
 * (tier 0); a failure names the tier.
 *
 * Cases marked `js_limit` (genuine JavaScript limits, see fixtures/oracle/specs/_case.py) are
 * not counted: they are listed apart with their reason, and flagged if they unexpectedly match.
 */

import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadCases, runCase as runTier, type Case, type Outcome } from '../test/support/cases.js';

/** Both tiers; the first failure, with its tier. */
function runCase(c: Case): Outcome {
  for (const tier of ['compiled', 'interpreted'] as const) {
    const r = runTier(c, tier);
    if (!r.ok) return { ok: false, detail: `[${tier}] ${r.detail}` };
  }
  return { ok: true };
}

const root = path.resolve(import.meta.dirname ?? __dirname, '..');
const verbose = process.argv.includes('-v');
const filter = process.argv.find((a) => a.startsWith('--filter='))?.slice(9);
const files: string[] = [];
const fixtureDir = path.join(root, 'fixtures/cases');
for (const f of fs.readdirSync(fixtureDir).sort()) if (f.endsWith('.jsonl')) files.push(path.join(fixtureDir, f));
const shared = path.join(root, '../shared/conformance');
if (fs.existsSync(shared)) for (const f of fs.readdirSync(shared).sort()) if (f.endsWith('.jsonl')) files.push(path.join(shared, f));

let total = 0;
let passed = 0;
const limits: [Case, boolean][] = [];
for (const file of files) {
  const groups = new Map<string, { pass: number; total: number; fails: [Case, string][] }>();
  for (const c of loadCases(file)) {
    if (filter && !c.id.includes(filter)) continue;
    if (c.js_limit !== undefined) {
      limits.push([c, runCase(c).ok]);
      continue;
    }
    // the shared corpus is reported per Jinja2 test file, ours per fixture file
    const group = c.id.startsWith('jinja2/') ? c.id.split('::')[0]! : path.basename(file);
    const g = groups.get(group) ?? { pass: 0, total: 0, fails: [] };
    groups.set(group, g);
    const r = runCase(c);
    g.total++;
    if (r.ok) g.pass++;
    else g.fails.push([c, r.detail]);
  }
  console.log(`\n${path.relative(root, file)}`);
  let fp = 0;
  let ft = 0;
  for (const [group, g] of [...groups].sort()) {
    fp += g.pass;
    ft += g.total;
    console.log(`  ${group.padEnd(44)} ${String(g.pass).padStart(4)}/${String(g.total).padEnd(4)} ${((100 * g.pass) / g.total).toFixed(1)}%`);
    if (verbose) for (const [c, d] of g.fails) console.log(`    FAIL ${c.id}\n      ${d.replace(/\n/g, '\n      ')}`);
  }
  if (groups.size > 1) console.log(`  ${'total'.padEnd(44)} ${String(fp).padStart(4)}/${String(ft).padEnd(4)} ${((100 * fp) / ft).toFixed(1)}%`);
  total += ft;
  passed += fp;
}
console.log(`\nall: ${passed}/${total} ${((100 * passed) / Math.max(total, 1)).toFixed(1)}%`);
if (limits.length > 0) {
  console.log(`\nnot counted: ${limits.length} case(s) marked js_limit (genuine JavaScript limits)`);
  for (const [c, ok] of limits) {
    console.log(`  ${ok ? 'NOW MATCHES (remove its js_limit mark) ' : ''}${c.id}: ${c.js_limit}`);
  }
}
