import { setMaxListeners } from 'node:events';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/commands/gifts.js';
import { ExitCode } from '../../src/errors.js';
import { makeUserSig } from '../../src/providers/tencent/usersig.js';
import { useCommandCli } from '../helpers/cli.js';
import { TEST_NOW } from '../helpers/context.js';
import { CN, fixture, isGiftPath, okAnswer, SECRET_KEY, seen, SETTINGS, type SeenRequest } from '../providers/tencent/harness.js';

const { agent, cli } = useCommandCli('gifts', run, () => {
  // 50 requests in flight each listen on the interrupt signal; that is expected, not a listener leak.
  const interrupt = new AbortController();
  setMaxListeners(0, interrupt.signal);
  return { settings: SETTINGS, signal: interrupt.signal };
});

/** Answers every call through `answer`; `hold` keeps answers back until no new request arrived for 10 ms. */
function serve(answer: (r: SeenRequest) => object, hold = false): { requests: SeenRequest[]; maxInFlight: () => number } {
  const requests: SeenRequest[] = [];
  const held: Array<() => void> = [];
  let inFlight = 0;
  let max = 0;
  let quiet: NodeJS.Timeout | undefined;
  const releaseAll = (): void => held.splice(0).forEach((release) => release());
  agent()
    .get(CN)
    .intercept({ path: isGiftPath, method: 'POST' })
    .reply(200, (opts) => {
      const request = seen(opts as { path: string; body?: unknown });
      requests.push(request);
      if (!hold) return answer(request);
      max = Math.max(max, ++inFlight);
      clearTimeout(quiet);
      quiet = setTimeout(releaseAll, 10);
      return new Promise<object>((resolve) =>
        held.push(() => {
          inFlight--;
          resolve(answer(request));
        }),
      );
    })
    .persist();
  return { requests, maxInFlight: () => max };
}

const byAccount = (r: SeenRequest) => okAnswer({ TotalCount: r.body.From_Account.length, TotalCoins: 10 * r.body.From_Account.length });

describe('livestats gifts', () => {
  it('writes one row per account in the order given, with the contract columns', async () => {
    const { requests } = serve(byAccount);
    const { code, stdout } = await cli(['--room', 'room_1', '--from', 'ccc', 'a', 'bb', 'a', '--json']);
    expect(code).toBe(ExitCode.ok);
    const rows = JSON.parse(stdout) as Array<Record<string, unknown>>;
    expect(rows.map((r) => r.from_account)).toEqual(['ccc', 'a', 'bb']);
    expect(Object.keys(rows[0] ?? {})).toEqual(['room_id', 'from_account', 'total_count', 'total_coins', 'gift_sender_count', 'sequence']);
    expect(rows[0]).toEqual({ room_id: 'room_1', from_account: 'ccc', total_count: 3, total_coins: 30, gift_sender_count: 1, sequence: 1 });
    expect(requests).toHaveLength(3);
  });

  it('--summary gives one row for the room with the sums', async () => {
    serve(byAccount);
    const { code, stdout } = await cli(['--room', 'room_1', '--from', 'ccc', 'a', 'bb', '--json', '--summary']);
    expect(code).toBe(ExitCode.ok);
    expect(JSON.parse(stdout)).toEqual([{ room_id: 'room_1', accounts: 3, total_count: 6, total_coins: 60 }]);
  });

  it('reads accounts from standard input with --from-file -', async () => {
    const { requests } = serve(byAccount);
    const { code } = await cli(['--room', 'r', '--from-file', '-', '--json'], { stdin: '\uFEFFx\r\ny\r\n\r\nx\r\n' });
    expect(code).toBe(ExitCode.ok);
    expect(requests.map((r) => r.body.From_Account)).toEqual(['x', 'y']);
  });

  it('keeps 100 calls in flight by default', async () => {
    const plain = serve(byAccount, true);
    const accounts = Array.from({ length: 120 }, (_, i) => `u${i}`);
    expect((await cli(['--room', 'r', '--from', ...accounts, '--json'])).code).toBe(ExitCode.ok);
    expect(plain.maxInFlight()).toBe(100);
  });

  it('--concurrency lowers the calls in flight', async () => {
    const limited = serve(byAccount, true);
    const accounts = Array.from({ length: 10 }, (_, i) => `u${i}`);
    expect((await cli(['--room', 'r', '--from', ...accounts, '--concurrency', '3', '--json'])).code).toBe(ExitCode.ok);
    expect(limited.maxInFlight()).toBe(3);
  });

  it('exits 4 with the region hint on 70016, printing no secret', async () => {
    serve(() => fixture('key-not-found'));
    const { code, stderr, stdout } = await cli(['--room', 'r', '--from', 'a', '--json', '--verbose']);
    expect(code).toBe(ExitCode.auth);
    expect(stderr).toMatch(/tencent\.region — the SDKAppID may live in another region/);
    expect(stdout + stderr).not.toContain(SECRET_KEY);
    expect(stderr).not.toMatch(/usersig=(?!\[REDACTED\])/);
  });

  it('exits 5 naming the account on 100002 and leaves no partial file', async () => {
    serve((r) => (r.body.From_Account === 'bad' ? fixture('bad-parameter') : byAccount(r)));
    const output = join(mkdtempSync(join(tmpdir(), 'livestats-gifts-')), 'gifts.json');
    const { code, stderr } = await cli(['--room', 'r', '--from', 'a', 'b', 'bad', 'c', '-o', output]);
    expect(code).toBe(ExitCode.provider);
    expect(stderr).toContain('account "bad" in room "r"');
    expect(stderr).toContain('100002');
    expect(existsSync(output)).toBe(false);
  });
});

