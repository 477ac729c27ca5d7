// --fields selection and ordering, and the column info handed to sinks.
import { describe, expect, it } from 'vitest';
import { columnInfo, selectColumns, UnknownFieldError, type Column } from '../../src/output/columns.js';

interface Row {
  a: string;
  b: number;
}

const COLUMNS: Column<Row>[] = [
  { key: 'a', value: (row) => row.a },
  { key: 'b', value: (row) => row.b, total: 'sum' },
  { key: 'c', value: () => null },
];

describe('selectColumns', () => {
  it('keeps every column in order without --fields', () => {
    expect(selectColumns(COLUMNS, undefined).map((c) => c.key)).toEqual(['a', 'b', 'c']);
    expect(selectColumns(COLUMNS, []).map((c) => c.key)).toEqual(['a', 'b', 'c']);
  });

  it('chooses and orders columns by --fields', () => {
    expect(selectColumns(COLUMNS, ['c', 'a']).map((c) => c.key)).toEqual(['c', 'a']);
  });

  it('shows a field named twice once, at its first place', () => {
    expect(selectColumns(COLUMNS, ['b', 'a', 'b']).map((c) => c.key)).toEqual(['b', 'a']);
  });

  it('names the unknown field and lists the valid ones', () => {
    let thrown: unknown;
    try {
      selectColumns(COLUMNS, ['a', 'nope']);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(UnknownFieldError);
    expect(thrown).toMatchObject({ field: 'nope', valid: ['a', 'b', 'c'] });
    expect((thrown as Error).message).toBe('unknown field "nope"; valid fields: a, b, c');
  });

  it('does not change the columns it was given', () => {
    const chosen = selectColumns(COLUMNS, undefined);
    chosen.pop();
    expect(COLUMNS).toHaveLength(3);
  });
});

describe('columnInfo', () => {
  it('keeps the key and the totals rule only', () => {
    expect(columnInfo(COLUMNS)).toEqual([
      { key: 'a', total: undefined },
      { key: 'b', total: 'sum' },
      { key: 'c', total: undefined },
    ]);
  });
});
