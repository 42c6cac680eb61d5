import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

/** bench/ itself, whether running from source (vite-node) or from the esbuild bundle in bench/.out. */
function findBenchDir(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    if (fs.existsSync(path.join(dir, 'workloads')) && fs.existsSync(path.join(dir, 'python'))) return dir;
    dir = path.dirname(dir);
  }
  return path.resolve('bench');
}

export const BENCH_DIR = findBenchDir();
export const ROOT_DIR = path.dirname(BENCH_DIR);

export function readWorkloadFile(workload: string, file: string): string {
  return fs.readFileSync(path.join(BENCH_DIR, 'workloads', workload, file), 'utf8');
}
