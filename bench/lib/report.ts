/** Markdown tables and the hand-written SVG bar chart. */

export function table(headers: string[], rows: (string | number)[][], align?: ('l' | 'r')[]): string {
  const a = align ?? headers.map((_, i) => (i === 0 ? 'l' : 'r'));
  const esc = (c: string | number) => String(c).replace(/\|/g, '\\|').replace(/\n/g, ' ');
  const lines = [
    `| ${headers.map(esc).join(' | ')} |`,
    `| ${a.map((x) => (x === 'r' ? '---:' : ':---')).join(' | ')} |`,
    ...rows.map((r) => `| ${r.map(esc).join(' | ')} |`),
  ];
  return lines.join('\n');
}

export interface Bar {
  group: string;
  series: string;
  value: number;
  /** drawn hatched and marked with * (output not identical to Python Jinja2) */
  marked: boolean;
}

const PALETTE = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac'];

const xmlEsc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Horizontal grouped bars on a log10 axis (ratios span 1× to 100×+). */
export function barChartSvg(title: string, subtitle: string, bars: Bar[], seriesOrder: string[]): string {
  const groups = [...new Set(bars.map((b) => b.group))];
  const series = seriesOrder.filter((s) => bars.some((b) => b.series === s));
  const color = new Map(series.map((s, i) => [s, PALETTE[i % PALETTE.length]!]));
  const barH = 14;
  const gap = 12;
  const left = 130;
  const plotW = 560;
  const top = 64;
  const groupHeights = groups.map((g) => bars.filter((b) => b.group === g).length * barH + gap);
  const plotH = groupHeights.reduce((a, b) => a + b, 0);
  const legendH = 22 * Math.ceil(series.length / 4) + 10;
  const width = left + plotW + 90;
  const height = top + plotH + 30 + legendH;
  const max = Math.max(2, ...bars.map((b) => b.value));
  const decades = Math.ceil(Math.log10(max) + 1e-9);
  const x = (v: number) => left + (Math.log10(Math.max(1, v)) / decades) * plotW;
  const ticks: number[] = [];
  for (let d = 0; d <= decades; d++) for (const m of [1, 2, 5]) if (m * 10 ** d <= 10 ** decades) ticks.push(m * 10 ** d);

  const parts: string[] = [];
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="11">`);
  parts.push('<defs><pattern id="hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><line x1="0" y1="0" x2="0" y2="6" stroke="#fff" stroke-width="2"/></pattern></defs>');
  parts.push(`<rect width="${width}" height="${height}" fill="#fff"/>`);
  parts.push(`<text x="${left}" y="22" font-size="14" font-weight="bold">${xmlEsc(title)}</text>`);
  parts.push(`<text x="${left}" y="40" fill="#555">${xmlEsc(subtitle)}</text>`);
  for (const t of ticks) {
    const tx = x(t).toFixed(1);
    parts.push(`<line x1="${tx}" y1="${top - 6}" x2="${tx}" y2="${top + plotH}" stroke="#ddd"/>`);
    parts.push(`<text x="${tx}" y="${top - 10}" text-anchor="middle" fill="#555">${t}×</text>`);
  }
  let y = top;
  groups.forEach((g, gi) => {
    const gb = series.flatMap((s) => bars.filter((b) => b.group === g && b.series === s));
    parts.push(`<text x="${left - 8}" y="${(y + (gb.length * barH) / 2 + 4).toFixed(1)}" text-anchor="end" font-weight="bold">${xmlEsc(g)}</text>`);
    for (const b of gb) {
      const w = Math.max(1, x(b.value) - left);
      const c = color.get(b.series)!;
      parts.push(`<rect x="${left}" y="${y + 1}" width="${w.toFixed(1)}" height="${barH - 2}" fill="${c}"><title>${xmlEsc(`${g} / ${b.series}: ${b.value.toFixed(2)}×`)}</title></rect>`);
      if (b.marked) parts.push(`<rect x="${left}" y="${y + 1}" width="${w.toFixed(1)}" height="${barH - 2}" fill="url(#hatch)"/>`);
      const label = `${b.value >= 10 ? b.value.toFixed(0) : b.value.toFixed(2)}×${b.marked ? '*' : ''}`;
      parts.push(`<text x="${(left + w + 4).toFixed(1)}" y="${y + barH - 3}" fill="#333">${xmlEsc(label)}</text>`);
      y += barH;
    }
    y += gap;
    if (gi < groups.length - 1) parts.push(`<line x1="${left - 120}" y1="${y - gap / 2}" x2="${left + plotW}" y2="${y - gap / 2}" stroke="#eee"/>`);
  });
  parts.push(`<line x1="${left}" y1="${top - 6}" x2="${left}" y2="${top + plotH}" stroke="#333"/>`);
  const ly = top + plotH + 24;
  series.forEach((s, i) => {
    const lx = left + (i % 4) * 150;
    const lyy = ly + Math.floor(i / 4) * 22;
    parts.push(`<rect x="${lx}" y="${lyy - 10}" width="12" height="12" fill="${color.get(s)}"/>`);
    parts.push(`<text x="${lx + 17}" y="${lyy}">${xmlEsc(s)}</text>`);
  });
  parts.push(`<text x="${left - 120}" y="${ly + legendH - 10}" fill="#555">* hatched: output differs from Python Jinja2 (still timed)</text>`);
  parts.push('</svg>');
  return parts.join('\n') + '\n';
}
