// WeCom under fire: token expiry between pages, busy and rate-limit answers, a bad secret, a looping next_key.
// Every run that succeeds must give exactly the rows of a clean run of the same living.
import { beforeAll, describe, expect, it } from 'vitest';
import { ExitCode } from '../../src/errors.js';
import type { FaultRule } from '../../src/sandbox/server.js';
import { STACK_FRAME } from '../e2e/cli-runner.js';
import { jsonRows, runAgainstSandbox, type SandboxRun } from './helpers.js';

// 35 viewers at 10 a page: four pages, so a fault on request 2 or 3 falls between pages.
const LIVING = 'sandbox-35';
const PAGED = { wecomPageSize: 10 };
const ARGV = ['watch', LIVING, '--json'];

function watch(faults: FaultRule[], extra: string[] = [], env?: Record<string, string>): Promise<SandboxRun> {
  return runAgainstSandbox([...ARGV, ...extra], { faults, sandbox: PAGED, ...(env ? { env } : {}) });
}

let clean: SandboxRun;
beforeAll(async () => {
  clean = await watch([]);
});

describe('a clean WeCom run (the reference)', () => {
  it('walks four pages with one gettoken and exports every viewer once', () => {
    expect(clean.code).toBe(ExitCode.ok);
    expect(clean.stats.requests).toMatchObject({ gettoken: 1, get_watch_stat: 4 });
    const rows = jsonRows(clean.stdout);
    expect(rows).toHaveLength(35);
    const ids = rows.map((r) => r.userid ?? r.external_userid);
    expect(new Set(ids).size).toBe(35);
  });
});

describe('WeCom token expiry between pages', () => {
  it('refreshes the token once and retries the same page: one extra gettoken, same rows', async () => {
    const run = await watch([{ provider: 'wecom', kind: 'expireToken', onRequest: 3 }], ['--verbose']);
    expect(run.code).toBe(ExitCode.ok);
    expect(run.stats.requests.gettoken).toBe(clean.stats.requests.gettoken + 1);
    expect(run.stats.tokensIssued).toBe(2);
    // The refused page is asked for again, nothing else.
    expect(run.stats.requests.get_watch_stat).toBe(clean.stats.requests.get_watch_stat + 1);
    expect(jsonRows(run.stdout)).toEqual(jsonRows(clean.stdout));
    expect(run.stderr).toContain('refreshing it');
  });

  it('gives up with exit 4 when the fresh token is refused too, after exactly one refresh', async () => {
    const run = await watch([{ provider: 'wecom', kind: 'expireToken', onRequest: [2, 3] }], ['--retries', '5']);
    expect(run.code).toBe(ExitCode.auth);
    expect(run.stats.requests.gettoken).toBe(2);
    expect(run.stats.requests.get_watch_stat).toBe(3);
    expect(run.stderr).toMatch(/^livestats: WeCom get_watch_stat for living sandbox-35 rejected the access token again after a refresh \(code 42001/);
  });
});

describe('WeCom busy and rate-limit answers', () => {
  it('retries errcode -1 with back-off and completes with the clean rows', async () => {
    const run = await watch([{ provider: 'wecom', kind: 'busy', onRequest: [2, 3] }]);
    expect(run.code).toBe(ExitCode.ok);
    expect(jsonRows(run.stdout)).toEqual(jsonRows(clean.stdout));
    expect(run.sleeps).toHaveLength(2);
    expect(run.sleeps[1]!).toBeGreaterThan(run.sleeps[0]! / 2);
  });

  it('stops retrying -1 after the documented 3 retries even when --retries allows more (exit 5)', async () => {
    const run = await watch([{ provider: 'wecom', kind: 'busy', onRequest: [2, 3, 4, 5, 6] }], ['--retries', '5']);
    expect(run.code).toBe(ExitCode.provider);
    expect(run.stats.requests.get_watch_stat).toBe(1 + 4);
    expect(run.stderr).toMatch(/code -1/);
  });

  it('waits out a 45009 frequency block for 60 s (on the recorded clock) and completes', async () => {
    const run = await watch([{ provider: 'wecom', kind: 'qps', onRequest: 2 }]);
    expect(run.code).toBe(ExitCode.ok);
    expect(run.sleeps).toEqual([60_000]);
    expect(jsonRows(run.stdout)).toEqual(jsonRows(clean.stdout));
  });
});

describe('WeCom credential failures never loop', () => {
  it('calls gettoken exactly once on a bad secret, even with --retries 5 (exit 4)', async () => {
    const run = await watch([], ['--retries', '5'], { LIVESTATS_WECOM_CORP_SECRET: 'not-the-sandbox-secret' });
    expect(run.code).toBe(ExitCode.auth);
    expect(run.stats.requests).toMatchObject({ gettoken: 1, get_watch_stat: 0 });
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('code 40001');
    expect(run.stderr).not.toContain('not-the-sandbox-secret');
    expect(run.stderr).not.toMatch(STACK_FRAME);
  });

  it('calls gettoken exactly once on an unknown corp ID (40013, exit 4)', async () => {
    const run = await watch([], ['--retries', '5'], { LIVESTATS_WECOM_CORP_ID: 'ww-not-sandbox' });
    expect(run.code).toBe(ExitCode.auth);
    expect(run.stats.requests.gettoken).toBe(1);
    expect(run.stderr).toContain('code 40013');
  });
});

describe('WeCom answers that do not match the documented shape', () => {
  it('fails with exit 5 naming the missing field, without retrying it', async () => {
    const run = await watch([{ provider: 'wecom', kind: 'missingField', onRequest: 2 }]);
    expect(run.code).toBe(ExitCode.provider);
    expect(run.stderr.split('\n')[0]).toContain('field "ending"');
    expect(run.stats.requests.get_watch_stat).toBe(2);
  });

  it('accepts undocumented extra fields on the envelope and every viewer', async () => {
    const run = await watch([{ provider: 'wecom', kind: 'extraFields', every: 1 }]);
    expect(run.code).toBe(ExitCode.ok);
    expect(jsonRows(run.stdout)).toEqual(jsonRows(clean.stdout));
  });

  it.each([1, 3])('refuses a next_key handed back again with ending 0 on request %i (exit 5) instead of following it', async (n) => {
    const run = await watch([{ provider: 'wecom', kind: 'repeatNextKey', onRequest: n }]);
    expect(run.code).toBe(ExitCode.provider);
    expect(run.stats.requests.get_watch_stat).toBe(n);
    expect(run.stderr).toMatch(/returned next_key ".*" again without ending/);
  });
});
