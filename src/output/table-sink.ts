// The table format for people at a terminal: the first rows in a cli-table3 table aligned by display
// width and fitted to the screen (or one key/value block per record when no readable fit exists), a totals
// line over every row, and a note on the rows left out. Only this sink buffers, at most maxTableRows rows.
// Cell text and totals come from table-cells, column widths from table-layout.
import type { Writable } from 'node:stream';
import Table from 'cli-table3';
import { writeChunk } from '../io/iostreams.js';
import type { ColumnInfo } from './columns.js';
import type { RowValues, Sink } from './sink.js';
import { ColumnTotals, MAX_CELL_WIDTH, tableCell, type TableCell } from './table-cells.js';
import { displayWidth, terminalSafe, truncateMiddle, truncateToWidth } from './terminal-text.js';
import { fitColumns, isIdColumn, MIN_COLUMN_WIDTH } from './table-layout.js';
import { headerText } from './headers-zh.js';
import type { HeaderLanguage } from '../cli/global-options.js';
import { formatCount } from '../util/count.js';

export const DEFAULT_MAX_TABLE_ROWS = 500;

export interface TableSinkOptions {
  color?: boolean | undefined;
  maxTableRows?: number | undefined;
  exportHint?: string | undefined;
  totals?: boolean | undefined;
  verticalSingle?: boolean | undefined;
  /** The terminal's width in columns; undefined off a terminal. */
  width?: number | undefined;
  /** --wide: every value whole, whatever the width. */
  wide?: boolean | undefined;
  headers?: HeaderLanguage | undefined;
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

/** Cuts a cell to `width`: ids lose their middle, other text its end; numbers are never given less room. */
function fit(text: string, width: number, id: boolean): string {
  return id ? truncateMiddle(text, width) : truncateToWidth(text, width);
}

export function createTableSink(stream: Writable, options: TableSinkOptions = {}): Sink {
  const color = options.color === true;
  const maxRows = options.maxTableRows ?? DEFAULT_MAX_TABLE_ROWS;
  const width = options.wide || !options.width || options.width <= 0 ? undefined : options.width;
  let columns: readonly ColumnInfo[] = [];
  let heads: string[] = [];
  let ids: boolean[] = [];
  let totals: ColumnTotals | undefined;
  const shown: TableCell[][] = [];
  let count = 0;

  function totalsLine(): TableCell[] | undefined {
    // A totals line under a single row would only repeat it.
    if (!totals?.any || count <= 1) return undefined;
    return totals.cells(options.headers === 'zh' ? '合计' : 'total');
  }

  /** Each column's width on this screen, or 'vertical'; undefined when nothing is to be cut. */
  function layout(lines: readonly (readonly TableCell[])[]): number[] | 'vertical' | undefined {
    if (options.wide) return undefined;
    if (width === undefined) {
      // Off a terminal text is cut at a fixed width, as it always was.
      return columns.map((_, i) => Math.max(displayWidth(heads[i]!), ...lines.map((row) => (row[i]?.numeric ? 0 : Math.min(displayWidth(row[i]?.text ?? ''), MAX_CELL_WIDTH)))));
    }
    const shapes = columns.map((_, i) => {
      let values = 0;
      let numeric = true;
      for (const row of lines) {
        const cell = row[i];
        if (!cell || cell.text === '') continue;
        values = Math.max(values, displayWidth(cell.text));
        if (!cell.numeric) numeric = false;
      }
      return { natural: Math.max(values, displayWidth(heads[i]!)), values, numeric, id: ids[i]! };
    });
    return fitColumns(shapes, width);
  }

  function cut(cell: TableCell, w: number | undefined, id: boolean): TableCell {
    return w === undefined || cell.numeric ? cell : { ...cell, text: fit(cell.text, w, id) };
  }

  function renderRows(widths: number[] | undefined): string {
    const table = newTable(heads.map((head, i) => bold(widths ? truncateToWidth(head, widths[i]!) : head, color)));
    for (const row of shown) table.push(row.map((cell, i) => toTableCell(cut(cell, widths?.[i], ids[i]!))));
    const line = totalsLine();
    if (line) table.push(line.map((cell) => toTableCell({ ...cell, text: bold(cell.text, color) })));
    const lines = table.toString().split('\n');
    if (line) {
      // Compact mode draws no line between rows; reuse the line under the header to set the totals apart.
      const separator = lines[2];
      if (separator !== undefined) lines.splice(lines.length - 2, 0, separator);
    }
    return `${lines.join('\n')}\n`;
  }

  /** Room left for a value next to the keys in a key/value layout; undefined when there is no limit. */
  function valueRoom(keyWidth: number, frame: number): number | undefined {
    if (options.wide) return undefined;
    if (width === undefined) return MAX_CELL_WIDTH;
    return Math.max(MIN_COLUMN_WIDTH, width - keyWidth - frame);
  }

  function renderVertical(row: readonly TableCell[]): string {
    const keyWidth = Math.max(...heads.map(displayWidth));
    // "│ key │ value │": two borders around each and padding on either side.
    const room = valueRoom(keyWidth, 7);
    const table = newTable([]);
    columns.forEach((_, i) => table.push([bold(heads[i]!, color), cut(row[i] ?? { text: '', numeric: false }, room, ids[i]!).text]));
    return `${table.toString()}\n`;
  }

  /** psql's expanded display: one block per record, a header line then "key │ value" lines. */
  function renderBlocks(): string {
    const keyWidth = Math.max(...heads.map(displayWidth));
    const room = valueRoom(keyWidth, 3);
    const ruleWidth = Math.min(width ?? 40, keyWidth + 3 + Math.max(0, ...shown.flatMap((row) => row.map((c) => displayWidth(c.text)))));
    const block = (title: string, row: readonly TableCell[], skipBlank: boolean): string => {
      const head = `-[ ${title} ]`;
      let text = `${bold(head + '-'.repeat(Math.max(0, ruleWidth - head.length)), color)}\n`;
      row.forEach((cell, i) => {
        if (skipBlank && cell.text === '') return;
        const key = heads[i]!;
        text += `${bold(key, color)}${' '.repeat(keyWidth - displayWidth(key))} │ ${cut(cell, room, ids[i]!).text}\n`;
      });
      return text;
    };
    let out = shown.map((row, n) => block(`RECORD ${formatCount(n + 1)}`, row, false)).join('');
    const line = totalsLine();
    if (line) out += block('TOTAL', line.map((cell, i) => (i === 0 && !columns[0]?.total ? { ...cell, text: '' } : cell)), true);
    return out;
  }

  function leftOutNote(): string {
    const left = count - shown.length;
    if (left <= 0) return '';
    const rows = `${formatCount(left)} more ${left === 1 ? 'row' : 'rows'} not shown`;
    const included = totals?.any ? ` (the totals include ${left === 1 ? 'it' : 'them'})` : '';
    const hint = options.exportHint ? `export them all with: ${terminalSafe(options.exportHint)}` : '';
    const first = `… ${rows}${included}`;
    // On a narrow screen the hint goes on a line of its own rather than wrapping mid-word.
    const note = !hint ? first : width !== undefined && displayWidth(`${first}; ${hint}`) > width ? `${first};\n  ${hint}` : `${first}; ${hint}`;
    return note
      .split('\n')
      .map((line) => `${dim(line, color)}\n`)
      .join('');
  }

  return {
    begin(cols: readonly ColumnInfo[]) {
      columns = cols;
      heads = cols.map((c) => terminalSafe(headerText(c.key, options.headers)));
      ids = cols.map((c) => isIdColumn(c.key));
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
      else {
        const line = totalsLine();
        const widths = layout(line ? [...shown, line] : shown);
        text = (widths === 'vertical' ? renderBlocks() : renderRows(widths)) + leftOutNote();
      }
      await writeChunk(stream, text);
    },
  };
}
