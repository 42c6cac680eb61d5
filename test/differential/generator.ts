/**
 * fast-check generator of Jinja2 templates, JSON contexts and environment options for the
 * differential fuzzer (see ./runner.ts). Templates are syntactically valid by construction
 * (except the few deliberately mutated ones, `syntaxMutation`); expressions are loosely typed so
 * most cases render instead of raising, which is where the interesting disagreements are.
 *
 * Deliberately NOT generated (known, tracked differences): printing a `range` or a dict view
 * (`dict_items(...)`) bare — both are always wrapped in `|list`; printing `loop` itself; `\N{...}`
 * escapes; `sameas` between numbers or strings (identity of small ints/interned strings is a
 * CPython detail). Contexts hold only ints inside ±2**53 and non-integral floats (a JSON `3.0` is
 * the JS number 3, an int; the Python server decodes it as an int too).
 *
 * @example
 * import fc from 'fast-check';
 * const [c] = fc.sample(diffCase, { seed: 1, numRuns: 1 });
 * // c = { template: '{{ s|upper }}...', context: { n: 3, ... }, options: { trim_blocks: false, ... } }
 */
import fc from 'fast-check';

/** One generated case: Jinja2 options use Python's keyword names (diff_server.py builds the env). */
export interface DiffCase {
  template: string;
  context: Record<string, unknown>;
  options: DiffOptions;
}

export interface DiffOptions {
  autoescape: boolean;
  trim_blocks: boolean;
  lstrip_blocks: boolean;
  keep_trailing_newline: boolean;
  undefined: 'Undefined' | 'StrictUndefined' | 'ChainableUndefined' | 'DebugUndefined';
  extensions: string[];
}

// Delimiters are emitted as sentinels, then given whitespace-control markers in a final pass, so
// string literals containing `}}` or `%}` are never touched.
const BO = '\x01';
const BC = '\x02';
const VO = '\x03';
const VC = '\x04';
const CO = '\x05';
const CC = '\x06';

const tag = (inner: string): string => `${BO} ${inner} ${BC}`;
const out = (e: string): string => `${VO} ${e} ${VC}`;

const { constantFrom: pick, tuple, oneof } = fc;

// ------------------------------------------------------------------ literals and context values

/** Characters Python and JS disagree about easily: case mapping, astral planes, line breaks. */
const CHARS = [
  'a', 'b', 'c', 'A', 'Z', ' ', ' ', '\n', '\t', ',', '.', '-', '_', '1', '9', '0', 'é', 'ß', 'İ', 'ı', 'ς', 'Σ',
  '😀', '<', '>', '&', '"', "'", '%', '{', '}', '\\', 'ǅ', 'ﬁ', '\u00a0', '\u2028', '日', 'x', 'y', '\r',
];
const textChar = pick(...CHARS);
const randomStr = fc.array(textChar, { maxLength: 8 }).map((cs) => cs.join(''));
const STR_POOL = [
  '', 'hello', 'Hello World', 'foo bar baz', '  padded  ', 'a,b,,c', 'it\'s', 'say "hi"', '<b>bold</b> & co',
  'line1\nline2\n', 'tab\there', 'ÉCOLE élève', 'straße', '日本語', '😀 smile', '123', '-4.5', '1e3', '  42  ',
  'MiXeD CaSe', 'hello world. how are you?', 'x_y-z', 'a' + ' b'.repeat(12),
];
const ctxStr = oneof(pick(...STR_POOL), randomStr);
const smallInt = fc.integer({ min: -20, max: 100 });
/** Non-integral floats only: an integral JSON float is an int in JS (documented limit). */
const ctxFloat = oneof(
  pick(0.1, 0.5, 1.5, -2.25, 3.14159, 1e-7, 123456.789, 0.30000000000000004, 2.675, 1.005),
  fc.integer({ min: -100000, max: 100000 }).map((i) => i / 100).filter((f) => !Number.isInteger(f)),
);
const KEYS = ['a', 'b', 'c', 'name', 'age', 'k1', 'x y', 'é', 'items', 'values'];
const jsonLeaf = oneof(smallInt, ctxFloat, ctxStr, fc.boolean(), fc.constant(null));
const jsonValue: fc.Arbitrary<unknown> = fc.letrec<{ v: unknown }>((tie) => ({
  v: oneof(
    { maxDepth: 2, depthSize: 'small' },
    jsonLeaf,
    fc.array(tie('v'), { maxLength: 4 }),
    fc.uniqueArray(fc.tuple(pick(...KEYS), tie('v')), { maxLength: 4, selector: ([k]) => k }).map((es) => Object.fromEntries(es)),
  ),
})).v;
const user = fc.record({ name: oneof(pick('ann', 'Bob', 'carl', 'Dana', 'bob'), randomStr), age: fc.integer({ min: 1, max: 60 }), active: fc.boolean() });
const treeNode = (depth: number): fc.Arbitrary<unknown> =>
  fc.record({
    name: pick('root', 'a', 'b', 'leaf', 'é'),
    children: depth <= 0 ? fc.constant([]) : fc.array(treeNode(depth - 1), { maxLength: 2 }),
  });

