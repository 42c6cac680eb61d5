/**
 * Expression parsing, one method per precedence tier exactly as Jinja2's parser.py (which is
 * neither Python's nor JavaScript's precedence): condexpr → or → and → not → compare → math1
 * (+ -) → concat (~) → math2 (* / // %) → pow → unary → primary + postfix + filters/tests.
 * So `-2 ** 2` is 4, `2 ** 3 ** 2` is 64, `-3|abs` is 3 and `1 ~ 2 * 3` is "16".
 */

import type { Pos } from '../errors.js';
import type * as A from './ast.js';
import { describeToken, type TokenStream } from './token-stream.js';

/** Deepest expression/statement nesting accepted before a TemplateSyntaxError. */
export const MAX_NESTING = 150;

const TEST_ARG_START = new Set(['name', 'string', 'integer', 'float', 'lparen', 'lbracket', 'lbrace']);

/** Options of parseTuple (Jinja2's parse_tuple keywords). */
export interface TupleOptions {
  simplified?: boolean;
  withCondexpr?: boolean;
  extraEndRules?: string[];
  explicitParentheses?: boolean;
  withNamespace?: boolean;
}
// Shared defaults, so the common call allocates no options object.
const NO_TUPLE_OPTIONS: TupleOptions = Object.freeze({});
const EXPLICIT_PARENTHESES: TupleOptions = Object.freeze({ explicitParentheses: true });

function loc(t: Pos): Pos {
  return { line: t.line, col: t.col, offset: t.offset };
}

export class ExprParser {
  protected depth = 0;
  constructor(readonly stream: TokenStream) {}

  protected enter(): void {
    if (++this.depth > MAX_NESTING) {
      throw this.stream.error(`template nesting too deep (more than ${MAX_NESTING} levels)`);
    }
  }

  protected leave(): void {
    this.depth--;
  }

  fail(msg: string, at: Pos = this.stream.current): never {
    throw this.stream.error(msg, at);
  }

  parseExpression(withCondexpr = true): A.Expr {
    this.enter();
    try {
      return withCondexpr ? this.parseCondexpr() : this.parseOr();
    } finally {
      this.leave();
    }
  }

  // The precedence levels keep the start token and copy its position only into a node they build.
  parseCondexpr(): A.Expr {
    let start = this.stream.current;
    let expr1 = this.parseOr();
    while (this.stream.skipName('if')) {
      const expr2 = this.parseOr();
      const expr3 = this.stream.skipName('else') ? this.parseCondexpr() : null;
      expr1 = { type: 'CondExpr', test: expr2, expr1, expr2: expr3, loc: loc(start) };
      start = this.stream.current;
    }
    return expr1;
  }

  parseOr(): A.Expr {
    const start = this.stream.current;
    let left = this.parseAnd();
    while (this.stream.skipName('or')) left = { type: 'Or', left, right: this.parseAnd(), loc: loc(start) };
    return left;
  }

  parseAnd(): A.Expr {
    const start = this.stream.current;
    let left = this.parseNot();
    while (this.stream.skipName('and')) left = { type: 'And', left, right: this.parseNot(), loc: loc(start) };
    return left;
  }

  parseNot(): A.Expr {
    if (this.stream.isName('not')) {
      const start = loc(this.stream.next());
      this.enter();
      try {
        return { type: 'Not', node: this.parseNot(), loc: start };
      } finally {
        this.leave();
      }
    }
    return this.parseCompare();
  }

  parseCompare(): A.Expr {
    const start = this.stream.current;
    const expr = this.parseMath1();
    const ops: A.Operand[] = [];
    for (;;) {
      const tok = this.stream.current;
      const t = tok.type;
      if (t === 'eq' || t === 'ne' || t === 'lt' || t === 'lteq' || t === 'gt' || t === 'gteq') {
        this.stream.next();
        ops.push({ type: 'Operand', op: t, expr: this.parseMath1(), loc: loc(tok) });
      } else if (t !== 'name') {
        break;
      } else if (this.stream.skipName('in')) {
        ops.push({ type: 'Operand', op: 'in', expr: this.parseMath1(), loc: loc(tok) });
      } else if (tok.value === 'not' && this.stream.look().type === 'name' && this.stream.look().value === 'in') {
        this.stream.skip(2);
        ops.push({ type: 'Operand', op: 'notin', expr: this.parseMath1(), loc: loc(tok) });
      } else break;
    }
    return ops.length === 0 ? expr : { type: 'Compare', expr, ops, loc: loc(start) };
  }

