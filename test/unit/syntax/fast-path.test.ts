/**
 * The compile-speed shortcuts must not change results: the lexer's hand-written fast path against
 * moo alone, the code writer's literal fast path against JSON, and the statement-only AST walk
 * against the full walk.
 */
import { describe, expect, it, vi } from 'vitest';
import moo from 'moo';
import fc from 'fast-check';
import { tokenize } from '../../../src/syntax/lexer.js';
import { parse } from '../../../src/syntax/parser.js';
import { someNode, someStmt } from '../../../src/compiler/frame.js';
import { lit } from '../../../src/compiler/writer.js';
import type * as A from '../../../src/syntax/ast.js';
import type { LexerOptions } from '../../../src/syntax/tokens.js';
import { generateTemplate } from '../../../bench/workloads/compile/index.js';

/** Tokens, or the error's class, message and position, as one comparable string. */
function lex(src: string, o: Partial<LexerOptions>, fast: boolean): string {
  try {
    const toks = tokenize(src, o, 't.html', fast);
    return JSON.stringify(toks, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v));
  } catch (e) {
    const err = e as { name: string; message: string; lineno?: number; column?: number };
    return `${err.name}: ${err.message} @${err.lineno}:${err.column}`;
  }
}

const ATOMS = [
  '{{', '}}', '{%', '%}', '{#', '#}', '{{-', '-}}', '{%-', '-%}', '{%+', '+%}', ' ', '\n', '\r\n', '\t', '\u00a0',
  '\u2028', 'x', 'if', 'endif', 'raw', 'endraw', '{% raw %}', '{%- endraw -%}', '1', '0', '00', '0x1F', '0b1',
  '1_000', '1.5', '1e5', '.', '_', 'é', '٣', '😀', '\uD83D', "'", '"', "'a\\'b'", '"x\\ny"', "'é😀'", '\\', '(',
  ')', '[', ']', '{', '}', '+', '-', '*', '**', '/', '//', '%', '~', '=', '==', '!', '!=', '<', '<=', '>', '>=',
  '|', ',', ';', ':', '@', '#', '##', '<%', '%>', 'a1', 'e', 'E', '-#}', '+#}', '+}}', '{#-', '{#+', '--', '-#', '+-',
  '123456789012345', '1234567890123456', 'x.0.1', '\t{%-',
];

const OPTIONS: Partial<LexerOptions>[] = [
  {}, { trimBlocks: true }, { lstripBlocks: true, trimBlocks: true }, { keepTrailingNewline: true },
  { lineStatementPrefix: '#', lineCommentPrefix: '##' }, { newlineSequence: '\r\n' },
  { blockStart: '<%', blockEnd: '%>', variableStart: '<<', variableEnd: '>>', commentStart: '<#', commentEnd: '#>' },
  { blockEnd: '-%}', variableEnd: '+}}' },
  { blockStart: '-%', blockEnd: '%-', variableStart: '+{', variableEnd: '}+' },
  { blockEnd: ' %}', variableEnd: '\t}}' },
  { blockStart: '\uDE00%', blockEnd: '%\uD83D', variableStart: '😀', variableEnd: '!!' },
  { blockStart: '{{', blockEnd: '}}', variableStart: '{{{', variableEnd: '}}}', commentStart: '{', commentEnd: '}' },
  { lstripBlocks: true }, { commentEnd: '-#' }, { commentEnd: '+#', trimBlocks: true },
  { blockEnd: '--', variableEnd: '--', commentEnd: '--' }, { blockEnd: '%}\n', trimBlocks: true, lstripBlocks: true },
];

