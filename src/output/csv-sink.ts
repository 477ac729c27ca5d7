// The csv format, as csv-stringify writes it (RFC 4180 quoting): a header row of column keys, then one record
// per row; true/false for booleans, an empty cell for null. --excel adds a BOM, CRLF and formula-injection
// escaping. Each page is one csv-stringify call and one write.
import type { Writable } from 'node:stream';
import { stringify, type Options } from 'csv-stringify/sync';
import { writeChunk } from '../io/iostreams.js';
import type { ColumnInfo } from './columns.js';
import type { RowValues, Sink } from './sink.js';

const UTF8_BOM = '\uFEFF';

export interface CsvSinkOptions {
  excel?: boolean | undefined;
}

export function csvOptions(excel: boolean): Options {
  return {
    eof: true,
    record_delimiter: excel ? '\r\n' : '\n',
    // csv-stringify stops quoting embedded line breaks once record_delimiter is given; a cell with a bare
    // "\n" must still be quoted under CRLF or a spreadsheet splits the record.
    quote_record_delimiter: true,
    // csv-stringify 6.9 prefixes text starting with = + - @ tab CR (and their full-width forms) with ',
    // and looks at the value before casting, so a negative number stays -5 while the text "-5" becomes '-5.
    escape_formulas: excel,
    cast: { boolean: (value) => (value ? 'true' : 'false') },
  };
}

export function createCsvSink(stream: Writable, options: CsvSinkOptions = {}): Sink {
  const excel = options.excel === true;
  const csv = csvOptions(excel);
  return {
    begin(columns: readonly ColumnInfo[]) {
      // The header goes out at once: zero rows are the header alone.
      return writeChunk(stream, (excel ? UTF8_BOM : '') + stringify([columns.map((c) => c.key)], csv));
    },
    writePage(rows: readonly RowValues[]) {
      if (rows.length === 0) return;
      return writeChunk(stream, stringify([...rows], csv));
    },
    async end() {},
  };
}
