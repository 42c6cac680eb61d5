/**
 * Steady render time of each benchmark workload in the interpreter (tier 0) against compiled JS,
 * and what compiling costs, to choose `compileAfter`:
 *
 *   npm run tier:speed
 *
 * Prints per workload: median render time interpreted and compiled (ms), their ratio, the
 * one-off cost of compiling the template to JS, and the break-even render count (compile cost
 * over the per-render saving). Busy-waits 600 ms first (these VMs run slower when idle-cold).
 */
import { chatEnvironment } from '../src/chat.js';
import { DictLoader, Environment } from '../src/index.js';
import { CHAT_NOW, COMPILE_WORKLOAD, RENDER_WORKLOADS, type Workload } from '../bench/workloads/index.js';

const until = performance.now() + 600;
while (performance.now() < until);

function env(w: Workload, compileAfter: number): Environment {
  const loader = new DictLoader(w.templates);
  return w.env === 'chat'
    ? chatEnvironment({ now: () => CHAT_NOW, loader, compileAfter })
    : new Environment({ autoescape: true, trimBlocks: true, lstripBlocks: true, loader, compileAfter });
}

function perRender(fn: () => void): number {
  let n = 1;
  for (;;) {
    const t = performance.now();
    for (let i = 0; i < n; i++) fn();
    const dt = performance.now() - t;
    if (dt > 20) break;
    n *= 2;
  }
  const samples: number[] = [];
  for (let k = 0; k < 15; k++) {
    const t = performance.now();
    for (let i = 0; i < n; i++) fn();
    samples.push((performance.now() - t) / n);
  }
  return samples.sort((a, b) => a - b)[7]!;
}

console.log('workload      interpreted   compiled   ratio   compile to JS   break-even renders');
for (const w of [...RENDER_WORKLOADS, COMPILE_WORKLOAD]) {
  const data = w.data();
  const interp = env(w, Infinity).getTemplate(w.entry);
  const compiled = env(w, 0).getTemplate(w.entry);
  if (interp.render(data) !== compiled.render(data)) throw new Error(`${w.name}: tiers differ`);
  const ti = perRender(() => interp.render(data));
  const tc = perRender(() => compiled.render(data));
  let serial = 0;
  const source = w.templates[w.entry]!;
  const e0 = env(w, 0);
  const tcomp = perRender(() => e0.fromString(`${source}{# ${++serial} #}`));
  const ei = env(w, Infinity);
  const tbuild = perRender(() => ei.fromString(`${source}{# ${++serial} #}`));
  const gain = ti - tc;
  const even = gain > 0 ? Math.ceil((tcomp - tbuild) / gain) : Infinity;
  console.log(`${w.name.padEnd(12)} ${ti.toFixed(4).padStart(10)} ${tc.toFixed(4).padStart(10)} ${(ti / tc).toFixed(2).padStart(7)}× ${tcomp.toFixed(3).padStart(10)} (tier 0: ${tbuild.toFixed(3)}) ${String(even).padStart(8)}`);
}
