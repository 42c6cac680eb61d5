/**
 * What keeps `import 'jinjit'` cheap in a fresh Node process, checked on an esbuild bundle of
 * src/index.ts built like dist/index.js (scripts/build.mjs):
 * - ASCII only: one non-ASCII character makes V8 parse the whole bundle as a two-byte source;
 * - no Unicode property regex literal (`/\p{L}/u`): V8 expands those while parsing, even inside
 *   functions never called (src/runtime/lazy.ts builds them on first use instead);
 * - moo bundled in, not imported from ESM as CommonJS (CJS loader and export lexer at import);
 * - fs streams not loaded: an `import 'node:fs'` loads them (and node:stream's readable side)
 *   through fs's ReadStream getter, which Node's ESM facade reads.
 */

import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { build } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '../..');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'jinjit-import-cost-'));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

describe('bundle of src/index.ts, as dist/index.js', async () => {
  const out = await build({
    entryPoints: [path.join(root, 'src/index.ts')],
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    external: ['esbuild'],
    write: false,
    logLevel: 'silent',
  });
  const code = out.outputFiles[0]!.text;
  const file = path.join(work, 'index.mjs');
  fs.writeFileSync(file, code);

  it('is ASCII only', () => {
    const line = code.split('\n').findIndex((l) => /[^\x00-\x7f]/.test(l));
    expect(line === -1 ? null : code.split('\n')[line]).toBeNull();
  });

  it('holds no Unicode property regex literal', () => {
    // in string sources the backslash is doubled (`'\\p{L}'`); a literal has it single
    expect(code.match(/.{0,60}(?<!\\)\\[pP]\{.{0,20}/g)).toBeNull();
  });

  it('imports neither moo nor node:fs', () => {
    const imports = code.match(/^import .* from ".*";$/gm) ?? [];
    expect(imports.filter((l) => /"(moo|node:fs|fs)"/.test(l))).toEqual([]);
  });

  it('renders after import without loading fs streams', () => {
    // the list is taken before process.stdout, whose getter loads streams itself
    const script = `import(${JSON.stringify(file)}).then((j) => {
      const out = JSON.stringify([
        process.moduleLoadList.filter((m) => /internal\\/fs\\/streams|internal\\/streams\\/readable/.test(m)),
        j.render('{{ "w\u00f6rd"|title }}{{ x.isalpha() }}', { x: 'ab' }),
      ]);
      process.stdout.write(out);
    })`;
    const [streams, rendered] = JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' })) as [string[], string];
    expect(streams).toEqual([]);
    expect(rendered).toBe('WördTrue');
  });
});
