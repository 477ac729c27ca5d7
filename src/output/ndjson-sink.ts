// The ndjson format: one JSON object per line, written a page at a time. Zero rows are an empty output.
import type { Writable } from 'node:stream';
import { writeChunk } from '../io/iostreams.js';
import type { CellValue, ColumnInfo } from './columns.js';
import { jsonRowText } from './json-text.js';
import type { RowValues, Sink } from './sink.js';

export function createNdjsonSink(stream: Writable): Sink {
  let rowText: ((values: readonly CellValue[]) => string) | undefined;
  return {
    begin(columns: readonly ColumnInfo[]) {
      rowText = jsonRowText(columns);
    },
    writePage(page: readonly RowValues[]) {
      if (!rowText) throw new Error('ndjson sink: writePage() before begin()');
      if (page.length === 0) return;
      return writeChunk(stream, `${page.map(rowText).join('\n')}\n`);
    },
    async end() {},
  };
}
