/**
 * A port of Python 3.11's `textwrap.TextWrapper.wrap` for the options Jinja2's `wordwrap` uses
 * (expand_tabs=False, replace_whitespace=False, drop_whitespace=True, no indents, no max_lines).
 */

import { pyErr } from '../../errors.js';
import { cpLen } from '../../runtime/format-spec.js';
import { PY_SPACE } from './util.js';

// Python's regex classes in Unicode mode (JS's \w and \d are ASCII-only)
const W = '[\\p{L}\\p{N}_]';
const LT = '[\\p{L}\\p{Nl}\\p{No}_]'; // [^\d\W]
const WP = '[\\p{L}\\p{N}_!"\'&.,?]';
const WS = '[\\t\\n\\x0b\\x0c\\r ]';
const NWS = '[^\\t\\n\\x0b\\x0c\\r ]';

const WORDSEP_RE = new RegExp(
  `(${WS}+` +
    `|(?<=${WP})-{2,}(?=${W})` +
    `|${NWS}+?(?:-(?:(?<=${LT}{2}-)|(?<=${LT}-${LT}-))(?=${LT}-?${LT})|(?=${WS}|$)|(?<=${WP})(?=-{2,}${W})))`,
  'u',
);
const WORDSEP_SIMPLE_RE = new RegExp(`(${WS}+)`, 'u');
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

function cpSlice(s: string, a: number, b?: number): string {
  if (cpLen(s) === s.length) return s.slice(a, b);
  return Array.from(s).slice(a, b).join('');
}

function handleLongWord(chunks: string[], curLine: string[], curLen: number, width: number, o: WrapOptions): void {
  const spaceLeft = width < 1 ? 1 : width - curLen;
  if (o.breakLongWords) {
    let end = spaceLeft;
    const chunk = chunks[chunks.length - 1]!;
    if (o.breakOnHyphens && cpLen(chunk) > spaceLeft) {
      const cps = Array.from(chunk);
      let hyphen = -1;
      for (let i = Math.min(spaceLeft, cps.length) - 1; i >= 0; i--) {
        if (cps[i] === '-') {
          hyphen = i;
          break;
        }
      }
      if (hyphen > 0 && cps.slice(0, hyphen).some((c) => c !== '-')) end = hyphen + 1;
    }
    curLine.push(cpSlice(chunk, 0, end));
    chunks[chunks.length - 1] = cpSlice(chunk, end);
  } else if (curLine.length === 0) {
    curLine.push(chunks.pop()!);
  }
}

/** `textwrap.wrap(text, width, ...)` with Jinja2's fixed options. */
export function textwrap(text: string, o: WrapOptions): string[] {
  const re = o.breakOnHyphensIsTrue ? WORDSEP_RE : WORDSEP_SIMPLE_RE;
  const chunks = text.split(re).filter((c) => c !== undefined && c !== '');
  const lines: string[] = [];
  const width = o.width;
  if (width <= 0) throw pyErr('ValueError', `invalid width ${o.widthRepr} (must be > 0)`);
  chunks.reverse();
  while (chunks.length > 0) {
    const curLine: string[] = [];
    let curLen = 0;
    if (lines.length > 0 && ALL_SPACE.test(chunks[chunks.length - 1]!)) chunks.pop();
    while (chunks.length > 0) {
      const l = cpLen(chunks[chunks.length - 1]!);
      if (curLen + l <= width) {
        curLine.push(chunks.pop()!);
        curLen += l;
      } else {
        break;
      }
    }
    if (chunks.length > 0 && cpLen(chunks[chunks.length - 1]!) > width) {
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
