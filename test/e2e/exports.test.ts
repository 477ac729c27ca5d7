// End-to-end exports: watch, gifts, redpacks (and --receives) and livecount through bin/livestats.js in json, ndjson,
// csv, --excel and table, with --sandbox and against a sandbox started here; plus --fields, --limit, --summary,
// --tz, --from-file -, -o and zero rows. Every format is read back and compared with the JSON rows.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '../../src/sandbox/server.js';
import { baseEnv, makeConfigDir, mapLimit, runCli, sandboxedEnv, type CliResult } from './cli-runner.js';
import {
  fen,
  GIFT_COLUMNS,
  GIFT_SUMMARY_COLUMNS,
  isMoney,
  LIVECOUNT_COLUMNS,
  RECEIVE_COLUMNS,
  RED_PACK_COLUMNS,
  RED_PACK_SUMMARY_COLUMNS,
  WATCH_COLUMNS,
  WATCH_SUMMARY_COLUMNS,
  type Row,
} from './contract.js';
import { csvCell, excelCell, expectTableCell, parseCsv, parseNdjson, parseTable, yuanText } from './output-parsers.js';

type ExportName = 'watch' | 'gifts' | 'redpacks' | 'receives' | 'livecount';
type FormatName = 'json' | 'ndjson' | 'csv' | 'excel' | 'table';
type Mode = 'sandbox' | 'external';

interface ExportCase {
  args: readonly string[];
  columns: readonly string[];
  /** Columns holding yuan: the table shows them with two decimals. */
  money: readonly string[];
  /** Whether the table should end with a totals line (sums make sense for this export). */
  totals: boolean;
}

const ACCOUNTS = ['viewer_1024', '张伟', 'bob', 'alice', 'host_01'];
// sandbox-12 and sandbox-13 hold 12 and 13 red packs whose senders and receivers include quotes, commas,
// a formula and a carriage return: CSV quoting, --excel and the table all have something to do.
const CHANNELS = ['sandbox-12', 'sandbox-13'];

const EXPORTS: Record<ExportName, ExportCase> = {
  watch: { args: ['watch', 'sandbox-12'], columns: WATCH_COLUMNS, money: [], totals: true },
  gifts: { args: ['gifts', '--room', 'room-e2e', '--from', ...ACCOUNTS], columns: GIFT_COLUMNS, money: [], totals: true },
  redpacks: { args: ['redpacks', '--channel', ...CHANNELS], columns: RED_PACK_COLUMNS, money: ['amount', 'balance', 'received_amount'], totals: true },
  receives: { args: ['redpacks', '--channel', ...CHANNELS, '--receives'], columns: RECEIVE_COLUMNS, money: ['amount'], totals: true },
  livecount: { args: ['livecount', '--room', '1024'], columns: LIVECOUNT_COLUMNS, money: [], totals: false },
};
const NAMES = Object.keys(EXPORTS) as ExportName[];

const FORMATS: Record<FormatName, readonly string[]> = {
  json: ['--format', 'json'],
  ndjson: ['--format', 'ndjson'],
  csv: ['--format', 'csv'],
  excel: ['--excel'],
  table: ['--format', 'table'],
};
const FORMAT_NAMES = Object.keys(FORMATS) as FormatName[];
const MODES: readonly Mode[] = ['sandbox', 'external'];

const FORMULA_ACCOUNTS = ['=1+2', '+SUM(A1:A3)', '-3', '@cmd', 'plain'];

