/**
 * Child-process half of release.test.ts: needs `node --expose-gc`. A template made and dropped
 * must die in the next minor GC. Each one carries a ~1 MB payload; the runner prints how much of
 * it minor GCs moved to the old generation (0 when templates die young).
 */
import v8 from 'node:v8';
import { Environment } from '../../../src/index.js';

const gc = (globalThis as { gc?: (o?: { type: 'minor' | 'major' }) => void }).gc!;
const oldBytes = () => v8.getHeapSpaceStatistics().filter((s) => s.space_name !== 'new_space').reduce((a, s) => a + s.space_used_size, 0);
const payload = () => Array.from({ length: 20_000 }, (_, i) => ({ i }));

const promotedMb: Record<string, number> = {};
for (const compileAfter of [0, 10, Infinity]) {
  const env = new Environment({ compileAfter });
  let serial = 0;
  const one = () => {
    const t = env.fromString(`{% for x in items %}{{ x }}{% endfor %} ${++serial}`) as unknown as { payload: unknown };
    t.payload = payload();
  };
  for (let i = 0; i < 20; i++) one();
  gc();
  gc();
  gc({ type: 'minor' });
  const before = oldBytes();
  for (let i = 0; i < 5; i++) one();
  gc({ type: 'minor' });
  gc({ type: 'minor' });
  promotedMb[String(compileAfter)] = (oldBytes() - before) / 2 ** 20;
}
console.log(JSON.stringify(promotedMb));
