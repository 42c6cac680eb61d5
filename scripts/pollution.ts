/**
 * Do a template's tier-0 renders slow down its compiled renders? Runtime helpers are shared by
 * both tiers; if the interpreter feeds them other shapes (or stays in use through a cache), the
 * compiled code gets slower. Renders each workload 3,000 times, then times 15 x 200 renders:
 *
 *   npx vite-node scripts/pollution.ts 0    # compiled at once
 *   npx vite-node scripts/pollution.ts 10   # the default: 10 renders in tier 0, then compiled
 *
 * The two should print the same times (within noise), per workload (a third argument picks
 * them: `macros,inheritance,list`).
 */
import { DictLoader, Environment } from '../src/index.js';
import { RENDER_WORKLOADS } from '../bench/workloads/index.js';
const ca = Number(process.argv[2]);
const until = performance.now() + 600; while (performance.now() < until);
for (const name of (process.argv[3] ?? 'macros,inheritance,list').split(',')) {
  const w = RENDER_WORKLOADS.find((x) => x.name === name)!;
  const t = new Environment({ autoescape: true, trimBlocks: true, lstripBlocks: true, loader: new DictLoader(w.templates), compileAfter: ca }).getTemplate(w.entry);
  const d = w.data();
  if (process.argv[4] === 'mix') {
    // another template of the same workload kept in tier 0, rendered in the same process
    const t0 = new Environment({ autoescape: true, trimBlocks: true, lstripBlocks: true, loader: new DictLoader(w.templates), compileAfter: Infinity }).getTemplate(w.entry);
    for (let i = 0; i < 3000; i++) t0.render(d);
  }
  if (process.argv[4] === 'alt') {
    // the same, its batches alternating with the compiled template's (as the benchmark interleaves engines)
    const t0 = new Environment({ autoescape: true, trimBlocks: true, lstripBlocks: true, loader: new DictLoader(w.templates), compileAfter: Infinity }).getTemplate(w.entry);
    for (let k = 0; k < 20; k++) {
      for (let i = 0; i < 200; i++) t0.render(d);
      for (let i = 0; i < 200; i++) t.render(d);
    }
  }
  for (let i = 0; i < 3000; i++) t.render(d);
  const s: number[] = [];
  for (let k = 0; k < 15; k++) { const a = performance.now(); for (let i = 0; i < 200; i++) t.render(d); s.push((performance.now() - a) / 200); }
  console.log(`compileAfter=${ca} ${name}: ${(s.sort((a, b) => a - b)[7]! * 1000).toFixed(1)} µs`);
}
