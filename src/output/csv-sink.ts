// The csv format (RFC 4180 quoting, byte for byte as csv-stringify writes it): header row of column keys,
// then one record per row; true/false for booleans, an empty cell for null. --excel adds a BOM, CRLF and
// formula-injection escaping.
// Records are put straight into chunk-writer's chunk, which batches them into large writes; csv-stringify
// writes the header and any record larger than a chunk.
import type { Writable } from 'node:stream';
import { stringify, type Options } from 'csv-stringify/sync';
import { ChunkWriter, specialCharacters } from './chunk-writer.js';
import type { CellValue, ColumnInfo } from './columns.js';
import type { Sink } from './sink.js';

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

// Text with none of these is written by csv-stringify as it is, too: no quotes, nothing escaped.
const NEEDS_QUOTING = specialCharacters('",\n\r');
const NOTHING_SPECIAL = specialCharacters('');
const QUOTING = /[",\n\r]/;
// The first characters csv-stringify's escape_formulas prefixes with ' in a text cell (see csvOptions).
const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;
const COMMA = 0x2c;
/** What quoting can add to a text cell besides its own bytes: two quotes and a formula prefix. */
const QUOTING_BYTES = 3;

/**
 * A text cell that needs more than its text, as csv-stringify 6.9 writes it with csvOptions: a ' before
 * formula-like text under --excel, then, if it holds a quote, comma or line break, its quotes doubled and
 * the whole in quotes. The csv-stringify differential tests hold the two to the same bytes.
 */
function quotedCell(text: string, excel: boolean): string {
  const cell = excel && FORMULA_START.test(text) ? `'${text}` : text;
  return QUOTING.test(text) ? `"${cell.replaceAll('"', '""')}"` : cell;
}

export function createCsvSink(stream: Writable, options: CsvSinkOptions = {}): Sink {
  const excel = options.excel === true;
  const stringifyOptions = csvOptions(excel);
  const recordEnd = excel ? '\r\n' : '\n';
  const out = new ChunkWriter(stream);

  /** Puts a record as csv-stringify would write it; no string is built for a cell that is its own text. */
  const putRecord = (values: readonly CellValue[]): void => {
    for (let i = 0; i < values.length; i++) {
      if (i > 0) out.putByte(COMMA);
      const value = values[i];
      switch (typeof value) {
        case 'string':
          if ((excel && FORMULA_START.test(value)) || !out.putText(value, NEEDS_QUOTING)) {
            out.putText(quotedCell(value, excel), NOTHING_SPECIAL);
          }
          break;
        case 'number':
          // csv-stringify's own number cast; a number never needs quoting or a prefix.
          out.putNumber(value);
          break;
        case 'boolean':
          out.putAscii(value ? 'true' : 'false');
          break;
        default:
        // null (and undefined) is an empty cell.
      }
    }
    out.putAscii(recordEnd);
  };

  const recordText = (values: readonly CellValue[]): string => stringify([values], stringifyOptions);

  return {
    begin(columns: readonly ColumnInfo[]) {
      const header = stringify([columns.map((c) => c.key)], stringifyOptions);
      out.push((excel ? UTF8_BOM : '') + header);
    },
    write(values: readonly CellValue[]) {
      const bytes = out.maxRecordBytes(values, recordEnd.length + QUOTING_BYTES * values.length);
      // The caller waits for a returned promise before it reuses `values` for the next row.
      return out.writeRecord(values, bytes, putRecord, recordText);
    },
    async end() {
      await out.flush();
    },
  };
}