/** Further runs, all with --sandbox unless they say otherwise; read by label. */
const EXTRA: Record<string, { args: readonly string[]; input?: string; mode?: Mode }> = {
  watchTwo: { args: ['watch', 'sandbox-12', 'sandbox-30', '--json'] },
  watchTwoSummary: { args: ['watch', 'sandbox-12', 'sandbox-30', '--summary', '--json'] },
  watchTwoSummaryCsv: { args: ['watch', 'sandbox-12', 'sandbox-30', '--summary', '--csv'] },
  giftsSummary: { args: [...EXPORTS.gifts.args, '--summary', '--json'] },
  redpacksSummary: { args: [...EXPORTS.redpacks.args, '--summary', '--json'] },
  redpacksEmptySummary: { args: ['redpacks', '--channel', 'sandbox-0', 'sandbox-4', '--summary', '--json'] },
  redpacksFour: { args: ['redpacks', '--channel', 'sandbox-4', '--json'] },
  fieldsJson: { args: ['watch', 'sandbox-12', '--fields', 'watch_time_s,userid,living_id', '--json'] },
  fieldsCsv: { args: ['watch', 'sandbox-12', '--fields', 'watch_time_s,userid,living_id', '--csv'] },
  limit: { args: ['watch', 'sandbox-12', '--limit', '3', '--json'] },
  limitSummary: { args: ['watch', 'sandbox-12', 'sandbox-30', '--summary', '--limit', '1', '--json'] },
  shanghai: { args: ['redpacks', '--channel', 'sandbox-5', '--tz', 'Asia/Shanghai', '--json'] },
  utc: { args: ['redpacks', '--channel', 'sandbox-5', '--tz', 'UTC', '--json'] },
  shanghaiReceives: { args: ['redpacks', '--channel', 'sandbox-5', '--receives', '--tz', 'Asia/Shanghai', '--json'] },
  utcReceives: { args: ['redpacks', '--channel', 'sandbox-5', '--receives', '--tz', 'UTC', '--json'] },
  giftsStdin: { args: ['gifts', '--room', 'room-e2e', '--from-file', '-', '--json'], input: 'host_01\r\nalice\n\n  bob  \n张伟\nviewer_1024\nalice\n' },
  giftsExcel: { args: ['gifts', '--room', 'room-e2e', '--from-file', '-', '--excel'], input: `${FORMULA_ACCOUNTS.join('\n')}\n` },
  giftsCsv: { args: ['gifts', '--room', 'room-e2e', '--from-file', '-', '--csv'], input: `${FORMULA_ACCOUNTS.join('\n')}\n` },
  livecount1025: { args: ['livecount', '--room', '1025', '--json'] },
  livecount1026: { args: ['livecount', '--room', '1026', '--json'] },
  livecount1027: { args: ['livecount', '--room', '1027', '--json'] },
  livecount1025Csv: { args: ['livecount', '--room', '1025', '--csv'] },
  zeroJson: { args: ['watch', 'sandbox-0', '--json'] },
  zeroNdjson: { args: ['watch', 'sandbox-0', '--format', 'ndjson'] },
  zeroCsv: { args: ['watch', 'sandbox-0', '--csv'] },
  zeroExcel: { args: ['watch', 'sandbox-0', '--excel'] },
  zeroTable: { args: ['watch', 'sandbox-0', '--format', 'table'] },
  zeroRedpacks: { args: ['redpacks', '--channel', 'sandbox-0', '--json'] },
  zeroReceivesCsv: { args: ['redpacks', '--channel', 'sandbox-0', '--receives', '--csv'] },
};

let sandbox: RunningSandbox;
const configDirs: Array<{ dir: string; cleanup(): void }> = [];
const env = {} as Record<Mode, Record<string, string>>;
const results = new Map<string, CliResult>();
const extra = new Map<string, CliResult>();
let outDir: string;

const key = (name: ExportName, format: FormatName, mode: Mode): string => `${name}/${format}/${mode}`;

function run(args: readonly string[], mode: Mode, input?: string): Promise<CliResult> {
  return runCli(mode === 'sandbox' ? [...args, '--sandbox'] : args, { env: env[mode], input });
}

function result(name: ExportName, format: FormatName, mode: Mode = 'sandbox'): CliResult {
  const found = results.get(key(name, format, mode));
  if (!found) throw new Error(`no run for ${key(name, format, mode)}`);
  return found;
}

function extraResult(label: string): CliResult {
  const found = extra.get(label);
  if (!found) throw new Error(`no run labelled ${label}`);
  expect(found.stderr, `${label}: stderr`).toBe('');
  expect(found.code, `${label}: exit code`).toBe(0);
  return found;
}

function jsonOf(text: string): Row[] {
  const parsed: unknown = JSON.parse(text);
  expect(Array.isArray(parsed)).toBe(true);
  return parsed as Row[];
}

const rowsOf = (name: ExportName, mode: Mode = 'sandbox'): Row[] => jsonOf(result(name, 'json', mode).stdout);