  parseMath1(): A.Expr {
    const start = this.stream.current;
    let left = this.parseConcat();
    for (let t = this.stream.type(); t === 'add' || t === 'sub'; t = this.stream.type()) {
      this.stream.next();
      const op: A.BinOp = t === 'add' ? '+' : '-';
      left = { type: 'BinExpr', op, left, right: this.parseConcat(), loc: loc(start) };
    }
    return left;
  }

  parseConcat(): A.Expr {
    const start = this.stream.current;
    const first = this.parseMath2();
    if (this.stream.type() !== 'tilde') return first;
    const nodes = [first];
    while (this.stream.skipIf('tilde')) nodes.push(this.parseMath2());
    return { type: 'Concat', nodes, loc: loc(start) };
  }

  parseMath2(): A.Expr {
    const start = this.stream.current;
    let left = this.parsePow();
    for (let t = this.stream.type(); t === 'mul' || t === 'div' || t === 'floordiv' || t === 'mod'; t = this.stream.type()) {
      this.stream.next();
      const op: A.BinOp = t === 'mul' ? '*' : t === 'div' ? '/' : t === 'floordiv' ? '//' : '%';
      left = { type: 'BinExpr', op, left, right: this.parsePow(), loc: loc(start) };
    }
    return left;
  }

  parsePow(): A.Expr {
    const start = this.stream.current;
    let left = this.parseUnary();
    while (this.stream.type() === 'pow') {
      this.stream.next();
      left = { type: 'BinExpr', op: '**', left, right: this.parseUnary(), loc: loc(start) };
    }
    return left;
  }

  parseUnary(withFilter = true): A.Expr {
    const tok = this.stream.current;
    let node: A.Expr;
    this.enter();
    try {
      if (tok.type === 'sub') {
        this.stream.next();
        node = { type: 'Neg', node: this.parseUnary(false), loc: loc(tok) };
      } else if (tok.type === 'add') {
        this.stream.next();
        node = { type: 'Pos', node: this.parseUnary(false), loc: loc(tok) };
      } else {
        node = this.parsePrimary();
      }
      node = this.parsePostfix(node);
      if (withFilter) node = this.parseFilterExpr(node);
      return node;
    } finally {
      this.leave();
    }
  }

  parsePrimary(withNamespace = false): A.Expr {
    const tok = this.stream.current;
    const at = loc(tok);
    switch (tok.type) {
      case 'name': {
        this.stream.next();
        const v = tok.value as string;
        if (v === 'true' || v === 'True' || v === 'false' || v === 'False') {
          return { type: 'Const', value: v === 'true' || v === 'True', loc: at };
        }
        if (v === 'none' || v === 'None') return { type: 'Const', value: null, loc: at };
        if (withNamespace && this.stream.type() === 'dot') {
          this.stream.next();
          const attr = this.stream.expect('name');
          return { type: 'NSRef', name: v, attr: attr.value as string, loc: at };
        }
        return { type: 'Name', name: v, ctx: 'load', loc: at };
      }
      case 'string': {
        this.stream.next();
        let s = tok.value as string;
        while (this.stream.type() === 'string') s += this.stream.next().value as string;
        return { type: 'Const', value: s, loc: at };
      }
      case 'integer':
        this.stream.next();
        return { type: 'Const', value: tok.value as number | bigint, loc: at };
      case 'float':
        this.stream.next();
        return { type: 'Const', value: tok.value as number, float: true, loc: at };
      case 'lparen': {
        this.stream.next();
        const node = this.parseTuple(EXPLICIT_PARENTHESES);
        this.stream.expect('rparen');
        return node;
      }
      case 'lbracket':
        return this.parseList();
      case 'lbrace':
        return this.parseDict();
      default:
        return this.fail(`unexpected '${describeToken(tok)}'`, tok);
    }
  }

