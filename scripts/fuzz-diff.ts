/**
 * `npm run fuzz:diff -- --runs N --seed S`: differential fuzzing of jinjit against Python Jinja2
 * 3.1.6 (fixtures/oracle/diff_server.py). Prints the number of cases, agreements, disagreements
 * grouped by signature, and a shrunk counterexample per group. Exit code 1 when any disagree.
 * `--shrink-groups K` shrinks only the K largest groups; `--shrink-ms T` bounds each shrink.
 */
import { oracleUnavailable, PythonOracle } from '../test/differential/oracle.js';
import { formatReport, runDiff } from '../test/differential/runner.js';

function flag(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const inline = process.argv.find((a) => a.startsWith(`--${name}=`));
  const raw = inline ? inline.slice(name.length + 3) : i >= 0 ? process.argv[i + 1] : undefined;
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n)) throw new Error(`--${name} needs a number, got ${raw}`);
  return n;
}

const runs = flag('runs', 1000);
const seed = flag('seed', Date.now() % 2 ** 31);
const missing = oracleUnavailable();
if (missing !== null) {
  console.error(`fuzz:diff needs Python Jinja2 3.1.6: ${missing}`);
  process.exit(2);
}
const oracle = PythonOracle.start();
const started = Date.now();
try {
  const report = await runDiff({
    runs,
    seed,
    oracle,
    shrinkGroups: flag('shrink-groups', Infinity),
    shrinkMs: flag('shrink-ms', 30_000),
    onProgress: (done, bad) => {
      if (done % 1000 === 0) process.stderr.write(`  ${done}/${runs} cases, ${bad} disagreements\n`);
    },
  });
  console.log(formatReport(report));
  console.log(`\n(${((Date.now() - started) / 1000).toFixed(1)} s)`);
  process.exitCode = report.disagreements > 0 ? 1 : 0;
} finally {
  oracle.close();
}
