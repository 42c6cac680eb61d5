/**
 * Jinja2's sandbox (jinja2/sandbox.py) for environments created with
 * `sandbox: 'sandboxed'` (SandboxedEnvironment) or `'immutable'` (ImmutableSandboxedEnvironment).
 *
 * - Attributes whose name starts with `_`, and Python's internal attributes (`mro` of classes,
 *   `gi_frame` of generators...), evaluate to an Undefined that raises SecurityError when used
 *   (`{{ ''.__class__ }}` prints nothing, `{{ ''.__class__.__mro__ }}` raises). Items are never
 *   checked: `{{ d._private }}` and `{{ d['_private'] }}` read a dict key as in Jinja2.
 * - `str.format`/`format_map` (and Markup's) resolve `{0.attr}`/`{0[key]}` fields through the
 *   same checks (Jinja2's SandboxedFormatter).
 * - Callables marked `unsafeCallable`/`unsafe_callable`/`alters_data` raise SecurityError.
 * - The immutable sandbox also refuses the mutating methods of lists, dicts and sets
 *   (Jinja2's `modifies_known_mutable`), by every route: `l.append(1)`, `l|attr('append')`, `do`.
 * - `range` is capped at MAX_RANGE items (installed by the Environment).
 *
 * jinjit never exposes Python's dunder attributes as values; which ones "exist" (and so are
 * unsafe rather than missing) comes from the `dir()` tables below, taken from CPython 3.11 and
 * Jinja2 3.1, so `{{ ''.__class__ }}` is unsafe while `{{ ''.__nope__ }}` is merely undefined,
 * as in Jinja2. JS internals (`constructor`, `__proto__`...) are unreachable in every mode
 * (runtime/access.ts), sandbox or not.
 */

import { SecurityError } from '../errors.js';
import { cycler, dict, joiner, namespace } from '../builtins/globals.js';
import { attrOf, itemOf } from '../runtime/access.js';
import type { FormatHooks } from '../runtime/format.js';
import { getMethod } from '../runtime/methods.js';
import { lazy } from '../runtime/lazy.js';
import { pyRepr, typeName } from '../runtime/repr.js';
import { ChainableUndefined, isPlainObject, isTuple, Markup, MISSING, Undefined } from '../runtime/values.js';

/** Jinja2's UNSAFE_FUNCTION_ATTRIBUTES: empty since Python 3 (no `func_code` & co.). */
export const UNSAFE_FUNCTION_ATTRIBUTES: ReadonlySet<string> = new Set();
/** Jinja2's UNSAFE_METHOD_ATTRIBUTES: empty since Python 3 (no `im_func` & co.). */
export const UNSAFE_METHOD_ATTRIBUTES: ReadonlySet<string> = new Set();
/** Attributes of generators that expose frames and code. */
export const UNSAFE_GENERATOR_ATTRIBUTES: ReadonlySet<string> = new Set(['gi_frame', 'gi_code']);
/** Attributes of coroutines that expose frames and code. */
export const UNSAFE_COROUTINE_ATTRIBUTES: ReadonlySet<string> = new Set(['cr_frame', 'cr_code']);
/** Attributes of async generators that expose frames and code. */
export const UNSAFE_ASYNC_GENERATOR_ATTRIBUTES: ReadonlySet<string> = new Set(['ag_code', 'ag_frame']);

/** Jinja2's `_mutable_spec`: the methods that modify a list, dict, set or deque. */
export const MUTABLE_SPEC: {
  readonly list: ReadonlySet<string>;
  readonly dict: ReadonlySet<string>;
  readonly set: ReadonlySet<string>;
  readonly deque: ReadonlySet<string>;
} = {
  set: new Set(['add', 'clear', 'difference_update', 'discard', 'pop', 'remove', 'symmetric_difference_update', 'update']),
  dict: new Set(['clear', 'pop', 'popitem', 'setdefault', 'update']),
  list: new Set(['append', 'clear', 'pop', 'reverse', 'insert', 'sort', 'extend', 'remove']),
  deque: new Set(['append', 'appendleft', 'clear', 'extend', 'extendleft', 'pop', 'popleft', 'remove', 'rotate']),
};

// ---------------------------------------------------------------------------------------------
// Python's private attributes per type (dir(), names starting with `_`)
// ---------------------------------------------------------------------------------------------

/** `dir(object())`, as `__name__` stems. */
const OBJECT_ATTRS = 'class delattr dir doc eq format ge getattribute getstate gt hash init init_subclass le lt ne new '
  + 'reduce reduce_ex repr setattr sizeof str subclasshook';
const INT_ATTRS = 'abs add and bool ceil divmod float floor floordiv getnewargs index int invert lshift mod mul neg or '
  + 'pos pow radd rand rdivmod rfloordiv rlshift rmod rmul ror round rpow rrshift rshift rsub rtruediv rxor sub '
  + 'truediv trunc xor';
