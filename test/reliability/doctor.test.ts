// `livestats doctor` against the sandbox: one row per provider (provider, status, detail) through the normal
// sinks, and an exit code that is the worst finding, so a cron job can tell a rejected key from a missing one.
import { describe, expect, it } from 'vitest';
import { ExitCode } from '../../src/errors.js';
import { runCli } from '../helpers/cli.js';
import { jsonRows, runAgainstSandbox } from './helpers.js';

const ALL = ['wecom', 'tencent', 'polyv', 'livecount'];

describe('doctor with every provider configured', () => {
  it('reports all four ok with one harmless call each (exit 0, JSON rows)', async () => {
    const run = await runAgainstSandbox(['doctor', '--json']);
    expect(run.code).toBe(ExitCode.ok);
    expect(run.stderr).toBe('');
    const rows = jsonRows(run.stdout);
    expect(rows.map((r) => Object.keys(r))).toEqual(ALL.map(() => ['provider', 'status', 'detail']));
    expect(rows.map((r) => [r.provider, r.status])).toEqual(ALL.map((p) => [p, 'ok']));
    expect(run.stats.requests).toMatchObject({ gettoken: 1, get_watch_stat: 0, get_gift_count: 1, red_pack_statistics: 1, live_count: 1 });
  });

  it('shows the same rows as a table on a terminal', async () => {
    const run = await runAgainstSandbox(['doctor'], { context: { stdoutIsTTY: true, colorEnabled: false } });
    expect(run.code).toBe(ExitCode.ok);
    const lines = run.stdout.split('\n');
    expect(lines.some((l) => /provider\s*│\s*status\s*│\s*detail/.test(l))).toBe(true);
    for (const provider of ALL) expect(lines.some((l) => new RegExp(`│ ${provider}\\s*│ ok\\s*│`).test(l))).toBe(true);
  });

  it('checks only the providers asked for', async () => {
    const run = await runAgainstSandbox(['doctor', 'polyv', 'WeCom', 'polyv', '--json']);
    expect(run.code).toBe(ExitCode.ok);
    expect(jsonRows(run.stdout).map((r) => r.provider)).toEqual(['polyv', 'wecom']);
    expect(run.stats.requests).toMatchObject({ get_gift_count: 0, live_count: 0 });
  });
});

describe('doctor with a rejected credential', () => {
  it.each<[string, Record<string, string>]>([
    ['wecom', { LIVESTATS_WECOM_CORP_SECRET: 'wrong-wecom-secret' }],
    ['tencent', { LIVESTATS_TENCENT_SECRET_KEY: 'wrong-tencent-key' }],
    ['polyv', { LIVESTATS_POLYV_APP_SECRET: 'wrong-polyv-secret' }],
    ['livecount', { LIVESTATS_LIVECOUNT_HEADERS: JSON.stringify({ 'X-Sandbox-Auth': 'wrong-livecount-token' }) }],
  ])('%s: status "rejected" in its row, the others ok, exit 4', async (provider, env) => {
    const run = await runAgainstSandbox(['doctor', '--json', '--retries', '5'], { env });
    expect(run.code).toBe(ExitCode.auth);
    const rows = jsonRows(run.stdout);
    expect(rows.map((r) => [r.provider, r.status])).toEqual(ALL.map((p) => [p, p === provider ? 'rejected' : 'ok']));
    const secret = Object.values(env)[0]!;
    expect(run.stdout + run.stderr).not.toContain(secret.startsWith('{') ? 'wrong-livecount-token' : secret);
    expect(run.stderr).toBe(`livestats: doctor: ${provider} rejected the credentials\n  hint: Fix the rejected credentials with \`livestats config set\`.\n`);
    // A refused credential is tried once, never in a loop.
    const calls = { wecom: run.stats.requests.gettoken, tencent: run.stats.requests.get_gift_count, polyv: run.stats.requests.red_pack_statistics, livecount: run.stats.requests.live_count };
    expect(calls[provider as keyof typeof calls]).toBe(1);
  });

  it('puts a rejected credential (4) above a missing one (3)', async () => {
    const run = await runAgainstSandbox(['doctor', '--json'], {
      env: { LIVESTATS_POLYV_APP_SECRET: 'wrong-polyv-secret', LIVESTATS_TENCENT_SECRET_KEY: undefined },
    });
    expect(run.code).toBe(ExitCode.auth);
    expect(jsonRows(run.stdout).map((r) => r.status)).toEqual(['ok', 'misconfigured', 'rejected', 'ok']);
    // The last line names both, worst first, and each kind's hint.
    const lines = run.stderr.trimEnd().split('\n');
    expect(lines).toEqual([
      'livestats: doctor: polyv rejected the credentials, tencent is misconfigured',
      expect.stringMatching(/^ {2}hint: Fix the rejected credentials .* The detail column names each missing or malformed setting/),
    ]);
  });

  it('names an unreachable provider beside a rejected one, exiting with the worse code (4)', async () => {
    const run = await runAgainstSandbox(['doctor', '--json', '--retries', '0'], {
      env: { LIVESTATS_WECOM_CORP_SECRET: 'wrong-wecom-secret', LIVESTATS_LIVECOUNT_BASE_URL: 'http://127.0.0.1:9' },
    });
    expect(run.code).toBe(ExitCode.auth);
    expect(jsonRows(run.stdout).map((r) => r.status)).toEqual(['rejected', 'ok', 'ok', 'unreachable']);
    expect(run.stderr.split('\n')[0]).toBe('livestats: doctor: wecom rejected the credentials, livecount is unreachable');
    expect(run.stderr).toMatch(/hint: .*Check the network/);
  });
});

