// Bundle the bench with esbuild so it runs under plain `node` (no TS loader overhead in timings):
//   bench/.out/run.mjs     bench/run.ts + src/ + bench code; npm packages stay external
//   bench/.out/jinjit.mjs  src/index.ts alone with moo bundled in (like dist/index.js), for bench/cold.mjs
//   bench/.out/jinjit-runtime.mjs  src/runtime/index.ts alone (like dist/runtime.js), for precompiled templates
import { build } from 'esbuild';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const bench = dirname(fileURLToPath(import.meta.url));
const common = { bundle: true, platform: 'node', target: 'node20', format: 'esm', packages: 'external', logLevel: 'warning', absWorkingDir: join(bench, '..') };
await build({ ...common, entryPoints: [join(bench, 'run.ts')], outfile: join(bench, '.out', 'run.mjs') });
await build({ ...common, packages: undefined, entryPoints: [join(bench, '..', 'src', 'index.ts')], outfile: join(bench, '.out', 'jinjit.mjs') });
// the runtime alone (like dist/runtime.js), which precompiled templates import
await build({ ...common, packages: undefined, entryPoints: [join(bench, '..', 'src', 'runtime', 'index.ts')], outfile: join(bench, '.out', 'jinjit-runtime.mjs') });
