/**
 * The environment Hugging Face transformers renders `chat_template`s in
 * (`apply_chat_template` → `_compile_jinja_template`): an immutable sandbox with trim_blocks,
 * lstrip_blocks, loopcontrols, the `{% generation %}` tag, `raise_exception`, `strftime_now`
 * and a `tojson` that is `json.dumps(x, ensure_ascii=False, ...)` (not Jinja2's HTML-safe one).
 */

import { Environment, type EnvironmentOptions } from './environment.js';
import { installChatBuiltins } from './runtime/environment.js';

export interface ChatEnvironmentOptions extends EnvironmentOptions {
  /** Clock for `strftime_now` (default: the current time). Fix it for reproducible output. */
  now?: () => Date;
}

/** Options equal to transformers' environment, before the chat-specific globals. */
export function chatOptions(options: ChatEnvironmentOptions = {}): EnvironmentOptions {
  const { now: _now, ...rest } = options;
  void _now;
  return {
    trimBlocks: true,
    lstripBlocks: true,
    sandbox: 'immutable',
    ...rest,
    extensions: ['loopcontrols', 'generation', ...(rest.extensions ?? [])],
  };
}

/**
 * An Environment that renders Hugging Face chat templates exactly as transformers does.
 * @example
 * const env = chatEnvironment({ now: () => new Date(2026, 0, 2) });
 * env.fromString(tokenizerConfig.chat_template).render({ messages, add_generation_prompt: true, bos_token: '<s>' });
 */
export function chatEnvironment(options: ChatEnvironmentOptions = {}): Environment {
  const env = new Environment(chatOptions(options));
  installChatBuiltins(env, options.now);
  return env;
}
