// The sink contract: rows arrive a page at a time, each row its values in column order; a sink writes a page
// to a stream in one write, with backpressure. Only the table sink buffers (bounded), every other sink
// streams at constant memory.
import type { Writable } from 'node:stream';
import type { HeaderLanguage } from '../cli/global-options.js';
import type { CellValue, ColumnInfo } from './columns.js';

export type OutputFormat = 'table' | 'csv' | 'json' | 'ndjson' | 'xlsx';
export const OUTPUT_FORMATS: readonly OutputFormat[] = ['table', 'csv', 'json', 'ndjson', 'xlsx'];

/** One row: its values in column order. */
export type RowValues = readonly CellValue[];

export interface Sink {
  begin(columns: readonly ColumnInfo[]): void | Promise<void>;
  /** Returns a promise only when the stream asked to wait (backpressure); await it either way. */
  writePage(rows: readonly RowValues[]): void | Promise<void>;
  end(): Promise<void>;
}

export interface SinkOptions {
  format: OutputFormat;
  stream: Writable;
  /** --excel: BOM, CRLF, formula-leading text cells prefixed with ' (csv only). */
  excel?: boolean;
  /** Table: the terminal width in columns, when known. */
  columns?: number | undefined;
  /** Table: colour allowed. */
  color?: boolean;
  /** Table: how many rows to show before summarising the rest. */
  maxTableRows?: number;
  /** Table: the command line that would export everything, shown when rows were left out. */
  exportHint?: string;
  /** Table: show a totals line. */
  totals?: boolean;
  /** Table: render a single record as a two-column key/value table. */
  verticalSingle?: boolean;
  /** Table: --wide, every value whole whatever the terminal's width. */
  wide?: boolean;
  /** Xlsx: the --tz zone, named in the header of timestamp columns. */
  timeZone?: string | undefined;
  /** Table, csv and xlsx: the language of the header row. */
  headers?: HeaderLanguage | undefined;
}
