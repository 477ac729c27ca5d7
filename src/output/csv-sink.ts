// The csv format (RFC 4180 quoting by csv-stringify): header row of column keys, then one record per row;
// true/false for booleans, an empty cell for null. --excel adds a BOM, CRLF and formula-injection escaping.
// Batching into large writes is chunk-writer's job.
import type { Writable } from 'node:stream';
import { stringify, type Options } from 'csv-stringify/sync';
import { ChunkWriter } from './chunk-writer.js';
import type { CellValue, ColumnInfo } from './columns.js';
import type { Sink } from './sink.js';

const UTF8_BOM = '\uFEFF';
const BATCH_ROWS = 256;

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
  const stringifyOptions = csvOptions(excel);
  // csv-stringify re-reads its options on every call, which costs more than quoting one row: rows are
  // turned into text BATCH_ROWS at a time (or when the producer goes idle, or at the end).
  let batch: CellValue[][] = [];
  const takeBatch = (): string => {
    if (batch.length === 0) return '';
    const text = stringify(batch, stringifyOptions);
    batch = [];
    return text;
  };
  const out = new ChunkWriter(stream, { takePending: takeBatch });
  return {
    begin(columns: readonly ColumnInfo[]) {
      const header = stringify([columns.map((c) => c.key)], stringifyOptions);
      out.push((excel ? UTF8_BOM : '') + header);
    },
    write(values: readonly CellValue[]) {
      // A copy, because the caller reuses its values array for the next row.
      batch.push(values.slice());
      if (batch.length >= BATCH_ROWS) return out.push(takeBatch());
      if (batch.length === 1) out.markPending();
    },
    async end() {
      await out.flush();
    },
  };
}
