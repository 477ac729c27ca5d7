// Exact JSON and NDJSON bytes, empty results, streaming before end() and bounded buffering.
import { describe, expect, it } from 'vitest';
import type { CellValue } from '../../src/output/columns.js';
import { createJsonSink } from '../../src/output/json-sink.js';
import { createNdjsonSink } from '../../src/output/ndjson-sink.js';
import { jsonRowSerializer, jsonValue } from '../../src/output/json-row.js';
import { HOSTILE_NAMES } from '../../src/sandbox/names.js';
import { seededRandom } from '../helpers/context.js';
import { CaptureStream } from '../helpers/streams.js';
import { COLUMNS, feed, nextCheckPhase, randomCellRows, ROWS } from './sample-rows.js';

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
    await nextCheckPhase();
    await nextCheckPhase();
    expect(out.text).toBe('');
  });

  it('streams: the opening bracket and rows reach the stream before end() once the producer is idle', async () => {
    const out = new CaptureStream();
    const sink = createJsonSink(out);
    sink.begin(COLUMNS);
    sink.write(ROWS[0]!);
    expect(out.text).toBe('');
    await nextCheckPhase();
    expect(out.text).toBe(`[\n${EXPECTED_OBJECTS[0]}`);
    await sink.end();
    expect(out.json()).toHaveLength(1);
  });

  it('keeps the stream buffer bounded when the reader stops reading', async () => {
    // A stream that never completes a write: the sink must ask the caller to wait long before rows pile up.
    const out = new CaptureStream({ highWaterMark: 1024 });
    out._write = () => undefined;
    const sink = createJsonSink(out);
    sink.begin(COLUMNS);
    let written = 0;
    let pending: void | Promise<void> = undefined;
    while (!pending && written < 100_000) {
      pending = sink.write(ROWS[1]!);
      written++;
    }
    expect(pending).toBeInstanceOf(Promise);
    expect(written).toBeLessThan(2_000);
    expect(out.writableLength).toBeLessThan(200 * 1024);
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
});

describe('json row serializer', () => {
  it('writes values JSON cannot hold as null and escapes keys once', () => {
    const serialize = jsonRowSerializer([{ key: 'a"b' }, { key: 'n' }, { key: 'inf' }, { key: 'missing' }]);
    expect(serialize(['x', Number.NaN, Number.POSITIVE_INFINITY])).toBe('{"a\\"b":"x","n":null,"inf":null,"missing":null}');
  });

  it('writes an empty object when there are no columns', () => {
    expect(jsonRowSerializer([])([])).toBe('{}');
  });

  it('escapes control characters and keeps non-ASCII text as it is', () => {
    expect(jsonValue('a\u0000\u001b[2J\u2028张')).toBe('"a\\u0000\\u001b[2J\u2028张"');
    expect(JSON.parse(jsonValue('a\u0000\u001b[2J\u2028张'))).toBe('a\u0000\u001b[2J\u2028张');
    expect(jsonValue(-0)).toBe('0');
    expect(jsonValue(false)).toBe('false');
  });

  it('writes row after row as JSON.stringify would, whatever repeats from the row before', () => {
    const keys = ['living', 'who', 'flag', 'n'];
    const serialize = jsonRowSerializer(keys.map((key) => ({ key })));
    const rows: Array<Array<string | number | boolean | null>> = [
      ['lv1', 'a', true, 1],
      ['lv1', 'a', false, 1],
      ['lv1', null, null, 2],
      ['lv2', 'a"q', true, 2],
      ['lv2', '', false, 0],
      ['lv1', 'a', null, -3.5],
    ];
    for (const row of rows) {
      expect(serialize(row)).toBe(JSON.stringify(Object.fromEntries(keys.map((key, i) => [key, row[i]]))));
    }
  });

  it('writes every string exactly as JSON.stringify does, quoted directly or escaped', () => {
    const pieces = ['a', '张', '"', '\\', '\n', '\u0000', '\u001f', '\u007f', '\u2028', '🐼', '\ud83d', '\ude00', 'é', ' ', '/'];
    let seed = 11;
    const next = (n: number): number => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return (seed >>> 8) % n;
    };
    const texts = [...HOSTILE_NAMES, ''];
    for (let i = 0; i < 3_000; i++) {
      let text = '';
      for (let n = next(5); n >= 0; n--) text += pieces[next(pieces.length)];
      texts.push(text);
    }
    for (const text of texts) expect(jsonValue(text)).toBe(JSON.stringify(text));
  });
});

describe('json record writer (rows put straight into the output chunk)', () => {
  const pieces = ['a', '张', '"', '\\', '\n', '\u0000', '\u001f', '\u007f', '\u2028', '🐼', '\ud83d', '\ude00', 'é', ' ', '/'];
  const numbers = [0, -0, 7, -5, 0.1, 2147483647, 2147483648, 1e21, Number.NaN, Infinity];
  function corpus(): CellValue[][] {
    const rows: CellValue[][] = HOSTILE_NAMES.map((name) => [name, 1, null, true]);
    rows.push(...randomCellRows(seededRandom(5), { pieces, numbers, maxPieces: 5, width: 4, count: 2_000 }));
    // A row longer than a chunk (6 bytes a unit at most escaped) and one of escapes only.
    rows.push(['\u0001'.repeat(20_000), 2, '直'.repeat(30_000), false]);
    return rows;
  }
  const columns = ['id', 'name "quoted"', '名前', 'flag'].map((key) => ({ key }));

  it('ndjson: writes what the serializer writes, row for row', async () => {
    const rows = corpus();
    const out = new CaptureStream();
    await feed(createNdjsonSink(out), columns, rows);
    const serialize = jsonRowSerializer(columns);
    expect(out.text).toBe(rows.map((row) => `${serialize(row)}\n`).join(''));
  });

  it('json: writes what the serializer writes, row for row', async () => {
    const rows = corpus();
    const out = new CaptureStream();
    await feed(createJsonSink(out), columns, rows);
    const serialize = jsonRowSerializer(columns);
    expect(out.text).toBe(`[\n${rows.map((row) => serialize(row)).join(',\n')}\n]\n`);
  });

  it('writes {} for a row without columns', async () => {
    const out = new CaptureStream();
    await feed(createNdjsonSink(out), [], [[], []]);
    expect(out.text).toBe('{}\n{}\n');
  });
});
