/**
 * The lexer's driver: walks the normalised source, takes the hand-written fast paths where they
 * provably give moo's answer (see lexer.ts) and asks moo everywhere else, then applies Jinja2's
 * `wrap` (whitespace control, bracket balance, literal values) to produce the tokens.
 *
 * One Scanner per tokenize call. Its hot loops (root text, tag contents) are small methods that
 * keep the position in a local and write it back when they hand over, so the optimising compiler
 * can inline their helpers and hold the position in a register.
 */
import type moo from 'moo';
import { TemplateSyntaxError, type Pos } from '../errors.js';
import { EscapeError, identifierRe, integerValue, isWs, pyRepr, unescapeString } from './lex-literals.js';
import { OPERATORS, type LexerOptions, type OperatorType, type Token, type TokenType } from './tokens.js';

/** A root tag start in moo's order, with its token texts (shared, so tokens allocate none). */
export interface RootStart {
  type: 'variable_begin' | 'block_begin' | 'comment_begin' | 'linestatement_begin' | 'linecomment_begin';
  delim: string;
  /** The delimiter's second character code (NaN for one character): most starts differ there. */
  second: number;
  minus: string;
  plus: string;
}

/** A compiled moo lexer plus what the fast path needs to know about the delimiters. */
export interface Compiled {
  /** The moo lexer, compiled on first use: the fast path leaves most templates without a moo step. */
  moo(): moo.Lexer;
  /** First characters of the tag starts (root fast path); null with line prefixes. */
  starts: string[] | null;
  /** The tag starts in moo's order (see startOrder in lexer.ts). */
  rootStarts: RootStart[];
  /** Can a comment body be scanned with indexOf (see commentEndAt)? */
  commentFast: boolean;
  /** False if this moo build has no `index` field to reposition it. */
  seekable: boolean;
}

/** The one moo field the fast path writes (moo 0.5 has no seek API). */
export interface Seekable {
  index: number;
}

/** Number of entries of the sorted `arr` that are <= x. */
function bisect(arr: number[], x: number): number {
  let lo = 0, hi = arr.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (arr[mid]! <= x) lo = mid + 1; else hi = mid;
  }
  return lo;
}

/**
 * Collects tokens and gives each its line, column and source offset. Tokens come in (almost
 * always) increasing offsets, so it follows the current line instead of bisecting per token.
 */
class TokenSink {
  /** Where tokens go: the whole list, or the current batch when streaming. */
  out: Token[] = [];
  private lineIdx = 0;
  private lineStart = 0;
  /** Start of the next line, or past the end on the last line. */
  private nextLineStart: number;

  constructor(private readonly lineStarts: number[], private readonly crlf: number[], private readonly end: number) {
    this.nextLineStart = lineStarts.length > 1 ? lineStarts[1]! : end + 1;
  }

  push(type: TokenType, value: Token['value'], off: number): void {
    if (off >= this.nextLineStart || off < this.lineStart) this.moveTo(off);
    this.out.push({ type, value, line: this.lineIdx + 1, col: off - this.lineStart + 1, offset: this.sourceOffset(off) });
  }

  /** `off` in the normalised source as an offset in the original (CRLF newlines count two). */
  sourceOffset(off: number): number {
    return this.crlf.length === 0 ? off : off + bisect(this.crlf, off - 1);
  }

  /** Line of the last token pushed (1 before any): tokens come in increasing offsets. */
  lastLine(): number {
    return this.lineIdx + 1;
  }

  private moveTo(off: number): void {
    const starts = this.lineStarts;
    let i = this.lineIdx;
    if (off < this.lineStart) i = bisect(starts, off) - 1;
    else while (i + 1 < starts.length && starts[i + 1]! <= off) i++;
    this.lineIdx = i;
    this.lineStart = starts[this.lineIdx]!;
    this.nextLineStart = this.lineIdx + 1 < starts.length ? starts[this.lineIdx + 1]! : this.end + 1;
  }
}

