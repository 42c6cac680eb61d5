import { Environment } from '../../../src/index.js';
import { parse } from '../../../src/syntax/parser.js';
import { Tier0 } from './tier0.js';
import { COMPILE_WORKLOAD } from '../../workloads/index.js';
const src = COMPILE_WORKLOAD.templates[COMPILE_WORKLOAD.entry]!;
const data = COMPILE_WORKLOAD.data();
const env = new Environment({autoescape: true, trimBlocks: true, lstripBlocks: true});
const po = { ...(env as any).lexerOptions, tags: (env as any).tags, environment: env };
const a = env.fromString(src).render(data);
const t0 = new Tier0(env, true).compile(parse(src, po));
const b = t0(data);
console.log('identical', a === b, a.length, b.length);
if (a !== b) { let i=0; while (a[i]===b[i]) i++; console.log(JSON.stringify(a.slice(i-100,i+100))); console.log(JSON.stringify(b.slice(i-100,i+100))); }
console.log('identical 2nd', t0(data) === a);