const UNDEFINED_ATTRS = 'add aiter bool call complex div float floordiv getattr getitem int iter len mod module mul '
  + 'neg pos pow radd rdiv rfloordiv rmod rmul rpow rsub rtruediv slots sub truediv !_fail_with_undefined_error '
  + '!_undefined_exception !_undefined_hint !_undefined_message !_undefined_name !_undefined_obj';

/**
 * Private attributes beyond `dir(object())`, per Python type name: `stem` is `__stem__`,
 * `!name` is literal, a leading `=` drops the `object` ones (Namespace hides them).
 */
const PRIVATE_SPEC: Record<string, string> = {
  str: 'add contains getitem getnewargs iter len mod mul rmod rmul',
  int: INT_ATTRS,
  bool: INT_ATTRS,
  float: 'abs add bool ceil divmod float floor floordiv getformat getnewargs int mod mul neg pos pow radd rdivmod '
    + 'rfloordiv rmod rmul round rpow rsub rtruediv sub truediv trunc',
  NoneType: 'bool',
  list: 'add class_getitem contains delitem getitem iadd imul iter len mul reversed rmul setitem',
  tuple: 'add class_getitem contains getitem getnewargs iter len mul rmul',
  dict: 'class_getitem contains delitem getitem ior iter len or reversed ror setitem',
  Markup: 'add contains getitem getnewargs html html_format iter len mod module mul radd rmod rmul slots',
  Undefined: UNDEFINED_ATTRS,
  DebugUndefined: UNDEFINED_ATTRS,
  StrictUndefined: UNDEFINED_ATTRS + ' contains',
  ChainableUndefined: UNDEFINED_ATTRS + ' html',
  // JS functions stand for Python functions and bound methods (hence func, self)
  function: 'annotations builtins call closure code defaults dict get globals kwdefaults module name qualname func self',
  type: 'abstractmethods annotations base bases basicsize call class_getitem contains delitem dict dictoffset flags '
    + 'getitem instancecheck ior itemsize iter len module mro name next or prepare qualname reversed ror setitem '
    + 'subclasscheck subclasses text_signature weakref weakrefoffset',
  generator: 'del iter name next qualname',
  Cycler: 'dict module next weakref',
  Joiner: 'call dict module weakref',
  Namespace: '=class !_Namespace__attrs',
  Macro: 'call dict module weakref !_argument_count !_async_invoke !_default_autoescape !_environment !_func !_invoke',
  TemplateModule: 'dict html module name weakref !_body_stream',
  LoopContext: 'annotations call dict iter len module next weakref !_after !_before !_current !_iterable !_iterator '
    + '!_last_changed_value !_length !_peek_next !_recurse !_to_iterator !_undefined',
  TemplateReference: '!_TemplateReference__context dict getitem module weakref',
  BlockReference: 'call dict module weakref !_async_call !_context !_depth !_stack',
  /** Instances of any other class. */
  object: 'dict module weakref',
};

function parseNames(spec: string): string[] {
  return spec.split(' ').filter(Boolean).map((w) => (w[0] === '!' ? w.slice(1) : `__${w}__`));
}

// built on the first underscore name looked up (sandboxes and a few filters), not at import
const privateAttrs = lazy(() => {
  const out: Record<string, ReadonlySet<string>> = Object.create(null);
  for (const kind of Object.keys(PRIVATE_SPEC)) {
    const spec = PRIVATE_SPEC[kind]!;
    const names = spec[0] === '=' ? parseNames(spec.slice(1)) : parseNames(OBJECT_ATTRS + ' ' + spec);
    out[kind] = new Set(names);
  }
  return out;
});

/** The globals that are classes in Python (`type(cycler).__name__ == 'type'`). */
const PY_TYPES: ReadonlySet<unknown> = new Set<unknown>([cycler, dict, joiner, namespace]);

const objToString = Object.prototype.toString;

/**
 * Python's `type(obj).__name__` as the sandbox reports it: `'str'`, `'dict'`, `'LoopContext'`,
 * `'type'` for the class-like globals (`cycler`, `joiner`, `namespace`, `dict`), `'function'`.
 * @example pyTypeName(cycler) // 'type'
 */
export function pyTypeName(obj: unknown): string {
  if (typeof obj === 'function') return PY_TYPES.has(obj) ? 'type' : 'function';
  if (obj !== null && typeof obj === 'object') {
    const tag = objToString.call(obj);
    if (tag === '[object Generator]') return 'generator';
    if (tag === '[object AsyncGenerator]') return 'async_generator';
    if (tag === '[object Promise]') return 'coroutine';
  }
  return typeName(obj);
}

