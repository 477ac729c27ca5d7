// Polyv red-pack statistics through real HTTP: envelope, pages, filters, amounts, error texts, rate limit.
import { afterEach, describe, expect, it } from 'vitest';
import { clock, Harness, polyvParams, polyvQuery, T0 } from './helpers.js';

let h: Harness;
afterEach(() => h.close());

const PATH = '/live/v4/channel/red-pack/statistics/list';

function list(params: Record<string, string>, at = T0) {
  return h.call('GET', PATH, { query: polyvParams(at, params) });
}

interface Receipt {
  amount: number;
  createdTime: number;
}
interface RedPack {
  amount: number;
  balance: number;
  createdTime: number;
  channelSessionId: string;
  redPackReceiveList: Receipt[];
}

const fen = (yuan: number): number => Math.round(yuan * 100);

describe('Polyv red-pack statistics', () => {
  it('answers the documented envelope with 1-based pages of 10 by default', async () => {
    h = await Harness.start({ now: () => T0 });
    const answer = await list({ channelId: '2812610' });
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({ code: 200, status: 'success', success: true });
    expect(answer.json.requestId).toEqual(expect.any(String));
    expect(answer.json.data).toMatchObject({ pageNumber: 1, pageSize: 10, totalPages: 2, totalItems: 12 });
    expect(answer.json.data.contents).toHaveLength(10);
    const second = await list({ channelId: '2812610', pageNumber: '2' });
    expect(second.json.data.contents).toHaveLength(2);
    const beyond = await list({ channelId: '2812610', pageNumber: '3' });
    expect(beyond.json.data).toMatchObject({ totalItems: 12, contents: [] });
  });

  it('gives items the seed 003 fields with amount = balance + receipts, in fen', async () => {
    h = await Harness.start({ now: () => T0 });
    const { contents } = (await list({ channelId: 'sandbox-300', pageSize: '300' })).json.data;
    expect(contents).toHaveLength(300);
    const first = contents[0];
    expect(Object.keys(first)).toEqual(
      expect.arrayContaining(['redPackId', 'userId', 'channelId', 'nickName', 'amount', 'balance', 'allotType', 'createdTime', 'channelSessionId', 'status', 'redPackType', 'redPackReceiveList']),
    );
    expect(first.channelId).toBe('sandbox-300');
    let receipts = 0;
    for (const pack of contents as RedPack[]) {
      const sum = pack.redPackReceiveList.reduce((total, r) => total + fen(r.amount), 0);
      expect(fen(pack.amount)).toBe(fen(pack.balance) + sum);
      for (const r of pack.redPackReceiveList) {
        expect(Object.keys(r).sort()).toEqual(['amount', 'avatar', 'createdTime', 'nickName', 'redPackId', 'userId']);
        expect(String(r.amount)).toMatch(/^\d+(\.\d{1,2})?$/);
        expect(r.createdTime).toBeGreaterThan(pack.createdTime);
      }
      receipts += pack.redPackReceiveList.length;
    }
    expect(receipts).toBeGreaterThan(300);
    expect(new Set(contents.map((p: { status: string }) => p.status))).toEqual(new Set(['进行中', '已结束', '退款中', '已退款']));
    expect(new Set(contents.map((p: { allotType: string }) => p.allotType))).toEqual(new Set(['随机分配红包', '平均分配红包']));
    expect(new Set(contents.map((p: { redPackType: string }) => p.redPackType))).toEqual(new Set(['红包雨', '口令红包', '普通红包']));
  });

  it('answers a numeric channel id as a number, like the seed sample', async () => {
    h = await Harness.start({ now: () => T0 });
    expect((await list({ channelId: '2812610' })).json.data.contents[0].channelId).toBe(2812610);
  });

  it('sizes a channel by its id and counts pages from pageSize, at most 1000', async () => {
    h = await Harness.start({ now: () => T0 });
    const big = await list({ channelId: 'sandbox-2500', pageSize: '1000', pageNumber: '3' });
    expect(big.json.data).toMatchObject({ totalItems: 2500, totalPages: 3, pageNumber: 3 });
    expect(big.json.data.contents).toHaveLength(500);
    const tooBig = await list({ channelId: 'sandbox-2500', pageSize: '1001' });
    expect(tooBig.status).toBe(400);
    expect(tooBig.json.error.desc).toBe('param validate error');
    const zero = await list({ channelId: 'sandbox-2500', pageNumber: '0' });
    expect(zero.status).toBe(400);
  });

  it('filters by session and by created time, inclusive at both ends', async () => {
    h = await Harness.start({ now: () => T0 });
    const all: RedPack[] = (await list({ channelId: 'sandbox-100', pageSize: '1000' })).json.data.contents;
    const session = all[37]!.channelSessionId;
    const bySession = (await list({ channelId: 'sandbox-100', pageSize: '1000', sessionId: session })).json.data;
    const expected = all.filter((p) => p.channelSessionId === session);
    expect(expected.length).toBeGreaterThan(1);
    expect(bySession.totalItems).toBe(expected.length);
    expect(bySession.contents).toEqual(expected);

    const [start, end] = [all[20]!.createdTime, all[44]!.createdTime];
    const byTime = (await list({ channelId: 'sandbox-100', pageSize: '1000', startTime: String(start), endTime: String(end) })).json.data;
    expect(byTime.totalItems).toBe(all.filter((p) => p.createdTime >= start && p.createdTime <= end).length);
    expect(byTime.contents[0]).toEqual(all[20]);
    expect(byTime.contents.at(-1)).toEqual(all[44]);

    const both = (await list({ channelId: 'sandbox-100', sessionId: session, startTime: String(end + 1) })).json.data;
    expect(both.totalItems).toBe(expected.filter((p) => p.createdTime > end).length);
    const unknown = (await list({ channelId: 'sandbox-100', sessionId: 'zzzzzzzzzz' })).json.data;
    expect(unknown).toMatchObject({ totalItems: 0, totalPages: 0, contents: [] });
  });

  it('is deterministic: the same channel gives the same red packs', async () => {
    h = await Harness.start({ now: () => T0 });
    const a = (await list({ channelId: 'sandbox-50', pageSize: '50' })).json.data.contents;
    const b = (await list({ channelId: 'sandbox-50', pageSize: '50' })).json.data.contents;
    const c = (await list({ channelId: 'sandbox-51', pageSize: '50' })).json.data.contents;
    expect(b).toEqual(a);
    expect(c[0].redPackId).not.toBe(a[0].redPackId);
  });
});

