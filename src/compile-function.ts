/**
 * Turns generated code into its factory function. Under Node (and hosts with its `vm` module:
 * Bun, Deno) `vm.compileFunction` is used instead of `new Function`: V8 keeps every distinct
 * `new Function` source and its bytecode in its eval cache until memory runs short (measured:
 * ~94 KB per 500-line template, 283 MB after 3,000 compiles, and compiles slow down as that heap
 * grows), while `compileFunction` code goes with its function. Same speed, same realm, same
 * strict code. Elsewhere (browsers), and where the host forbids code from strings
 * (`--disallow-code-generation-from-strings`, which `vm` would bypass), it is `new Function`.
 */

interface HostVm {
  compileFunction(code: string, params: string[], options: { filename: string }): (...args: unknown[]) => unknown;
}

/** `vm` when the host hands it out without an import (Node ≥ 20.16 `process.getBuiltinModule`). */
function hostVm(): HostVm | undefined {
  try {
    const p = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
    const vm = typeof p?.getBuiltinModule === 'function' ? (p.getBuiltinModule('node:vm') as HostVm | undefined) : undefined;
    return typeof vm?.compileFunction === 'function' ? vm : undefined;
  } catch {
    return undefined;
  }
}

/** Whether the host lets code be made from strings (tried once, only where `vm` exists). */
function codeFromStringsAllowed(): boolean {
  try {
    return typeof new Function('return 1') === 'function';
  } catch {
    return false;
  }
}

let vm: HostVm | undefined | null = null; // null: not looked up yet

/** `vm` if it is to be used, looked up on the first compile. */
export function usedHostVm(): HostVm | undefined {
  if (vm === null) {
    const host = hostVm();
    vm = host !== undefined && codeFromStringsAllowed() ? host : undefined;
  }
  return vm;
}

/**
 * Generated lines before the code in stack traces: none with `compileFunction` (the `filename`
 * names it), three with `new Function` (`function anonymous(rt`, `) {` and the sourceURL line).
 */
export function preambleLines(): number {
  return usedHostVm() ? 0 : 3;
}

/** The function `(rt) => ...` whose body is `code`, named `url` in stack traces. */
export function compileFactory<T>(code: string, url: string): (r: unknown) => T {
  const host = usedHostVm();
  if (host) return host.compileFunction(code, ['rt'], { filename: url }) as (r: unknown) => T;
  return new Function('rt', functionBody(code, url)) as (r: unknown) => T;
}

/**
 * The body to give `new Function`. The sourceURL goes first: V8's eval cache
 * hashes long sources by length alone, so same-length templates compare as strings on every
 * compile, and a unique first line makes each comparison stop there instead of at the end.
 */
export function functionBody(code: string, url: string): string {
  return `//# sourceURL=${url}\n${code}`;
}