/** The context: fixed, typed names (the generator relies on their types) with random values. */
export const contextArb: fc.Arbitrary<Record<string, unknown>> = fc.record({
  n: smallInt,
  m: fc.integer({ min: 0, max: 6 }),
  big: pick(9007199254740991, -9007199254740991, 1234567890123),
  f: ctxFloat,
  s: ctxStr,
  t: ctxStr,
  html: pick('<a href="x?a=1&b=2">Tom & "Jerry"</a>', "<script>alert('x')</script>", 'plain'),
  b: fc.boolean(),
  xs: fc.array(smallInt, { minLength: 1, maxLength: 6 }),
  ys: fc.array(smallInt, { maxLength: 3 }),
  ss: fc.array(ctxStr, { minLength: 1, maxLength: 5 }),
  fs: fc.array(oneof(smallInt, ctxFloat), { maxLength: 4 }),
  d: tuple(smallInt, smallInt, fc.uniqueArray(fc.tuple(pick(...KEYS.slice(2)), smallInt), { maxLength: 4, selector: ([k]) => k }))
    .map(([a, b, es]) => ({ a, b, ...Object.fromEntries(es) })),
  users: fc.array(user, { minLength: 1, maxLength: 4 }),
  nested: fc.record({ a: fc.record({ b: fc.array(smallInt, { maxLength: 3 }), c: ctxStr }), z: jsonValue }),
  tree: fc.array(treeNode(2), { maxLength: 3 }),
  x: jsonValue,
  none_val: fc.constant(null),
  empty: fc.constant(''),
});

/** A Jinja2 string literal for `s`: random quote style, Python escapes. */
function strLit(s: string, dq: boolean): string {
  const q = dq ? '"' : "'";
  let body = '';
  for (const ch of s) {
    if (ch === '\\') body += '\\\\';
    else if (ch === q) body += '\\' + q;
    else if (ch === '\n') body += '\\n';
    else if (ch === '\r') body += '\\r';
    else if (ch === '\t') body += '\\t';
    else body += ch;
  }
  return q + body + q;
}

const STR_LIT_SOURCES = [
  "'hello'", '"world"', "'it\\'s'", '"say \\"hi\\""', "'a\\nb'", "'tab\\there'", "'\\\\'", "'\\x41\\u00e9'",
  "'\\U0001F600'", "'é日本'", "'😀x'", "'<b>&amp;\"</b>'", "''", "' padded  '", "'a,b,,c'", "'Hello World'",
  "'%'", "'{}'", "'}}'", "'%}'", "'\\d'", "'\\0'", "'123'", "'-4.5'", "'  42  '", "'ß'", "'ǅ'", "'ﬁ'", "'ı'",
  "'a\nb'", "'x'", "'abc'", "','", "' '", "'-'", "'foo bar'",
];
const strLiteral = oneof(pick(...STR_LIT_SOURCES), tuple(randomStr, fc.boolean()).map(([s, dq]) => strLit(s, dq)));
const INT_LIT = ['0', '1', '2', '3', '7', '10', '-1', '-5', '100', '1_000', '0x1F', '0o17', '0b101', '9007199254740993', '12345678901234567890', '-0'];
const intLiteral = oneof(pick(...INT_LIT), smallInt.map(String));
const FLOAT_LIT = ['0.1', '1.5', '2.0', '-0.0', '3.14159', '1e3', '1.5e-7', '1e100', '123456789.123', '2.675', '1_0.5', '0.5', '10.0'];
const floatLiteral = pick(...FLOAT_LIT);
const small = pick('0', '1', '2', '3', '4');
// 'items'/'values' stay out of subscripts: a missing key falls back to the bound method, whose
// str() has a CPython address (`at 0x...`) that only the repr printing path strips
const keyLit = pick(...KEYS.filter((k) => k !== 'items' && k !== 'values').map((k) => strLit(k, false)), "'zz'");
const attrKey = pick('a', 'b', 'name', 'age', 'zz', 'c');
const sepLit = pick("''", "', '", "'-'", "'|'", '" "');

