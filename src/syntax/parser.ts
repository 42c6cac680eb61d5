/**
 * Statement parsing, one method per tag as Jinja2's parser.py (`parseFor` is `parse_for`), with
 * Jinja2's error messages ("Encountered unknown tag 'endwhile'. Jinja was looking for ...").
 */

import { TemplateAssertionError, type Pos } from '../errors.js';
import type * as A from './ast.js';
import { tokenStream } from './lexer.js';
import { ExprParser } from './parse-expr.js';
import { describeTokenExpr, TokenStream } from './token-stream.js';
import type { LexerOptions } from './tokens.js';

/** A parser for an extension tag: called with the tag name as the current token. */
export type TagParser = (p: Parser) => A.Stmt | A.Stmt[];

export interface ParseOptions extends Partial<LexerOptions> {
  /** Extra statement tags (from extensions), by tag name. */
  tags?: Record<string, TagParser>;
  /** The environment compiling the template: extension tags read its settings (i18n's policies). */
  environment?: object;
}

/** Parse a template source into its AST. Throws TemplateSyntaxError on bad input. */
export function parse(source: string, options: ParseOptions = {}, name?: string): A.Template {
  const tokens = tokenStream(source, options, name);
  return new Parser(new TokenStream(tokens, name, source), options.tags ?? {}, options.environment).parse();
}

function loc(t: Pos): Pos {
  return { line: t.line, col: t.col, offset: t.offset };
}

export class Parser extends ExprParser {
  private readonly tagStack: string[] = [];
  private readonly endTokenStack: string[][] = [];

  constructor(stream: TokenStream, readonly tags: Record<string, TagParser>, readonly environment?: object) {
    super(stream);
  }

  parse(): A.Template {
    return { type: 'Template', body: this.subparse(null), loc: { line: 1, col: 1, offset: 0 } };
  }

  private failUnknownTagOrEof(name: string | null, endTokenStack: string[][], at: Pos): never {
    const expected = new Set<string>();
    for (const exprs of endTokenStack) for (const e of exprs) expected.add(describeTokenExpr(e));
    const top = endTokenStack[endTokenStack.length - 1];
    const looking = top ? top.map((e) => `'${describeTokenExpr(e)}'`).join(' or ') : null;
    const msg = [name === null ? 'Unexpected end of template.' : `Encountered unknown tag '${name}'.`];
    if (looking) {
      if (name !== null && expected.has(name)) {
        msg.push(`You probably made a nesting mistake. Jinja is expecting this tag, but currently looking for ${looking}.`);
      } else {
        msg.push(`Jinja was looking for the following tags: ${looking}.`);
      }
    }
    if (this.tagStack.length) msg.push(`The innermost block that needs to be closed is '${this.tagStack[this.tagStack.length - 1]}'.`);
    this.fail(msg.join(' '), at);
  }

  private failEof(endTokens: string[] | null, at: Pos = this.stream.current): never {
    const stack = [...this.endTokenStack];
    if (endTokens) stack.push(endTokens);
    this.failUnknownTagOrEof(null, stack, at);
  }

  parseStatement(): A.Stmt | A.Stmt[] {
    const tok = this.stream.current;
    if (tok.type !== 'name') this.fail('tag name expected', tok);
    const name = tok.value as string;
    this.enter();
    this.tagStack.push(name);
    let popTag = true;
    try {
      switch (name) {
        case 'for': return this.parseFor();
        case 'if': return this.parseIf();
        case 'block': return this.parseBlock();
        case 'extends': return this.parseExtends();
        case 'print': return this.parsePrint();
        case 'macro': return this.parseMacro();
        case 'include': return this.parseInclude();
        case 'from': return this.parseFrom();
        case 'import': return this.parseImport();
        case 'set': return this.parseSet();
        case 'with': return this.parseWith();
        case 'autoescape': return this.parseAutoescape();
        case 'call': return this.parseCallBlock();
        case 'filter': return this.parseFilterBlock();
      }
      const ext = Object.prototype.hasOwnProperty.call(this.tags, name) ? this.tags[name] : undefined;
      if (ext) return ext(this);
      // not a tag: pop it so the error names the right innermost block
      this.tagStack.pop();
      popTag = false;
      return this.failUnknownTagOrEof(name, this.endTokenStack, tok);
    } finally {
      if (popTag) this.tagStack.pop();
      this.leave();
    }
  }

