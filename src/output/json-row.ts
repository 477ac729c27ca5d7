// One row as the text of a JSON object, keys in column order, values typed (numbers, booleans, null):
// as a string (the serializer), or put straight into a ChunkWriter's chunk (the record writer), the same
// bytes either way. Shared by the json and ndjson sinks; how rows are separated is theirs.
import { specialCharacters, type ChunkWriter } from './chunk-writer.js';
import type { CellValue, ColumnInfo } from './columns.js';

export type RowSerializer = (values: readonly CellValue[]) => string;

// Text with none of these is its own JSON string body: JSON.stringify escapes quotes, backslashes and control
// characters, and writes a lone surrogate as a \u escape (a paired one, or any other character, as it is).
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;

/** A cell as JSON text. A value that JSON cannot hold (NaN, Infinity, undefined from a buggy column) is null. */
export function jsonValue(value: CellValue | undefined): string {
  switch (typeof value) {
    case 'string':
      // Most text needs no escaping, and quoting it directly costs about half of what JSON.stringify does.
      return NEEDS_ESCAPE.test(value) ? JSON.stringify(value) : `"${value}"`;
    case 'number':
      return Number.isFinite(value) ? `${value}` : 'null';
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object':
      // A list of integers (CellList): JSON text of numbers, brackets and commas only.
      return value === null ? 'null' : JSON.stringify(value);
    default:
      return 'null';
  }
}

/**
 * The row as text, the `"key":` parts escaped once per export: the reference the record writer is tested
 * against, and how a row too large for an output chunk is written.
 */
export function jsonRowSerializer(columns: readonly ColumnInfo[]): RowSerializer {
  if (columns.length === 0) return () => '{}';
  const prefixes = columns.map((column, i) => `${i === 0 ? '{' : ','}${JSON.stringify(column.key)}:`);
  return (values) => {
    let text = '';
    for (let i = 0; i < prefixes.length; i++) text += prefixes[i]! + jsonValue(values[i]);
    return `${text}}`;
  };
}

// Text with none of these is put between quotes as it is (see NEEDS_ESCAPE).
const JSON_SPECIAL = specialCharacters('"\\', { controls: true, surrogates: true });
const NOTHING_SPECIAL = specialCharacters('');
/** JSON.stringify writes a UTF-16 unit as at most 6 bytes ("\u001b"); a bound for text escaped or not. */
const MAX_JSON_BYTES_PER_UNIT = 6;
const QUOTE = 0x22;
const CLOSE_BRACE = 0x7d;

/** Writes one row, with ASCII `before` and `after` it; a promise only when the stream asked to wait. */
export type JsonRecordWriter = (values: readonly CellValue[], before: string, after: string) => void | Promise<void>;

/**
 * Puts each row as the serializer's text straight into `out`'s chunk, building no string for it: a large
 * export spends most of its writing time on that string otherwise. A row too large for a chunk goes through
 * the serializer.
 */
export function jsonRecordWriter(columns: readonly ColumnInfo[], out: ChunkWriter): JsonRecordWriter {
  const serialize = jsonRowSerializer(columns);
  const prefixes = columns.map((column, i) => `${i === 0 ? '{' : ','}${JSON.stringify(column.key)}:`);
  // The keys, two quotes a text and the closing brace (or the whole "{}" of a row without columns).
  const overhead = prefixes.reduce((bytes, prefix) => bytes + Buffer.byteLength(prefix) + 2, 2);
  // The text around the record being written; set before each writeRecord, which the caller lets settle.
  let before = '';
  let after = '';
  const put = (values: readonly CellValue[]): void => {
    out.putAscii(before);
    if (prefixes.length === 0) out.putAscii('{');
    for (let i = 0; i < prefixes.length; i++) {
      out.putText(prefixes[i] as string, NOTHING_SPECIAL);
      const value = values[i];
      if (value === null || value === undefined) out.putAscii('null');
      else if (value === true) out.putAscii('true');
      else if (value === false) out.putAscii('false');
      else if (typeof value === 'number') {
        if (Number.isFinite(value)) out.putNumber(value);
        else out.putAscii('null');
      } else if (typeof value === 'object') {
        out.putAscii(JSON.stringify(value));
      } else {
        const start = out.position;
        out.putByte(QUOTE);
        if (out.putText(value, JSON_SPECIAL)) out.putByte(QUOTE);
        else {
          out.discardFrom(start);
          out.putText(JSON.stringify(value), NOTHING_SPECIAL);
        }
      }
    }
    out.putByte(CLOSE_BRACE);
    out.putAscii(after);
  };
  const asText = (values: readonly CellValue[]): string => before + serialize(values) + after;
  return (values, textBefore, textAfter) => {
    before = textBefore;
    after = textAfter;
    const bytes = out.maxRecordBytes(values, overhead + before.length + after.length, MAX_JSON_BYTES_PER_UNIT);
    // The caller waits for a returned promise before it reuses `values` (or writes the next row).
    return out.writeRecord(values, bytes, put, asText);
  };
}
