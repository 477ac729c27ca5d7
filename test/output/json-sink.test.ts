// Exact JSON and NDJSON bytes, empty results, one write per page before end(), bounded buffering, and the
// values JSON cannot hold as they are.
import { describe, expect, it, vi } from 'vitest';
import { createJsonSink } from '../../src/output/json-sink.js';
import { jsonRowText } from '../../src/output/json-text.js';
import { createNdjsonSink } from '../../src/output/ndjson-sink.js';
import { CaptureStream } from '../helpers/streams.js';
import { COLUMNS, feed, ROWS } from './sample-rows.js';

const EXPECTED_OBJECTS = [
  '{"id":"r1","name":"张三","count":3,"amount":0.1,"active":true,"note":"plain"}',
  '{"id":"r2","name":"Smith, \\"Jo\\"","count":-5,"amount":0.2,"active":false,"note":"line one\\nline two"}',
  '{"id":"r3","name":null,"count":0,"amount":null,"active":null,"note":"=1+1"}',
  '{"id":"r4","name":"-5","count":12,"amount":1.05,"active":true,"note":"@cmd"}',
];

describe('json sink', () => {
  it('writes one array, one row per line, with typed values', async () => {
    const out = new CaptureStream();
    await feed(createJsonSink(out), COLUMNS, ROWS);
    expect(out.text).toBe(`[\n${EXPECTED_OBJECTS.join(',\n')}\n]\n`);
    expect(out.json()).toEqual([
      { id: 'r1', name: '张三', count: 3, amount: 0.1, active: true, note: 'plain' },
      { id: 'r2', name: 'Smith, "Jo"', count: -5, amount: 0.2, active: false, note: 'line one\nline two' },
      { id: 'r3', name: null, count: 0, amount: null, active: null, note: '=1+1' },
      { id: 'r4', name: '-5', count: 12, amount: 1.05, active: true, note: '@cmd' },
    ]);
  });

  it('writes the same bytes whatever the page size', async () => {
    for (const pageSize of [1, 3, 4]) {
      const out = new CaptureStream();
      await feed(createJsonSink(out), COLUMNS, ROWS, pageSize);
      expect(out.text).toBe(`[\n${EXPECTED_OBJECTS.join(',\n')}\n]\n`);
    }
  });

  it('writes [] for zero rows', async () => {
    const out = new CaptureStream();
    await feed(createJsonSink(out), COLUMNS, []);
    expect(out.text).toBe('[]\n');
    expect(out.json()).toEqual([]);
  });

  it('writes nothing until the first row: a run that fails before any row leaves no lone "["', async () => {
    const out = new CaptureStream();
    const sink = createJsonSink(out);
    sink.begin(COLUMNS);
    await sink.writePage([]);
    expect(out.text).toBe('');
  });

  it('writes each page in one write as it arrives, the opening bracket with the first', async () => {
    const out = new CaptureStream();
    const write = vi.spyOn(out, 'write');
    const sink = createJsonSink(out);
    sink.begin(COLUMNS);
    await sink.writePage([ROWS[0]!, ROWS[1]!]);
    expect(out.text).toBe(`[\n${EXPECTED_OBJECTS[0]},\n${EXPECTED_OBJECTS[1]}`);
    expect(write).toHaveBeenCalledTimes(1);
    await sink.writePage([ROWS[2]!]);
    expect(write).toHaveBeenCalledTimes(2);
    await sink.end();
    expect(out.json()).toHaveLength(3);
  });

  it('keeps the stream buffer bounded when the reader stops reading', async () => {
    // A stream that never completes a write: the sink must ask the caller to wait once its buffer is full.
    const out = new CaptureStream({ highWaterMark: 1024 });
    out._write = () => undefined;
    const sink = createJsonSink(out);
    sink.begin(COLUMNS);
    const page = Array.from({ length: 10 }, () => ROWS[1]!);
    let pages = 0;
    let pending: void | Promise<void> = undefined;
    while (!pending && pages < 1_000) {
      pending = sink.writePage(page);
      pages++;
    }
    expect(pending).toBeInstanceOf(Promise);
    expect(pages).toBeLessThan(3);
    expect(out.writableLength).toBeLessThan(4 * 1024);
  });
});

describe('ndjson sink', () => {
  it('writes one object per line', async () => {
    const out = new CaptureStream();
    await feed(createNdjsonSink(out), COLUMNS, ROWS);
    expect(out.text).toBe(`${EXPECTED_OBJECTS.join('\n')}\n`);
    expect(out.lines().map((line) => JSON.parse(line) as unknown)).toHaveLength(4);
  });

  it('writes nothing for zero rows', async () => {
    const out = new CaptureStream();
    await feed(createNdjsonSink(out), COLUMNS, []);
    expect(out.text).toBe('');
  });

  it('writes {} for a row without columns', async () => {
    const out = new CaptureStream();
    await feed(createNdjsonSink(out), [], [[], []]);
    expect(out.text).toBe('{}\n{}\n');
  });
});

describe('a row as JSON text', () => {
  it('writes values JSON cannot hold, and missing ones, as null, and escapes keys', () => {
    const text = jsonRowText([{ key: 'a"b' }, { key: 'n' }, { key: 'inf' }, { key: 'missing' }]);
    expect(text(['x', Number.NaN, Number.POSITIVE_INFINITY])).toBe('{"a\\"b":"x","n":null,"inf":null,"missing":null}');
  });

  it('keeps the column order', () => {
    const text = jsonRowText(['z', 'a', 'm', 'living_id'].map((key) => ({ key })));
    expect(text([1, 2, 3, 'lv'])).toBe('{"z":1,"a":2,"m":3,"living_id":"lv"}');
  });

  it('escapes control characters and lone surrogates and keeps other text as it is', () => {
    const text = jsonRowText([{ key: 's' }, { key: 'zero' }, { key: 'f' }]);
    const value = 'a\u0000\u001b[2J\u2028张🐼\ud83d';
    expect(text([value, -0, false])).toBe('{"s":"a\\u0000\\u001b[2J\u2028张🐼\\ud83d","zero":0,"f":false}');
    expect(JSON.parse(text([value, 0, false]))).toEqual({ s: value, zero: 0, f: false });
  });
});