// ------------------------------------------------------------------ expressions and statements

type Tie = (key: string) => fc.Arbitrary<string>;

/** Wrap a compound expression in parentheses most of the time (keep some bare for precedence). */
const operand = (a: fc.Arbitrary<string>): fc.Arbitrary<string> =>
  tuple(a, fc.nat(9)).map(([e, r]) => (isAtom(e) || (r >= 7 && !/ if /.test(e)) ? e : `(${e})`));
const bin = (a: fc.Arbitrary<string>, ops: string[], b: fc.Arbitrary<string>): fc.Arbitrary<string> =>
  tuple(operand(a), pick(...ops), operand(b)).map(([x, op, y]) => `${x} ${op} ${y}`);
/** `e|f...` on a parenthesized/atomic left side. */
const post = (a: fc.Arbitrary<string>, suffixes: fc.Arbitrary<string>): fc.Arbitrary<string> =>
  tuple(a, fc.nat(9), suffixes).map(([e, r, s]) =>
    // method calls and subscripts need a primary: `a|f.m()` is a syntax error
    /^[.[]/.test(s) ? operand1(e) + s : (isAtom(e) || (r >= 7 && !/ if /.test(e)) ? e : `(${e})`) + s,
  );

const O = { maxDepth: 3, depthIdentifier: 'jinja-expr', depthSize: 'small', withCrossShrink: true } as const;
const S = { maxDepth: 3, depthIdentifier: 'jinja-stmt', depthSize: 'small', withCrossShrink: true } as const;

const TESTS_NOARG = ['defined', 'undefined', 'none', 'string', 'number', 'integer', 'float', 'mapping', 'sequence', 'iterable', 'callable', 'boolean', 'true', 'false', 'lower', 'upper', 'odd', 'even', 'escaped'];

function exprs(tie: Tie): Record<string, fc.Arbitrary<string>> {
  const int = tie('int');
  const flt = tie('float');
  const num = oneof(int, flt);
  const str = tie('str');
  const bool = tie('bool');
  const lint = tie('lint');
  const lstr = tie('lstr');
  const lany = tie('lany');
  const dict = tie('dict');
  const any = tie('any');
  return {
    int: oneof(
      O,
      oneof(intLiteral, pick('n', 'm', 'big', 'xs|length', 's|length', 'd|length', 'users|length', 'xs[0]', 'users[0].age')),
      bin(int, ['+', '-', '*', '//', '%'], int),
      bin(int, ['**'], small),
      int.map((e) => `-${/^\w+$/.test(e) ? e : `(${e})`}`),
      post(int, pick('|abs', '|int', '|default(3)', '|string|length')),
      post(flt, pick('|int', '|round|int', '|round(0, "floor")|int')),
      post(str, pick('|int', '|int(7)', '|int(0, 16)', '|length', '|wordcount', ".count('a')", ".find('o')", '.rfind(" ")')),
      post(lint, pick('|sum', '|min', '|max', '|first', '|last', '|length', '|sum(start=10)', '.count(1)', '.index(xs[0])', '|list|reverse|first')),
      tuple(lint, int).map(([l, i]) => `${operand1(l)}[${i}]`),
      tuple(int, bool, int).map(([a, c, b]) => `${a} if ${c} else ${b}`),
      keyLit.map((k) => `d[${k}]`),
      attrKey.map((k) => `d.${k}`),
      small.map((k) => `range(${k})|sum`),
      post(lstr, pick('|length', '|count', ".count('a')", '.index(ss[0])')),
    ),
    float: oneof(
      O,
      oneof(floatLiteral, pick('f', 'fs|sum', 'nested.z')),
      bin(num, ['/'], num),
      bin(flt, ['+', '-', '*', '//', '%'], num),
      bin(flt, ['**'], small),
      post(flt, pick('|round', '|round(2)', '|round(1, "floor")', '|round(1, "ceil")', '|abs', '|float', '|default(0.5)')),
      post(int, pick('|float', '/ 3', '* 1.5', '/ 7')),
      post(str, pick('|float', '|float(1.5)')),
    ),
    str: oneof(
      O,
      oneof(strLiteral, pick('s', 't', 'html', 'empty', 'ss[0]', 'ss|first', 'users[0].name', 'nested.a.c')),
      bin(any, ['~'], any),
      bin(str, ['+'], str),
      tuple(operand(str), small).map(([a, k]) => `${a} * ${k}`),
      post(str, pick('|upper', '|lower', '|title', '|capitalize', '|trim', '|striptags', '|e', '|escape', '|forceescape', '|safe', '|string', '|reverse', '|urlencode', '|wordwrap(10)', '|wordwrap(5, true, "/")', '|trim("ax")')),
      post(str, pick('|center(12)', '|center(3)', '|truncate(9)', '|truncate(5, true, "..", 0)', '|truncate(12, killwords=false)', '|indent', '|indent(2, true)', "|indent(width='> ', first=true, blank=true)", '|replace("a", "@")', "|replace('o', '0', 1)", "|replace('', '-')", '|default("dflt")', '|default("dflt", true)')),
      post(str, pick('.upper()', '.lower()', '.strip()', '.title()', '.capitalize()', '.swapcase()', '.lstrip()', '.rstrip(" .")', ".replace('l', 'L')", ".split()|join('|')", ".split(',')|join('/')", ".center(11, '*')", '.ljust(6)', '.rjust(6, "0")', '.zfill(5)', '.casefold()', ".partition(' ')|join('#')", '.splitlines()|join("/")', '.expandtabs(4)', '[0]', '[-1]', '[1:3]', '[::-1]', '[::2]', '[:-1]')),
      post(lstr, pick('|join', "|join(', ')", '|first', '|last', '|min', '|max', '|sort|join("-")', '|map("upper")|join(",")', '|string')),
      tuple(lint, sepLit).map(([l, sep]) => `${/^\w+$/.test(l) ? l : `(${l})`}|join(${sep})`),
      post(any, pick('|string', '|tojson', '|pprint', '|lower', '|e', '|default("none")', '|list|string', '|length|string')),
      post(int, pick('|filesizeformat', '|filesizeformat(true)', '|string', '|center(7)', '|tojson')),
      tuple(pick("'%s|%s'", "'%r'", "'%5s|%-5s'", "'%s and %s'"), any, any).map(([fmt, a, b]) => (fmt === "'%r'" ? `${fmt}|format(${a})` : `${fmt}|format(${a}, ${b})`)),
      tuple(pick("'%d'", "'%05d'", "'%x'", "'%+d'", "'%.2f'", "'%e'", "'%g'", "'%10.3f'"), num).map(([fmt, a]) => `${fmt}|format(${a})`),
      tuple(pick("'{}-{}'", "'{1}{0}'", "'{!r}:{}'", "'{:>8}|{:<4}'", "'{:^9}{}'"), any, any).map(([fmt, a, b]) => `${fmt}.format(${a}, ${b})`),
      tuple(pick("'{:.3f}'", "'{:,}'", "'{:08.2f}'", "'{:+}'", "'{:e}'", "'{:%}'", "'{:x}'", "'{:b}'"), num).map(([fmt, a]) => `${fmt}.format(${a})`),
      tuple(str, bool, str).map(([a, c, b]) => `${a} if ${c} else ${b}`),
      tuple(sepLit, lstr).map(([sep, l]) => `${sep}.join(${l})`),
      dict.map((d) => `${d}|xmlattr`),
      post(str, pick('|urlize', '|urlize(10)')),
    ),
    bool: oneof(
      O,
      pick('true', 'false', 'True', 'False', 'b', 'none_val is none', 'n > 3'),
      bin(int, ['<', '>', '<=', '>=', '==', '!='], int),
      tuple(int, pick('<', '<=', '=='), int, pick('<', '!=', '>'), int).map(([a, o1, b, o2, c]) => `${a} ${o1} ${b} ${o2} ${c}`),
      bin(num, ['<', '==', '>='], num),
      bin(str, ['==', '!=', '<', 'in', 'not in'], str),
      bin(any, ['==', '!='], any),
      bin(int, ['in', 'not in'], lint),
      bin(str, ['in', 'not in'], oneof(lstr, dict)),
      bool.map((e) => `not ${e}`),
      bin(bool, ['and', 'or'], bool),
      tuple(any, fc.boolean(), pick(...TESTS_NOARG)).map(([e, neg, t]) => `${operand1(e)} is ${neg ? 'not ' : ''}${t}`),
      tuple(int, pick('divisibleby(3)', 'eq(3)', 'ne(0)', 'lt 5', 'gt(2)', 'ge 0', 'le(10)', 'in([1, 2, 3])', 'equalto 3', 'sameas none', 'sameas(true)')).map(([e, t]) => `${operand1(e)} is ${t}`),
      tuple(any, pick('in ["a", 1, none]', 'sameas none', 'sameas false', 'eq "x"', 'filter', 'test')).map(([e, t]) => `${operand1(e)} is ${t}`),
      post(str, pick(".startswith('a')", ".endswith('o')", '.isdigit()', '.isalpha()', '.isspace()', '.islower()', '.isupper()', '.istitle()', '.isalnum()', ".startswith(('h', 'H'))")),
      any.map((e) => `${operand1(e)} | length > 1`),
    ),
    lint: oneof(
      O,
      pick('xs', '[]', '[1, 2, 3]', '[3, 1, 2, 3]', '[-1, 0, 10]', 'nested.a.b', '[5]', 'fs'),
      fc.array(int, { minLength: 1, maxLength: 3 }).map((es) => `[${es.join(', ')}]`),
      tuple(small, maybe(tuple(fc.integer({ min: -10, max: 30 }).map(String), small), 0.5)).map(([a, r]) => (r ? `range(${a}, ${r[0]}, ${r[1] === '0' ? '1' : r[1]})|list` : `range(${a})|list`)),
      post(lint, pick('|sort', '|sort(reverse=true)', '|reverse|list', '|unique|list', "|select('odd')|list", "|reject('even')|list", "|select('gt', 2)|list", "|select('in', [1, 2])|list", "|map('abs')|list", "|map('int')|list", '|list', '[1:]', '[:2]', '[::-1]', '[1:-1]', '|batch(2)|first', '|slice(2)|first', '|batch(2)|map("sum")|list')),
      bin(lint, ['+'], lint),
      tuple(operand(lint), small).map(([a, k]) => `${a} * ${k}`),
      pick("users|map(attribute='age')|list", 'd.values()|list', "users|map(attribute='age')|sort(reverse=True)", 'd|dictsort|map("last")|list', "users|sum(attribute='age')|string|list|map('int')|list"),
    ),
    lstr: oneof(
      O,
      pick('ss', "['a', 'b']", "['b', 'A', 'a', 'B']", '[]', 'd|list', 'd.keys()|list', "users|map(attribute='name')|list"),
      fc.array(str, { minLength: 1, maxLength: 3 }).map((es) => `[${es.join(', ')}]`),
      post(str, pick('.split()', ".split(',')", '|list', '.splitlines()', ".split(' ', 1)", '.rsplit(None, 1)', '|wordwrap(4)|list')),
      post(lstr, pick('|sort', '|sort(case_sensitive=true)', '|sort(reverse=true)', "|map('upper')|list", "|map('trim')|list", '|unique|list', "|unique(case_sensitive=true)|list", '|reverse|list', "|select('lower')|list", "|reject('none')|list", "|select('equalto', 'a')|list", '[1:]')),
      post(lint, pick("|map('string')|list", '|map("string")|sort')),
      bin(lstr, ['+'], lstr),
    ),
    lany: oneof(
      O,
      pick('users', 'tree', '[none, true, 1, "a"]', '(1, "b")', '()', '(none,)', '[[1, 2], [3]]', 'x'),
      fc.array(any, { maxLength: 3 }).map((es) => `[${es.join(', ')}]`),
      fc.array(any, { maxLength: 3 }).map((es) => `(${es.join(', ')}${es.length === 1 ? ',' : ''})`),
      lint,
      lstr,
      post(lint, pick('|batch(2)|list', "|batch(3, 'x')|list", '|slice(2)|list', "|slice(3, 0)|list", '|map("string")|list', '|groupby("real")|list')),
      post(dict, pick('|items|list', '|dictsort', "|dictsort(by='value')", '|dictsort(true, reverse=true)', '.items()|list', '|list')),
      pick("users|selectattr('active')|list", "users|rejectattr('age', 'lt', 30)|list", "users|sort(attribute='age')", "users|sort(attribute='name,age')",
        "users|groupby('age')|list", "users|groupby('active')|map('first')|list", "users|unique(attribute='name')|list", "users|selectattr('name', 'equalto', 'bob')|list",
        "users|map(attribute='name', default='?')|list", "users|min(attribute='age')|list", "users|sort(attribute='name', case_sensitive=true)|map(attribute='name')|list",
        "[1, 'a', none]|reject('string')|list", "['b', 'a', 'B']|unique|list"),
    ),
    dict: oneof(
      O,
      pick('d', '{}', "{'a': 1, 'b': [2]}", 'users[0]', 'users|first', 'nested', 'nested.a', 'dict(a=1, b="x")', "{'a': 1, 1: 'one', (1, 2): 3, none: 0}"),
      fc.uniqueArray(tuple(keyLit, any), { maxLength: 3, selector: ([k]) => k }).map((es) => `{${es.map(([k, v]) => `${k}: ${v}`).join(', ')}}`),
      tuple(attrKey, any).map(([k, v]) => `dict(d, ${k.replace(/\W/g, '_')}=${v})`),
      tuple(any, any).map(([a, b]) => `dict(x=${a}, y=${b})`),
    ),
    any: oneof(
      O,
      oneof(
        { arbitrary: pick('x', 'none_val', 'none', 'None', 'nested.z', 'n', 's', 'f', 'html', 'b', 'xs', 'ss', 'd'), weight: 10 },
        { arbitrary: pick('missing', 'd.zz', 'missing.attr'), weight: 1 },
      ),
      int, flt, str, bool, lint, lstr, lany, dict,
      post(any, pick('|default("dflt")', '|d(0, true)', '|first', '|last', '|length', '|list', '|string', '|e', '|safe', '|attr("name")', '|tojson', '|trim', '|abs', '|int', '|float', '|round')),
      tuple(lany, int).map(([l, i]) => `${operand1(l)}[${i}]`),
      tuple(dict, keyLit).map(([d, k]) => `${operand1(d)}[${k}]`),
      tuple(dict, attrKey).map(([d, k]) => `${operand1(d)}.${k}`),
      tuple(dict, keyLit, any).map(([d, k, v]) => `${operand1(d)}.get(${k}, ${v})`),
      tuple(any, bool, any).map(([a, c, b]) => `${a} if ${c} else ${b}`),
      tuple(any, bool).map(([a, c]) => `${a} if ${c}`),
      tuple(any, any).map(([a, b]) => `(${a} ~ 'x') + (${b} ~ 'y')`),
      bin(any, ['and', 'or'], any),
      bin(any, ['+', '*', '-'], any),
    ),
  };
}

/** A name, attribute chain, number or simple string literal: never needs parentheses. */
function isAtom(e: string): boolean {
  return /^[\w.]+$/.test(e) || /^'[^'\\]*'$/.test(e) || /^"[^"\\]*"$/.test(e);
}

