/**
 * `pprint`: a port of Python 3.11's `pprint.pformat` (indent=1, width=80, sort_dicts=True) for
 * template values: dicts are sorted, long lists/tuples/dicts break one item per line, long
 * strings are split into adjacent literals.
 */

import { PythonError } from '../../errors.js';
import { cpLen } from '../../runtime/format-spec.js';
import { pyRepr, typeName } from '../../runtime/repr.js';
import { pySplitlines } from '../../runtime/str-methods.js';
import { GETATTR, isPlainObject, isTuple } from '../../runtime/values.js';
import { PY_SPACE, pyLess, pySorted } from './util.js';

const WIDTH = 80;

type Kind = 'dict' | 'list' | 'tuple' | 'str' | null;

/** Which of pprint's dispatch entries applies (types with their own __repr__ get none). */
function kindOf(v: unknown): Kind {
  if (typeof v === 'string') return 'str';
  if (v instanceof Map || isPlainObject(v)) return 'dict';
  if (Array.isArray(v)) {
    if (GETATTR in v) return null; // groupby's tuple subclass has its own repr
    if (isTuple(v)) return 'tuple';
    return typeName(v) === 'list' ? 'list' : null;
  }
  return null;
}

function entriesOf(d: unknown): [unknown, unknown][] {
  return d instanceof Map ? [...d.entries()] : Object.entries(d as object);
}

/** pprint's `_safe_key` ordering: `<` when it works, else by type name. */
function safeLess(a: unknown, b: unknown): boolean {
  try {
    return pyLess(a, b);
  } catch (e) {
    if (!(e instanceof PythonError && e.name === 'TypeError')) throw e;
    const ta = `<class '${typeName(a)}'>`;
    const tb = `<class '${typeName(b)}'>`;
    return ta < tb;
  }
}

function sortedItems(d: unknown): [unknown, unknown][] {
  const items = entriesOf(d);
  return pySorted(items, null, (x, y) => {
    const [k1, v1] = x as [unknown, unknown];
    const [k2, v2] = y as [unknown, unknown];
    // tuples of _safe_key objects: the keys never compare equal (identity), so keys decide
    return k1 === k2 ? safeLess(v1, v2) : safeLess(k1, k2);
  });
}

/**
 * pprint's `_safe_repr`: repr with dicts sorted, recursively through dicts, lists, tuples;
 * containers at `level >= maxLevels` (when set) print as `{...}` / `[...]` / `(...)`.
 */
function safeRepr(v: unknown, level = 0, maxLevels = 0): string {
  const k = kindOf(v);
  const deeper = (x: unknown) => safeRepr(x, level + 1, maxLevels);
  const cut = maxLevels > 0 && level >= maxLevels;
  if (k === 'dict') {
    const items = sortedItems(v);
    if (items.length === 0) return '{}';
    if (cut) return '{...}';
    return '{' + items.map(([key, val]) => `${deeper(key)}: ${deeper(val)}`).join(', ') + '}';
  }
  if (k === 'list') {
    const a = v as unknown[];
    if (a.length === 0) return '[]';
    return cut ? '[...]' : '[' + a.map(deeper).join(', ') + ']';
  }
  if (k === 'tuple') {
    const a = v as unknown[];
    if (a.length === 0) return '()';
    if (a.length === 1) return cut ? '(...,)' : '(' + deeper(a[0]) + ',)';
    return cut ? '(...)' : '(' + a.map(deeper).join(', ') + ')';
  }
  return pyRepr(v);
}

/** `pprint.pformat`'s `depth` (0: unlimited) and `compact` arguments. */
export interface PformatOptions {
  depth?: number;
  compact?: boolean;
}

const PARTS_RE = new RegExp(`[^${PY_SPACE}]*[${PY_SPACE}]*`, 'g');

class Printer {
  out: string[] = [];
  constructor(readonly depth = 0, readonly compact = false) {}

  write(s: string): void {
    this.out.push(s);
  }

