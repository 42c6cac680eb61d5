/**
 * `jinjit/huggingface`, the drop-in for @huggingface/jinja's Template: the oracle's chat cases
 * (transformers' environment, fixtures/cases/chat.jsonl) through the drop-in, and templates in
 * @huggingface/jinja's test style rendered by both packages.
 */

import * as path from 'node:path';
import { Template as HfTemplate } from '@huggingface/jinja';
import { beforeAll, describe, expect, it } from 'vitest';
import { configure, Template } from '../../src/huggingface.js';
import { FIXED_NOW } from '../support/chat.js';
import { loadCases } from '../support/cases.js';

const cases = loadCases(path.join(__dirname, '../../fixtures/cases/chat.jsonl')).filter((c) => c.js_limit === undefined);

beforeAll(() => {
  // the oracle's strftime_now formats a fixed time
  configure({ now: FIXED_NOW });
});

function outcome(fn: () => string): { output: string } | { error: string } {
  try {
    return { output: fn() };
  } catch (e) {
    return { error: (e as Error).name };
  }
}

describe('chat fixtures through the drop-in', () => {
  it('has cases', () => expect(cases.length).toBeGreaterThan(20));
  it.each(cases.map((c) => [c.id, c] as const))('%s', (_id, c) => {
    const expected = 'error' in c.expected ? { error: c.expected.error } : c.expected;
    const got = outcome(() => new Template(c.template).render(structuredClone(c.context)));
    expect(got).toEqual(expected);
  });
});

describe('same output as @huggingface/jinja where it is Python-correct', () => {
  const messages = [
    { role: 'system', content: 'Be brief.' },
    { role: 'user', content: 'Hi' },
    { role: 'assistant', content: 'Hello!' },
  ];
  const templates = [
    "{% for message in messages %}{{ '<|' + message['role'] + '|>\\n' + message['content'] + eos_token }}{% endfor %}{% if add_generation_prompt %}{{ '<|assistant|>\\n' }}{% endif %}",
    '{{ bos_token }}{% for m in messages %}{% if m.role == "user" %}[INST] {{ m.content | trim }} [/INST]{% else %}{{ m.content }}{{ eos_token }}{% endif %}{% endfor %}',
    "{% set loop_messages = messages[1:] %}{{ messages[0]['content'] }}\n{% for m in loop_messages %}{{ loop.index }}:{{ m.role | upper }}{% if not loop.last %}, {% endif %}{% endfor %}",
    '{% if messages[0].role != "system" %}{{ raise_exception("no system") }}{% endif %}{{ messages | length }} {{ range(3) | list | length }}',
    "{%- for m in messages -%}\n  {{- m.role }}: {{ m.content }}\n{% endfor -%}",
  ];
  it.each(templates)('%s', (src) => {
    const ctx = { messages, bos_token: '<s>', eos_token: '</s>', add_generation_prompt: true };
    expect(new Template(src).render(ctx)).toBe(new HfTemplate(src).render(ctx));
  });

  it('throws raise_exception messages as errors', () => {
    const src = '{{ raise_exception("Only user and assistant roles are supported!") }}';
    expect(() => new Template(src).render({})).toThrow('Only user and assistant roles are supported!');
    expect(() => new HfTemplate(src).render({})).toThrow('Only user and assistant roles are supported!');
  });

  it('reports syntax errors from the constructor, as @huggingface/jinja does', () => {
    expect(() => new Template('{% for x in %}')).toThrow();
    expect(() => new HfTemplate('{% for x in %}')).toThrow();
  });
});
