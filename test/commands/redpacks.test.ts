// `livestats redpacks`: options checked before any setting or request, --dry-run, and the plan handed to the
// export runner (detail rows, --receives, --summary). The runner is replaced by a collector so these tests
// are about this command, not about the sinks; one test runs the real runner to check the JSON end to end.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { parseGlobalOptions, type RawGlobalOptions } from '../../src/cli/global-options.js';
import { chooseColumns, runExport, type SummarySpec } from '../../src/export/runner.js';
import { run } from '../../src/commands/redpacks.js';
import { ExitCode, type CliError } from '../../src/errors.js';
import type { CellValue } from '../../src/output/columns.js';
import { capturingRunner, runCli } from '../helpers/cli.js';
import { APP_SECRET, polyvHarness, type PolyvHarness } from '../providers/polyv/harness.js';

vi.mock('../../src/export/runner.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../src/export/runner.js')>();
  return { ...actual, runExport: vi.fn() };
});

let h: PolyvHarness | undefined;
let exported: Array<Record<string, CellValue>>;

beforeEach(() => {
  exported = [];
  vi.mocked(runExport).mockImplementation(async (_ctx, global, plan) => {
    const columns = chooseColumns(plan, global);
    const rows: unknown[] = [];
    for await (const page of plan.pages) rows.push(...page);
    const out = global.summary && plan.summary ? summarise(rows, plan.summary) : rows;
    exported.push(...out.map((row) => Object.fromEntries(columns.map((c) => [c.key, c.value(row)]))));
  });
});

afterEach(async () => {
  h?.agent.assertNoPendingInterceptors();
  await h?.close();
  h = undefined;
});

function summarise(rows: unknown[], spec: SummarySpec<unknown, unknown, unknown>): unknown[] {
  const accs = new Map(spec.inputs.map((input) => [input, spec.create(input)]));
  for (const row of rows) spec.add(accs.get(spec.keyOf(row)), row);
  return [...accs.values()].map((acc) => spec.finish(acc));
}

async function redpacks(options: Record<string, unknown>, raw: RawGlobalOptions = {}, settings?: Record<string, string>) {
  h = await polyvHarness({ settings });
  const global = parseGlobalOptions({ json: true, tz: 'Asia/Shanghai', ...raw }, h.ctx.env, false);
  return run(h.ctx, { args: [], options, global });
}

async function exitCodeOf(promise: Promise<unknown>): Promise<number | undefined> {
  return promise.then(
    () => undefined,
    (e: unknown) => (e as CliError).exitCode,
  );
}

function replyThreePages(): void {
  h!.reply('page-1-of-3', { page: 1, channel: '2812610' });
  h!.reply('page-2-of-3', { page: 2, channel: '2812610' });
  h!.reply('page-3-of-3', { page: 3, channel: '2812610' });
  h!.reply('empty', { channel: '100' });
}

describe('redpacks options', () => {
  it.each([
    [{ channel: ['2812610'], since: 'last tuesday' }, /--since: cannot read "last tuesday"/],
    [{ channel: ['2812610'], since: '2026-11-02', until: '2026-11-01' }, /--since .* is after --until/],
    [{ channel: ['2812610'], session: '  ' }, /--session needs a session id/],
    [{ channel: [' , '] }, /--channel needs at least one channel id/],
    [{}, /redpacks needs --channel/],
  ])('refuses %j with exit 2 before reading any setting', async (options, message) => {
    const error = await redpacks(options, {}, { 'polyv.appId': '', 'polyv.appSecret': '' }).catch((e: unknown) => e as CliError);
    expect(error?.exitCode).toBe(ExitCode.usage);
    expect(error?.message).toMatch(message);
  });

  it('checks --fields against the columns of the chosen mode before reading settings', async () => {
    const error = await redpacks({ channel: ['2812610'], receives: true }, { fields: 'red_pack_id,balance' }, { 'polyv.appSecret': '' }).catch(
      (e: unknown) => e as CliError,
    );
    expect(error?.exitCode).toBe(ExitCode.usage);
    expect(error?.hint).toContain('receiver_userid');
  });

  it('is a configuration error (exit 3) without polyv.appSecret', async () => {
    expect(await exitCodeOf(redpacks({ channel: ['2812610'] }, {}, { 'polyv.appSecret': '' }))).toBe(ExitCode.config);
  });

  it('exits 2 through the real command line on a bad --until', async () => {
    const { runner, calls } = capturingRunner((_name, input, ctx) => run(ctx, input));
    const result = await runCli(['redpacks', '--channel', '2812610', '2812611', '--until', '2026-11-31'], {}, runner);
    expect(calls[0]?.input.options.channel).toEqual(['2812610', '2812611']);
    expect(result.code).toBe(ExitCode.usage);
    expect(result.stderr).toContain('--until: cannot read "2026-11-31"');
  });
});

