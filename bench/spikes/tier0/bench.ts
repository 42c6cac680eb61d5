import { Environment } from '../../../src/index.js';
import { parse } from '../../../src/syntax/parser.js';
import { Tier0 } from './tier0.js';
import { COMPILE_WORKLOAD } from '../../workloads/index.js';
const src = COMPILE_WORKLOAD.templates[COMPILE_WORKLOAD.entry]!;
const data = COMPILE_WORKLOAD.data();
const env = new Environment({autoescape: true, trimBlocks: true, lstripBlocks: true});
const po = { ...(env as any).lexerOptions, tags: (env as any).tags, environment: env };
const now = () => performance.now();
const t0 = now(); while (now() - t0 < 600) {}
const med = (xs: number[]) => { const s = [...xs].sort((a, b) => a - b); return s[s.length >> 1]; };
const f3 = (x: number) => x.toFixed(3);
let ctr = 0;
const fresh = () => src + `<!-- ${ctr++} -->\n`;
const mode = process.argv[2] ?? 'warm';
const expectedStr = () => env.fromString(src + '<!-- 0 -->\n').render(data); // computed after fresh measurements

if (mode === 'warm') {
  const N = +(process.argv[3] ?? 200);
  const R: Record<string, number[]> = { a: [], b: [], b_build: [], c: [], c_render: [], e_compile: [], e_c: [], e_c_render: [] };
  let bad = 0;
  for (let i = 0; i < N; i++) {
    let s = fresh(), t = now(); parse(s, po); R.a.push(now() - t);
    s = fresh(); t = now(); const ast = parse(s, po); const t1 = now(); new Tier0(env, true).compile(ast); const t2 = now();
    R.b.push(t2 - t); R.b_build.push(t2 - t1);
    s = fresh(); t = now(); const fn = new Tier0(env, true).compile(parse(s, po)); const t3 = now(); const out0 = fn(data); const t4 = now();
    R.c.push(t4 - t); R.c_render.push(t4 - t3);
    s = fresh(); t = now(); env.fromString(s); R.e_compile.push(now() - t);
    s = fresh(); t = now(); const tm = env.fromString(s); const t5 = now(); const out1 = tm.render(data); const t6 = now();
    R.e_c.push(t6 - t); R.e_c_render.push(t6 - t5);
    if (out0.replace(/<!-- \d+ -->\n?$/, '') !== out1.replace(/<!-- \d+ -->\n?$/, '')) bad++;
  }
  const res: Record<string, number> = {};
  for (const k in R) res[k] = med(R[k]!.slice(N >> 1));
  // steady state
  const steady = (render: () => string) => { const xs: number[] = []; for (let i = 0; i < 100; i++) { const t = now(); render(); xs.push(now() - t); } return med(xs.slice(50)); };
  const fn = new Tier0(env, true).compile(parse(fresh(), po));
  const tm = env.fromString(fresh());
  const dT: number[] = [], dJ: number[] = [];
  for (let k = 0; k < 5; k++) { dT.push(steady(() => fn(data))); dJ.push(steady(() => tm.render(data))); }
  res.d_tier0_steady = med(dT); res.e_jinjit_steady = med(dJ);
  console.log(JSON.stringify({ mode, bad, ...Object.fromEntries(Object.entries(res).map(([k, v]) => [k, +f3(v)])) }));
} else if (mode === 'fresh-tier0') {
  const s = fresh();
  let t = now(); const ast = parse(s, po); const t1 = now(); const fn = new Tier0(env, true).compile(ast); const t2 = now(); const out = fn(data); const t3 = now();
  console.log(JSON.stringify({ mode, parse: t1 - t, build: t2 - t1, render: t3 - t2, total: t3 - t, ok: out === expectedStr() }));
} else if (mode === 'fresh-jinjit') {
  const s = fresh();
  let t = now(); const tm = env.fromString(s); const t1 = now(); const out = tm.render(data); const t2 = now();
  console.log(JSON.stringify({ mode, compile: t1 - t, render: t2 - t1, total: t2 - t, ok: out === expectedStr() }));
}
if (mode === 'steady-big') {
  const items = data.items as unknown[];
  const big = { ...data, items: Array.from({ length: 200 }, (_, i) => items[i % items.length]) };
  const steady = (render: () => string) => { const xs: number[] = []; for (let i = 0; i < 100; i++) { const t = now(); render(); xs.push(now() - t); } return med(xs.slice(50)); };
  // warm the closures on other trees first (as a server would)
  for (let i = 0; i < 30; i++) new Tier0(env, true).compile(parse(fresh(), po))(data);
  const fn = new Tier0(env, true).compile(parse(fresh(), po));
  const tm = env.fromString(fresh());
  const same = fn(big).replace(/<!-- \d+ -->$/, '') === tm.render(big).replace(/<!-- \d+ -->$/, '');
  const dT: number[] = [], dJ: number[] = [];
  for (let k = 0; k < 5; k++) { dT.push(steady(() => fn(big))); dJ.push(steady(() => tm.render(big))); }
  console.log(JSON.stringify({ mode, same, tier0: +f3(med(dT)), jinjit: +f3(med(dJ)) }));
}
