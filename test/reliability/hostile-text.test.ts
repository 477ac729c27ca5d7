// Provider text written by the public (nicknames with formulas, quotes, newlines, terminal escapes): --excel
// neutralises formula-like text cells and leaves numbers alone, the table never passes a control character,
// and JSON keeps every string exactly as the provider sent it.
import { describe, expect, it } from 'vitest';
import { ExitCode } from '../../src/errors.js';
import { createCsvSink } from '../../src/output/csv-sink.js';
import { HOSTILE_NAMES } from '../../src/sandbox/names.js';
import { livingFor, viewerPage } from '../../src/sandbox/wecom-data.js';
import { CaptureStream } from '../helpers/streams.js';
import { jsonRows, runAgainstSandbox } from './helpers.js';

const LIVING = 'sandbox-2000';

/** RFC 4180 records: quoted fields may hold commas, quotes ("") and line breaks; records end in CRLF or LF. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      record.push(field);
      field = '';
    } else if (c === '\n' || (c === '\r' && text[i + 1] === '\n')) {
      if (c === '\r') i++;
      record.push(field);
      records.push(record);
      record = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || record.length > 0) records.push([...record, field]);
  return records;
}

/** The names of the living's external viewers exactly as the sandbox generates them, in export order. */
function generatedNames(): string[] {
  const page = viewerPage(livingFor(LIVING), 0, 2000);
  return (JSON.parse(page.externalUsers) as Array<{ name: string }>).map((u) => u.name);
}

describe('JSON keeps hostile text exact', () => {
  it('round-trips every name, hostile ones included, unchanged', async () => {
    const run = await runAgainstSandbox(['watch', LIVING, '--json']);
    expect(run.code).toBe(ExitCode.ok);
    const names = jsonRows(run.stdout)
      .filter((r) => r.viewer_type === 'external')
      .map((r) => r.name);
    const expected = generatedNames();
    expect(names).toEqual(expected);
    const hostile = new Set(expected.filter((n) => HOSTILE_NAMES.includes(n)));
    expect(hostile.size).toBeGreaterThanOrEqual(8);
    expect(hostile).toContain('\u001b[31mred alert\u001b[0m');
  });
});

describe('--excel', () => {
  it('prefixes text cells starting with = + - @ tab or CR with a quote, and leaves every other cell exact', async () => {
    const [excel, json] = await Promise.all([
      runAgainstSandbox(['watch', LIVING, '--excel']),
      runAgainstSandbox(['watch', LIVING, '--json']),
    ]);
    expect(excel.code).toBe(ExitCode.ok);
    expect(excel.stdout.startsWith('\uFEFF')).toBe(true);
    expect(excel.stdout.endsWith('\r\n')).toBe(true);
    const [header, ...records] = parseCsv(excel.stdout.slice(1));
    const rows = jsonRows(json.stdout);
    expect(records).toHaveLength(rows.length);
    let neutralised = 0;
    records.forEach((record, i) => {
      const row = rows[i]!;
      header!.forEach((key, j) => {
        const value = row[key];
        const cell = record[j];
        if (value === null) expect(cell).toBe('');
        else if (typeof value === 'number' || typeof value === 'boolean') expect(cell).toBe(String(value));
        else if (/^[=+\-@\t\r]/.test(value as string)) {
          expect(cell).toBe(`'${value as string}`);
          neutralised++;
        } else expect(cell).toBe(value);
      });
    });
    expect(neutralised).toBeGreaterThanOrEqual(4);
  });

  it('leaves negative numbers as numbers while the text "-5" is neutralised', async () => {
    const out = new CaptureStream();
    const sink = createCsvSink(out, { excel: true });
    sink.begin([{ key: 'n' }, { key: 'text' }, { key: 'x' }]);
    await sink.writePage([
      [-5, '-5', 2.5],
      [0, '@SUM(A1:A9)', -0.25],
    ]);
    await sink.end();
    expect(out.text).toBe('\uFEFFn,text,x\r\n-5,\'-5,2.5\r\n0,\'@SUM(A1:A9),-0.25\r\n');
  });

  it('plain --csv keeps the data exact for programs', async () => {
    const run = await runAgainstSandbox(['watch', LIVING, '--csv', '--fields', 'name']);
    const names = parseCsv(run.stdout).slice(1).map((r) => r[0]).filter((n) => n !== '');
    expect(names).toEqual(generatedNames());
  });
});

/** How the contract says a name shows in the table: line breaks as one mark, tabs as spaces, other controls replaced. */
function shownInTable(name: string): string {
  return name.replace(/\r\n|[\r\n]/g, '⏎').replace(/\t/g, ' ').replace(/[\u0000-\u001f\u007f-\u009f]/g, '\uFFFD');
}

describe('the terminal table', () => {
  // Receivers' nicknames are hostile about one time in 64; the table shows the first 500 receipts.
  const ARGV = ['redpacks', '--channel', 'sandbox-400', '--receives'];
  const tty = { stdoutIsTTY: true, stderrIsTTY: false, columns: 400 };

  it('passes no control character, C1 code or escape sequence from provider text', async () => {
    const [table, json] = await Promise.all([
      runAgainstSandbox(ARGV, { context: { ...tty, colorEnabled: false } }),
      runAgainstSandbox([...ARGV, '--json', '--limit', '500']),
    ]);
    expect(table.code).toBe(ExitCode.ok);
    expect(table.stdout).toContain('receiver_nickname');
    // Only the table's own line ends are allowed.
    expect(table.stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
    // The hostile names among the rows shown are still there to read, made harmless.
    const controlled = jsonRows(json.stdout)
      .map((r) => r.receiver_nickname as string)
      .filter((n) => /[\u0000-\u001f]/.test(n));
    expect(controlled.length).toBeGreaterThanOrEqual(2);
    for (const name of controlled) expect(table.stdout).toContain(shownInTable(name));
  });

  it('with colour on, the only escape sequences are the table\'s own bold and dim', async () => {
    const run = await runAgainstSandbox(ARGV, { context: { ...tty, colorEnabled: true } });
    expect(run.code).toBe(ExitCode.ok);
    expect(run.stdout).toContain('\u001b[1m');
    const withoutOwn = run.stdout.replace(/\u001b\[(1|2|22)m/g, '');
    expect(withoutOwn).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
  });
});
