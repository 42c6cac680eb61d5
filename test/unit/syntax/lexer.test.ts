import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { tokenize, unescapeString } from '../../../src/syntax/lexer.js';
import { TemplateSyntaxError } from '../../../src/errors.js';
import type { LexerOptions, Token } from '../../../src/syntax/tokens.js';

type Value = string | { int: string } | { float: string };
interface Case {
  source: string;
  options: Partial<LexerOptions>;
  tokens?: [number, string, Value][];
  error?: { class: string; message: string; lineno: number | null };
}

const cases: Case[] = JSON.parse(
  readFileSync(fileURLToPath(new URL('../../../fixtures/cases/lexer.json', import.meta.url)), 'utf8'),
);

function encode(t: Token): [number, string, Value] {
  let value: Value;
  if (t.type === 'integer') value = { int: String(t.value) };
  else if (t.type === 'float') {
    const v = t.value as number;
    value = { float: v === Infinity ? 'inf' : String(v) };
  } else value = t.value as string;
  return [t.line, t.type, value];
}

/** Normalise Jinja2's float repr ("1e-05", "100000.0") to compare as numbers. */
function normalise(tokens: [number, string, Value][]): unknown[] {
  return tokens.map(([line, type, value]) => {
    if (typeof value === 'object' && 'float' in value) {
      return [line, type, { float: value.float === 'inf' ? Infinity : Number(value.float) }];
    }
    return [line, type, value];
  });
}

describe('lexer vs Jinja2 oracle', () => {
  it('has the oracle table', () => {
    expect(cases.length).toBeGreaterThanOrEqual(120);
  });

  cases.forEach((c, i) => {
    const title = `#${String(i).padStart(3, '0')} ${JSON.stringify(c.source)} ${JSON.stringify(c.options)}`;
    it(title, () => {
      if (c.tokens) {
        expect(normalise(tokenize(c.source, c.options, 'case.html').map(encode))).toEqual(normalise(c.tokens));
        return;
      }
      let err: unknown;
      try {
        tokenize(c.source, c.options, 'case.html');
      } catch (e) {
        err = e;
      }
      // Python SyntaxErrors from literal_eval surface as TemplateSyntaxError with the same text.
      expect(err).toBeInstanceOf(TemplateSyntaxError);
      const e = err as TemplateSyntaxError;
      expect(e.message).toBe(c.error!.message);
      expect(e.lineno).toBe(c.error!.lineno);
      expect(e.templateName).toBe('case.html');
      expect(e.column).toBeGreaterThanOrEqual(1);
    });
  });
});

describe('positions', () => {
  const pos = (src: string, o: Partial<LexerOptions> = {}) =>
    tokenize(src, o).map((t) => [t.type, t.line, t.col, t.offset]);

  it('gives 1-based line/col and 0-based offset of each token start', () => {
    expect(pos('ab {{ x.y }}\n  {% if z -%}  \n w')).toEqual([
      ['data', 1, 1, 0],
      ['variable_begin', 1, 4, 3],
      ['name', 1, 7, 6],
      ['dot', 1, 8, 7],
      ['name', 1, 9, 8],
      ['variable_end', 1, 11, 10],
      ['data', 1, 13, 12],
      ['block_begin', 2, 3, 15],
      ['name', 2, 6, 18],
      ['name', 2, 9, 21],
      ['block_end', 2, 11, 23],
      ['data', 3, 2, 30],
      ['eof', 3, 3, 31],
    ]);
  });

  it('maps offsets back to the original source across CRLF', () => {
    const src = 'a\r\nb\r\n{{ x }}\rc';
    const toks = tokenize(src);
    expect(toks.map((t) => [t.type, t.line, t.col, t.offset])).toEqual([
      ['data', 1, 1, 0],
      ['variable_begin', 3, 1, 6],
      ['name', 3, 4, 9],
      ['variable_end', 3, 6, 11],
      ['data', 3, 8, 13],
      ['eof', 3, 8, 13], // Jinja2's eof stays on the last token's line
    ]);
    expect(src.slice(toks[2].offset, toks[2].offset + 1)).toBe('x');
  });

  it('places line statements at the line start and eof on the last token line', () => {
    expect(pos('x\n  # if a\n', { lineStatementPrefix: '#' })).toEqual([
      ['data', 1, 1, 0],
      ['block_begin', 2, 1, 2],
      ['name', 2, 5, 6],
      ['name', 2, 8, 9],
      ['block_end', 2, 9, 10],
      ['eof', 2, 9, 10],
    ]);
    // Jinja2 keeps the eof lineno of the last token even after trailing blank lines.
    const toks = tokenize('{{ x }}\n\n\n', { keepTrailingNewline: true });
    expect(toks[toks.length - 1]).toMatchObject({ type: 'eof', line: 1, col: 8, offset: 7 });
  });

  it('locates errors at the offending character', () => {
    let err: TemplateSyntaxError | undefined;
    try {
      tokenize('ab\r\n  {{ a @ }}', {}, 'x.html');
    } catch (e) {
      err = e as TemplateSyntaxError;
    }
    // Jinja2 counts in the newline-normalised source.
    expect(err?.message).toBe("unexpected char '@' at 10");
    expect([err?.lineno, err?.column, err?.templateName]).toEqual([2, 8, 'x.html']);
  });
});