  /** Parse statements until one of `endTokens`; the end token stays current unless `dropNeedle`. */
  parseStatements(endTokens: string[], dropNeedle = false): A.Stmt[] {
    this.stream.skipIf('colon');
    this.stream.expect('block_end');
    const body = this.subparse(endTokens);
    if (this.stream.type() === 'eof') this.failEof(endTokens);
    if (dropNeedle) this.stream.next();
    return body;
  }

  subparse(endTokens: string[] | null): A.Stmt[] {
    const body: A.Stmt[] = [];
    // one scratch list, copied to exact length: the AST lives through the whole compile, and a
    // push-grown array keeps room for 16 (scavenges copy it, which made big compiles superlinear)
    const data: (A.TemplateData | A.Expr)[] = [];
    const flush = () => {
      if (data.length) {
        body.push({ type: 'Output', nodes: data.slice(), loc: data[0]!.loc });
        data.length = 0;
      }
    };
    if (endTokens) this.endTokenStack.push(endTokens);
    try {
      for (;;) {
        const tok = this.stream.current;
        if (tok.type === 'eof') break;
        if (tok.type === 'data') {
          if (tok.value !== '') data.push({ type: 'TemplateData', data: tok.value as string, loc: loc(tok) });
          this.stream.next();
        } else if (tok.type === 'variable_begin') {
          this.stream.next();
          data.push(this.parseTuple());
          this.stream.expect('variable_end');
        } else if (tok.type === 'block_begin') {
          flush();
          this.stream.next();
          if (endTokens && this.atEndToken(endTokens)) return body.slice();
          const rv = this.parseStatement();
          if (Array.isArray(rv)) body.push(...rv);
          else body.push(rv);
          this.stream.expect('block_end');
        } else {
          this.fail('internal parsing error');
        }
      }
      flush();
    } finally {
      if (endTokens) this.endTokenStack.pop();
    }
    return body.slice();
  }

  private atEndToken(endTokens: string[]): boolean {
    for (let k = 0; k < endTokens.length; k++) if (this.stream.test(endTokens[k]!)) return true;
    return false;
  }

  parseSet(): A.Assign | A.AssignBlock {
    const at = loc(this.stream.next());
    const target = this.parseAssignTarget({ withNamespace: true });
    if (this.stream.skipIf('assign')) {
      return { type: 'Assign', target, node: this.parseTuple(), loc: at };
    }
    const filter = this.parseFilter(null) as A.Filter | null;
    const body = this.parseStatements(['name:endset'], true);
    return { type: 'AssignBlock', target, filter, body, loc: at };
  }

  parseFor(): A.For {
    const at = loc(this.stream.expect('name:for'));
    const target = this.parseAssignTarget({ extraEndRules: ['name:in'] });
    this.stream.expect('name:in');
    const iter = this.parseTuple({ withCondexpr: false, extraEndRules: ['name:recursive'] });
    const test = this.stream.skipName('if') ? this.parseExpression() : null;
    const recursive = this.stream.skipName('recursive');
    const body = this.parseStatements(['name:endfor', 'name:else']);
    const else_ = this.stream.next().value === 'endfor' ? [] : this.parseStatements(['name:endfor'], true);
    return { type: 'For', target, iter, body, else_, test, recursive, loc: at };
  }

  parseIf(): A.If {
    const at = loc(this.stream.expect('name:if'));
    const result: A.If = { type: 'If', test: null as unknown as A.Expr, body: [], elif: [], else_: [], loc: at };
    let node = result;
    for (;;) {
      node.test = this.parseTuple({ withCondexpr: false });
      node.body = this.parseStatements(['name:elif', 'name:else', 'name:endif']);
      const tok = this.stream.next();
      if (tok.value === 'elif') {
        node = { type: 'If', test: null as unknown as A.Expr, body: [], elif: [], else_: [], loc: loc(this.stream.current) };
        result.elif.push(node);
        continue;
      }
      if (tok.value === 'else') result.else_ = this.parseStatements(['name:endif'], true);
      return result;
    }
  }