/** Parenthesize anything that is not an atom. */
function operand1(e: string): string {
  return isAtom(e) ? e : `(${e})`;
}

/** `arb` with probability `p`, else undefined. */
function maybe<T>(arb: fc.Arbitrary<T>, p: number): fc.Arbitrary<T | undefined> {
  const w = Math.round(p * 100);
  return oneof({ arbitrary: fc.constant(undefined), weight: 100 - w }, { arbitrary: arb, weight: w });
}

// no '{': before a tag it would make `{{%`
const TEXT = ['text', ' ', '\n', '  \n  ', 'a<b>&', '\t', '\n\n', ', ', 'x', '}', '#', 'é'];
const LOOP_BITS = [
  'loop.index', 'loop.index0', 'loop.revindex', 'loop.revindex0', 'loop.first', 'loop.last', 'loop.length',
  "loop.cycle('odd', 'even')", 'loop.previtem', 'loop.nextitem', 'loop.changed(n)', 'loop.depth', 'loop.depth0',
  'loop.previtem is defined', 'loop.cycle(1, 2, 3)',
];

function statements(tie: Tie): Record<string, fc.Arbitrary<string>> {
  const body = tie('body');
  const loopBody = tie('loopBody');
  const int = tie('int');
  const str = tie('str');
  const bool = tie('bool');
  const lint = tie('lint');
  const lstr = tie('lstr');
  const lany = tie('lany');
  const dict = tie('dict');
  const any = tie('any');
  // `if` tests cannot be bare conditional expressions
  const cond = oneof(bool, bool, any).map((e) => (/ if /.test(e) ? `(${e})` : e));
  const seq = (item: fc.Arbitrary<string>) => fc.array(item, { minLength: 1, maxLength: 3 }).map((xs) => xs.join(''));
  const stmt = oneof(
    S,
    oneof(pick(...TEXT), any.map(out), str.map(out), oneof(int, tie('float')).map(out), pick(`${CO} a comment ${CC}`, `${BO} raw %}{{ raw }}{% x %}${BO} endraw ${BC}`)),
    tuple(cond, body, fc.array(tuple(cond, body), { maxLength: 2 }), maybe(body, 0.5)).map(
      ([c, a, elifs, e]) => tag(`if ${c}`) + a + elifs.map(([c2, b]) => tag(`elif ${c2}`) + b).join('') + (e !== undefined ? tag('else') + e : '') + tag('endif'),
    ),
    tuple(
      oneof(
        // the iterable of a for cannot be a bare conditional expression
        lint.map((l) => `n in ${operand1(l)}`),
        lstr.map((l) => `s in ${operand1(l)}`),
        lany.map((l) => `x in ${operand1(l)}`),
        tuple(lint, int).map(([l, i]) => `n in ${operand1(l)} if n > ${i}`),
        lstr.map((l) => `s in ${operand1(l)} if s`),
        dict.map((d) => `s, n in ${operand1(d)}|items`),
        dict.map((d) => `s, x in ${operand1(d)}|dictsort`),
        pick("x, xs in users|groupby('active')", "n, ss in users|groupby('age')", 'x in users', "s, n in [('a', 1), ('b', 2)]", 'n, m in xs|batch(2)', "(s, n), x in [(('a', 1), 2)]"),
      ),
      loopBody,
      maybe(body, 0.25),
    ).map(([head, b, e]) => tag(`for ${head}`) + b + (e !== undefined ? tag('else') + e : '') + tag('endfor')),
    tuple(loopBody).map(([b]) => tag('for x in tree recursive') + out('x.name') + b + tag('if x.children') + '[' + out('loop(x.children)') + ']' + tag('endif') + tag('endfor')),
    oneof(int.map((e) => `n = ${e}`), str.map((e) => `s = ${e}`), any.map((e) => `x = ${e}`), lint.map((e) => `xs = ${e}`), tuple(int, str).map(([a, b]) => `n, s = ${a}, ${b}`), dict.map((e) => `d = ${e}`)).map((e) => tag(`set ${e}`)),
    tuple(pick('s', 'x', 's | upper', 'x|trim|e'), body).map(([name, b]) => tag(`set ${name}`) + b + tag('endset')),
    tuple(any, loopBody, lint).map(([init, b, l]) => tag(`set ns = namespace(acc=${init}, k=0)`) + tag(`for n in ${operand1(l)}`) + tag('set ns.acc = ns.acc ~ n') + tag('set ns.k = ns.k + 1') + b + tag('endfor') + out('ns.acc') + out('ns.k')),
    // plain macros called with {{ }} (extra args reach varargs/kwargs only when the body uses them)
    tuple(
      // mostly two parameters, as most generated calls pass one or two arguments
      oneof({ arbitrary: pick('s, n=3', 's, n=none', 'n, s="dflt"'), weight: 4 }, { arbitrary: pick('x=[]', 's', ''), weight: 1 }),
      body,
      pick('', '', out('varargs'), out('kwargs'), out('m.name ~ m.arguments|string'), out('caller is defined')),
      fc.array(oneof(
        { arbitrary: pick(`m()`, `m(1, 2, 3)`, `m(x=1)`, `m(n=2, s='k')`, `m(**{'s': 'kw'})`, 'm(*[1, 2])').map(out), weight: 1 },
        { arbitrary: str.map((a) => out(`m(${a})`)), weight: 2 },
        { arbitrary: tuple(str, int).map(([a, b]) => out(`m(${a}, ${b})`)), weight: 2 },
        { arbitrary: tuple(str, int).map(([a, b]) => out(`m(${a}, n=${b})`)), weight: 1 },
      ), { minLength: 1, maxLength: 2 }),
    ).map(([params, b, extra, calls]) => tag(`macro m(${params})`) + b + extra + tag('endmacro') + calls.join('')),
    // macros using caller, called with {% call %}
    tuple(
      pick('s, n=3', 's', ''),
      body,
      fc.boolean(),
      fc.array(tuple(str, body), { minLength: 1, maxLength: 2 }),
    ).map(([params, b, args, calls]) =>
      tag(`macro m(${params})`) + b + out(args ? "caller('c1')" : 'caller()') + tag('endmacro') +
      calls.map(([a, cb]) => tag(`call${args ? '(z)' : ''} m(${params === '' ? '' : a})`) + cb + (args ? out('z') : '') + tag('endcall')).join(''),
    ),
    tuple(int, str, body).map(([a, b, c]) => tag(`with n = ${a}, s = ${b}`) + c + tag('endwith')),
    tuple(pick('upper', 'lower', 'title', 'trim', 'indent(2)', 'center(30)', "replace('a', 'X')", 'e', 'striptags', 'wordcount', 'list', 'capitalize|reverse', 'truncate(10)'), body).map(([f, b]) => tag(`filter ${f}`) + b + tag('endfilter')),
    tuple(fc.boolean(), body).map(([on, b]) => tag(`autoescape ${on}`) + b + tag('endautoescape')),
    tuple(lint, body).map(([l, b]) => tag("set j = joiner(', ')") + tag(`for n in ${operand1(l)}`) + out('j()') + b + tag('endfor')),
    // `ys` is never iterated: appending to the list a loop runs over never ends in Python
    tuple(int).map(([a]) => tag(`do ys.append(${a})`) + out('ys')),
    seq(body),
  );
  return {
    body: fc.array(stmt, { maxLength: 3 }).map((xs) => xs.join('')),
    loopBody: fc.array(oneof(
      { maxDepth: 3, depthIdentifier: 'jinja-stmt', depthSize: 'small' },
      pick(...LOOP_BITS).map(out),
      stmt,
      pick(tag('if not loop.last') + ', ' + tag('endif'), tag('if loop.index > 2') + tag('break') + tag('endif'), tag('if n is odd') + tag('continue') + tag('endif')),
    ), { maxLength: 3 }).map((xs) => xs.join('')),
  };
}