/** Operator token types by character code, for the fast path (see OPERATORS). */
const OP1: (OperatorType | undefined)[] = [];
for (const [text, type] of Object.entries(OPERATORS)) if (text.length === 1) OP1[text.charCodeAt(0)] = type;
/** One-character operator texts by character code: token values shared, not sliced. */
const OP1_TEXT: (string | undefined)[] = [];
for (const text of Object.keys(OPERATORS)) if (text.length === 1) OP1_TEXT[text.charCodeAt(0)] = text;

/** ASCII characters that may continue a name (Jinja2's name class below U+0080). */
const ASCII_NAME = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  ASCII_NAME[c] = (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 ? 1 : 0;
}

/** Could raw_begin match with `raw` at `i`, after a sign and whitespace? */
function rawFollows(src: string, i: number): boolean {
  let c = src.charCodeAt(i);
  if (c === 45 || c === 43) c = src.charCodeAt(++i);
  while (isWs(c)) c = src.charCodeAt(++i);
  return c === 114 && src.charCodeAt(i + 1) === 97 && src.charCodeAt(i + 2) === 119; // `raw`
}

/**
 * Where moo's comment state would match the end rule (`+end`, `-end\s*` or `end` + trim
 * newline) scanning from `from`, or -1. Its text chunks stop before every `+`, `-` and first
 * end character, so the match is at the first occurrence of `end` or one before it.
 */
function commentEndAt(src: string, from: number, end: string): number {
  const q = src.indexOf(end, from);
  if (q <= from) return q;
  const c = src.charCodeAt(q - 1);
  return c === 43 || c === 45 ? q - 1 : q;
}

/** `src.startsWith(s, at)` for the short delimiters, without a builtin call. */
function startsAt(src: string, at: number, s: string): boolean {
  for (let k = 0; k < s.length; k++) if (src.charCodeAt(at + k) !== s.charCodeAt(k)) return false;
  return true;
}

/**
 * Jinja2's OptionalLStrip on src[start, end): `-` strips all whitespace before a tag;
 * lstrip_blocks (`lstrip`: not `+`, not a variable tag) strips spaces between the line start and
 * the tag. Returns the new end.
 */
function stripEnd(src: string, start: number, end: number, sign: string, lstrip: boolean, lineStarting: boolean): number {
  if (sign === '-') {
    while (end > start && isWs(src.charCodeAt(end - 1))) end--;
    return end;
  }
  if (sign !== '+' && lstrip && end > start) {
    // back over the whitespace after the last newline: strip it if nothing else follows that
    // newline (or, without a newline, if the text starts a line)
    let i = end;
    let c = src.charCodeAt(i - 1);
    while (i > start && c !== 10 && isWs(c)) c = src.charCodeAt(--i - 1);
    if (i > start ? c === 10 : lineStarting) return i;
  }
  return end;
}

// The driver's modes (Jinja2's lexer states), as small integers for cheap dispatch.
const ROOT = 0, VARIABLE = 1, BLOCK = 2, LINESTATEMENT = 3, COMMENT = 4, RAW = 5, LINECOMMENT = 6;
const MODE_NAMES = ['root', 'variable', 'block', 'linestatement', 'comment', 'raw', 'linecomment'];
/** moo state names inside a tag by mode, then [plain, after a dot, nested, nested after a dot]. */
const TAG_STATES = MODE_NAMES.map((m) => [m, `${m}_d`, `${m}_n`, `${m}_n_d`]);
/** rootFast's answers besides a position for moo. */
const AT_END = -1, HANDLED = -2;
/** Tokens per batch handed to the parser: small enough to stay in the young generation. */
const BATCH = 256;

