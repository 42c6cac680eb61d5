/**
 * Runtime errors carry the template name and line they come from (src/error-map.ts maps the
 * generated code's stack frames back to template lines), and `String(err)` shows a code frame.
 *
 * Every expected [name, message, template, line] below was checked against Jinja2 3.1.6: the
 * error class and message it raises, and the innermost template frame of its rewritten traceback
 * (FileSystemLoader, so frames carry the template file).
 */
import { describe, expect, it } from 'vitest';
import { DictLoader, Environment, StrictUndefined, TemplateError, type EnvironmentOptions } from '../../../src/index.js';

const TEMPLATES: Record<string, string> = {
  'page.html': 'line1\nline2\n{{ 1 / 0 }}\nline4',
  'main.html': 'a\n{% include "inc.html" %}\nb',
  'inc.html': 'x\ny\n{{ user.name.first }}\n',
  'macros.html': '{% macro card(u) %}\n<div>\n{{ u.profile.title }}\n</div>\n{% endmacro %}',
  'import.html': '{% import "macros.html" as m %}\n\n{{ m.card({}) }}',
  'from-import.html': '{% from "macros.html" import card %}\n\n\n{{ card(none) }}',
  'base.html': '<html>\n{% block body %}{% endblock %}\n</html>',
  'child.html': '{% extends "base.html" %}\n{% block body %}\nok\n{{ 1 // 0 }}\n{% endblock %}',
  'child-include.html': '{% extends "base.html" %}\n{% block body %}\n{% include "inc.html" %}\n{% endblock %}',
  'base2.html': 'B\n{% block x %}\n\n{{ 1 / 0 }}{% endblock %}',
  'inherits.html': '{% extends "base2.html" %}',
  'super.html': '{% extends "base2.html" %}\n{% block x %}\n{{ super() }}\n{% endblock %}',
  'wrap.html': '{% macro wrap() %}<w>\n{{ caller() }}</w>{% endmacro %}',
  'call-block.html': '{% import "wrap.html" as w %}\n{% call w.wrap() %}\n{{ 1 / 0 }}\n{% endcall %}',
  'loop-include.html': '{% for i in [1, 2] %}\n{% include "inc2.html" %}\n{% endfor %}',
  'inc2.html': '{{ i }}\n{{ 10 // (i - 2) }}',
  'multiline.html': 'a\n{{ 1 +\n  user.name.first }}\nb',
  'if-test.html': '{% if\n  user.x.y %}{% endif %}',
  'for-else.html': '{% for x in [] %}\n{% else %}\n\n{{ 1 % 0 }}{% endfor %}',
  'filter-block.html': '{% filter upper %}\nok\n{{ 1 / 0 }}\n{% endfilter %}',
  'strict.html': '{{ 1 }}\n\n{{ undefined_name }}',
  'not-callable.html': 'x\n{{ 1() }}',
  'include-missing.html': 'a\n{% include "missing.html" %}',
  'soft-filter.html': '{% if true %}\n\n{{ x|nope }}{% endif %}',
  'user-fn.html': 'a\n\n{{ boom() }}',
  'recursion.html': '{% macro r(n) %}{{ r(n + 1) }}{% endmacro %}\n{{ r(0) }}',
};

const CONTEXT = {
  user: {},
  boom: () => {
    throw new Error('boom');
  },
};

function env(options: EnvironmentOptions = {}): Environment {
  return new Environment({ loader: new DictLoader(TEMPLATES), ...options });
}

function renderError(entry: string, e = env()): Error & Partial<TemplateError> {
  try {
    e.getTemplate(entry).render(CONTEXT);
  } catch (err) {
    return err as Error & Partial<TemplateError>;
  }
  throw new Error(`${entry} rendered without error`);
}

type Row = [entry: string, name: string, message: string, template: string, line: number];