const grammar = fc.letrec<Record<string, string>>((tie) => ({ ...exprs(tie), ...statements(tie) }));

/** Put whitespace-control markers on the delimiter sentinels, in order. */
function delimit(src: string, marks: number[]): string {
  let i = 0;
  return src.replace(/[\x01-\x06]/g, (c) => {
    const r = marks[i++ % Math.max(marks.length, 1)] ?? 0;
    switch (c) {
      case BO: return '{%' + ['', '', '-', '+'][r % 4];
      case BC: return ['', '', '-', '+'][r % 4] + '%}';
      case VO: return '{{' + ['', '', '-'][r % 3];
      case VC: return ['', '', '-'][r % 3] + '}}';
      case CO: return '{#' + ['', '-'][r % 2];
      default: return ['', '-', '+'][r % 3] + '#}';
    }
  });
}

/** Break a template on purpose: the syntax error paths must agree too. */
const syntaxMutation = tuple(fc.nat(), pick('drop', 'insert'), pick('{%', '%}', '}}', '(', ')', ']', '|', 'endfor', 'else', ',', '=', '"', '{{ ', ' endif %}'));
function mutate(src: string, [pos, kind, piece]: [number, string, string]): string {
  if (src.length === 0) return piece;
  const i = pos % src.length;
  return kind === 'drop' ? src.slice(0, i) + src.slice(i + 1) : src.slice(0, i) + piece + src.slice(i);
}

