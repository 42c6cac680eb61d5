/**
 * Accumulates generated JS lines with indentation and records, for every generated line, the
 * template line it came from, so runtime errors can be mapped back to the template.
 */
export class Writer {
  readonly lines: string[] = [];
  /** lineMap[i] = template line of generated line i (0-based), 0 when unknown. */
  readonly lineMap: number[] = [];
  private indent = 0;
  currentLine = 0;
  /**
   * The pending `out += a + b + ...;` statement (see output): its parts joined by ` + ` (built as
   * they come: no parts array to join), its trailing text (kept
   * raw so adjacent texts become one literal), and the template line of its first expression
   * part (0 while it has only text, which cannot fail).
   */
  private outCode = '';
  private outCount = 0;
  private outText: string | null = null;
  private outLine = 0;
  private outTextLine = 0;
  private outPrefix = '';
  private outIndent = 0;

  line(code: string, templateLine = this.currentLine): void {
    if (this.outPending) this.flushOut();
    this.lines.push(pad(this.indent) + code);
    this.lineMap.push(templateLine);
  }

  /**
   * `out += <code or text>;`, joined with the pending output statement when nothing was written
   * in between and it stays on one template line: runtime errors name the line of the generated
   * line they happen on, so a statement holds the expressions of one template line only. All
   * parts are strings, so `out += a + b` appends the same text as `out += a; out += b`.
   */
  output(prefix: string, code: string | null, text: string | null, templateLine = this.currentLine): void {
    if (this.outPending && (prefix !== this.outPrefix || (code !== null && this.outLine !== 0 && this.outLine !== templateLine))) {
      this.flushOut();
    }
    if (!this.outPending) {
      this.outPrefix = prefix;
      this.outIndent = this.indent;
      this.outTextLine = templateLine;
    }
    if (text !== null) {
      this.outText = (this.outText ?? '') + text;
      return;
    }
    if (this.outText !== null) this.addOutPart(codeLit(this.outText));
    this.outText = null;
    this.addOutPart(code!);
    if (this.outLine === 0) this.outLine = templateLine;
  }

  private addOutPart(part: string): void {
    this.outCode = this.outCount++ === 0 ? part : this.outCode + ' + ' + part;
  }

  private get outPending(): boolean {
    return this.outCount > 0 || this.outText !== null;
  }

  private flushOut(): void {
    if (this.outText !== null) this.addOutPart(codeLit(this.outText));
    this.lines.push(pad(this.outIndent) + this.outPrefix + 'out += ' + this.outCode + ';');
    this.lineMap.push(this.outLine || this.outTextLine);
    this.outCode = '';
    this.outCount = 0;
    this.outText = null;
    this.outLine = 0;
  }

  open(code: string, templateLine?: number): void {
    this.line(code, templateLine);
    this.indent++;
  }

  /** A line at the enclosing level between two indented parts (`} else {`). */
  mid(code: string, templateLine?: number): void {
    this.indent--;
    this.line(code, templateLine);
    this.indent++;
  }

  close(code = '}'): void {
    this.indent--;
    this.line(code);
  }

  /** Insert lines at a position recorded earlier (used for hoisted declarations). */
  insert(at: number, codes: string[], indent: number): void {
    const p = pad(indent);
    this.lines.splice(at, 0, ...codes.map((c) => p + c));
    this.lineMap.splice(at, 0, ...codes.map(() => this.lineMap[at - 1] ?? 0));
  }

  get length(): number {
    if (this.outPending) this.flushOut();
    return this.lines.length;
  }

  get depth(): number {
    return this.indent;
  }

  /** The module source; the U+2028/U+2029 that codeLit leaves in literals are escaped here. */
  toString(): string {
    if (this.outPending) this.flushOut();
    const code = this.lines.join('\n');
    // indexOf of a character above U+00FF in a Latin-1 string returns at once: no scan
    return code.indexOf('\u2028') < 0 && code.indexOf('\u2029') < 0 ? code : escapeLineSeparators(code);
  }
}

const PADS: string[] = [];

/** Indentation for `depth` levels (cached: one string per depth). */
function pad(depth: number): string {
  return PADS[depth] ??= '  '.repeat(depth);
}

/** A JS string literal for any text (JSON escaping, plus the line separators JSON allows). */
export function lit(s: string): string {
  return escapeLineSeparators(JSON.stringify(s));
}

/**
 * lit for code that a Writer emits: JSON.stringify alone. JSON leaves U+2028/U+2029 raw (legal
 * in string literals, but V8 counts them as line breaks, which would shift the line map);
 * Writer.toString escapes them in the whole module at once, giving lit's text. Checking every
 * literal instead cost about 5% of code generation (a regexp test per call). Generated code
 * holds non-ASCII characters only inside literals (identifiers are mangled to ASCII).
 */
export function codeLit(s: string): string {
  // JSON.stringify is native and already escapes quotes, backslashes, controls and lone
  // surrogates. Measured slower: a JS scan returning `"` + s + `"`, and a per-compile Map of
  // short literals (the scan or the hashing cost about what they saved)
  return JSON.stringify(s);
}

function escapeLineSeparators(code: string): string {
  return LINE_SEPARATORS.test(code) ? code.replace(LINE_SEPARATORS_G, (c) => (c === '\u2028' ? '\\u2028' : '\\u2029')) : code;
}

const LINE_SEPARATORS = /[\u2028\u2029]/;
const LINE_SEPARATORS_G = /[\u2028\u2029]/g;

/**
 * A template name as an object-literal key. `{ "__proto__": v }` would set the prototype even
 * quoted, so that one key is emitted computed (`["__proto__"]`), which defines an own property.
 */
export function propKey(s: string): string {
  return s === '__proto__' ? `[${codeLit(s)}]` : codeLit(s);
}
