/** What a workload is: Jinja2 templates, a deterministic data generator and a hand-written renderer. */

export type Data = Record<string, unknown>;

export interface Workload {
  name: string;
  /** One line for the report. */
  description: string;
  /**
   * 'html': autoescape + trim_blocks + lstrip_blocks (every Jinja-like engine configured alike).
   * 'chat': the Hugging Face transformers chat environment (jinjit's chatEnvironment; peers: closest equivalent).
   */
  env: 'html' | 'chat';
  /** Template name -> Jinja2 source; `entry` is rendered, the others are extended/included/imported. */
  templates: Record<string, string>;
  entry: string;
  /** Deterministic data; `size` scales the main collection where that makes sense. */
  data(size?: number): Data;
  /** Plain JS producing exactly Python Jinja2's output: the practical lower bound. */
  hand(data: Data): string;
  /** Equivalent templates for non-Jinja engines (list workload only). */
  peers?: {
    eta?: string;
    handlebars?: string;
    liquid?: string;
  };
}
