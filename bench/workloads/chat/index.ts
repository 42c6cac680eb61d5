/**
 * chat: a Llama-3.x-style tool-calling chat template (tojson(indent=4), strftime_now, `in`, slicing,
 * trim, `is mapping`/`is iterable`) over a 20-message conversation with tool calls and results,
 * rendered in the Hugging Face transformers chat environment.
 */
import { pyJsonDumps } from '../../lib/pyjson.js';
import { readWorkloadFile } from '../../lib/paths.js';
import { Rng, WORDS } from '../../lib/prng.js';
import type { Data, Workload } from '../types.js';

/** The fixed clock of the chat environment (Python's bench/python/jinja_ref.py FIXED_NOW). */
export const CHAT_NOW = new Date(2025, 0, 15, 9, 30, 0);

interface Message {
  role: string;
  content: string;
  tool_calls?: { type: 'function'; function: { name: string; arguments: Record<string, unknown> } }[];
}

const TOOLS = [
  {
    type: 'function',
    function: {
      name: 'get_weather',
      description: 'Get the current weather for a city. Returns temperature and conditions.',
      parameters: {
        type: 'object',
        properties: {
          city: { type: 'string', description: 'City name, e.g. "Zürich"' },
          unit: { type: 'string', enum: ['celsius', 'fahrenheit'] },
        },
        required: ['city'],
      },
    },
  },
  {
    type: 'function',
    function: {
      name: 'search_web',
      description: 'Search the web and return the top results as <title, url, snippet> triples.',
      parameters: {
        type: 'object',
        properties: { query: { type: 'string' }, max_results: { type: 'integer', minimum: 1, maximum: 10 } },
        required: ['query'],
      },
    },
  },
  {
    type: 'function',
    function: {
      name: 'run_python',
      description: 'Execute Python code in a sandbox & return stdout.',
      parameters: { type: 'object', properties: { code: { type: 'string' } }, required: ['code'] },
    },
  },
  {
    type: 'function',
    function: {
      name: 'create_event',
      description: 'Create a calendar event.',
      parameters: {
        type: 'object',
        properties: {
          title: { type: 'string' },
          start: { type: 'string', format: 'date-time' },
          duration_minutes: { type: 'integer' },
          attendees: { type: 'array', items: { type: 'string' } },
        },
        required: ['title', 'start'],
      },
    },
  },
];

function data(size = 20): Data {
  const rng = new Rng(5);
  const messages: Message[] = [
    { role: 'system', content: '  You are a helpful assistant. Answer concisely; use tools when they help. 🌍\n' },
    { role: 'user', content: 'Hi! What\'s the weather in Zürich, and is it a good day for a walk?  ' },
  ];
  const calls = [
    () => ({ name: 'get_weather', arguments: { city: rng.pick(['Zürich', 'Oslo', 'Kyoto']), unit: 'celsius' } }),
    () => ({ name: 'search_web', arguments: { query: `${rng.pick(WORDS)} "${rng.pick(WORDS)}" near me`, max_results: rng.int(1, 5) } }),
    () => ({ name: 'run_python', arguments: { code: 'import math\nprint(math.sqrt(2) < 1.5)\n' } }),
    () => ({ name: 'create_event', arguments: { title: 'Walk & talk', start: '2025-01-15T12:00:00', duration_minutes: 45, attendees: ['ann@example.org', 'bob@example.org'] } }),
  ];
  while (messages.length < size) {
    const call = rng.pick(calls)();
    messages.push({ role: 'assistant', content: '', tool_calls: [{ type: 'function', function: call }] });
    messages.push({ role: 'tool', content: JSON.stringify({ ok: true, result: rng.sentence(5, 15), n: rng.int(0, 99) }) });
    messages.push({ role: 'assistant', content: rng.sentence(10, 40) + (rng.chance(0.3) ? '\n\n```python\nprint("<done>")\n```' : '') });
    messages.push({ role: 'user', content: rng.sentence(4, 20) + ' ' });
  }
  messages.length = size;
  return { messages, tools: TOOLS, add_generation_prompt: true, bos_token: '<|begin_of_text|>' };
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function hand(d: Data): string {
  let messages = d.messages as Message[];
  const tools = d.tools as unknown[];
  const date = `${String(CHAT_NOW.getDate()).padStart(2, '0')} ${MONTHS[CHAT_NOW.getMonth()]} ${CHAT_NOW.getFullYear()}`;
  let system = '';
  if (messages[0]!.role === 'system') {
    system = messages[0]!.content.trim();
    messages = messages.slice(1);
  }
  let out =
    String(d.bos_token) +
    '<|start_header_id|>system<|end_header_id|>\n\nEnvironment: ipython\nCutting Knowledge Date: December 2023\n' +
    `Today Date: ${date}\n\n${system}<|eot_id|>`;
  const firstUser = messages[0]!.content.trim();
  messages = messages.slice(1);
  out +=
    '<|start_header_id|>user<|end_header_id|>\n\n' +
    'Given the following functions, please respond with a JSON for a function call with its proper arguments that best answers the given prompt.\n\n' +
    'Respond in the format {"name": function name, "parameters": dictionary of argument name and its value}.Do not use variables.\n\n';
  for (const t of tools) out += pyJsonDumps(t, 4) + '\n\n';
  out += firstUser + '<|eot_id|>';
  for (const m of messages) {
    if (m.tool_calls) {
      const call = m.tool_calls[0]!.function;
      out += `<|start_header_id|>assistant<|end_header_id|>\n\n{"name": "${call.name}", "parameters": ${pyJsonDumps(call.arguments)}}<|eot_id|>`;
    } else if (m.role === 'tool' || m.role === 'ipython') {
      // a string `is iterable`, so the template tojson-quotes tool results
      out += `<|start_header_id|>ipython<|end_header_id|>\n\n${pyJsonDumps(m.content)}<|eot_id|>`;
    } else {
      out += `<|start_header_id|>${m.role}<|end_header_id|>\n\n${m.content.trim()}<|eot_id|>`;
    }
  }
  if (d.add_generation_prompt) out += '<|start_header_id|>assistant<|end_header_id|>\n\n';
  return out;
}

export const chat: Workload = {
  name: 'chat',
  description: 'Llama-3.x tool-calling chat template, 20 messages, 4 tools (chat environment)',
  env: 'chat',
  templates: { 'chat.jinja': readWorkloadFile('chat', 'llama3-tools.jinja') },
  entry: 'chat.jinja',
  data,
  hand,
};
