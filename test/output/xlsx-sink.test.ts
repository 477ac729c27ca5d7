// The xlsx sink read back with an independent reader (fflate + fast-xml-parser): cell types (inline text for
// ids that look like numbers, numbers, booleans, dates), number formats, the bold frozen filtered header,
// widths (CJK double, capped), XML-unsafe text, and the rollover to a new sheet at the row limit.
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { CellValue, ColumnInfo } from '../../src/output/columns.js';
import { wallClock, xlsxValue } from '../../src/output/xlsx-cells.js';
import { createXlsxSink, type XlsxSinkOptions } from '../../src/output/xlsx-sink.js';
import { readXlsx, serialToText } from '../helpers/xlsx-reader.js';
import { COLUMNS, feed, ROWS } from './sample-rows.js';

class BufferStream extends Writable {
  readonly chunks: Buffer[] = [];
  ended = false;
  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: () => void): void {
    this.chunks.push(chunk);
    callback();
  }
  get bytes(): Uint8Array {
    return new Uint8Array(Buffer.concat(this.chunks));
  }
}

async function workbook(columns: ColumnInfo[], rows: CellValue[][], options: XlsxSinkOptions = {}, pageSize = 2) {
  const out = new BufferStream();
  out.on('finish', () => (out.ended = true));
  await feed(await createXlsxSink(out, options), columns, rows, pageSize);
  return { sheets: readXlsx(out.bytes), out };
}

const ID_COLUMNS: ColumnInfo[] = [
  { key: 'room_id' },
  { key: 'owner_account' },
  { key: 'created_at', kind: 'time' },
  { key: 'amount', total: 'money' },
  { key: 'view_count', total: 'sum' },
  { key: 'is_mic' },
  { key: 'category' },
];

