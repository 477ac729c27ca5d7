// The format switch: each format gets its sink, with the options that belong to it.
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createSink } from '../../src/output/create-sink.js';
import type { OutputFormat } from '../../src/output/sink.js';
import { CaptureStream } from '../helpers/streams.js';
import { readXlsx } from '../helpers/xlsx-reader.js';
import { feed } from './sample-rows.js';

const columns = [{ key: 'n', total: 'sum' as const }, { key: 'text' }];
const rows = [
  [1, '-x'],
  [2, 'y'],
];

async function output(format: OutputFormat, extra: { excel?: boolean; totals?: boolean; maxTableRows?: number; exportHint?: string } = {}): Promise<string> {
  const out = new CaptureStream();
  await feed(await createSink({ format, stream: out, ...extra }), columns, rows);
  return out.text;
}

class BufferStream extends Writable {
  private readonly chunks: Buffer[] = [];
  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: () => void): void {
    this.chunks.push(chunk);
    callback();
  }
  get bytes(): Uint8Array {
    return new Uint8Array(Buffer.concat(this.chunks));
  }
}

describe('createSink', () => {
  it('json', async () => {
    expect(await output('json')).toBe('[\n{"n":1,"text":"-x"},\n{"n":2,"text":"y"}\n]\n');
  });

  it('ndjson', async () => {
    expect(await output('ndjson')).toBe('{"n":1,"text":"-x"}\n{"n":2,"text":"y"}\n');
  });

  it('xlsx, passing on the time zone for the timestamp headers', async () => {
    const out = new BufferStream();
    const sink = await createSink({ format: 'xlsx', stream: out, timeZone: 'Asia/Shanghai' });
    await feed(sink, [...columns, { key: 'at', kind: 'time' as const }], [[1, '-x', '2024-01-02T03:04:05+08:00']]);
    const [sheet] = readXlsx(out.bytes);
    expect(sheet!.rows[0]!.map((c) => c!.value)).toEqual(['n', 'text', 'at (Asia/Shanghai)']);
    expect(sheet!.rows[1]!.map((c) => c!.type)).toEqual(['n', 'inlineStr', 'n']);
  });

  it('csv, and csv with excel', async () => {
    expect(await output('csv')).toBe('n,text\n1,-x\n2,y\n');
    expect(await output('csv', { excel: true })).toBe("\uFEFFn,text\r\n1,'-x\r\n2,y\r\n");
  });

  it('table, passing on the totals, row limit and export hint', async () => {
    const text = await output('table', { totals: true, maxTableRows: 1, exportHint: 'livestats x --csv' });
    expect(text).toContain('│ n │ text │');
    expect(text).toContain('│ 3 │      │');
    expect(text.trimEnd().split('\n').at(-1)).toBe(
      '… 1 more row not shown (the totals include it); export them all with: livestats x --csv',
    );
  });

  it('rejects a format it does not know', async () => {
    await expect(createSink({ format: 'xml' as OutputFormat, stream: new CaptureStream() })).rejects.toThrow(/xml/);
  });
});
