// One cold sample of the compile workload in a fresh Node process, spawned by run.ts
// (engine `jinjit`: the default, tier 0 for a new template; `jinjit-js`: compiled to JS at once;
// `jinjit-codegen`: jinjit's parse + code generation only; `jinjit-precompiled`: the
// template path is a module written by precompile(), imported in place of compiling):
//   node bench/cold.mjs <engine> <template file> <data file> [--warm N]
// Prints JSON: import, compile and first-render times in ms, wall and CPU (process.cpuUsage),
// plus `boot`: wall and CPU from process start to the first line here.
// jinjit is loaded from bench/.out/jinjit.mjs, an esbuild bundle of src/ like dist/index.js.
const boot = performance.now();
const bootCpu = cpuMs();
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

function cpuMs() {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

const [engine, templatePath, dataPath] = process.argv.slice(2);
const source = readFileSync(templatePath, 'utf8');
const data = JSON.parse(readFileSync(dataPath, 'utf8'));
const require = createRequire(import.meta.url);
const here = dirname(fileURLToPath(import.meta.url));

const t0 = performance.now();
const c0 = cpuMs();
let compile;
if (engine === 'jinjit' || engine === 'jinjit-codegen' || engine === 'jinjit-js') {
  const { Environment } = await import(pathToFileURL(join(here, '.out', 'jinjit.mjs')).href);
  // jinjit: the default (tier 0, the closure interpreter, for a new template); jinjit-js: the
  // template compiled to JS at once (compileAfter: 0)
  const options = { autoescape: true, trimBlocks: true, lstripBlocks: true, ...(engine === 'jinjit' ? {} : { compileAfter: 0 }) };
  // jinjit-codegen: lexer + parser + code generator only, without turning the code into a function
  compile = engine !== 'jinjit-codegen' ? (src) => {
    const t = new Environment(options).fromString(src);
    return (d) => t.render(d);
  } : (src) => {
    new Environment(options).compileToCode(src);
    return () => '';
  };
} else if (engine === 'nunjucks') {
  const nunjucks = require('nunjucks');
  compile = (src) => {
    const env = new nunjucks.Environment(null, { autoescape: true, trimBlocks: true, lstripBlocks: true });
    const t = new nunjucks.Template(src, env, 'big.html', true);
    return (d) => t.render(d);
  };
} else if (engine === 'hf-jinja') {
  const { Template } = await import('@huggingface/jinja');
  compile = (src) => {
    const t = new Template(src);
    return (d) => t.render(d);
  };
} else if (engine === 'minijinja') {
  const { Environment } = require('minijinja-js');
  compile = (src) => {
    const env = new Environment();
    env.trimBlocks = true;
    env.lstripBlocks = true;
    env.enablePyCompat();
    env.addTemplate('big.html', src);
    return (d) => env.renderTemplate('big.html', d);
  };
} else if (engine === 'jinjit-precompiled') {
  // the template path is a module from precompile(): import the runtime now, the module as the
  // "compile" step below (V8 compiles it; no jinjit lexer, parser or code generator)
  await import(pathToFileURL(join(here, '.out', 'jinjit-runtime.mjs')).href);
} else if (engine !== 'node') {
  throw new Error(`unknown engine ${engine}`);
}
const t1 = performance.now();
const c1 = cpuMs();
const render = engine === 'jinjit-precompiled' ? (await import(pathToFileURL(templatePath).href)).default
  : compile ? compile(source) : () => '';
const t2 = performance.now();
const c2 = cpuMs();
const out = render(data);
const t3 = performance.now();
const c3 = cpuMs();
// `--warm N`: then N more compiles of distinct copies in this process, alone (no other engine's
// garbage to collect): median compile and compile + first render, after a warm-up
let warm;
const warmAt = process.argv.indexOf('--warm');
if (compile && warmAt > 0) {
  const n = Number(process.argv[warmAt + 1]);
  let serial = 0;
  const fresh = () => `${source}<!-- ${++serial} -->`;
  // Warm up by count and by time: these VMs run ~40% slower for the first few hundred ms of
  // busy work (a 500-line compile read 1.3 ms there, 0.75 ms after), so warm for at least 600 ms.
  const until = performance.now() + 600;
  for (let i = 0; i < Math.max(20, n / 4) || performance.now() < until; i++) compile(fresh())(data);
  const comp = [];
  const both = [];
  for (let i = 0; i < n; i++) {
    const a = performance.now();
    const r = compile(fresh());
    const b = performance.now();
    r(data);
    const c = performance.now();
    comp.push(b - a);
    both.push(c - a);
  }
  const med = (xs) => xs.sort((x, y) => x - y)[xs.length >> 1];
  warm = { compile: med(comp), compileRender: med(both) };
}
console.log(JSON.stringify({
  boot, bootCpu,
  import: t1 - t0, compile: t2 - t1, render: t3 - t2,
  importCpu: c1 - c0, compileCpu: c2 - c1, renderCpu: c3 - c2,
  length: out.length,
  warm,
}));