  parseWith(): A.With {
    const at = loc(this.stream.next());
    const targets: A.Expr[] = [];
    const values: A.Expr[] = [];
    while (this.stream.type() !== 'block_end') {
      if (targets.length) this.stream.expect('comma');
      const target = this.parseAssignTarget();
      setCtx(target, 'param');
      targets.push(target);
      this.stream.expect('assign');
      values.push(this.parseExpression());
    }
    const body = this.parseStatements(['name:endwith'], true);
    return { type: 'With', targets, values, body, loc: at };
  }

  parseAutoescape(): A.ScopedEvalContextModifier {
    const at = loc(this.stream.next());
    const autoescape = this.parseExpression();
    const body = this.parseStatements(['name:endautoescape'], true);
    return { type: 'ScopedEvalContextModifier', autoescape, body, loc: at };
  }

  parseBlock(): A.Block {
    const at = loc(this.stream.next());
    const name = this.stream.expect('name').value as string;
    const scoped = this.stream.skipIf('name:scoped');
    const required = this.stream.skipIf('name:required');
    if (this.stream.type() === 'sub') {
      this.fail(
        'Block names in Jinja have to be valid Python identifiers and may not contain hyphens, use an underscore instead.',
      );
    }
    const body = this.parseStatements(['name:endblock'], true);
    if (required) {
      const ok = body.every(
        (n) => n.type === 'Output' && n.nodes.every((o) => o.type === 'TemplateData' && /^\s+$/.test(o.data)),
      );
      if (!ok) this.fail('Required blocks can only contain comments or whitespace');
    }
    this.stream.skipIf('name:' + name);
    return { type: 'Block', name, body, scoped, required, loc: at };
  }

  parseExtends(): A.Extends {
    const at = loc(this.stream.next());
    return { type: 'Extends', template: this.parseExpression(), loc: at };
  }

  private parseImportContext(dflt: boolean): boolean {
    const cur = this.stream.current;
    if ((this.stream.test('name:with') || this.stream.test('name:without')) && this.stream.look().type === 'name' && this.stream.look().value === 'context') {
      this.stream.skip(2);
      return cur.value === 'with';
    }
    return dflt;
  }

  parseInclude(): A.Include {
    const at = loc(this.stream.next());
    const template = this.parseExpression();
    let ignoreMissing = false;
    if (this.stream.test('name:ignore') && this.stream.look().type === 'name' && this.stream.look().value === 'missing') {
      ignoreMissing = true;
      this.stream.skip(2);
    }
    return { type: 'Include', template, ignoreMissing, withContext: this.parseImportContext(true), loc: at };
  }

  parseImport(): A.Import {
    const at = loc(this.stream.next());
    const template = this.parseExpression();
    this.stream.expect('name:as');
    const target = this.parseNameTarget();
    return { type: 'Import', template, target: target.name, withContext: this.parseImportContext(false), loc: at };
  }

  parseFrom(): A.FromImport {
    const at = loc(this.stream.next());
    const template = this.parseExpression();
    this.stream.expect('name:import');
    const names: [string, string][] = [];
    let withContext = false;
    const parseContext = (): boolean => {
      const cur = this.stream.current;
      if ((cur.value === 'with' || cur.value === 'without') && this.stream.look().type === 'name' && this.stream.look().value === 'context') {
        withContext = cur.value === 'with';
        this.stream.skip(2);
        return true;
      }
      return false;
    };
    for (;;) {
      if (names.length) this.stream.expect('comma');
      if (this.stream.type() === 'name') {
        if (parseContext()) break;
        const target = this.parseNameTarget();
        if (target.name.startsWith('_')) {
          throw new TemplateAssertionError(
            'names starting with an underline can not be imported', target.loc, this.stream.name, this.stream.source,
          );
        }
        if (this.stream.skipIf('name:as')) names.push([target.name, this.parseNameTarget().name]);
        else names.push([target.name, target.name]);
        if (parseContext() || this.stream.type() !== 'comma') break;
      } else {
        this.stream.expect('name');
      }
    }
    return { type: 'FromImport', template, names, withContext, loc: at };
  }

