/**
 * Character classes and literal conversion for the lexer: Python's whitespace, string escapes
 * (`unicode-escape`), integer literals with Unicode digits, and repr() for error messages.
 */

// Python's `\s` / str.isspace(): differs from JS `\s` (has \x1c-\x1f and \x85, lacks \ufeff).
export const WS = '\\t\\n\\v\\f\\r \\x1c-\\x1f\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
// Python's `[^\S\r\n]`.
export const HWS = '\\t\\v\\f \\x1c-\\x1f\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';

export function isWs(c: number): boolean {
  return (c >= 9 && c <= 13) || c === 32 || (c >= 0x1c && c <= 0x1f) || c === 0x85 || c === 0xa0 ||
    c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f ||
    c === 0x205f || c === 0x3000;
}

import { lazy } from '../runtime/lazy.js';

// Built on first use, from strings (see runtime/lazy.ts): only non-ASCII source needs them.
// str.isidentifier(); names are first matched by the wider `\w`-ish class like Jinja2's name_re.
export const identifierRe = lazy(() => new RegExp('^[\\p{XID_Start}_]\\p{XID_Continue}*$', 'u'));
// Characters Python's repr() escapes (not str.isprintable()).
const nonPrintableRe = lazy(() => new RegExp('[\\p{Cc}\\p{Cf}\\p{Cs}\\p{Co}\\p{Cn}\\p{Zl}\\p{Zp}\\p{Zs}]', 'u'));
const decimalRe = lazy(() => new RegExp('^\\p{Nd}$', 'u'));
export const NON_ASCII = /[^\x00-\x7f]/gu;

const hex = (n: number, w: number) => n.toString(16).padStart(w, '0');

export class EscapeError extends Error {}

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
export function integerValue(text: string): number | bigint {
  let t = text.replace(/_/g, '').replace(NON_ASCII, (d) => String(decimalValue(d)));
  if (t.length < 16 && /^\d+$/.test(t)) return Number(t);
  const p = t.slice(0, 2).toLowerCase();
  if (p === '0b' || p === '0o' || p === '0x') t = p + t.slice(2);
  const big = BigInt(t);
  return big <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(big) : big;
}

/** Python's repr() of one character, for "unexpected char" messages. */
export function pyRepr(ch: string): string {
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