/** One tokenize run over the normalised source `src` (see the file header). */
export class Scanner {
  private readonly n: number;
  private readonly sink: TokenSink;
  private readonly balance: string[] = [];
  /** This scan's moo lexer, made on the first position the fast path leaves to moo. */
  private lexer: moo.Lexer | null = null;
  private readonly fast: boolean;
  /** Root fast path: the distinct first characters of the tag starts (null: moo only). */
  private readonly starts: string[] | null;
  /** Next occurrence of each of `starts` (-1 unknown, -2 none left), with several of them. */
  private readonly nextAt: number[];
  private readonly commentFast: boolean;
  private readonly prefixes: boolean;
  // shared token texts
  private readonly variableEndMinus: string;
  private readonly blockEndMinus: string;
  private readonly blockEndPlus: string;
  private readonly blockEndNl: string;

  // where the driver is
  private mode = ROOT;
  private at = 0;
  /** Where the pending root text starts. */
  private dataStart = 0;
  /** Where a comment / raw body starts. */
  private bodyStart = 0;
  /** Did Jinja2's previous match end with a newline? */
  private lineStarting = true;
  /** The lexer error to raise on the next batch (see nextBatch). */
  private failed: TemplateSyntaxError | null = null;

  constructor(
    private readonly src: string,
    private readonly o: LexerOptions,
    private readonly compiled: Compiled,
    fast: boolean,
    private readonly lineStarts: number[],
    crlf: number[],
    private readonly name: string | undefined,
    private readonly source: string,
  ) {
    this.n = src.length;
    this.sink = new TokenSink(lineStarts, crlf, src.length);
    this.fast = fast;
    this.starts = fast ? compiled.starts : null;
    this.nextAt = this.starts ? this.starts.map(() => -1) : [];
    this.commentFast = fast && compiled.commentFast;
    this.prefixes = o.lineStatementPrefix !== null || o.lineCommentPrefix !== null;
    this.variableEndMinus = '-' + o.variableEnd;
    this.blockEndMinus = '-' + o.blockEnd;
    this.blockEndPlus = '+' + o.blockEnd;
    this.blockEndNl = o.blockEnd + '\n';
  }

  /** All tokens, ending with eof; throws on the first lexer error. */
  run(): Token[] {
    this.fill(Infinity);
    return this.sink.out;
  }

  /**
   * The next batch of tokens (the last one ends with eof), like Jinja2's lazy token generator:
   * tokens the parser has passed die young instead of filling the heap with one big list
   * (which made lexing grow faster than the template). A lexer error is raised by the call
   * after the batch holding the tokens before it, so a parse error earlier in the template
   * wins, as in Jinja2.
   */
  nextBatch(): Token[] {
    if (this.failed) throw this.failed;
    const out: Token[] = [];
    this.sink.out = out;
    try {
      this.fill(BATCH);
    } catch (e) {
      if (!(e instanceof TemplateSyntaxError) || out.length === 0) throw e;
      this.failed = e;
    }
    return out;
  }

  /** Scan until the current batch has `limit` tokens or the source is done (then adds eof). */
  private fill(limit: number): void {
    const src = this.src, n = this.n, out = this.sink.out;
    for (;;) {
      if (out.length >= limit) return;
      const mode = this.mode;
      let from = this.at; // where moo goes on
      let state: string;
      if (mode === ROOT) {
        if (this.starts !== null) {
          from = this.rootFast();
          if (from === HANDLED) continue;
          if (from === AT_END) break;
        }
        state = this.rootState(this.at);
      } else if (mode === VARIABLE || mode === BLOCK || mode === LINESTATEMENT) {
        if (mode !== LINESTATEMENT && this.fast && this.tagFast()) continue;
        from = this.at;
        state = TAG_STATES[mode]![(this.balance.length ? 2 : 0) + (src.charCodeAt(from - 1) === 46 ? 1 : 0)]!;
      } else if (mode === COMMENT && this.commentFast) {
        if (!this.commentEnd()) break;
        continue;
      } else if (mode === LINECOMMENT && (from >= n || src.charCodeAt(from) === 10)) {
        this.toRoot(from, false); // `(.*?)()(?=\n|$)` matched the empty string
        continue;
      } else {
        state = MODE_NAMES[mode]!;
      }
      if (!this.mooStep(from, state)) break;
    }

    // End of input: what Jinja2 does when no rule matches at the end.
    const mode = this.mode;
    if (mode === ROOT) this.emitData(this.dataStart, n);
    else if (mode === LINESTATEMENT && !this.balance.length) this.sink.push('block_end', '', n);
    else if ((mode === COMMENT || mode === RAW) && this.bodyStart < n) {
      this.fail(mode === COMMENT ? 'Missing end of comment tag' : 'Missing end of raw directive', this.bodyStart);
    }
    // Jinja2's eof keeps the last token's lineno; place it at the end of that line.
    const lastLine = this.sink.lastLine();
    this.sink.push('eof', '', lastLine < this.lineStarts.length ? this.lineStarts[lastLine]! - 1 : n);
  }