export const optionsArb: fc.Arbitrary<DiffOptions> = fc.record({
  autoescape: fc.boolean(),
  trim_blocks: fc.boolean(),
  lstrip_blocks: fc.boolean(),
  keep_trailing_newline: fc.boolean(),
  undefined: oneof(
    { arbitrary: fc.constant('Undefined' as const), weight: 6 },
    { arbitrary: pick('StrictUndefined' as const, 'ChainableUndefined' as const, 'DebugUndefined' as const), weight: 1 },
  ),
  extensions: fc.constant(['jinja2.ext.loopcontrols', 'jinja2.ext.do']),
});

/** Template source: mostly valid; 1 in 25 deliberately broken. */
export const templateArb: fc.Arbitrary<string> = tuple(
  grammar.body,
  fc.array(fc.nat(11), { maxLength: 24 }),
  maybe(syntaxMutation, 0.04),
  pick('', '', '\n', ' \n'),
).map(([src, marks, mut, tail]) => {
  const t = delimit(src, marks) + tail;
  return mut === undefined ? t : mutate(t, mut);
}).filter((t) => t.length > 0);

/** The full case arbitrary used by the fuzzer and the vitest file. */
export const diffCase: fc.Arbitrary<DiffCase> = fc.record({ template: templateArb, context: contextArb, options: optionsArb });
