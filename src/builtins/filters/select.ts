/**
 * Filters that apply another filter or a test to each item: map, select, reject, selectattr,
 * rejectattr. Like Jinja2's they are lazy generators; a falsy input yields nothing, and argument
 * errors surface when iteration starts.
 */

import { pyRepr } from '../../runtime/repr.js';
import { truthy } from '../../runtime/ops.js';
import type { ContextLike, Kwargs } from '../../runtime/types.js';
import { FilterArgumentError, makeAttrGetter, PyGenerator, pyIter, splitKwargs, type Getter } from './util.js';

function prepareMap(ctx: ContextLike, args: unknown[], kwargs: Kwargs): Getter {
  const env = ctx.environment;
  if (args.length === 0 && Object.prototype.hasOwnProperty.call(kwargs, 'attribute')) {
    const rest: Kwargs = Object.assign(Object.create(null) as Kwargs, kwargs);
    const attribute = rest.attribute;
    delete rest.attribute;
    const dflt = Object.prototype.hasOwnProperty.call(rest, 'default') ? rest.default : null;
    delete rest.default;
    const extra = Object.keys(rest);
    if (extra.length > 0) throw new FilterArgumentError(`Unexpected keyword argument ${pyRepr(extra[0])}`);
    return makeAttrGetter(env, attribute, null, dflt);
  }
  if (args.length === 0) throw new FilterArgumentError('map requires a filter argument');
  const name = args[0] as string;
  const fargs = args.slice(1);
  const kw = Object.keys(kwargs).length > 0 ? kwargs : null;
  return (item) => env.callFilter(name, item, fargs, kw, ctx);
}

function* mapGen(ctx: ContextLike, value: unknown, args: unknown[], kwargs: Kwargs): Generator<unknown> {
  if (!truthy(value)) return;
  const func = prepareMap(ctx, args, kwargs);
  for (const item of pyIter(value)) yield func(item);
}

/**
 * Apply a filter to each item (`map('lower')`, extra arguments are passed on), or look up an
 * attribute of each (`map(attribute='name', default='?')`).
 * `{{ ['A', 'B']|map('lower')|join(',') }}` → `a,b`
 */
export function map(ctx: ContextLike, value: unknown, ...rest: unknown[]): Iterable<unknown> {
  const [args, kwargs] = splitKwargs(rest);
  return new PyGenerator(mapGen(ctx, value, args, kwargs), 'sync_do_map');
}
map.params = ['value'];
map.varArgs = true;
map.varKw = true;
map.pass = 'context' as const;

function prepareSelect(ctx: ContextLike, args: unknown[], kwargs: Kwargs, negate: boolean, lookupAttr: boolean): (item: unknown) => boolean {
  const env = ctx.environment;
  let trans: Getter | null = null;
  let off = 0;
  if (lookupAttr) {
    if (args.length === 0) throw new FilterArgumentError('Missing parameter for attribute name');
    trans = makeAttrGetter(env, args[0]);
    off = 1;
  }
  let test: Getter;
  if (args.length > off) {
    const name = args[off] as string;
    const targs = args.slice(off + 1);
    const kw = Object.keys(kwargs).length > 0 ? kwargs : null;
    test = (x) => env.callTest(name, x, targs, kw, ctx);
  } else {
    test = (x) => x;
  }
  return (item) => {
    const r = truthy(test(trans ? trans(item) : item));
    return negate ? !r : r;
  };
}

function* selectGen(
  ctx: ContextLike, value: unknown, rest: unknown[], negate: boolean, lookupAttr: boolean,
): Generator<unknown> {
  if (!truthy(value)) return;
  const [args, kwargs] = splitKwargs(rest);
  const keep = prepareSelect(ctx, args, kwargs, negate, lookupAttr);
  for (const item of pyIter(value)) if (keep(item)) yield item;
}

/**
 * Keep the items that pass a test (or are truthy when no test is named).
 * `{{ [1, 2, 3, 4]|select('odd')|list }}` → `[1, 3]`
 */
export function select(ctx: ContextLike, value: unknown, ...rest: unknown[]): Iterable<unknown> {
  return new PyGenerator(selectGen(ctx, value, rest, false, false), 'select_or_reject');
}

/**
 * Drop the items that pass a test (or are truthy when no test is named).
 * `{{ [1, 2, 3, 4]|reject('odd')|list }}` → `[2, 4]`
 */
export function reject(ctx: ContextLike, value: unknown, ...rest: unknown[]): Iterable<unknown> {
  return new PyGenerator(selectGen(ctx, value, rest, true, false), 'select_or_reject');
}

/**
 * Keep the items whose attribute passes a test (or is truthy).
 * `{{ users|selectattr('active')|map(attribute='name')|join(',') }}`
 */
export function selectattr(ctx: ContextLike, value: unknown, ...rest: unknown[]): Iterable<unknown> {
  return new PyGenerator(selectGen(ctx, value, rest, false, true), 'select_or_reject');
}

/**
 * Drop the items whose attribute passes a test (or is truthy).
 * `{{ users|rejectattr('email', 'none')|map(attribute='name')|join(',') }}`
 */
export function rejectattr(ctx: ContextLike, value: unknown, ...rest: unknown[]): Iterable<unknown> {
  return new PyGenerator(selectGen(ctx, value, rest, true, true), 'select_or_reject');
}

select.params = ['value'];
select.varArgs = true;
select.varKw = true;
select.pass = 'context' as const;
reject.params = ['value'];
reject.varArgs = true;
reject.varKw = true;
reject.pass = 'context' as const;
selectattr.params = ['value'];
selectattr.varArgs = true;
selectattr.varKw = true;
selectattr.pass = 'context' as const;
rejectattr.params = ['value'];
rejectattr.varArgs = true;
rejectattr.varKw = true;
rejectattr.pass = 'context' as const;