describe('redpacks --dry-run', () => {
  it('prints the first request of each channel with the sign redacted and sends nothing', async () => {
    await redpacks({ channel: ['2812610', '100'], since: '2026-11-01', session: 'g8h352spmc' }, { dryRun: true });
    const lines = h!.ctx.out.text.trim().split(/\n+/);
    expect(lines).toHaveLength(2);
    for (const [i, channel] of ['2812610', '100'].entries()) {
      const [method, url] = lines[i]!.split(' ') as [string, string];
      expect(method).toBe('GET');
      expect(url).toContain('https://api.polyv.net/live/v4/channel/red-pack/statistics/list?');
      expect(url).toContain(`channelId=${channel}`);
      expect(url).toMatch(/pageNumber=1&pageSize=1000/);
      expect(url).toContain(`startTime=${Date.UTC(2026, 9, 31, 16)}`);
      expect(url).toContain('sign=[REDACTED]');
    }
    expect(h!.ctx.out.text).not.toContain(APP_SECRET);
    expect(h!.requests).toHaveLength(0);
    expect(runExport).not.toHaveBeenCalled();
  });
});

describe('redpacks export', () => {
  it('writes one row per red pack, channels in input order, pages in page order', async () => {
    h = await polyvHarness();
    replyThreePages();
    const global = parseGlobalOptions({ json: true, tz: 'UTC', concurrency: '2' }, h.ctx.env, false);
    await run(h.ctx, { args: [], options: { channel: ['2812610', '100'] }, global });
    expect(exported.map((r) => r.red_pack_id)).toEqual([0, 1, 2, 3, 4].map((n) => `a${n + 1}c0e6f0b7d54c1f9e2a3b4c5d6e7f8${n}`));
    expect(exported[0]).toMatchObject({ channel_id: '2812610', created_at: '2026-01-09T00:00:00+00:00', amount: 10, received_amount: 10 });
    expect(exported[4]).toMatchObject({ session_id: null, sender_nickname: null, received_amount: 0.3 });
  });

  it('--receives writes one row per receipt', async () => {
    h = await polyvHarness();
    replyThreePages();
    const global = parseGlobalOptions({ json: true, tz: 'Asia/Shanghai' }, h.ctx.env, false);
    await run(h.ctx, { args: [], options: { channel: ['2812610', '100'], receives: true }, global });
    expect(exported).toHaveLength(7);
    expect(Object.keys(exported[0]!)).toEqual([
      'channel_id', 'session_id', 'red_pack_id', 'red_pack_type', 'receiver_userid', 'receiver_nickname', 'receiver_avatar', 'amount', 'received_at',
    ]);
    expect(exported[0]).toMatchObject({ receiver_nickname: '神经蛙', amount: 6.66, received_at: '2026-01-09T08:00:12+08:00' });
    expect(exported.map((r) => r.receiver_nickname)).toContain(null);
  });

  it('streams typed JSON through the real export runner', async () => {
    const actual = await vi.importActual<typeof import('../../src/export/runner.js')>('../../src/export/runner.js');
    vi.mocked(runExport).mockImplementationOnce(actual.runExport);
    h = await polyvHarness();
    h.reply('seed-success');
    const global = parseGlobalOptions({ json: true, tz: 'Asia/Shanghai', fields: 'channel_id,created_at,amount,session_id' }, h.ctx.env, false);
    await run(h.ctx, { args: [], options: { channel: ['2812610'] }, global });
    expect(JSON.parse(h.ctx.out.text)).toEqual([
      { channel_id: '2812610', created_at: '2022-04-02T10:40:34+08:00', amount: 0.98, session_id: 'g8h352spmc' },
    ]);
  });

  it.each([false, true])('--summary gives one row per channel (with --receives: %s)', async (receives) => {
    h = await polyvHarness();
    replyThreePages();
    const global = parseGlobalOptions({ json: true, summary: true }, h.ctx.env, false);
    await run(h.ctx, { args: [], options: { channel: ['2812610', '100'], receives }, global });
    expect(exported).toEqual([
      { channel_id: '2812610', red_packs: 5, total_amount: 18.3, total_balance: 6.5, receives: 7, unique_receivers: 4, received_amount: 11.8 },
      { channel_id: '100', red_packs: 0, total_amount: 0, total_balance: 0, receives: 0, unique_receivers: 0, received_amount: 0 },
    ]);
  });
});
