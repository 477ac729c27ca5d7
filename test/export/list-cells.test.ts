// A list cell (a room's categories) through every format: an array in json and ndjson, the items joined by ","
// in csv and the table, null as null / an empty cell; and a long list written whole.
import { describe, expect, it } from 'vitest';
import { parseGlobalOptions } from '../../src/cli/global-options.js';
import { runExport } from '../../src/export/runner.js';
import type { Column } from '../../src/output/columns.js';
import { testContext } from '../helpers/context.js';

interface Row {
  id: string;
  tags: readonly number[] | null;
}
const COLUMNS: Column<Row>[] = [
  { key: 'id', value: (r) => r.id },
  { key: 'tags', value: (r) => r.tags, list: true },
];
const ROWS: Row[] = [
  { id: 'a', tags: [1, 2, 3] },
  { id: 'b', tags: [] },
  { id: 'c', tags: null },
  { id: 'd', tags: [42] },
];

async function* pages(rows: readonly Row[]): AsyncGenerator<readonly Row[]> {
  yield rows;
}

async function exportAs(format: string, rows: readonly Row[] = ROWS, extra: Record<string, string> = {}): Promise<string> {
  const ctx = testContext();
  await runExport(ctx, parseGlobalOptions({ format, ...extra }, {}, false), { command: 'test', columns: COLUMNS, pages: pages(rows) });
  return ctx.out.text;
}

describe('list cells', () => {
  it('are arrays in json and ndjson', async () => {
    expect(JSON.parse(await exportAs('json'))).toEqual(ROWS);
    const ndjson = (await exportAs('ndjson')).trimEnd().split('\n').map((l) => JSON.parse(l) as unknown);
    expect(ndjson).toEqual(ROWS);
  });

  it('are joined by "," in csv (quoted when they hold a comma) and empty for null', async () => {
    expect(await exportAs('csv')).toBe('id,tags\na,"1,2,3"\nb,\nc,\nd,42\n');
  });

  it('are joined in the table too', async () => {
    const table = await exportAs('table');
    expect(table).toMatch(/│ a\s+│ 1,2,3\s+│/);
    expect(table).toMatch(/│ d\s+│ 42\s+│/);
  });

  it('keep their place under --fields', async () => {
    expect(await exportAs('csv', ROWS.slice(0, 1), { fields: 'tags,id' })).toBe('tags,id\n"1,2,3",a\n');
    expect(JSON.parse(await exportAs('json', ROWS.slice(0, 1), { fields: 'tags' }))).toEqual([{ tags: [1, 2, 3] }]);
  });

  it('of any length are written whole', async () => {
    const long = Array.from({ length: 5000 }, (_, i) => 1_000_000_000 + i);
    const rows = Array.from({ length: 30 }, (_, i) => ({ id: `r${i}`, tags: i % 2 === 0 ? long : [i] }));
    const parsed = JSON.parse(await exportAs('json', rows)) as Row[];
    expect(parsed).toEqual(rows);
  });
});
