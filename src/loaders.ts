/**
 * Template loaders, as Jinja2's: a loader turns a template name into its source, and says
 * whether a cached compile of it is still fresh.
 */

import type * as NodeFs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { TemplateNotFound } from './errors.js';

// fs through require, on first use, not `import 'node:fs'`: Node builds the ESM facade of a
// built-in by reading every export, and fs's lazy ReadStream getter then loads all of node:stream
// (~3 ms of import). Built-ins resolve from any base path, so '/' serves the ESM and CJS builds.
let nodeFs: typeof NodeFs | undefined;
const fs = (): typeof NodeFs => (nodeFs ??= createRequire('/')('node:fs') as typeof NodeFs);

/** What a loader returns for a name. */
export interface LoaderSource {
  source: string;
  /** A file name for error messages, when there is one. */
  filename?: string;
  /** Returns true while the source is unchanged (used with `autoReload`). */
  uptodate?: () => boolean;
}

/** Base interface of every loader. Throw TemplateNotFound for an unknown name. */
export interface Loader {
  getSource(name: string): LoaderSource;
  /**
   * Optional non-blocking `getSource`, used by `getTemplateAsync` and async renders.
   * @example { getSource: () => { throw new TemplateNotFound(name); }, getSourceAsync: async (name) => ({ source: await db.template(name) }) }
   */
  getSourceAsync?(name: string): Promise<LoaderSource>;
  /** Names this loader can load, when it can enumerate them. */
  listTemplates?(): string[];
}

/**
 * Templates from an object of name → source.
 * @example new Environment({ loader: new DictLoader({ 'a.html': 'Hi {{ name }}' }) })
 */
export class DictLoader implements Loader {
  constructor(readonly mapping: Record<string, string>) {}
  getSource(name: string): LoaderSource {
    if (!Object.prototype.hasOwnProperty.call(this.mapping, name)) throw new TemplateNotFound(name);
    const source = this.mapping[name]!;
    return { source, uptodate: () => this.mapping[name] === source };
  }
  listTemplates(): string[] {
    return Object.keys(this.mapping).sort();
  }
}

/** Split a template name into path segments, refusing anything that could leave the root. */
export function splitTemplatePath(name: string): string[] {
  const pieces: string[] = [];
  for (const piece of name.split('/')) {
    if (piece.includes(path.sep) || (path.sep !== '/' && piece.includes('/')) || piece === '..') {
      throw new TemplateNotFound(name);
    }
    if (piece && piece !== '.') pieces.push(piece);
  }
  return pieces;
}

/**
 * Templates from directories on disk, searched in order. Names use `/`; `..` is refused so a
 * template name can never reach outside the search path.
 * @example new FileSystemLoader(['templates', 'shared/templates'])
 */
export class FileSystemLoader implements Loader {
  readonly searchPath: string[];
  constructor(searchPath: string | string[], readonly encoding: BufferEncoding = 'utf8') {
    this.searchPath = (Array.isArray(searchPath) ? searchPath : [searchPath]).map((p) => path.resolve(p));
  }
  getSource(name: string): LoaderSource {
    const pieces = splitTemplatePath(name);
    for (const dir of this.searchPath) {
      const file = path.join(dir, ...pieces);
      let stat: NodeFs.Stats;
      try {
        stat = fs().statSync(file);
      } catch {
        continue;
      }
      if (!stat.isFile()) continue;
      const source = fs().readFileSync(file, this.encoding);
      return fileSource(file, source, stat.mtimeMs);
    }
    throw new TemplateNotFound(name);
  }
  /**
   * `getSource` without blocking the event loop (used by async renders and `getTemplateAsync`).
   * @example await new FileSystemLoader('views').getSourceAsync('page.html')
   */
  async getSourceAsync(name: string): Promise<LoaderSource> {
    const pieces = splitTemplatePath(name);
    for (const dir of this.searchPath) {
      const file = path.join(dir, ...pieces);
      let stat: NodeFs.Stats;
      try {
        stat = await fs().promises.stat(file);
      } catch {
        continue;
      }
      if (!stat.isFile()) continue;
      const source = await fs().promises.readFile(file, this.encoding);
      return fileSource(file, source, stat.mtimeMs);
    }
    throw new TemplateNotFound(name);
  }
  listTemplates(): string[] {
    const found = new Set<string>();
    const walk = (root: string, dir: string) => {
      let entries: NodeFs.Dirent[];
      try {
        entries = fs().readdirSync(dir, { withFileTypes: true });
      } catch {
        return;
      }
      for (const e of entries) {
        const full = path.join(dir, e.name);
        if (e.isDirectory()) walk(root, full);
        else found.add(path.relative(root, full).split(path.sep).join('/'));
      }
    };
    for (const dir of this.searchPath) walk(dir, dir);
    return [...found].sort();
  }
}

/**
 * Templates from a function: return the source, a LoaderSource, or null/undefined for "not found".
 * @example new FunctionLoader((name) => name === 'x' ? 'X' : null)
 */
export class FunctionLoader implements Loader {
  constructor(readonly load: (name: string) => string | LoaderSource | null | undefined) {}
  getSource(name: string): LoaderSource {
    const rv = this.load(name);
    if (rv === null || rv === undefined) throw new TemplateNotFound(name);
    return typeof rv === 'string' ? { source: rv } : rv;
  }
}

/**
 * Dispatch on a name prefix: `'app/index.html'` goes to the loader registered as `app`.
 * @example new PrefixLoader({ app: new DictLoader({ 'index.html': '...' }) })
 */
export class PrefixLoader implements Loader {
  constructor(readonly mapping: Record<string, Loader>, readonly delimiter = '/') {}
  getSource(name: string): LoaderSource {
    const i = name.indexOf(this.delimiter);
    if (i < 0) throw new TemplateNotFound(name);
    const prefix = name.slice(0, i);
    const loader = Object.prototype.hasOwnProperty.call(this.mapping, prefix) ? this.mapping[prefix] : undefined;
    if (!loader) throw new TemplateNotFound(name);
    try {
      return loader.getSource(name.slice(i + this.delimiter.length));
    } catch (e) {
      if (e instanceof TemplateNotFound) throw new TemplateNotFound(name);
      throw e;
    }
  }
  listTemplates(): string[] {
    const out: string[] = [];
    for (const [prefix, loader] of Object.entries(this.mapping)) {
      for (const t of loader.listTemplates?.() ?? []) out.push(prefix + this.delimiter + t);
    }
    return out.sort();
  }
}

/**
 * Try several loaders in order; the first that has the template wins.
 * @example new ChoiceLoader([new DictLoader(overrides), new FileSystemLoader('templates')])
 */
export class ChoiceLoader implements Loader {
  constructor(readonly loaders: Loader[]) {}
  getSource(name: string): LoaderSource {
    for (const loader of this.loaders) {
      try {
        return loader.getSource(name);
      } catch (e) {
        if (!(e instanceof TemplateNotFound)) throw e;
      }
    }
    throw new TemplateNotFound(name);
  }
  listTemplates(): string[] {
    const out = new Set<string>();
    for (const l of this.loaders) for (const t of l.listTemplates?.() ?? []) out.add(t);
    return [...out].sort();
  }
}

/** A loaded file: up to date while its modification time is unchanged. */
function fileSource(file: string, source: string, mtime: number): LoaderSource {
  return {
    source,
    filename: file,
    uptodate: () => {
      try {
        return fs().statSync(file).mtimeMs === mtime;
      } catch {
        return false;
      }
    },
  };
}
