/**
 * A cursor over the tokens with Jinja2's TokenStream helpers (`expect`, `skipIf`, `look`),
 * including its error wording ("expected token 'end of print statement', got 'x'"). It reads a
 * token list or pulls batches from the lexer (TokenSource), holding only the current batch.
 */

import { TemplateSyntaxError, type Pos } from '../errors.js';
import type { Token, TokenType } from './tokens.js';

const OPERATOR_TEXT: Partial<Record<TokenType, string>> = {
  add: '+', sub: '-', div: '/', floordiv: '//', mul: '*', mod: '%', pow: '**', tilde: '~',
  lbracket: '[', rbracket: ']', lparen: '(', rparen: ')', lbrace: '{', rbrace: '}', eq: '==',
  ne: '!=', gt: '>', gteq: '>=', lt: '<', lteq: '<=', assign: '=', dot: '.', colon: ':',
  pipe: '|', comma: ',', semicolon: ';',
};

const TYPE_TEXT: Partial<Record<string, string>> = {
  block_begin: 'begin of statement block',
  block_end: 'end of statement block',
  variable_begin: 'begin of print statement',
  variable_end: 'end of print statement',
  data: 'template data / text',
  eof: 'end of template',
};

export function describeTokenType(type: string): string {
  return OPERATOR_TEXT[type as TokenType] ?? TYPE_TEXT[type] ?? type;
}

/** Jinja2's describe_token: a name token is described by its value. */
export function describeToken(tok: Token): string {
  return tok.type === 'name' ? String(tok.value) : describeTokenType(tok.type);
}

/** Jinja2's describe_token_expr for `type` or `name:value` expressions. */
export function describeTokenExpr(expr: string): string {
  const i = expr.indexOf(':');
  if (i >= 0) {
    const type = expr.slice(0, i);
    if (type === 'name') return expr.slice(i + 1);
    return describeTokenType(type);
  }
  return describeTokenType(expr);
}

/** Does the token match `type` or `name:value`? */
export function tokenTest(tok: Token, expr: string): boolean {
  const type = tok.type;
  if (type === expr) return true;
  // `type:value` compared in place (types have no ':'): the parser tests every expression so
  const v = tok.value;
  const tl = type.length;
  if (typeof v !== 'string' || expr.length !== tl + 1 + v.length || expr.charCodeAt(tl) !== 58) return false;
  // character loops: cheaper than startsWith/endsWith calls for these short strings
  for (let k = 0; k < v.length; k++) if (expr.charCodeAt(tl + 1 + k) !== v.charCodeAt(k)) return false;
  for (let k = 0; k < tl; k++) if (expr.charCodeAt(k) !== type.charCodeAt(k)) return false;
  return true;
}

/** Where a stream gets its tokens: batches in order, the last one ending with eof. */
export interface TokenSource {
  nextBatch(): Token[];
}

export class TokenStream {
  private i = 0;
  private buf: Token[];
  /** Where further batches come from (null over a complete list). */
  private readonly more: TokenSource | null;
  current: Token;

  /** Over a token list (ending with eof) or a lazy source such as the lexer's Scanner. */
  constructor(
    tokens: Token[] | TokenSource,
    readonly name: string | undefined,
    readonly source: string,
  ) {
    if (Array.isArray(tokens)) {
      this.buf = tokens;
      this.more = null;
    } else {
      this.more = tokens;
      this.buf = tokens.nextBatch();
    }
    this.current = this.buf[0]!;
  }

  next(): Token {
    const tok = this.current;
    if (tok.type !== 'eof') {
      if (++this.i === this.buf.length) this.refill(false);
      this.current = this.buf[this.i]!;
    }
    return tok;
  }

  /** Next batch; with `keep`, the current token stays in front (for look). */
  private refill(keep: boolean): void {
    const batch = this.more!.nextBatch();
    this.buf = keep ? [this.current, ...batch] : batch;
    this.i = 0;
  }

  /** Type of the current token (a method, so TypeScript does not narrow it across calls). */
  type(): TokenType {
    return this.current.type;
  }

  look(): Token {
    if (this.current.type === 'eof') return this.current;
    if (this.i + 1 === this.buf.length) this.refill(true);
    return this.buf[this.i + 1]!;
  }

  test(expr: string): boolean {
    return tokenTest(this.current, expr);
  }

  /** `test('name:' + value)` without taking the expression apart (the parser's hot path). */
  isName(value: string): boolean {
    const tok = this.current;
    return tok.type === 'name' && tok.value === value;
  }

  /** `skipIf('name:' + value)`, as isName. */
  skipName(value: string): boolean {
    if (this.isName(value)) {
      this.next();
      return true;
    }
    return false;
  }

  skipIf(expr: string): boolean {
    if (tokenTest(this.current, expr)) {
      this.next();
      return true;
    }
    return false;
  }

  skip(n = 1): void {
    for (let k = 0; k < n; k++) this.next();
  }

  expect(expr: string): Token {
    if (!tokenTest(this.current, expr)) {
      const desc = describeTokenExpr(expr);
      if (this.current.type === 'eof') {
        throw this.error(`unexpected end of template, expected '${desc}'.`, this.current);
      }
      throw this.error(`expected token '${desc}', got '${describeToken(this.current)}'`, this.current);
    }
    return this.next();
  }

  error(message: string, at: Pos = this.current): TemplateSyntaxError {
    return new TemplateSyntaxError(message, { line: at.line, col: at.col, offset: at.offset }, this.name, this.source);
  }
}
