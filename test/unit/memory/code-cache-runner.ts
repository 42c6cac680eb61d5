/**
 * Child-process half of the code-cache test in release.test.ts (`node --expose-gc`): compiles
 * 400 distinct 40 KB templates, drops them, and prints the heap growth that survives a full GC.
 */
import { Environment } from '../../../src/index.js';
import { usedHostVm } from '../../../src/compile-function.js';

const gc = (globalThis as { gc?: () => void }).gc!;
const env = new Environment({ autoescape: true });
const line = '<li class="{{ loop.cycle("a", "b") }}">{{ item.name | upper }}: {{ item.value * 2 }}</li>\n';
const body = `{% for item in items %}${line.repeat(400)}{% endfor %}`;
// finalizers (the error map's, see release-runner.ts) run after a GC, on a later task
const heap = async () => {
  for (let i = 0; i < 3; i++) {
    gc();
    await new Promise((r) => setTimeout(r, 20));
  }
  return process.memoryUsage().heapUsed;
};
env.fromString(body).render({ items: [{ name: 'a', value: 1 }] }); // warm the compiler itself
const before = await heap();
for (let i = 0; i < 400; i++) env.fromString(`${body}<!-- ${i} -->`).render({ items: [] });
const grownMb = ((await heap()) - before) / 1e6;
console.log(JSON.stringify({ usesHostVm: usedHostVm() !== undefined, grownMb, codeKb: body.length / 1000 }));
