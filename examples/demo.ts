/**
 * `npm run demo`: renders the bundled examples to stdout — an HTML page using inheritance,
 * includes, imports and macros, and an LLM chat template in the chat environment.
 */

import * as fs from 'node:fs';
import * as path from 'node:path';
import { chatEnvironment, Environment, FileSystemLoader } from '../src/index.js';

const here = import.meta.dirname ?? __dirname;

const env = new Environment({
  loader: new FileSystemLoader(path.join(here, 'templates')),
  autoescape: true,
  trimBlocks: true,
  lstripBlocks: true,
});
const data = JSON.parse(fs.readFileSync(path.join(here, 'templates/page.json'), 'utf8'));
console.log('=== examples/templates/page.html ===');
console.log(env.getTemplate('page.html').render(data));

const chat = chatEnvironment();
const conversation = JSON.parse(fs.readFileSync(path.join(here, 'chat/conversation.json'), 'utf8'));
const source = fs.readFileSync(path.join(here, 'chat/qwen-tools.jinja'), 'utf8');
console.log('=== examples/chat/qwen-tools.jinja ===');
console.log(chat.fromString(source).render(conversation));
