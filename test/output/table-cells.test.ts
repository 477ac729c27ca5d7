// Table cell text (money, booleans, null, cut text) and the totals line summed in fen.
import { describe, expect, it } from 'vitest';
import { ColumnTotals, formatFen, tableCell } from '../../src/output/table-cells.js';
import { displayWidth } from '../../src/output/terminal-text.js';

describe('formatFen', () => {
  it('prints whole fen as yuan with exactly two decimals', () => {
    expect(formatFen(0)).toBe('0.00');
    expect(formatFen(5)).toBe('0.05');
    expect(formatFen(57)).toBe('0.57');
    expect(formatFen(1230)).toBe('12.30');
    expect(formatFen(-5)).toBe('-0.05');
    expect(formatFen(123_456_789_01)).toBe('123456789.01');
  });
});

describe('tableCell', () => {
  it('formats each kind of value', () => {
    expect(tableCell(null, { key: 'a' })).toEqual({ text: '', numeric: false });
    expect(tableCell(undefined, { key: 'a' })).toEqual({ text: '', numeric: false });
    expect(tableCell(true, { key: 'a' })).toEqual({ text: 'true', numeric: false });
    expect(tableCell(false, { key: 'a' })).toEqual({ text: 'false', numeric: false });
    expect(tableCell(-5, { key: 'a' })).toEqual({ text: '-5', numeric: true });
    expect(tableCell(Number.NaN, { key: 'a' })).toEqual({ text: '', numeric: true });
  });

  it('shows money with two decimals', () => {
    expect(tableCell(12.3, { key: 'amount', total: 'money' }).text).toBe('12.30');
    expect(tableCell(0.57, { key: 'amount', total: 'money' }).text).toBe('0.57');
  });

  it('makes text safe and leaves cutting to the table, which knows the screen', () => {
    expect(tableCell('a\nb', { key: 'a' }).text).toBe('a⏎b');
    const long = tableCell('字'.repeat(100), { key: 'a' }).text;
    expect(displayWidth(long)).toBe(200);
    expect(long).not.toContain('…');
  });
});

describe('ColumnTotals', () => {
  const columns = [{ key: 'id' }, { key: 'n', total: 'sum' as const }, { key: 'yuan', total: 'money' as const }];

  it('sums money in fen so 0.1 + 0.2 is 0.30, and counts as numbers', () => {
    const totals = new ColumnTotals(columns);
    totals.add(['a', 1, 0.1]);
    totals.add(['b', 2, 0.2]);
    expect(totals.cells().map((c) => c.text)).toEqual(['total', '3', '0.30']);
  });

  it('stays exact over many small amounts', () => {
    const totals = new ColumnTotals(columns);
    for (let i = 0; i < 10_000; i++) totals.add(['x', 1, 0.01]);
    expect(totals.cells()[2]!.text).toBe('100.00');
  });

  it('skips null and non-numbers, and leaves a column with nothing to sum blank', () => {
    const totals = new ColumnTotals(columns);
    totals.add(['a', null, null]);
    totals.add(['b', 'seven', null]);
    expect(totals.cells().map((c) => c.text)).toEqual(['total', '', '']);
  });

  it('hides float noise in a fractional plain sum', () => {
    const totals = new ColumnTotals(columns);
    totals.add(['a', 0.1, 0]);
    totals.add(['b', 0.2, 0]);
    expect(totals.cells()[1]!.text).toBe('0.3');
  });

  it('puts no label in a first column that is itself summed, and reports whether any column sums', () => {
    const totals = new ColumnTotals([{ key: 'n', total: 'sum' }, { key: 'id' }]);
    totals.add([4, 'x']);
    expect(totals.any).toBe(true);
    expect(totals.cells().map((c) => c.text)).toEqual(['4', '']);
    expect(new ColumnTotals([{ key: 'id' }]).any).toBe(false);
  });
});
