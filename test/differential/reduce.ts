/**
 * Text-level reduction of a counterexample after fast-check's shrinking: delete or unwrap tags,
 * drop outputs and text, reset options, while the disagreement keeps its signature. fast-check
 * shrinks within the grammar; this removes what the grammar cannot (a whole `{% if %}` around
 * the interesting part, a statement that only matters by being there).
 *
 * @example
 * const small = await reduceCase(c, async (d) => (await judge(d, oracle)).signature === sig);
 */
import type { DiffCase } from './generator.js';

type Piece = { kind: 'tag'; text: string; word: string } | { kind: 'other'; text: string };

const CHUNK = /\{%[\s\S]*?%\}|\{\{[\s\S]*?\}\}|\{#[\s\S]*?#\}/g;
/** Block tags with an end tag, and their middle tags. */
const BLOCKS = new Set(['if', 'for', 'macro', 'call', 'filter', 'with', 'autoescape', 'raw', 'block']);
const MIDDLE = new Set(['elif', 'else']);

function pieces(src: string): Piece[] {
  const out: Piece[] = [];
  let last = 0;
  for (const m of src.matchAll(CHUNK)) {
    if (m.index > last) out.push({ kind: 'other', text: src.slice(last, m.index) });
    const text = m[0];
    const word = text.startsWith('{%') ? /^\{%[-+]?\s*(\w+)/.exec(text)?.[1] : undefined;
    out.push(word !== undefined ? { kind: 'tag', text, word } : { kind: 'other', text });
    last = m.index + text.length;
  }
  if (last < src.length) out.push({ kind: 'other', text: src.slice(last) });
  return out;
}

/** Index of the end tag matching the block opened at `i`, or -1. A block `set` has no `=`. */
function matchEnd(ps: Piece[], i: number, word: string): number {
  let depth = 0;
  for (let j = i; j < ps.length; j++) {
    const p = ps[j]!;
    if (p.kind !== 'tag') continue;
    if (p.word === word && (word !== 'set' || !p.text.includes('='))) depth++;
    else if (p.word === `end${word}` && --depth === 0) return j;
  }
  return -1;
}

/** Candidate templates, biggest deletions first. */
function candidates(src: string): string[] {
  const ps = pieces(src);
  const join = (skip: (i: number) => boolean) => ps.filter((_, i) => !skip(i)).map((p) => p.text).join('');
  const big: [number, string][] = [];
  const small: string[] = [];
  ps.forEach((p, i) => {
    if (p.kind === 'tag' && (BLOCKS.has(p.word) || (p.word === 'set' && !p.text.includes('=')))) {
      const end = matchEnd(ps, i, p.word);
      if (end < 0) return;
      big.push([end - i, join((k) => k >= i && k <= end)]);
      big.push([0, join((k) => k === i || k === end)]); // unwrap: keep the body
      // drop one branch: from a middle tag at this depth up to the next middle/end tag
      let depth = 0;
      for (let k = i + 1; k < end; k++) {
        const q = ps[k]!;
        if (q.kind !== 'tag') continue;
        if (BLOCKS.has(q.word)) depth++;
        else if (q.word.startsWith('end') && BLOCKS.has(q.word.slice(3))) depth--;
        else if (depth === 0 && MIDDLE.has(q.word)) {
          let stop = k + 1;
          let d2 = 0;
          for (; stop < end; stop++) {
            const r = ps[stop]!;
            if (r.kind !== 'tag') continue;
            if (BLOCKS.has(r.word)) d2++;
            else if (r.word.startsWith('end') && BLOCKS.has(r.word.slice(3))) d2--;
            else if (d2 === 0 && MIDDLE.has(r.word)) break;
          }
          big.push([stop - k, join((x) => x >= k && x < stop)]);
        }
      }
    } else if (p.kind === 'other' || !MIDDLE.has(p.word)) {
      small.push(join((k) => k === i));
    }
  });
  big.sort((a, b) => b[0] - a[0]);
  return [...big.map(([, s]) => s), ...small];
}

/**
 * Greedily shrink `c` while `keeps(c')` holds. Stops after `budgetMs`.
 */
export async function reduceCase(c: DiffCase, keeps: (c: DiffCase) => Promise<boolean>, budgetMs = 20_000): Promise<DiffCase> {
  const deadline = Date.now() + budgetMs;
  let cur = c;
  const seen = new Set<string>();
  // options back to defaults first: fewer things to read in the report
  for (const k of ['autoescape', 'trim_blocks', 'lstrip_blocks', 'keep_trailing_newline'] as const) {
    if (cur.options[k]) {
      const next = { ...cur, options: { ...cur.options, [k]: false } };
      if (await keeps(next)) cur = next;
    }
  }
  if (cur.options.undefined !== 'Undefined') {
    const next: DiffCase = { ...cur, options: { ...cur.options, undefined: 'Undefined' } };
    if (await keeps(next)) cur = next;
  }
  let progress = true;
  while (progress && Date.now() < deadline) {
    progress = false;
    for (const t of candidates(cur.template)) {
      if (t === cur.template || seen.has(t)) continue;
      seen.add(t);
      if (Date.now() >= deadline) break;
      const next = { ...cur, template: t };
      if (await keeps(next)) {
        cur = next;
        progress = true;
        break;
      }
    }
  }
  return cur;
}
