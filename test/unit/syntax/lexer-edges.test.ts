/**
 * Exact tokens (value, line, column, offset) or errors for the lexer's hand-written fast paths
 * at their edges: whitespace control signs on every tag kind, CRLF, tabs before `{%-`, comment
 * ends found with indexOf, delimiters and unterminated tags at the end of input. Expectations
 * were recorded from the moo-only lexer; the fast path must reproduce them exactly.
 */
import { describe, expect, it } from 'vitest';
import { TemplateSyntaxError } from '../../../src/errors.js';
import { tokenize, tokenStream } from '../../../src/syntax/lexer.js';
import type { LexerOptions, Token } from '../../../src/syntax/tokens.js';

function show(src: string, o: Partial<LexerOptions>, fast: boolean): string {
  try {
    return tokenize(src, o, 't.html', fast).map((t) => `${t.type}:${JSON.stringify(t.value)}@${t.line}:${t.col}:${t.offset}`).join(' ');
  } catch (e) {
    const err = e as { name: string; message: string; lineno?: number; column?: number };
    return `${err.name}: ${err.message} @${err.lineno}:${err.column}`;
  }
}

const CASES: [string, Partial<LexerOptions>, string][] = [
  ["a \t{%- if x -%}\r\n  b  {{- y -}}\n c{%+ endif +%}\n  {# c -#}  \n d {#- e +#}f\r\n", {"trimBlocks": true, "lstripBlocks": true},
    "data:\"a\"@1:1:0 block_begin:\"{%-\"@1:4:3 name:\"if\"@1:8:7 name:\"x\"@1:11:10 block_end:\"-%}\\n  \"@1:13:12 data:\"b\"@2:3:19 variable_begin:\"{{-\"@2:6:22 name:\"y\"@2:10:26 variable_end:\"-}}\\n \"@2:12:28 data:\"c\"@3:2:33 block_begin:\"{%+\"@3:3:34 name:\"endif\"@3:7:38 block_end:\"+%}\"@3:13:44 data:\"\\n\"@3:16:47 data:\"d\"@5:2:62 data:\"f\"@5:13:73 eof:\"\"@5:14:74"],
  ["  {% if a %}\n  x\n\t{%- endif %}\n  {{ y }}\n  {#- z #}\n", {"trimBlocks": true, "lstripBlocks": true},
    "block_begin:\"{%\"@1:3:2 name:\"if\"@1:6:5 name:\"a\"@1:9:8 block_end:\"%}\\n\"@1:11:10 data:\"  x\"@2:1:13 block_begin:\"{%-\"@3:2:18 name:\"endif\"@3:6:22 block_end:\"%}\\n\"@3:12:28 data:\"  \"@4:1:31 variable_begin:\"{{\"@4:3:33 name:\"y\"@4:6:36 variable_end:\"}}\"@4:8:38 eof:\"\"@4:10:40"],
  ["  {% raw %}\n  x\n  {% endraw %}\n  y", {"trimBlocks": true, "lstripBlocks": true},
    "data:\"\\n  x\\n\"@1:12:11 data:\"  y\"@4:1:31 eof:\"\"@4:4:34"],
  ["x {{", {},
    "data:\"x \"@1:1:0 variable_begin:\"{{\"@1:3:2 eof:\"\"@1:5:4"],
  ["x {%-", {},
    "data:\"x\"@1:1:0 block_begin:\"{%-\"@1:3:2 eof:\"\"@1:6:5"],
  ["x {#", {},
    "data:\"x \"@1:1:0 eof:\"\"@1:5:4"],
  ["{{ x }", {},
    "TemplateSyntaxError: unexpected '}' @1:6"],
  ["{{ x +}}", {},
    "variable_begin:\"{{\"@1:1:0 name:\"x\"@1:4:3 add:\"+\"@1:6:5 variable_end:\"}}\"@1:7:6 eof:\"\"@1:9:8"],
  ["{{ x + }}", {},
    "variable_begin:\"{{\"@1:1:0 name:\"x\"@1:4:3 add:\"+\"@1:6:5 variable_end:\"}}\"@1:8:7 eof:\"\"@1:10:9"],
  ["{% x -%} {% y+%}", {},
    "block_begin:\"{%\"@1:1:0 name:\"x\"@1:4:3 block_end:\"-%} \"@1:6:5 block_begin:\"{%\"@1:10:9 name:\"y\"@1:13:12 block_end:\"+%}\"@1:14:13 eof:\"\"@1:17:16"],
  ["{{ x -}}", {},
    "variable_begin:\"{{\"@1:1:0 name:\"x\"@1:4:3 variable_end:\"-}}\"@1:6:5 eof:\"\"@1:9:8"],
  ["{% if a %}\n", {"trimBlocks": true},
    "block_begin:\"{%\"@1:1:0 name:\"if\"@1:4:3 name:\"a\"@1:7:6 block_end:\"%}\"@1:9:8 eof:\"\"@1:11:10"],
  ["{% if a +%}\nb", {"trimBlocks": true},
    "block_begin:\"{%\"@1:1:0 name:\"if\"@1:4:3 name:\"a\"@1:7:6 block_end:\"+%}\"@1:9:8 data:\"\\nb\"@1:12:11 eof:\"\"@1:12:11"],
  ["a\n{# x -#", {},
    "TemplateSyntaxError: Missing end of comment tag @2:3"],
  ["a\r\nb {# x", {},
    "TemplateSyntaxError: Missing end of comment tag @2:5"],
  ["{% raw %}x", {},
    "TemplateSyntaxError: Missing end of raw directive @1:10"],
  ["{{ \"abc", {},
    "TemplateSyntaxError: unexpected char '\"' at 3 @1:4"],
  ["{{ 'a\\'b' }}", {},
    "variable_begin:\"{{\"@1:1:0 string:\"a'b\"@1:4:3 variable_end:\"}}\"@1:11:10 eof:\"\"@1:13:12"],
  ["{{ x }}}", {},
    "variable_begin:\"{{\"@1:1:0 name:\"x\"@1:4:3 variable_end:\"}}\"@1:6:5 data:\"}\"@1:8:7 eof:\"\"@1:9:8"],
  ["{{ (x }}", {},
    "TemplateSyntaxError: unexpected '}', expected ')' @1:7"],
  ["{{ 123456789012345 }}{{ 1234567890123456 }}{{ 00 }}{{ 1.5 }}{{ x.0.1 }}", {},
    "variable_begin:\"{{\"@1:1:0 integer:123456789012345@1:4:3 variable_end:\"}}\"@1:20:19 variable_begin:\"{{\"@1:22:21 integer:1234567890123456@1:25:24 variable_end:\"}}\"@1:42:41 variable_begin:\"{{\"@1:44:43 integer:0@1:47:46 variable_end:\"}}\"@1:50:49 variable_begin:\"{{\"@1:52:51 float:1.5@1:55:54 variable_end:\"}}\"@1:59:58 variable_begin:\"{{\"@1:61:60 name:\"x\"@1:64:63 dot:\".\"@1:65:64 integer:0@1:66:65 dot:\".\"@1:67:66 integer:1@1:68:67 variable_end:\"}}\"@1:70:69 eof:\"\"@1:72:71"],
  ["{{ a == b != c >= d <= e // f ** g }}", {},
    "variable_begin:\"{{\"@1:1:0 name:\"a\"@1:4:3 eq:\"==\"@1:6:5 name:\"b\"@1:9:8 ne:\"!=\"@1:11:10 name:\"c\"@1:14:13 gteq:\">=\"@1:16:15 name:\"d\"@1:19:18 lteq:\"<=\"@1:21:20 name:\"e\"@1:24:23 floordiv:\"//\"@1:26:25 name:\"f\"@1:29:28 pow:\"**\"@1:31:30 name:\"g\"@1:34:33 variable_end:\"}}\"@1:36:35 eof:\"\"@1:38:37"],
  ["{% set x = [1, (2), {\"k\": 3}] %}", {},
    "block_begin:\"{%\"@1:1:0 name:\"set\"@1:4:3 name:\"x\"@1:8:7 assign:\"=\"@1:10:9 lbracket:\"[\"@1:12:11 integer:1@1:13:12 comma:\",\"@1:14:13 lparen:\"(\"@1:16:15 integer:2@1:17:16 rparen:\")\"@1:18:17 comma:\",\"@1:19:18 lbrace:\"{\"@1:21:20 string:\"k\"@1:22:21 colon:\":\"@1:25:24 integer:3@1:27:26 rbrace:\"}\"@1:28:27 rbracket:\"]\"@1:29:28 block_end:\"%}\"@1:31:30 eof:\"\"@1:33:32"],
  ["{# a --#} b {# c +-#} d", {"commentEnd": "-#}"},
    "data:\"b \"@1:11:10 data:\" d\"@1:22:21 eof:\"\"@1:24:23"],
  ["x {#- a #}\n y {# b #}\n", {"trimBlocks": true},
    "data:\"x\"@1:1:0 data:\" y \"@2:1:11 eof:\"\"@2:11:21"],
  ["x<% if a -%>\n y<< b >><# c -#> d", {"blockStart": "<%", "blockEnd": "%>", "variableStart": "<<", "variableEnd": ">>", "commentStart": "<#", "commentEnd": "#>"},
    "data:\"x\"@1:1:0 block_begin:\"<%\"@1:2:1 name:\"if\"@1:5:4 name:\"a\"@1:8:7 block_end:\"-%>\\n \"@1:10:9 data:\"y\"@2:2:14 variable_begin:\"<<\"@2:3:15 name:\"b\"@2:6:18 variable_end:\">>\"@2:8:20 data:\"d\"@2:19:31 eof:\"\"@2:20:32"],
];