  private toRoot(at: number, lineStarting: boolean): void {
    this.mode = ROOT;
    this.at = at;
    this.dataStart = at;
    this.lineStarting = lineStarting;
  }

  private rootState(at: number): string {
    if (!this.prefixes) return 'root';
    const c = at === 0 ? 10 : this.src.charCodeAt(at - 1);
    return c === 10 ? 'root_bol' : isWs(c) ? 'root_ws' : 'root_nonws';
  }

  /** The next position where a tag could start, or -1; linear in total over a run. */
  private nextStart(from: number): number {
    const starts = this.starts!;
    if (starts.length === 1) return this.src.indexOf(starts[0]!, from);
    const next = this.nextAt;
    let best = -1;
    for (let k = 0; k < next.length; k++) {
      let p = next[k]!;
      if (p !== -2 && p < from) {
        p = this.src.indexOf(starts[k]!, from);
        next[k] = p = p === -1 ? -2 : p;
      }
      if (p !== -2 && (best === -1 || p < best)) best = p;
    }
    return best;
  }

  /**
   * Root fast path: finds the next tag start and, if it is not a possible `raw` tag, emits the
   * text before it and its begin token (HANDLED). Else the position for moo, or AT_END.
   */
  private rootFast(): number {
    const src = this.src, blockStart = this.o.blockStart, rootStarts = this.compiled.rootStarts;
    let at = this.at;
    for (;;) {
      const from = this.nextStart(at);
      if (from === -1) {
        this.at = this.n;
        return AT_END;
      }
      // moo's root alternatives: raw_begin (left to moo), the starts in order, then one char
      if (startsAt(src, from, blockStart) && rawFollows(src, from + blockStart.length)) {
        this.at = at;
        return from;
      }
      let start: RootStart | null = null;
      const second = src.charCodeAt(from + 1);
      for (let k = 0; k < rootStarts.length; k++) {
        const s = rootStarts[k]!;
        if ((s.second === second || s.delim.length < 2) && startsAt(src, from, s.delim)) {
          start = rootStarts[k]!;
          break;
        }
      }
      if (start === null) {
        const c = src.charCodeAt(from);
        at = from + ((c & 0xfc00) === 0xd800 && (src.charCodeAt(from + 1) & 0xfc00) === 0xdc00 ? 2 : 1);
        continue;
      }
      const c = src.charCodeAt(from + start.delim.length);
      const sign = c === 45 ? '-' : c === 43 ? '+' : '';
      const text = c === 45 ? start.minus : c === 43 ? start.plus : start.delim;
      const type = start.type;
      this.emitData(this.dataStart, stripEnd(src, this.dataStart, from, sign, this.o.lstripBlocks && type !== 'variable_begin', this.lineStarting));
      this.at = from + text.length;
      if (type === 'variable_begin' || type === 'block_begin') {
        this.sink.push(type, text, from);
        this.mode = type === 'block_begin' ? BLOCK : VARIABLE;
      } else { // comment_begin: the starts have no line prefixes here
        this.mode = COMMENT;
        this.bodyStart = this.at;
        this.lineStarting = text.endsWith('\n');
      }
      return HANDLED;
    }
  }

