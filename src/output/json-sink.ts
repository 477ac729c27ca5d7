// The json format: one JSON array written as pages arrive (`[`, rows, `]`), one row a line, so memory does
// not grow with the row count. Zero rows are `[]`. The `[` goes out with the first row, so a run that fails
// before any row leaves stdout empty rather than a lone `[`.
import type { Writable } from 'node:stream';
import { writeChunk } from '../io/iostreams.js';
import type { CellValue, ColumnInfo } from './columns.js';
import { jsonRowText } from './json-text.js';
import type { RowValues, Sink } from './sink.js';

export function createJsonSink(stream: Writable): Sink {
  let rowText: ((values: readonly CellValue[]) => string) | undefined;
  let rows = 0;
  return {
    begin(columns: readonly ColumnInfo[]) {
      rowText = jsonRowText(columns);
    },
    writePage(page: readonly RowValues[]) {
      if (!rowText) throw new Error('json sink: writePage() before begin()');
      if (page.length === 0) return;
      // One row per line keeps a large file readable with head/grep and diffs small.
      const text = (rows === 0 ? '[\n' : ',\n') + page.map(rowText).join(',\n');
      rows += page.length;
      return writeChunk(stream, text);
    },
    async end() {
      await writeChunk(stream, rows === 0 ? '[]\n' : '\n]\n');
    },
  };
}