describe('lexer fast path edge cases', () => {
  it.each(CASES)('%j %j', (src, o, expected) => {
    expect(show(src, o, true)).toBe(expected);
    expect(show(src, o, false)).toBe(expected);
  });
});

describe('tokenStream: the parser pulls tokens in batches', () => {
  function drain(src: string, o: Partial<LexerOptions> = {}): { batches: number; tokens: string } {
    const source = tokenStream(src, o, 't.html');
    const all: Token[] = [];
    let batches = 0;
    while (all.at(-1)?.type !== 'eof') {
      all.push(...source.nextBatch());
      batches++;
    }
    return { batches, tokens: all.map((t) => `${t.type}:${JSON.stringify(t.value)}@${t.line}:${t.col}:${t.offset}`).join(' ') };
  }

  it('gives the same tokens as tokenize, across many batches', () => {
    const src = Array.from({ length: 400 }, (_, i) => `{% if x${i} -%}\r\n  {{ y | f(${i}, 'a') }}{# c #}{%- endif %}`).join('\n');
    for (const o of [{}, { trimBlocks: true, lstripBlocks: true }]) {
      const streamed = drain(src, o);
      expect(streamed.batches).toBeGreaterThan(3);
      expect(streamed.tokens).toBe(show(src, o, true));
    }
  });

  it('raises a lexer error only after handing out every token before it', () => {
    const src = '{{ x }}\n'.repeat(300) + "{{ 'abc }}";
    const source = tokenStream(src, {}, 't.html');
    const before: Token[] = [];
    let error: unknown;
    try {
      for (;;) before.push(...source.nextBatch());
    } catch (e) {
      error = e;
    }
    expect(before.length).toBe(300 * 4 + 1); // 300 x (begin, name, end, newline) + the bad tag's begin
    expect(error).toBeInstanceOf(TemplateSyntaxError);
    expect((error as TemplateSyntaxError).lineno).toBe(301);
    expect(() => source.nextBatch()).toThrow(TemplateSyntaxError); // and keeps raising it
  });
});
