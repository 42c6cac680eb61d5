import { describe, expect, it } from 'vitest';
import { Environment, type Loader, type LoaderSource } from '../../src/index.js';

/** A loader that counts how often each template's source is read. */
function countingLoader(sources: Record<string, string>): Loader & { reads: Record<string, number> } {
  const reads: Record<string, number> = {};
  return {
    reads,
    getSource(name: string): LoaderSource {
      reads[name] = (reads[name] ?? 0) + 1;
      const source = sources[name]!;
      return { source, uptodate: () => sources[name] === source };
    },
  } as Loader & { reads: Record<string, number> };
}

describe('template cache', () => {
  it('evicts the least recently used template (a hit refreshes it)', () => {
    const loader = countingLoader({ a: 'A', b: 'B', c: 'C' });
    const env = new Environment({ loader, cacheSize: 2 });
    env.getTemplate('a');
    env.getTemplate('b');
    env.getTemplate('a'); // a is now more recent than b
    env.getTemplate('c'); // evicts b
    expect(loader.reads).toEqual({ a: 1, b: 1, c: 1 });
    expect(env.getTemplate('a').render()).toBe('A');
    expect(loader.reads.a).toBe(1);
    expect(env.getTemplate('b').render()).toBe('B'); // reloaded, evicts c (a was used after c)
    expect(loader.reads).toEqual({ a: 1, b: 2, c: 1 });
    env.getTemplate('c');
    expect(loader.reads.c).toBe(2);
  });

  it('recompiles a changed template and keeps cacheSize 0 uncached', () => {
    const sources: Record<string, string> = { a: 'one' };
    const loader = countingLoader(sources);
    const env = new Environment({ loader });
    expect(env.getTemplate('a').render()).toBe('one');
    sources.a = 'two';
    expect(env.getTemplate('a').render()).toBe('two');
    expect(loader.reads.a).toBe(2);
    const uncached = new Environment({ loader: countingLoader({ x: 'X' }), cacheSize: 0 });
    uncached.getTemplate('x');
    uncached.getTemplate('x');
    expect((uncached.loader as unknown as { reads: Record<string, number> }).reads.x).toBe(2);
  });
});
