// Exit codes of the real binary: usage (2), missing settings (3), rejected credentials (4), provider errors (5),
// network failure (6) and --version (0), each with a short stderr message that names what to fix and no stack trace.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../../src/sandbox/server.js';
import { baseEnv, ROOT, runCli, sandboxedEnv, STACK_FRAME, useSandboxAndConfigDirs, type CliResult } from './cli-runner.js';

let sandbox!: RunningSandbox;
const { freshDir } = useSandboxAndConfigDirs((started) => (sandbox = started));

/** A run against the sandbox started here, each with its own config dir (so no token cache is shared). */
function runExternal(args: readonly string[], overrides: Record<string, string> = {}): Promise<CliResult> {
  return runCli(args, { env: sandboxedEnv(freshDir(), sandbox, overrides) });
}

/** The contract: one or two lines on stderr, the first from livestats, never a stack trace. */
function expectShortError(result: CliResult, code: number, ...mentions: Array<string | RegExp>): string[] {
  expect({ code: result.code, stderr: result.stderr }).toMatchObject({ code });
  expect(result.stderr).not.toMatch(STACK_FRAME);
  const lines = result.stderr.trimEnd().split('\n');
  expect(lines.length, result.stderr).toBeGreaterThanOrEqual(1);
  expect(lines.length, result.stderr).toBeLessThanOrEqual(2);
  expect(lines[0]).toMatch(/^livestats: /);
  for (const mention of mentions) expect(result.stderr).toMatch(mention);
  return lines;
}

describe('usage errors: exit 2', () => {
  it('an unknown option names it, on one line plus a hint', async () => {
    const result = await runCli(['watch', 'sandbox-1', '--sandbox', '--bogus-flag'], { env: baseEnv(freshDir()) });
    expectShortError(result, 2, /--bogus-flag/);
    expect(result.stdout).toBe('');
  });

  it('an unknown command names it', async () => {
    expectShortError(await runCli(['wach', 'sandbox-1'], { env: baseEnv(freshDir()) }), 2, /wach/);
  });

  it('gifts and livecount without --room say that --room is required', async () => {
    const env = baseEnv(freshDir());
    const [gifts, livecount] = await Promise.all([
      runCli(['gifts', '--from', 'alice', '--sandbox'], { env }),
      runCli(['livecount', '--sandbox'], { env }),
    ]);
    expectShortError(gifts, 2, /--room/);
    expectShortError(livecount, 2, /--room/);
  });

  it('an unknown --fields name lists the valid ones, before any request is sent', async () => {
    const before = { ...sandbox.stats.requests };
    const result = await runExternal(['watch', 'sandbox-3', '--fields', 'userid,nope']);
    expectShortError(result, 2, /nope/, /watch_time_s/, /living_id/);
    expect(sandbox.stats.requests).toEqual(before);
  });

  it('a bad option value (--limit 0, --format xml, --tz Mars/Base) is a usage error', async () => {
    const env = baseEnv(freshDir());
    const results = await Promise.all([
      runCli(['watch', 'sandbox-1', '--sandbox', '--limit', '0'], { env }),
      runCli(['watch', 'sandbox-1', '--sandbox', '--format', 'xml'], { env }),
      runCli(['watch', 'sandbox-1', '--sandbox', '--tz', 'Mars/Base'], { env }),
    ]);
    expectShortError(results[0] as CliResult, 2, /--limit/);
    expectShortError(results[1] as CliResult, 2, /--format/);
    expectShortError(results[2] as CliResult, 2, /Mars\/Base/);
  });
});

describe('configuration errors: exit 3', () => {
  it.each([
    ['watch', ['watch', 'sandbox-1'], { LIVESTATS_WECOM_CORP_ID: 'ww-sandbox' }, 'wecom.corpSecret', 'LIVESTATS_WECOM_CORP_SECRET'],
    ['gifts', ['gifts', '--room', 'r', '--from', 'a'], { LIVESTATS_TENCENT_SDKAPPID: '1400000000' }, 'tencent.secretKey', 'LIVESTATS_TENCENT_SECRET_KEY'],
    ['redpacks', ['redpacks', '--channel', '1'], { LIVESTATS_POLYV_APP_ID: 'sandboxapp' }, 'polyv.appSecret', 'LIVESTATS_POLYV_APP_SECRET'],
    ['livecount', ['livecount', '--room', '1'], {}, 'livecount.domain', 'LIVESTATS_LIVECOUNT_DOMAIN'],
  ] as const)('%s with a required setting missing (no env, empty config dir) names the config key and the variable', async (_name, args, env, key, variable) => {
    const result = await runCli(args, { env: { ...baseEnv(freshDir()), ...env } });
    expectShortError(result, 3, key, variable);
    expect(result.stdout).toBe('');
  });

  it('a malformed base URL in the environment is a configuration error, not a usage error', async () => {
    const result = await runExternal(['watch', 'sandbox-1'], { LIVESTATS_WECOM_BASE_URL: 'http://example.com' });
    expectShortError(result, 3, /wecom\.baseUrl|LIVESTATS_WECOM_BASE_URL/);
  });
});

