// The json format: one JSON array written as rows arrive (`[`, rows, `]`), so memory does not grow with
// the row count. Zero rows are `[]`. Row text comes from json-row; batching from chunk-writer. The `[` goes
// out with the first row, so a run that fails before any row leaves stdout empty rather than a lone `[`.
import type { Writable } from 'node:stream';
import { ChunkWriter } from './chunk-writer.js';
import type { CellValue, ColumnInfo } from './columns.js';
import { jsonRowSerializer, type RowSerializer } from './json-row.js';
import type { Sink } from './sink.js';

export function createJsonSink(stream: Writable): Sink {
  const out = new ChunkWriter(stream);
  let serialize: RowSerializer | undefined;
  let rows = 0;
  return {
    begin(columns: readonly ColumnInfo[]) {
      serialize = jsonRowSerializer(columns);
    },
    write(values: readonly CellValue[]) {
      if (!serialize) throw new Error('json sink: write() before begin()');
      // One row per line keeps a large file readable with head/grep and diffs small.
      return out.push((rows++ === 0 ? '[\n' : ',\n') + serialize(values));
    },
    async end() {
      out.push(rows === 0 ? '[]\n' : '\n]\n');
      await out.flush();
    },
  };
}