describe('livestats gifts: usage errors come before config and network', () => {
  // No settings at all: reaching config would be exit 3, reaching the network would leave no interceptor to match.
  it.each([
    [['--room', '', '--from', 'a'], /--room must not be empty/],
    [['--room', 'r'], /--from <account\.\.\.> or --from-file/],
    [['--room', 'r', '--from', 'a', '--rate', '201'], /--rate must be a whole number from 1 to 200/],
    [['--room', 'r', '--from', 'a', '--rate', '0'], /--rate must be a whole number from 1 to 200/],
    [['--room', 'r', '--from-file', '/nonexistent/accounts.txt'], /cannot read "\/nonexistent\/accounts\.txt"/],
    [['--room', 'r', '--from', 'a', '--fields', 'room_id,coins'], /unknown field "coins"/],
  ])('gifts %j is exit 2', async (argv, message) => {
    const { code, stderr } = await cli(argv, { settings: {} });
    expect(code).toBe(ExitCode.usage);
    expect(stderr).toMatch(message);
  });
});

describe('livestats gifts --dry-run', () => {
  it('prints each request with the UserSig redacted and sends nothing', async () => {
    const { code, stdout } = await cli(['--room', 'room_1', '--from', 'alice', 'bob', '--dry-run']);
    expect(code).toBe(ExitCode.ok);
    const posts = stdout.split('\n').filter((l) => l.startsWith('POST '));
    expect(posts).toHaveLength(2);
    expect(posts[0]).toMatch(
      /^POST https:\/\/console\.tim\.qq\.com\/v4\/live_engine_http_srv\/get_gift_count\?sdkappid=1400000000&identifier=administrator&usersig=\[REDACTED\]&random=\d+&contenttype=json$/,
    );
    expect(stdout).toContain('"From_Account": "bob"');
    expect(stdout).not.toMatch(/more request/);
    const real = makeUserSig({ sdkAppId: 1400000000, secretKey: SECRET_KEY, identifier: 'administrator', time: Math.floor(TEST_NOW / 1000), expire: 86400 });
    expect(stdout).not.toContain(real);
    expect(stdout).not.toContain(SECRET_KEY);
  });

  it('caps a long list at 20 requests and counts the rest', async () => {
    const accounts = Array.from({ length: 25 }, (_, i) => `u${i}`);
    const { code, stdout } = await cli(['--room', 'r', '--from', ...accounts, '--dry-run']);
    expect(code).toBe(ExitCode.ok);
    expect(stdout.split('\n').filter((l) => l.startsWith('POST '))).toHaveLength(20);
    expect(stdout).toContain('"From_Account": "u19"');
    expect(stdout).not.toContain('"From_Account": "u20"');
    expect(stdout).toContain('… and 5 more requests like these (25 in all, one per account)');
  });
});
