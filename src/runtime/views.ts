/**
 * Python's dict views, `d.items()`, `d.keys()`, `d.values()`: arrays of the items marked with
 * DICT_VIEW, whose value is the view's type name. They iterate, have a length and support `in`
 * like Python's views, print as `dict_items([('a', 1)])`, are not subscriptable and have no list
 * methods. Unlike Python's live views they are snapshots taken when the method is called.
 */

import { rangeBounds } from './range.js';

/** Marks arrays returned by `dict.items()/keys()/values()`; the value is the view's type name. */
export const DICT_VIEW: unique symbol = Symbol('jinjit.dictView');
export type DictViewKind = 'dict_items' | 'dict_keys' | 'dict_values';

/** The view type of `v` (`'dict_keys'`...), or undefined when it is not a dict view. */
export function dictViewKind(v: unknown): DictViewKind | undefined {
  return Array.isArray(v) ? (v as unknown as { [DICT_VIEW]?: DictViewKind })[DICT_VIEW] : undefined;
}

/**
 * Mark `items` (in place) as a dict view of the given kind.
 * @example pyRepr(mkView(['a'], 'dict_keys')) // "dict_keys(['a'])"
 */
export function mkView<T extends unknown[]>(items: T, kind: DictViewKind): T {
  Object.defineProperty(items, DICT_VIEW, { value: kind, enumerable: false });
  return items;
}

/** A range or dict view: an array that is not a Python list or tuple (see range.ts). */
export function isRangeOrView(v: unknown[]): boolean {
  return rangeBounds(v) !== undefined || dictViewKind(v) !== undefined;
}
