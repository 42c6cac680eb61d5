/** Compare an engine's output with Python Jinja2's: "identical" or "differs (first diff at offset N: ...)". */

export interface Comparison {
  identical: boolean;
  /** Same text once HTML entities are spelled one way (&quot; vs &#34;, &#x27; vs &#39;, &#x2f; vs /). */
  sameModuloEntities: boolean;
  text: string;
}

const ENTITIES: [RegExp, string][] = [
  [/&quot;|&#34;|&#x22;/gi, '"'],
  [/&#39;|&#x27;|&apos;/gi, "'"],
  [/&#x2f;|&#47;/gi, '/'],
  [/&#x3d;|&#61;/gi, '='],
  [/&#x60;|&#96;/gi, '`'],
];

function normalizeEntities(s: string): string {
  for (const [re, ch] of ENTITIES) s = s.replace(re, ch);
  return s;
}

export function compareOutput(actual: string, expected: string): Comparison {
  if (actual === expected) return { identical: true, sameModuloEntities: true, text: 'identical' };
  let i = 0;
  while (i < actual.length && i < expected.length && actual[i] === expected[i]) i++;
  const show = (s: string) => JSON.stringify(s.slice(Math.max(0, i - 12), i + 28));
  const sameModuloEntities = normalizeEntities(actual) === normalizeEntities(expected);
  return {
    identical: false,
    sameModuloEntities,
    text:
      `differs (first diff at offset ${i}: ${show(actual)} vs Python ${show(expected)}; ` +
      `${actual.length} vs ${expected.length} chars${sameModuloEntities ? '; only the spelling of HTML entities differs' : ''})`,
  };
}
