/** Small Python string semantics the hand-written renderers need (what Jinja2's filters do). */

/** `'%.{d}f' % x`: correctly rounded, ties to even (JS toFixed breaks exact ties upward). */
export function pyFixed(x: number, d: number): string {
  const rounded = x.toFixed(d);
  const exact = Math.abs(x).toFixed(100); // exact decimal expansion for |x| < 1e21
  const [, frac = ''] = exact.split('.');
  if (!/^50*$/.test(frac.slice(d))) return rounded;
  const down = (x < 0 ? '-' : '') + exact.slice(0, exact.indexOf('.') + (d ? d + 1 : 0));
  const lastDigit = Number(down[down.length - 1]);
  return lastDigit % 2 === 0 ? down : rounded;
}

const WORD_BEGINNING_SPLIT = /([-\s({\[<]+)/;

/** Jinja2's `title` filter. */
export function jinjaTitle(s: string): string {
  return s
    .split(WORD_BEGINNING_SPLIT)
    .filter((item) => item)
    .map((item) => item[0]!.toUpperCase() + item.slice(1).toLowerCase())
    .join('');
}

/** Jinja2's `truncate(length)` with its defaults (killwords=False, end='...', leeway=5). */
export function jinjaTruncate(s: string, length: number): string {
  if ([...s].length <= length + 5) return s;
  const head = [...s].slice(0, length - 3).join('');
  const space = head.lastIndexOf(' ');
  return (space >= 0 ? head.slice(0, space) : head) + '...';
}

/** Jinja2's `sort` (case-insensitive on strings, stable; `reverse` keeps ties in order). */
export function jinjaSort<T>(xs: T[], key: (x: T) => unknown = (x) => x, reverse = false): T[] {
  const k = (x: T) => {
    const v = key(x);
    return typeof v === 'string' ? v.toLowerCase() : v;
  };
  const cmp = (a: T, b: T) => {
    const ka = k(a) as number | string;
    const kb = k(b) as number | string;
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  };
  return [...xs].sort(reverse ? (a, b) => cmp(b, a) : cmp);
}

/** Jinja2's `unique` (case-insensitive, first occurrence wins). */
export function jinjaUnique(xs: string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const x of xs) {
    const k = x.toLowerCase();
    if (!seen.has(k)) {
      seen.add(k);
      out.push(x);
    }
  }
  return out;
}
