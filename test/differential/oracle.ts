/**
 * Client of fixtures/oracle/diff_server.py: one long-lived Python Jinja2 process, one JSON line per
 * request and per response, answered in order.
 *
 * @example
 * const py = PythonOracle.start();
 * await py.render({ template: '{{ 1 / 2 }}', context: {}, options: {} }); // { output: '0.5' }
 * py.close();
 */
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

export type OracleResult = { output: string } | { error: { type: string; message: string; phase?: 'compile' | 'render' } };

export interface OracleRequest {
  template: string;
  context: Record<string, unknown>;
  options: object;
}

const SERVER = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/oracle/diff_server.py');

/** Why Python Jinja2 3.1.6 cannot serve as the oracle here, or null when it can. */
export function oracleUnavailable(): string | null {
  const r = spawnSync('python3', ['-c', 'import jinja2; print(jinja2.__version__)'], { encoding: 'utf8' });
  if (r.error) return `python3 not runnable: ${r.error.message}`;
  if (r.status !== 0) return `python3 cannot import jinja2: ${r.stderr.trim().split('\n').pop() ?? ''}`;
  const v = r.stdout.trim();
  return v === '3.1.6' ? null : `the oracle is Jinja2 3.1.6, found ${v}`;
}

export class PythonOracle {
  private buffer = '';
  private readonly waiting: { resolve: (r: OracleResult) => void; reject: (e: Error) => void }[] = [];
  private dead: Error | null = null;

  private constructor(private readonly proc: ChildProcessWithoutNullStreams) {
    proc.stdout.setEncoding('utf8');
    proc.stdout.on('data', (chunk: string) => this.onData(chunk));
    let stderr = '';
    proc.stderr.on('data', (c) => (stderr += String(c)));
    proc.on('exit', (code) => this.fail(new Error(`diff_server.py exited (${code}): ${stderr.slice(-2000)}`)));
    proc.on('error', (e) => this.fail(e));
  }

  static start(): PythonOracle {
    return new PythonOracle(spawn('python3', [SERVER], { stdio: ['pipe', 'pipe', 'pipe'] }));
  }

  /** Render one case with Jinja2. The context is sent as JSON, exactly the text jinjit parses. */
  render(req: OracleRequest | string): Promise<OracleResult> {
    if (this.dead) return Promise.reject(this.dead);
    const line = typeof req === 'string' ? req : JSON.stringify(req);
    return new Promise((resolve, reject) => {
      this.waiting.push({ resolve, reject });
      this.proc.stdin.write(line + '\n');
    });
  }

  close(): void {
    this.dead ??= new Error('oracle closed');
    this.proc.stdin.end();
  }

  private onData(chunk: string): void {
    this.buffer += chunk;
    let nl: number;
    while ((nl = this.buffer.indexOf('\n')) >= 0) {
      const line = this.buffer.slice(0, nl);
      this.buffer = this.buffer.slice(nl + 1);
      this.waiting.shift()?.resolve(JSON.parse(line) as OracleResult);
    }
  }

  private fail(e: Error): void {
    this.dead ??= e;
    for (const w of this.waiting.splice(0)) w.reject(e);
  }
}
