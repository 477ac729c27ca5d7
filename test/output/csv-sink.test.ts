// Exact CSV bytes: RFC 4180 quoting, header-only output, one write per page, and the --excel variant
// (BOM, CRLF, formula prefixes on text but never on numbers).
import { describe, expect, it, vi } from 'vitest';
import { createCsvSink } from '../../src/output/csv-sink.js';
import { CaptureStream } from '../helpers/streams.js';
import { COLUMNS, feed, ROWS } from './sample-rows.js';

const BOM = '\uFEFF';

describe('csv sink', () => {
  it('writes the header, RFC 4180 quoting, LF line ends, true/false, empty cells for null, money with two decimals', async () => {
    const out = new CaptureStream();
    await feed(createCsvSink(out), COLUMNS, ROWS);
    expect(out.text).toBe(
      'id,name,count,amount,active,note\n' +
        'r1,张三,3,0.10,true,plain\n' +
        'r2,"Smith, ""Jo""",-5,0.20,false,"line one\nline two"\n' +
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

  it('writes the header with the first page and each page in one write as it arrives, before end()', async () => {
    const out = new CaptureStream();
    const write = vi.spyOn(out, 'write');
    const sink = createCsvSink(out);
    await sink.begin([{ key: 'n' }]);
    expect(out.text).toBe('');
    await sink.writePage([[1], [2]]);
    expect(out.text).toBe('n\n1\n2\n');
    expect(write).toHaveBeenCalledTimes(1);
    await sink.writePage([]);
    await sink.writePage([[3]]);
    await sink.end();
    expect(out.text).toBe('n\n1\n2\n3\n');
    expect(write).toHaveBeenCalledTimes(2);
  });

  it('writes the header alone at end() when no page had rows, and only once', async () => {
    const out = new CaptureStream();
    const sink = createCsvSink(out);
    await sink.begin([{ key: 'n' }]);
    await sink.end();
    expect(out.text).toBe('n\n');
    const empty = new CaptureStream();
    const second = createCsvSink(empty);
    await second.begin([{ key: 'n' }]);
    await second.writePage([]);
    await second.end();
    expect(empty.text).toBe('n\n');
  });

  it('keeps every row of a large export in order across pages', async () => {
    const out = new CaptureStream();
    const rows = Array.from({ length: 1_000 }, (_, i) => [i, `name ${i}`]);
    await feed(createCsvSink(out), [{ key: 'n' }, { key: 'name' }], rows, 256);
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
        'r1,张三,3,0.10,true,plain\r\n' +
        'r2,"Smith, ""Jo""",-5,0.20,false,"line one\nline two"\r\n' +
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

describe('csv sink headers and money', () => {
  it('--headers zh: the header row in Chinese, the values unchanged', async () => {
    const out = new CaptureStream();
    const columns = [{ key: 'living_id' }, { key: 'watch_time_s', total: 'sum' as const }, { key: 'amount', total: 'money' as const }];
    await feed(createCsvSink(out, { headers: 'zh' }), columns, [['lv-1', 30, 12.3]]);
    expect(out.text).toBe('直播ID,观看时长(秒),金额(元)\nlv-1,30,12.30\n');
  });

  it('money is two decimals, rounded to the fen, and a negative amount under --excel is the same unquoted number', async () => {
    const out = new CaptureStream();
    await feed(createCsvSink(out), [{ key: 'amount', total: 'money' }], [[12], [0.005], [1234567.891], [-3.5]]);
    expect(out.text).toBe('amount\n12.00\n0.01\n1234567.89\n-3.50\n');
    const excel = new CaptureStream();
    await feed(createCsvSink(excel, { excel: true }), [{ key: 'amount', total: 'money' }], [[-3.5], [2.5]]);
    expect(excel.text).toBe('\uFEFFamount\r\n-3.50\r\n2.50\r\n');
  });
});
