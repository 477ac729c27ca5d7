// Tencent get_gift_count under fire: an expired UserSig is made again once, 60018 bursts are backed off,
// and a failing account ends the run cleanly, leaving an existing -o file exactly as it was.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ExitCode } from '../../src/errors.js';
import type { FaultRule } from '../../src/sandbox/server.js';
import { TEST_NOW } from '../helpers/context.js';
import { jsonRows, listDir, recordingDispatcher, runAgainstSandbox, type SandboxRun, type SentRequest } from './helpers.js';

const ACCOUNTS = Array.from({ length: 20 }, (_, i) => `acct_${i + 1}`);
const ARGV = ['gifts', '--room', 'room_7', '--from', ...ACCOUNTS, '--json'];

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

/** A clock that moves a second at every reading: a UserSig made again is then a different string, as in real life. */
function secondsClock(): () => number {
  let now = TEST_NOW;
  return () => (now += 1000);
}

/** A run whose requests are recorded, so the UserSigs that went out can be counted. */
async function gifts(faults: FaultRule[], extra: string[] = [], env?: Record<string, string>): Promise<SandboxRun & { sent: SentRequest[] }> {
  const recorder = recordingDispatcher();
  cleanups.push(recorder.close);
  const context = { dispatcher: recorder.dispatcher, nowFn: secondsClock() };
  const run = await runAgainstSandbox([...ARGV, ...extra], { faults, context, ...(env ? { env } : {}) });
  return { ...run, sent: recorder.sent };
}

const userSigs = (sent: SentRequest[]): Set<string> => new Set(sent.map((r) => r.url.searchParams.get('usersig') ?? ''));

let clean: SandboxRun & { sent: SentRequest[] };
beforeAll(async () => {
  clean = await gifts([]);
});

describe('a clean Tencent run (the reference)', () => {
  it('makes one call per account, all with the same UserSig, rows in the order given', () => {
    expect(clean.code).toBe(ExitCode.ok);
    expect(clean.stats.requests.get_gift_count).toBe(20);
    expect(userSigs(clean.sent).size).toBe(1);
    expect(jsonRows(clean.stdout).map((r) => r.from_account)).toEqual(ACCOUNTS);
  });
});

describe('Tencent UserSig expiry', () => {
  it('makes a new UserSig once, retries, and completes with the clean rows', async () => {
    const run = await gifts([{ provider: 'tencent', kind: 'expireToken', onRequest: 4 }], ['--concurrency', '1']);
    expect(run.code).toBe(ExitCode.ok);
    expect(userSigs(run.sent).size).toBe(2);
    expect(run.stats.requests.get_gift_count).toBe(21);
    expect(jsonRows(run.stdout)).toEqual(jsonRows(clean.stdout));
  });

  it('stops with exit 4 when the new UserSig is refused too: no second renewal, no loop', async () => {
    const run = await gifts([{ provider: 'tencent', kind: 'expireToken', onRequest: [3, 4] }], ['--concurrency', '1', '--retries', '5']);
    expect(run.code).toBe(ExitCode.auth);
    expect(userSigs(run.sent).size).toBe(2);
    expect(run.stats.requests.get_gift_count).toBe(4);
    expect(run.stderr).toContain('code 70001');
  });
});

describe('Tencent 60018 bursts', () => {
  it('backs off and still exports every account exactly once', async () => {
    const bursts = [3, 4, 5, 9, 10, 15];
    const run = await gifts([{ provider: 'tencent', kind: 'qps', onRequest: bursts }]);
    expect(run.code).toBe(ExitCode.ok);
    expect(run.stats.requests.get_gift_count).toBe(20 + bursts.length);
    expect(run.sleeps.length).toBeGreaterThanOrEqual(bursts.length);
    expect(jsonRows(run.stdout)).toEqual(jsonRows(clean.stdout));
  });
});

describe('a failing account', () => {
  it('stops the run with exit 5 and leaves the existing -o file byte for byte, with no temp file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'livestats-rel-gifts-'));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    const target = join(dir, 'gifts.json');
    const before = Buffer.from('[{"kept":"from yesterday"}]\n\u00ff\u0000', 'latin1');
    await writeFile(target, before);
    const run = await gifts([{ provider: 'tencent', kind: 'missingField', onRequest: 6 }], ['--concurrency', '2', '-o', target]);
    expect(run.code).toBe(ExitCode.provider);
    expect(run.stderr.split('\n')[0]).toContain('field "Response.TotalCount"');
    expect(await readFile(target)).toEqual(before);
    expect(await listDir(dir)).toEqual(['gifts.json']);
    // The pool stops starting calls once one has failed.
    expect(run.stats.requests.get_gift_count).toBeLessThan(10);
  });

  it('refuses a wrong secret key with one call, whatever --retries says (exit 4)', async () => {
    const run = await runAgainstSandbox(['gifts', '--room', 'room_7', '--from', 'acct_1', '--retries', '5'], {
      env: { LIVESTATS_TENCENT_SECRET_KEY: 'not-the-sandbox-key' },
    });
    expect(run.code).toBe(ExitCode.auth);
    expect(run.stats.requests.get_gift_count).toBe(1);
    expect(run.stderr).toContain('code 70009');
  });
});
