import { readFileSync } from 'node:fs';
import { Environment } from './src/index.js';
const src = readFileSync('/tmp/big.html', 'utf8');
const env = new Environment({ autoescape: true, trimBlocks: true, lstripBlocks: true });
const ast: any = env.parse(src);
const c: Record<string, number> = {};
const walk = (n: any) => { if (Array.isArray(n)) return n.forEach(walk); if (n && typeof n === 'object') { if (n.type) c[n.type] = (c[n.type] ?? 0) + 1; for (const k in n) if (k !== 'loc') walk(n[k]); } };
walk(ast);
console.log(Object.entries(c).sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k}:${v}`).join(' '));
