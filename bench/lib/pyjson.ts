/**
 * Python's `json.dumps(x, ensure_ascii=False, indent=..)` for JSON-shaped data: the `tojson`
 * of Hugging Face transformers' chat environment. Used by the hand-written chat renderer and to
 * give nunjucks the same filter (it has no `tojson`).
 */
export function pyJsonDumps(value: unknown, indent: number | null = null, level = 0): string {
  if (value === null || value === undefined) return 'null';
  if (value === true) return 'true';
  if (value === false) return 'false';
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : pyFloatRepr(value);
  if (typeof value === 'string') return JSON.stringify(value);
  const nl = indent === null ? '' : '\n' + ' '.repeat(indent * (level + 1));
  const close = indent === null ? '' : '\n' + ' '.repeat(indent * level);
  const itemSep = indent === null ? ', ' : ',';
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return '[' + value.map((v) => nl + pyJsonDumps(v, indent, level + 1)).join(itemSep) + close + ']';
  }
  // minijinja-js hands maps to JS filters as Map objects
  const entries = value instanceof Map ? [...value.entries()] : Object.entries(value as Record<string, unknown>);
  if (entries.length === 0) return '{}';
  return '{' + entries.map(([k, v]) => nl + JSON.stringify(k) + ': ' + pyJsonDumps(v, indent, level + 1)).join(itemSep) + close + '}';
}

function pyFloatRepr(x: number): string {
  const s = String(x);
  if (/e/.test(s)) {
    const [m, e] = s.split('e');
    const exp = Number(e);
    return `${m}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  }
  return s;
}
