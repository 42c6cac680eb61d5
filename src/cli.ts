/**
 * The `jinjit` command: render a template, precompile a tree of templates to ES modules, or
 * check templates for errors. Run `jinjit --help`; in development `npx vite-node src/cli.ts -- --help`.
 */

import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { chatEnvironment } from './chat.js';
import { Environment, type EnvironmentOptions } from './environment.js';
import { codeFrame, TemplateError } from './errors.js';
import { inferContextType } from './infer-type.js';
import { FileSystemLoader } from './loaders.js';
import { locateUndeclaredVariables } from './meta.js';
import { defaultResolve, precompile, precompileDeclaration } from './precompile.js';
import { StrictUndefined } from './runtime/values.js';

/** A user error: printed as one line, no stack trace. */
class CliError extends Error {
  constructor(message: string, readonly exitCode = 2) {
    super(message);
  }
}

const ENV_FLAGS = {
  autoescape: { type: 'boolean' },
  'trim-blocks': { type: 'boolean' },
  'lstrip-blocks': { type: 'boolean' },
  strict: { type: 'boolean' },
  sandbox: { type: 'boolean' },
  chat: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies ParseArgsConfig['options'];

const ENV_HELP = `Environment options:
  --autoescape        escape output for HTML
  --trim-blocks       remove the first newline after a block tag
  --lstrip-blocks     strip whitespace before a block tag on its line
  --strict            undefined variables are errors (StrictUndefined)
  --sandbox           render in Jinja2's sandbox
  --chat              Hugging Face chat-template environment (sandboxed, tojson, raise_exception...)
  -h, --help          show this help`;

const HELP: Record<string, string> = {
  main: `Usage: jinjit <command> [options]

Commands:
  render TEMPLATE [DATA...]      render a template to stdout (or -o FILE)
  compile PATH... -o OUTDIR      precompile templates to ES modules (+ .d.ts)
  check PATH...                  report syntax errors and undefined names

Run 'jinjit <command> --help' for a command's options.`,
  render: `Usage: jinjit render TEMPLATE [DATA...] [options]

Render TEMPLATE with variables from DATA: JSON files, or '-' for JSON on stdin (later ones win).

Options:
  -D, --define KEY=VALUE  set a variable (VALUE is parsed as JSON if it can be; KEY may be dotted)
  --search-path DIR       where extends/include/import find templates (repeatable; default: TEMPLATE's directory)
  -o, --output FILE       write to FILE instead of stdout
${ENV_HELP}`,
  compile: `Usage: jinjit compile PATH... -o OUTDIR [options]

Precompile templates (files, or every matching file under a directory) to ES modules that import
only 'jinjit/runtime'. A template named 'a/b.html' becomes OUTDIR/a/b.html.js and .d.ts.

Options:
  -o, --out-dir DIR       output directory (required)
  --include GLOB          templates to compile under directories (repeatable; default: all files)
  --exclude GLOB          templates to skip (repeatable)
  --types                 type render(context) in the .d.ts from the template's use of variables
  --runtime SPECIFIER     module the output imports (default 'jinjit/runtime')
${ENV_HELP}`,
  check: `Usage: jinjit check PATH... [options]

Parse and compile every template; print errors as file:line:column with a code frame and exit 1
if there are any. Variables the templates read from their context are listed as warnings, or as
errors with --strict, unless named with --defined.

Options:
  --include GLOB          templates to check under directories (repeatable; default: all files)
  --exclude GLOB          templates to skip (repeatable)
  --defined NAMES         comma-separated context variables the application provides
${ENV_HELP}`,
};

function parse<O extends ParseArgsConfig['options']>(cmd: string, args: string[], options: O) {
  try {
    return parseArgs({ args, options: { ...ENV_FLAGS, ...options }, allowPositionals: true, strict: true });
  } catch (e) {
    throw new CliError(`${(e as Error).message.split('\n')[0]}\nTry 'jinjit ${cmd} --help'.`);
  }
}

function envOptions(v: Record<string, unknown>, extra: EnvironmentOptions = {}): EnvironmentOptions {
  const o: EnvironmentOptions = { ...extra };
  if (v.autoescape) o.autoescape = true;
  if (v['trim-blocks']) o.trimBlocks = true;
  if (v['lstrip-blocks']) o.lstripBlocks = true;
  if (v.strict) o.undefined = StrictUndefined;
  if (v.sandbox) o.sandbox = 'sandboxed';
  return o;
}

function makeEnv(v: Record<string, unknown>, extra: EnvironmentOptions = {}): Environment {
  const o = envOptions(v, extra);
  return v.chat ? chatEnvironment(o) : new Environment(o);
}

function readText(file: string): string {
  try {
    return file === '-' ? fs.readFileSync(0, 'utf8') : fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new CliError(`cannot read '${file}': ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, 1);
  }
}

function setPath(obj: Record<string, unknown>, key: string, value: unknown): void {
  const parts = key.split('.');
  let o = obj;
  for (const p of parts.slice(0, -1)) {
    if (typeof o[p] !== 'object' || o[p] === null) o[p] = {};
    o = o[p] as Record<string, unknown>;
  }
  o[parts[parts.length - 1]!] = value;
}

/** `file:line:column: Error: message` and a code frame. */
function describeError(e: unknown, file: string | undefined, source: string | undefined): string {
  if (!(e instanceof TemplateError)) throw e;
  const where = [file ?? e.templateName ?? '<template>', e.lineno, e.column].filter((x) => x !== undefined).join(':');
  const src = e.source ?? source;
  const frame = src !== undefined && e.lineno !== undefined ? `\n${codeFrame(src, e.lineno, e.column)}` : '';
  return `${where}: ${e.name}: ${e.detail}${frame}`;
}

function cmdRender(args: string[], out: (s: string) => void): number {
  const { values: v, positionals } = parse('render', args, {
    define: { type: 'string', short: 'D', multiple: true },
    'search-path': { type: 'string', multiple: true },
    output: { type: 'string', short: 'o' },
  });
  if (v.help) return out(HELP.render! + '\n'), 0;
  const [template, ...dataFiles] = positionals;
  if (!template) throw new CliError("missing TEMPLATE\nTry 'jinjit render --help'.");
  const data: Record<string, unknown> = {};
  for (const f of dataFiles) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(readText(f));
    } catch (e) {
      if (e instanceof CliError) throw e;
      throw new CliError(`${f === '-' ? 'stdin' : f}: invalid JSON: ${(e as Error).message}`, 1);
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new CliError(`${f}: data must be a JSON object`, 1);
    Object.assign(data, parsed);
  }
  for (const d of v.define ?? []) {
    const eq = d.indexOf('=');
    if (eq <= 0) throw new CliError(`-D expects KEY=VALUE, got '${d}'`);
    const raw = d.slice(eq + 1);
    let value: unknown = raw;
    try {
      value = JSON.parse(raw);
    } catch {
      // not JSON: a plain string
    }
    setPath(data, d.slice(0, eq), value);
  }
  const roots = (v['search-path']?.length ? v['search-path'] : [path.dirname(template)]).map((p) => path.resolve(p));
  const abs = path.resolve(template);
  const root = roots.find((r) => abs.startsWith(r + path.sep));
  const source = readText(template);
  const env = makeEnv(v, { loader: new FileSystemLoader(roots) });
  let result: string;
  try {
    const name = root ? path.relative(root, abs).split(path.sep).join('/') : undefined;
    result = name !== undefined ? env.getTemplate(name).render(data) : env.fromString(source).render(data);
  } catch (e) {
    throw new CliError(describeError(e, undefined, source), 1);
  }
  if (v.output) fs.writeFileSync(v.output, result);
  else out(result);
  return 0;
}

/** A glob (`*`, `**`, `?`, `{a,b}`) as a RegExp over '/'-separated paths. */
function globRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*') {
      if (glob[i + 1] === '*') {
        i++;
        if (glob[i + 1] === '/') {
          i++;
          re += '(?:.*/)?';
        } else re += '.*';
      } else re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else if (c === '{') {
      const end = glob.indexOf('}', i);
      if (end < 0) re += '\\{';
      else {
        re += `(?:${glob.slice(i + 1, end).split(',').map((p) => p.replace(/[.+^$()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*')).join('|')})`;
        i = end;
      }
    } else re += c.replace(/[.+^$()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

interface Found { file: string; name: string }

/** Templates named by PATH arguments: files as given (named by basename), directories walked. */
function collect(paths: string[], include: string[] | undefined, exclude: string[] | undefined): Found[] {
  const inc = (include ?? []).map(globRegExp);
  const exc = (exclude ?? []).map(globRegExp);
  const keep = (name: string) => (inc.length === 0 || inc.some((r) => r.test(name))) && !exc.some((r) => r.test(name));
  const out: Found[] = [];
  for (const p of paths) {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(p);
    } catch (e) {
      throw new CliError(`cannot read '${p}': ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, 1);
    }
    if (!stat.isDirectory()) {
      out.push({ file: p, name: path.basename(p) });
      continue;
    }
    const walk = (dir: string, prefix: string) => {
      for (const ent of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
        if (ent.name.startsWith('.')) continue;
        const name = prefix + ent.name;
        if (ent.isDirectory()) walk(path.join(dir, ent.name), `${name}/`);
        else if (ent.isFile() && keep(name)) out.push({ file: path.join(dir, ent.name), name });
      }
    };
    walk(p, '');
  }
  return out;
}

const PROGRESS_OVER = 50;

function cmdCompile(args: string[], out: (s: string) => void, err: (s: string) => void): number {
  const { values: v, positionals } = parse('compile', args, {
    'out-dir': { type: 'string', short: 'o' },
    include: { type: 'string', multiple: true },
    exclude: { type: 'string', multiple: true },
    types: { type: 'boolean' },
    runtime: { type: 'string' },
  });
  if (v.help) return out(HELP.compile! + '\n'), 0;
  if (!v['out-dir']) throw new CliError("missing -o OUTDIR\nTry 'jinjit compile --help'.");
  if (positionals.length === 0) throw new CliError("missing PATH\nTry 'jinjit compile --help'.");
  const found = collect(positionals, v.include, v.exclude);
  const names = new Set(found.map((f) => f.name));
  const env = makeEnv(v);
  const runtime = v.runtime ?? 'jinjit/runtime';
  let failures = 0;
  if (found.length > PROGRESS_OVER) err(`compiling ${found.length} templates...\n`);
  found.forEach((f, i) => {
    const source = readText(f.file);
    try {
      const { code } = precompile(source, {
        environment: env,
        chat: Boolean(v.chat),
        name: f.name,
        runtimeImport: runtime,
        resolve: (dep, from) => (names.has(dep) ? defaultResolve(dep, from) : null),
      });
      const target = path.join(v['out-dir']!, ...f.name.split('/'));
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(`${target}.js`, code);
      fs.writeFileSync(`${target}.d.ts`, precompileDeclaration(v.types ? inferContextType(source, env) : undefined, runtime));
    } catch (e) {
      failures++;
      err(describeError(e, f.file, source) + '\n');
    }
    if (found.length > PROGRESS_OVER && (i + 1) % PROGRESS_OVER === 0) err(`  ${i + 1}/${found.length}\n`);
  });
  err(`compiled ${found.length - failures} of ${found.length} templates to ${v['out-dir']}\n`);
  return failures ? 1 : 0;
}

function cmdCheck(args: string[], out: (s: string) => void): number {
  const { values: v, positionals } = parse('check', args, {
    include: { type: 'string', multiple: true },
    exclude: { type: 'string', multiple: true },
    defined: { type: 'string', multiple: true },
  });
  if (v.help) return out(HELP.check! + '\n'), 0;
  if (positionals.length === 0) throw new CliError("missing PATH\nTry 'jinjit check --help'.");
  const defined = new Set((v.defined ?? []).flatMap((d) => d.split(',')).map((d) => d.trim()));
  const env = makeEnv(v);
  let errors = 0;
  let warnings = 0;
  const found = collect(positionals, v.include, v.exclude);
  for (const f of found) {
    const source = readText(f.file);
    try {
      const { ast } = env.compileToCode(source, f.name);
      for (const [name, at] of locateUndeclaredVariables(ast, env)) {
        if (defined.has(name)) continue;
        const p = at[0] ?? { line: 1, column: 1 };
        const kind = v.strict ? 'error' : 'warning';
        if (v.strict) errors++;
        else warnings++;
        out(`${f.file}:${p.line}:${p.column}: ${kind}: '${name}' is not defined in the template (read from the render context)\n${codeFrame(source, p.line, p.column)}\n`);
      }
    } catch (e) {
      errors++;
      out(describeError(e, f.file, source) + '\n');
    }
  }
  out(`${found.length} template${found.length === 1 ? '' : 's'} checked: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}\n`);
  return errors ? 1 : 0;
}

/**
 * Run the CLI with `args` (without `node` and the script); returns the exit code.
 * @example main(['render', 'page.html', 'data.json'], (s) => process.stdout.write(s))
 */
export function main(args: string[], out = (s: string) => void process.stdout.write(s), err = (s: string) => void process.stderr.write(s)): number {
  const [cmd, ...rest] = args;
  try {
    switch (cmd) {
      case 'render': return cmdRender(rest, out);
      case 'compile': return cmdCompile(rest, out, err);
      case 'check': return cmdCheck(rest, out);
      case undefined: case '-h': case '--help': case 'help':
        out(HELP.main! + '\n');
        return cmd === undefined ? 2 : 0;
      default:
        throw new CliError(`unknown command '${cmd}'\nTry 'jinjit --help'.`);
    }
  } catch (e) {
    if (e instanceof CliError) {
      err(`jinjit: ${e.message}\n`);
      return e.exitCode;
    }
    err(`jinjit: internal error: ${(e as Error).stack ?? String(e)}\n`);
    return 70;
  }
}

process.exitCode = main(process.argv.slice(2));