describe('Polyv errors', () => {
  async function expectError(answer: Awaited<ReturnType<typeof list>>, status: number, desc: string): Promise<void> {
    expect(answer.status).toBe(status);
    expect(answer.json).toMatchObject({ code: status, status: 'error', success: false, error: { desc } });
    expect(answer.json.error.code).toEqual(expect.any(Number));
    expect(answer.json.data).toBeUndefined();
  }

  it('checks the timestamp: 13 digits within 3 minutes either way', async () => {
    h = await Harness.start({ now: () => T0 });
    expect((await list({ channelId: '2812610' }, T0 - 180_000)).status).toBe(200);
    expect((await list({ channelId: '2812610' }, T0 + 180_000)).status).toBe(200);
    await expectError(await list({ channelId: '2812610' }, T0 - 180_001), 400, 'invalid timestamp.');
    await expectError(await list({ channelId: '2812610' }, T0 + 180_001), 400, 'invalid timestamp.');
    await expectError(await list({ channelId: '2812610' }, Math.floor(T0 / 1000)), 400, 'invalid timestamp.');
  });

  it('follows the server clock', async () => {
    const c = clock();
    h = await Harness.start({ now: c.now });
    c.advance(10 * 60_000);
    await expectError(await list({ channelId: '2812610' }), 400, 'invalid timestamp.');
  });

  it('refuses a bad sign, an unknown or missing appId, an illegal channel and empty or non-digit params', async () => {
    h = await Harness.start({ now: () => T0 });
    const signed = polyvParams(T0, { channelId: '2812610' });
    await expectError(await h.call('GET', PATH, { query: { ...signed, channelId: '2812611' } }), 403, 'invalid signature.');
    await expectError(await h.call('GET', PATH, { query: polyvQuery({ appId: 'other', timestamp: String(T0), channelId: '1' }) }), 400, 'application not found.');
    await expectError(await h.call('GET', PATH, { query: polyvQuery({ timestamp: String(T0), channelId: '1' }) }), 400, 'appId is required.');
    await expectError(await list({ channelId: 'abc' }), 403, 'illegal channel id: abc');
    await expectError(await list({ channelId: 'sandbox-missing' }), 403, 'illegal channel id: sandbox-missing');
    await expectError(await list({ channelId: '2812610', sessionId: '' }), 400, 'param should not be empty: sessionId');
    await expectError(await list({ channelId: '2812610', pageSize: 'ten' }), 400, 'param is not digit: pageSize');
    await expectError(await list({}), 400, 'param should not be empty: channelId');
  });

  it('limits requests per window and counts the refusals', async () => {
    const c = clock();
    h = await Harness.start({ now: c.now, polyvRateLimit: 3, polyvRateWindowMs: 10_000 });
    for (let i = 0; i < 3; i++) expect((await list({ channelId: '1' })).status).toBe(200);
    await expectError(await list({ channelId: '1' }), 403, 'qps exceeds number of calls');
    expect(h.sandbox.stats.polyvRateLimited).toBe(1);
    c.advance(10_000);
    expect((await list({ channelId: '1' }, c.now())).status).toBe(200);
  });
});
