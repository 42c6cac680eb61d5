/**
 * Property tests for the syntax layer: whatever the input, parsing and compiling either succeed
 * or throw a located TemplateSyntaxError/TemplateAssertionError (never another error, never a
 * hang); plain text renders to itself; compiling and rendering are deterministic.
 *
 * Inputs are bounded (length, nesting) so every run is fast; set FC_NUM_RUNS for longer runs.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Environment, TemplateAssertionError, TemplateError, TemplateSyntaxError } from '../../src/index.js';
import { parse } from '../../src/syntax/parser.js';

const RUNS = Number(process.env.FC_NUM_RUNS ?? 400);
const TIMEOUT = 60_000;

// ------------------------------------------------------------------ arbitraries

/** Pieces of template syntax, glued with nothing, a space or a newline. */
const PIECES = [
  '{{', '}}', '{%', '%}', '{#', '#}', '{{-', '-}}', '{%-', '-%}', '{%+', '+%}', '-', '+', '(', ')', '[', ']',
  '{', '}', '|', '.', ',', ':', '=', '==', '~', '*', '**', '/', '//', '%', '<', '>=', '!', "'", '"', "'s'",
  '"t"', '1', '2.5', '0x1F', '_', 'x', 'y', 'items', 'loop', 'loop.index', 'for', 'in', 'if', 'elif',
  'else', 'endif', 'endfor', 'set', 'endset', 'block', 'endblock', 'macro', 'endmacro', 'call', 'endcall',
  'caller', 'filter', 'endfilter', 'with', 'endwith', 'raw', 'endraw', 'autoescape', 'endautoescape',
  'include', 'import', 'from', 'as', 'extends', 'is', 'not', 'and', 'or', 'none', 'true', 'recursive',
  'scoped', 'required', 'ignore', 'missing', 'context', 'namespace', 'upper', 'defined', 'default', 'print',
  'break', 'continue', 'do', 'ns.a', 'super()', '#', '##', '\n', '\t', 'é', '😀',
];

const grammarish = fc
  .array(fc.tuple(fc.constantFrom(...PIECES), fc.constantFrom('', ' ', ' ', '\n')), { maxLength: 40 })
  .map((parts) => parts.map(([p, sep]) => p + sep).join(''));

/** Mostly well-formed statement sequences, so the parser gets deep into every tag. */
const wellFormedish: fc.Arbitrary<string> = fc.letrec<{ body: string; expr: string }>((tie) => ({
  expr: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom('x', 'y', '1', "'s'", 'items', 'loop.index', 'none', '[1, 2]', '{"k": 1}'),
    fc.tuple(tie('expr'), fc.constantFrom(' + ', ' ~ ', ' and ', ' or ', ' == ', ' in ', '|upper', ' is defined', '.a', '[0]', ' if x else '), tie('expr'))
      .map(([a, op, b]) => (op.startsWith('|') || op.startsWith(' is') || op.startsWith('.') || op.startsWith('[') ? a + op : a + op + b)),
    tie('expr').map((e) => `(${e})`),
    tie('expr').map((e) => `not ${e}`),
  ),
  body: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom('text', ' ', '\n', '', '{# c #}'),
    tie('expr').map((e) => `{{ ${e} }}`),
    fc.tuple(tie('expr'), tie('body'), tie('body')).map(([e, a, b]) => `{% if ${e} %}${a}{% else %}${b}{% endif %}`),
    fc.tuple(tie('expr'), tie('body')).map(([e, a]) => `{% for v in ${e} %}${a}{% endfor %}`),
    tie('expr').map((e) => `{% set z = ${e} %}`),
    tie('body').map((b) => `{% macro m(a, b=1) %}${b}{% endmacro %}`),
    tie('body').map((b) => `{% block b %}${b}{% endblock %}`),
    tie('body').map((b) => `{% filter upper %}${b}{% endfilter %}`),
    fc.tuple(tie('body'), tie('body')).map(([a, b]) => a + b),
  ),
})).body;

/** Drop, duplicate or swap a few characters of a well-formed template. */
const mutated = fc
  .tuple(wellFormedish, fc.array(fc.tuple(fc.nat(), fc.constantFrom('drop', 'dup', 'insert')), { maxLength: 3 }), fc.constantFrom(...PIECES))
  .map(([s, edits, piece]) => {
    for (const [n, kind] of edits) {
      if (s.length === 0) break;
      const i = n % s.length;
      if (kind === 'drop') s = s.slice(0, i) + s.slice(i + 1);
      else if (kind === 'dup') s = s.slice(0, i) + s[i] + s.slice(i);
      else s = s.slice(0, i) + piece + s.slice(i);
    }
    return s;
  });

const anySource = fc.oneof(fc.string({ maxLength: 60 }), fc.fullUnicodeString({ maxLength: 30 }), grammarish, wellFormedish, mutated);

// ------------------------------------------------------------------ helpers

function lines(source: string): string[] {
  return source.split(/\r\n|\r|\n/);
}

