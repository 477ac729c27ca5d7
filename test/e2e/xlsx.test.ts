// xlsx end to end through bin/livestats.js --sandbox: watch, livings, redpacks (money, timestamps, --summary, --fields,
// --limit) and rooms (list cells, timestamps) written with -o x.xlsx, read back with fflate + fast-xml-parser
// (not exceljs) and compared cell by cell with --json; a failed export keeps the old file; a terminal is refused.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readXlsx, serialToText, type XlsxCell, type XlsxSheet } from '../helpers/xlsx-reader.js';
import { baseEnv, BIN, configDirPool, ROOT, runCli } from './cli-runner.js';
import { LIVING_COLUMNS, RECEIVE_COLUMNS, RED_PACK_COLUMNS, RED_PACK_SUMMARY_COLUMNS, ROOM_COLUMNS, WATCH_COLUMNS, type Row } from './contract.js';

const { freshDir, cleanupConfigDirs } = configDirPool();
let outDir: string;

beforeAll(() => {
  outDir = mkdtempSync(join(tmpdir(), 'livestats-xlsx-e2e-'));
});

afterAll(() => {
  rmSync(outDir, { recursive: true, force: true });
  cleanupConfigDirs();
});

const ZONE = 'Asia/Shanghai';
const CHANNELS = ['sandbox-12', 'sandbox-13'];

async function exportBoth(args: readonly string[], name: string): Promise<{ sheet: XlsxSheet; rows: Row[] }> {
  const file = join(outDir, name);
  const env = baseEnv(freshDir());
  const [written, json] = await Promise.all([
    runCli([...args, '--sandbox', '-q', '--tz', ZONE, '-o', file], { env }),
    runCli([...args, '--sandbox', '-q', '--tz', ZONE, '--json'], { env: baseEnv(freshDir()) }),
  ]);
  expect(written.code, written.stderr).toBe(0);
  expect(written.stdout).toBe('');
  expect(json.code, json.stderr).toBe(0);
  const sheets = readXlsx(readFileSync(file));
  expect(sheets).toHaveLength(1);
  return { sheet: sheets[0]!, rows: JSON.parse(json.stdout) as Row[] };
}

/** The cell's expected look for a JSON value: its type, its value and its number format. */
function expectCell(cell: XlsxCell | undefined, value: unknown, kind: 'text' | 'money' | 'time' | 'plain', where: string, slackMs = 0): void {
  if (value === null) {
    expect(cell === undefined || cell.type === 'empty', where).toBe(true);
    return;
  }
  expect(cell, where).toBeDefined();
  if (kind === 'time') {
    expect(cell!.type, where).toBe('n');
    expect(cell!.numFmt, where).toBe('yyyy-mm-dd hh:mm:ss');
    // The --tz wall-clock time the JSON shows, without its offset.
    const shown = serialToText(cell!.value as number);
    const expected = String(value).slice(0, 19).replace('T', ' ');
    if (slackMs === 0) expect(shown, where).toBe(expected);
    else expect(Math.abs(Date.parse(`${shown}Z`) - Date.parse(`${expected}Z`)), where).toBeLessThanOrEqual(slackMs);
    return;
  }
  if (Array.isArray(value)) {
    expect(cell!, where).toMatchObject({ type: 'inlineStr', value: value.join(',') });
    return;
  }
  switch (typeof value) {
    case 'string':
      // Line ends become "\n", as XML would make them anyway.
      expect(cell!, where).toMatchObject({ type: 'inlineStr', value: value.replace(/\r\n?/g, '\n') });
      break;
    case 'number':
      expect(cell!, where).toMatchObject({ type: 'n', value });
      expect(cell!.numFmt, where).toBe(kind === 'money' ? '0.00' : undefined);
      break;
    case 'boolean':
      expect(cell!, where).toMatchObject({ type: 'b', value });
      break;
    default:
      throw new Error(`unexpected JSON value at ${where}`);
  }
}

function expectSheet(
  sheet: XlsxSheet,
  rows: Row[],
  columns: readonly string[],
  hints: { money?: readonly string[]; time?: readonly string[]; slackMs?: number } = {},
): void {
  const kindOf = (key: string) => (hints.money?.includes(key) ? 'money' : hints.time?.includes(key) ? 'time' : 'plain');
  const header = sheet.rows[0]!;
  expect(header.map((c) => c!.value)).toEqual(columns.map((key) => (kindOf(key) === 'time' ? `${key} (${ZONE})` : key)));
  expect(header.every((c) => c!.bold && c!.type === 'inlineStr')).toBe(true);
  expect(sheet.frozen).toEqual({ state: 'frozen', ySplit: 1, topLeftCell: 'A2' });
  const lastColumn = String.fromCharCode(64 + columns.length);
  expect(sheet.autoFilter).toBe(`A1:${lastColumn}${rows.length + 1}`);
  // A column of the default width (9) has no <col> entry; every other one is sized within 6..60.
  const widths = sheet.widths.filter((w) => w !== undefined);
  expect(widths.length).toBeGreaterThan(columns.length / 2);
  for (const width of widths) expect(width >= 6 && width <= 60, `width ${width}`).toBe(true);
  expect(sheet.rows).toHaveLength(rows.length + 1);
  rows.forEach((row, r) => {
    columns.forEach((key, c) => expectCell(sheet.rows[r + 1]![c], row[key], kindOf(key), `row ${r + 1} ${key}`, hints.slackMs));
  });
}

