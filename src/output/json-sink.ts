// The json format: one JSON array written as rows arrive (`[`, rows, `]`), so memory does not grow with
// the row count. Zero rows are `[]`. Rows are put by json-row's record writer; batching is chunk-writer's. The `[` goes
// out with the first row, so a run that fails before any row leaves stdout empty rather than a lone `[`.
import type { Writable } from 'node:stream';
import { ChunkWriter } from './chunk-writer.js';
import type { CellValue, ColumnInfo } from './columns.js';
import { jsonRecordWriter, type JsonRecordWriter } from './json-row.js';
import type { Sink } from './sink.js';

export function createJsonSink(stream: Writable): Sink {
  const out = new ChunkWriter(stream);
  let writeRecord: JsonRecordWriter | undefined;
  let rows = 0;
  return {
    begin(columns: readonly ColumnInfo[]) {
      writeRecord = jsonRecordWriter(columns, out);
    },
    write(values: readonly CellValue[]) {
      if (!writeRecord) throw new Error('json sink: write() before begin()');
      // One row per line keeps a large file readable with head/grep and diffs small.
      return writeRecord(values, rows++ === 0 ? '[\n' : ',\n', '');
    },
    async end() {
      out.push(rows === 0 ? '[]\n' : '\n]\n');
      await out.flush();
    },
  };
}
