/** Debug helper: `npx vite-node bench/dump.ts <workload>` prints Python's and jinjit's output. */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { chatEnvironment, DictLoader, Environment } from '../src/index.js';
import { BENCH_DIR } from './lib/paths.js';
import { CHAT_NOW, COMPILE_WORKLOAD, RENDER_WORKLOADS } from './workloads/index.js';

const name = process.argv[2] ?? 'list';
const w = [...RENDER_WORKLOADS, COMPILE_WORKLOAD].find((x) => x.name === name)!;
const data = w.data();
const job = { mode: 'render', workloads: [{ name: w.name, env: w.env, templates: w.templates, entry: w.entry, data }] };
const py = spawnSync('python3', [path.join(BENCH_DIR, 'python/jinja_ref.py')], { input: JSON.stringify(job), encoding: 'utf8' });
if (py.status !== 0) throw new Error(py.stderr);
const pyOut = JSON.parse(py.stdout).outputs[w.name];
const loader = new DictLoader(w.templates);
const env = w.env === 'chat' ? chatEnvironment({ now: () => CHAT_NOW, loader }) : new Environment({ autoescape: true, trimBlocks: true, lstripBlocks: true, loader });
const js = env.getTemplate(w.entry).render(data);
const hand = w.hand(data);
const which = process.argv[3] ?? 'py';
process.stdout.write(which === 'py' ? (typeof pyOut === 'string' ? pyOut : JSON.stringify(pyOut)) : which === 'hand' ? hand : js);
process.stderr.write(`\njinjit ${js === pyOut ? 'identical' : 'DIFFERS'}; hand ${hand === pyOut ? 'identical' : 'DIFFERS'}\n`);
