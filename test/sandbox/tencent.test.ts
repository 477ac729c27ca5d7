// Tencent get_gift_count through real HTTP: the envelope, every UserSig and query error, the 200/s limit.
import { afterEach, describe, expect, it } from 'vitest';
import { SANDBOX_CREDENTIALS } from '../../src/sandbox/credentials.js';
import { clock, Harness, makeUserSig, T0, tencentQuery } from './helpers.js';

let h: Harness;
afterEach(() => h.close());

const PATH = '/v4/live_engine_http_srv/get_gift_count';
const BODY = { RoomId: 'room-1', From_Account: 'alice' };
const app = SANDBOX_CREDENTIALS.tencent;

function gift(query: Record<string, string>, json: unknown = BODY) {
  return h.call('POST', PATH, { query, json });
}

describe('Tencent get_gift_count', () => {
  it('answers the documented envelope with deterministic counts', async () => {
    h = await Harness.start({ now: () => T0 });
    const first = await gift(tencentQuery(T0));
    expect(first.status).toBe(200);
    expect(first.json).toMatchObject({ ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '' });
    expect(first.json.RequestId).toMatch(/^Id-[0-9a-f]{32}-O-Seq-\d+$/);
    const r = first.json.Response;
    expect(Object.keys(r).sort()).toEqual(['GiftSenderCount', 'Sequence', 'TotalCoins', 'TotalCount']);
    expect(r.TotalCoins).toBeGreaterThanOrEqual(r.TotalCount);
    expect(r.GiftSenderCount).toBeLessThanOrEqual(r.TotalCount);
    const again = await gift(tencentQuery(T0));
    expect(again.json.Response).toEqual(r);
    const other = await gift(tencentQuery(T0), { RoomId: 'room-1', From_Account: 'bob' });
    expect(other.json.Response).not.toEqual(r);
  });

  it.each([
    ['an undecodable usersig', { usersig: 'not*a*sig' }, 70003],
    ['a sig for another identifier', { usersig: makeUserSig({ sdkAppId: app.sdkAppId, key: app.secretKey, identifier: 'xiaojun', time: T0 / 1000, expire: 86400 }) }, 70013],
    ['a sig for another app', { usersig: makeUserSig({ sdkAppId: 1400000001, key: app.secretKey, identifier: app.identifier, time: T0 / 1000, expire: 86400 }) }, 70014],
    ['a sig made with another key', { usersig: makeUserSig({ sdkAppId: app.sdkAppId, key: 'wrong', identifier: app.identifier, time: T0 / 1000, expire: 86400 }) }, 70009],
    ['an unknown sdkappid', { sdkappid: '1400000001' }, 70016],
    ['a missing sdkappid', { sdkappid: '' }, 60012],
    ['a random above uint32', { random: '4294967296' }, 60002],
    ['a random that is not a number', { random: '-1' }, 60002],
    ['contenttype other than json', { contenttype: 'xml' }, 60002],
  ])('answers %s with its ErrorCode and HTTP 200', async (_, override, code) => {
    h = await Harness.start({ now: () => T0 });
    const query = { ...tencentQuery(T0), ...override };
    const answer = await gift(Object.fromEntries(Object.entries(query).filter(([, v]) => v !== '')));
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({ ActionStatus: 'FAIL', ErrorCode: code });
    expect(answer.json.ErrorInfo).not.toBe('');
    expect(answer.json.Response).toBeUndefined();
  });

  it('accepts the largest uint32 random', async () => {
    h = await Harness.start({ now: () => T0 });
    expect((await gift(tencentQuery(T0, {}, { random: '4294967295' }))).json.ErrorCode).toBe(0);
  });

  it('expires a UserSig once now > time + expire (70001)', async () => {
    const c = clock();
    h = await Harness.start({ now: c.now });
    const query = tencentQuery(T0, { expire: 60 });
    c.advance(60_999);
    expect((await gift(query)).json.ErrorCode).toBe(0);
    c.advance(1);
    expect((await gift(query)).json.ErrorCode).toBe(70001);
  });

  it('requires the app admin as identifier (60010)', async () => {
    h = await Harness.start({ now: () => T0 });
    const answer = await gift(tencentQuery(T0, { identifier: 'alice' }));
    expect(answer.json.ErrorCode).toBe(60010);
  });

  it.each([
    [{ From_Account: 'alice' }, 100002],
    [{ RoomId: 'room-1' }, 100002],
    [{ RoomId: '', From_Account: 'alice' }, 100002],
    [{ RoomId: 'sandbox-missing', From_Account: 'alice' }, 100004],
  ])('answers body %j with %i', async (body, code) => {
    h = await Harness.start({ now: () => T0 });
    expect((await gift(tencentQuery(T0), body)).json.ErrorCode).toBe(code);
  });

  it('answers 60003 to a body that is not JSON', async () => {
    h = await Harness.start({ now: () => T0 });
    const answer = await h.call('POST', PATH, { query: tencentQuery(T0), body: '{"RoomId": "r", "From_Account": "a",}' });
    expect(answer.json.ErrorCode).toBe(60003);
  });
});

