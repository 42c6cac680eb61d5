/**
 * `jinjit/huggingface`: a drop-in for `@huggingface/jinja`'s `Template`, backed by jinjit's
 * chat environment (src/chat.ts), so chat templates render exactly as transformers' Python
 * Jinja2 does, in Jinja2's immutable sandbox. Switch by changing the import.
 *
 * @example
 * import { Template } from 'jinjit/huggingface'; // was: from '@huggingface/jinja'
 * const prompt = new Template(tokenizerConfig.chat_template).render({
 *   messages, add_generation_prompt: true, bos_token: '<s>', eos_token: '</s>',
 * });
 */

import { chatEnvironment, type ChatEnvironmentOptions } from './chat.js';
import type { Environment } from './environment.js';
import type { Template as JinjitTemplate } from './template.js';

let shared: Environment | undefined;

/** The environment every drop-in Template compiles in (created on first use). */
function environment(): Environment {
  return (shared ??= chatEnvironment());
}

/**
 * Set the options of the environment Templates made afterwards compile in (jinjit's chat
 * environment options: a fixed clock for `strftime_now`, limits, extra filters via `extensions`).
 * @example configure({ now: () => new Date('2026-01-02T03:04:05Z') })
 */
export function configure(options: ChatEnvironmentOptions = {}): Environment {
  return (shared = chatEnvironment(options));
}

/**
 * A chat template, with `@huggingface/jinja`'s constructor and `render` signature and defaults:
 * `trim_blocks` and `lstrip_blocks` on, globals `raise_exception`, `strftime_now` and `range`
 * (plus Jinja2's own, and transformers' `tojson` and `{% generation %}` tag). Syntax errors are
 * thrown by the constructor, as there.
 * @example new Template('{% for m in messages %}{{ m.role }}: {{ m.content }}\n{% endfor %}').render({ messages })
 */
export class Template {
  /** The compiled jinjit template, for jinjit's own API (`renderAsync`, `generate`...). */
  readonly template: JinjitTemplate;

  /** @param template The template source (a model's `chat_template`). */
  constructor(template: string) {
    this.template = environment().fromString(template);
  }

  /**
   * Render with the given variables (`messages`, `add_generation_prompt`, `bos_token`, `tools`...).
   * @example new Template('{{ bos_token }}{{ messages[0].content }}').render({ bos_token: '<s>', messages: [{ role: 'user', content: 'Hi' }] }) // '<s>Hi'
   */
  render(items: Record<string, unknown> = {}): string {
    return this.template.render(items);
  }
}
