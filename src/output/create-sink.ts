// Chooses the sink for --format. Each sink module (and the library behind it: cli-table3, csv-stringify, exceljs)
// is imported only when its format is used, because every command pays for what start-up loads.
import type { Sink, SinkOptions } from './sink.js';

export async function createSink(options: SinkOptions): Promise<Sink> {
  const { format, stream } = options;
  switch (format) {
    case 'json':
      return (await import('./json-sink.js')).createJsonSink(stream);
    case 'ndjson':
      return (await import('./ndjson-sink.js')).createNdjsonSink(stream);
    case 'csv':
      return (await import('./csv-sink.js')).createCsvSink(stream, { excel: options.excel, headers: options.headers });
    case 'xlsx':
      return (await import('./xlsx-sink.js')).createXlsxSink(stream, { timeZone: options.timeZone, headers: options.headers });
    case 'table':
      return (await import('./table-sink.js')).createTableSink(stream, {
        color: options.color,
        maxTableRows: options.maxTableRows,
        exportHint: options.exportHint,
        totals: options.totals,
        verticalSingle: options.verticalSingle,
        width: options.columns,
        wide: options.wide,
        headers: options.headers,
      });
    default: {
      const unknown: never = format;
      throw new Error(`unknown output format: ${String(unknown)}`);
    }
  }
}
