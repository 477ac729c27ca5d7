// The ndjson format: one JSON object per line, written as rows arrive. Zero rows are an empty output.
// Row text comes from json-row; batching from chunk-writer.
import type { Writable } from 'node:stream';
import { ChunkWriter } from './chunk-writer.js';
import type { CellValue, ColumnInfo } from './columns.js';
import { jsonRowSerializer, type RowSerializer } from './json-row.js';
import type { Sink } from './sink.js';

export function createNdjsonSink(stream: Writable): Sink {
  const out = new ChunkWriter(stream);
  let serialize: RowSerializer | undefined;
  return {
    begin(columns: readonly ColumnInfo[]) {
      serialize = jsonRowSerializer(columns);
    },
    write(values: readonly CellValue[]) {
      if (!serialize) throw new Error('ndjson sink: write() before begin()');
      return out.push(`${serialize(values)}\n`);
    },
    async end() {
      await out.flush();
    },
  };
}
