/**
 * A read-only stand-in for Python's `obj.__class__`, so templates written for Jinja2 can read
 * `x.__class__.__name__` (Jinja2's own test-suite does). It only exposes names: `__name__`,
 * `__qualname__` and `__module__`; it is not callable and never reaches a JS constructor or
 * prototype. Sandboxed environments never get here: they refuse every `_`-prefixed attribute.
 */

import { objectTypeRepr, typeName } from './repr.js';
import { GETATTR, MISSING } from './values.js';

/** What `type(obj)` looks like to a template. */
export class PyClassRef {
  static readonly pyName = 'type';

  constructor(
    /** `type(obj).__name__`, e.g. `'str'`. */
    readonly name: string,
    /** `type(obj).__module__`, e.g. `'builtins'`, `'markupsafe'`. */
    readonly module: string,
  ) {}

  [GETATTR](attr: string): unknown {
    switch (attr) {
      case '__name__':
      case '__qualname__':
        return this.name;
      case '__module__':
        return this.module;
      default:
        return MISSING;
    }
  }

  /** Python's `<class 'str'>` / `<class 'markupsafe.Markup'>`. */
  __repr__(): string {
    return this.module === 'builtins' ? `<class '${this.name}'>` : `<class '${this.module}.${this.name}'>`;
  }
}

/**
 * `obj.__class__` for a template value.
 * @example classRef('a').name // 'str'; pyRepr(classRef(new Markup('a'))) // "<class 'markupsafe.Markup'>"
 */
export function classRef(obj: unknown): PyClassRef {
  const name = typeName(obj);
  // object_type_repr spells `module.Name object` for non-builtins
  const full = objectTypeRepr(obj).replace(/ object$/, '');
  const module = full.endsWith('.' + name) ? full.slice(0, -name.length - 1) : 'builtins';
  return new PyClassRef(name, module);
}
