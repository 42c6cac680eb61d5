/** Child-process half of release.test.ts: needs `node --expose-gc`. Prints JSON counts. */
import { Environment } from '../../../src/index.js';
import { registeredCount } from '../../../src/error-map.js';

const gc = (globalThis as { gc?: () => void }).gc!;
const env = new Environment({ compileAfter: 0 });
const before = registeredCount();
for (let i = 0; i < 200; i++) env.fromString(`{{ x }} template ${i}`).render({ x: i });
const kept = env.fromString('{{ 1 // 0 }}');
const afterCompile = registeredCount();
for (let round = 0; round < 10 && registeredCount() > before + 1; round++) {
  gc();
  await new Promise((r) => setTimeout(r, 20));
}
let lineno: number | undefined;
try {
  kept.render();
} catch (e) {
  lineno = (e as { lineno?: number }).lineno;
}
console.log(JSON.stringify({ before, afterCompile, afterGc: registeredCount(), lineno }));
