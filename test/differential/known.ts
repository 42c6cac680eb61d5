/**
 * Disagreements already understood, each with a minimal reproducer, so the fuzzer's vitest file
 * fails only on new ones. An entry must recognise its own bug narrowly: by the Python message,
 * or by re-running a variant of the case that avoids the construct and checking that the engines
 * then agree. Remove an entry once the bug is fixed (`npm run fuzz:diff` lists what still matches).
 *
 * @example
 * const why = await explain(c, verdict, oracle); // 'filter-block-raw' | ... | null
 */
import type { DiffCase } from './generator.js';
import type { PythonOracle } from './oracle.js';
import { judge, type Verdict } from './compare.js';

export interface KnownIssue {
  id: string;
  /** What differs, where it would be fixed, and the smallest template showing it. */
  why: string;
  matches(c: DiffCase, v: Verdict, oracle: PythonOracle): Promise<boolean> | boolean;
}

const pyMessage = (v: Verdict): string => ('error' in v.py ? v.py.error.message : '');
const jsMessage = (v: Verdict): string => ('error' in v.js ? v.js.error.message : '');

/** Names a template assigns with `{% set %}` or `{% macro %}` (anywhere, any scope). */
export function assignedNames(template: string): Set<string> {
  const names = new Set<string>();
  for (const m of template.matchAll(/\{%[-+]?\s*set\s+([\w\s,]+?)\s*(?:=|\||[-+]?%\})/g)) {
    for (const n of m[1]!.split(',')) if (n.trim()) names.add(n.trim());
  }
  for (const m of template.matchAll(/\{%[-+]?\s*macro\s+(\w+)/g)) names.add(m[1]!);
  return names;
}

export const KNOWN: KnownIssue[] = [
  {
    id: 'constant-folding-error',
    why:
      'Jinja2\'s optimizer evaluates constant expressions while compiling; an error there (e.g. StrictUndefined in ' +
      '`{{ ({}).a and x }}`) is raised by from_string even when the expression never runs. jinjit does not fold. ' +
      'Repro (StrictUndefined): `{% if false %}{{ ({}).a and x }}{% endif %}` (Python UndefinedError, jinjit "").',
    matches: (_c, v) =>
      'error' in v.py && v.py.error.phase === 'compile' && !/^Template(Syntax|Assertion)Error$/.test(v.py.error.type),
  },
  {
    id: 'constant-subscript-fold',
    why:
      'Jinja2 folds constant expressions at compile time, and a constant subscript that fails there stays an ' +
      'Undefined (so it prints nothing); jinjit raises the TypeError when it runs. COMPATIBILITY.md, "Compile-time ' +
      'constant folding". Repro: `{{ (None|default("none"))[1:3] }}` or `{{ 5[1:2] }}` (Python "", jinjit TypeError).',
    matches: (_c, v) => / object is not subscriptable$/.test(jsMessage(v)) && 'output' in v.py,
  },
  {
    id: 'autoescape-truth-at-use',
    why:
      'Jinja2 stores a non-constant `{% autoescape expr %}` value as is and tests its truth at each output that ' +
      'consults it; jinjit tests it once when the block starts, so a StrictUndefined there raises even when the ' +
      'block prints nothing (and at the tag\'s line rather than the first output\'s). COMPATIBILITY.md. Repro ' +
      '(StrictUndefined): `{% autoescape nope %}{% endautoescape %}` (Python "", jinjit UndefinedError).',
    matches: (c, v) => {
      const m = /^'(\w+)' is undefined$/.exec(jsMessage(v));
      if (m === null || !('output' in v.py)) return false;
      for (const tag of c.template.matchAll(/\{%[-+]?\s*autoescape\s+(.*?)[-+]?%\}/g)) {
        if (new RegExp(`\\b${m[1]}\\b`).test(tag[1]!)) return true;
      }
      return false;
    },
  },
  {
    id: 'undefined-identity',
    why:
      'Jinja2 makes a fresh Undefined at every load of a missing name; jinjit keeps one per name and function, ' +
      'so identity shows: StrictUndefined `loop.changed(n)` compares the same object and does not raise. ' +
      'COMPATIBILITY.md. Repro (StrictUndefined): `{% for x in [1, 2] %}{{ loop.changed(n) }}{% endfor %}{% set n = 0 %}` ' +
      '(Python UndefinedError, jinjit "TrueFalse").',
    matches: (c, v) => c.template.includes('loop.changed(') && 'error' in v.py && v.py.error.type === 'UndefinedError' && 'output' in v.js,
  },
  {
    id: 'libm-pow-ulp',
    why:
      'CPython computes float ** number with the C library pow(), which is off by one ulp for rare inputs; jinjit ' +
      'returns the correctly rounded value (src/runtime/numeric.ts exactPow). Repro: `{{ 9.87302734392724e+63 ** 2 }}` ' +
      '(Python 9.747666893393497e+127, jinjit 9.7476668933935e+127 = the exact square rounded, as Python\'s x * x gives).',
    matches: (c, v) => {
      if (!c.template.includes('**') || !('output' in v.py) || !('output' in v.js)) return false;
      // exponents have at most 3 digits: a float printed right after another one stays two floats
      const FLOAT = /\d+\.\d+(?:e[+-]\d{1,3})?/g;
      return v.py.output !== v.js.output && v.py.output.replace(FLOAT, 'F') === v.js.output.replace(FLOAT, 'F');
    },
  },
  {
    id: 'repr-address',
    why:
      'Python reprs of objects without a custom repr carry a memory address (`<list_reverseiterator object at ' +
      '0x7f5e2c261300>`) that differs on every run; jinjit prints a fixed one (COMPATIBILITY.md, "Addresses"). ' +
      'Repro: `{{ [1]|reverse }}`. Matches when the outputs agree once addresses (also reversed by `[::-1]`) are blanked.',
    matches: (_c, v) => {
      if (!('output' in v.py) || !('output' in v.js)) return false;
      // the oracle drops ' at 0x...' itself; a reversed address (`[::-1]`) survives it
      const ADDR = / at 0x[0-9a-f]+|[0-9a-f]+x0 ta /g;
      return /object at 0x|x0 ta tcejbo/.test(v.js.output) && v.py.output.replace(ADDR, '') === v.js.output.replace(ADDR, '');
    },
  },
];

/** The id of the known issue explaining this disagreement, or null. */
export async function explain(c: DiffCase, v: Verdict, oracle: PythonOracle): Promise<string | null> {
  for (const k of KNOWN) if (await k.matches(c, v, oracle)) return k.id;
  return null;
}
