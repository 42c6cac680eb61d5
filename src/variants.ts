/**
 * Turns generated code of an async/stream variant into functions (the compile side of
 * src/render-variants.ts).
 */

import { compileFactory } from './compile-function.js';
import { TemplateSyntaxError } from './errors.js';
import { rt } from './runtime/index.js';
import type { VariantCode } from './runtime/variant-ops.js';

export function instantiateVariant(code: string, url: string, name: string | undefined, source: string): VariantCode {
  let factory: (r: typeof rt) => VariantCode;
  try {
    factory = compileFactory<VariantCode>(code, url);
  } catch (e) {
    throw new TemplateSyntaxError(`internal compiler error: ${(e as Error).message}`, undefined, name, source);
  }
  return factory(rt);
}