  /**
   * Jinja2's parse_tuple: an expression, or a tuple when commas follow. `simplified` parses only
   * names and literals (assignment targets); `extraEndRules` mark where a paren-less tuple ends.
   */
  parseTuple(opts: TupleOptions = NO_TUPLE_OPTIONS): A.Expr {
    let start = this.stream.current;
    const first = this.stream.current;
    if (this.isTupleEnd(opts.extraEndRules)) {
      if (!opts.explicitParentheses) this.fail(`Expected an expression, got '${describeToken(this.stream.current)}'`);
      return { type: 'Tuple', items: [], ctx: 'load', loc: loc(first) };
    }
    const one = this.tupleItem(opts);
    // the common case, a single expression, allocates no item list
    if (this.stream.type() !== 'comma') return one;
    const items: A.Expr[] = [one];
    start = this.stream.current;
    for (;;) {
      this.stream.expect('comma');
      if (this.isTupleEnd(opts.extraEndRules)) break;
      items.push(this.tupleItem(opts));
      if (this.stream.type() !== 'comma') break;
      start = this.stream.current;
    }
    return { type: 'Tuple', items, ctx: 'load', loc: loc(start) };
  }

  private tupleItem(opts: TupleOptions): A.Expr {
    return opts.simplified ? this.parsePrimary(opts.withNamespace) : this.parseExpression(opts.withCondexpr ?? true);
  }

  private isTupleEnd(extra?: string[]): boolean {
    const t = this.stream.type();
    if (t === 'variable_end' || t === 'block_end' || t === 'rparen') return true;
    // Jinja2 3.1 calls `test_any(extra_end_rules)` with the tuple itself as the one rule, which
    // never matches: `{% for x in a, recursive %}` iterates over the tuple (a, recursive).
    void extra;
    return false;
  }

  parseList(): A.ListExpr {
    const tok = this.stream.expect('lbracket');
    const items: A.Expr[] = [];
    while (this.stream.type() !== 'rbracket') {
      if (items.length) this.stream.expect('comma');
      if (this.stream.test('rbracket')) break;
      items.push(this.parseExpression());
    }
    this.stream.expect('rbracket');
    return { type: 'List', items, loc: loc(tok) };
  }

  parseDict(): A.DictExpr {
    const tok = this.stream.expect('lbrace');
    const items: A.Pair[] = [];
    while (this.stream.type() !== 'rbrace') {
      if (items.length) this.stream.expect('comma');
      if (this.stream.test('rbrace')) break;
      const key = this.parseExpression();
      this.stream.expect('colon');
      const value = this.parseExpression();
      items.push({ type: 'Pair', key, value, loc: key.loc });
    }
    this.stream.expect('rbrace');
    return { type: 'Dict', items, loc: loc(tok) };
  }

  parsePostfix(node: A.Expr): A.Expr {
    for (;;) {
      const t = this.stream.type();
      if (t === 'dot' || t === 'lbracket') node = this.parseSubscript(node);
      else if (t === 'lparen') node = this.parseCall(node);
      else return node;
    }
  }

  parseFilterExpr(node: A.Expr): A.Expr {
    for (;;) {
      const tok = this.stream.current;
      if (tok.type === 'pipe') node = this.parseFilter(node)!;
      else if (tok.type === 'name' && tok.value === 'is') node = this.parseTest(node);
      else if (tok.type === 'lparen') node = this.parseCall(node);
      else return node;
    }
  }

  parseSubscript(node: A.Expr): A.Getattr | A.Getitem {
    const tok = this.stream.next();
    if (tok.type === 'dot') {
      const attr = this.stream.next();
      if (attr.type === 'name') return { type: 'Getattr', node, attr: attr.value as string, loc: loc(tok) };
      if (attr.type !== 'integer') this.fail('expected name or number', attr);
      const arg: A.Const = { type: 'Const', value: attr.value as number, loc: loc(attr) };
      return { type: 'Getitem', node, arg, loc: loc(tok) };
    }
    // lbracket
    const args: A.Expr[] = [];
    while (this.stream.type() !== 'rbracket') {
      if (args.length) this.stream.expect('comma');
      args.push(this.parseSubscribed());
    }
    this.stream.expect('rbracket');
    const arg: A.Expr = args.length === 1 ? args[0]! : { type: 'Tuple', items: args, ctx: 'load', loc: loc(tok) };
    return { type: 'Getitem', node, arg, loc: loc(tok) };
  }

