import type { EnvironmentOptions } from '../../src/index.js';

/** Placeholder until the chat environment lands in src: plain transformers-like options. */
export function chatEnvironmentOptions(): EnvironmentOptions {
  return { trimBlocks: true, lstripBlocks: true, sandbox: 'immutable', extensions: ['loopcontrols', 'generation'] };
}
