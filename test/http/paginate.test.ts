// paginate(): pages in order, no request past the last page or past the consumer's break, and a provider
// that hands back a cursor already followed is stopped instead of looping forever.
import { describe, expect, it } from 'vitest';
import { paginate, type CursorPage } from '../../src/http/paginate.js';

class RepeatedCursor extends Error {}

const options = {
  onRepeatedCursor: (cursor: string): never => {
    throw new RepeatedCursor(`cursor ${cursor} repeated`);
  },
};

/** A fake paged API over `pages`: the cursor is the index of the page as a string. */
function fakeApi(pages: string[][]) {
  const cursors: Array<string | undefined> = [];
  const fetchPage = async (cursor: string | undefined): Promise<CursorPage<string[]>> => {
    cursors.push(cursor);
    const index = cursor === undefined ? 0 : Number(cursor);
    const page = pages[index] ?? [];
    return { page, next: index + 1 < pages.length ? String(index + 1) : undefined };
  };
  return { fetchPage, cursors };
}

describe('paginate', () => {
  it('yields every page in order and stops when there is no next cursor', async () => {
    const api = fakeApi([['a', 'b'], ['c'], ['d', 'e']]);

    const pages: string[][] = [];
    for await (const page of paginate(api.fetchPage, undefined, options)) pages.push(page);

    expect(pages).toEqual([['a', 'b'], ['c'], ['d', 'e']]);
    expect(api.cursors).toEqual([undefined, '1', '2']);
  });

  it('makes one request for a single page', async () => {
    const api = fakeApi([['only']]);

    const pages: string[][] = [];
    for await (const page of paginate(api.fetchPage, undefined, options)) pages.push(page);

    expect(pages).toEqual([['only']]);
    expect(api.cursors).toHaveLength(1);
  });

  it('starts from the given first cursor', async () => {
    const api = fakeApi([['a'], ['b'], ['c']]);

    const pages: string[][] = [];
    for await (const page of paginate(api.fetchPage, '1', options)) pages.push(page);

    expect(pages).toEqual([['b'], ['c']]);
    expect(api.cursors).toEqual(['1', '2']);
  });

  it('fetches nothing more once the consumer breaks out', async () => {
    const api = fakeApi([['a'], ['b'], ['c'], ['d']]);

    for await (const page of paginate(api.fetchPage, undefined, options)) {
      if (page[0] === 'b') break;
    }

    expect(api.cursors).toEqual([undefined, '1']);
  });

  it('fetches lazily: nothing before the first next(), one page per next()', async () => {
    const api = fakeApi([['a'], ['b'], ['c']]);
    const pages = paginate(api.fetchPage, undefined, options);

    expect(api.cursors).toHaveLength(0);
    await pages.next();
    expect(api.cursors).toHaveLength(1);
    await pages.next();
    expect(api.cursors).toHaveLength(2);
    await pages.return();
  });

  it('calls onRepeatedCursor when a cursor comes back, after yielding the page that carried it', async () => {
    const cursors: Array<string | undefined> = [];
    const loops = async (cursor: string | undefined): Promise<CursorPage<string>> => {
      cursors.push(cursor);
      if (cursor === undefined) return { page: 'p0', next: 'k1' };
      if (cursor === 'k1') return { page: 'p1', next: 'k2' };
      return { page: 'p2', next: 'k1' };
    };
    const seen: string[] = [];
    let repeated: string | undefined;

    const run = async () => {
      for await (const page of paginate(loops, undefined, {
        onRepeatedCursor: (cursor) => {
          repeated = cursor;
          throw new RepeatedCursor(cursor);
        },
      }))
        seen.push(page);
    };

    await expect(run()).rejects.toBeInstanceOf(RepeatedCursor);
    expect(seen).toEqual(['p0', 'p1', 'p2']);
    expect(repeated).toBe('k1');
    expect(cursors).toEqual([undefined, 'k1', 'k2']);
  });

  it('treats a next cursor equal to the first cursor as repeated', async () => {
    const fetchPage = async (): Promise<CursorPage<number>> => ({ page: 1, next: 'start' });

    const run = async () => {
      for await (const page of paginate(fetchPage, 'start', options)) void page;
    };

    await expect(run()).rejects.toThrow('cursor start repeated');
  });

  it('passes a fetch error through and stops', async () => {
    let calls = 0;
    const fetchPage = async (cursor: string | undefined): Promise<CursorPage<number>> => {
      calls++;
      if (cursor === 'c1') throw new Error('boom');
      return { page: calls, next: 'c1' };
    };
    const seen: number[] = [];

    const run = async () => {
      for await (const page of paginate(fetchPage, undefined, options)) seen.push(page);
    };

    await expect(run()).rejects.toThrow('boom');
    expect(seen).toEqual([1]);
    expect(calls).toBe(2);
  });
});

/**
 * A fake paged API whose pages arrive when the test says so: each fetch is logged, and its body "arrives"
 * (the hint is given the cursor read from it, as a raw-body peek would) before the page resolves.
 */
function controlledApi(pages: Array<{ items: string[]; next?: string; guess?: string }>) {
  const log: string[] = [];
  const fetchPage = async (cursor: string | undefined, hint: (next: string) => Promise<void> | void): Promise<CursorPage<string[]>> => {
    const index = cursor === undefined ? 0 : Number(cursor);
    log.push(`fetch ${index}`);
    // The body takes a round trip to arrive, as over a network.
    await new Promise((resolve) => setTimeout(resolve, 3));
    const page = pages[index];
    if (page === undefined) throw new Error(`page ${index} failed`);
    const guess = page.guess ?? page.next;
    if (guess !== undefined) await hint(guess);
    log.push(`parsed ${index}`);
    return { page: page.items, next: page.next };
  };
  return { fetchPage, log };
}