  /** Comment fast path: skips to after the end tag (false: none, at the end of input). */
  private commentEnd(): boolean {
    const src = this.src, n = this.n, end = this.o.commentEnd;
    const from = commentEndAt(src, this.at, end);
    if (from === -1) {
      this.at = n;
      return false;
    }
    const c = src.charCodeAt(from);
    let e = from + end.length;
    if (c === 43 || c === 45) e++;
    if (c === 45) while (e < n && isWs(src.charCodeAt(e))) e++;
    else if (c !== 43 && this.o.trimBlocks && src.charCodeAt(e) === 10) e++;
    this.toRoot(e, src.charCodeAt(e - 1) === 10);
    return true;
  }

  /**
   * Fast path inside a variable or block tag: plain ASCII tokens and the end tag. True when the
   * tag ended; false hands `this.at` to moo.
   */
  private tagFast(): boolean {
    const src = this.src, n = this.n, sink = this.sink, balance = this.balance;
    const variable = this.mode === VARIABLE;
    const end = variable ? this.o.variableEnd : this.o.blockEnd;
    const end0 = end.charCodeAt(0);
    let at = this.at;
    for (;;) {
      const c = src.charCodeAt(at);
      if (!(c < 128)) break;
      if (balance.length === 0) {
        let e = -1; // where a `-end`, `+end` or `end` token found here stops
        let text = '';
        if (c === 45 || c === 43) {
          if (startsAt(src, at, end)) break; // an end starting with its own sign: moo
          if (startsAt(src, at + 1, end)) {
            if (c === 43 && variable) break; // no `+end` rule for variables
            // `+end`, or `-end` and all the whitespace after it
            e = at + 1 + end.length;
            if (c === 45) while (e < n && isWs(src.charCodeAt(e))) e++;
            text = e === at + 1 + end.length
              ? (c === 43 ? this.blockEndPlus : variable ? this.variableEndMinus : this.blockEndMinus)
              : src.slice(at, e);
          }
        } else if (c === end0 && startsAt(src, at, end)) { // no `-`/`+` alternative matches here
          // `end` plus, for blocks with trim_blocks, one newline
          text = !variable && this.o.trimBlocks && src.charCodeAt(at + end.length) === 10 ? this.blockEndNl : end;
          e = at + text.length;
        }
        if (e !== -1) {
          sink.push(variable ? 'variable_end' : 'block_end', text, at);
          this.toRoot(e, src.charCodeAt(e - 1) === 10);
          return true;
        }
      }
      if (c === 32 || isWs(c)) {
        let d = src.charCodeAt(++at);
        while (d === 32 || isWs(d)) d = src.charCodeAt(++at);
        continue;
      }
      if (c >= 48 && c <= 57) { // integer: only plain decimal digits, then no float/int syntax
        let i = at + 1;
        let d = src.charCodeAt(i);
        let value = c - 48;
        if (c !== 48) {
          while (d >= 48 && d <= 57) {
            value = value * 10 + (d - 48);
            d = src.charCodeAt(++i);
          }
        }
        if (d >= 128 || d === 46 || d === 95 || d === 101 || d === 69 || (d >= 48 && d <= 57)) break;
        if (c === 48 && (d === 120 || d === 88 || d === 98 || d === 66 || d === 111 || d === 79)) break;
        // up to 15 digits the running value is exact; longer ones may need a bigint
        sink.push('integer', i - at < 16 ? value : integerValue(src.slice(at, i)), at);
        at = i;
        continue;
      }
      if (ASCII_NAME[c] === 1) { // a name (digits are handled above)
        let i = at + 1;
        let d = src.charCodeAt(i);
        while (d < 128 && ASCII_NAME[d] === 1) d = src.charCodeAt(++i);
        if (d >= 128) break; // may go on with a non-ASCII name character
        sink.push('name', src.slice(at, i), at);
        at = i;
        continue;
      }
      if (c === 39 || c === 34) { // a string: quote, then escaped or other characters
        let i = at + 1;
        let d = src.charCodeAt(i);
        while (d !== c && i < n) {
          i += d === 92 ? 2 : 1;
          d = src.charCodeAt(i);
        }
        if (i >= n) break;
        this.emitString(src.slice(at + 1, i), at);
        at = i + 1;
        continue;
      }
      let type = OP1[c];
      let text = OP1_TEXT[c]!;
      const d = src.charCodeAt(at + 1);
      if (c === 33) { // `!=`, or moo's bad character
        if (d !== 61) break;
        type = 'ne';
        text = '!=';
      } else if (type === undefined) {
        break;
      } else if (d === 61 && (c === 61 || c === 62 || c === 60)) {
        type = c === 61 ? 'eq' : c === 62 ? 'gteq' : 'lteq';
        text = c === 61 ? '==' : c === 62 ? '>=' : '<=';
      } else if (d === c && (c === 47 || c === 42)) {
        type = c === 47 ? 'floordiv' : 'pow';
        text = c === 47 ? '//' : '**';
      }
      this.emitOperator(type, text, at);
      at += text.length;
    }
    this.at = at;
    return false;
  }

