/**
 * Which expressions Jinja2 3.1 folds into constants at compile time (its optimizer calls
 * `node.as_const()` on every expression of a non-volatile frame, jinja2/nodes.py). Folding is
 * usually invisible, because the folded value is the one the runtime would compute. The
 * observable exception is `~`: `Concat.as_const` joins `str()` of its parts, so a Markup part
 * loses its markup-ness and the whole string is escaped on output under autoescape:
 * `{{ '<' ~ ('<b>'|safe) }}` prints `&lt;&lt;b&gt;`, while with a variable part it prints
 * `&lt;<b>`. The compiler asks `foldsToConst` to choose the plain join for such chains.
 */

import type * as A from '../syntax/ast.js';
import type { Callable } from '../runtime/types.js';

/** What the check needs from the compile environment. */
export interface FoldEnv {
  filters: Record<string, Callable>;
  tests: Record<string, Callable>;
  /** Filters/tests Jinja2 never folds (async variants in an async environment). */
  unfoldable?: (kind: 'filter' | 'test', name: string) => boolean;
}

const hasOwn = Object.prototype.hasOwnProperty;

function argsFold(n: A.CallArgs, env: FoldEnv): boolean {
  return n.args.every((a) => foldsToConst(a, env))
    && n.kwargs.every((k) => foldsToConst(k.value, env))
    && (n.dynArgs === null || foldsToConst(n.dynArgs, env))
    && (n.dynKwargs === null || foldsToConst(n.dynKwargs, env));
}

/** Jinja2's `_FilterTestCommon.as_const` preconditions: known at compile time, no context. */
function callableFolds(kind: 'filter' | 'test', table: Record<string, Callable>, name: string, env: FoldEnv): boolean {
  if (!hasOwn.call(table, name)) return false;
  const fn = table[name]!;
  if (fn.pass === 'context') return false;
  return !(env.unfoldable?.(kind, name) ?? false);
}

/**
 * Whether `as_const()` of this expression succeeds in Jinja2 (ignoring evaluation errors, which
 * make Jinja2 fall back to runtime evaluation that raises the same error). Names and calls
 * never fold; literals, operators, attribute/item access and filters/tests without
 * `pass_context` fold when all their operands do.
 * @example foldsToConst(parseExpr("'<' ~ ('<b>'|safe)"), env) // true
 */
export function foldsToConst(n: A.Expr, env: FoldEnv): boolean {
  switch (n.type) {
    case 'Const':
      return true;
    case 'Tuple':
    case 'List':
      return n.items.every((i) => foldsToConst(i, env));
    case 'Dict':
      return n.items.every((p) => foldsToConst(p.key, env) && foldsToConst(p.value, env));
    case 'CondExpr':
      // without an else Jinja2 cannot fold a false test; keep it simple and require one
      return n.expr2 !== null && foldsToConst(n.test, env) && foldsToConst(n.expr1, env) && foldsToConst(n.expr2, env);
    case 'BinExpr':
    case 'And':
    case 'Or':
      return foldsToConst(n.left, env) && foldsToConst(n.right, env);
    case 'Not':
    case 'Neg':
    case 'Pos':
      return foldsToConst(n.node, env);
    case 'Concat':
      return n.nodes.every((p) => foldsToConst(p, env));
    case 'Compare':
      return foldsToConst(n.expr, env) && n.ops.every((o) => foldsToConst(o.expr, env));
    case 'Getattr':
      return foldsToConst(n.node, env);
    case 'Getitem':
      return foldsToConst(n.node, env) && foldsToConst(n.arg, env);
    case 'Slice':
      return [n.start, n.stop, n.step].every((e) => e === null || foldsToConst(e, env));
    case 'Filter':
      return n.node !== null && foldsToConst(n.node, env) && callableFolds('filter', env.filters, n.name, env) && argsFold(n, env);
    case 'Test':
      return foldsToConst(n.node, env) && callableFolds('test', env.tests, n.name, env) && argsFold(n, env);
    default:
      return false;
  }
}