  parseSubscribed(): A.Expr {
    const start = loc(this.stream.current);
    const parts: (A.Expr | null)[] = [];
    if (this.stream.type() === 'colon') {
      this.stream.next();
      parts.push(null);
    } else {
      const node = this.parseExpression();
      if (this.stream.type() !== 'colon') return node;
      this.stream.next();
      parts.push(node);
    }
    const t = this.stream.type();
    if (t === 'colon' || t === 'rbracket' || t === 'comma') parts.push(null);
    else parts.push(this.parseExpression());
    if (this.stream.type() === 'colon') {
      this.stream.next();
      const t2 = this.stream.type();
      parts.push(t2 === 'rbracket' || t2 === 'comma' ? null : this.parseExpression());
    } else parts.push(null);
    return { type: 'Slice', start: parts[0]!, stop: parts[1]!, step: parts[2]!, loc: start };
  }

  parseCallArgs(): A.CallArgs {
    const tok = this.stream.expect('lparen');
    const out: A.CallArgs = { args: [], kwargs: [], dynArgs: null, dynKwargs: null };
    const ensure = (ok: boolean) => {
      if (!ok) this.fail('invalid syntax for function call expression', tok);
    };
    let requireComma = false;
    while (this.stream.type() !== 'rparen') {
      if (requireComma) {
        this.stream.expect('comma');
        if (this.stream.type() === 'rparen') break;
      }
      const cur = this.stream.current;
      if (cur.type === 'mul') {
        ensure(out.dynArgs === null && out.dynKwargs === null);
        this.stream.next();
        out.dynArgs = this.parseExpression();
      } else if (cur.type === 'pow') {
        ensure(out.dynKwargs === null);
        this.stream.next();
        out.dynKwargs = this.parseExpression();
      } else if (cur.type === 'name' && this.stream.look().type === 'assign') {
        ensure(out.dynKwargs === null);
        this.stream.skip(2);
        const value = this.parseExpression();
        out.kwargs.push({ type: 'Keyword', key: cur.value as string, value, loc: value.loc });
      } else {
        ensure(out.dynArgs === null && out.dynKwargs === null && out.kwargs.length === 0);
        out.args.push(this.parseExpression());
      }
      requireComma = true;
    }
    this.stream.expect('rparen');
    return out;
  }

  parseCall(node: A.Expr): A.Call {
    const at = loc(this.stream.current);
    const args = this.parseCallArgs();
    return { type: 'Call', node, args: args.args, kwargs: args.kwargs, dynArgs: args.dynArgs, dynKwargs: args.dynKwargs, loc: at };
  }

  private parseDottedName(): string {
    let name = this.stream.expect('name').value as string;
    while (this.stream.type() === 'dot') {
      this.stream.next();
      name += '.' + (this.stream.expect('name').value as string);
    }
    return name;
  }

  parseFilter(node: A.Expr | null, startInline = false): A.Filter | A.Expr | null {
    while (this.stream.type() === 'pipe' || startInline) {
      if (!startInline) this.stream.next();
      const at = loc(this.stream.current);
      const name = this.parseDottedName();
      const args: A.CallArgs =
        this.stream.type() === 'lparen' ? this.parseCallArgs() : { args: [], kwargs: [], dynArgs: null, dynKwargs: null };
      node = {
        type: 'Filter', node, name, args: args.args, kwargs: args.kwargs, dynArgs: args.dynArgs, dynKwargs: args.dynKwargs, loc: at,
      };
      startInline = false;
    }
    return node;
  }

  parseTest(node: A.Expr): A.Expr {
    const tok = this.stream.next();
    const negated = this.stream.skipName('not');
    const name = this.parseDottedName();
    let args: A.CallArgs = { args: [], kwargs: [], dynArgs: null, dynKwargs: null };
    const cur = this.stream.current;
    if (cur.type === 'lparen') {
      args = this.parseCallArgs();
    } else if (
      TEST_ARG_START.has(cur.type) &&
      !(cur.type === 'name' && (cur.value === 'else' || cur.value === 'or' || cur.value === 'and'))
    ) {
      if (cur.type === 'name' && cur.value === 'is') this.fail('You cannot chain multiple tests with is');
      args.args = [this.parsePostfix(this.parsePrimary())];
    }
    const test: A.Test = {
      type: 'Test', node, name, args: args.args, kwargs: args.kwargs, dynArgs: args.dynArgs, dynKwargs: args.dynKwargs, loc: loc(tok),
    };
    return negated ? { type: 'Not', node: test, loc: loc(tok) } : test;
  }
}