  /** One token from moo at `from`, handled as Jinja2's wrap does (false: end of input). */
  private mooStep(from: number, state: string): boolean {
    const src = this.src, sink = this.sink;
    let lexer = this.lexer;
    if (lexer === null) {
      // a clone per scan: the parser pulls tokens in batches, so scans may interleave (an
      // extension tag may parse another template mid-parse) and must not share moo's position
      lexer = this.lexer = (this.compiled.moo() as unknown as { clone(): moo.Lexer }).clone();
      lexer.reset(src, { line: 1, col: 1, state });
    }
    lexer.setState(state);
    if (this.fast) (lexer as unknown as Seekable).index = from;
    const t = lexer.next();
    if (!t) return false;
    const off = t.offset, text = t.text, type = t.type as string;
    const at = off + text.length;
    this.at = at;
    const mode = this.mode;

    if (mode === ROOT) {
      if (type === 'text' || type === 'char') return true;
      const sign = this.signOf(type, text);
      this.emitData(this.dataStart, stripEnd(src, this.dataStart, off, sign, this.o.lstripBlocks && type !== 'variable_begin', this.lineStarting));
      if (type === 'variable_begin' || type === 'block_begin') {
        sink.push(type, text, off);
        this.mode = type === 'block_begin' ? BLOCK : VARIABLE;
      } else if (type === 'linestatement_begin') {
        sink.push('block_begin', text, off);
        this.mode = LINESTATEMENT;
      } else if (type === 'linecomment_begin') {
        this.mode = LINECOMMENT;
      } else {
        this.mode = type === 'raw_begin' ? RAW : COMMENT;
        this.bodyStart = at;
        this.lineStarting = text.endsWith('\n');
      }
      return true;
    }
    if (mode === COMMENT || mode === RAW || mode === LINECOMMENT) {
      if (mode === LINECOMMENT) this.toRoot(at, false);
      else if (type === 'end') {
        if (mode === RAW) {
          this.emitData(this.bodyStart, stripEnd(src, this.bodyStart, off, this.rawSign(text), this.o.lstripBlocks, this.lineStarting));
        }
        this.toRoot(at, text.endsWith('\n'));
      }
      return true;
    }
    // Inside a variable, block or line statement.
    switch (type) {
      case 'end':
        sink.push(mode === VARIABLE ? 'variable_end' : 'block_end', text, off);
        this.toRoot(at, text.endsWith('\n'));
        break;
      case 'ws':
        break;
      case 'float': {
        const v = text.replace(/_/g, '');
        const bad = /[^\x00-\x7f]/u.exec(v);
        if (bad) { // literal_eval rejects non-ASCII digits with a Python SyntaxError
          const prev = bad.index > 0 ? v[bad.index - 1]! : '';
          const cp = (bad[0].codePointAt(0) as number).toString(16).toUpperCase().padStart(4, '0');
          this.fail(/[eE+-]/.test(prev) ? 'invalid decimal literal (<unknown>, line 1)'
            : `invalid character '${bad[0]}' (U+${cp}) (<unknown>, line 1)`, off);
        }
        sink.push('float', Number(v), off);
        break;
      }
      case 'integer':
        sink.push('integer', integerValue(text), off);
        break;
      case 'name':
        if (!identifierRe().test(text)) this.fail('Invalid character in identifier', off);
        sink.push('name', text, off);
        break;
      case 'string':
        this.emitString(text.slice(1, -1), off);
        break;
      case 'operator':
        this.emitOperator(OPERATORS[text]!, text, off);
        break;
      default: { // 'bad': Jinja2 reports the position in code points of the normalised source
        let cp = 0;
        for (let i = 0; i < off; i++) {
          const c = src.charCodeAt(i);
          if (!(c >= 0xdc00 && c <= 0xdfff && i > 0 && (src.charCodeAt(i - 1) & 0xfc00) === 0xd800)) cp++;
        }
        this.fail(`unexpected char ${pyRepr(text)} at ${cp}`, off);
      }
    }
    return true;
  }

