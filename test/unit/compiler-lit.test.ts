/** `lit` (src/compiler/writer.ts) turns any template text into a JS string literal of the same text. */
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { lit } from '../../src/compiler/writer.js';

const evalLiteral = (code: string): unknown => new Function(`return ${code};`)();

it('round-trips quotes, backslashes, controls, lone surrogates and line separators', () => {
  for (const s of ['', 'plain', 'q"\'\\\n\r\t\0\x01', '\ud800x\udfff', 'a\u2028b\u2029c', '</script>', '${x}']) {
    const code = lit(s);
    expect(code).not.toMatch(/[\u2028\u2029\n\r]/); // one source line, valid in any JS
    expect(evalLiteral(code)).toBe(s);
  }
});

it('round-trips arbitrary strings', () => {
  fc.assert(fc.property(fc.string({ unit: 'binary' }), (s) => evalLiteral(lit(s)) === s), { numRuns: 500 });
});
