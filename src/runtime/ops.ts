/**
 * Python operator semantics for template values (see values.ts for the value model). Compiled
 * templates never apply JS operators to template values; they call these:
 *
 * - arithmetic `add sub mul div floordiv mod pow neg pos` with Python's numeric tower (ints are
 *   exact: numbers while safe, bigints beyond; `/` always gives a float; int op float gives a
 *   float; bool is an int), sequence concatenation/repetition, `str % args` formatting, Markup
 *   escaping, and Python's error types and messages (arith.ts, numbers in numeric.ts);
 * - comparisons `eq ne lt le gt ge`, membership `contains`, truthiness `truthy` (compare.ts);
 * - `concat` for `~`, `compareForSort` for sort/min/max, `keyOf` / `dictLookup` for dict keys.
 *
 * An operand that is a Jinja2 Undefined raises its UndefinedError for arithmetic and ordering,
 * like Jinja2; equality, truthiness and `in` follow Jinja2's Undefined classes.
 *
 * This module only gathers the operators so importers have one place to get them from.
 * @example add(1, pyFloat(2)) // PyFloat(3), which prints 3.0
 */

export { add, concat, div, floordiv, mod, mul, neg, pos, pow, sub } from './arith.js';
export {
  checkHashable, compareForSort, contains, dictLookup, eq, ge, gt, keyOf, le, lt, ne, strCompare, truthy,
} from './compare.js';
