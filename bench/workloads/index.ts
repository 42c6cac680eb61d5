import { chat } from './chat/index.js';
import { compile } from './compile/index.js';
import { filters } from './filters/index.js';
import { inheritance } from './inheritance/index.js';
import { list } from './list/index.js';
import { macros } from './macros/index.js';
import type { Workload } from './types.js';

export { generateTemplate } from './compile/index.js';
export { CHAT_NOW } from './chat/index.js';
export type { Data, Workload } from './types.js';

/** The render workloads (timed warm); `compile` is timed separately. */
export const RENDER_WORKLOADS: Workload[] = [list, inheritance, macros, filters, chat];
export const COMPILE_WORKLOAD = compile;
