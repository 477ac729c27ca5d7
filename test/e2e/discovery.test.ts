// `livings` and `watch --user` through bin/livestats.js against the sandbox: the list's cursor pages, the
// window read in two zones, watch --user rows equal to watch <ids>, --state runs, and --dry-run redaction.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SANDBOX_CREDENTIALS } from '../../src/sandbox/credentials.js';
import { startSandbox, type RunningSandbox } from '../../src/sandbox/server.js';
import { baseEnv, BIN, configDirPool, runCli, sandboxedEnv, STACK_FRAME } from './cli-runner.js';
import { LIVING_COLUMNS } from './contract.js';
import { parseCsv } from './output-parsers.js';

type Row = Record<string, unknown>;

const { freshDir, cleanupConfigDirs } = configDirPool();
// A sandbox whose clock reads 2026-01-15T08:00Z when it starts and then runs on: the days before it are fixed.
const PINNED = Date.UTC(2026, 0, 15, 8, 0, 0);
let pinned: RunningSandbox;
let work: string;

beforeAll(async () => {
  const started = Date.now();
  pinned = await startSandbox({ now: () => PINNED + (Date.now() - started) });
  work = mkdtempSync(join(tmpdir(), 'livestats-discovery-'));
});
afterAll(async () => {
  await pinned.close();
  rmSync(work, { recursive: true, force: true });
  cleanupConfigDirs();
});

async function json(args: readonly string[], env: Record<string, string> = baseEnv(freshDir())): Promise<Row[]> {
  const result = await runCli([...args, '--json'], { env });
  expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: '' });
  return JSON.parse(result.stdout) as Row[];
}

const ids = (rows: readonly Row[]): unknown[] => rows.map((r) => r.living_id);

