// The csv format, as csv-stringify writes it (RFC 4180 quoting): a header row of column keys (or their Chinese
// names under --headers zh), then one record per row; true/false for booleans, an empty cell for null, money
// with two decimals. --excel adds a BOM, CRLF and formula-injection escaping. One stringify and write a page.
import type { Writable } from 'node:stream';
import { stringify, type Options } from 'csv-stringify/sync';
import { writeChunk } from '../io/iostreams.js';
import type { ColumnInfo } from './columns.js';
import type { RowValues, Sink } from './sink.js';
import type { HeaderLanguage } from '../cli/global-options.js';
import { headerText } from './headers-zh.js';
import { formatFen } from './table-cells.js';
import { toFen } from './money.js';

const UTF8_BOM = '\uFEFF';

export interface CsvSinkOptions {
  excel?: boolean | undefined;
  headers?: HeaderLanguage | undefined;
}

/** `money`: the indexes of money columns, written with two decimals. */
function csvOptions(excel: boolean, money: ReadonlySet<number>): Options {
  return {
    eof: true,
    record_delimiter: excel ? '\r\n' : '\n',
    // csv-stringify stops quoting embedded line breaks once record_delimiter is given; a cell with a bare
    // "\n" must still be quoted under CRLF or a spreadsheet splits the record.
    quote_record_delimiter: true,
    // csv-stringify 6.9 prefixes text starting with = + - @ tab CR (and their full-width forms) with ',
    // and looks at the value before casting, so a negative number (money too) stays -5 while the text "-5"
    // becomes '-5.
    escape_formulas: excel,
    cast: {
      boolean: (value) => (value ? 'true' : 'false'),
      // Money is text here, so it reads as in the table (12.30, not 12.3); a cell that is no number stays as
      // it is.
      number: (value, context) => (money.has(context.index) && Number.isFinite(value) ? formatFen(toFen(value)) : `${value}`),
    },
  };
}

export function createCsvSink(stream: Writable, options: CsvSinkOptions = {}): Sink {
  const excel = options.excel === true;
  let csv: Options = {};
  // The header goes out with the first page, so a run that fails before any answer prints nothing; zero rows
  // are the header alone, written at the end.
  let header: string | undefined;
  return {
    begin(columns: readonly ColumnInfo[]) {
      csv = csvOptions(excel, new Set(columns.flatMap((c, i) => (c.total === 'money' ? [i] : []))));
      header = (excel ? UTF8_BOM : '') + stringify([columns.map((c) => headerText(c.key, options.headers))], csv);
    },
    writePage(rows: readonly RowValues[]) {
      const pending = header ?? '';
      header = undefined;
      if (rows.length === 0) return pending === '' ? undefined : writeChunk(stream, pending);
      return writeChunk(stream, pending + stringify(rows as RowValues[], csv));
    },
    async end() {
      if (header !== undefined) await writeChunk(stream, header);
      header = undefined;
    },
  };
}
