/**
 * Tokens as the parser sees them. Types and values mirror Jinja2's token stream after
 * `Lexer.wrap` (whitespace, comments and raw markers dropped, operators typed, line statements
 * turned into block_begin/block_end), so Jinja2's `env._tokenize()` is the lexer's oracle.
 */

export type OperatorType =
  | 'add' | 'assign' | 'colon' | 'comma' | 'div' | 'dot' | 'eq' | 'floordiv' | 'gt' | 'gteq'
  | 'lbrace' | 'lbracket' | 'lparen' | 'lt' | 'lteq' | 'mod' | 'mul' | 'ne' | 'pipe' | 'pow'
  | 'rbrace' | 'rbracket' | 'rparen' | 'semicolon' | 'sub' | 'tilde';

export type TokenType =
  | OperatorType
  | 'name'      // value: identifier string
  | 'string'    // value: unescaped string
  | 'integer'   // value: number, or bigint beyond 2**53
  | 'float'     // value: number
  | 'data'      // value: template text (whitespace control already applied)
  | 'block_begin' | 'block_end'
  | 'variable_begin' | 'variable_end'
  | 'eof';

/** Jinja2's operator table (`jinja2.lexer.operators`). */
export const OPERATORS: Readonly<Record<string, OperatorType>> = {
  '+': 'add', '-': 'sub', '/': 'div', '//': 'floordiv', '*': 'mul', '%': 'mod', '**': 'pow',
  '~': 'tilde', '[': 'lbracket', ']': 'rbracket', '(': 'lparen', ')': 'rparen', '{': 'lbrace',
  '}': 'rbrace', '==': 'eq', '!=': 'ne', '>': 'gt', '>=': 'gteq', '<': 'lt', '<=': 'lteq',
  '=': 'assign', '.': 'dot', ':': 'colon', '|': 'pipe', ',': 'comma', ';': 'semicolon',
};

/** One token. `line`/`col` are 1-based, `offset` 0-based, all pointing at the token start. */
export interface Token {
  type: TokenType;
  value: string | number | bigint;
  line: number;
  col: number;
  offset: number;
}

/** Options that change how source text is split into tokens. Defaults are Jinja2's. */
export interface LexerOptions {
  blockStart: string;        // '{%'
  blockEnd: string;          // '%}'
  variableStart: string;     // '{{'
  variableEnd: string;       // '}}'
  commentStart: string;      // '{#'
  commentEnd: string;        // '#}'
  lineStatementPrefix: string | null;
  lineCommentPrefix: string | null;
  trimBlocks: boolean;
  lstripBlocks: boolean;
  newlineSequence: '\n' | '\r\n' | '\r';
  keepTrailingNewline: boolean;
}

export const DEFAULT_LEXER_OPTIONS: LexerOptions = {
  blockStart: '{%',
  blockEnd: '%}',
  variableStart: '{{',
  variableEnd: '}}',
  commentStart: '{#',
  commentEnd: '#}',
  lineStatementPrefix: null,
  lineCommentPrefix: null,
  trimBlocks: false,
  lstripBlocks: false,
  newlineSequence: '\n',
  keepTrailingNewline: false,
};
