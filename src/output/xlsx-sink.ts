// The xlsx format through exceljs's streaming WorkbookWriter: a bold, frozen, filterable header, typed cells
// (xlsx-cells) and column widths sampled from the first rows, then every row committed as it arrives, so
// memory stays flat. Past Excel's row limit the rows go on in another sheet with its own header.
import { PassThrough, type Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import type { HeaderLanguage } from '../cli/global-options.js';
import type { ColumnInfo } from './columns.js';
import type { RowValues, Sink } from './sink.js';
import { columnWidth, numberFormat, shownWidth, xlsxValue, type XlsxValue } from './xlsx-cells.js';
import { headerText } from './headers-zh.js';

/** Rows a sheet holds in Excel, the header row included. */
export const EXCEL_MAX_ROWS = 1_048_576;
/** Rows looked at (and held back) to size the columns before the first row is written. */
const WIDTH_SAMPLE_ROWS = 1000;
/** Bytes the workbook may have queued (unzipped or unsent) before the next page waits for them. */
const HIGH_WATER = 8 << 20;

export interface XlsxSinkOptions {
  /** The --tz zone, named in the header of each timestamp column. */
  timeZone?: string | undefined;
  headers?: HeaderLanguage | undefined;
  /** Rows per sheet, the header included; smaller only in tests. */
  maxRows?: number | undefined;
}

/**
 * exceljs's zip library calls the deprecated `new Buffer()`. Node warns about that only for code outside
 * node_modules, which the bundle in dist/ is, and only on the first call: muted here, it never prints.
 */
function quietly<T>(create: () => T): T {
  const before = process.noDeprecation;
  process.noDeprecation = true;
  try {
    return create();
  } finally {
    process.noDeprecation = before;
  }
}

/**
 * Text as an inline string (t="inlineStr"): exceljs writes a plain string as t="str", a formula's cached
 * result, and a shared-strings table would keep every distinct text in memory until the end.
 */
const inline = (value: XlsxValue): XlsxValue | { richText: { text: string }[] } =>
  typeof value === 'string' ? { richText: [{ text: value }] } : value;

interface QueuedStream {
  _writableState?: { length?: number };
  _readableState?: { length?: number };
}

type ExcelJs = typeof import('exceljs');
type WorkbookWriter = InstanceType<ExcelJs['stream']['xlsx']['WorkbookWriter']>;
type Worksheet = ReturnType<WorkbookWriter['addWorksheet']>;

export async function createXlsxSink(stream: Writable, options: XlsxSinkOptions = {}): Promise<Sink> {
  const { default: ExcelJS } = (await import('exceljs')) as unknown as { default: ExcelJs };
  const maxRows = options.maxRows ?? EXCEL_MAX_ROWS;
  const language = options.headers ?? 'en';
  // exceljs ends the stream it writes to; the destination is ended by its own commit (stdout never is).
  const out = new PassThrough({ highWaterMark: HIGH_WATER });
  out.pipe(stream, { end: false });
  const workbook = quietly(() => new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false }));

  let columns: readonly ColumnInfo[] = [];
  let headers: string[] = [];
  let widths: number[] | undefined;
  let sample: XlsxValue[][] = [];
  let sheet: Worksheet | undefined;
  let sheetRows = 0;
  let sheetCount = 0;

  const closeSheet = (): void => {
    if (!sheet) return;
    sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: sheetRows, column: Math.max(columns.length, 1) } };
    sheet.commit();
    sheet = undefined;
  };

  const openSheet = (): Worksheet => {
    closeSheet();
    sheetCount += 1;
    const next = workbook.addWorksheet(`Sheet${sheetCount}`, { views: [{ state: 'frozen', ySplit: 1, xSplit: 0 }] });
    next.columns = columns.map((column, i) => {
      const numFmt = numberFormat(column);
      return { key: column.key, width: widths![i]!, ...(numFmt ? { style: { numFmt } } : {}) };
    });
    const header = next.addRow(headers.map(inline));
    header.font = { bold: true };
    header.commit();
    sheetRows = 1;
    sheet = next;
    return next;
  };

  const writeRow = (values: readonly XlsxValue[]): void => {
    const target = sheet && sheetRows < maxRows ? sheet : openSheet();
    // Each cell takes its column's style, number format included.
    target.addRow(values.map(inline)).commit();
    sheetRows += 1;
  };

  const fixWidths = (): void => {
    widths = headers.map((header, i) => {
      let widest = 0;
      for (const values of sample) widest = Math.max(widest, shownWidth(values[i]!, columns[i]!));
      return columnWidth(header, widest);
    });
    for (const values of sample) writeRow(values);
    sample = [];
  };

  // A destination that failed (a full disk, a closed pipe) must not leave the sink waiting for it forever.
  let failure: Error | undefined;
  const failed = new Promise<never>((_, reject) => {
    const onError = (error: Error): void => {
      failure ??= error;
      reject(error);
    };
    stream.once('error', onError);
    out.once('error', onError);
  });
  failed.catch(() => undefined);

  /**
   * Bytes written but not yet zipped and sent on: exceljs's sheet stream ignores backpressure and archiver
   * queues whatever it is given, so the sink measures the queue (the pass-through archiver reads the current
   * sheet from, and `out`) and waits while it is long.
   */
  const backlog = (): number => {
    let bytes = out.readableLength + out.writableLength;
    // archiver's pass-through comes from readable-stream 2, which has only the internal state lengths.
    const pipes = (sheet as unknown as { stream?: { pipes?: QueuedStream[] } } | undefined)?.stream?.pipes ?? [];
    for (const pipe of pipes) bytes += (pipe._writableState?.length ?? 0) + (pipe._readableState?.length ?? 0);
    return bytes;
  };

  const waitForDestination = async (): Promise<void> => {
    while (backlog() > HIGH_WATER) {
      if (failure || stream.destroyed) throw failure ?? new Error('the output was closed before the workbook was complete');
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
  };

  return {
    begin(infos) {
      columns = infos;
      headers = infos.map((c) => {
        const text = headerText(c.key, language);
        return c.kind === 'time' && options.timeZone ? `${text} (${options.timeZone})` : text;
      });
    },
    writePage(rows: readonly RowValues[]) {
      for (const cells of rows) {
        const values = cells.map((value, i) => xlsxValue(value, columns[i]!));
        if (widths) writeRow(values);
        else {
          sample.push(values);
          if (sample.length >= WIDTH_SAMPLE_ROWS) fixWidths();
        }
      }
      if (backlog() > HIGH_WATER) return waitForDestination();
    },
    async end() {
      if (!widths) fixWidths();
      // Zero rows are still a workbook: the header alone.
      if (!sheet) openSheet();
      closeSheet();
      const drained = finished(out, { writable: false });
      await Promise.race([workbook.commit(), failed]);
      await Promise.race([drained, failed]);
    },
  };
}
