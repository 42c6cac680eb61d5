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
 * - a comment body jumps with indexOf to the first end delimiter (see commentEndAt);
 * - inside a tag, the end delimiter (plain, `-` and `+`) and, where the end rule cannot match,
 *   plain ASCII tokens (whitespace runs, names, decimal integers, strings, operators) are
 *   scanned by hand; a name or number that may go on with non-ASCII or float/underscore syntax
 *   goes to moo.
 * The driver (lex-scanner.ts) keeps its position in locals inside its hot loops, and token
 * values are shared constants where possible, so most tokens allocate only their own object.
 * `tokenize(src, opts, name, false)` turns the fast path off; a property test checks both agree.
 * The driver repositions moo with its `index` field (moo 0.5 has no seek API); getLexer checks
 * that the field exists and disables the fast path otherwise.
 */
import moo from 'moo';
import { isWs, unescapeString, HWS, WS } from './lex-literals.js';
import { Scanner, type Compiled, type RootStart, type Seekable } from './lex-scanner.js';
import type { TokenSource } from './token-stream.js';
import { DEFAULT_LEXER_OPTIONS, OPERATORS, type LexerOptions, type Token } from './tokens.js';

export { OPERATORS, unescapeString };

const esc = (s: string) => s.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
const escClass = (s: string) => s.replace(/[\\\]\[^-]/g, '\\$&');
const firstChar = (s: string) => String.fromCodePoint(s.codePointAt(0) ?? 0);

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


let seekable: boolean | undefined;
/** Does this moo build have the `index` field the fast path repositions it with? */
function mooIsSeekable(): boolean {
  return (seekable ??= typeof (moo.compile({ x: /x/ }) as unknown as Partial<Seekable>).index === 'number');
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
    let m: moo.Lexer | null = null;
    const firsts = [o.blockStart, o.variableStart, o.commentStart].map(firstChar);
    // With prefixes the root state depends on the preceding text; a delimiter starting with a
    // surrogate could be found inside a pair, where moo sees one code point.
    const rootFast = o.lineStatementPrefix === null && o.lineCommentPrefix === null &&
      firsts.every((f) => (f.charCodeAt(0) & 0xf800) !== 0xd800 || f.length === 2);
    const endFirst = o.commentEnd.charCodeAt(0);
    lexer = {
      moo: () => (m ??= compileLexer(o)),
      starts: rootFast ? [...new Set(firsts)] : null,
      rootStarts: startOrder(o).map(([type, delim]) => ({
        type: type as RootStart['type'], delim, second: delim.charCodeAt(1), minus: delim + '-', plus: delim + '+',
      })),
      // moo's comment text class stops at `+`, `-` and the end's first character; one that is
      // part of a surrogate pair could be skipped inside a code point; an end starting with a
      // sign makes the signed alternatives overlap the plain one. Leave those to moo.
      commentFast: (endFirst < 0xd800 || endFirst > 0xdfff) && endFirst !== 43 && endFirst !== 45,
      seekable: mooIsSeekable(),
    };
    if (lexerCache.size >= 50) lexerCache.delete(lexerCache.keys().next().value as string);
  }
  lexerCache.set(key, lexer);
  return lexer;
}

/**
 * Split a template into tokens exactly like Jinja2's `Environment._tokenize` (the stream after
 * `Lexer.wrap`), followed by one `eof` token. Throws TemplateSyntaxError with Jinja2's messages.
 * `fast = false` scans everything with moo (for tests of the fast path).
 * @example tokenize('{{ x }}').map((t) => t.type) // ['variable_begin', 'name', 'variable_end', 'eof']
 */
export function tokenize(source: string, options: Partial<LexerOptions> = {}, name?: string, fast = true): Token[] {
  return scanner(source, options, name, fast).run();
}

/**
 * The same tokens as `tokenize`, produced lazily in batches as the parser asks for them (as
 * Jinja2's lexer is a generator): a lexer error surfaces where the parser reaches it.
 * @example new TokenStream(tokenStream('{{ x }}'), undefined, '{{ x }}').current.type // 'variable_begin'
 */
export function tokenStream(source: string, options: Partial<LexerOptions> = {}, name?: string): TokenSource {
  return scanner(source, options, name, true);
}

function scanner(source: string, options: Partial<LexerOptions>, name: string | undefined, fast: boolean): Scanner {
  const o = resolveOptions(options);
  const compiled = getLexer(o);
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

  return new Scanner(src, o, compiled, fast, lineStarts, crlf, name, source);
}