describe('rejected credentials: exit 4', () => {
  it('a wrong WeCom secret: exit 4 after exactly one gettoken call, nothing on stdout, secret not echoed', async () => {
    const before = { ...sandbox.stats.requests };
    const issued = sandbox.stats.tokensIssued;
    const secret = 'wrong-wecom-secret-e2e';
    const result = await runExternal(['watch', 'sandbox-3', '--json'], { LIVESTATS_WECOM_CORP_SECRET: secret });
    expectShortError(result, 4, /40001/, /wecom\.corpSecret/);
    expect(result.stdout).toBe('');
    expect(result.stderr).not.toContain(secret);
    expect(sandbox.stats.requests.gettoken - before.gettoken).toBe(1);
    expect(sandbox.stats.requests.get_watch_stat - before.get_watch_stat).toBe(0);
    expect(sandbox.stats.tokensIssued).toBe(issued);
  });

  it('a wrong Polyv secret (invalid signature.) is exit 4', async () => {
    const before = sandbox.stats.requests.red_pack_statistics;
    const result = await runExternal(['redpacks', '--channel', '2812610', '--json'], { LIVESTATS_POLYV_APP_SECRET: 'wrong-polyv-secret-e2e' });
    expectShortError(result, 4, /invalid signature/);
    expect(result.stderr).not.toContain('wrong-polyv-secret-e2e');
    // Credentials are never retried in a loop.
    expect(sandbox.stats.requests.red_pack_statistics - before).toBe(1);
  });

  it('a wrong Tencent key (UserSig refused) is exit 4', async () => {
    const before = sandbox.stats.requests.get_gift_count;
    const result = await runExternal(['gifts', '--room', 'room-e2e', '--from', 'alice', '--json'], { LIVESTATS_TENCENT_SECRET_KEY: 'wrong-tencent-key-e2e' });
    expectShortError(result, 4, /700\d\d/);
    expect(result.stderr).not.toContain('wrong-tencent-key-e2e');
    expect(sandbox.stats.requests.get_gift_count - before).toBe(1);
  });

  it('a wrong LiveCount header (HTTP 401) is exit 4', async () => {
    const result = await runExternal(['livecount', '--room', '1024', '--json'], { LIVESTATS_LIVECOUNT_HEADERS: '{"X-Sandbox-Auth":"wrong-livecount-token"}' });
    expectShortError(result, 4, /401/);
    expect(result.stderr).not.toContain('wrong-livecount-token');
  });
});

describe('provider errors: exit 5', () => {
  it('an illegal Polyv channel is exit 5, not 4, although Polyv answers it with HTTP 403', async () => {
    const result = await runExternal(['redpacks', '--channel', 'not-a-channel', '--json']);
    expectShortError(result, 5, /illegal channel id/, /20005/);
  });

  it('a living the app may not read (sandbox-forbidden, errcode 92008) is exit 5', async () => {
    expectShortError(await runExternal(['watch', 'sandbox-forbidden', '--json']), 5, /92008/);
  });

  it('a room that does not exist (Tencent 100004) is exit 5', async () => {
    expectShortError(await runExternal(['gifts', '--room', 'sandbox-missing', '--from', 'alice', '--json']), 5, /100004/);
  });
});

describe('network failure: exit 6', () => {
  it('a closed port with --retries 0 is exit 6 and says what failed', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    const result = await runExternal(['watch', 'sandbox-3', '--retries', '0', '--json'], { LIVESTATS_WECOM_BASE_URL: `http://127.0.0.1:${port}` });
    expectShortError(result, 6, /WeCom|gettoken/);
    expect(result.stdout).toBe('');
  });
});

describe('success: exit 0', () => {
  it('--version prints the package version and nothing else', async () => {
    const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    const result = await runCli(['--version'], { env: baseEnv(freshDir()) });
    expect(result).toMatchObject({ code: 0, stdout: `${version}\n`, stderr: '' });
  });
});