describe('xlsx exports', () => {
  it('watch: every cell typed as its JSON value, ids and names as text, booleans as booleans', async () => {
    const { sheet, rows } = await exportBoth(['watch', 'sandbox-12'], 'watch.xlsx');
    expect(rows.length).toBeGreaterThan(0);
    expectSheet(sheet, rows, WATCH_COLUMNS);
    expect(sheet.rows.slice(1).some((r) => r[7]?.type === 'b')).toBe(true);
  });

  it('redpacks: money as numbers shown 0.00, created_at as a local date-time with the zone in the header', async () => {
    const money = ['amount', 'balance', 'received_amount'];
    const { sheet, rows } = await exportBoth(['redpacks', '--channel', ...CHANNELS], 'redpacks.xlsx');
    expectSheet(sheet, rows, RED_PACK_COLUMNS, { money, time: ['created_at'] });
    // A formula-looking nickname stays text: a spreadsheet never evaluates it.
    expect(sheet.rows.some((r) => r.some((c) => c?.type === 'inlineStr' && String(c.value).startsWith('=')))).toBe(true);
  });

  it('redpacks --receives, --summary, and --fields with --limit apply as for csv', async () => {
    const receives = await exportBoth(['redpacks', '--channel', ...CHANNELS, '--receives'], 'receives.xlsx');
    expectSheet(receives.sheet, receives.rows, RECEIVE_COLUMNS, { money: ['amount'], time: ['received_at'] });
    const summary = await exportBoth(['redpacks', '--channel', ...CHANNELS, '--summary'], 'summary.xlsx');
    expect(summary.rows).toHaveLength(2);
    expectSheet(summary.sheet, summary.rows, RED_PACK_SUMMARY_COLUMNS, { money: ['total_amount', 'total_balance', 'received_amount'] });
    const some = await exportBoth(['redpacks', '--channel', ...CHANNELS, '--fields', 'amount,red_pack_id,created_at', '--limit', '3'], 'some.xlsx');
    expect(some.rows).toHaveLength(3);
    expectSheet(some.sheet, some.rows, ['amount', 'red_pack_id', 'created_at'], { money: ['amount'], time: ['created_at'] });
  });

  it('rooms: room ids as text, the category list joined as text, created_at a date-time', async () => {
    const { sheet, rows } = await exportBoth(['rooms'], 'rooms.xlsx');
    expect(rows.some((r) => Array.isArray(r.category) && (r.category as unknown[]).length > 1)).toBe(true);
    expectSheet(sheet, rows, ROOM_COLUMNS, { time: ['created_at'] });
  });

  it('livings: living_start and reserve_start as local date-times, the rest typed as in JSON', async () => {
    const { sheet, rows } = await exportBoth(['livings', '--user', 'sandbox-anchor'], 'livings.xlsx');
    expect(rows.length).toBeGreaterThan(0);
    // A living still live started "just now" by the sandbox's clock, which moves between the two runs.
    expectSheet(sheet, rows, LIVING_COLUMNS, { time: ['living_start', 'reserve_start'], slackMs: 5000 });
  });

  it('a failed export leaves no partial workbook and keeps the old one', async () => {
    const file = join(outDir, 'kept.xlsx');
    writeFileSync(file, 'the previous export');
    const result = await runCli(['rooms', '--sandbox', '-q', '--room', 'room-02', 'no-such-room', '-o', file], { env: baseEnv(freshDir()) });
    expect(result.code).toBe(5);
    expect(readFileSync(file, 'utf8')).toBe('the previous export');
    expect(readdirSync(outDir).filter((name) => name.startsWith('.kept.xlsx'))).toEqual([]);
    const fresh = join(outDir, 'never.xlsx');
    expect((await runCli(['rooms', '--sandbox', '-q', '--room', 'no-such-room', '-o', fresh], { env: baseEnv(freshDir()) })).code).toBe(5);
    expect(existsSync(fresh)).toBe(false);
  });

  it('streams the workbook to a pipe with --format xlsx', async () => {
    const result = spawnSync(process.execPath, [BIN, 'watch', 'sandbox-3', '--sandbox', '-q', '--format', 'xlsx'], { cwd: ROOT, env: baseEnv(freshDir()) });
    expect(result.status, result.stderr.toString()).toBe(0);
    const sheets = readXlsx(new Uint8Array(result.stdout));
    expect(sheets[0]!.rows.length).toBeGreaterThan(1);
  });

  it.skipIf(!existsSync('/usr/bin/script'))('refuses --format xlsx on a terminal with a hint to use -o', () => {
    const command = [process.execPath, BIN, 'watch', 'sandbox-3', '--sandbox', '--format', 'xlsx'].map((a) => `'${a}'`).join(' ');
    const result = spawnSync('/usr/bin/script', ['-qec', command, '/dev/null'], { cwd: ROOT, env: baseEnv(freshDir()), timeout: 30_000 });
    const output = result.stdout.toString();
    expect(result.status, output).toBe(2);
    expect(output).toContain('terminal');
    expect(output).toContain('-o');
    expect(output).not.toContain('PK');
  });
});
