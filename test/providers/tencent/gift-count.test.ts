import { afterEach, describe, expect, it } from 'vitest';
import { AuthError, ProviderError } from '../../../src/errors.js';
import { TencentApi } from '../../../src/providers/tencent/api.js';
import { fetchGiftCount } from '../../../src/providers/tencent/gift-count.js';
import { CN, decodeUserSig, fixture, isGiftPath, seen, session, setup, type SeenRequest, type TestSetup } from './harness.js';

let t: TestSetup;
afterEach(async () => {
  t.agent.assertNoPendingInterceptors();
  await t.agent.close();
});

/** Answers each get_gift_count call with the next fixture, recording what was sent. */
function answer(origin: string, ...fixtures: Array<Record<string, unknown>>): SeenRequest[] {
  const requests: SeenRequest[] = [];
  const pool = t.agent.get(origin);
  for (const body of fixtures) {
    pool.intercept({ path: isGiftPath, method: 'POST' }).reply(200, (opts) => {
      requests.push(seen(opts as { path: string; body?: unknown }));
      return body;
    });
  }
  return requests;
}

async function gift(account = 'user1', room = 'room_id') {
  const s = await session(t);
  return fetchGiftCount(TencentApi.open(s), room, account);
}

describe('get_gift_count request', () => {
  it('posts {RoomId, From_Account} with the common query and turns the seed answer into a row', async () => {
    t = setup();
    const requests = answer(CN, fixture('ok'));
    const row = await gift('user1', 'room_id');
    expect(row).toEqual({ room_id: 'room_id', from_account: 'user1', total_count: 1, total_coins: 1, gift_sender_count: 1, sequence: 1 });
    const [request] = requests;
    expect(request?.body).toEqual({ RoomId: 'room_id', From_Account: 'user1' });
    expect(request?.query.get('sdkappid')).toBe('1400000000');
    expect(request?.query.get('identifier')).toBe('administrator');
    expect(request?.query.get('contenttype')).toBe('json');
    const decoded = decodeUserSig(request?.query.get('usersig') ?? '');
    expect(decoded).toMatchObject({ 'TLS.identifier': 'administrator', 'TLS.sdkappid': 1400000000, 'TLS.time': 1700000000, 'TLS.expire': 86400 });
  });

  it('sends a fresh uint32 random with every request', async () => {
    const values = [0, 0.999999999999, 0.5, 0.25];
    t = setup({ random: () => values.shift() ?? 0.75 });
    const requests = answer(CN, fixture('ok'), fixture('ok'), fixture('ok'), fixture('ok'));
    const s = await session(t);
    const api = TencentApi.open(s);
    for (const account of ['a', 'b', 'c', 'd']) await fetchGiftCount(api, 'r', account);
    const randoms = requests.map((r) => r.query.get('random') ?? '');
    expect(randoms).toEqual(['0', '4294967295', '2147483648', '1073741824']);
    for (const r of randoms) expect(r).toMatch(/^\d+$/);
    expect(new Set(randoms).size).toBe(4);
  });

  it('goes to the configured region, and tencent.baseUrl overrides it', async () => {
    t = setup({ env: { LIVESTATS_TENCENT_REGION: 'sgp', LIVESTATS_TENCENT_IDENTIFIER: 'ops_admin' } });
    const sgp = answer('https://adminapisgp.im.qcloud.com', fixture('ok'));
    await gift();
    expect(sgp[0]?.query.get('identifier')).toBe('ops_admin');
    t.agent.assertNoPendingInterceptors();
    await t.agent.close();

    t = setup({ env: { LIVESTATS_TENCENT_REGION: 'usa', LIVESTATS_TENCENT_BASE_URL: 'http://127.0.0.1:8089/' } });
    const local = answer('http://127.0.0.1:8089', fixture('ok'));
    await gift();
    expect(local).toHaveLength(1);
  });

  it('keeps an absent Sequence as null and fails on a missing count, naming the field', async () => {
    t = setup();
    answer(CN, fixture('ok-no-sequence'), fixture('missing-total-coins'));
    expect((await gift()).sequence).toBeNull();
    const error = await gift().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderError);
    expect((error as ProviderError).message).toContain('Response.TotalCoins');
  });
});

