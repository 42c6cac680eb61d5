/**
 * macros: a 50-field form, each field a `{% call %}` of a wrapper macro (keyword arguments,
 * `caller()`) around an input/select/checkbox macro with keyword arguments.
 */
import { escapeHtml as e } from '../../lib/escape.js';
import { readWorkloadFile } from '../../lib/paths.js';
import { Rng, TRICKY, WORDS } from '../../lib/prng.js';
import type { Data, Workload } from '../types.js';

interface Field {
  kind: 'input' | 'select' | 'checkbox';
  name: string;
  label: string;
  hint: string;
  value: string;
  type: string;
  placeholder: string;
  required: boolean;
  checked: boolean;
  errors: string[];
  options: { value: string; label: string }[];
}

function data(size = 50): Data {
  const rng = new Rng(99);
  const fields: Field[] = [];
  for (let i = 0; i < size; i++) {
    const r = rng.next();
    const kind = r < 0.2 ? 'select' : r < 0.35 ? 'checkbox' : 'input';
    const name = `${rng.pick(WORDS)}_${i}`;
    const options = kind === 'select' ? Array.from({ length: rng.int(3, 8) }, (_, j) => ({ value: `v${j}`, label: rng.pick(TRICKY) })) : [];
    fields.push({
      kind,
      name,
      label: rng.chance(0.2) ? rng.pick(TRICKY) : `${rng.pick(WORDS)} ${rng.pick(WORDS)}`,
      hint: rng.chance(0.5) ? rng.sentence(3, 9) : '',
      value: kind === 'select' ? `v${rng.int(0, options.length - 1)}` : rng.chance(0.5) ? rng.pick(TRICKY) : '',
      type: rng.pick(['text', 'email', 'number', 'password', 'tel']),
      placeholder: rng.chance(0.5) ? rng.pick(WORDS) : '',
      required: rng.chance(0.4),
      checked: rng.chance(0.5),
      errors: rng.chance(0.2) ? rng.some(['Required.', 'Too short <3 chars.', 'Must be "unique".'], rng.int(1, 2)) : [],
      options,
    });
  }
  return { action: '/signup?step=2&ref=bench', submit_label: 'Save & continue', fields };
}

function input(name: string, value = '', type = 'text', placeholder = '', required = false): string {
  return (
    `<input type="${e(type)}" name="${e(name)}" id="f-${e(name)}" value="${e(value)}"` +
    (placeholder ? ` placeholder="${e(placeholder)}"` : '') +
    (required ? ' required' : '') +
    '>'
  );
}

function select(name: string, options: Field['options'], selected: string | null = null): string {
  let out = `<select name="${e(name)}" id="f-${e(name)}">\n`;
  for (const opt of options) {
    out += `      <option value="${e(opt.value)}"${opt.value === selected ? ' selected' : ''}>${e(opt.label)}</option>\n`;
  }
  return out + '    </select>';
}

function checkbox(name: string, checked = false, label = ''): string {
  return `<label><input type="checkbox" name="${e(name)}"${checked ? ' checked' : ''}> ${e(label)}</label>`;
}

function field(label: string, name: string, caller: () => string, hint = '', errors: string[] = []): string {
  let out = `<div class="field${errors.length ? ' has-error' : ''}">\n    <label for="f-${e(name)}">${e(label)}</label>\n    ${caller()}\n`;
  if (hint) out += `    <small>${e(hint)}</small>\n`;
  for (const err of errors) out += `    <p class="error">${e(err)}</p>\n`;
  return out + '  </div>';
}

function hand(d: Data): string {
  let out = `<form method="post" action="${e(d.action)}">\n`;
  for (const f of d.fields as Field[]) {
    if (f.kind === 'select') out += field(f.label, f.name, () => select(f.name, f.options, f.value), f.hint);
    else if (f.kind === 'checkbox') out += field(f.label, f.name, () => checkbox(f.name, f.checked, f.hint));
    else out += field(f.label, f.name, () => input(f.name, f.value, f.type, f.placeholder, f.required), f.hint, f.errors);
    out += '\n';
  }
  return out + `  <button type="submit">${e(d.submit_label)}</button>\n</form>`;
}

export const macros: Workload = {
  name: 'macros',
  description: '50-field form: call blocks with caller() around input/select/checkbox macros, keyword args',
  env: 'html',
  templates: { 'form.html': readWorkloadFile('macros', 'form.html'), 'forms.html': readWorkloadFile('macros', 'forms.html') },
  entry: 'form.html',
  data,
  hand,
};
