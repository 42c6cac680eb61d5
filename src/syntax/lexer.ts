/**
 * Jinja2 3.1 compatible lexer. moo does the scanning (one moo state per Jinja2 lexer state and
 * context); a small driver loop plays the part of Jinja2's `tokeniter` + `wrap`: whitespace
 * control, the bracket balancing stack, literal conversion and error messages.
 *
 * Jinja2's root rule is one lazy regex `(.*?)(?:tag starts)`. Here the root states instead emit
 * text chunks that never run past a position where a tag start could match, so data is the
 * source between two tag starts and every regex stays linear.
 *
 * Speed: tokenizing was the largest part of compiling, and a moo token costs a regex match
 * array plus a token object. So the driver first tries a hand-written fast path that is only
 * taken where it provably gives moo's answer, and hands every other position to moo:
 * - root text without line prefixes jumps with indexOf to the next possible tag start and
 *   matches the start delimiters in moo's order (a possible `raw` tag is left to moo);
 * - inside a tag, the plain end delimiter and, where the end rule cannot match, plain ASCII
 *   tokens (whitespace runs, names, decimal integers, strings, operators) are scanned by hand;
 *   a name or number that may go on with non-ASCII or float/underscore syntax goes to moo.
 * `tokenize(src, opts, name, false)` turns the fast path off; a property test checks both agree.
 * The driver repositions moo with its `index` field (moo 0.5 has no seek API); getLexer checks
 * that the field exists and disables the fast path otherwise.
 */
import moo from 'moo';
import { TemplateSyntaxError, type Pos } from '../errors.js';
import { DEFAULT_LEXER_OPTIONS, type LexerOptions, type OperatorType, type Token, type TokenType } from './tokens.js';
import { lazy } from '../runtime/lazy.js';

/** Jinja2's operator table (`jinja2.lexer.operators`). */
export const OPERATORS: Readonly<Record<string, OperatorType>> = {
  '+': 'add', '-': 'sub', '/': 'div', '//': 'floordiv', '*': 'mul', '%': 'mod', '**': 'pow',
  '~': 'tilde', '[': 'lbracket', ']': 'rbracket', '(': 'lparen', ')': 'rparen', '{': 'lbrace',
  '}': 'rbrace', '==': 'eq', '!=': 'ne', '>': 'gt', '>=': 'gteq', '<': 'lt', '<=': 'lteq',
  '=': 'assign', '.': 'dot', ':': 'colon', '|': 'pipe', ',': 'comma', ';': 'semicolon',
};

// Python's `\s` / str.isspace(): differs from JS `\s` (has \x1c-\x1f and \x85, lacks \ufeff).
const WS = '\\t\\n\\v\\f\\r \\x1c-\\x1f\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
// Python's `[^\S\r\n]`.
const HWS = '\\t\\v\\f \\x1c-\\x1f\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';

function isWs(c: number): boolean {
  return (c >= 9 && c <= 13) || c === 32 || (c >= 0x1c && c <= 0x1f) || c === 0x85 || c === 0xa0 ||
    c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f ||
    c === 0x205f || c === 0x3000;
}

// Built on first use, from strings (see runtime/lazy.ts): only non-ASCII source needs them.
// str.isidentifier(); names are first matched by the wider `\w`-ish class like Jinja2's name_re.
const identifierRe = lazy(() => new RegExp('^[\\p{XID_Start}_]\\p{XID_Continue}*$', 'u'));
// Characters Python's repr() escapes (not str.isprintable()).
const nonPrintableRe = lazy(() => new RegExp('[\\p{Cc}\\p{Cf}\\p{Cs}\\p{Co}\\p{Cn}\\p{Zl}\\p{Zp}\\p{Zs}]', 'u'));
const decimalRe = lazy(() => new RegExp('^\\p{Nd}$', 'u'));
const NON_ASCII = /[^\x00-\x7f]/gu;

const esc = (s: string) => s.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
const escClass = (s: string) => s.replace(/[\\\]\[^-]/g, '\\$&');
const firstChar = (s: string) => String.fromCodePoint(s.codePointAt(0) ?? 0);
const hex = (n: number, w: number) => n.toString(16).padStart(w, '0');