describe('paginate with lookahead', () => {
  const lookahead = { ...options, lookahead: true };

  it('asks for the next page as soon as the current body names it, before the current page is parsed', async () => {
    const api = controlledApi([{ items: ['a'], next: '1' }, { items: ['b'], next: '2' }, { items: ['c'] }]);
    const pages: string[][] = [];
    for await (const page of paginate(api.fetchPage, undefined, lookahead)) pages.push(page);
    expect(pages).toEqual([['a'], ['b'], ['c']]);
    expect(api.log.indexOf('fetch 1')).toBeLessThan(api.log.indexOf('parsed 0'));
    expect(api.log.indexOf('fetch 2')).toBeLessThan(api.log.indexOf('parsed 1'));
    expect(api.log.filter((l) => l.startsWith('fetch'))).toEqual(['fetch 0', 'fetch 1', 'fetch 2']);
  });

  it('asks for the next page when the page is handed out if its body gave no hint', async () => {
    const api = controlledApi([{ items: ['a'], next: '1', guess: '' }, { items: ['b'] }]);
    const gen = paginate(
      async (cursor, hint) => api.fetchPage(cursor, (g) => (g === '' ? undefined : hint(g))),
      undefined,
      lookahead,
    );
    expect((await gen.next()).value).toEqual(['a']);
    // Page 0 is in the consumer's hands; page 1 is already on its way.
    expect(api.log).toContain('fetch 1');
    expect(api.log).not.toContain('parsed 1');
    expect((await gen.next()).value).toEqual(['b']);
    expect((await gen.next()).done).toBe(true);
  });

  it('never runs more than one page ahead of a consumer that is slow', async () => {
    const api = controlledApi(Array.from({ length: 6 }, (_, i) => ({ items: [String(i)], ...(i < 5 ? { next: String(i + 1) } : {}) })));
    const gen = paginate(api.fetchPage, undefined, lookahead);
    await gen.next();
    await new Promise((resolve) => setTimeout(resolve, 20));
    // Page 0 handed out, page 1 fetched ahead and parsed; page 2 not asked for while nobody took page 1.
    expect(api.log.filter((l) => l.startsWith('fetch'))).toEqual(['fetch 0', 'fetch 1']);
    await gen.return();
  });

  it('drops the page of a guess that the parsed page contradicts and follows the parsed cursor', async () => {
    const api = controlledApi([{ items: ['a'], next: '2', guess: '1' }, { items: ['wrong'], next: '2' }, { items: ['c'] }]);
    const pages: string[][] = [];
    for await (const page of paginate(api.fetchPage, undefined, lookahead)) pages.push(page);
    expect(pages).toEqual([['a'], ['c']]);
    expect(api.log.filter((l) => l.startsWith('fetch'))).toEqual(['fetch 0', 'fetch 1', 'fetch 2']);
    // The dropped request was let finish before the walk ended.
    expect(api.log).toContain('parsed 1');
  });

  it('ignores a guess naming a cursor already followed', async () => {
    const api = controlledApi([{ items: ['a'], next: '1', guess: '0' }, { items: ['b'] }]);
    const pages: string[][] = [];
    for await (const page of paginate(api.fetchPage, '0', lookahead)) pages.push(page);
    expect(pages).toEqual([['a'], ['b']]);
    expect(api.log.filter((l) => l.startsWith('fetch'))).toEqual(['fetch 0', 'fetch 1']);
  });

  it('reports a failed page fetched ahead only when the walk reaches it, and a dropped one never', async () => {
    const failing = controlledApi([{ items: ['a'], next: '7' }]);
    const seen: string[][] = [];
    const run = async () => {
      for await (const page of paginate(failing.fetchPage, undefined, lookahead)) seen.push(page);
    };
    await expect(run()).rejects.toThrow('page 7 failed');
    expect(seen).toEqual([['a']]);

    const dropped = controlledApi([{ items: ['a'], next: '1', guess: '9' }, { items: ['b'] }]);
    const pages: string[][] = [];
    for await (const page of paginate(dropped.fetchPage, undefined, lookahead)) pages.push(page);
    expect(pages).toEqual([['a'], ['b']]);
  });

  it('waits for the page asked for ahead before ending when the consumer breaks out', async () => {
    const api = controlledApi([{ items: ['a'], next: '1' }, { items: ['b'], next: '2' }, { items: ['c'] }]);
    for await (const page of paginate(api.fetchPage, undefined, lookahead)) {
      if (page[0] === 'a') break;
    }
    expect(api.log.filter((l) => l.startsWith('fetch'))).toEqual(['fetch 0', 'fetch 1']);
    // Nothing is still running once the loop is left.
    expect(api.log.at(-1)).toBe('parsed 1');
  });

  it('ignores hints without lookahead: one page per next(), nothing ahead', async () => {
    const api = controlledApi([{ items: ['a'], next: '1' }, { items: ['b'] }]);
    const gen = paginate(api.fetchPage, undefined, { ...options, lookahead: false });
    await gen.next();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(api.log).toEqual(['fetch 0', 'parsed 0']);
    await gen.return();
  });
});