describe('livings', () => {
  it('reads every cursor page of a member with 250 livings (3 pages at limit 100) and each living once, in start order', async () => {
    pinned.resetStats();
    const rows = await json(['livings', '--user', 'sandbox-anchor-250'], sandboxedEnv(freshDir(), pinned));
    expect(rows).toHaveLength(250);
    expect(new Set(ids(rows)).size).toBe(250);
    expect(Object.keys(rows[0]!)).toEqual([...LIVING_COLUMNS]);
    const starts = rows.map((r) => Date.parse(r.living_start as string));
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
    expect(pinned.stats.requests.get_user_all_livingid).toBe(3);
    expect(pinned.stats.requests.get_living_info).toBe(250);
    expect(pinned.stats.wecomRateLimited).toBe(0);
  });

  it.each([
    // 2026-01-12 is three days before the sandbox's today: sandbox-5 started at 01:00Z, sandbox-1500 at 20:00Z.
    ['UTC', ['sandbox-5', 'sandbox-1500'], '2026-01-12T01:00:00+00:00'],
    ['Asia/Shanghai', ['sandbox-5'], '2026-01-12T09:00:00+08:00'],
    ['America/New_York', ['sandbox-1500'], undefined],
  ])('--since/--until 2026-01-12 in %s selects that local day', async (zone, expected, fiveStart) => {
    const rows = await json(['livings', '--user', 'sandbox-anchor', '--since', '2026-01-12', '--until', '2026-01-12', '--tz', zone], sandboxedEnv(freshDir(), pinned));
    expect(ids(rows)).toEqual(expected);
    if (fiveStart) expect(rows[0]!.living_start).toBe(fiveStart);
  });

  it('reads the day in LIVESTATS_TZ when --tz is not given, and an instant exactly', async () => {
    const env = sandboxedEnv(freshDir(), pinned, { LIVESTATS_TZ: 'America/New_York' });
    expect(ids(await json(['livings', '--user', 'sandbox-anchor', '--since', '2026-01-12', '--until', '2026-01-12'], env))).toEqual(['sandbox-1500']);
    // Instants: [01:00Z, 20:00Z) holds sandbox-5 but not sandbox-1500.
    const instants = ['--since', '2026-01-12T09:00+08:00', '--until', '1768248000'];
    expect(ids(await json(['livings', '--user', 'sandbox-anchor', ...instants], env))).toEqual(['sandbox-5']);
  });

  it('lists a living shared by two members once, with its details as the sandbox tells them', async () => {
    const rows = await json(['livings', '--user', 'sandbox-anchor', 'sandbox-cohost', '--tz', 'UTC'], sandboxedEnv(freshDir(), pinned));
    expect(ids(rows).filter((id) => id === 'sandbox-12')).toHaveLength(1);
    expect(ids(rows)).toContain('sandbox-8');
    const byId = Object.fromEntries(rows.map((r) => [r.living_id, r]));
    expect(byId['sandbox-5']).toMatchObject({ status: 'expired', type: 'large_class', open_replay: true, replay_status: 'generating' });
    expect(byId['sandbox-30']).toMatchObject({ status: 'ended', open_replay: false, replay_status: null });
    expect(byId['sandbox-3']).toMatchObject({ status: 'reserved', living_start: null, reserve_start: '2026-01-16T12:00:00+00:00' });
    expect(byId['sandbox-2']).toMatchObject({ anchor_userid: null, theme: null, type: null, living_duration_s: null, living_start: '2026-01-07T10:00:00+00:00' });
    // Reserved livings that never started sort by their booked start: sandbox-3 (tomorrow) comes last.
    expect(ids(rows).at(-1)).toBe('sandbox-3');
  });

  it('--since -7d and --since yesterday --until yesterday select known livings against the real clock (--sandbox)', async () => {
    const week = await json(['livings', '--user', 'sandbox-anchor', '--since', '-7d', '--sandbox']);
    expect([...ids(week)].sort()).toEqual(['sandbox-12', 'sandbox-1500', 'sandbox-20', 'sandbox-3', 'sandbox-30', 'sandbox-4', 'sandbox-5', 'sandbox-7']);
    expect(ids(await json(['livings', '--user', 'sandbox-anchor', '--since', 'yesterday', '--until', 'yesterday', '--tz', 'UTC', '--sandbox']))).toEqual(['sandbox-12']);
  });

  it('gives zero rows and exit 0 for a member without livings; an unknown member is exit 5 naming it', async () => {
    expect(await json(['livings', '--user', 'sandbox-nobody', '--sandbox'])).toEqual([]);
    const unknown = await runCli(['livings', '--user', 'no-such-member', '--sandbox'], { env: baseEnv(freshDir()) });
    expect(unknown.code).toBe(5);
    expect(unknown.stderr).toContain('no-such-member');
    expect(unknown.stderr).toContain('60111');
    expect(unknown.stderr).not.toMatch(STACK_FRAME);
  });

  it('refuses a window whose end is not after its start (exit 2) before any request', async () => {
    pinned.resetStats();
    const result = await runCli(['livings', '--user', 'sandbox-anchor', '--since', 'today', '--until', 'yesterday'], { env: sandboxedEnv(freshDir(), pinned) });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--since (today) is after --until (yesterday)');
    expect(pinned.stats.requests.gettoken + pinned.stats.requests.get_user_all_livingid).toBe(0);
  });
});

describe('watch --user', () => {
  it('gives exactly the rows of watch <the livings of the window, reserved and cancelled ones excepted>, summary too', async () => {
    const env = sandboxedEnv(freshDir(), pinned);
    const window = ['--since', '2026-01-08', '--until', '2026-01-14', '--tz', 'Asia/Shanghai'];
    const livings = await json(['livings', '--user', 'sandbox-anchor', 'sandbox-cohost', ...window], env);
    const watchable = livings.filter((l) => l.status !== 'reserved' && l.status !== 'cancelled').map((l) => l.living_id as string);
    expect(livings.length).toBeGreaterThan(watchable.length);
    expect(watchable.length).toBeGreaterThan(3);
    for (const extra of [[], ['--summary']]) {
      const byUser = await runCli(['watch', '--user', 'sandbox-anchor', 'sandbox-cohost', ...window, ...extra, '--csv'], { env });
      const byIds = await runCli(['watch', ...watchable, ...extra, '--csv'], { env });
      expect(byUser.code).toBe(0);
      expect(byUser.stdout).toBe(byIds.stdout);
      expect(parseCsv(byUser.stdout).records.length).toBeGreaterThan(watchable.length);
    }
  });

  it('refuses living ids with --user, and --since without --user (exit 2)', async () => {
    const both = await runCli(['watch', 'sandbox-12', '--user', 'sandbox-anchor', '--since', '-7d', '--sandbox'], { env: baseEnv(freshDir()) });
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('not both');
    const stray = await runCli(['watch', 'sandbox-12', '--since', '-7d', '--sandbox'], { env: baseEnv(freshDir()) });
    expect(stray.code).toBe(2);
    expect(stray.stderr).toContain('--since goes with --user');
  });
});

