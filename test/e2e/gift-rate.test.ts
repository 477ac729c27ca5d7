// The default gifts rate, through the real binary: without --rate, no second may see more than Tencent's 200
// get_gift_count calls (the sandbox counts arrivals as Tencent does). Only --rate's range checks would
// otherwise notice a default raised past the limit.
import { describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../../src/sandbox/server.js';
import { useSandboxAndConfigDirs, runCli, sandboxedEnv } from './cli-runner.js';

// More than two windows' worth, so the run has to wait for the limit at least twice.
const ACCOUNTS = Array.from({ length: 450 }, (_, i) => `viewer_${i + 1}`);

let sandbox!: RunningSandbox;
const { freshDir } = useSandboxAndConfigDirs((started) => (sandbox = started));

describe('gifts without --rate', () => {
  it('stays at or under 200 calls in any second and draws no rate-limit rejection', async () => {
    // -v: should a call be sent twice, its retry line (and the reason) is in the failure message.
    const result = await runCli(['gifts', '--room', 'room-rate', '--from-file', '-', '--ndjson', '-q', '-v'], {
      env: sandboxedEnv(freshDir(), sandbox),
      input: ACCOUNTS.join('\n'),
    });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout.trimEnd().split('\n')).toHaveLength(ACCOUNTS.length);
    const retries = result.stderr.split('\n').filter((line) => / retry \d/.test(line));
    expect(sandbox.stats.requests.get_gift_count, retries.join('\n')).toBe(ACCOUNTS.length);
    expect(sandbox.stats.tencentRateLimited).toBe(0);
    expect(sandbox.stats.maxPerSecond.get_gift_count).toBeGreaterThan(0);
    expect(sandbox.stats.maxPerSecond.get_gift_count).toBeLessThanOrEqual(200);
  });
});
