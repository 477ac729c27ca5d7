// Exact CSV bytes: RFC 4180 quoting, header-only output, batching, and the --excel variant
// (BOM, CRLF, formula prefixes on text but never on numbers).
import { stringify } from 'csv-stringify/sync';
import { describe, expect, it } from 'vitest';
import type { CellValue } from '../../src/output/columns.js';
import { createCsvSink, csvOptions } from '../../src/output/csv-sink.js';
import { HOSTILE_NAMES } from '../../src/sandbox/names.js';
import { seededRandom } from '../helpers/context.js';
import { CaptureStream } from '../helpers/streams.js';
import { COLUMNS, feed, nextCheckPhase, randomCellRows, ROWS } from './sample-rows.js';

const BOM = '\uFEFF';

describe('csv sink', () => {
  it('writes the header, RFC 4180 quoting, LF line ends, true/false and empty cells for null', async () => {
    const out = new CaptureStream();
    await feed(createCsvSink(out), COLUMNS, ROWS);
    expect(out.text).toBe(
      'id,name,count,amount,active,note\n' +
        'r1,张三,3,0.1,true,plain\n' +
        'r2,"Smith, ""Jo""",-5,0.2,false,"line one\nline two"\n' +
        'r3,,0,,,=1+1\n' +
        'r4,-5,12,1.05,true,@cmd\n',
    );
  });

  it('writes the header alone for zero rows', async () => {
    const out = new CaptureStream();
    await feed(createCsvSink(out), COLUMNS, []);
    expect(out.text).toBe('id,name,count,amount,active,note\n');
  });

  it('quotes a bare carriage return so a reader does not split the record', async () => {
    const out = new CaptureStream();
    await feed(createCsvSink(out), [{ key: 'a' }, { key: 'b' }], [['x\ry', '']]);
    expect(out.text).toBe('a,b\n"x\ry",\n');
  });

  it('writes rows the producer has stopped at before end(), in batches or not', async () => {
    const out = new CaptureStream();
    const sink = createCsvSink(out);
    sink.begin([{ key: 'n' }]);
    sink.write([1]);
    sink.write([2]);
    await nextCheckPhase();
    expect(out.text).toBe('n\n1\n2\n');
    sink.write([3]);
    await sink.end();
    expect(out.text).toBe('n\n1\n2\n3\n');
  });

  it('keeps every row of a large export in order across batches', async () => {
    const out = new CaptureStream();
    const rows = Array.from({ length: 1_000 }, (_, i) => [i, `name ${i}`]);
    await feed(createCsvSink(out), [{ key: 'n' }, { key: 'name' }], rows);
    const lines = out.lines();
    expect(lines).toHaveLength(1_001);
    expect(lines[1]).toBe('0,name 0');
    expect(lines[256]).toBe('255,name 255');
    expect(lines[257]).toBe('256,name 256');
    expect(lines[1_000]).toBe('999,name 999');
  });
});

describe('csv sink with --excel', () => {
  it('adds a BOM, ends lines with CRLF and prefixes formula-like text but not numbers', async () => {
    const out = new CaptureStream();
    await feed(createCsvSink(out, { excel: true }), COLUMNS, ROWS);
    expect(out.text).toBe(
      `${BOM}id,name,count,amount,active,note\r\n` +
        'r1,张三,3,0.1,true,plain\r\n' +
        'r2,"Smith, ""Jo""",-5,0.2,false,"line one\nline two"\r\n' +
        "r3,,0,,,'=1+1\r\n" +
        "r4,'-5,12,1.05,true,'@cmd\r\n",
    );
  });

  it('writes the BOM and header alone for zero rows', async () => {
    const out = new CaptureStream();
    await feed(createCsvSink(out, { excel: true }), [{ key: 'a' }], []);
    expect(out.text).toBe(`${BOM}a\r\n`);
  });

  it('prefixes text starting with +, tab or CR and keeps an embedded LF quoted', async () => {
    const out = new CaptureStream();
    const columns = [{ key: 'plus' }, { key: 'tab' }, { key: 'cr' }, { key: 'lf' }, { key: 'neg' }, { key: 'inner' }];
    await feed(createCsvSink(out, { excel: true }), columns, [['+1', '\tx', '\rx', 'a\nb', -0.5, 'a=b']]);
    expect(out.text).toBe(`${BOM}plus,tab,cr,lf,neg,inner\r\n'+1,'\tx,"'\rx","a\nb",-0.5,a=b\r\n`);
  });

  it('quotes a prefixed cell that also needs quoting', async () => {
    const out = new CaptureStream();
    await feed(createCsvSink(out, { excel: true }), [{ key: 'f' }], [['=SUM(A1,"x")']]);
    expect(out.text).toBe(`${BOM}f\r\n"'=SUM(A1,""x"")"\r\n`);
  });
});

describe('csv sink fast path', () => {
  // Plain cells skip csv-stringify; whatever the mix, the bytes must be exactly what csv-stringify writes.
  const pieces = ['a', 'Z9', ' ', '张', '🐼', ',', '"', '\n', '\r', '\r\n', '=', '+', '-', '@', '\t', "'", '\uFF1D', '\uFF0B', '\uFF0D', '\uFF20', ';', ''];
  const numbers = [0, -5, 0.1, 1.05, -0.5, 12345678901, 1e21, Number.NaN, -0, 7, 10, 2147483647, 2147483648, 1e-7];
  function corpus(): CellValue[][] {
    const rows: CellValue[][] = HOSTILE_NAMES.map((name) => [name, '-5', -5, 'plain', null, true]);
    rows.push(...randomCellRows(seededRandom(7), { pieces, numbers, maxPieces: 4, width: 6, count: 2_000 }));
    return rows;
  }

  for (const excel of [false, true]) {
    it(`writes what csv-stringify writes for every row${excel ? ' with --excel' : ''}`, async () => {
      const rows = corpus();
      const columns = ['a', 'b', 'c', 'd', 'e', 'f'].map((key) => ({ key }));
      const out = new CaptureStream();
      await feed(createCsvSink(out, { excel }), columns, rows);
      const expected = (excel ? BOM : '') + stringify([columns.map((c) => c.key), ...rows], csvOptions(excel));
      expect(out.text).toBe(expected);
    });

    it(`writes what csv-stringify writes for records longer than a chunk, and those around them${excel ? ' with --excel' : ''}`, async () => {
      // 30,000 CJK characters may take 90,000 bytes: more than the 64 KiB chunk a record is encoded into.
      const long = '直'.repeat(30_000);
      const rows = corpus().flatMap((row, i) => (i % 500 === 0 ? [row, [long, 1, null, 'x', true, long]] : [row]));
      const columns = ['a', 'b', 'c', 'd', 'e', 'f'].map((key) => ({ key }));
      const out = new CaptureStream();
      await feed(createCsvSink(out, { excel }), columns, rows);
      expect(out.text).toBe((excel ? BOM : '') + stringify([columns.map((c) => c.key), ...rows], csvOptions(excel)));
    });
  }
});
