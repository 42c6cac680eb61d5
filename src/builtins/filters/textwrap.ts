/**
 * A port of Python 3.11's `textwrap.TextWrapper.wrap` for the options Jinja2's `wordwrap` uses
 * (expand_tabs=False, replace_whitespace=False, drop_whitespace=True, no indents, no max_lines).
 */

import { pyErr } from '../../errors.js';
import { cpLen } from '../../runtime/format-spec.js';
import { lazy } from '../../runtime/lazy.js';
import { PY_SPACE } from './util.js';

// Python's regex classes in Unicode mode (JS's \w and \d are ASCII-only)
const W = '[\\p{L}\\p{N}_]';
const LT = '[\\p{L}\\p{Nl}\\p{No}_]'; // [^\d\W]
const WP = '[\\p{L}\\p{N}_!"\'&.,?]';
const WS = '[\\t\\n\\x0b\\x0c\\r ]';
const NWS = '[^\\t\\n\\x0b\\x0c\\r ]';

// built on first wordwrap (Unicode property classes cost at creation, see runtime/lazy.ts)
const wordsepRe = lazy(() => new RegExp(
  `(${WS}+` +
    `|(?<=${WP})-{2,}(?=${W})` +
    `|${NWS}+?(?:-(?:(?<=${LT}{2}-)|(?<=${LT}-${LT}-))(?=${LT}-?${LT})|(?=${WS}|$)|(?<=${WP})(?=-{2,}${W})))`,
  'u',
));
const wordsepSimpleRe = lazy(() => new RegExp(`(${WS}+)`, 'u'));
const ALL_SPACE = new RegExp(`^[${PY_SPACE}]*$`);

export interface WrapOptions {
  width: number;
  breakLongWords: boolean;
  /** Python compares `break_on_hyphens is True` to pick the splitter, but tests truthiness elsewhere. */
  breakOnHyphensIsTrue: boolean;
  breakOnHyphens: boolean;
  /** Python's repr of the width, for the error message. */
  widthRepr: string;
}

/**
 * The chunk stack with each chunk's length in code points, kept alongside so that breaking a
 * long word costs O(width) per line: recomputing lengths or splitting whole chunks into code
 * points every line made `('a' * 100000)|wordwrap(5)` quadratic.
 */
interface Chunks {
  text: string[];
  len: number[];
  /** Whether the chunk has no surrogate pairs (UTF-16 index == code point index). */
  bmp: boolean[];
}

function push(c: Chunks, s: string): void {
  const n = cpLen(s);
  c.text.push(s);
  c.len.push(n);
  c.bmp.push(n === s.length);
}

function pop(c: Chunks): string {
  c.len.pop();
  c.bmp.pop();
  return c.text.pop()!;
}

/** Code points `[a, b)` of `s`, walking at most `b` code points. */
function cpPrefixEnd(s: string, b: number): number {
  let i = 0;
  for (let k = 0; k < b && i < s.length; k++) {
    const c = s.charCodeAt(i);
    i += c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00 ? 2 : 1;
  }
  return i;
}

function handleLongWord(chunks: Chunks, curLine: string[], curLen: number, width: number, o: WrapOptions): void {
  const spaceLeft = width < 1 ? 1 : width - curLen;
  if (o.breakLongWords) {
    let end = spaceLeft;
    const top = chunks.text.length - 1;
    const chunk = chunks.text[top]!;
    const len = chunks.len[top]!;
    // only the first spaceLeft code points matter: look at those, not the whole chunk
    const head = chunks.bmp[top] ? chunk.slice(0, spaceLeft) : chunk.slice(0, cpPrefixEnd(chunk, spaceLeft));
    if (o.breakOnHyphens && len > spaceLeft) {
      const cps = Array.from(head);
      let hyphen = -1;
      for (let i = Math.min(spaceLeft, cps.length) - 1; i >= 0; i--) {
        if (cps[i] === '-') {
          hyphen = i;
          break;
        }
      }
      if (hyphen > 0 && cps.slice(0, hyphen).some((c) => c !== '-')) end = hyphen + 1;
    }
    const cut = Math.min(end, len);
    const at = chunks.bmp[top] ? cut : cpPrefixEnd(chunk, cut);
    curLine.push(chunk.slice(0, at));
    chunks.text[top] = chunk.slice(at);
    chunks.len[top] = len - cut;
  } else if (curLine.length === 0) {
    curLine.push(pop(chunks));
  }
}

/** `textwrap.wrap(text, width, ...)` with Jinja2's fixed options. */
export function textwrap(text: string, o: WrapOptions): string[] {
  const re = o.breakOnHyphensIsTrue ? wordsepRe() : wordsepSimpleRe();
  const parts = text.split(re).filter((c) => c !== undefined && c !== '');
  const lines: string[] = [];
  const width = o.width;
  if (width <= 0) throw pyErr('ValueError', `invalid width ${o.widthRepr} (must be > 0)`);
  const chunks: Chunks = { text: [], len: [], bmp: [] };
  for (let i = parts.length - 1; i >= 0; i--) push(chunks, parts[i]!);
  const topLen = (): number => chunks.len[chunks.len.length - 1]!;
  while (chunks.text.length > 0) {
    const curLine: string[] = [];
    let curLen = 0;
    if (lines.length > 0 && ALL_SPACE.test(chunks.text[chunks.text.length - 1]!)) pop(chunks);
    while (chunks.text.length > 0) {
      const l = topLen();
      if (curLen + l <= width) {
        curLine.push(pop(chunks));
        curLen += l;
      } else {
        break;
      }
    }
    if (chunks.text.length > 0 && topLen() > width) {
      handleLongWord(chunks, curLine, curLen, width, o);
      curLen = 0;
      for (const c of curLine) curLen += cpLen(c);
    }
    if (curLine.length > 0 && ALL_SPACE.test(curLine[curLine.length - 1]!)) {
      curLen -= cpLen(curLine[curLine.length - 1]!);
      curLine.pop();
    }
    if (curLine.length > 0) lines.push(curLine.join(''));
  }
  return lines;
}
