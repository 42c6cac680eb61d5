/**
 * `tojson` and a reusable port of Python's `json.dumps` (`pyJsonDumps`), byte-compatible with
 * CPython 3.11: `", "`/`": "` separators, float repr (`1.0`, `1e+20`), NaN/Infinity, key
 * coercion (int/float/bool/None keys become strings), `sort_keys` with Python ordering,
 * `ensure_ascii` escapes (surrogate pairs for astral characters), `indent`.
 */

import { pyErr } from '../../errors.js';
import { checkSize } from '../../runtime/limits.js';
import { dictViewKind } from '../../runtime/methods.js';
import { rangeBounds } from '../../runtime/range.js';
import { pyRepr, typeName } from '../../runtime/repr.js';
import type { EvalContext, Kwargs } from '../../runtime/types.js';
import { isPlainObject, isTuple, Markup, PyFloat, pyFloat } from '../../runtime/values.js';
import { pyLess, pySorted, strOf } from './util.js';

/** Options of `pyJsonDumps`, named after json.dumps' keyword arguments. */
export interface JsonDumpsOptions {
  /** Escape non-ASCII characters as `\uXXXX` (Python's default: true). */
  ensureAscii?: boolean;
  /** Pretty-print: a number of spaces or an indent string; null/undefined for one line. */
  indent?: number | string | null;
  /** `[itemSeparator, keySeparator]`; default `[', ', ': ']`, or `[',', ': ']` with indent. */
  separators?: readonly [string, string] | null;
  /** Sort dict keys (Python ordering; mixed key types raise TypeError). Default false. */
  sortKeys?: boolean;
  /** Allow NaN and ±Infinity (default true). */
  allowNan?: boolean;
  /** Skip dict keys that are not str/int/float/bool/None instead of raising. */
  skipKeys?: boolean;
}

function hex4(n: number): string {
  return '\\u' + n.toString(16).padStart(4, '0');
}

/** Python's json escapes for the control characters (short forms where json has them). */
const CONTROL_ESC: readonly string[] = Array.from({ length: 32 }, (_, c) =>
  ({ 8: '\\b', 9: '\\t', 10: '\\n', 12: '\\f', 13: '\\r' })[c] ?? hex4(c));