/**
 * Jinja2's `is_internal_attribute`: Python internals such as `mro` of classes, the frames of
 * generators and coroutines, and every `__dunder__` name.
 * @example isInternalAttribute(cycler, 'mro') // true; isInternalAttribute('', 'upper') // false
 */
export function isInternalAttribute(obj: unknown, name: string): boolean {
  switch (pyTypeName(obj)) {
    case 'function':
      if (UNSAFE_FUNCTION_ATTRIBUTES.has(name) || UNSAFE_METHOD_ATTRIBUTES.has(name)) return true;
      break;
    case 'type':
      if (name === 'mro') return true;
      break;
    case 'generator':
      if (UNSAFE_GENERATOR_ATTRIBUTES.has(name)) return true;
      break;
    case 'coroutine':
      if (UNSAFE_COROUTINE_ATTRIBUTES.has(name)) return true;
      break;
    case 'async_generator':
      if (UNSAFE_ASYNC_GENERATOR_ATTRIBUTES.has(name)) return true;
      break;
  }
  return name.startsWith('__');
}

/**
 * Jinja2's `modifies_known_mutable`: whether `name` is a method that mutates a list, dict
 * (Map or plain object) or set.
 * @example modifiesKnownMutable([], 'append') // true; modifiesKnownMutable({}, 'keys') // false
 */
export function modifiesKnownMutable(obj: unknown, name: string): boolean {
  if (Array.isArray(obj)) return !isTuple(obj) && MUTABLE_SPEC.list.has(name);
  if (obj instanceof Map || isPlainObject(obj)) return MUTABLE_SPEC.dict.has(name);
  if (obj instanceof Set) return MUTABLE_SPEC.set.has(name);
  return false;
}

/**
 * SandboxedEnvironment's `is_safe_attribute`: no `_` names, no Python internals.
 * @example isSafeAttribute('', 'upper') // true; isSafeAttribute(loop, '_length') // false
 */
export function isSafeAttribute(obj: unknown, name: string, value?: unknown): boolean {
  void value;
  return !(name.startsWith('_') || isInternalAttribute(obj, name));
}

/**
 * ImmutableSandboxedEnvironment's `is_safe_attribute`: also no mutating list/dict/set methods.
 * @example isSafeAttributeImmutable([], 'append') // false
 */
export function isSafeAttributeImmutable(obj: unknown, name: string, value?: unknown): boolean {
  return isSafeAttribute(obj, name, value) && !modifiesKnownMutable(obj, name);
}

/**
 * SandboxedEnvironment's `is_safe_callable`: refuses callables marked `unsafeCallable`,
 * `unsafe_callable` (Jinja2's `@unsafe`) or `alters_data` (Django's convention).
 * @example const del = Object.assign(() => null, { alters_data: true }); isSafeCallable(del) // false
 */
export function isSafeCallable(obj: unknown): boolean {
  if (obj === null || (typeof obj !== 'object' && typeof obj !== 'function')) return true;
  const o = obj as { unsafeCallable?: unknown; unsafe_callable?: unknown; alters_data?: unknown };
  return !(o.unsafeCallable || o.unsafe_callable || o.alters_data);
}

/**
 * Whether Python's counterpart of `obj` has an attribute `name` that jinjit never exposes as a
 * value (`__class__` of anything, `_length` of a loop, `mro` of a class...). In a sandbox such an
 * attribute is unsafe rather than missing, so no dict item of the same name shadows it.
 * @example hasHiddenAttribute('', '__class__') // true; hasHiddenAttribute('', '__nope__') // false
 */
export function hasHiddenAttribute(obj: unknown, name: string): boolean {
  const kind = pyTypeName(obj);
  if (name.charCodeAt(0) !== 95 /* _ */) {
    if (kind === 'type' && name === 'mro') return true;
    if (kind === 'generator') return UNSAFE_GENERATOR_ATTRIBUTES.has(name);
    if (kind === 'coroutine') return UNSAFE_COROUTINE_ATTRIBUTES.has(name);
    if (kind === 'async_generator') return UNSAFE_ASYNC_GENERATOR_ATTRIBUTES.has(name);
    return false;
  }
  const attrs = privateAttrs();
  const table = attrs[kind] ?? attrs.object!;
  return table.has(name);
}

// ---------------------------------------------------------------------------------------------
// the sandbox of one environment
// ---------------------------------------------------------------------------------------------

/** `(obj, name, value) => boolean`: an attribute check like Jinja2's `is_safe_attribute`. */
export type AttributeCheck = (obj: unknown, name: string, value: unknown) => boolean;

/** User overrides of the checks (EnvironmentOptions `isSafeAttribute` / `isSafeCallable`). */
export interface SandboxOverrides {
  isSafeAttribute?: (obj: unknown, name: string, value: unknown, fallback: AttributeCheck) => boolean;
  isSafeCallable?: (fn: unknown, fallback: (fn: unknown) => boolean) => boolean;
}