type Mode = 'root' | 'variable' | 'block' | 'linestatement' | 'comment' | 'raw' | 'linecomment';

function resolveOptions(options: Partial<LexerOptions>): LexerOptions {
  const o: LexerOptions = { ...DEFAULT_LEXER_OPTIONS };
  for (const k of Object.keys(o) as (keyof LexerOptions)[]) {
    if (options[k] !== undefined) (o as unknown as Record<string, unknown>)[k] = options[k];
  }
  // An empty prefix would make moo rules match the empty string; treat it as "off".
  if (o.lineStatementPrefix === '') o.lineStatementPrefix = null;
  if (o.lineCommentPrefix === '') o.lineCommentPrefix = null;
  return o;
}

/** The root tag starts (type, delimiter) in Jinja2's order: longest first, ties by name reversed. */
function startOrder(o: LexerOptions): [string, string][] {
  const starts: [string, string][] = [
    ['comment_begin', o.commentStart], ['block_begin', o.blockStart], ['variable_begin', o.variableStart],
  ];
  if (o.lineStatementPrefix !== null) starts.push(['linestatement_begin', o.lineStatementPrefix]);
  if (o.lineCommentPrefix !== null) starts.push(['linecomment_begin', o.lineCommentPrefix]);
  const len = (s: string) => [...s].length;
  return starts.sort((a, b) => len(b[1]) - len(a[1]) || (a[0] < b[0] ? 1 : a[0] > b[0] ? -1 : 0));
}

/** Build the moo state machine for one option set (Jinja2's `Lexer.__init__`). */
function compileLexer(o: LexerOptions): moo.Lexer {
  const R = (source: string): moo.Rule => ({ match: new RegExp(source, 'u'), lineBreaks: true });
  const W = `[${WS}]`;
  const sign = '(?:-|\\+)?';
  const trim = o.trimBlocks ? '\\n?' : '';
  const bs = esc(o.blockStart), be = esc(o.blockEnd), ve = esc(o.variableEnd), ce = esc(o.commentEnd);
  const D = '\\p{Nd}'; // Python's \d is Unicode-aware
  const digits = `(?:${D}+_)*${D}+`;

  const tag = (end: string | null, float: boolean): moo.Rules => {
    const r: moo.Rules = {};
    if (end) r.end = R(end);
    r.ws = R(`${W}+`);
    // Jinja2's float_re starts with (?<!\.); the driver picks a float-less state after a '.'.
    if (float) r.float = R(`${digits}(?:(?:\\.${digits})?[eE][+\\-]?${digits}|\\.${digits})`);
    r.integer = R(`0[bB](?:_?[01])+|0[oO](?:_?[0-7])+|0[xX](?:_?[${D}a-fA-F])+|[1-9](?:_?${D})*|0(?:_?0)*`);
    r.name = R('[\\p{L}\\p{N}_\\p{XID_Continue}]+');
    r.string = R(`'[^'\\\\]*(?:\\\\[^][^'\\\\]*)*'|"[^"\\\\]*(?:\\\\[^][^"\\\\]*)*"`);
    r.operator = R('//|\\*\\*|==|!=|>=|<=|[-+/*%~\\[\\](){}>=<.:|,;]');
    r.bad = R('[^]');
    return r;
  };

  const states: Record<string, moo.Rules> = {};
  const ends: [string, string][] = [
    ['variable', `-${ve}${W}*|${ve}`],
    ['block', `\\+${be}|-${be}${W}*|${be}${trim}`],
  ];
  // `\s*(\n|$)`: through the last newline of a whitespace run, or the whole run at the end.
  if (o.lineStatementPrefix !== null) ends.push(['linestatement', `${W}+(?![^])|${W}*\\n`]);
  // Inside brackets Jinja2 skips the end rule (`_n`); after a '.' there is no float (`_d`).
  for (const [kind, end] of ends) {
    for (const nested of [false, true]) {
      for (const afterDot of [false, true]) {
        states[kind + (nested ? '_n' : '') + (afterDot ? '_d' : '')] = tag(nested ? null : end, !afterDot);
      }
    }
  }

  // Root alternatives in Jinja2's order: raw first, then longest delimiter (ties: name, reversed).
  const starts = startOrder(o).map(([type, text]): [string, string] => [
    type,
    type === 'linestatement_begin' ? `[ \\t\\v]*${esc(text)}` : type === 'linecomment_begin' ? `[${HWS}]*${esc(text)}` : esc(text),
  ]);
  const firsts = [o.blockStart, o.variableStart, o.commentStart];
  if (o.lineStatementPrefix !== null) firsts.push(o.lineStatementPrefix);
  if (o.lineCommentPrefix !== null) firsts.push(o.lineCommentPrefix);
  const F = [...new Set(firsts.map(firstChar))].map(escClass).join('');
  const prefixes = o.lineStatementPrefix !== null || o.lineCommentPrefix !== null;
  const fHasWs = firsts.some((s) => isWs(s.charCodeAt(0)));

  // Without prefixes one root state. With them, the state encodes what precedes the position:
  // line start (`^`), a non-space (`(?<=\S)`, line comments only) or a space (neither).
  for (const ctx of prefixes ? ['bol', 'nonws', 'ws'] : ['']) {
    const r: moo.Rules = { raw_begin: R(`${bs}${sign}${W}*raw${W}*(?:-${be}${W}*|${be})`) };
    for (const [type, re] of starts) {
      if (type === 'linestatement_begin' && ctx !== 'bol') continue;
      if (type === 'linecomment_begin' && ctx === 'ws') continue;
      r[type] = R(re + sign);
    }
    // Text chunks stop wherever a start could match; inside a chunk none can.
    r.text = prefixes ? R(`[^${F}${WS}]+|${fHasWs ? '' : `[${HWS}]+|`}\\n`) : R(`[^${F}]+`);
    r.char = R('[^]');
    states[ctx ? `root_${ctx}` : 'root'] = r;
  }
  states.comment = {
    end: R(`\\+${ce}|-${ce}${W}*|${ce}${trim}`),
    text: R(`[^+\\-${escClass(firstChar(o.commentEnd))}]+`),
    char: R('[^]'),
  };
  states.raw = {
    end: R(`${bs}${sign}${W}*endraw${W}*(?:\\+${be}|-${be}${W}*|${be}${trim})`),
    text: R(`[^${escClass(firstChar(o.blockStart))}]+`),
    char: R('[^]'),
  };
  states.linecomment = { text: R('[^\\n]+') };
  return moo.states(states, prefixes ? 'root_bol' : 'root');
}

