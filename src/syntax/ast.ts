/**
 * The template AST: a discriminated union of plain data nodes. Every node has a `type` (named
 * after Jinja2's node classes) and a `loc` (the start position of the construct in the source).
 * Nodes are plain objects so they can be serialized, snapshotted and walked without classes.
 */

import type { Pos } from '../errors.js';

export type Loc = Pos;

interface Base {
  loc: Loc;
}

// ---------------------------------------------------------------- expressions

export interface Name extends Base { type: 'Name'; name: string; ctx: 'load' | 'store' | 'param' }
/** `ns.attr` as an assignment target. */
export interface NSRef extends Base { type: 'NSRef'; name: string; attr: string }
/** A literal. `float` marks float literals so `1.0` stays a float. */
export interface Const extends Base { type: 'Const'; value: string | number | bigint | boolean | null; float?: boolean }
export interface TupleExpr extends Base { type: 'Tuple'; items: Expr[]; ctx: 'load' | 'store' | 'param' }
export interface ListExpr extends Base { type: 'List'; items: Expr[] }
export interface Pair extends Base { type: 'Pair'; key: Expr; value: Expr }
export interface DictExpr extends Base { type: 'Dict'; items: Pair[] }
export interface Keyword extends Base { type: 'Keyword'; key: string; value: Expr }
export interface CondExpr extends Base { type: 'CondExpr'; test: Expr; expr1: Expr; expr2: Expr | null }

export type BinOp = '+' | '-' | '*' | '/' | '//' | '%' | '**';
export interface BinExpr extends Base { type: 'BinExpr'; op: BinOp; left: Expr; right: Expr }
export interface And extends Base { type: 'And'; left: Expr; right: Expr }
export interface Or extends Base { type: 'Or'; left: Expr; right: Expr }
export interface Not extends Base { type: 'Not'; node: Expr }
export interface Neg extends Base { type: 'Neg'; node: Expr }
export interface PosExpr extends Base { type: 'Pos'; node: Expr }
/** `a ~ b ~ c` */
export interface Concat extends Base { type: 'Concat'; nodes: Expr[] }

export type CompareOp = 'eq' | 'ne' | 'lt' | 'lteq' | 'gt' | 'gteq' | 'in' | 'notin';
export interface Operand extends Base { type: 'Operand'; op: CompareOp; expr: Expr }
/** Chained comparison `a < b < c`: each operand compares with the previous value. */
export interface Compare extends Base { type: 'Compare'; expr: Expr; ops: Operand[] }

export interface Getattr extends Base { type: 'Getattr'; node: Expr; attr: string }
export interface Getitem extends Base { type: 'Getitem'; node: Expr; arg: Expr }
export interface Slice extends Base { type: 'Slice'; start: Expr | null; stop: Expr | null; step: Expr | null }

/** Arguments shared by calls, filters and tests. */
export interface CallArgs {
  args: Expr[];
  kwargs: Keyword[];
  dynArgs: Expr | null;
  dynKwargs: Expr | null;
}
export interface Call extends Base, CallArgs { type: 'Call'; node: Expr }
/** `node|name(args)`; `node` is null inside `{% filter %}` and block `set`. */
export interface Filter extends Base, CallArgs { type: 'Filter'; node: Expr | null; name: string }
export interface Test extends Base, CallArgs { type: 'Test'; node: Expr; name: string }

export type Expr =
  | Name | NSRef | Const | TupleExpr | ListExpr | DictExpr | CondExpr | BinExpr | And | Or | Not | Neg
  | PosExpr | Concat | Compare | Getattr | Getitem | Slice | Call | Filter | Test;

// ---------------------------------------------------------------- statements

export interface TemplateData extends Base { type: 'TemplateData'; data: string }
/** Template text and `{{ }}` expressions, in order. */
export interface Output extends Base { type: 'Output'; nodes: (TemplateData | Expr)[] }
export interface If extends Base { type: 'If'; test: Expr; body: Stmt[]; elif: If[]; else_: Stmt[] }
export interface For extends Base {
  type: 'For';
  target: Expr;
  iter: Expr;
  body: Stmt[];
  else_: Stmt[];
  test: Expr | null;
  recursive: boolean;
}
export interface Macro extends Base { type: 'Macro'; name: string; args: Name[]; defaults: Expr[]; body: Stmt[] }
export interface CallBlock extends Base { type: 'CallBlock'; call: Call; args: Name[]; defaults: Expr[]; body: Stmt[] }
export interface FilterBlock extends Base { type: 'FilterBlock'; filter: Filter; body: Stmt[] }
export interface With extends Base { type: 'With'; targets: Expr[]; values: Expr[]; body: Stmt[] }
export interface Block extends Base { type: 'Block'; name: string; body: Stmt[]; scoped: boolean; required: boolean }
export interface Extends extends Base { type: 'Extends'; template: Expr }
export interface Include extends Base { type: 'Include'; template: Expr; withContext: boolean; ignoreMissing: boolean }
export interface Import extends Base { type: 'Import'; template: Expr; target: string; withContext: boolean }
export interface FromImport extends Base {
  type: 'FromImport';
  template: Expr;
  names: [string, string][]; // [name, alias]
  withContext: boolean;
}
/** `{% do expr %}` */
export interface ExprStmt extends Base { type: 'ExprStmt'; node: Expr }
export interface Assign extends Base { type: 'Assign'; target: Expr; node: Expr }
export interface AssignBlock extends Base { type: 'AssignBlock'; target: Expr; filter: Filter | null; body: Stmt[] }
/** `{% autoescape expr %}` */
export interface ScopedEvalContextModifier extends Base { type: 'ScopedEvalContextModifier'; autoescape: Expr; body: Stmt[] }
export interface Break extends Base { type: 'Break' }
export interface Continue extends Base { type: 'Continue' }
/** A body rendered in its own scope (used by extension tags such as `{% generation %}`). */
export interface Scope extends Base { type: 'Scope'; body: Stmt[] }
/**
 * `{% trans %}` from the i18n extension, resolved as Jinja2's `_make_node` does at parse time:
 * renders `gettext(singular)`, `ngettext(singular, plural, count)` or their `p...` variants
 * (with `context`). New-style gettext receives the variables as keyword arguments; old-style
 * output is marked safe under autoescape and `%`-formatted with the variables.
 */
export interface Trans extends Base {
  type: 'Trans';
  /** The message id (`%` escaped as `%%` unless old-style without referenced variables). */
  singular: string;
  /** The plural message id; null without `{% pluralize %}`. */
  plural: string | null;
  /** The message context of `{% trans "ctx" %}` (pgettext/npgettext); else null. */
  context: string | null;
  /** The value selecting the plural form; null without `{% pluralize %}`. */
  count: Expr | null;
  /** The variables: declared in the tag, then those only referenced in the body, in order. */
  variables: [string, Expr][];
  /** Whether the environment used new-style gettext when the template was parsed. */
  newstyle: boolean;
  /** New-style only: the count variable is called `num`, so it is not passed again as a keyword. */
  numCalledNum: boolean;
}
/** `{% debug %}` */
export interface Debug extends Base { type: 'Debug' }

export type Stmt =
  | Output | If | For | Macro | CallBlock | FilterBlock | With | Block | Extends | Include | Import
  | FromImport | ExprStmt | Assign | AssignBlock | ScopedEvalContextModifier | Break | Continue | Scope
  | Trans | Debug;

export interface Template extends Base { type: 'Template'; body: Stmt[] }

export type Node = Expr | Stmt | Template | TemplateData | Pair | Keyword | Operand;
