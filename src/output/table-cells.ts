// How one value looks in the terminal table (text made safe, money with two decimals) and the totals line
// over every row. Cutting text to the screen and drawing the table are table-sink's job.
import type { CellValue, ColumnInfo } from './columns.js';
import { toFen } from './money.js';
import { terminalSafe } from './terminal-text.js';

/** Off a terminal (no width known) wider text is cut with "…" so one avatar URL cannot stretch every row. */
export const MAX_CELL_WIDTH = 48;

export interface TableCell {
  text: string;
  /** Numbers line up on the right. */
  numeric: boolean;
}

/** Whole fen as yuan with exactly two decimals, by integer arithmetic so nothing is lost in printing. */
export function formatFen(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

function formatNumber(value: number, column: ColumnInfo | undefined): string {
  if (!Number.isFinite(value)) return '';
  return column?.total === 'money' ? formatFen(toFen(value)) : String(value);
}

export function tableCell(value: CellValue | undefined, column: ColumnInfo | undefined): TableCell {
  switch (typeof value) {
    case 'number':
      return { text: formatNumber(value, column), numeric: true };
    case 'boolean':
      // The same words as CSV and JSON, so what a user reads here is what a script will see.
      return { text: value ? 'true' : 'false', numeric: false };
    case 'string':
      return { text: terminalSafe(value), numeric: false };
    default:
      return { text: '', numeric: false };
  }
}

/** Sums the columns marked `total` over every row written, shown or not. Money is summed in whole fen. */
export class ColumnTotals {
  private readonly sums: number[];
  private readonly seen: boolean[];
  private readonly summed: number[];

  constructor(private readonly columns: readonly ColumnInfo[]) {
    this.sums = columns.map(() => 0);
    this.seen = columns.map(() => false);
    this.summed = columns.flatMap((c, i) => (c.total ? [i] : []));
  }

  get any(): boolean {
    return this.summed.length > 0;
  }

  add(values: readonly CellValue[]): void {
    for (const i of this.summed) {
      const value = values[i];
      if (typeof value !== 'number' || !Number.isFinite(value)) continue;
      this.sums[i]! += this.columns[i]!.total === 'money' ? toFen(value) : value;
      this.seen[i] = true;
    }
  }

  /** The totals line: a sum under each summed column, `label` ("total") in the first column when it is free. */
  cells(label = 'total'): TableCell[] {
    const cells = this.columns.map((column, i): TableCell => {
      if (!column.total || !this.seen[i]) return { text: '', numeric: false };
      const sum = this.sums[i]!;
      if (column.total === 'money') return { text: formatFen(sum), numeric: true };
      // Whole counts print as they are; a fractional sum is rounded to hide float noise (0.1 + 0.2).
      return { text: Number.isInteger(sum) ? String(sum) : String(Number(sum.toFixed(6))), numeric: true };
    });
    if (cells[0] && !this.columns[0]?.total) cells[0] = { text: label, numeric: false };
    return cells;
  }
}
