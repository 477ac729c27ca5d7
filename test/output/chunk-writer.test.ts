// Batching of row text into large writes, backpressure, the idle flush and failed streams; then every
// streaming sink against a slow stream with a tiny buffer.
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { ChunkWriter, specialCharacters } from '../../src/output/chunk-writer.js';
import { createCsvSink } from '../../src/output/csv-sink.js';
import { createJsonSink } from '../../src/output/json-sink.js';
import { createNdjsonSink } from '../../src/output/ndjson-sink.js';
import { isBrokenPipe } from '../../src/io/iostreams.js';
import { CaptureStream } from '../helpers/streams.js';
import { feed, nextCheckPhase } from './sample-rows.js';

/** A Writable whose every write fails as a closed pipe does. */
function brokenPipe(): Writable {
  const stream = new Writable({
    write(_chunk, _encoding, callback) {
      callback(Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }));
    },
  });
  stream.on('error', () => undefined);
  return stream;
}

describe('ChunkWriter, records encoded in place', () => {
  const PLAIN = specialCharacters(',');
  const JSONISH = specialCharacters('"\\', { controls: true, surrogates: true });

  /** Puts one record with `put`, after reserving room for it; returns what was written. */
  async function encoded(put: (writer: ChunkWriter) => void, chunkChars = 64): Promise<string> {
    const out = new CaptureStream();
    const writer = new ChunkWriter(out, { chunkChars });
    await writer.reserve(chunkChars);
    put(writer);
    await writer.flush();
    return out.text;
  }

  it('spells numbers as `${value}` does, whole 31-bit ones digit by digit', async () => {
    const numbers = [0, -0, 7, 10, 99, 100, 123456789, 2147483647, 2147483648, -1, 0.5, 1e21, 1e-7, Number.NaN, -Infinity];
    const text = await encoded((w) => numbers.forEach((n) => (w.putNumber(n), w.putByte(0x7c))), 512);
    expect(text).toBe(numbers.map((n) => `${n}|`).join(''));
  });

  it('puts text as UTF-8, and refuses text with a special character, putting nothing of it', async () => {
    const text = await encoded((w) => {
      expect(w.putText('sbx_1 张伟 🐼 é', PLAIN)).toBe(true);
      expect(w.putText('Smith, John', PLAIN)).toBe(false);
      expect(w.putText('张伟, Smith', PLAIN)).toBe(false);
      expect(w.putText('🐼', JSONISH)).toBe(false);
      expect(w.putText('tab\t', JSONISH)).toBe(false);
      expect(w.putText('a"b', JSONISH)).toBe(false);
      expect(w.putText('', PLAIN)).toBe(true);
      w.putAscii('|end');
    }, 256);
    expect(text).toBe('sbx_1 张伟 🐼 é|end');
  });

  it('drops a record begun and abandoned with discardFrom', async () => {
    const text = await encoded((w) => {
      w.putAscii('kept;');
      const start = w.position;
      w.putAscii('dropped');
      w.discardFrom(start);
      w.putAscii('after');
    });
    expect(text).toBe('kept;after');
  });

  it('sends the filled chunk before a record that might not fit, and waits for the stream when asked', async () => {
    const out = new CaptureStream();
    const writes: string[] = [];
    const original = out.write.bind(out);
    out.write = ((chunk: Uint8Array) => (writes.push(Buffer.from(chunk).toString('utf8')), original(chunk))) as typeof out.write;
    const writer = new ChunkWriter(out, { chunkChars: 16 });
    await writer.reserve(10);
    writer.putAscii('0123456789');
    expect(writes).toEqual([]);
    await writer.reserve(writer.maxRecordBytes(['ab'], 0));
    expect(writes).toEqual(['0123456789']);
    writer.putAscii('ab');
    await writer.flush();
    expect(out.text).toBe('0123456789ab');
  });

  it('writeRecord puts a record that fits a chunk, and writes a larger one as its text', async () => {
    const out = new CaptureStream();
    const writer = new ChunkWriter(out, { chunkChars: 16 });
    const put = (text: string): void => writer.putAscii(text.toUpperCase());
    const asText = (text: string): string => `[${text}]`;
    await writer.writeRecord('small', 5, put, asText);
    await writer.writeRecord('x'.repeat(20), 20, put, asText);
    await writer.flush();
    expect(out.text).toBe(`SMALL[${'x'.repeat(20)}]`);
  });

  it('bounds a record by its longest UTF-8: three bytes a text unit, a number or boolean at its longest', () => {
    const writer = new ChunkWriter(new CaptureStream());
    expect(writer.maxRecordBytes(['张伟', 5, null, true], 2)).toBe(2 + (6 + 1) + (24 + 1) * 3);
    expect(Buffer.byteLength('-1.7976931348623157e+308')).toBe(24);
  });
});