describe('Tencent rate limit', () => {
  it('allows 200 requests in a second, answers 60018 after, and frees the window a second later', async () => {
    const c = clock();
    h = await Harness.start({ now: c.now });
    const query = tencentQuery(T0);
    const answers = await Promise.all(Array.from({ length: 201 }, () => gift(query)));
    const codes = answers.map((a) => a.json.ErrorCode);
    expect(codes.filter((code) => code === 0)).toHaveLength(200);
    expect(codes.filter((code) => code === 60018)).toHaveLength(1);
    expect(h.sandbox.stats.tencentRateLimited).toBe(1);
    expect(h.sandbox.stats.maxPerSecond.get_gift_count).toBe(201);
    c.advance(999);
    expect((await gift(query)).json.ErrorCode).toBe(60018);
    c.advance(1);
    expect((await gift(query)).json.ErrorCode).toBe(0);
    expect(h.sandbox.stats.requests.get_gift_count).toBe(203);
  });

  it('takes its limit from tencentRateLimit and counts the busiest second only', async () => {
    const c = clock();
    h = await Harness.start({ now: c.now, tencentRateLimit: 3 });
    const query = tencentQuery(T0);
    for (let i = 0; i < 4; i++) {
      await gift(query);
      c.advance(400);
    }
    // Arrivals at 0, 400, 800, 1200 ms: at most three fall in any one second, so none was refused.
    expect(h.sandbox.stats.maxPerSecond.get_gift_count).toBe(3);
    const { firstArrivalMs, lastArrivalMs } = h.sandbox.stats;
    expect((lastArrivalMs.get_gift_count ?? 0) - (firstArrivalMs.get_gift_count ?? 0)).toBe(1200);
    expect(firstArrivalMs.get_watch_stat).toBeUndefined();
    expect(h.sandbox.stats.tencentRateLimited).toBe(0);
    await gift(query);
    await gift(query);
    expect(h.sandbox.stats.tencentRateLimited).toBe(1);
  });

  it('resetStats starts the counters afresh and leaves the rate-limit window as it was', async () => {
    const c = clock();
    h = await Harness.start({ now: c.now, tencentRateLimit: 2 });
    const query = tencentQuery(T0);
    await gift(query);
    c.advance(100);
    await gift(query);
    h.sandbox.resetStats();
    expect(h.sandbox.stats.requests.get_gift_count).toBe(0);
    expect(h.sandbox.stats.maxPerSecond.get_gift_count).toBeUndefined();
    expect(h.sandbox.stats.firstArrivalMs.get_gift_count).toBeUndefined();
    c.advance(100);
    // Still within the second of the two calls before the reset: refused, and counted from zero.
    expect((await gift(query)).json.ErrorCode).toBe(60018);
    expect(h.sandbox.stats.tencentRateLimited).toBe(1);
    expect(h.sandbox.stats.maxPerSecond.get_gift_count).toBe(1);
    expect(h.sandbox.stats.firstArrivalMs.get_gift_count).toBe(T0 + 200);
  });
});
