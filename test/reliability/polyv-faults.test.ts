// Polyv red packs under fire: `invalid timestamp.` is signed again once, `qps exceeds number of calls` waits out
// the 5-minute block (on the recorded clock), and a totalPages change between pages stops the run (exit 5).
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ExitCode } from '../../src/errors.js';
import type { FaultRule } from '../../src/sandbox/server.js';
import { jsonRows, recordingDispatcher, runAgainstSandbox, tickingClock, type SandboxRun, type SentRequest } from './helpers.js';

// 2500 red packs at Polyv's 1000 a page: three pages; one page at a time so request numbers are page numbers.
const ARGV = ['redpacks', '--channel', 'sandbox-2500', '--json', '--concurrency', '1'];

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function redpacks(faults: FaultRule[], extra: string[] = [], env?: Record<string, string>): Promise<SandboxRun & { sent: SentRequest[] }> {
  const recorder = recordingDispatcher();
  cleanups.push(recorder.close);
  const { sleeps, ...clock } = tickingClock();
  const run = await runAgainstSandbox([...ARGV, ...extra], { faults, context: { dispatcher: recorder.dispatcher, ...clock }, ...(env ? { env } : {}) });
  return { ...run, sleeps, sent: recorder.sent };
}

const param = (request: SentRequest, name: string): string | null => request.url.searchParams.get(name);

let clean: SandboxRun & { sent: SentRequest[] };
beforeAll(async () => {
  clean = await redpacks([]);
});

describe('a clean Polyv run (the reference)', () => {
  it('reads three pages and exports 2500 distinct red packs', () => {
    expect(clean.code).toBe(ExitCode.ok);
    expect(clean.sent.map((r) => param(r, 'pageNumber'))).toEqual(['1', '2', '3']);
    const rows = jsonRows(clean.stdout);
    expect(rows).toHaveLength(2500);
    expect(new Set(rows.map((r) => r.red_pack_id)).size).toBe(2500);
  });
});

describe('Polyv `invalid timestamp.`', () => {
  it('signs the same page again once, with a fresh timestamp and sign, and completes with the clean rows', async () => {
    const run = await redpacks([{ provider: 'polyv', kind: 'invalidTimestamp', onRequest: 2 }]);
    expect(run.code).toBe(ExitCode.ok);
    const [refused, again] = run.sent.filter((r) => param(r, 'pageNumber') === '2');
    expect(run.sent).toHaveLength(4);
    expect(param(again!, 'timestamp')).not.toBe(param(refused!, 'timestamp'));
    expect(param(again!, 'sign')).toMatch(/^[0-9A-F]{32}$/);
    expect(param(again!, 'sign')).not.toBe(param(refused!, 'sign'));
    expect(jsonRows(run.stdout)).toEqual(jsonRows(clean.stdout));
    expect(run.stderr).toContain('clock may be off');
  });

  it('gives up with exit 5 when the fresh timestamp is refused as well: one re-sign only', async () => {
    const run = await redpacks([{ provider: 'polyv', kind: 'invalidTimestamp', onRequest: [2, 3] }], ['--retries', '5']);
    expect(run.code).toBe(ExitCode.provider);
    expect(run.sent).toHaveLength(3);
    expect(run.stderr).toContain('rejected the timestamp twice');
  });
});

describe('Polyv `qps exceeds number of calls`', () => {
  it('waits out the 5-minute block and completes with the clean rows', async () => {
    const run = await redpacks([{ provider: 'polyv', kind: 'qps', onRequest: 2 }]);
    expect(run.code).toBe(ExitCode.ok);
    expect(run.sleeps).toEqual([305_000]);
    expect(jsonRows(run.stdout)).toEqual(jsonRows(clean.stdout));
    // The retry after the wait is signed with the clock of then, which the sandbox (same clock) accepts.
    const retried = run.sent.filter((r) => param(r, 'pageNumber') === '2');
    expect(Number(param(retried[1]!, 'timestamp')) - Number(param(retried[0]!, 'timestamp'))).toBeGreaterThanOrEqual(305_000);
  });
});

describe('Polyv data changing during the export', () => {
  it.each([1, 2, 3])('detects totalPages changing on request %i and stops with exit 5', async (n) => {
    const run = await redpacks([{ provider: 'polyv', kind: 'totalPagesChange', onRequest: n }]);
    expect(run.code).toBe(ExitCode.provider);
    expect(run.stderr.split('\n')[0]).toContain('the data changed during the export');
    expect(run.stderr).toContain('hint: ');
  });

  it('fails with exit 5 naming data.totalPages when a page leaves it out', async () => {
    const run = await redpacks([{ provider: 'polyv', kind: 'missingField', onRequest: 2 }]);
    expect(run.code).toBe(ExitCode.provider);
    expect(run.stderr.split('\n')[0]).toContain('field "data.totalPages"');
  });
});

describe('Polyv credential failures never loop', () => {
  it('stops at the first `invalid signature.` with exit 4, whatever --retries says', async () => {
    const run = await redpacks([], ['--retries', '5'], { LIVESTATS_POLYV_APP_SECRET: 'not-the-sandbox-secret' });
    expect(run.code).toBe(ExitCode.auth);
    expect(run.sent).toHaveLength(1);
    expect(run.stderr).toContain('invalid signature.');
  });

  it('stops at the first `application not found.` with exit 4', async () => {
    const run = await redpacks([], ['--retries', '5'], { LIVESTATS_POLYV_APP_ID: 'nosuchapp' });
    expect(run.code).toBe(ExitCode.auth);
    expect(run.sent).toHaveLength(1);
  });

  it('treats `illegal channel id` (HTTP 403) as a wrong argument, exit 5, not a credential problem', async () => {
    const run = await runAgainstSandbox(['redpacks', '--channel', 'no-such-channel', '--retries', '5']);
    expect(run.code).toBe(ExitCode.provider);
    expect(run.stats.requests.red_pack_statistics).toBe(1);
    expect(run.stderr).toContain('illegal channel id');
  });
});
