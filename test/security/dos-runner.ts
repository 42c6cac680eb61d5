/**
 * Child-process runner of the DoS corpus (bundled by dos.test.ts with esbuild and run under
 * `node --max-old-space-size=256`, so a regression kills this process, not the test runner).
 *
 * argv[2] is a JSON file: `{ payloads: DosPayload[] }`. For each payload it prints one line
 * `START <id>` before rendering and one JSON line `{ id, output? | outputLength, outputSha256,
 * error?, message?, templateError, located, recovered }` after: `located` says a failure
 * carries a line number, `recovered` that the next render on the same environment works. A
 * last line `REALM <same|changed>` compares the built-ins before and after.
 */

import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import { DictLoader, Environment, StrictUndefined, TemplateError, type EnvironmentOptions } from '../../src/index.js';
import { realmSnapshot } from './support.js';

interface DosPayload {
  id: string;
  template?: string;
  parts?: [string, number][];
  templates?: Record<string, string>;
  options?: Record<string, unknown>;
  limits?: Record<string, number>;
}

export function templateOf(p: DosPayload): string {
  return p.parts ? p.parts.map(([t, n]) => t.repeat(n)).join('') : p.template!;
}

function environment(p: DosPayload): Environment {
  const o = p.options ?? {};
  const opts: EnvironmentOptions = {};
  if (o.sandbox) opts.sandbox = o.sandbox as EnvironmentOptions['sandbox'];
  if (o.extensions) opts.extensions = o.extensions as string[];
  if (o.undefined === 'StrictUndefined') opts.undefined = StrictUndefined;
  if (p.templates) opts.loader = new DictLoader(p.templates);
  if (p.limits) opts.limits = p.limits;
  return new Environment(opts);
}

const before = JSON.stringify(realmSnapshot());
const { payloads } = JSON.parse(fs.readFileSync(process.argv[2]!, 'utf8')) as { payloads: DosPayload[] };
for (const p of payloads) {
  process.stdout.write(`START ${p.id}\n`);
  const line: Record<string, unknown> = { id: p.id };
  let env: Environment | undefined;
  try {
    env = environment(p);
    const out = env.fromString(templateOf(p)).render({});
    if (out.length > 200) {
      line.outputLength = out.length;
      line.outputSha256 = createHash('sha256').update(out, 'utf8').digest('hex');
    } else line.output = out;
  } catch (e) {
    const err = e as TemplateError;
    line.error = err?.name;
    line.message = String(err?.message).slice(0, 300);
    line.templateError = e instanceof TemplateError;
    line.located = e instanceof TemplateError && typeof err.lineno === 'number';
  }
  try {
    line.recovered = env !== undefined && env.fromString('{{ 1 + 1 }}').render() === '2';
  } catch {
    line.recovered = false;
  }
  process.stdout.write(JSON.stringify(line) + '\n');
}
process.stdout.write(`REALM ${JSON.stringify(realmSnapshot()) === before ? 'same' : 'changed'}\n`);
