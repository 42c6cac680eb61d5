/**
 * Values built on first use instead of at import, for what only some filters and methods need.
 *
 * Unicode property regexes (`\p{L}`, `\p{XID_Continue}`...) are the main case: V8 expands each
 * property class into code point ranges when it creates the RegExp, and also when it parses a
 * regex literal, even one inside a function that never runs. So such patterns are written as
 * `new RegExp('...', 'u')` strings (no literal) inside a builder given to these helpers.
 */

/** A function returning `build()`'s value, computed on its first call. */
export function lazy<T>(build: () => T): () => T {
  let value: T;
  let built = false;
  return () => {
    if (!built) {
      value = build();
      built = true;
    }
    return value;
  };
}

/**
 * An object whose fields are each built on first read. The fields stay getters over a closure
 * (no redefinition, which would turn the object into a slow dictionary), so builders must not
 * return null or undefined.
 */
export function lazyFields<T extends object>(builders: { [K in keyof T]: () => T[K] }): T {
  const out = {} as T;
  for (const key of Object.keys(builders) as (keyof T & string)[]) {
    const build = builders[key];
    let value: T[typeof key] | undefined;
    Object.defineProperty(out, key, { enumerable: true, get: () => (value ??= build()) });
  }
  return out;
}