  format(v: unknown, indent: number, allowance: number, level: number): void {
    const rep = safeRepr(v, level, this.depth);
    const maxWidth = WIDTH - indent - allowance;
    if (cpLen(rep) > maxWidth) {
      const k = kindOf(v);
      if (k === 'dict') return this.dict(v, indent, allowance, level + 1);
      if (k === 'list') return this.seq(v as unknown[], '[', ']', indent, allowance, level + 1);
      if (k === 'tuple') {
        const a = v as unknown[];
        return this.seq(a, '(', a.length === 1 ? ',)' : ')', indent, allowance, level + 1);
      }
      if (k === 'str') return this.str(v as string, indent, allowance, level + 1);
    }
    this.write(rep);
  }

  dict(d: unknown, indent: number, allowance: number, level: number): void {
    this.write('{');
    const items = sortedItems(d);
    if (items.length > 0) {
      indent += 1;
      const delimnl = ',\n' + ' '.repeat(indent);
      items.forEach(([key, ent], i) => {
        const last = i === items.length - 1;
        const rep = safeRepr(key, level, this.depth);
        this.write(rep);
        this.write(': ');
        this.format(ent, indent + cpLen(rep) + 2, last ? allowance + 1 : 1, level);
        if (!last) this.write(delimnl);
      });
    }
    this.write('}');
  }

  seq(items: unknown[], open: string, close: string, indent: number, allowance: number, level: number): void {
    this.write(open);
    indent += 1;
    allowance += close.length;
    const delimnl = ',\n' + ' '.repeat(indent);
    // pprint's _format_items: compact mode fills lines with as many short reprs as fit
    let delim = '';
    let width = WIDTH - indent + 1;
    let maxWidth = width;
    items.forEach((ent, i) => {
      const last = i === items.length - 1;
      if (last) {
        maxWidth -= allowance;
        width -= allowance;
      }
      if (this.compact) {
        const rep = safeRepr(ent, level, this.depth);
        const w = cpLen(rep) + 2;
        if (width < w) {
          width = maxWidth;
          if (delim) delim = delimnl;
        }
        if (width >= w) {
          width -= w;
          this.write(delim);
          delim = ', ';
          this.write(rep);
          return;
        }
      }
      this.write(delim);
      delim = delimnl;
      this.format(ent, indent, last ? allowance : 1, level);
    });
    this.write(close);
  }

  str(s: string, indent: number, allowance: number, level: number): void {
    if (s.length === 0) return this.write(pyRepr(s));
    const chunks: string[] = [];
    const lines = pySplitlines(s, true);
    if (level === 1) {
      indent += 1;
      allowance += 1;
    }
    let maxWidth1 = WIDTH - indent;
    const maxWidth = maxWidth1;
    let rep = '';
    lines.forEach((line, i) => {
      rep = pyRepr(line);
      if (i === lines.length - 1) maxWidth1 -= allowance;
      if (cpLen(rep) <= maxWidth1) {
        chunks.push(rep);
        return;
      }
      const parts = line.match(PARTS_RE) ?? [];
      if (parts.length > 0 && parts[parts.length - 1] === '') parts.pop();
      let maxWidth2 = maxWidth;
      let current = '';
      parts.forEach((part, j) => {
        const candidate = current + part;
        if (j === parts.length - 1 && i === lines.length - 1) maxWidth2 -= allowance;
        if (cpLen(pyRepr(candidate)) > maxWidth2) {
          if (current) chunks.push(pyRepr(current));
          current = part;
        } else {
          current = candidate;
        }
      });
      if (current) chunks.push(pyRepr(current));
    });
    if (chunks.length === 1) return this.write(rep);
    if (level === 1) this.write('(');
    chunks.forEach((c, i) => {
      if (i > 0) this.write('\n' + ' '.repeat(indent));
      this.write(c);
    });
    if (level === 1) this.write(')');
  }
}

/**
 * Python's `pprint.pformat(value, depth=..., compact=...)`.
 * @example pformat({ b: [1, 2], a: { c: { d: 1 } } }, { depth: 2 }) // "{'a': {'c': {...}}, 'b': [1, 2]}"
 */
export function pformat(value: unknown, options: PformatOptions = {}): string {
  const p = new Printer(options.depth ?? 0, options.compact ?? false);
  p.format(value, 0, 0, 0);
  return p.out.join('');
}

/**
 * Pretty-print a value as Python's pprint would (for debugging).
 * `{{ {'b': 1, 'a': 2}|pprint }}` → `{'a': 2, 'b': 1}`
 */
export function pprint(value: unknown): string {
  return pformat(value);
}
pprint.params = ['value'];