  private parseSignature(): { args: A.Name[]; defaults: A.Expr[] } {
    const args: A.Name[] = [];
    const defaults: A.Expr[] = [];
    this.stream.expect('lparen');
    while (this.stream.type() !== 'rparen') {
      if (args.length) this.stream.expect('comma');
      const arg = this.parseNameTarget();
      arg.ctx = 'param';
      if (this.stream.skipIf('assign')) defaults.push(this.parseExpression());
      else if (defaults.length) this.fail('non-default argument follows default argument');
      args.push(arg);
    }
    this.stream.expect('rparen');
    return { args, defaults };
  }

  parseCallBlock(): A.CallBlock {
    const at = loc(this.stream.next());
    const sig = this.stream.type() === 'lparen' ? this.parseSignature() : { args: [], defaults: [] };
    const call = this.parseExpression();
    if (call.type !== 'Call') this.fail('expected call', at);
    const body = this.parseStatements(['name:endcall'], true);
    return { type: 'CallBlock', call, ...sig, body, loc: at };
  }

  parseFilterBlock(): A.FilterBlock {
    const at = loc(this.stream.next());
    const filter = this.parseFilter(null, true) as A.Filter;
    const body = this.parseStatements(['name:endfilter'], true);
    return { type: 'FilterBlock', filter, body, loc: at };
  }

  parseMacro(): A.Macro {
    const at = loc(this.stream.next());
    const name = this.parseNameTarget().name;
    const sig = this.parseSignature();
    const body = this.parseStatements(['name:endmacro'], true);
    return { type: 'Macro', name, ...sig, body, loc: at };
  }

  parsePrint(): A.Output {
    const at = loc(this.stream.next());
    const nodes: A.Expr[] = [];
    while (this.stream.type() !== 'block_end') {
      if (nodes.length) this.stream.expect('comma');
      nodes.push(this.parseExpression());
    }
    return { type: 'Output', nodes, loc: at };
  }

  parseNameTarget(): A.Name {
    const tok = this.stream.expect('name');
    if (['true', 'false', 'none', 'True', 'False', 'None'].includes(tok.value as string)) {
      this.fail("can't assign to 'name'", tok);
    }
    return { type: 'Name', name: tok.value as string, ctx: 'store', loc: loc(tok) };
  }

  /** Jinja2's parse_assign_target: a name, a tuple of names, or (with namespaces) `ns.attr`. */
  parseAssignTarget(opts: { withTuple?: boolean; extraEndRules?: string[]; withNamespace?: boolean } = {}): A.Expr {
    const target =
      opts.withTuple === false
        ? this.parsePrimary(opts.withNamespace)
        : this.parseTuple({ simplified: true, extraEndRules: opts.extraEndRules, withNamespace: opts.withNamespace });
    setCtx(target, 'store');
    if (!canAssign(target)) {
      this.fail(`can't assign to '${target.type === 'Const' ? 'const' : target.type.toLowerCase()}'`, target.loc);
    }
    return target;
  }
}

function canAssign(node: A.Expr): boolean {
  if (node.type === 'Name') return !['true', 'false', 'none', 'True', 'False', 'None'].includes(node.name);
  if (node.type === 'NSRef') return true;
  if (node.type === 'Tuple') return node.items.every(canAssign);
  return false;
}

function setCtx(node: A.Expr, ctx: 'load' | 'store' | 'param'): void {
  if (node.type === 'Name') node.ctx = ctx;
  else if (node.type === 'Tuple') {
    node.ctx = ctx;
    for (const item of node.items) setCtx(item, ctx);
  }
}
