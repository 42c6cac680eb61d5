/**
 * Both ways of turning generated code into functions (src/compile-function.ts) locate runtime
 * errors on their template line: Node's `vm.compileFunction` and, where the host has no `vm`
 * (browsers), `new Function`. This file hides `process.getBuiltinModule` before its first compile,
 * so this module instance takes the `new Function` path.
 */
import { afterAll, expect, it } from 'vitest';

const proc = process as { getBuiltinModule?: unknown };
const saved = proc.getBuiltinModule;
proc.getBuiltinModule = undefined;
afterAll(() => {
  proc.getBuiltinModule = saved;
});

const { Environment } = await import('../../src/index.js');
const { usedHostVm, preambleLines } = await import('../../src/compile-function.js');

it('falls back to new Function without a host vm, and errors keep their template line', () => {
  const env = new Environment({ loader: { getSource: () => ({ source: 'a\nb\n{{ 1 // 0 }}' }) } });
  const t = env.getTemplate('page.html');
  expect(usedHostVm()).toBeUndefined();
  expect(preambleLines()).toBe(3);
  let err: { lineno?: number; templateName?: string } = {};
  try {
    t.render();
  } catch (e) {
    err = e as typeof err;
  }
  expect([err.templateName, err.lineno]).toEqual(['page.html', 3]);
  // async variant code is compiled the same way
  return t.renderAsync().then(
    () => expect.unreachable(),
    (e: { lineno?: number }) => expect(e.lineno).toBe(3),
  );
});