describe('ChunkWriter', () => {
  /** Records every chunk written to `out`, as text. */
  function recordWrites(out: CaptureStream): string[] {
    const writes: string[] = [];
    const original = out.write.bind(out);
    out.write = ((chunk: string | Uint8Array) => {
      writes.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      return original(chunk);
    }) as typeof out.write;
    return writes;
  }

  it('gathers small pushes into one write, sent when the next push might not fit', () => {
    const out = new CaptureStream();
    const writes = recordWrites(out);
    const writer = new ChunkWriter(out, { chunkChars: 30 });
    expect(writer.push('abc')).toBeUndefined();
    expect(writer.push('def')).toBeUndefined();
    expect(writer.push('ghij')).toBeUndefined();
    expect(writes).toEqual([]);
    // 7 units may need 21 bytes of UTF-8; 20 are left.
    writer.push('klmnopq');
    expect(writes).toEqual(['abcdefghij']);
  });

  it('never splits a character between two writes, and writes text longer than a chunk on its own', async () => {
    const out = new CaptureStream();
    const writes = recordWrites(out);
    const writer = new ChunkWriter(out, { chunkChars: 16 });
    const pieces = ['观众', '🐼', 'a', '张伟,', 'é', '🐼🐼🐼🐼🐼', 'z'];
    for (const piece of pieces) await writer.push(piece);
    await writer.flush();
    expect(writes.join('')).toBe(pieces.join(''));
    expect(writes.every((chunk) => !chunk.includes('\uFFFD'))).toBe(true);
    expect(writes).toContain('🐼🐼🐼🐼🐼');
  });

  it('returns a promise when the stream is full, resolved once it drains', async () => {
    const out = new CaptureStream({ highWaterMark: 4, slow: true });
    const writer = new ChunkWriter(out, { chunkChars: 8 });
    const pending = writer.push('0123456789');
    expect(pending).toBeInstanceOf(Promise);
    await pending;
    expect(out.text).toBe('0123456789');
  });

  it('writes what is buffered once the producer goes idle', async () => {
    const out = new CaptureStream();
    const writer = new ChunkWriter(out);
    writer.push('one\n');
    expect(out.text).toBe('');
    await nextCheckPhase();
    expect(out.text).toBe('one\n');
  });

  it('rethrows the error of a stream that failed, such as a closed pipe', async () => {
    const stream = brokenPipe();
    const writer = new ChunkWriter(stream);
    writer.push('first');
    await expect(Promise.resolve(writer.flush())).rejects.toMatchObject({ code: 'EPIPE' });
    let thrown: unknown;
    try {
      writer.push('x'.repeat(70_000));
    } catch (error) {
      thrown = error;
    }
    expect(isBrokenPipe(thrown)).toBe(true);
  });

  it('refuses to wait on a stream that was closed without an error', () => {
    const out = new CaptureStream();
    out.destroy();
    const writer = new ChunkWriter(out);
    writer.push('text');
    expect(() => writer.flush()).toThrow(expect.objectContaining({ code: 'ERR_STREAM_DESTROYED' }));
  });
});

describe('backpressure through the sinks', () => {
  const rows = Array.from({ length: 5_000 }, (_, i) => [i, `viewer ${i} 观众`]);
  const columns = [{ key: 'n' }, { key: 'name' }];

  it('ndjson: a slow stream with a tiny buffer gets every row, in order', async () => {
    const out = new CaptureStream({ highWaterMark: 16, slow: true });
    const waits = await feed(createNdjsonSink(out), columns, rows);
    expect(waits).toBeGreaterThan(0);
    const parsed = out.lines().map((line) => JSON.parse(line) as { n: number });
    expect(parsed.map((row) => row.n)).toEqual(rows.map((row) => row[0]));
  });

  it('json: a slow stream with a tiny buffer gets every row, in order', async () => {
    const out = new CaptureStream({ highWaterMark: 16, slow: true });
    const waits = await feed(createJsonSink(out), columns, rows);
    expect(waits).toBeGreaterThan(0);
    expect((out.json() as { n: number }[]).map((row) => row.n)).toEqual(rows.map((row) => row[0]));
  });

  it('csv: a slow stream with a tiny buffer gets every row, in order', async () => {
    const out = new CaptureStream({ highWaterMark: 16, slow: true });
    const waits = await feed(createCsvSink(out), columns, rows);
    expect(waits).toBeGreaterThan(0);
    const lines = out.lines();
    expect(lines[0]).toBe('n,name');
    expect(lines.slice(1)).toEqual(rows.map(([n, name]) => `${n},${name}`));
  });
});
