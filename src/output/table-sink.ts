// The table format for people at a terminal: the first rows in a cli-table3 table aligned by display
// width, a totals line over every row, and a note on how many rows were left out and how to get them all.
// Only this sink buffers, and at most maxTableRows rows. Cell text and totals come from table-cells.
import type { Writable } from 'node:stream';
import Table from 'cli-table3';
import { writeChunk } from '../io/iostreams.js';
import type { ColumnInfo } from './columns.js';
import type { RowValues, Sink } from './sink.js';
import { ColumnTotals, tableCell, type TableCell } from './table-cells.js';
import { terminalSafe } from './terminal-text.js';
import { formatCount } from '../util/count.js';

export const DEFAULT_MAX_TABLE_ROWS = 500;

export interface TableSinkOptions {
  color?: boolean | undefined;
  maxTableRows?: number | undefined;
  exportHint?: string | undefined;
  totals?: boolean | undefined;
  verticalSingle?: boolean | undefined;
}

// Styling is done here rather than through cli-table3's style option, whose colour library decides on its
// own whether colour is on; here only the caller's choice counts. Red headers are its default: none here.
const bold = (text: string, color: boolean): string => (color ? `\u001b[1m${text}\u001b[22m` : text);
const dim = (text: string, color: boolean): string => (color ? `\u001b[2m${text}\u001b[22m` : text);

function toTableCell(cell: TableCell): Table.Cell {
  return cell.numeric ? { content: cell.text, hAlign: 'right' } : cell.text;
}

function newTable(head: string[]): Table.Table {
  // No colWidths and no wordWrap: cli-table3 drops CJK characters when it hard-wraps, and cells were
  // already cut to a sane width by table-cells.
  return new Table({ head, style: { head: [], border: [], compact: true } });
}

export function createTableSink(stream: Writable, options: TableSinkOptions = {}): Sink {
  const color = options.color === true;
  const maxRows = options.maxTableRows ?? DEFAULT_MAX_TABLE_ROWS;
  let columns: readonly ColumnInfo[] = [];
  let totals: ColumnTotals | undefined;
  const shown: TableCell[][] = [];
  let count = 0;

  function renderRows(): string {
    const table = newTable(columns.map((c) => bold(terminalSafe(c.key), color)));
    for (const row of shown) table.push(row.map(toTableCell));
    // A totals line under a single row would only repeat it.
    const totalsLine = totals?.any && count > 1 ? totals.cells() : undefined;
    if (totalsLine) table.push(totalsLine.map((cell) => toTableCell({ ...cell, text: bold(cell.text, color) })));
    const lines = table.toString().split('\n');
    if (totalsLine) {
      // Compact mode draws no line between rows; reuse the line under the header to set the totals apart.
      const separator = lines[2];
      if (separator !== undefined) lines.splice(lines.length - 2, 0, separator);
    }
    return `${lines.join('\n')}\n`;
  }

  function renderVertical(row: readonly TableCell[]): string {
    const table = newTable([]);
    columns.forEach((column, i) => table.push([bold(terminalSafe(column.key), color), row[i]?.text ?? '']));
    return `${table.toString()}\n`;
  }

  function leftOutNote(): string {
    const left = count - shown.length;
    if (left <= 0) return '';
    const rows = `${formatCount(left)} more ${left === 1 ? 'row' : 'rows'} not shown`;
    const included = totals?.any ? ` (the totals include ${left === 1 ? 'it' : 'them'})` : '';
    const hint = options.exportHint ? `; export them all with: ${terminalSafe(options.exportHint)}` : '';
    return `${dim(`… ${rows}${included}${hint}`, color)}\n`;
  }

  return {
    begin(cols: readonly ColumnInfo[]) {
      columns = cols;
      totals = options.totals ? new ColumnTotals(cols) : undefined;
    },
    writePage(rows: readonly RowValues[]) {
      for (const values of rows) {
        count++;
        totals?.add(values);
        if (shown.length < maxRows) shown.push(columns.map((column, i) => tableCell(values[i], column)));
      }
    },
    async end() {
      let text: string;
      if (count === 0) text = `${dim('No rows.', color)}\n`;
      else if (count === 1 && options.verticalSingle && shown[0]) text = renderVertical(shown[0]);
      else text = renderRows() + leftOutNote();
      await writeChunk(stream, text);
    },
  };
}