  private rawSign(text: string): string {
    const c = text[this.o.blockStart.length];
    return c === '-' || c === '+' ? c : '';
  }

  private signOf(type: string, text: string): string {
    if (type === 'raw_begin') return this.rawSign(text);
    const last = text[text.length - 1]!;
    if (last !== '-' && last !== '+') return '';
    const o = this.o;
    switch (type) {
      case 'block_begin': return text.length > o.blockStart.length ? last : '';
      case 'variable_begin': return text.length > o.variableStart.length ? last : '';
      case 'comment_begin': return text.length > o.commentStart.length ? last : '';
      case 'linestatement_begin': return text.slice(0, -1).endsWith(o.lineStatementPrefix as string) ? last : '';
      default: return text.slice(0, -1).endsWith(o.lineCommentPrefix as string) ? last : '';
    }
  }

  private normalize(text: string): string {
    const nl = this.o.newlineSequence;
    return nl === '\n' ? text : text.replace(/\n/g, nl);
  }

  private emitData(start: number, end: number): void {
    if (end > start) this.sink.push('data', this.normalize(this.src.slice(start, end)), start);
  }

  /** A string token from its body (without quotes). */
  private emitString(body: string, off: number): void {
    let value = '';
    try {
      value = unescapeString(this.normalize(body));
    } catch (e) {
      if (!(e instanceof EscapeError)) throw e;
      this.fail(e.message, off);
    }
    this.sink.push('string', value, off);
  }

  private emitOperator(type: OperatorType, text: string, off: number): void {
    const balance = this.balance;
    if (type === 'lbrace') balance.push('}');
    else if (type === 'lparen') balance.push(')');
    else if (type === 'lbracket') balance.push(']');
    else if (type === 'rbrace' || type === 'rparen' || type === 'rbracket') {
      const expected = balance.pop();
      if (expected === undefined) this.fail(`unexpected '${text}'`, off);
      if (expected !== text) this.fail(`unexpected '${text}', expected '${expected}'`, off);
    }
    this.sink.push(type, text, off);
  }

  private fail(message: string, off: number): never {
    const lineStarts = this.lineStarts;
    const line = bisect(lineStarts, off);
    const pos: Pos = { line, col: off - lineStarts[line - 1]! + 1, offset: this.sink.sourceOffset(off) };
    throw new TemplateSyntaxError(message, pos, this.name, this.source);
  }
}
