// How one value becomes one xlsx cell and how wide its column should be: text stays text (a 19-digit id or
// "00123" is never a number), numbers and booleans keep their type, timestamps become local date-times.
// Writing the workbook is xlsx-sink's business.
import { listText, type CellValue, type ColumnInfo } from './columns.js';
import { displayWidth } from './terminal-text.js';

/** Excel's limit on the characters of one cell. */
export const MAX_CELL_TEXT = 32_767;
export const MONEY_FORMAT = '0.00';
export const TIME_FORMAT = 'yyyy-mm-dd hh:mm:ss';
/** The widest a column is made, in characters; longer text wraps or is cut off on screen, never in the file. */
export const MAX_COLUMN_WIDTH = 60;
const MIN_COLUMN_WIDTH = 6;

// XML 1.0 cannot hold these control characters at all (a workbook containing one will not open).
const XML_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
const ISO_LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,3}))?(?:Z|[+-]\d{2}:\d{2})$/;

/** What is written into a cell: exceljs's value types (a Date is a date serial, written as a number). */
export type XlsxValue = string | number | boolean | Date | null;

/** Text safe for XML and within Excel's cell limit; line ends become "\n", as an XML reader would make them. */
export function cellText(text: string): string {
  const clean = text.replace(XML_INVALID, '\uFFFD').replace(/\r\n?/g, '\n');
  return clean.length > MAX_CELL_TEXT ? clean.slice(0, MAX_CELL_TEXT) : clean;
}

/**
 * An ISO timestamp's wall-clock time (the --tz local time it already carries) as a Date whose UTC fields are
 * that time: Excel has no zones, so the cell shows exactly what the CSV shows, without the offset.
 */
export function wallClock(iso: string): Date | undefined {
  const m = ISO_LOCAL.exec(iso);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, ms] = m;
  return new Date(Date.UTC(+y!, +mo! - 1, +d!, +h!, +mi!, +s!, ms ? +ms.padEnd(3, '0') : 0));
}

export function xlsxValue(value: CellValue, column: ColumnInfo): XlsxValue {
  if (value === null) return null;
  if (typeof value === 'string') {
    // A timestamp that is not ISO (never expected) stays visible as text rather than being dropped.
    if (column.kind === 'time') return wallClock(value) ?? cellText(value);
    return cellText(value);
  }
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'boolean') return value;
  // The runner joins list cells for every format but JSON; a list handed over directly reads the same.
  return cellText(listText(value));
}

/** The number format a column's cells get, if any. */
export function numberFormat(column: ColumnInfo): string | undefined {
  if (column.kind === 'time') return TIME_FORMAT;
  if (column.total === 'money') return MONEY_FORMAT;
  return undefined;
}

/** How many characters a value takes on screen once formatted (CJK counts double). */
export function shownWidth(value: XlsxValue, column: ColumnInfo): number {
  if (value === null) return 0;
  if (value instanceof Date) return TIME_FORMAT.length;
  if (typeof value === 'boolean') return value ? 4 : 5;
  if (typeof value === 'number') return column.total === 'money' ? value.toFixed(2).length : String(value).length;
  // Only the first line shows in a cell that does not wrap.
  const firstLine = value.length > 200 ? value.slice(0, 200) : value;
  return displayWidth(firstLine.split(/\r?\n/, 1)[0]!);
}

/** A column width in characters from the header and the widest sampled value, with room for the filter button. */
export function columnWidth(header: string, widest: number): number {
  const width = Math.max(displayWidth(header) + 3, widest + 2, MIN_COLUMN_WIDTH);
  return Math.min(width, MAX_COLUMN_WIDTH);
}
