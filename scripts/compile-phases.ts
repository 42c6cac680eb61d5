/**
 * Where compile time goes, phase by phase, for the compile benchmark's generated template:
 *
 *   npm run compile:phases -- [lines=500] [iterations]
 *
 * Prints medians (ms) of: tokenize (the lexer alone, whole token list), parse (lexer + parser),
 * generate (parse + code generator, `compileToCode`), fromString (all of it, including V8
 * compiling the generated JS) and the first render, for the compiled tier (`compileAfter: 0`);
 * then tier 0's fromString (parse + closure build: what `fromString` costs by default) and its
 * first render. Each iteration uses a distinct source so
 * no cache helps. It first keeps the CPU busy for 600 ms: these shared VMs run ~40% slower for
 * the first few hundred ms of work, which would otherwise skew the medians.
 * For numbers to compare with other engines use `npm run bench`.
 */
import { Environment } from '../src/index.js';
import { tokenize } from '../src/syntax/lexer.js';
import { compile as COMPILE_WORKLOAD, generateTemplate } from '../bench/workloads/compile/index.js';

const args = process.argv.slice(2).filter((a) => a !== '--');
const lines = Number(args[0] ?? 500);
const iterations = Number(args[1] ?? Math.max(40, Math.round(200_000 / lines)));
const source = generateTemplate(lines);
const data = COMPILE_WORKLOAD.data();
const env = new Environment({ autoescape: true, trimBlocks: true, lstripBlocks: true, compileAfter: 0 });
const tier0 = new Environment({ autoescape: true, trimBlocks: true, lstripBlocks: true, compileAfter: Infinity });

const until = performance.now() + 600;
while (performance.now() < until); // CPU warm-up (see above)

const times: Record<string, number[]> = { tokenize: [], parse: [], generate: [], fromString: [], firstRender: [], tier0Build: [], tier0Render: [] };
for (let i = 0; i < iterations; i++) {
  const src = `${source}<!-- ${i} -->`;
  let t = performance.now();
  tokenize(src, env.lexerOptions);
  times.tokenize!.push(performance.now() - t);
  t = performance.now();
  env.parse(src);
  times.parse!.push(performance.now() - t);
  t = performance.now();
  env.compileToCode(src);
  times.generate!.push(performance.now() - t);
  t = performance.now();
  const tmpl = env.fromString(src);
  const t2 = performance.now();
  tmpl.render(data);
  times.fromString!.push(t2 - t);
  times.firstRender!.push(performance.now() - t2);
  t = performance.now();
  const interp = tier0.fromString(src);
  const t3 = performance.now();
  interp.render(data);
  times.tier0Build!.push(t3 - t);
  times.tier0Render!.push(performance.now() - t3);
}
// the second half: past the JIT warm-up of the compiler itself
const median = (xs: number[]) => xs.slice(xs.length >> 1).sort((a, b) => a - b)[xs.length >> 2]!;
const m = Object.fromEntries(Object.entries(times).map(([k, v]) => [k, median(v)]));
console.log(`${lines}-line template (${source.length} chars), ${iterations} iterations, medians of the second half:`);
for (const [k, v] of Object.entries(m)) console.log(`  ${k.padEnd(12)} ${v!.toFixed(3)} ms`);
console.log(`  => tier 0: closure build ≈ ${(m.tier0Build! - m.parse!).toFixed(3)} ms; compile + first render ${(m.tier0Build! + m.tier0Render!).toFixed(3)} ms vs compiled ${(m.fromString! + m.firstRender!).toFixed(3)} ms`);
console.log(`  => code generator ≈ ${(m.generate! - m.parse!).toFixed(3)} ms, V8 compile + setup ≈ ${(m.fromString! - m.generate!).toFixed(3)} ms`);
