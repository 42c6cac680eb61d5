/**
 * The README's TypeScript examples run here, so they cannot rot. Every ```ts block of README.md
 * is a module: `'jinjit'` and its subpaths resolve to src/, and a line `// => <JSON>` asserts
 * that the expression statement on the line just above it evaluates (awaited) to that value.
 * A block may opt out with a first line `// not run: <reason>`.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const OUT = join(ROOT, 'test', '.readme');

const SUBPATHS: Record<string, string> = {
  jinjit: 'src/index.ts',
  'jinjit/runtime': 'src/runtime/index.ts',
  'jinjit/huggingface': 'src/huggingface.ts',
  'jinjit/esbuild': 'src/esbuild-plugin.ts',
};

interface Block {
  line: number;
  code: string;
}

function blocks(markdown: string): Block[] {
  const out: Block[] = [];
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (lines[i]!.trim() !== '```ts') continue;
    const start = i + 1;
    let j = start;
    while (j < lines.length && lines[j]!.trim() !== '```') j++;
    out.push({ line: start + 1, code: lines.slice(start, j).join('\n') });
    i = j;
  }
  return out;
}

/** Rewrite imports and `// =>` assertions; the result is a module exporting `run()`. */
function transform(b: Block): string {
  const lines = b.code.split('\n');
  const body: string[] = [];
  const imports: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const imp = /^import (.*) from '([^']+)';$/.exec(line);
    if (imp) {
      const target = SUBPATHS[imp[2]!];
      imports.push(target ? `import ${imp[1]} from ${JSON.stringify(pathToFileURL(join(ROOT, target)).href)};` : line);
      continue;
    }
    const m = /^(\s*)\/\/ => (.*)$/.exec(line);
    if (m) {
      // the statement above: back to its first line (the first one not indented or closing)
      const stmt: string[] = [];
      while (body.length) {
        const l = body.pop()!;
        stmt.unshift(l);
        if (/^[^\s})\]]/.test(l)) break;
      }
      const prev = stmt.join('\n');
      if (!/;\s*$/.test(prev)) throw new Error(`README line ${b.line + i}: '// =>' needs a statement above it`);
      const expr = prev.trim().replace(/;\s*$/, '').replace(/^const \w+ = /, '');
      body.push(`${m[1]}__check(await (${expr}), ${m[2]}, ${b.line + i});`);
      continue;
    }
    body.push(line);
  }
  return [
    ...imports,
    `import { expect } from 'vitest';`,
    `function __check(actual: unknown, expected: unknown, line: number) { expect(actual, 'README line ' + line).toEqual(expected); }`,
    `export async function run() {`,
    ...body,
    `}`,
  ].join('\n');
}

const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
const all = blocks(readme);

describe('README examples', () => {
  it('has TypeScript examples with assertions', () => {
    expect(all.length).toBeGreaterThan(3);
    expect(all.filter((b) => b.code.includes('// =>')).length).toBeGreaterThan(3);
  });

  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });
  for (const b of all) {
    const skip = /^\/\/ not run: (.*)/.exec(b.code);
    if (skip) continue;
    it(`block at README.md:${b.line}`, async () => {
      const file = join(OUT, `block-${b.line}.ts`);
      writeFileSync(file, transform(b));
      const mod = (await import(pathToFileURL(file).href)) as { run(): Promise<void> };
      const cwd = process.cwd();
      process.chdir(ROOT);
      try {
        await mod.run();
      } finally {
        process.chdir(cwd);
      }
    });
  }
});
