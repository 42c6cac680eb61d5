/**
 * Differential fuzzing against Python Jinja2 3.1.6 (the oracle): a fixed-seed, bounded run of
 * generated templates must agree with Jinja2 (same output, or the same error class), except for
 * disagreements a known issue explains (./known.ts). `npm run fuzz:diff` runs it at scale.
 *
 * Skipped, with the reason in the test name, when python3 cannot import jinja2 3.1.6.
 * DIFF_RUNS / DIFF_SEED override the run count and seed.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { KNOWN } from './known.js';
import { oracleUnavailable, PythonOracle } from './oracle.js';
import { formatReport, runDiff, shrink } from './runner.js';

const RUNS = Number(process.env.DIFF_RUNS ?? 300);
const SEED = Number(process.env.DIFF_SEED ?? 20260312);
const unavailable = oracleUnavailable();

describe('differential fuzzing vs Python Jinja2', () => {
  if (unavailable !== null) {
    it.skip(`skipped: ${unavailable}`, () => {});
    return;
  }
  const oracle = PythonOracle.start();
  afterAll(() => oracle.close());

  it(`${RUNS} generated cases (seed ${SEED}) agree or have a known explanation`, async () => {
    const report = await runDiff({ runs: RUNS, seed: SEED, oracle, shrinkGroups: 0 });
    const unexplained = report.groups.filter((g) => g.known === null);
    for (const g of unexplained) g.shrunk = await shrink(g, { runs: RUNS, seed: SEED, oracle, shrinkMs: 5000 });
    const text = formatReport({ ...report, groups: unexplained });
    expect(unexplained.map((g) => g.signature), text).toEqual([]);
    // the generator must keep producing templates that render, not only errors
    expect(report.agreeOutput).toBeGreaterThan(RUNS * 0.4);
    expect(report.agreeOutput + report.agreeError + report.disagreements).toBe(RUNS);
  }, 180_000);

  it('the oracle answers outputs, errors, and decodes integral JSON floats as ints like JS', async () => {
    expect(await oracle.render({ template: '{{ 1 / 2 }}|{{ 3.0 }}', context: {}, options: {} })).toEqual({ output: '0.5|3.0' });
    expect(await oracle.render({ template: '{{ 1 // 0 }}', context: {}, options: {} })).toMatchObject({
      error: { type: 'ZeroDivisionError', phase: 'render' },
    });
    // JSON.parse gives jinjit the int 3 for `3.0`; Python must see an int too
    expect(await oracle.render('{"template": "{{ n }} {{ f }}", "context": {"n": 3.0, "f": 2.5}, "options": {}}')).toEqual({ output: '3 2.5' });
  });

  it('every known issue documents a reproducer', () => {
    for (const k of KNOWN) expect(k.why, k.id).toMatch(/Repro/);
  });
});
