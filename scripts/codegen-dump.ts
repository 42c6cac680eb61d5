/**
 * Dump the generated code (sync, async and stream variants, plus line maps) of every template
 * the repository has: the compile benchmark at 50/500/5,000 lines, fixtures/templates and
 * fixtures/syntax under four environments, and every fixture case (and the shared Jinja2 suite
 * when ../shared is present) in its own environment plus autoescape and finalize. A refactor of
 * the code generator that must not change its output is checked by comparing two dumps:
 *
 *   npm run codegen:dump -- /tmp/before.txt   (on the old code)
 *   npm run codegen:dump -- /tmp/after.txt    (on the new code)
 *   cmp /tmp/before.txt /tmp/after.txt
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Environment } from '../src/index.js';
import { loadCases, caseEnvironment, type Case } from '../test/support/cases.js';
import { generateTemplate } from '../bench/workloads/compile/index.js';

const ROOT = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const FIX = path.join(ROOT, 'fixtures');
const outFile = process.argv.slice(2).find((a) => a !== '--');
if (!outFile) throw new Error('usage: npm run codegen:dump -- <output file>');
const out: string[] = [];
let count = 0;
function dump(label: string, env: any, src: string, name?: string) {
  for (const variant of [undefined, 'async', 'stream'] as const) {
    let r: string;
    try {
      const c = env.compileToCode(src, name, variant);
      r = c.code + '\n--lineMap ' + c.lineMap.join(',');
    } catch (e: any) {
      r = 'ERROR ' + (e?.constructor?.name) + ': ' + e?.message;
    }
    count++;
    out.push(`==== ${label} [${variant ?? 'sync'}]\n${r}`);
  }
}
const extraEnvs: [string, any][] = [
  ['default', new Environment({})],
  ['ae', new Environment({ autoescape: true })],
  ['ae-trim', new Environment({ autoescape: true, trimBlocks: true, lstripBlocks: true, sandbox: 'sandboxed' as any })],
  ['fin', new Environment({ finalize: (x: unknown) => x } as any)],
];
const all: string[] = [];
for (const n of [50, 500, 5000]) all.push(generateTemplate(n));
for (const dir of [path.join(FIX, 'templates'), path.join(FIX, 'syntax')]) {
  const walk = (d: string) => { for (const f of fs.readdirSync(d).sort()) { const p = path.join(d, f); if (fs.statSync(p).isDirectory()) walk(p); else if (/\.(jinja|html|j2|txt)$/.test(f)) all.push(fs.readFileSync(p, 'utf8')); } };
  walk(dir);
}
all.push('a\u2028b{{ x }}\u2029c{% set y = "p\u2028q" %}{{ y ~ "\u2029" }}{% macro m(a="\u2028") %}{{ a }}\u2028{% endmacro %}{{ m() }}{{ d["k\u2029"] }}{{ d.k|default("\u2028\u2029") }}{% block b\u00e9 %}\u2028{% endblock %}');
all.push('{{ "\\u2028" }}{{ "a\\\u2028" }} \u00e9\u2028 {{ x.\u00e9 }} {% for \u00e9 in y %}{{ \u00e9 }}\u2029{% endfor %}');
all.push('\u20ac\u2028 euro {{ "\u4e2d" }}');
for (const [i, src] of all.entries()) for (const [en, env] of extraEnvs) dump(`file${i} ${en}`, env, src, 'f.html');
const caseFiles = [
  ...fs.readdirSync(path.join(FIX, 'cases')).filter((f) => f.endsWith('.jsonl')).map((f) => path.join(FIX, 'cases', f)),
  ...fs.readdirSync(path.join(FIX, 'variants')).filter((f) => f.endsWith('.jsonl')).map((f) => path.join(FIX, 'variants', f)),
  path.join(ROOT, '..', 'shared', 'conformance', 'jinja2-suite.jsonl'),
].filter((f) => fs.existsSync(f));
for (const file of caseFiles.sort()) {
  for (const c of loadCases(file) as Case[]) {
    if (!c.options) c.options = {};
    let env: any;
    try { env = caseEnvironment(c); } catch (e: any) { out.push(`==== ${c.id} env error ${e.message}`); continue; }
    dump(`${path.basename(file)} ${c.id}`, env, c.template, c.entry);
    for (const [k, v] of Object.entries(c.templates ?? {})) dump(`${path.basename(file)} ${c.id} :: ${k}`, env, v, k);
    dump(`${path.basename(file)} ${c.id} ae`, extraEnvs[1]![1], c.template);
    dump(`${path.basename(file)} ${c.id} fin`, extraEnvs[3]![1], c.template);
  }
}
fs.writeFileSync(outFile, out.join('\n'));
console.log('compiles', count, 'bytes', out.join('\n').length);
