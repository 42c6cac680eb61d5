import { DictLoader, Environment } from '../src/index.js';
import { RENDER_WORKLOADS } from '../bench/workloads/index.js';
const ca = Number(process.argv[2]);
const until = performance.now() + 600; while (performance.now() < until);
for (const name of (process.argv[3] ?? 'macros,inheritance,list').split(',')) {
  const w = RENDER_WORKLOADS.find((x) => x.name === name)!;
  const t = new Environment({ autoescape: true, trimBlocks: true, lstripBlocks: true, loader: new DictLoader(w.templates), compileAfter: ca }).getTemplate(w.entry);
  const d = w.data();
  for (let i = 0; i < 3000; i++) t.render(d);
  const s: number[] = [];
  for (let k = 0; k < 15; k++) { const a = performance.now(); for (let i = 0; i < 200; i++) t.render(d); s.push((performance.now() - a) / 200); }
  console.log(`compileAfter=${ca} ${name}: ${(s.sort((a, b) => a - b)[7]! * 1000).toFixed(1)} µs`);
}