describe('lexer fast path', () => {
  it('gives the same tokens and errors as moo alone', () => {
    const source = fc.tuple(fc.constantFrom('', '{{ ', '{% ', '{{ (', '# ', '{# '), fc.array(fc.constantFrom(...ATOMS), { maxLength: 30 }))
      .map(([head, atoms]) => head + atoms.join(''));
    fc.assert(
      fc.property(fc.oneof(source, fc.string()), fc.constantFrom(...OPTIONS), (src, o) => {
        expect(lex(src, o, true)).toBe(lex(src, o, false));
      }),
      { numRuns: 3000 },
    );
  });

  it('scans an operator that starts the end delimiter (`%` in a block) like moo', () => {
    const sources = ['{% if a % 2 %}x{% endif %}', '{% set b = a %2%}', '{{ a % b }}', '<% if a % 2 %>x<% endif %>', '<% x %% %>', '{% a %}}', '{% a - %}'];
    for (const src of sources) for (const o of OPTIONS) expect(lex(src, o, true)).toBe(lex(src, o, false));
  });

  it('compiles the moo lexer only when a template needs it (it costs milliseconds in a fresh process)', () => {
    const spy = vi.spyOn(moo, 'states');
    try {
      const o = { blockStart: '{%%', blockEnd: '%%}' }; // an option set no other test has used
      tokenize('a {{ x.y|f(1, "s") }}{%% if b % 2 %%}c{%% endif %%}{# d #}', o);
      expect(spy).not.toHaveBeenCalled();
      expect(tokenize('{{ 1.5 }}', o).map((t) => t.value)).toEqual(['{{', 1.5, '}}', '']); // a float: moo
      expect(spy).toHaveBeenCalledTimes(1);
      tokenize('{{ 2.5 }}', o);
      expect(spy).toHaveBeenCalledTimes(1); // built once per option set
    } finally {
      spy.mockRestore();
    }
  });

  it('agrees with moo on the compile benchmark template under every option set', () => {
    const src = generateTemplate(60);
    for (const o of OPTIONS) expect(lex(src, o, true)).toBe(lex(src, o, false));
  });

  it('scans a plain template (all fast-path token kinds) to the exact tokens', () => {
    const toks = tokenize('a {{ x.y|f(1, "s") }}{% if b >= 2 %}c{% endif %}');
    expect(toks.map((t) => `${t.type}:${String(t.value)}@${t.col}`)).toEqual([
      'data:a @1', 'variable_begin:{{@3', 'name:x@6', 'dot:.@7', 'name:y@8', 'pipe:|@9', 'name:f@10', 'lparen:(@11',
      'integer:1@12', 'comma:,@13', 'string:s@15', 'rparen:)@18', 'variable_end:}}@20', 'block_begin:{%@22', 'name:if@25',
      'name:b@28', 'gteq:>=@30', 'integer:2@33', 'block_end:%}@35', 'data:c@37', 'block_begin:{%@38', 'name:endif@41',
      'block_end:%}@47', 'eof:@49',
    ]);
  });
});

describe('code writer literals', () => {
  const reference = (s: string) => JSON.stringify(s).replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');

  it('match JSON escaping plus the line separators', () => {
    const special = fc.constantFrom('"', '\\', '\n', '\x00', '\x1f', ' ', 'é', '😀', '\uD800', '\uDC00', '\u2028', '\u2029', 'a');
    fc.assert(
      fc.property(fc.oneof(fc.fullUnicodeString(), fc.array(special).map((a) => a.join(''))), (s) => {
        expect(lit(s)).toBe(reference(s));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('statement walk', () => {
  const STATEMENTS = new Set([
    'Output', 'If', 'For', 'Macro', 'CallBlock', 'FilterBlock', 'With', 'Block', 'Extends', 'Include', 'Import',
    'FromImport', 'ExprStmt', 'Assign', 'AssignBlock', 'ScopedEvalContextModifier', 'Break', 'Continue', 'Scope',
    'Trans', 'Debug',
  ]);
  const visited = (walk: typeof someNode, ast: A.Template) => {
    const seen: A.Node[] = [];
    walk(ast.body, (n) => {
      if (STATEMENTS.has(n.type)) seen.push(n);
      return false;
    });
    return seen;
  };

  it('visits the same statements in the same order as the full walk', () => {
    const src = [
      '{% extends "base" %}{% block a %}x{% if y %}{% block b %}{% endblock %}{% elif z %}{% block c %}{% endblock %}',
      '{% else %}{% for i in l %}{% block d %}{% endblock %}{% else %}{% block e %}{% endblock %}{% endfor %}{% endif %}',
      '{% endblock %}{% macro m(a) %}{% block f %}{% endblock %}{% endmacro %}{% call m(1) %}{% block g %}{% endblock %}',
      '{% endcall %}{% filter upper %}{% block h %}{% endblock %}{% endfilter %}{% with q = 1 %}{% block i %}{% endblock %}',
      '{% endwith %}{% set s %}{% block j %}{% endblock %}{% endset %}{% autoescape true %}{% block k %}{% endblock %}',
      '{% endautoescape %}{% set t = 1 %}{% include "x" %}{% import "x" as xx %}{% from "x" import yy %}{% print 1 %}',
    ].join('');
    const ast = parse(src);
    const full = visited(someNode, ast);
    expect(full.filter((n) => n.type === 'Block').map((n) => (n as A.Block).name)).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k']);
    expect(visited(someStmt, ast)).toEqual(full);
  });

  it('stops at the first match and reports it', () => {
    const ast = parse('{% for x in y %}{% if z %}{% extends "a" %}{% endif %}{% endfor %}');
    expect(someStmt(ast.body, (n) => n.type === 'Extends')).toBe(true);
    expect(someStmt(ast.body, (n) => n.type === 'Block')).toBe(false);
  });
});