describe('values', () => {
  it('returns bigint beyond the safe integer range', () => {
    const ints = tokenize('{{ 9007199254740991 }}{{ 9007199254740992 }}{{ 0x_FFFF_FFFF_FFFF_FFFF }}')
      .filter((t) => t.type === 'integer')
      .map((t) => t.value);
    expect(ints).toEqual([9007199254740991, 9007199254740992n, 0xffffffffffffffffn]);
  });

  it('unescapes like Python unicode-escape', () => {
    expect(unescapeString('\\x41\\101\\n\\z')).toBe('AA\n\\z');
    expect(() => unescapeString('\\N{BULLET}')).toThrow();
  });

  it('caches the compiled lexer per option set', () => {
    const a = tokenize('<% x %>', { blockStart: '<%', blockEnd: '%>' });
    const b = tokenize('<% x %>', { blockStart: '<%', blockEnd: '%>' });
    expect(b).toEqual(a);
    expect(tokenize('<% x %>').map((t) => t.type)).toEqual(['data', 'eof']);
  });
});

describe('robustness', () => {
  const lineCount = (s: string) => s.split(/\r\n|\r|\n/).length;

  it('never throws anything but TemplateSyntaxError, with a line inside the source', () => {
    const chars = fc.constantFrom(
      '{', '}', '%', '#', '-', '+', '(', ')', '[', ']', "'", '"', '\\', '\n', '\r', ' ', '\t',
      'a', '1', '.', '_', 'e', 'x', '@', 'é', '😀', '<', '>', '=', 'raw', 'endraw', '##',
    );
    const options = fc.record({
      trimBlocks: fc.boolean(),
      lstripBlocks: fc.boolean(),
      keepTrailingNewline: fc.boolean(),
      lineStatementPrefix: fc.constantFrom(null, '#', '%'),
      lineCommentPrefix: fc.constantFrom(null, '##', '//'),
    });
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.array(chars).map((a) => a.join(''))), options, (src, o) => {
        try {
          const toks = tokenize(src, o);
          expect(toks[toks.length - 1].type).toBe('eof');
          for (const t of toks) expect(t.line).toBeLessThanOrEqual(lineCount(src));
        } catch (e) {
          expect(e).toBeInstanceOf(TemplateSyntaxError);
          const line = (e as TemplateSyntaxError).lineno!;
          expect(line).toBeGreaterThanOrEqual(1);
          expect(line).toBeLessThanOrEqual(lineCount(src));
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('handles 1 MB adversarial inputs', () => {
    const MB = 1 << 20;
    const inputs: [string, Partial<LexerOptions>][] = [
      ['{'.repeat(MB), {}],
      ['{ '.repeat(MB / 2), {}],
      ['-'.repeat(MB), {}],
      ['{{ ' + '-'.repeat(MB) + ' }}', {}],
      ['{# ' + '-'.repeat(MB), {}],
      ['{# ' + '+-#'.repeat(MB / 3), {}],
      ['{% raw %}' + '{%'.repeat(MB / 2), {}],
      [' '.repeat(MB) + '{%- x %}', { lstripBlocks: true }],
      ['\n'.repeat(MB) + '{% x %}', { trimBlocks: true, lstripBlocks: true }],
      ['{{ ' + "'\\".repeat(MB / 2), {}],
      ['{{ ' + '1_'.repeat(MB / 2), {}],
      ['{{ ' + '1'.repeat(MB) + 'x }}', {}],
      ['{%' + ' '.repeat(MB) + 'raw', {}],
      ['a' + ' \t'.repeat(MB / 2) + '#', { lineStatementPrefix: '#', lineCommentPrefix: '##' }],
      ['# x' + ' \n'.repeat(MB / 2), { lineStatementPrefix: '#' }],
      ['# x (' + ' \n'.repeat(MB / 2), { lineStatementPrefix: '#' }],
      [' #'.repeat(MB / 2), { lineStatementPrefix: '#', lineCommentPrefix: '##' }],
      ['{{ ' + '('.repeat(MB / 2) + ')'.repeat(MB / 2) + ' }}', {}],
    ];
    for (const [src, o] of inputs) {
      try {
        tokenize(src, o);
      } catch (e) {
        expect(e).toBeInstanceOf(TemplateSyntaxError);
      }
    }
    // ~1 s on a quiet machine; the limit only has to catch super-linear scanning (hours at 1 MB)
    // without failing on a loaded shared machine.
  }, 60_000);
});