describe('UserSig renewal (70001)', () => {
  it('makes a new UserSig once and retries; the retry carries the new one', async () => {
    t = setup();
    const requests: SeenRequest[] = [];
    const pool = t.agent.get(CN);
    pool.intercept({ path: isGiftPath, method: 'POST' }).reply(200, (opts) => {
      requests.push(seen(opts as { path: string; body?: unknown }));
      t.clock.ms += 86_401_000; // the first UserSig has outlived its day
      return fixture('usersig-expired');
    });
    pool.intercept({ path: isGiftPath, method: 'POST' }).reply(200, (opts) => {
      requests.push(seen(opts as { path: string; body?: unknown }));
      return fixture('ok');
    });
    const row = await gift();
    expect(row.total_count).toBe(1);
    const [first, second] = requests.map((r) => r.query.get('usersig') ?? '');
    expect(second).not.toBe(first);
    expect(decodeUserSig(second ?? '')['TLS.time']).toBe(1700086401);
  });

  it('gives up with exit 4 when the new UserSig is refused as expired too', async () => {
    t = setup();
    answer(CN, fixture('usersig-expired'), fixture('usersig-expired'));
    const error = await gift().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthError);
    expect((error as AuthError).exitCode).toBe(4);
    expect((error as AuthError).message).toContain('code 70001');
    expect((error as AuthError).hint).toMatch(/clock/);
  });
});

describe('errors', () => {
  it('70016 is exit 4 with the region hint', async () => {
    t = setup();
    answer(CN, fixture('key-not-found'));
    const error = (await gift().catch((e: unknown) => e)) as AuthError;
    expect(error).toBeInstanceOf(AuthError);
    expect(error.exitCode).toBe(4);
    expect(error.hint).toMatch(/check tencent\.region — the SDKAppID may live in another region/i);
    expect(error.message).toContain('Id-3d4e5f60718293a4b5c6d7e8f90a1b2c-O-Seq-10004');
  });

  it.each([
    ['wrong-key', 70009],
    ['not-admin', 60010],
  ])('%s (%i) is exit 4 without a retry', async (name, code) => {
    t = setup();
    answer(CN, fixture(name));
    const error = (await gift().catch((e: unknown) => e)) as AuthError;
    expect(error.exitCode).toBe(4);
    expect(error.detail.code).toBe(code);
    expect(t.clock.sleeps).toEqual([]);
  });

  it('100002 is exit 5 naming the account, room, code, message and request id', async () => {
    t = setup();
    answer(CN, fixture('bad-parameter'));
    const error = (await gift('bob', 'r1').catch((e: unknown) => e)) as ProviderError;
    expect(error).toBeInstanceOf(ProviderError);
    expect(error.exitCode).toBe(5);
    expect(error.message).toContain('account "bob" in room "r1"');
    expect(error.message).toContain('code 100002');
    expect(error.message).toContain('"invalid parameter: From_Account"');
    expect(error.message).toContain('request id Id-5f60718293a4b5c6d7e8f90a1b2c3d4e-O-Seq-10006');
  });

  it('100004 is exit 5 saying the room does not exist', async () => {
    t = setup();
    answer(CN, fixture('room-not-found'));
    const error = (await gift('bob', 'no_room').catch((e: unknown) => e)) as ProviderError;
    expect(error.exitCode).toBe(5);
    expect(error.message).toContain('room "no_room" does not exist');
  });

  it('70050 waits at least a minute before the retry', async () => {
    t = setup();
    answer(CN, fixture('usersig-throttled'), fixture('ok'));
    await gift();
    expect(t.clock.sleeps).toHaveLength(1);
    expect(t.clock.sleeps[0]).toBeGreaterThanOrEqual(60_000);
  });

  it('100001 is retried until the budget runs out, then exit 5 naming the account', async () => {
    t = setup();
    answer(CN, ...Array.from({ length: 4 }, () => fixture('internal-error')));
    const error = (await gift('carol').catch((e: unknown) => e)) as ProviderError;
    expect(error.exitCode).toBe(5);
    expect(error.message).toContain('ErrorCode 100001');
    expect(error.message).toContain('account "carol"');
    expect(t.clock.sleeps).toHaveLength(3);
  });

  it('never prints the UserSig or the secret key in verbose logs', async () => {
    t = setup();
    const requests = answer(CN, fixture('usersig-expired'), fixture('ok'));
    const s = await session(t, { verbose: true });
    await fetchGiftCount(TencentApi.open(s), 'r', 'a');
    const log = t.stderr.text();
    expect(log).toContain('usersig=[REDACTED]');
    expect(log).toContain('UserSig expired (70001)');
    for (const r of requests) expect(log).not.toContain(r.query.get('usersig'));
    expect(log).not.toContain('5bd2850fff3ecb11');
  });
});
