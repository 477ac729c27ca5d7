// The ndjson format: one JSON object per line, written as rows arrive. Zero rows are an empty output.
// Rows are put by json-row's record writer; batching is chunk-writer's.
import type { Writable } from 'node:stream';
import { ChunkWriter } from './chunk-writer.js';
import type { CellValue, ColumnInfo } from './columns.js';
import { jsonRecordWriter, type JsonRecordWriter } from './json-row.js';
import type { Sink } from './sink.js';

export function createNdjsonSink(stream: Writable): Sink {
  const out = new ChunkWriter(stream);
  let writeRecord: JsonRecordWriter | undefined;
  return {
    begin(columns: readonly ColumnInfo[]) {
      writeRecord = jsonRecordWriter(columns, out);
    },
    write(values: readonly CellValue[]) {
      if (!writeRecord) throw new Error('ndjson sink: write() before begin()');
      return writeRecord(values, '', '\n');
    },
    async end() {
      await out.flush();
    },
  };
}
