// The terminal table: exact layout, totals over all rows, the left-out note, vertical single records,
// control characters, CJK alignment and colour only on request.
import { describe, expect, it } from 'vitest';
import type { CellValue, ColumnInfo } from '../../src/output/columns.js';
import { createTableSink, type TableSinkOptions } from '../../src/output/table-sink.js';
import { CaptureStream } from '../helpers/streams.js';
import { COLUMNS, feed, ROWS } from './sample-rows.js';

const HINT = 'livestats watch … --csv -o watch.csv';

async function render(columns: readonly ColumnInfo[], rows: readonly (readonly CellValue[])[], options: TableSinkOptions = {}): Promise<string> {
  const out = new CaptureStream();
  await feed(createTableSink(out, options), columns, rows);
  return out.text;
}

/** Display width by a rule independent of the library under test: CJK ideographs and fullwidth forms are 2. */
function columnsTaken(line: string): number {
  let width = 0;
  for (const ch of line) {
    const code = ch.codePointAt(0)!;
    const wide = (code >= 0x4e00 && code <= 0x9fff) || (code >= 0x3000 && code <= 0x303f) || (code >= 0xff01 && code <= 0xff60);
    width += wide ? 2 : 1;
  }
  return width;
}

describe('table sink', () => {
  it('draws the rows with a totals line and no colour', async () => {
    const text = await render(COLUMNS, ROWS.slice(0, 2), { totals: true });
    expect(text).toBe(
      [
        '┌───────┬─────────────┬───────┬────────┬────────┬───────────────────┐',
        '│ id    │ name        │ count │ amount │ active │ note              │',
        '├───────┼─────────────┼───────┼────────┼────────┼───────────────────┤',
        '│ r1    │ 张三        │     3 │   0.10 │ true   │ plain             │',
        '│ r2    │ Smith, "Jo" │    -5 │   0.20 │ false  │ line one⏎line two │',
        '├───────┼─────────────┼───────┼────────┼────────┼───────────────────┤',
        '│ total │             │    -2 │   0.30 │        │                   │',
        '└───────┴─────────────┴───────┴────────┴────────┴───────────────────┘',
        '',
      ].join('\n'),
    );
    expect(text).not.toContain('\u001b');
  });

  it('shows null as an empty cell and leaves the totals out when not asked for', async () => {
    const text = await render(COLUMNS, ROWS, { totals: false });
    expect(text).not.toContain('total');
    expect(text.split('\n')[5]).toBe('│ r3 │             │     0 │        │        │ =1+1              │');
  });

  it('sums money in fen over every row, shown or not', async () => {
    const rows = Array.from({ length: 1_000 }, (_, i): CellValue[] => [`r${i}`, 'x', 1, i % 2 === 0 ? 0.1 : 0.2, true, '']);
    const text = await render(COLUMNS, rows, { totals: true, maxTableRows: 3, exportHint: HINT });
    const lines = text.trimEnd().split('\n');
    // 500 × 0.1 + 500 × 0.2: added as floats this drifts; in fen it is exactly 150.00.
    expect(lines).toContain('│ total │      │  1000 │ 150.00 │        │      │');
    expect(lines.filter((line) => line.startsWith('│ r'))).toHaveLength(3);
    expect(lines.at(-1)).toBe(`… 997 more rows not shown (the totals include them); export them all with: ${HINT}`);
  });

  it('says how many rows were left out with thousands separators, and that one row is a row', async () => {
    const many = Array.from({ length: 12_347 }, (_, i): CellValue[] => [i]);
    const text = await render([{ key: 'n' }], many, { maxTableRows: 2, exportHint: HINT });
    expect(text.trimEnd().split('\n').at(-1)).toBe(`… 12,345 more rows not shown; export them all with: ${HINT}`);
    const one = await render([{ key: 'n' }], [[1], [2]], { maxTableRows: 1 });
    expect(one.trimEnd().split('\n').at(-1)).toBe('… 1 more row not shown');
  });

  it('buffers at most maxTableRows rows, 500 by default', async () => {
    const rows = Array.from({ length: 600 }, (_, i): CellValue[] => [i]);
    const lines = (await render([{ key: 'n' }], rows)).split('\n');
    expect(lines.filter((line) => /^│ +\d+ │$/.test(line))).toHaveLength(500);
    expect(lines).toContain('… 100 more rows not shown');
  });

  it('writes a short line instead of an empty frame for zero rows', async () => {
    expect(await render(COLUMNS, [], { totals: true })).toBe('No rows.\n');
  });

  it('shows a single record as a key/value table when asked', async () => {
    const text = await render(COLUMNS, [ROWS[0]!], { verticalSingle: true, totals: true });
    expect(text).toBe(
      [
        '┌────────┬───────┐',
        '│ id     │ r1    │',
        '│ name   │ 张三  │',
        '│ count  │ 3     │',
        '│ amount │ 0.10  │',
        '│ active │ true  │',
        '│ note   │ plain │',
        '└────────┴───────┘',
        '',
      ].join('\n'),
    );
  });

  it('keeps the usual layout for two records even when a single one would be vertical', async () => {
    const text = await render(COLUMNS, ROWS.slice(0, 2), { verticalSingle: true });
    expect(text.split('\n')[1]).toBe('│ id │ name        │ count │ amount │ active │ note              │');
  });

  it('replaces control characters so nothing can act on the terminal', async () => {
    const hostile = 'a\u001b[2Jb\u0007c\u009b31md\u202eevil';
    const text = await render([{ key: 'name' }], [[hostile], ['ok']]);
    for (const bad of ['\u001b', '\u0007', '\u009b', '\u202e']) expect(text).not.toContain(bad);
    expect(text).toContain('a\uFFFD[2Jb\uFFFDc\uFFFD31md\uFFFDevil');
  });

  it('aligns CJK text by display width, with newlines kept on one line', async () => {
    const rows: CellValue[][] = [
      ['张三', 'Zhang San', 1],
      ['欧阳娜娜', 'x', 22],
      ['Li', '李\n四', 333],
      ['（全角）', 'ｆｕｌｌ', 4444],
    ];
    const text = await render([{ key: 'name' }, { key: 'other' }, { key: 'n', total: 'sum' }], rows, { totals: true });
    const lines = text.trimEnd().split('\n');
    expect(lines).toHaveLength(10);
    const widths = new Set(lines.map(columnsTaken));
    expect(widths.size).toBe(1);
    expect(text).toContain('李⏎四');
  });

  it('cuts very long text so one cell cannot push the table off screen', async () => {
    const long = `https://cdn.example.com/avatars/${'a'.repeat(200)}.png`;
    const text = await render([{ key: 'avatar' }], [[long]]);
    const line = text.split('\n')[3]!;
    expect(line).toContain('…');
    expect(columnsTaken(line)).toBeLessThan(60);
  });

  it('colours only when asked: bold header, dim note', async () => {
    const plain = await render([{ key: 'n' }], [[1], [2]], { maxTableRows: 1 });
    expect(plain).not.toContain('\u001b');
    const coloured = await render([{ key: 'n' }], [[1], [2]], { maxTableRows: 1, color: true });
    expect(coloured).toContain('\u001b[1mn\u001b[22m');
    expect(coloured).toContain('\u001b[2m… 1 more row not shown\u001b[22m');
    // Styling codes take no columns: the frame lines still line up with the header line.
    const lines = coloured.split('\n');
    expect(lines[1]!.replace(/\u001b\[\d+m/g, '').length).toBe(lines[0]!.length);
  });
});

describe('table sink on a terminal of known width', () => {
  const columns: ColumnInfo[] = [
    { key: 'living_id' },
    { key: 'name' },
    { key: 'receiver_avatar' },
    { key: 'watch_time_s', total: 'sum' },
    { key: 'amount', total: 'money' },
  ];
  const rows: CellValue[][] = [
    ['lv_0000000000000000000001', '张三李四王五赵六钱七孙八周九吴十', 'https://cdn.example.com/avatar/'.padEnd(90, 'x'), 3600, 12.3],
    ['lv_0000000000000000000002', 'Smith', 'https://cdn.example.com/a.png', 5, 0.5],
  ];

  it('cuts text with … so no line is wider than the terminal, keeping ids and numbers whole where it can', async () => {
    const text = await render(columns, rows, { width: 100, totals: true });
    const lines = text.trimEnd().split('\n');
    for (const line of lines) expect(columnsTaken(line), line).toBeLessThanOrEqual(100);
    expect(text).toContain('…');
    expect(text).toContain('lv_0000000000000000000001');
    expect(text).toContain('3600');
    expect(text).toContain('12.30');
    expect(text).toContain('12.80');
  });

  it('--wide prints every value whole whatever the width', async () => {
    const text = await render(columns, rows, { width: 60, wide: true, totals: true });
    expect(text).toContain(rows[0]![2] as string);
    expect(text).toContain('张三李四王五赵六钱七孙八周九吴十');
    expect(text).not.toContain('-[ RECORD');
  });

  it('switches to one key/value block per record when columns would be unreadably narrow', async () => {
    const text = await render(columns, rows, { width: 48, totals: true, exportHint: HINT, maxTableRows: 1 });
    const lines = text.trimEnd().split('\n');
    // Every line of the records fits; the note under them is prose (the e2e test checks it at 80 columns).
    for (const line of lines.slice(0, -2)) expect(columnsTaken(line), line).toBeLessThanOrEqual(48);
    expect(lines[0]).toMatch(/^-\[ RECORD 1 \]-+$/);
    expect(lines).toContain('living_id       │ lv_0000000000000000000001');
    expect(lines).toContain('name            │ 张三李四王五赵六钱七孙八周九…');
    expect(lines.some((line) => line.startsWith('amount          │ 12.30'))).toBe(true);
    // The totals over every row, then the note, its hint on a line of its own.
    expect(text).toMatch(/-\[ TOTAL \]-+\nwatch_time_s +│ 3605\namount +│ 12.80\n/);
    expect(lines.at(-2)).toBe('… 1 more row not shown (the totals include it);');
    expect(lines.at(-1)).toBe(`  export them all with: ${HINT}`);
  });

  it('--headers zh: Chinese headers, cut by display width like any text', async () => {
    const text = await render(columns, rows, { width: 120, headers: 'zh', totals: true });
    expect(text).toContain('直播ID');
    expect(text).toContain('观看时长(秒)');
    expect(text).toMatch(/│ 合计 +│/);
    for (const line of text.trimEnd().split('\n')) expect(columnsTaken(line)).toBeLessThanOrEqual(120);
  });

  it('off a terminal text is cut at the fixed width, as before', async () => {
    const text = await render(columns, rows, {});
    expect(text).not.toContain(rows[0]![2] as string);
    expect(text).toContain('lv_0000000000000000000001');
    expect(text).toContain('…');
  });
});