beforeAll(async () => {
  sandbox = await startSandbox();
  const own = makeConfigDir();
  const external = makeConfigDir();
  configDirs.push(own, external);
  env.sandbox = baseEnv(own.dir);
  env.external = sandboxedEnv(external.dir, sandbox);
  outDir = mkdtempSync(join(tmpdir(), 'livestats-e2e-out-'));

  const jobs: Array<{ label: string; args: readonly string[]; mode: Mode; input?: string; matrix: boolean }> = [];
  for (const name of NAMES) {
    for (const format of FORMAT_NAMES) {
      for (const mode of MODES) jobs.push({ label: key(name, format, mode), args: [...EXPORTS[name].args, ...FORMATS[format]], mode, matrix: true });
    }
  }
  for (const [label, spec] of Object.entries(EXTRA)) jobs.push({ label, args: spec.args, mode: spec.mode ?? 'sandbox', input: spec.input, matrix: false });
  jobs.push({ label: 'outCsv', args: ['watch', 'sandbox-12', '-o', join(outDir, 'viewers.csv')], mode: 'sandbox', matrix: false });
  jobs.push({ label: 'outJsonl', args: ['watch', 'sandbox-12', '-o', join(outDir, 'viewers.jsonl')], mode: 'sandbox', matrix: false });
  jobs.push({ label: 'outForced', args: ['watch', 'sandbox-12', '-o', join(outDir, 'forced.txt'), '--format', 'json'], mode: 'sandbox', matrix: false });

  const done = await mapLimit(jobs, 4, (job) => run(job.args, job.mode, job.input));
  jobs.forEach((job, i) => (job.matrix ? results : extra).set(job.label, done[i] as CliResult));
}, 180_000);

afterAll(async () => {
  await sandbox?.close();
  for (const dir of configDirs) dir.cleanup();
  if (outDir) rmSync(outDir, { recursive: true, force: true });
});

const TIMESTAMP_SHANGHAI = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?\+08:00$/;
const TIMESTAMP_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?(Z|\+00:00)$/;

const isText = (value: unknown): boolean => typeof value === 'string' && value !== '';
const isTextOrNull = (value: unknown): boolean => value === null || isText(value);
const isCount = (value: unknown): boolean => typeof value === 'number' && Number.isInteger(value) && value >= 0;