/** The error is a syntax error located inside the source. */
function expectLocatedSyntaxError(source: string, e: unknown): void {
  if (!(e instanceof TemplateSyntaxError)) throw e; // fast-check reports the offending input
  const ls = lines(source);
  const { lineno, column } = e;
  expect(lineno, e.message).toBeGreaterThanOrEqual(1);
  expect(lineno, e.message).toBeLessThanOrEqual(ls.length);
  expect(column, e.message).toBeGreaterThanOrEqual(1);
  expect(column, e.message).toBeLessThanOrEqual(ls[lineno! - 1]!.length + 1);
}

const env = new Environment({ extensions: ['jinja2.ext.do', 'jinja2.ext.loopcontrols'] });

// ------------------------------------------------------------------ properties

describe('syntax properties', () => {
  it('parse() returns an AST or throws a located TemplateSyntaxError', () => {
    fc.assert(
      fc.property(anySource, (source) => {
        try {
          const ast = parse(source);
          expect(ast.type).toBe('Template');
        } catch (e) {
          expectLocatedSyntaxError(source, e);
        }
      }),
      { numRuns: RUNS * 3 },
    );
  }, TIMEOUT);

  it('compileToCode() returns code or throws a located TemplateSyntaxError/TemplateAssertionError', () => {
    fc.assert(
      fc.property(anySource, (source) => {
        try {
          const { code, lineMap } = env.compileToCode(source, 't.html');
          expect(typeof code).toBe('string');
          expect(lineMap.length).toBe(code.split('\n').length);
          for (const l of lineMap) expect(l).toBeLessThanOrEqual(lines(source).length);
        } catch (e) {
          expectLocatedSyntaxError(source, e);
          expect((e as TemplateSyntaxError).templateName).toBe('t.html');
        }
      }),
      { numRuns: RUNS * 2 },
    );
  }, TIMEOUT);

  it('compiling the same source twice yields identical code (or the same error)', () => {
    const outcome = (e: Environment, s: string) => {
      try {
        return e.compileToCode(s, 'same.html');
      } catch (err) {
        if (!(err instanceof TemplateError)) throw err;
        return { error: err.name, message: err.message, line: err.lineno, col: err.column };
      }
    };
    fc.assert(
      fc.property(anySource, (source) => {
        const first = outcome(env, source);
        // again on the same environment, after compiling something else in between
        outcome(env, '{% for a in b %}{{ a }}{% endfor %}');
        expect(outcome(env, source)).toEqual(first);
        // and on a fresh environment with the same options
        expect(outcome(new Environment({ extensions: ['jinja2.ext.do', 'jinja2.ext.loopcontrols'] }), source)).toEqual(first);
      }),
      { numRuns: RUNS },
    );
  }, TIMEOUT);

  it('text without delimiters renders to itself (one trailing newline dropped unless kept)', () => {
    const text = fc
      .oneof(fc.string({ maxLength: 80 }), fc.fullUnicodeString({ maxLength: 40 }), fc.array(fc.constantFrom('a', ' ', '\n', '\r', '\r\n', '{', '}', '%', '#', '-', '+', 'é', '😀'), { maxLength: 40 }).map((a) => a.join('')))
      .filter((s) => !/\{[{%#]/.test(s));
    fc.assert(
      fc.property(text, fc.boolean(), (s, keepTrailingNewline) => {
        const out = new Environment({ keepTrailingNewline }).fromString(s).render();
        // Jinja2 normalises \r\n and \r to newline_sequence ('\n'), then drops one final '\n'.
        let expected = s.replace(/\r\n?/g, '\n');
        if (!keepTrailingNewline && expected.endsWith('\n')) expected = expected.slice(0, -1);
        expect(out).toBe(expected);
      }),
      { numRuns: RUNS * 2 },
    );
  }, TIMEOUT);

  it('rendering the same template twice gives identical output (or the same error)', () => {
    const context = { x: 3, y: 'why', items: ['a', 'b'], m: 'not a macro' };
    const outcome = (f: () => string) => {
      try {
        return { output: f() };
      } catch (e) {
        if (!(e instanceof Error) || e instanceof RangeError) throw e;
        return { error: e.name, message: e.message };
      }
    };
    fc.assert(
      fc.property(fc.oneof(wellFormedish, mutated), (source) => {
        let tmpl;
        try {
          tmpl = env.fromString(source);
        } catch (e) {
          expectLocatedSyntaxError(source, e);
          return;
        }
        const first = outcome(() => tmpl.render(context));
        expect(outcome(() => tmpl.render(context))).toEqual(first);
        expect(outcome(() => env.fromString(source).render(context))).toEqual(first);
      }),
      { numRuns: RUNS },
    );
  }, TIMEOUT);
});

describe('syntax properties: classes', () => {
  it('TemplateAssertionError counts as a syntax error', () => {
    expect(new TemplateAssertionError('x')).toBeInstanceOf(TemplateSyntaxError);
  });
});