/** A compiled moo lexer plus what the fast path needs to know about the delimiters. */
interface Compiled {
  moo: moo.Lexer;
  /** First characters of the tag starts (root fast path); null with line prefixes. */
  starts: string[] | null;
  /** The tag starts in moo's order (see startOrder). */
  rootStarts: [string, string][];
  /** False if this moo build has no `index` field to reposition it. */
  seekable: boolean;
}

/** The one moo field the fast path writes (see the file header). */
interface Seekable {
  index: number;
}

// Like Jinja2's get_lexer: compiled lexers are shared per option set (LRU of 50).
const lexerCache = new Map<string, Compiled>();

function getLexer(o: LexerOptions): Compiled {
  const key = JSON.stringify([
    o.blockStart, o.blockEnd, o.variableStart, o.variableEnd, o.commentStart, o.commentEnd,
    o.lineStatementPrefix, o.lineCommentPrefix, o.trimBlocks, o.lstripBlocks, o.newlineSequence,
    o.keepTrailingNewline,
  ]);
  let lexer = lexerCache.get(key);
  if (lexer) {
    lexerCache.delete(key);
  } else {
    const m = compileLexer(o);
    const firsts = [o.blockStart, o.variableStart, o.commentStart].map(firstChar);
    // With prefixes the root state depends on the preceding text; a delimiter starting with a
    // surrogate could be found inside a pair, where moo sees one code point.
    const rootFast = o.lineStatementPrefix === null && o.lineCommentPrefix === null &&
      firsts.every((f) => (f.charCodeAt(0) & 0xf800) !== 0xd800 || f.length === 2);
    lexer = {
      moo: m,
      starts: rootFast ? [...new Set(firsts)] : null,
      rootStarts: startOrder(o),
      seekable: typeof (m as unknown as Partial<Seekable>).index === 'number',
    };
    if (lexerCache.size >= 50) lexerCache.delete(lexerCache.keys().next().value as string);
  }
  lexerCache.set(key, lexer);
  return lexer;
}