/** What the sandbox needs from its Environment. */
export interface SandboxHost {
  mkUndefined(hint: string | null, obj: unknown, name: unknown, exc?: new (message: string) => Error): Undefined;
  getattr(obj: unknown, name: string): unknown;
  getitem(obj: unknown, key: unknown): unknown;
}

/**
 * The sandboxed `getattr`/`getitem`/call check of one environment (the methods Jinja2's
 * SandboxedEnvironment overrides). The Environment creates one when `sandbox` is not 'none'.
 * @example
 * const env = new Environment({ sandbox: 'immutable' });
 * env.fromString('{{ [].append }}').render(); // '' (a SecurityError once used)
 */
export class Sandbox {
  private readonly attrCheck: AttributeCheck;
  private readonly callCheck: (fn: unknown) => boolean;
  /** `str.format` hooks: fields resolve through the host's (sandboxed) getattr/getitem. */
  readonly formatHooks: FormatHooks;

  constructor(readonly mode: 'sandboxed' | 'immutable', private readonly host: SandboxHost, overrides: SandboxOverrides = {}) {
    const base: AttributeCheck = mode === 'immutable' ? isSafeAttributeImmutable : isSafeAttribute;
    const attr = overrides.isSafeAttribute;
    this.attrCheck = attr ? (o, n, v) => Boolean(attr(o, n, v, base)) : base;
    const call = overrides.isSafeCallable;
    this.callCheck = call ? (f) => Boolean(call(f, isSafeCallable)) : isSafeCallable;
    this.formatHooks = {
      getField: (obj, key, isAttr) => (isAttr ? host.getattr(obj, String(key)) : host.getitem(obj, key)),
    };
  }

  /** Whether the template may read attribute `name` (value `undefined` for hidden ones). */
  isSafeAttribute(obj: unknown, name: string, value: unknown): boolean {
    return this.attrCheck(obj, name, value);
  }

  /** Whether the template may call `fn`. */
  isSafeCallable(fn: unknown): boolean {
    return this.callCheck(fn);
  }

  /** Throw SecurityError unless `fn` is safely callable (Jinja2's sandboxed `call`). */
  checkCall(fn: unknown): void {
    if (!this.callCheck(fn)) throw new SecurityError(`${pyRepr(fn)} is not safely callable`);
  }

  /** Jinja2's `unsafe_undefined`: an Undefined raising SecurityError when used. */
  unsafeUndefined(obj: unknown, name: string): Undefined {
    const msg = `access to attribute ${pyRepr(name)} of ${pyRepr(pyTypeName(obj))} object is unsafe.`;
    return this.host.mkUndefined(msg, obj, name, SecurityError);
  }

  /**
   * A present attribute: checked, with `format`/`format_map` of str and Markup swapped for the
   * sandboxed formatter (Jinja2's `wrap_str_format`, applied before the check).
   */
  private checked(obj: unknown, name: string, value: unknown): unknown {
    if ((name === 'format' || name === 'format_map') && (typeof obj === 'string' || obj instanceof Markup)) {
      return getMethod(obj, name, this.formatHooks) ?? value;
    }
    return this.attrCheck(obj, name, value) ? value : this.unsafeUndefined(obj, name);
  }

  /** Sandboxed `obj.name`: attribute first (checked), then item (unchecked), as Jinja2. */
  getattr(obj: unknown, name: string): unknown {
    if (obj instanceof Undefined) {
      if (hasHiddenAttribute(obj, name) && !this.attrCheck(obj, name, undefined)) return this.unsafeUndefined(obj, name);
      return obj instanceof ChainableUndefined ? obj : obj.fail();
    }
    let v = attrOf(obj, name);
    if (v !== MISSING) return this.checked(obj, name, v);
    if (hasHiddenAttribute(obj, name) && !this.attrCheck(obj, name, undefined)) return this.unsafeUndefined(obj, name);
    v = itemOf(obj, name);
    if (v !== MISSING) return v;
    return this.host.mkUndefined(null, obj, name);
  }

  /** Sandboxed `obj[key]`: item first (unchecked), then for str keys the checked attribute. */
  getitem(obj: unknown, key: unknown): unknown {
    if (obj instanceof Undefined) return obj instanceof ChainableUndefined ? obj : obj.fail();
    let v = itemOf(obj, key);
    if (v !== MISSING) return v;
    const name = typeof key === 'string' ? key : key instanceof Markup ? key.s : null;
    if (name !== null) {
      v = attrOf(obj, name);
      if (v !== MISSING) return this.checked(obj, name, v);
      if (hasHiddenAttribute(obj, name) && !this.attrCheck(obj, name, undefined)) return this.unsafeUndefined(obj, name);
    }
    return this.host.mkUndefined(null, obj, key);
  }
}