describe('xlsx sink', () => {
  it('keeps ids, leading zeros and phone numbers as text; numbers, booleans and money typed; null empty', async () => {
    const { sheets } = await workbook(
      ID_COLUMNS,
      [
        ['1234567890123456789', '13800138000', '2022-04-02T10:40:34+08:00', 12.5, 42, true, [3, 7]],
        ['00123', '张伟', '2024-12-31T23:59:59.250-05:00', 0.1, 0, false, null],
        ['007', null, null, null, null, null, '1,2'],
      ],
      { timeZone: 'Asia/Shanghai' },
    );
    expect(sheets).toHaveLength(1);
    const [header, first, second, third] = sheets[0]!.rows;
    expect(header!.map((c) => c!.value)).toEqual([
      'room_id', 'owner_account', 'created_at (Asia/Shanghai)', 'amount', 'view_count', 'is_mic', 'category',
    ]);
    expect(header!.every((c) => c!.type === 'inlineStr' && c!.bold)).toBe(true);

    expect(first!.map((c) => c!.type)).toEqual(['inlineStr', 'inlineStr', 'n', 'n', 'n', 'b', 'inlineStr']);
    expect(first![0]!.value).toBe('1234567890123456789');
    expect(first![1]!.value).toBe('13800138000');
    // The wall-clock time of the ISO string, with no zone arithmetic: what the CSV shows is what Excel shows.
    expect(serialToText(first![2]!.value as number)).toBe('2022-04-02 10:40:34');
    expect(first![2]!.numFmt).toBe('yyyy-mm-dd hh:mm:ss');
    expect(first![3]).toMatchObject({ value: 12.5, numFmt: '0.00', bold: false });
    expect(first![4]).toMatchObject({ value: 42, numFmt: undefined });
    expect(first![5]!.value).toBe(true);
    expect(first![6]!.value).toBe('3,7');

    expect(second![0]!.value).toBe('00123');
    expect(second![1]!.value).toBe('张伟');
    expect(serialToText(second![2]!.value as number)).toBe('2024-12-31 23:59:59');
    expect(second![5]).toMatchObject({ type: 'b', value: false });
    expect(second![6]).toBeUndefined();

    expect(third![0]!.value).toBe('007');
    // Null is no value at all; a cell may remain only to carry its column's number format.
    for (let i = 1; i < 6; i++) expect(third![i] === undefined || third![i]!.type === 'empty', `column ${i}`).toBe(true);
  });

  it('freezes and filters the header over every row, and sizes columns from the content', async () => {
    const wide = 'x'.repeat(200);
    const { sheets } = await workbook(
      [{ key: 'id' }, { key: 'name' }, { key: 'ascii' }, { key: 'long' }, { key: 'amount', total: 'money' }],
      [
        ['a', '张伟张伟张伟张伟张伟', 'abcdefghij', wide, 1234.5],
        ['b', 'x', 'x', 'x', 1],
      ],
    );
    const sheet = sheets[0]!;
    expect(sheet.frozen).toEqual({ state: 'frozen', ySplit: 1, topLeftCell: 'A2' });
    expect(sheet.autoFilter).toBe('A1:E3');
    const [id, name, ascii, long, amount] = sheet.widths;
    // The header plus room for the filter button sets the narrow ones.
    expect(id).toBe(6);
    expect(ascii).toBe(12);
    // Ten CJK characters take twenty columns.
    expect(name).toBe(22);
    expect(long).toBe(60);
    // "1234.50" as shown, or the header with its button.
    expect(amount).toBe(9);
  });

  it('goes on in a new sheet with its own header past the row limit', async () => {
    const rows: CellValue[][] = Array.from({ length: 5 }, (_, i) => [`r${i + 1}`, i + 1]);
    const { sheets } = await workbook([{ key: 'id' }, { key: 'n', total: 'sum' }], rows, { maxRows: 3 });
    expect(sheets.map((s) => s.name)).toEqual(['Sheet1', 'Sheet2', 'Sheet3']);
    expect(sheets.map((s) => s.rows.map((r) => r[0]!.value))).toEqual([
      ['id', 'r1', 'r2'],
      ['id', 'r3', 'r4'],
      ['id', 'r5'],
    ]);
    for (const sheet of sheets) {
      expect(sheet.rows[0]![0]!.bold).toBe(true);
      expect(sheet.frozen.state).toBe('frozen');
      expect(sheet.widths).toEqual([6, 6]);
    }
    expect(sheets.map((s) => s.autoFilter)).toEqual(['A1:B3', 'A1:B3', 'A1:B2']);
  });

  it('rolls over the same way when the rows outnumber the width sample', async () => {
    const rows: CellValue[][] = Array.from({ length: 2500 }, (_, i) => [`r${i + 1}`]);
    const { sheets } = await workbook([{ key: 'id' }], rows, { maxRows: 1001 }, 300);
    expect(sheets.map((s) => s.rows.length)).toEqual([1001, 1001, 501]);
    expect(sheets[2]!.rows.at(-1)![0]!.value).toBe('r2500');
  });

  it('writes the header alone for zero rows and does not end the destination stream', async () => {
    const { sheets, out } = await workbook(COLUMNS, []);
    expect(sheets[0]!.rows).toHaveLength(1);
    expect(sheets[0]!.autoFilter).toBe('A1:F1');
    expect(out.ended).toBe(false);
  });

  it('names the columns in Chinese under --headers zh, the zone still after a timestamp column', async () => {
    const { sheets } = await workbook(ID_COLUMNS.slice(0, 4), [], { timeZone: 'Asia/Shanghai', headers: 'zh' });
    expect(sheets[0]!.rows[0]!.map((c) => c!.value)).toEqual(['直播间ID', '房主账号', '创建时间 (Asia/Shanghai)', '金额(元)']);
  });

  it('writes the shared sample rows: formula-like text stays text, a negative number stays a number', async () => {
    const { sheets } = await workbook(COLUMNS, ROWS);
    const rows = sheets[0]!.rows;
    expect(rows[3]![5]).toMatchObject({ type: 'inlineStr', value: '=1+1' });
    expect(rows[4]![1]).toMatchObject({ type: 'inlineStr', value: '-5' });
    expect(rows[2]![2]).toMatchObject({ type: 'n', value: -5 });
    expect(rows[2]![5]!.value).toBe('line one\nline two');
  });

  it('replaces characters XML cannot hold, writes line ends as \\n, and cuts text at Excel’s cell limit', async () => {
    const { sheets } = await workbook([{ key: 'name' }], [['a\u0000b\u001Fc\rd\r\ne'], ['y'.repeat(40_000)]]);
    expect(sheets[0]!.rows[1]![0]!.value).toBe('a\uFFFDb\uFFFDc\nd\ne');
    expect((sheets[0]!.rows[2]![0]!.value as string).length).toBe(32_767);
  });
});

describe('xlsx cells', () => {
  it('reads the wall-clock time of an ISO timestamp, with or without milliseconds', () => {
    expect(wallClock('2022-04-02T10:40:34+08:00')?.toISOString()).toBe('2022-04-02T10:40:34.000Z');
    expect(wallClock('2022-04-02T10:40:34.5Z')?.toISOString()).toBe('2022-04-02T10:40:34.500Z');
    expect(wallClock('2022-04-02 10:40')).toBeUndefined();
  });

  it('leaves a timestamp it cannot read as text, and a non-finite number empty', () => {
    expect(xlsxValue('yesterday', { key: 't', kind: 'time' })).toBe('yesterday');
    expect(xlsxValue(Number.NaN, { key: 'n' })).toBeNull();
  });
});