const ROWS: Row[] = [
  ['page.html', 'ZeroDivisionError', 'division by zero', 'page.html', 3],
  // an undefined attribute inside an included template names the included template
  ['main.html', 'UndefinedError', "'dict object' has no attribute 'name'", 'inc.html', 3],
  ['loop-include.html', 'ZeroDivisionError', 'integer division or modulo by zero', 'inc2.html', 2],
  // inside a macro defined in an imported template
  ['import.html', 'UndefinedError', "'dict object' has no attribute 'profile'", 'macros.html', 3],
  ['from-import.html', 'UndefinedError', "'None' has no attribute 'profile'", 'macros.html', 3],
  // inside a block of a child template, an inherited block, a block reached through super()
  ['child.html', 'ZeroDivisionError', 'integer division or modulo by zero', 'child.html', 4],
  ['child-include.html', 'UndefinedError', "'dict object' has no attribute 'name'", 'inc.html', 3],
  ['inherits.html', 'ZeroDivisionError', 'division by zero', 'base2.html', 4],
  ['super.html', 'ZeroDivisionError', 'division by zero', 'base2.html', 4],
  // a call block's body runs in the calling template
  ['call-block.html', 'ZeroDivisionError', 'division by zero', 'call-block.html', 3],
  // multi-line tags: the line where the expression / tag starts
  ['multiline.html', 'UndefinedError', "'dict object' has no attribute 'name'", 'multiline.html', 2],
  ['if-test.html', 'UndefinedError', "'dict object' has no attribute 'x'", 'if-test.html', 1],
  ['for-else.html', 'ZeroDivisionError', 'integer modulo by zero', 'for-else.html', 4],
  ['filter-block.html', 'ZeroDivisionError', 'division by zero', 'filter-block.html', 3],
  ['not-callable.html', 'TypeError', "'int' object is not callable", 'not-callable.html', 2],
  ['include-missing.html', 'TemplateNotFound', 'missing.html', 'include-missing.html', 2],
  ['soft-filter.html', 'TemplateRuntimeError', "No filter named 'nope' found.", 'soft-filter.html', 3],
];

describe('runtime errors carry template name and line', () => {
  it.each(ROWS)('%s', (entry, name, message, template, line) => {
    const err = renderError(entry);
    expect(err).toBeInstanceOf(TemplateError);
    expect({ name: err.name, message: err.message, templateName: err.templateName, lineno: err.lineno }).toEqual({
      name, message, templateName: template, lineno: line,
    });
  });

  it('StrictUndefined: an undefined name', () => {
    const err = renderError('strict.html', env({ undefined: StrictUndefined }));
    expect([err.name, err.message, err.templateName, err.lineno]).toEqual([
      'UndefinedError', "'undefined_name' is undefined", 'strict.html', 3,
    ]);
  });

  it('an error thrown by a user function keeps its identity and gets name and line', () => {
    const err = renderError('user-fn.html');
    expect(err.constructor).toBe(Error);
    expect(err.message).toBe('boom');
    expect([err.templateName, err.lineno]).toEqual(['user-fn.html', 3]);
  });

  it('templates from strings: no name, still a line', () => {
    let err: TemplateError | undefined;
    try {
      new Environment().fromString('x\n{{ 1 / 0 }}').render();
    } catch (e) {
      err = e as TemplateError;
    }
    expect([err?.name, err?.templateName, err?.lineno]).toEqual(['ZeroDivisionError', undefined, 2]);
    expect(String(err)).toBe('ZeroDivisionError: division by zero (<template>:2)\n  1 | x\n> 2 | {{ 1 / 0 }}');
  });

  it('the location is the same on every render, cached or not', () => {
    for (const e of [env(), env({ cacheSize: 0 })]) {
      for (let i = 0; i < 3; i++) {
        const err = renderError('main.html', e);
        expect([err.templateName, err.lineno]).toEqual(['inc.html', 3]);
      }
    }
  });

  it('infinite macro recursion is located', () => {
    const err = renderError('recursion.html');
    expect([err.templateName, err.lineno]).toEqual(['recursion.html', 1]);
  });

  it('infinite macro recursion is a RecursionError, as in Jinja2', () => {
    const err = renderError('recursion.html');
    expect(err.name).toBe('RecursionError');
    expect(err).toBeInstanceOf(TemplateError);
  });
});

describe('String(err) shows a code frame', () => {
  it('marks the line with >', () => {
    expect(String(renderError('page.html'))).toBe(
      'ZeroDivisionError: division by zero (page.html:3)\n' +
        '  1 | line1\n' +
        '  2 | line2\n' +
        '> 3 | {{ 1 / 0 }}\n' +
        '  4 | line4',
    );
  });

  it('shows the included template, not the includer', () => {
    const s = String(renderError('main.html'));
    expect(s.split('\n')[0]).toBe("UndefinedError: 'dict object' has no attribute 'name' (inc.html:3)");
    expect(s).toContain('> 3 | {{ user.name.first }}');
    expect(s).not.toContain('{% include');
  });

  it('shows the macro line of the imported template', () => {
    const s = String(renderError('import.html'));
    expect(s).toContain('(macros.html:3)');
    expect(s).toContain('> 3 | {{ u.profile.title }}');
  });

  it('shows the child template for an error in its block', () => {
    const s = String(renderError('child.html'));
    expect(s).toContain('(child.html:4)');
    expect(s).toContain('> 4 | {{ 1 // 0 }}');
  });

  it('exactly one line is marked', () => {
    for (const [entry] of ROWS) {
      const marked = String(renderError(entry)).split('\n').filter((l) => l.startsWith('>'));
      expect(marked, entry).toHaveLength(1);
    }
  });
});