class EscapeError extends Error {}

/** `value.encode('ascii', 'backslashreplace').decode('unicode-escape')`, as Jinja2's wrap does. */
export function unescapeString(value: string): string {
  // Without a backslash the round trip below is the identity (non-ASCII escapes decode back).
  if (!value.includes('\\')) return value;
  const s = value.replace(NON_ASCII, (c) => {
    const cp = c.codePointAt(0) as number;
    return cp < 0x100 ? `\\x${hex(cp, 2)}` : cp < 0x10000 ? `\\u${hex(cp, 4)}` : `\\U${hex(cp, 8)}`;
  });
  let out = '';
  let i = 0;
  for (;;) {
    const j = s.indexOf('\\', i);
    if (j < 0) return out + s.slice(i);
    out += s.slice(i, j);
    if (j + 1 >= s.length) throw new EscapeError('\\ at end of string');
    const c = s[j + 1];
    i = j + 2;
    switch (c) {
      case '\n': break; // line continuation
      case '\\': case "'": case '"': out += c; break;
      case 'a': out += '\x07'; break;
      case 'b': out += '\b'; break;
      case 'f': out += '\f'; break;
      case 'n': out += '\n'; break;
      case 'r': out += '\r'; break;
      case 't': out += '\t'; break;
      case 'v': out += '\v'; break;
      case 'x': case 'u': case 'U': {
        const n = c === 'x' ? 2 : c === 'u' ? 4 : 8;
        const h = s.slice(i, i + n);
        if (!/^[0-9a-fA-F]*$/.test(h) || h.length < n) {
          throw new EscapeError(`truncated \\${c}${'X'.repeat(n)} escape`);
        }
        const cp = parseInt(h, 16);
        if (cp > 0x10ffff) throw new EscapeError('illegal Unicode character');
        out += String.fromCodePoint(cp);
        i += n;
        break;
      }
      case 'N': {
        const close = s[i] === '{' ? s.indexOf('}', i) : -1;
        if (close <= i + 1) throw new EscapeError('malformed \\N character escape');
        // No Unicode name database in JS; known gap.
        throw new EscapeError('\\N{...} escapes are not supported');
      }
      default:
        if (c >= '0' && c <= '7') {
          let v = c.charCodeAt(0) - 48;
          for (let k = 0; k < 2 && s[i] >= '0' && s[i] <= '7'; k++, i++) v = v * 8 + s.charCodeAt(i) - 48;
          out += String.fromCharCode(v);
        } else {
          out += '\\' + c; // unknown escapes keep their backslash
        }
    }
  }
}

/** Value of a Unicode decimal digit: Nd digits come in runs of ten starting at zero. */
function decimalValue(ch: string): number {
  const cp = ch.codePointAt(0) as number;
  let start = cp;
  while (decimalRe().test(String.fromCodePoint(start - 1))) start--;
  return (cp - start) % 10;
}

/** `int(text.replace('_', ''), 0)`; a bigint beyond the safe integer range. */
function integerValue(text: string): number | bigint {
  let t = text.replace(/_/g, '').replace(NON_ASCII, (d) => String(decimalValue(d)));
  if (t.length < 16 && /^\d+$/.test(t)) return Number(t);
  const p = t.slice(0, 2).toLowerCase();
  if (p === '0b' || p === '0o' || p === '0x') t = p + t.slice(2);
  const big = BigInt(t);
  return big <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(big) : big;
}

/** Python's repr() of one character, for "unexpected char" messages. */
function pyRepr(ch: string): string {
  if (ch === "'") return `"'"`;
  const cp = ch.codePointAt(0) as number;
  let body = ch;
  if (ch === '\\') body = '\\\\';
  else if (cp < 0x20 || cp === 0x7f) body = `\\x${hex(cp, 2)}`;
  else if (cp > 0x7f && nonPrintableRe().test(ch)) {
    body = cp < 0x100 ? `\\x${hex(cp, 2)}` : cp < 0x10000 ? `\\u${hex(cp, 4)}` : `\\U${hex(cp, 8)}`;
  }
  return `'${body}'`;
}

