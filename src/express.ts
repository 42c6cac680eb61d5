/**
 * An Express view engine (`app.engine('j2', express())`). Templates are loaded by name through a
 * FileSystemLoader on the views directories, so `extends`, `include` and `import` resolve there,
 * and compiled templates are cached by the environment. Express itself is not imported.
 */

import * as path from 'node:path';
import { Environment, type EnvironmentOptions } from './environment.js';
import { FileSystemLoader } from './loaders.js';

/** Options of `express()`: environment options plus where the views are. */
export interface ExpressOptions extends Omit<EnvironmentOptions, 'loader'> {
  /** Views directory or directories; default: the app's `views` setting. */
  views?: string | string[];
  /** Render with `renderAsync` (Promise-valued locals, async filters and globals). */
  async?: boolean;
}

/** The callback signature Express calls view engines with. */
export type ExpressEngine = (
  filePath: string,
  options: object,
  callback: (err: Error | null, rendered?: string) => void,
) => void;

/** Keys Express adds to the render options that are not template data. */
const EXPRESS_KEYS = new Set(['settings', '_locals', 'cache']);

/**
 * A view engine for Express. The template name is the view's path relative to a views
 * directory; templates are recompiled when their file changes unless Express's `view cache` is
 * on (production) or `autoReload: false` is given.
 * @example
 * import express from 'express';
 * import { express as jinjitViews } from 'jinjit';
 * const app = express();
 * app.engine('j2', jinjitViews({ autoescape: true }));
 * app.set('view engine', 'j2');
 * app.set('views', './views');
 * app.get('/', (req, res) => res.render('index', { title: 'Home' }));
 */
export function express(options: ExpressOptions = {}): ExpressEngine {
  const { views, async: useAsync = false, ...envOptions } = options;
  const envs = new Map<string, Environment>();

  const environmentFor = (dirs: string[], cache: boolean): Environment => {
    const key = JSON.stringify([dirs, cache]);
    let env = envs.get(key);
    if (!env) {
      env = new Environment({ autoReload: !cache, ...envOptions, loader: new FileSystemLoader(dirs) });
      envs.set(key, env);
    }
    return env;
  };

  return (filePath, options_, callback) => {
    const renderOptions = options_ as Record<string, unknown>;
    let dirs: string[];
    let name: string;
    try {
      const configured = views ?? (renderOptions.settings as Record<string, unknown> | undefined)?.views;
      dirs = (Array.isArray(configured) ? configured : configured ? [configured] : []).map((d) => path.resolve(String(d)));
      const file = path.resolve(filePath);
      const root = dirs.find((d) => !path.relative(d, file).startsWith('..') && !path.isAbsolute(path.relative(d, file)));
      if (root === undefined) dirs = [...dirs, path.dirname(file)];
      name = path.relative(root ?? path.dirname(file), file).split(path.sep).join('/');
    } catch (e) {
      callback(e as Error);
      return;
    }
    const data: Record<string, unknown> = Object.create(null); // a `__proto__` key stays data
    for (const k of Object.keys(renderOptions)) if (!EXPRESS_KEYS.has(k)) data[k] = renderOptions[k];
    const cache = renderOptions.cache === true;
    const run = async (): Promise<string> => {
      const env = environmentFor(dirs, cache);
      if (useAsync) return (await env.getTemplateAsync(name)).renderAsync(data);
      return env.getTemplate(name).render(data);
    };
    run().then((html) => callback(null, html), (e: unknown) => callback(e instanceof Error ? e : new Error(String(e))));
  };
}
