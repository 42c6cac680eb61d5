/** Run bench/python/jinja_ref.py with one JSON job (see its docstring). */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { BENCH_DIR } from './paths.js';

export const PYTHON_SCRIPT = path.join(BENCH_DIR, 'python', 'jinja_ref.py');

export function runPython<T>(job: unknown): T {
  const res = spawnSync('python3', [PYTHON_SCRIPT], {
    input: JSON.stringify(job),
    encoding: 'utf8',
    maxBuffer: 1 << 30,
  });
  if (res.status !== 0) throw new Error(`python3 jinja_ref.py failed (${res.status}): ${res.stderr || res.error}`);
  return JSON.parse(res.stdout) as T;
}

export function pythonVersions(): string {
  const res = spawnSync('python3', ['-c', 'import sys, jinja2, markupsafe; print(sys.version.split()[0], jinja2.__version__)'], {
    encoding: 'utf8',
  });
  const [py, jinja] = (res.stdout ?? '').trim().split(' ');
  return `Python ${py ?? '?'}, Jinja2 ${jinja ?? '?'}`;
}