describe('doctor with providers not configured', () => {
  it('`doctor wecom` with WeCom unconfigured: misconfigured, naming the key to set, exit 3', async () => {
    const run = await runCli(['doctor', 'wecom', '--json']);
    expect(run.code).toBe(ExitCode.config);
    expect(jsonRows(run.stdout)).toEqual([
      { provider: 'wecom', status: 'misconfigured', detail: 'missing wecom.corpId, wecom.corpSecret (livestats config set wecom.corpId)' },
    ]);
    const lines = run.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toBe('livestats: doctor: wecom is misconfigured');
    expect(lines[1]).toMatch(/^ {2}hint: .*livestats config set/);
  });

  it('without arguments, unconfigured providers are "not configured" and the run succeeds (exit 0)', async () => {
    const run = await runCli(['doctor', '--json']);
    expect(run.code).toBe(ExitCode.ok);
    expect(run.stderr).toBe('');
    expect(jsonRows(run.stdout).map((r) => [r.provider, r.status])).toEqual(ALL.map((p) => [p, 'not configured']));
  });

  it('checks the configured ones and skips the rest (exit 0)', async () => {
    const run = await runAgainstSandbox(['doctor', '--json'], {
      env: { LIVESTATS_WECOM_CORP_ID: undefined, LIVESTATS_WECOM_CORP_SECRET: undefined, LIVESTATS_LIVECOUNT_DOMAIN: undefined },
    });
    expect(run.code).toBe(ExitCode.ok);
    expect(jsonRows(run.stdout).map((r) => r.status)).toEqual(['not configured', 'ok', 'ok', 'not configured']);
    expect(run.stats.requests).toMatchObject({ gettoken: 0, live_count: 0 });
  });

  it('half a set of credentials is misconfigured (exit 3), not silently skipped', async () => {
    const run = await runAgainstSandbox(['doctor', '--json'], { env: { LIVESTATS_WECOM_CORP_SECRET: undefined } });
    expect(run.code).toBe(ExitCode.config);
    const wecom = jsonRows(run.stdout)[0]!;
    expect(wecom).toEqual({ provider: 'wecom', status: 'misconfigured', detail: 'missing wecom.corpSecret (livestats config set wecom.corpSecret)' });
  });

  it('a malformed setting is misconfigured (exit 3) and names the variable', async () => {
    const run = await runAgainstSandbox(['doctor', '--json'], { env: { LIVESTATS_POLYV_BASE_URL: 'http://example.com' } });
    expect(run.code).toBe(ExitCode.config);
    const polyv = jsonRows(run.stdout)[2]!;
    expect(polyv.status).toBe('misconfigured');
    expect(polyv.detail).toContain('LIVESTATS_POLYV_BASE_URL');
  });
});

describe('doctor when a provider cannot be reached', () => {
  it('reports it unreachable (exit 6) with a hint', async () => {
    const run = await runAgainstSandbox(['doctor', 'livecount', '--json', '--retries', '0'], {
      env: { LIVESTATS_LIVECOUNT_BASE_URL: 'http://127.0.0.1:9' },
    });
    expect(run.code).toBe(ExitCode.network);
    expect(jsonRows(run.stdout)[0]).toMatchObject({ provider: 'livecount', status: 'unreachable' });
    expect(run.stderr).toMatch(/\n {2}hint: Check the network/);
  });
});
