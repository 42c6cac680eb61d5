/**
 * `jinjit/esbuild`: an esbuild plugin that precompiles imported templates, so
 * `import page from './page.html.j2'` is the template's render function and bundles carry only
 * `jinjit/runtime`. esbuild is a peer dependency: only its types are imported here.
 */

import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Plugin } from 'esbuild';
import { Environment } from './environment.js';
import { TemplateError } from './errors.js';
import { precompile, type PrecompileOptions } from './precompile.js';

/** Options of `jinjitPlugin()`: which files are templates, where names resolve, compile options. */
export interface JinjitPluginOptions extends Omit<PrecompileOptions, 'name' | 'resolve' | 'environment'> {
  /** Files handled as templates (default: `.j2`, `.jinja`, `.jinja2`). */
  filter?: RegExp;
  /**
   * Directories template names are relative to, for `extends`/`include`/`import` and for the
   * names templates get (first match wins). Without it, references resolve relative to the
   * referencing template and names are relative to `root`.
   */
  searchPath?: string[];
  /** Directory template names are relative to when there is no search path (default: cwd). */
  root?: string;
  /** Compile with this environment (custom filters/tests/extensions). */
  environment?: Environment;
}

const NS = 'jinjit-template';
const DEP_PREFIX = 'jinjit-template:';

function posix(p: string): string {
  return p.split(path.sep).join('/');
}

/**
 * The plugin. Templates referenced by a constant name are bundled too (whatever their extension)
 * and watched in watch mode.
 * @example
 * import { build } from 'esbuild';
 * import { jinjitPlugin } from 'jinjit/esbuild';
 * await build({ entryPoints: ['app.js'], bundle: true, plugins: [jinjitPlugin({ searchPath: ['templates'], autoescape: true })] });
 * // app.js: import page from './templates/page.html.j2'; page({ title: 'Home' });
 */
export function jinjitPlugin(options: JinjitPluginOptions = {}): Plugin {
  const { filter = /\.(j2|jinja2?)$/, searchPath, root, environment, ...compileOptions } = options;
  const roots = searchPath?.map((p) => path.resolve(p));
  const base = path.resolve(root ?? roots?.[0] ?? process.cwd());
  const nameOf = (file: string): string => {
    const r = roots?.find((d) => file.startsWith(d + path.sep)) ?? base;
    return posix(path.relative(r, file));
  };
  /** The file a reference from `from` names, or null when there is none (left to the runtime). */
  const locate = (ref: string, from: string): string | null => {
    const candidates = roots ? roots.map((r) => path.resolve(r, ref)) : [path.resolve(path.dirname(from), ref)];
    return candidates.find((c) => fs.existsSync(c) && fs.statSync(c).isFile()) ?? null;
  };
  return {
    name: 'jinjit',
    setup(build) {
      build.onResolve({ filter: /^jinjit-template:/ }, (args) => ({ path: args.path.slice(DEP_PREFIX.length), namespace: NS }));
      build.onResolve({ filter }, (args) => {
        if (args.path.startsWith(DEP_PREFIX) || (args.namespace !== 'file' && args.namespace !== NS)) return undefined;
        return { path: path.resolve(args.resolveDir, args.path), namespace: NS };
      });
      build.onLoad({ filter: /.*/, namespace: NS }, (args) => {
        const file = args.path;
        const watchFiles = [file];
        let source: string;
        try {
          source = fs.readFileSync(file, 'utf8');
        } catch (e) {
          return { errors: [{ text: `cannot read template ${file}: ${(e as Error).message}` }], watchFiles };
        }
        try {
          const { code } = precompile(source, {
            ...compileOptions,
            environment,
            name: nameOf(file),
            resolve: (ref) => {
              const found = locate(ref, file);
              if (found === null) {
                // watch where it would appear, so adding it triggers a rebuild
                for (const dir of roots ?? [path.dirname(file)]) watchFiles.push(path.resolve(dir, ref));
                return null;
              }
              return DEP_PREFIX + found;
            },
          });
          return { contents: code, loader: 'js', resolveDir: path.dirname(file), watchFiles };
        } catch (e) {
          if (!(e instanceof TemplateError)) throw e;
          const location = { file, line: e.lineno ?? 1, column: Math.max(0, (e.column ?? 1) - 1) };
          return { errors: [{ text: `${e.name}: ${e.detail}`, location }], watchFiles };
        }
      });
    },
  };
}

export default jinjitPlugin;
