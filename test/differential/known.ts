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
    id: 'filter-block-raw',
    why:
      'Jinja2 writes the result of a {% filter %} block as is: no str() (so a non-string result makes the final join raise ' +
      'TypeError "sequence item 0: expected str instance, int found") and no autoescaping. jinjit passes it through ' +
      'strOut/escOut (src/compiler/codegen.ts, case FilterBlock). Repro: `{% filter wordcount %}a{% endfilter %}` ' +
      '(Python TypeError, jinjit "1"); with autoescape: `{% filter title %}{{ "<" }}{% endfilter %}` (Python "&lt;", jinjit "&amp;lt;").',
    matches: (c, v) =>
      /^sequence item \d+: expected str instance/.test(pyMessage(v)) ||
      (/\{%[-+]?\s*filter\s/.test(c.template) && (c.options.autoescape || /autoescape\s+true/.test(c.template)) && 'output' in v.py),
  },
  {
    id: 'late-assignment-scope',
    why:
      'Jinja2 resolves a name that a scope assigns anywhere (set, macro) as that scope\'s variable in nested scopes ' +
      '(macro bodies, call blocks, set blocks), so before the assignment runs they see an undefined value, not the ' +
      'context. jinjit reads the context. Compiler scoping (src/compiler/frame.ts). Repro with context {x: "CTX"}: ' +
      '`{% set s %}[{{ x }}]{% endset %}{% set x = 2 %}{{ s }}` (Python "[]", jinjit "[CTX]"); ' +
      '`{% macro f() %}{{ x }}{% endmacro %}{{ f() }}{% set x = 3 %}` (Python "", jinjit "CTX").',
    matches: async (c, _v, oracle) => {
      const names = assignedNames(c.template);
      if (![...names].some((n) => n in c.context)) return false;
      const context = Object.fromEntries(Object.entries(c.context).filter(([k]) => !names.has(k)));
      return (await judge({ ...c, context }, oracle)).signature === null;
    },
  },
  {
    id: 'for-else-set',
    why:
      'A {% set %} directly in the {% else %} branch of a {% for %} compiles to `undefined = ...` (no variable is ' +
      'declared for it): TypeError "Cannot assign to read only property \'undefined\'". Compiler (src/compiler/codegen.ts). ' +
      'Repro: `{% for n in [] %}{% else %}{% set y = 1 %}{{ y }}{% endfor %}` (Python "1").',
    matches: (_c, v) => jsMessage(v).includes("Cannot assign to read only property 'undefined'"),
  },
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
    id: 'filter-block-unknown-filter',
    why:
      'Jinja2 rejects an unknown filter in a {% filter %} block when compiling, even in a branch that never runs; ' +
      'jinjit defers it like `{{ x|nosuch }}` in an untaken branch (which Jinja2 does defer). Compiler. ' +
      'Repro: `{% if false %}{% filter nosuch %}{% endfilter %}{% endif %}` (Python TemplateAssertionError, jinjit "").',
    matches: (c, v) => {
      const m = /^No filter named '(\w+)'/.exec(pyMessage(v));
      return m !== null && new RegExp(`\\{%[-+]?\\s*filter\\s+${m[1]}\\b`).test(c.template);
    },
  },
];

/** The id of the known issue explaining this disagreement, or null. */
export async function explain(c: DiffCase, v: Verdict, oracle: PythonOracle): Promise<string | null> {
  for (const k of KNOWN) if (await k.matches(c, v, oracle)) return k.id;
  return null;
}