/** Operator token types by character code, for the fast path (see OPERATORS). */
const OP1: (OperatorType | undefined)[] = [];
for (const [text, type] of Object.entries(OPERATORS)) if (text.length === 1) OP1[text.charCodeAt(0)] = type;

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** ASCII characters that may continue a name (`[\p{L}\p{N}_\p{XID_Continue}]` below U+0080). */
const ASCII_NAME = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  ASCII_NAME[c] = (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 ? 1 : 0;
}
function isAsciiNameChar(c: number): boolean {
  return c < 128 && ASCII_NAME[c] === 1;
}

/**
 * Split a template into tokens exactly like Jinja2's `Environment._tokenize` (the stream after
 * `Lexer.wrap`), followed by one `eof` token. Throws TemplateSyntaxError with Jinja2's messages.
 * `fast = false` scans everything with moo (for tests of the fast path).
 * @example tokenize('{{ x }}').map((t) => t.type) // ['variable_begin', 'name', 'variable_end', 'eof']
 */
export function tokenize(source: string, options: Partial<LexerOptions> = {}, name?: string, fast = true): Token[] {
  const o = resolveOptions(options);
  const compiled = getLexer(o);
  const lexer = compiled.moo;
  const seek = lexer as unknown as Seekable;
  fast = fast && compiled.seekable;

  // Jinja2 first turns \r\n, \r and \n into \n and drops one trailing newline. `crlf` holds the
  // normalised offsets of newlines that were two characters, to map offsets back to `source`.
  const crlf: number[] = [];
  let src = source;
  if (src.includes('\r')) {
    src = src.replace(/\r\n?|\n/g, (m: string, off: number) => {
      if (m.length === 2) crlf.push(off - crlf.length);
      return '\n';
    });
  }
  if (!o.keepTrailingNewline && src.endsWith('\n')) src = src.slice(0, -1);
  const lineStarts = [0];
  for (let i = src.indexOf('\n'); i !== -1; i = src.indexOf('\n', i + 1)) lineStarts.push(i + 1);

  const bisect = (arr: number[], x: number) => { // number of entries <= x
    let lo = 0, hi = arr.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (arr[mid] <= x) lo = mid + 1; else hi = mid;
    }
    return lo;
  };
  const posOf = (off: number): Pos => {
    const line = bisect(lineStarts, off);
    return { line, col: off - lineStarts[line - 1] + 1, offset: off + (crlf.length ? bisect(crlf, off - 1) : 0) };
  };
  const out: Token[] = [];
  // Tokens come in (almost always) increasing offsets: track the line instead of bisecting.
  let lineIdx = 0; // lineStarts[lineIdx] <= last offset
  const emit = (type: TokenType, value: Token['value'], off: number) => {
    if (off < lineStarts[lineIdx]) lineIdx = bisect(lineStarts, off) - 1;
    while (lineIdx + 1 < lineStarts.length && lineStarts[lineIdx + 1] <= off) lineIdx++;
    const offset = crlf.length ? off + bisect(crlf, off - 1) : off;
    out.push({ type, value, line: lineIdx + 1, col: off - lineStarts[lineIdx] + 1, offset });
  };
  const fail = (message: string, off: number): never => {
    throw new TemplateSyntaxError(message, posOf(off), name, source);
  };
  const nl = o.newlineSequence;
  const normalize = (text: string) => (nl === '\n' ? text : text.replace(/\n/g, nl));
  const emitData = (text: string, off: number) => {
    if (text) emit('data', normalize(text), off);
  };
  const emitString = (text: string, off: number) => {
    let value = '';
    try {
      value = unescapeString(normalize(text.slice(1, -1)));
    } catch (e) {
      if (!(e instanceof EscapeError)) throw e;
      fail(e.message, off);
    }
    emit('string', value, off);
  };
  const emitOperator = (text: string, off: number) => {
    if (text === '{') balance.push('}');
    else if (text === '(') balance.push(')');
    else if (text === '[') balance.push(']');
    else if (text === '}' || text === ')' || text === ']') {
      const expected = balance.pop();
      if (expected === undefined) fail(`unexpected '${text}'`, off);
      if (expected !== text) fail(`unexpected '${text}', expected '${expected}'`, off);
    }
    emit(OPERATORS[text], text, off);
  };

  // Jinja2's OptionalLStrip: `-` strips all whitespace before a tag; lstrip_blocks (unless `+`
  // or a variable tag) strips spaces between the line start and the tag.
  const strip = (text: string, sign: string, variable: boolean, lineStarting: boolean): string => {
    if (sign === '-') {
      let end = text.length;
      while (end > 0 && isWs(text.charCodeAt(end - 1))) end--;
      return text.slice(0, end);
    }
    if (sign !== '+' && o.lstripBlocks && !variable) {
      const l = text.lastIndexOf('\n') + 1;
      if ((l > 0 || lineStarting) && l < text.length) {
        let i = l;
        while (i < text.length && isWs(text.charCodeAt(i))) i++;
        if (i === text.length) return text.slice(0, l);
      }
    }
    return text;
  };
  const rawSign = (text: string) => {
    const c = text[o.blockStart.length];
    return c === '-' || c === '+' ? c : '';
  };
  const signOf = (type: string, text: string): string => {
    if (type === 'raw_begin') return rawSign(text);
    const last = text[text.length - 1];
    if (last !== '-' && last !== '+') return '';
    switch (type) {
      case 'block_begin': return text.length > o.blockStart.length ? last : '';
      case 'variable_begin': return text.length > o.variableStart.length ? last : '';
      case 'comment_begin': return text.length > o.commentStart.length ? last : '';
      case 'linestatement_begin': return text.slice(0, -1).endsWith(o.lineStatementPrefix as string) ? last : '';
      default: return text.slice(0, -1).endsWith(o.lineCommentPrefix as string) ? last : '';
    }
  };
  const rootState = (at: number): string => {
    if (o.lineStatementPrefix === null && o.lineCommentPrefix === null) return 'root';
    const c = at === 0 ? 10 : src.charCodeAt(at - 1);
    return c === 10 ? 'root_bol' : isWs(c) ? 'root_ws' : 'root_nonws';
  };

  // Root fast path: the next position where a tag could start. `next[k]` caches the next
  // occurrence of `starts[k]` so each character is searched for once (linear in total).
  const starts = fast ? compiled.starts : null;
  const next = starts ? starts.map(() => -1) : []; // -2: no more occurrences
  const nextStart = (from: number): number => {
    let best = -1;
    for (let k = 0; k < next.length; k++) {
      let p = next[k];
      if (p !== -2 && p < from) {
        p = src.indexOf(starts![k], from);
        next[k] = p = p === -1 ? -2 : p;
      }
      if (p !== -2 && (best === -1 || p < best)) best = p;
    }
    return best;
  };

  let mode: Mode = 'root';
  let at = 0; // current position in src
  let dataStart = 0; // where the pending root text starts
  let bodyStart = 0; // where a comment / raw body starts
  let lineStarting = true; // did Jinja2's previous match end with a newline?
  const balance: string[] = [];
  const toRoot = (endText: string) => {
    mode = 'root';
    dataStart = at;
    lineStarting = endText.endsWith('\n');
  };
  const variableEnd = o.variableEnd, blockEnd = o.blockEnd, blockStart = o.blockStart;
  const rootStarts = compiled.rootStarts;
  /** Could raw_begin match with `raw` here, after a sign and whitespace? */
  const rawFollows = (i: number): boolean => {
    const c = src.charCodeAt(i);
    if (c === 45 || c === 43) i++;
    while (isWs(src.charCodeAt(i))) i++;
    return src.startsWith('raw', i);
  };
  lexer.reset(src, { line: 1, col: 1, state: rootState(0) });

  for (;;) {
    let from = at; // where moo goes on
    let type = '', text = ''; // a root token found without moo
    if (mode === 'root') {
      if (starts) {
        from = nextStart(at);
        if (from === -1) {
          at = src.length;
          break;
        }
        // moo's root alternatives: raw_begin (left to moo), the starts in order, then one char
        if (!(src.startsWith(blockStart, from) && rawFollows(from + blockStart.length))) {
          for (let k = 0; k < rootStarts.length; k++) {
            const delim = rootStarts[k][1];
            if (src.startsWith(delim, from)) {
              const c = src.charCodeAt(from + delim.length);
              type = rootStarts[k][0];
              text = c === 45 || c === 43 ? src.slice(from, from + delim.length + 1) : delim;
              break;
            }
          }
          if (type === '') {
            const c = src.charCodeAt(from);
            at = from + ((c & 0xfc00) === 0xd800 && (src.charCodeAt(from + 1) & 0xfc00) === 0xdc00 ? 2 : 1);
            continue;
          }
        }
      }
      if (type === '') lexer.setState(rootState(at));
    } else if (mode === 'variable' || mode === 'block' || mode === 'linestatement') {
      if (fast && mode !== 'linestatement') {
        // Fast path inside a tag; `break` from this block hands the position to moo.
        const c = src.charCodeAt(at);
        scan: if (c < 128) {
          const end = balance.length ? null : mode === 'variable' ? variableEnd : blockEnd;
          if (end !== null) {
            if (c === 45 || c === 43) { // `-end` / `+end`: moo
              if (src.startsWith(end, at + 1) || src.startsWith(end, at)) break scan;
            } else if (c === end.charCodeAt(0)) { // the end rule's `-`/`+` alternatives cannot match
              if (!src.startsWith(end, at)) break scan;
              // `end` plus, for blocks with trim_blocks, one newline
              const len = end.length + (mode === 'block' && o.trimBlocks && src.charCodeAt(at + end.length) === 10 ? 1 : 0);
              const text = src.slice(at, at + len);
              emit(mode === 'variable' ? 'variable_end' : 'block_end', text, at);
              at += len;
              toRoot(text);
              continue;
            }
          }
          if (isWs(c)) {
            let i = at + 1;
            while (i < src.length && isWs(src.charCodeAt(i))) i++;
            at = i;
            continue;
          }
          if (c >= 48 && c <= 57) { // integer: only plain decimal digits, then no float/int syntax
            let i = at + 1;
            if (c !== 48) while (isDigit(src.charCodeAt(i))) i++;
            const d = src.charCodeAt(i);
            if (d >= 128 || d === 46 || d === 95 || d === 101 || d === 69 || isDigit(d)) break scan;
            if (c === 48 && (d === 120 || d === 88 || d === 98 || d === 66 || d === 111 || d === 79)) break scan;
            const text = src.slice(at, i);
            emit('integer', text.length < 16 ? Number(text) : integerValue(text), at);
            at = i;
            continue;
          }
          if (isAsciiNameChar(c)) { // a name (digits are handled above)
            let i = at + 1;
            while (i < src.length && isAsciiNameChar(src.charCodeAt(i))) i++;
            if (src.charCodeAt(i) >= 128) break scan;
            emit('name', src.slice(at, i), at);
            at = i;
            continue;
          }
          if (c === 39 || c === 34) { // a string: quote, then escaped or other characters
            let i = at + 1;
            for (;;) {
              if (i >= src.length) break scan;
              const d = src.charCodeAt(i);
              if (d === c) break;
              i += d === 92 ? 2 : 1;
            }
            emitString(src.slice(at, i + 1), at);
            at = i + 1;
            continue;
          }
          const type = OP1[c];
          const d = src.charCodeAt(at + 1);
          let len = 1;
          if (c === 33) { // `!=`, or moo's bad character
            if (d !== 61) break scan;
            len = 2;
          } else if (type === undefined) {
            break scan;
          } else if ((d === 61 && (c === 61 || c === 62 || c === 60)) || (d === c && (c === 47 || c === 42))) {
            len = 2; // == >= <= // **
          }
          emitOperator(len === 1 ? src[at] : src.slice(at, at + 2), at);
          at += len;
          continue;
        }
      }
      lexer.setState(mode + (balance.length ? '_n' : '') + (src.charCodeAt(at - 1) === 46 ? '_d' : ''));
    } else if (mode === 'linecomment' && (at >= src.length || src.charCodeAt(at) === 10)) {
      toRoot(''); // `(.*?)()(?=\n|$)` matched the empty string
      continue;
    } else {
      lexer.setState(mode);
    }
    let off = from;
    if (type === '') {
      if (fast) seek.index = from;
      const t = lexer.next();
      if (!t) break;
      off = t.offset;
      text = t.text;
      type = t.type as string;
    }
    at = off + text.length;

    if (mode === 'root') {
      if (type === 'text' || type === 'char') continue;
      const sign = signOf(type, text);
      emitData(strip(src.slice(dataStart, off), sign, type === 'variable_begin', lineStarting), dataStart);
      if (type === 'variable_begin' || type === 'block_begin') {
        emit(type, text, off);
        mode = type === 'block_begin' ? 'block' : 'variable';
      } else if (type === 'linestatement_begin') {
        emit('block_begin', text, off);
        mode = 'linestatement';
      } else if (type === 'linecomment_begin') {
        mode = 'linecomment';
      } else {
        mode = type === 'raw_begin' ? 'raw' : 'comment';
        bodyStart = at;
        lineStarting = text.endsWith('\n');
      }
      continue;
    }
    if (mode === 'comment' || mode === 'raw' || mode === 'linecomment') {
      if (mode === 'linecomment') toRoot('');
      else if (type === 'end') {
        if (mode === 'raw') {
          emitData(strip(src.slice(bodyStart, off), rawSign(text), false, lineStarting), bodyStart);
        }
        toRoot(text);
      }
      continue;
    }
    // Inside a variable, block or line statement.
    switch (type) {
      case 'end':
        emit(mode === 'variable' ? 'variable_end' : 'block_end', text, off);
        toRoot(text);
        break;
      case 'ws':
        break;
      case 'float': {
        const v = text.replace(/_/g, '');
        const bad = /[^\x00-\x7f]/u.exec(v);
        if (bad) { // literal_eval rejects non-ASCII digits with a Python SyntaxError
          const prev = bad.index > 0 ? v[bad.index - 1] : '';
          const cp = (bad[0].codePointAt(0) as number).toString(16).toUpperCase().padStart(4, '0');
          fail(/[eE+-]/.test(prev) ? 'invalid decimal literal (<unknown>, line 1)'
            : `invalid character '${bad[0]}' (U+${cp}) (<unknown>, line 1)`, off);
        }
        emit('float', Number(v), off);
        break;
      }
      case 'integer':
        emit('integer', integerValue(text), off);
        break;
      case 'name':
        if (!identifierRe().test(text)) fail('Invalid character in identifier', off);
        emit('name', text, off);
        break;
      case 'string':
        emitString(text, off);
        break;
      case 'operator':
        emitOperator(text, off);
        break;
      default: { // 'bad': Jinja2 reports the position in code points of the normalised source
        let cp = 0;
        for (let i = 0; i < off; i++) {
          const c = src.charCodeAt(i);
          if (!(c >= 0xdc00 && c <= 0xdfff && i > 0 && (src.charCodeAt(i - 1) & 0xfc00) === 0xd800)) cp++;
        }
        fail(`unexpected char ${pyRepr(text)} at ${cp}`, off);
      }
    }
  }

  // End of input: what Jinja2 does when no rule matches at the end.
  if (mode === 'root') emitData(src.slice(dataStart), dataStart);
  else if (mode === 'linestatement' && !balance.length) emit('block_end', '', src.length);
  else if ((mode === 'comment' || mode === 'raw') && bodyStart < src.length) {
    fail(mode === 'comment' ? 'Missing end of comment tag' : 'Missing end of raw directive', bodyStart);
  }
  // Jinja2's eof keeps the last token's lineno; place it at the end of that line.
  const lastLine = out.length ? out[out.length - 1].line : 1;
  emit('eof', '', lastLine < lineStarts.length ? lineStarts[lastLine] - 1 : src.length);
  return out;
}
