// The export runner over pages: --limit cuts inside a page and closes the source, --summary sums whole pages,
// and a run without a spinner builds no progress text (whose number formatting would page in ICU data).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseGlobalOptions } from '../../src/cli/global-options.js';
import { runExport, type SummarySpec } from '../../src/export/runner.js';
import { testContext } from '../helpers/context.js';

interface Row {
  group: string;
  n: number;
}
const COLUMNS = [
  { key: 'group', value: (r: Row) => r.group },
  { key: 'n', value: (r: Row) => r.n },
];

/** Pages of three rows each; records how many pages were asked for and whether the source was closed. */
function pagesOf(count: number) {
  const seen = { asked: 0, closed: false };
  async function* pages(): AsyncGenerator<readonly Row[]> {
    try {
      for (let p = 0; p < count; p++) {
        seen.asked++;
        yield [0, 1, 2].map((i) => ({ group: p % 2 === 0 ? 'even' : 'odd', n: p * 3 + i }));
      }
    } finally {
      seen.closed = true;
    }
  }
  return { seen, pages: pages() };
}

const options = (raw: Parameters<typeof parseGlobalOptions>[0]) => parseGlobalOptions({ format: 'ndjson', ...raw }, {}, false);
const lines = (text: string) => text.trimEnd().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);

afterEach(() => {
  vi.restoreAllMocks();
});

describe('runExport over pages', () => {
  it('writes every row of every page in order', async () => {
    const ctx = testContext();
    const { pages } = pagesOf(3);
    await runExport(ctx, options({}), { command: 'test', columns: COLUMNS, pages });
    expect(lines(ctx.out.text).map((r) => r.n)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('--limit cuts inside a page and asks for no page after it', async () => {
    const ctx = testContext();
    const { seen, pages } = pagesOf(5);
    await runExport(ctx, options({ limit: '4' }), { command: 'test', columns: COLUMNS, pages });
    expect(lines(ctx.out.text).map((r) => r.n)).toEqual([0, 1, 2, 3]);
    expect(seen).toEqual({ asked: 2, closed: true });
  });

  it('--summary adds up every row of every page, one row per input', async () => {
    const ctx = testContext();
    const { pages } = pagesOf(4);
    const summary: SummarySpec<Row, { group: string; total: number }, { group: string; total: number }> = {
      columns: [
        { key: 'group', value: (r) => r.group },
        { key: 'total', value: (r) => r.total },
      ],
      inputs: ['even', 'odd'],
      keyOf: (r) => r.group,
      create: (group) => ({ group, total: 0 }),
      add: (acc, r) => void (acc.total += r.n),
      finish: (acc) => acc,
    };
    await runExport(ctx, options({ summary: true }), { command: 'test', columns: COLUMNS, pages, summary });
    expect(lines(ctx.out.text)).toEqual([
      { group: 'even', total: 0 + 1 + 2 + 6 + 7 + 8 },
      { group: 'odd', total: 3 + 4 + 5 + 9 + 10 + 11 },
    ]);
  });

  it('writes the columns --fields names, in its order', async () => {
    const reordered = testContext();
    await runExport(reordered, options({ fields: 'n,group' }), { command: 'test', columns: COLUMNS, pages: pagesOf(1).pages });
    expect(reordered.out.text.split('\n')[0]).toBe('{"n":0,"group":"even"}');
    const fewer = testContext();
    await runExport(fewer, options({ fields: 'group' }), { command: 'test', columns: COLUMNS, pages: pagesOf(1).pages });
    expect(lines(fewer.out.text)).toEqual([{ group: 'even' }, { group: 'even' }, { group: 'even' }]);
  });

  it('builds no progress text when no spinner is shown', async () => {
    const toLocale = vi.spyOn(Number.prototype, 'toLocaleString');
    const ctx = testContext();
    const { pages } = pagesOf(1000);
    await runExport(ctx, options({ quiet: true }), { command: 'test', columns: COLUMNS, pages });
    expect(lines(ctx.out.text)).toHaveLength(3000);
    expect(toLocale).not.toHaveBeenCalled();
  });
});