/** What each export's JSON rows must hold, beyond the column order checked for all. */
const ROW_CHECKS: Record<ExportName, (rows: Row[]) => void> = {
  watch(rows) {
    expect(rows).toHaveLength(12);
    for (const row of rows) {
      expect(row.living_id).toBe('sandbox-12');
      expect(['member', 'external']).toContain(row.viewer_type);
      if (row.viewer_type === 'member') {
        expect(isText(row.userid), JSON.stringify(row)).toBe(true);
        expect(row.external_userid).toBeNull();
        expect(row.external_type).toBeNull();
      } else {
        expect(row.userid).toBeNull();
        expect(isText(row.external_userid), JSON.stringify(row)).toBe(true);
        expect(['wechat', 'wecom']).toContain(row.external_type);
        expect(isText(row.name)).toBe(true);
      }
      expect(isTextOrNull(row.name)).toBe(true);
      expect(isCount(row.watch_time_s)).toBe(true);
      expect(typeof row.is_comment).toBe('boolean');
      expect(typeof row.is_mic).toBe('boolean');
      expect(isTextOrNull(row.invitor_userid)).toBe(true);
      expect(isTextOrNull(row.invitor_external_userid)).toBe(true);
    }
    expect(new Set(rows.map((r) => r.viewer_type))).toEqual(new Set(['member', 'external']));
    const ids = rows.map((r) => r.userid ?? r.external_userid);
    expect(new Set(ids).size).toBe(rows.length);
  },
  gifts(rows) {
    expect(rows.map((r) => r.from_account)).toEqual(ACCOUNTS);
    for (const row of rows) {
      expect(row.room_id).toBe('room-e2e');
      for (const column of ['total_count', 'total_coins', 'gift_sender_count'] as const) expect(isCount(row[column]), column).toBe(true);
      expect(row.sequence === null || isCount(row.sequence)).toBe(true);
      expect(row.gift_sender_count as number).toBeLessThanOrEqual(row.total_count as number);
      if (row.total_count === 0) expect(row.total_coins).toBe(0);
    }
  },
  redpacks(rows) {
    expect(rows.map((r) => r.channel_id)).toEqual([...Array<string>(12).fill('sandbox-12'), ...Array<string>(13).fill('sandbox-13')]);
    expect(new Set(rows.map((r) => r.red_pack_id)).size).toBe(rows.length);
    for (const row of rows) {
      expect(isText(row.red_pack_id)).toBe(true);
      expect(isText(row.session_id)).toBe(true);
      expect(row.created_at).toMatch(TIMESTAMP_SHANGHAI);
      for (const column of ['amount', 'balance', 'received_amount'] as const) expect(isMoney(row[column]), `${column} ${String(row[column])}`).toBe(true);
      expect(isCount(row.receive_count)).toBe(true);
      // Every fen of a red pack is either still in it or was received.
      expect(fen(row.amount)).toBe(fen(row.balance) + fen(row.received_amount));
      for (const column of ['red_pack_type', 'allot_type', 'status', 'sender_userid', 'sender_nickname'] as const) {
        expect(isTextOrNull(row[column]), column).toBe(true);
      }
    }
  },
  receives(rows) {
    const packs = rowsOf('redpacks');
    expect(rows).toHaveLength(packs.reduce((sum, p) => sum + (p.receive_count as number), 0));
    const packIds = new Set(packs.map((p) => p.red_pack_id));
    for (const row of rows) {
      expect(packIds.has(row.red_pack_id)).toBe(true);
      expect(isMoney(row.amount) && (row.amount as number) > 0, String(row.amount)).toBe(true);
      expect(row.received_at).toMatch(TIMESTAMP_SHANGHAI);
      expect(isText(row.receiver_userid)).toBe(true);
      expect(row.receiver_avatar).toMatch(/^https:\/\//);
    }
  },
  livecount(rows) {
    expect(rows).toHaveLength(1);
    expectLiveCountRow(rows[0] as Row, 1024);
  },
};

function expectLiveCountRow(row: Row, room: number): void {
  expect(Object.keys(row)).toEqual([...LIVECOUNT_COLUMNS]);
  // An id, so a string like every other export's ids.
  expect(row.room_id).toBe(String(room));
  for (const column of LIVECOUNT_COLUMNS.filter((c) => c !== 'room_id')) expect(isCount(row[column]), `${column}: ${JSON.stringify(row[column])}`).toBe(true);
  const brands = ['shell', 'henghu', 'xianfeng', 'jijing'];
  // The flattened live_oders object: its totals are the sums of the four brands.
  expect(row.order_total).toBe(brands.reduce((sum, b) => sum + (row[`${b}_amount`] as number), 0));
  expect(row.order_target_total).toBe(brands.reduce((sum, b) => sum + (row[`${b}_target`] as number), 0));
}

function expectCsv(text: string, excel: boolean, columns: readonly string[], rows: readonly Row[], money: readonly string[] = []): void {
  expect(text.startsWith('\uFEFF'), 'byte order mark only with --excel').toBe(excel);
  const { records, endings } = parseCsv(excel ? text.slice(1) : text);
  expect([...new Set(endings)]).toEqual([excel ? '\r\n' : '\n']);
  expect(records[0]).toEqual([...columns]);
  const cell = excel ? excelCell : csvCell;
  // Money is text with two decimals in CSV (12.30), a number in JSON.
  const show = (row: Row, c: string): string => (money.includes(c) && typeof row[c] === 'number' ? yuanText(fen(row[c])) : cell(row[c]));
  expect(records.slice(1)).toEqual(rows.map((row) => columns.map((c) => show(row, c))));
}

function expectTable(name: ExportName, text: string, rows: readonly Row[]): void {
  const { columns, money, totals } = EXPORTS[name];
  const { groups } = parseTable(text);
  if (groups.length === 1) {
    // A single record may be shown as key/value lines.
    expect(rows).toHaveLength(1);
    expect(groups[0]!.map((line) => line[0])).toEqual([...columns]);
    for (const line of groups[0]!) expectTableCell(line[1] ?? '', (rows[0] as Row)[line[0] as string], money.includes(line[0] as string), line[0] as string);
    return;
  }
  const [head, body, foot] = groups as [string[][], string[][], string[][] | undefined];
  expect(head).toEqual([[...columns]]);
  expect(body).toHaveLength(rows.length);
  body.forEach((cells, i) => {
    expect(cells).toHaveLength(columns.length);
    columns.forEach((column, j) => expectTableCell(cells[j] as string, (rows[i] as Row)[column], money.includes(column), `row ${i} ${column}`));
  });
  expect(groups).toHaveLength(totals ? 3 : 2);
  if (!foot) return;
  expect(foot).toHaveLength(1);
  const line = foot[0] as string[];
  expect(line[0]).toBe('total');
  const summed = columns.flatMap((column, j) => (j > 0 && line[j] !== '' ? [column] : []));
  expect(summed.length).toBeGreaterThan(0);
  for (const column of summed) {
    const values = rows.map((r) => r[column]);
    expect(values.every((v) => typeof v === 'number'), `${column} is numeric`).toBe(true);
    const expected = money.includes(column)
      ? yuanText(values.reduce<number>((sum, v) => sum + fen(v), 0))
      : String(values.reduce<number>((sum, v) => sum + (v as number), 0));
    expect(line[columns.indexOf(column)], `total of ${column}`).toBe(expected);
  }
}

describe.each(NAMES)('%s', (name) => {
  it('exits 0 in every format and mode with nothing on stderr (no spinner when stdout is not a terminal)', () => {
    for (const format of FORMAT_NAMES) {
      for (const mode of MODES) {
        const { code, stderr, stdout } = result(name, format, mode);
        expect({ format, mode, code, stderr }).toEqual({ format, mode, code: 0, stderr: '' });
        expect(stdout.length, `${format}/${mode} wrote data`).toBeGreaterThan(0);
      }
    }
  });

  it('json: one array of objects with the contract columns in order and typed values', () => {
    const rows = rowsOf(name);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(Object.keys(row)).toEqual([...EXPORTS[name].columns]);
    ROW_CHECKS[name](rows);
  });

  it('ndjson: one object per line, the same rows as json', () => {
    expect(parseNdjson(result(name, 'ndjson').stdout)).toEqual(rowsOf(name));
  });

  it('csv: header first, LF line ends, RFC 4180 cells equal to the json values', () => {
    expectCsv(result(name, 'csv').stdout, false, EXPORTS[name].columns, rowsOf(name), EXPORTS[name].money);
  });

  it('--excel: byte order mark, CRLF, formula-like text prefixed with a quote, numbers untouched', () => {
    expectCsv(result(name, 'excel').stdout, true, EXPORTS[name].columns, rowsOf(name), EXPORTS[name].money);
  });

  it('table (asked for off a terminal): every row and column of the json, with a consistent totals line', () => {
    expectTable(name, result(name, 'table').stdout, rowsOf(name));
  });

  it('an external sandbox (settings from the environment) gives byte-identical output to --sandbox in every format', () => {
    for (const format of FORMAT_NAMES) {
      expect(result(name, format, 'external').stdout, format).toBe(result(name, format, 'sandbox').stdout);
    }
  });
});

describe('redpacks money', () => {
  it('received_amount and receive_count of each red pack match its receipts from --receives, summed in fen', () => {
    const receipts = rowsOf('receives');
    for (const pack of rowsOf('redpacks')) {
      const mine = receipts.filter((r) => r.red_pack_id === pack.red_pack_id);
      expect(mine, String(pack.red_pack_id)).toHaveLength(pack.receive_count as number);
      expect(fen(pack.received_amount)).toBe(mine.reduce((sum, r) => sum + fen(r.amount), 0));
      for (const receipt of mine) {
        expect(receipt.channel_id).toBe(pack.channel_id);
        expect(receipt.session_id).toBe(pack.session_id);
        expect(receipt.red_pack_type).toBe(pack.red_pack_type);
      }
    }
  });

  it('--tz Asia/Shanghai writes +08:00 and --tz UTC writes UTC, for the same instants', () => {
    for (const [local, utc, column] of [
      ['shanghai', 'utc', 'created_at'],
      ['shanghaiReceives', 'utcReceives', 'received_at'],
    ] as const) {
      const a = jsonOf(extraResult(local).stdout);
      const b = jsonOf(extraResult(utc).stdout);
      expect(a.length).toBeGreaterThan(0);
      expect(b).toHaveLength(a.length);
      a.forEach((row, i) => {
        const other = b[i] as Row;
        expect(row[column]).toMatch(TIMESTAMP_SHANGHAI);
        expect(other[column]).toMatch(TIMESTAMP_UTC);
        expect(Date.parse(other[column] as string)).toBe(Date.parse(row[column] as string));
        expect({ ...other, [column]: null }).toEqual({ ...row, [column]: null });
      });
    }
  });
});

describe('redpacks filters', () => {
  it('--session and --since/--until (date-times with an offset, --until exclusive as the contract says) give exactly the matching red packs', async () => {
    const all = rowsOf('redpacks').filter((r) => r.channel_id === 'sandbox-12');
    const session = (all[5] as Row).session_id as string;
    const since = new Date(Date.parse((all[1] as Row).created_at as string) + 1000).toISOString();
    const until = (all[9] as Row).created_at as string;
    const [bySession, byTime] = await Promise.all([
      run(['redpacks', '--channel', 'sandbox-12', '--session', session, '--json'], 'sandbox'),
      run(['redpacks', '--channel', 'sandbox-12', '--since', since, '--until', until, '--json'], 'sandbox'),
    ]);
    expect(bySession.code, bySession.stderr).toBe(0);
    expect(byTime.code, byTime.stderr).toBe(0);
    const inSession = all.filter((r) => r.session_id === session);
    expect(inSession.length).toBeGreaterThan(0);
    expect(jsonOf(bySession.stdout)).toEqual(inSession);
    const t = (r: Row): number => Date.parse(r.created_at as string);
    expect(jsonOf(byTime.stdout)).toEqual(all.filter((r) => t(r) >= Date.parse(since) && t(r) < Date.parse(until)));
    // all[2] to all[8]: the red pack sent at exactly the --until instant is left out.
    expect(jsonOf(byTime.stdout)).toHaveLength(7);
  });
});

describe('--summary', () => {
  it('watch: one row per living with viewers, members, watch time, commenters and mic users of its detail rows', () => {
    const detail = jsonOf(extraResult('watchTwo').stdout);
    const summary = jsonOf(extraResult('watchTwoSummary').stdout);
    expect(summary.map((s) => Object.keys(s))).toEqual([[...WATCH_SUMMARY_COLUMNS], [...WATCH_SUMMARY_COLUMNS]]);
    expect(summary.map((s) => s.living_id)).toEqual(['sandbox-12', 'sandbox-30']);
    for (const s of summary) {
      const mine = detail.filter((r) => r.living_id === s.living_id);
      const total = mine.reduce((sum, r) => sum + (r.watch_time_s as number), 0);
      expect(s).toEqual({
        living_id: s.living_id,
        viewers: mine.length,
        members: mine.filter((r) => r.viewer_type === 'member').length,
        external_viewers: mine.filter((r) => r.viewer_type === 'external').length,
        total_watch_time_s: total,
        avg_watch_time_s: s.avg_watch_time_s,
        commenters: mine.filter((r) => r.is_comment === true).length,
        mic_users: mine.filter((r) => r.is_mic === true).length,
      });
      expect(Math.abs((s.avg_watch_time_s as number) - total / mine.length)).toBeLessThanOrEqual(0.5);
    }
    expect(summary.map((s) => s.viewers)).toEqual([12, 30]);
    expectCsv(extraResult('watchTwoSummaryCsv').stdout, false, WATCH_SUMMARY_COLUMNS, summary);
  });

  it('gifts: accounts and totals of the detail rows', () => {
    const detail = rowsOf('gifts');
    expect(jsonOf(extraResult('giftsSummary').stdout)).toEqual([
      {
        room_id: 'room-e2e',
        accounts: ACCOUNTS.length,
        total_count: detail.reduce((sum, r) => sum + (r.total_count as number), 0),
        total_coins: detail.reduce((sum, r) => sum + (r.total_coins as number), 0),
      },
    ]);
    expect(Object.keys(jsonOf(extraResult('giftsSummary').stdout)[0] as Row)).toEqual([...GIFT_SUMMARY_COLUMNS]);
  });

  it('redpacks: per channel, red packs, money in fen, receives and unique receivers of the detail rows', () => {
    const packs = rowsOf('redpacks');
    const receipts = rowsOf('receives');
    const summary = jsonOf(extraResult('redpacksSummary').stdout);
    expect(summary.map((s) => Object.keys(s))).toEqual(CHANNELS.map(() => [...RED_PACK_SUMMARY_COLUMNS]));
    expect(summary).toEqual(
      CHANNELS.map((channel) => {
        const mine = packs.filter((p) => p.channel_id === channel);
        const sum = (column: string): number => mine.reduce((total, p) => total + fen(p[column]), 0) / 100;
        return {
          channel_id: channel,
          red_packs: mine.length,
          total_amount: sum('amount'),
          total_balance: sum('balance'),
          receives: mine.reduce((total, p) => total + (p.receive_count as number), 0),
          unique_receivers: new Set(receipts.filter((r) => r.channel_id === channel).map((r) => r.receiver_userid)).size,
          received_amount: sum('received_amount'),
        };
      }),
    );
  });

  it('a channel with no red packs still gets its row, of zeros', () => {
    const four = jsonOf(extraResult('redpacksFour').stdout);
    expect(jsonOf(extraResult('redpacksEmptySummary').stdout)).toEqual([
      { channel_id: 'sandbox-0', red_packs: 0, total_amount: 0, total_balance: 0, receives: 0, unique_receivers: 0, received_amount: 0 },
      expect.objectContaining({ channel_id: 'sandbox-4', red_packs: 4, receives: four.reduce((t, p) => t + (p.receive_count as number), 0) }),
    ]);
  });

  it('--limit counts summary rows', () => {
    expect(jsonOf(extraResult('limitSummary').stdout)).toEqual([jsonOf(extraResult('watchTwoSummary').stdout)[0]]);
  });
});

describe('--fields and --limit', () => {
  it('--fields chooses and orders the columns in json and csv', () => {
    const full = rowsOf('watch');
    const chosen = jsonOf(extraResult('fieldsJson').stdout);
    expect(chosen).toEqual(full.map((r) => ({ watch_time_s: r.watch_time_s, userid: r.userid, living_id: r.living_id })));
    for (const row of chosen) expect(Object.keys(row)).toEqual(['watch_time_s', 'userid', 'living_id']);
    expectCsv(extraResult('fieldsCsv').stdout, false, ['watch_time_s', 'userid', 'living_id'], chosen);
  });

  it('--limit 3 gives the first three rows', () => {
    expect(jsonOf(extraResult('limit').stdout)).toEqual(rowsOf('watch').slice(0, 3));
  });

  it('--limit stops after the first page: a 2500-viewer living costs one get_watch_stat call, not three', async () => {
    const before = sandbox.stats.requests.get_watch_stat;
    const limited = await run(['watch', 'sandbox-2500', '--limit', '5', '--json'], 'external');
    expect(limited.code, limited.stderr).toBe(0);
    const rows = jsonOf(limited.stdout);
    expect(rows).toHaveLength(5);
    expect(rows.every((r) => r.living_id === 'sandbox-2500')).toBe(true);
    expect(sandbox.stats.requests.get_watch_stat - before).toBe(1);
  });
});

describe('gifts --limit', () => {
  // One row per account, so --limit n needs n calls: without the cut in src/commands/gifts.ts the pool would
  // start up to its concurrency (100) calls whatever --limit says.
  it('--limit 2 over eight accounts calls get_gift_count twice and prints the first two accounts', async () => {
    const accounts = ['a1', 'a2', 'a3', 'a4', 'a5', 'a6', 'a7', 'a8'];
    const before = sandbox.stats.requests.get_gift_count;
    const limited = await run(['gifts', '--room', 'room-e2e', '--from', ...accounts, '--limit', '2', '--json'], 'external');
    expect(limited.code, limited.stderr).toBe(0);
    expect(jsonOf(limited.stdout).map((r) => r.from_account)).toEqual(['a1', 'a2']);
    expect(sandbox.stats.requests.get_gift_count - before).toBe(2);
  });
});

describe('gifts accounts', () => {
  it('--from-file - reads standard input: trimmed, blank lines and duplicates dropped, order kept', () => {
    const byAccount = new Map(rowsOf('gifts').map((r) => [r.from_account, r]));
    const rows = jsonOf(extraResult('giftsStdin').stdout);
    expect(rows.map((r) => r.from_account)).toEqual(['host_01', 'alice', 'bob', '张伟', 'viewer_1024']);
    for (const row of rows) expect(row).toEqual(byAccount.get(row.from_account));
  });

  it('--excel neutralises formula-like account names; plain --csv keeps them exact', () => {
    const excel = parseCsv(extraResult('giftsExcel').stdout.replace(/^\uFEFF/, '')).records;
    const plain = parseCsv(extraResult('giftsCsv').stdout).records;
    expect(excel.slice(1).map((r) => r[1])).toEqual(["'=1+2", "'+SUM(A1:A3)", "'-3", "'@cmd", 'plain']);
    expect(plain.slice(1).map((r) => r[1])).toEqual(FORMULA_ACCOUNTS);
    // Only the text cell changes: the numbers are the same in both.
    expect(excel.slice(1).map((r) => [r[0], ...r.slice(2)])).toEqual(plain.slice(1).map((r) => [r[0], ...r.slice(2)]));
    for (const record of excel.slice(1)) expect(record.slice(2, 5).every((cell) => /^\d+$/.test(cell))).toBe(true);
  });
});

describe('livecount spellings', () => {
  it('camelCase (even rooms) and snake_case (odd rooms) answers give the same columns, all filled', () => {
    const rooms: Array<[string, number]> = [
      ['livecount1025', 1025],
      ['livecount1026', 1026],
      ['livecount1027', 1027],
    ];
    for (const [label, room] of rooms) {
      const rows = jsonOf(extraResult(label).stdout);
      expect(rows).toHaveLength(1);
      expectLiveCountRow(rows[0] as Row, room);
    }
    const csv = parseCsv(extraResult('livecount1025Csv').stdout).records;
    expect(csv[0]).toEqual(parseCsv(result('livecount', 'csv').stdout).records[0]);
    expect(csv[1]).toEqual(LIVECOUNT_COLUMNS.map((c) => csvCell((jsonOf(extraResult('livecount1025').stdout)[0] as Row)[c])));
  });
});

describe('-o', () => {
  it('writes the file in the format of its extension (unless --format is given), nothing to stdout, no temporary file left', () => {
    const csv = extraResult('outCsv');
    const jsonl = extraResult('outJsonl');
    expect(csv.stdout).toBe('');
    expect(jsonl.stdout).toBe('');
    expect(readFileSync(join(outDir, 'viewers.csv'), 'utf8')).toBe(result('watch', 'csv').stdout);
    expect(readFileSync(join(outDir, 'viewers.jsonl'), 'utf8')).toBe(result('watch', 'ndjson').stdout);
    // --format decides for an extension that names no format.
    expect(extraResult('outForced').stdout).toBe('');
    expect(readFileSync(join(outDir, 'forced.txt'), 'utf8')).toBe(result('watch', 'json').stdout);
    // No temporary file is left beside the targets.
    expect(readdirSync(outDir).sort()).toEqual(['forced.txt', 'viewers.csv', 'viewers.jsonl']);
  });
});

describe('zero rows', () => {
  it('exit 0 with [] in json, nothing in ndjson, the header alone in csv, and no table rows', () => {
    expect(JSON.parse(extraResult('zeroJson').stdout)).toEqual([]);
    expect(extraResult('zeroJson').stdout.trim()).toBe('[]');
    expect(extraResult('zeroNdjson').stdout).toBe('');
    expect(extraResult('zeroCsv').stdout).toBe(`${WATCH_COLUMNS.join(',')}\n`);
    expect(extraResult('zeroExcel').stdout).toBe(`\uFEFF${WATCH_COLUMNS.join(',')}\r\n`);
    const table = extraResult('zeroTable').stdout;
    expect(table.trim().length).toBeGreaterThan(0);
    // At most a header line: no row is drawn.
    expect(table.split('\n').filter((line) => line.startsWith('│')).length).toBeLessThanOrEqual(1);
    expect(JSON.parse(extraResult('zeroRedpacks').stdout)).toEqual([]);
    expect(extraResult('zeroReceivesCsv').stdout).toBe(`${RECEIVE_COLUMNS.join(',')}\n`);
  });
});