describe('watch --user --state', () => {
  it('exports the livings that are over once, leaves a live one for later with one line, and writes the state 0600', async () => {
    const dir = mkdtempSync(join(work, 'state-'));
    const state = join(dir, 'anchor.state.json');
    const env = baseEnv(freshDir());
    const args = ['watch', '--user', 'sandbox-anchor', '--since', '-7d', '--state', state, '--sandbox'];

    const first = await runCli([...args, '--csv', '-o', join(dir, 'first.csv')], { env });
    expect(first.code).toBe(0);
    expect(first.stderr.trim().split('\n')).toEqual(['livestats: 1 living is not over yet, left for a later run: sandbox-20 (live)']);
    const exported = new Set(parseCsv(readFileSync(join(dir, 'first.csv'), 'utf8')).records.slice(1).map((r) => r[0]));
    expect([...exported].sort()).toEqual(['sandbox-12', 'sandbox-1500', 'sandbox-30', 'sandbox-5', 'sandbox-7']);
    const saved = JSON.parse(readFileSync(state, 'utf8')) as { version: number; corps: Record<string, Record<string, Record<string, number>>> };
    expect(saved.version).toBe(1);
    expect(Object.keys(saved.corps[SANDBOX_CREDENTIALS.wecom.corpId]!['sandbox-anchor']!).sort()).toEqual([...exported].sort());
    expect(statSync(state).mode & 0o777).toBe(0o600);

    const second = await runCli([...args, '--json'], { env });
    expect(second.code).toBe(0);
    expect(JSON.parse(second.stdout)).toEqual([]);
    expect(second.stderr.trim().split('\n')).toHaveLength(1);
    expect(JSON.parse(readFileSync(state, 'utf8'))).toEqual(saved);
    expect(readdirSync(dir).sort()).toEqual(['anchor.state.json', 'first.csv']);
  });

  it('prunes livings that started before the window from the state', async () => {
    const dir = mkdtempSync(join(work, 'prune-'));
    const state = join(dir, 's.json');
    const env = baseEnv(freshDir());
    expect((await runCli(['watch', '--user', 'sandbox-anchor', '--since', '-30d', '--state', state, '--sandbox', '--summary'], { env })).code).toBe(0);
    const wide = Object.keys(JSON.parse(readFileSync(state, 'utf8')).corps[SANDBOX_CREDENTIALS.wecom.corpId]['sandbox-anchor'] as object);
    expect(wide).toContain('sandbox-2');
    expect((await runCli(['watch', '--user', 'sandbox-anchor', '--since', '-4d', '--state', state, '--sandbox', '--summary'], { env })).code).toBe(0);
    const narrow = Object.keys(JSON.parse(readFileSync(state, 'utf8')).corps[SANDBOX_CREDENTIALS.wecom.corpId]['sandbox-anchor'] as object);
    expect(narrow.sort()).toEqual(['sandbox-12', 'sandbox-1500', 'sandbox-30', 'sandbox-5']);
  });

  it('stops with exit 3 naming a corrupt state file, writes no output and leaves the file as it was', async () => {
    const dir = mkdtempSync(join(work, 'corrupt-'));
    const state = join(dir, 's.json');
    writeFileSync(state, '{"version":1,"corps":');
    const result = await runCli(['watch', '--user', 'sandbox-anchor', '--since', '-7d', '--state', state, '--sandbox', '-o', join(dir, 'out.csv')], { env: baseEnv(freshDir()) });
    expect(result.code).toBe(3);
    expect(result.stderr).toContain(state);
    expect(result.stdout).toBe('');
    expect(readFileSync(state, 'utf8')).toBe('{"version":1,"corps":');
    expect(readdirSync(dir)).toEqual(['s.json']);
  });

  it('leaves the state as it was when the run fails after some livings were written (exit 5, no output file)', async () => {
    // The 14th WeCom data call is a get_watch_stat page (1 list, 10 get_living_info before it) without `ending`.
    const faulty = await startSandbox({ faults: [{ provider: 'wecom', kind: 'missingField', onRequest: 14 }] });
    try {
      const dir = mkdtempSync(join(work, 'fail-'));
      const state = join(dir, 's.json');
      const before = '{"version":1,"corps":{"ww-sandbox":{"sandbox-anchor":{"sandbox-9":1}}}}';
      writeFileSync(state, before);
      const result = await runCli(['watch', '--user', 'sandbox-anchor', '--since', '-30d', '--state', state, '-o', join(dir, 'out.csv')], {
        env: sandboxedEnv(freshDir(), faulty),
      });
      expect(result.code).toBe(5);
      expect(result.stderr).toContain('ending');
      expect(readFileSync(state, 'utf8')).toBe(before);
      expect(readdirSync(dir)).toEqual(['s.json']);
      expect(faulty.stats.requests.get_watch_stat).toBeGreaterThan(1);
    } finally {
      await faulty.close();
    }
  });

  it('writes no state when the reader of stdout leaves early (`| head`): the output was not complete', async () => {
    const state = join(mkdtempSync(join(work, 'pipe-')), 's.json');
    const child = spawn(process.execPath, [BIN, 'watch', '--user', 'sandbox-anchor', '--since', '-7d', '--state', state, '--sandbox', '--ndjson'], {
      env: baseEnv(freshDir()),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
    expect(code, stderr).toBe(0);
    expect(existsSync(state)).toBe(false);
  });

  it('refuses --state with --limit (exit 2)', async () => {
    const result = await runCli(['watch', '--user', 'sandbox-anchor', '--since', '-7d', '--state', join(work, 'x.json'), '--limit', '5', '--sandbox'], { env: baseEnv(freshDir()) });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--limit');
  });
});

describe('--dry-run', () => {
  it.each(['livings', 'watch --user --state'])('%s prints gettoken and the first list request per member, the secret redacted, and sends nothing', async (which) => {
    pinned.resetStats();
    const users = ['--user', 'sandbox-anchor', 'sandbox-cohost'];
    const argv = which === 'livings' ? ['livings', ...users] : ['watch', ...users, '--since', '-7d', '--state', join(work, 'dry.json')];
    const result = await runCli([...argv, '--dry-run'], { env: sandboxedEnv(freshDir(), pinned) });
    expect(result.code).toBe(0);
    expect(result.stdout).not.toContain(SANDBOX_CREDENTIALS.wecom.corpSecret);
    expect(result.stdout).toContain('corpsecret=[REDACTED]');
    const requests = result.stdout.trim().split('\n\n');
    expect(requests).toHaveLength(3);
    expect(requests[0]).toMatch(/^GET .*\/cgi-bin\/gettoken\?/);
    for (const [i, user] of ['sandbox-anchor', 'sandbox-cohost'].entries()) {
      const [line, ...body] = requests[i + 1]!.split('\n');
      expect(line).toMatch(/^POST .*\/cgi-bin\/living\/get_user_all_livingid\?access_token=/);
      expect(JSON.parse(body.join('\n'))).toEqual({ userid: user, cursor: '', limit: 100 });
    }
    expect(pinned.stats.requests.gettoken + pinned.stats.requests.get_user_all_livingid + pinned.stats.requests.get_living_info).toBe(0);
  });
});