// global so that `lastIndex` after a successful test() locates the first character to escape
const NEEDS_ESC_ASCII = /[\\"]|[^ -~]/g;
const NEEDS_ESC = /[\x00-\x1f\\"]/g;

/**
 * A JSON string literal exactly as Python's json.dumps writes it. Most strings need no escape,
 * which one regex test finds; otherwise a charCodeAt scan from the first hit (much faster than
 * `replace` with a callback). With `ensureAscii`, astral characters come out as the two
 * surrogates, as in Python.
 */
export function jsonString(s: string, ensureAscii = true): string {
  const re = ensureAscii ? NEEDS_ESC_ASCII : NEEDS_ESC;
  re.lastIndex = 0;
  if (!re.test(s)) return '"' + s + '"';
  let i = re.lastIndex - 1;
  let out = '"' + s.slice(0, i);
  let last = i;
  for (; i < s.length; i++) {
    const c = s.charCodeAt(i);
    let r: string;
    if (c === 34) r = '\\"';
    else if (c === 92) r = '\\\\';
    else if (c < 32) r = CONTROL_ESC[c]!;
    else if (ensureAscii && c > 126) r = hex4(c);
    else continue;
    if (last < i) out += s.slice(last, i);
    out += r;
    last = i + 1;
  }
  return out + s.slice(last) + '"';
}

/** A float as json writes it; `detail` adds the value to the error (the pure-Python encoder's). */
function floatStr(x: number, allowNan: boolean, detail = false): string {
  if (Number.isFinite(x)) return pyRepr(pyFloat(x));
  if (!allowNan) {
    throw pyErr('ValueError', `Out of range float values are not JSON compliant${detail ? ': ' + pyRepr(x) : ''}`);
  }
  return Number.isNaN(x) ? 'NaN' : x > 0 ? 'Infinity' : '-Infinity';
}

/** A dict key as json writes it, or null for a key type it cannot write. */
function keyStr(k: unknown, allowNan: boolean): string | null {
  if (typeof k === 'string') return k;
  if (k instanceof Markup) return k.s;
  if (typeof k === 'number') return Number.isInteger(k) && !Object.is(k, -0) ? String(k) : floatStr(k, allowNan);
  if (k instanceof PyFloat) return floatStr(k.value, allowNan);
  if (k === true) return 'true';
  if (k === false) return 'false';
  if (k === null || k === undefined) return 'null';
  if (typeof k === 'bigint') return k.toString();
  return null;
}

/**
 * Python's `json.dumps(value, ...)`.
 * `pyJsonDumps({b: 1, a: [1, 2.5]}, { sortKeys: true })` → `{"a": [1, 2.5], "b": 1}`
 */
export function pyJsonDumps(value: unknown, opts: JsonDumpsOptions = {}): string {
  const ensureAscii = opts.ensureAscii ?? true;
  const allowNan = opts.allowNan ?? true;
  const sortKeys = opts.sortKeys ?? false;
  const skipKeys = opts.skipKeys ?? false;
  const ind = opts.indent;
  if (typeof ind === 'number') checkSize(ind, 'JSON indent');
  const indent = ind === null || ind === undefined ? null : typeof ind === 'string' ? ind : ' '.repeat(Math.max(0, ind));
  const [itemSep, keySep] = opts.separators ?? (indent !== null ? [',', ': '] : [', ', ': ']);
  // Open containers; membership is only searched past CIRCULAR_CHECK_DEPTH, where a cycle must
  // show up (legitimate data rarely nests that deep), so the common case pays a push/pop.
  const open: object[] = [];
  let out = '';

  const enter = (o: object, level: number): void => {
    if (level >= CIRCULAR_CHECK_DEPTH && open.includes(o)) throw pyErr('ValueError', 'Circular reference detected');
    open.push(o);
  };

  const encode = (v: unknown, level: number): void => {
    if (typeof v === 'string') {
      out += jsonString(v, ensureAscii);
      return;
    }
    if (v === null || v === undefined) {
      out += 'null';
      return;
    }
    if (v === true || v === false) {
      out += v ? 'true' : 'false';
      return;
    }
    if (typeof v === 'number') {
      out += Number.isInteger(v) && !Object.is(v, -0) ? String(v) : floatStr(v, allowNan, indent !== null);
      return;
    }
    if (typeof v === 'bigint') {
      out += v.toString();
      return;
    }
    if (v instanceof PyFloat) {
      out += floatStr(v.value, allowNan, indent !== null);
      return;
    }
    if (v instanceof Markup) {
      out += jsonString(v.s, ensureAscii);
      return;
    }
    if (Array.isArray(v) && (isTuple(v) || (dictViewKind(v) === undefined && rangeBounds(v) === undefined))) {
      if (v.length === 0) {
        out += '[]';
        return;
      }
      enter(v, level);
      const nl = indent !== null ? '\n' + indent.repeat(level + 1) : '';
      const sep = itemSep + nl;
      out += '[' + nl;
      for (let i = 0; i < v.length; i++) {
        if (i > 0) out += sep;
        encode(v[i], level + 1);
      }
      if (indent !== null) out += '\n' + indent.repeat(level);
      out += ']';
      open.pop();
      return;
    }
    const isMap = v instanceof Map;
    if (isMap || isPlainObject(v)) {
      let keys: unknown[] = isMap ? [...v.keys()] : Object.keys(v);
      if (keys.length === 0) {
        out += '{}';
        return;
      }
      enter(v, level);
      if (sortKeys) keys = pySorted(keys, (k) => k, pyLess);
      const nl = indent !== null ? '\n' + indent.repeat(level + 1) : '';
      const sep = itemSep + nl;
      out += '{' + nl;
      let firstItem = true;
      for (const k of keys) {
        const ks = keyStr(k, allowNan);
        if (ks === null) {
          if (skipKeys) continue;
          throw pyErr('TypeError', `keys must be str, int, float, bool or None, not ${typeName(k)}`);
        }
        if (!firstItem) out += sep;
        firstItem = false;
        out += jsonString(ks, ensureAscii) + keySep;
        encode(isMap ? v.get(k) : (v as Record<string, unknown>)[k as string], level + 1);
      }
      if (indent !== null) out += '\n' + indent.repeat(level);
      out += '}';
      open.pop();
      return;
    }
    throw pyErr('TypeError', `Object of type ${typeName(v)} is not JSON serializable`);
  };

  encode(value, 0);
  return out;
}

const CIRCULAR_CHECK_DEPTH = 64;

const KW_NAMES: Record<string, keyof JsonDumpsOptions | ''> = {
  ensure_ascii: 'ensureAscii', indent: 'indent', separators: 'separators', sort_keys: 'sortKeys', allow_nan: 'allowNan',
  skipkeys: 'skipKeys', check_circular: '', cls: '', default: '',
};

/** json.dumps keyword arguments (a dict or plain object of Python names) as options. */
export function jsonOptionsFromKwargs(kwargs: unknown): JsonDumpsOptions {
  const opts: JsonDumpsOptions = {};
  if (kwargs === null || kwargs === undefined) return opts;
  const entries: [unknown, unknown][] = kwargs instanceof Map ? [...kwargs.entries()] : Object.entries(kwargs as object);
  for (const [k, v] of entries) {
    const name = KW_NAMES[String(k)];
    if (name === undefined) throw pyErr('TypeError', `__init__() got an unexpected keyword argument '${String(k)}'`);
    if (name === '' || v === undefined) continue;
    if (name === 'indent') opts.indent = v === null ? null : (strOf(v) ?? Number(v));
    else if (name === 'separators') {
      if (v !== null) {
        const [a, b] = v as unknown[];
        opts.separators = [strOf(a) ?? String(a), strOf(b) ?? String(b)];
      }
    } else {
      (opts as Record<string, unknown>)[name] = v !== false && v !== null && v !== 0 && v !== '';
    }
  }
  return opts;
}

/**
 * Serialize to JSON and mark safe for HTML/`<script>` (`<`, `>`, `&`, `'` become `\u003c` ...).
 * Uses policies `json.dumps_function` / `json.dumps_kwargs` (default `{sort_keys: true}`).
 * `{{ {'b': 1, 'a': '<x>'}|tojson }}` → `{"a": "\u003cx\u003e", "b": 1}`
 */
export function tojson(evalCtx: EvalContext, value: unknown, indent: unknown = null): Markup {
  const env = evalCtx.environment;
  const policies = env.policies;
  const dumps = policies['json.dumps_function'];
  let kwargs: unknown = Object.prototype.hasOwnProperty.call(policies, 'json.dumps_kwargs')
    ? policies['json.dumps_kwargs']
    : { sort_keys: true };
  if (indent !== null && indent !== undefined) {
    const copy: Kwargs = Object.create(null);
    if (kwargs instanceof Map) for (const [k, v] of kwargs) copy[String(k)] = v;
    else if (kwargs) Object.assign(copy, kwargs);
    copy.indent = indent;
    kwargs = copy;
  }
  let out: string;
  if (dumps !== null && dumps !== undefined) {
    const kw: Kwargs = Object.create(null);
    if (kwargs instanceof Map) for (const [k, v] of kwargs) kw[String(k)] = v;
    else if (kwargs) Object.assign(kw, kwargs);
    const r = env.call(dumps, [value], kw);
    out = strOf(r) ?? String(r);
  } else {
    out = pyJsonDumps(value, jsonOptionsFromKwargs(kwargs));
  }
  return new Markup(out.replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026').replace(/'/g, '\\u0027'));
}
tojson.params = ['value', 'indent'];
tojson.pass = 'evalContext' as const;
