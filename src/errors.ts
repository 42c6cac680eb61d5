/**
 * Error classes named like Jinja2's, so callers (and the conformance runner) can match on
 * `error.name`. Every error can carry the template name, line and column it came from;
 * `toString()` adds a code frame, `.message` stays the bare message so tests can assert it.
 */

/** A position in a template: 1-based line and column, 0-based offset. */
export interface Pos {
  line: number;
  col: number;
  offset: number;
}

/** Base class of every error jinjit raises for a template. */
export class TemplateError extends Error {
  /** Name of the template the error came from, when known. */
  templateName: string | undefined;
  /** 1-based line in that template, when known. */
  lineno: number | undefined;
  /** 1-based column, when known. */
  column: number | undefined;
  /** Template source, kept to render a code frame. */
  source: string | undefined;
  /** The message without location. */
  readonly detail: string;

  constructor(message: string) {
    super(message);
    this.detail = message;
    this.name = new.target.name;
    this.templateName = undefined;
    this.lineno = undefined;
    this.column = undefined;
    this.source = undefined;
  }

  /** Attach a location once: the innermost (first) location wins. */
  locate(name: string | undefined, line?: number, col?: number, source?: string): this {
    if (this.lineno === undefined && line !== undefined) {
      this.lineno = line;
      this.column = col;
      if (this.templateName === undefined) this.templateName = name;
      if (source !== undefined) this.source = source;
    } else if (this.templateName === undefined) {
      this.templateName = name;
    }
    return this;
  }

  override toString(): string {
    let where = '';
    if (this.templateName !== undefined || this.lineno !== undefined) {
      where = ` (${this.templateName ?? '<template>'}${this.lineno !== undefined ? `:${this.lineno}` : ''}${this.column !== undefined ? `:${this.column}` : ''})`;
    }
    let frame = '';
    if (this.source !== undefined && this.lineno !== undefined) frame = '\n' + codeFrame(this.source, this.lineno, this.column);
    return `${this.name}: ${this.detail}${where}${frame}`;
  }
}

/** Raised for malformed templates. `lineno`/`column` point at the offending token. */
export class TemplateSyntaxError extends TemplateError {
  constructor(message: string, pos?: Pos, name?: string, source?: string) {
    super(message);
    if (pos) this.locate(name, pos.line, pos.col, source);
    else this.templateName = name;
  }
}

/** Like Jinja2's: a syntactically fine template that cannot compile (unknown filter, ...). */
export class TemplateAssertionError extends TemplateSyntaxError {}

/**
 * Python's SyntaxError, which Jinja2 lets escape when the Python code it generates does not
 * compile: `{% break %}` outside a loop gives `'break' outside loop`. `name` is
 * `'SyntaxError'`; `lineno` is the template line (Python reports a line of its generated code).
 * @example try { env.fromString('{% break %}') } catch (e) { e.name === 'SyntaxError' }
 */
export class CompiledSyntaxError extends TemplateError {
  constructor(message: string, pos?: Pos, name?: string, source?: string) {
    super(message);
    this.name = 'SyntaxError';
    if (pos) this.locate(name, pos.line, pos.col, source);
    else this.templateName = name;
  }
}

/** A generic runtime error raised by the engine. */
export class TemplateRuntimeError extends TemplateError {}

/** Raised when an undefined value is used in a way that needs a value. */
export class UndefinedError extends TemplateRuntimeError {}

/** Raised when a template tries something the sandbox forbids. */
export class SecurityError extends TemplateRuntimeError {}

/** A template could not be found by the loader. */
export class TemplateNotFound extends TemplateError {
  constructor(readonly templateNameRequested: string, message?: string) {
    super(message ?? templateNameRequested);
  }
}

/** None of several templates could be found. */
export class TemplatesNotFound extends TemplateNotFound {
  constructor(readonly names: string[], message?: string) {
    super(
      names[names.length - 1] ?? '',
      message ?? `none of the templates given were found: ${names.map((n) => `'${n}'`).join(', ')}`,
    );
    this.name = 'TemplatesNotFound';
  }
}

/** Python builtin exceptions Jinja2 lets through (TypeError, ZeroDivisionError, ...). */
export type PythonErrorName =
  | 'TypeError'
  | 'ValueError'
  | 'ZeroDivisionError'
  | 'OverflowError'
  | 'IndexError'
  | 'KeyError'
  | 'AttributeError'
  | 'RecursionError'
  | 'MemoryError';

/**
 * An error whose `name` is the Python builtin Jinja2 would raise, e.g.
 * `{{ 1 / 0 }}` throws a PythonError with `name === 'ZeroDivisionError'`.
 */
export class PythonError extends TemplateError {
  constructor(pyName: PythonErrorName, message: string) {
    super(message);
    this.name = pyName;
  }
}

/** Shorthand used by the runtime: `throw pyErr('TypeError', '...')`. */
export function pyErr(pyName: PythonErrorName, message: string): PythonError {
  return new PythonError(pyName, message);
}

/** Render a `>> 3| ...` excerpt with a caret under the column. */
export function codeFrame(source: string, line: number, col?: number): string {
  const lines = source.split(/\r\n|\r|\n/);
  const out: string[] = [];
  const width = String(Math.min(lines.length, line + 2)).length;
  for (let i = Math.max(1, line - 2); i <= Math.min(lines.length, line + 2); i++) {
    const mark = i === line ? '>' : ' ';
    out.push(`${mark} ${String(i).padStart(width)} | ${lines[i - 1]}`);
    if (i === line && col !== undefined) out.push(`  ${' '.repeat(width)} | ${' '.repeat(Math.max(0, col - 1))}^`);
  }
  return out.join('\n');
}
