// Column widths for a terminal: untouched when the table fits, text cut before ids and ids before nothing,
// numbers never cut, and 'vertical' when no column could keep a readable width.
import { describe, expect, it } from 'vitest';
import { fitColumns, isIdColumn, MIN_COLUMN_WIDTH, MIN_ID_WIDTH, tableWidth, type ColumnShape } from '../../src/output/table-layout.js';
import { displayWidth, truncateMiddle } from '../../src/output/terminal-text.js';

const text = (natural: number): ColumnShape => ({ natural, values: natural, numeric: false, id: false });
const id = (natural: number): ColumnShape => ({ natural, values: natural, numeric: false, id: true });
const num = (values: number, header: number): ColumnShape => ({ natural: Math.max(values, header), values, numeric: true, id: false });

describe('fitColumns', () => {
  it('leaves a table that fits as it is', () => {
    const shapes = [id(20), text(30), num(5, 12)];
    const widths = fitColumns(shapes, 200);
    expect(widths).toEqual([20, 30, 12]);
    expect(tableWidth(widths as number[])).toBe(1 + 23 + 33 + 15);
  });

  it('cuts the widest text column first and leaves ids and numbers whole while that is enough', () => {
    const widths = fitColumns([id(24), text(60), text(10), num(4, 12)], 80) as number[];
    expect(tableWidth(widths)).toBeLessThanOrEqual(80);
    expect(widths[0]).toBe(24);
    expect(widths[2]).toBe(10);
    expect(widths[1]).toBeLessThan(60);
    expect(widths[3]).toBe(12);
  });

  it('uses the whole width, not less', () => {
    const widths = fitColumns([text(100), text(100)], 80) as number[];
    expect(tableWidth(widths)).toBe(80);
    expect(Math.abs(widths[0]! - widths[1]!)).toBeLessThanOrEqual(1);
  });

  it('shortens numeric headers down to the widest value but never the values', () => {
    const widths = fitColumns([num(4, 24), text(40), id(20)], 50) as number[];
    expect(tableWidth(widths)).toBeLessThanOrEqual(50);
    expect(widths[0]).toBeGreaterThanOrEqual(MIN_COLUMN_WIDTH);
    expect(widths[2]).toBeGreaterThanOrEqual(MIN_ID_WIDTH);
  });

  it('cuts ids only once the text is down to its minimum', () => {
    const widths = fitColumns([id(40), text(40)], 40) as number[];
    expect(widths[1]).toBe(MIN_COLUMN_WIDTH);
    expect(widths[0]).toBe(40 - 1 - 6 - MIN_COLUMN_WIDTH);
  });

  it('goes vertical when even the minimum widths do not fit (the watch export at 80 columns)', () => {
    const watch = [id(28), text(8), id(20), id(32), text(20), num(1, 13), num(4, 12), text(5), text(5), id(20), id(32)];
    expect(fitColumns(watch, 80)).toBe('vertical');
    const wide = fitColumns(watch, 200);
    expect(wide).not.toBe('vertical');
    expect(tableWidth(wide as number[])).toBeLessThanOrEqual(200);
  });
});

describe('isIdColumn', () => {
  it('knows ids by their key', () => {
    for (const key of ['living_id', 'userid', 'external_userid', 'invitor_external_userid', 'room_id', 'from_account', 'owner_account', 'red_pack_id']) {
      expect(isIdColumn(key), key).toBe(true);
    }
    for (const key of ['name', 'theme', 'receiver_avatar', 'watch_time_s', 'viewer_type', 'sender_nickname']) {
      expect(isIdColumn(key), key).toBe(false);
    }
  });
});

describe('truncateMiddle', () => {
  it('keeps the head and the longer tail of an id, within the width', () => {
    const idText = 'wmXYZ_external_0000000042';
    const cut = truncateMiddle(idText, 12);
    expect(cut).toBe('wmXYZ…000042');
    expect(displayWidth(cut)).toBe(12);
    expect(truncateMiddle('short', 12)).toBe('short');
  });

  it('counts CJK as two columns and never splits one', () => {
    const cut = truncateMiddle('直播间一二三四五六七八九十', 11);
    expect(displayWidth(cut)).toBeLessThanOrEqual(11);
    expect(cut).toContain('…');
    expect(cut.endsWith('十')).toBe(true);
  });
});
