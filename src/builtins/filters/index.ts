/**
 * Jinja2 3.1's builtin filters, by name (54 names, aliases included: `d`/`default`,
 * `e`/`escape`, `count`/`length`).
 */

import type { Callable } from '../../runtime/types.js';
import { attr, escape, forceescape, safe, striptags, urlencode, urlize, xmlattr } from './html.js';
import { tojson } from './json.js';
import { abs, filesizeformat, float, int, round } from './numeric.js';
import { dictsort, groupby, max, min, sort, unique } from './ordering.js';
import { pprint } from './pprint.js';
import { map, reject, rejectattr, select, selectattr } from './select.js';
import {
  batch, default_, first, items, join, last, length, list, random, reverse, slice, sum,
} from './sequence.js';
import {
  capitalize, center, format, indent, lower, replace, string, title, trim, truncate, upper, wordcount, wordwrap,
} from './string.js';

export { FilterArgumentError } from './util.js';
export { pyJsonDumps, type JsonDumpsOptions } from './json.js';
export { pformat } from './pprint.js';
export { htmlUnescape } from './html-unescape.js';
export { groupTuple } from './ordering.js';

export const FILTERS: Record<string, Callable> = {
  abs,
  attr,
  batch,
  capitalize,
  center,
  count: length,
  d: default_,
  default: default_,
  dictsort,
  e: escape,
  escape,
  filesizeformat,
  first,
  float,
  forceescape,
  format,
  groupby,
  indent,
  int,
  join,
  last,
  length,
  list,
  lower,
  items,
  map,
  min,
  max,
  pprint,
  random,
  reject,
  rejectattr,
  replace,
  reverse,
  round,
  safe,
  select,
  selectattr,
  slice,
  sort,
  string,
  striptags,
  sum,
  title,
  trim,
  truncate,
  unique,
  upper,
  urlencode,
  urlize,
  wordcount,
  wordwrap,
  xmlattr,
  tojson,
};
