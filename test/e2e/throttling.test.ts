// Many calls throttled at once, through the real binary: gifts keeps up to 100 calls in flight, so a burst of
// Tencent 60018 answers means dozens of retry waits on the one interrupt signal at the same time. The run
// must still export every account once, and say nothing on stderr (no listener-leak warning from Node).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '../../src/sandbox/server.js';
import { configDirPool, runCli, sandboxedEnv } from './cli-runner.js';

const ACCOUNTS = Array.from({ length: 40 }, (_, i) => `acct_${i + 1}`);
const THROTTLED = Array.from({ length: 30 }, (_, i) => i + 1);

let sandbox: RunningSandbox;
const { freshDir, cleanupConfigDirs } = configDirPool();

beforeAll(async () => {
  sandbox = await startSandbox({ faults: [{ provider: 'tencent', kind: 'qps', onRequest: THROTTLED }] });
});

afterAll(async () => {
  await sandbox?.close();
  cleanupConfigDirs();
});

describe('a burst of throttled calls', () => {
  it('retries them all concurrently, exports each account once and keeps stderr clean', async () => {
    const result = await runCli(['gifts', '--room', 'room-burst', '--from', ...ACCOUNTS, '--ndjson', '-q'], {
      env: sandboxedEnv(freshDir(), sandbox),
    });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toBe('');
    const accounts = result.stdout.trimEnd().split('\n').map((line) => (JSON.parse(line) as { from_account: string }).from_account);
    expect(accounts).toEqual(ACCOUNTS);
    expect(sandbox.stats.requests.get_gift_count).toBe(ACCOUNTS.length + THROTTLED.length);
  });
});
