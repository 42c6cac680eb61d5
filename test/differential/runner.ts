/**
 * The differential fuzzer: render generated cases (./generator.ts) with jinjit and with Python
 * Jinja2 (./oracle.ts), compare output byte for byte or the error class, group disagreements by a
 * short signature and shrink one counterexample per group with fast-check.
 *
 * @example
 * const py = PythonOracle.start();
 * const report = await runDiff({ runs: 300, seed: 42, oracle: py });
 * console.log(formatReport(report));
 * py.close();
 */
import fc from 'fast-check';
import { judge } from './compare.js';
import { diffCase, type DiffCase } from './generator.js';
import { explain } from './known.js';
import type { OracleResult, PythonOracle } from './oracle.js';
import { reduceCase } from './reduce.js';

export interface Group {
  signature: string;
  /** Id of the known issue (known.ts) explaining the group, or null. */
  known: string | null;
  count: number;
  /** Index of the first run with this signature (fast-check replay path). */
  firstRun: number;
  example: DiffCase;
  shrunk?: { case: DiffCase; py: OracleResult; js: OracleResult; shrinks: number };
}

export interface DiffReport {
  runs: number;
  seed: number;
  agreeOutput: number;
  agreeError: number;
  /** Agreed errors by class name (how much of the run ended in an error, and which). */
  agreedErrorTypes: Record<string, number>;
  disagreements: number;
  /** Disagreements explained by a known issue (known.ts). */
  explained: number;
  groups: Group[];
}

export interface DiffOptionsRun {
  runs: number;
  seed: number;
  oracle: PythonOracle;
  /** Shrink the first counterexample of at most this many groups (default: all). */
  shrinkGroups?: number;
  /** Milliseconds of shrinking per group (default 30 s). */
  shrinkMs?: number;
  onProgress?: (done: number, disagreements: number) => void;
}

/** Run `runs` cases from `seed`, then shrink one counterexample per disagreement signature. */
export async function runDiff(o: DiffOptionsRun): Promise<DiffReport> {
  const report: DiffReport = { runs: o.runs, seed: o.seed, agreeOutput: 0, agreeError: 0, agreedErrorTypes: {}, disagreements: 0, explained: 0, groups: [] };
  const bySig = new Map<string, Group>();
  let index = 0;
  await fc.check(
    fc.asyncProperty(diffCase, async (c) => {
      const run = index++;
      const v = await judge(c, o.oracle);
      if (v.signature === null) {
        if ('output' in v.py) report.agreeOutput++;
        else {
          report.agreeError++;
          report.agreedErrorTypes[v.py.error.type] = (report.agreedErrorTypes[v.py.error.type] ?? 0) + 1;
        }
      } else {
        report.disagreements++;
        const known = await explain(c, v, o.oracle);
        const key = known === null ? v.signature : `known issue: ${known}`;
        if (known !== null) report.explained++;
        const g = bySig.get(key);
        if (g) g.count++;
        else bySig.set(key, { signature: key, known, count: 1, firstRun: run, example: c });
      }
      o.onProgress?.(run + 1, report.disagreements);
      return true; // never fail: every disagreement is collected, shrinking comes after
    }),
    { seed: o.seed, numRuns: o.runs },
  );
  report.groups = [...bySig.values()].sort((a, b) => b.count - a.count);
  // known issues have their reproducer in known.ts: shrink only the unexplained groups
  for (const g of report.groups.filter((x) => x.known === null).slice(0, o.shrinkGroups ?? Infinity)) {
    if (g.signature === 'python timeout (ignored)') continue;
    g.shrunk = await shrink(g, o);
  }
  return report;
}

/**
 * Replay the group's first run and let fast-check shrink it while it keeps the signature (and
 * stays unexplained), then reduce the template text further (./reduce.ts).
 */
export async function shrink(g: Group, o: Pick<DiffOptionsRun, 'seed' | 'runs' | 'oracle' | 'shrinkMs'>): Promise<Group['shrunk']> {
  const same = async (c: DiffCase): Promise<boolean> => {
    const v = await judge(c, o.oracle);
    return v.signature === g.signature && (await explain(c, v, o.oracle)) === null;
  };
  const details = await fc.check(
    fc.asyncProperty(diffCase, async (c) => !(await same(c))),
    { seed: o.seed, numRuns: o.runs, path: String(g.firstRun), interruptAfterTimeLimit: o.shrinkMs ?? 30_000 },
  );
  const found = await reduceCase(details.counterexample?.[0] ?? g.example, same, o.shrinkMs ?? 30_000);
  const v = await judge(found, o.oracle);
  return { case: found, py: v.py, js: v.js, shrinks: details.numShrinks };
}

function show(r: OracleResult): string {
  return 'output' in r ? JSON.stringify(r.output) : `${r.error.type}: ${r.error.message}`;
}

/** Human-readable summary: counts, then each group with its shrunk counterexample. */
export function formatReport(r: DiffReport): string {
  const lines = [
    `cases: ${r.runs} (seed ${r.seed})`,
    `agreements: ${r.agreeOutput + r.agreeError} (same output ${r.agreeOutput}, same error class ${r.agreeError})`,
    `  agreed errors: ${Object.entries(r.agreedErrorTypes).sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} ${n}`).join(', ')}`,
    `disagreements: ${r.disagreements} in ${r.groups.length} group(s): ${r.explained} explained by known issues (test/differential/known.ts), ${r.disagreements - r.explained} unexplained`,
  ];
  for (const g of r.groups) {
    lines.push('', `[${g.count}x] ${g.signature}   (first at run ${g.firstRun})`);
    if (g.known !== null) continue; // its reproducer is in known.ts
    const s = g.shrunk;
    const c = s?.case ?? g.example;
    lines.push(`  template: ${JSON.stringify(c.template)}`);
    const used = Object.fromEntries(Object.entries(c.context).filter(([k]) => new RegExp(`\\b${k}\\b`).test(c.template)));
    lines.push(`  context:  ${JSON.stringify(used)}`);
    const opts = Object.entries(c.options).filter(([k, v]) => k !== 'extensions' && v !== false && v !== 'Undefined');
    if (opts.length) lines.push(`  options:  ${JSON.stringify(Object.fromEntries(opts))}`);
    if (s) lines.push(`  python:   ${show(s.py)}`, `  jinjit:   ${show(s.js)}`, `  (${s.shrinks} shrink steps)`);
  }
  return lines.join('\n');
}
