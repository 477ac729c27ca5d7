// Every fault kind through real HTTP, rule selection (onRequest, every) and the seeded failRate.
import { request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { startSandbox } from '../../src/sandbox/server.js';
import type { FaultRule } from '../../src/sandbox/faults.js';
import { Harness, LIVECOUNT_AUTH, LIVECOUNT_PATH, polyvParams, T0, tencentQuery } from './helpers.js';

let h: Harness;
afterEach(() => h.close());

const POLYV = '/live/v4/channel/red-pack/statistics/list';
const TENCENT = '/v4/live_engine_http_srv/get_gift_count';

async function withFault(rule: Omit<FaultRule, 'onRequest' | 'every'>): Promise<Harness> {
  h = await Harness.start({ now: () => T0, faults: [{ ...rule, onRequest: 1 }] });
  return h;
}

const polyv = () => h.call('GET', POLYV, { query: polyvParams(T0, { channelId: 'sandbox-25' }) });
const tencent = () => h.call('POST', TENCENT, { query: tencentQuery(T0), json: { RoomId: 'r', From_Account: 'a' } });
const livecount = () => h.call('POST', LIVECOUNT_PATH, { json: { room_id: 3 }, headers: LIVECOUNT_AUTH });
async function wecom(body: Record<string, unknown> = { livingid: 'sandbox-5', next_key: '0' }) {
  return h.watch(await h.token(), body);
}

describe('transport faults', () => {
  it.each([
    ['http500', 500],
    ['http502', 502],
    ['http503', 503],
  ] as const)('%s answers that status with a gateway page, then recovers', async (kind, status) => {
    await withFault({ provider: 'polyv', kind });
    const first = await polyv();
    expect(first.status).toBe(status);
    expect(first.json).toBeUndefined();
    expect((await polyv()).status).toBe(200);
    expect(h.sandbox.stats.faultsInjected).toBe(1);
  });

  it('reset destroys the socket', async () => {
    await withFault({ provider: 'tencent', kind: 'reset' });
    await expect(tencent()).rejects.toThrow();
    expect((await tencent()).json.ErrorCode).toBe(0);
  });

  it('truncate sends a complete response whose JSON stops halfway', async () => {
    await withFault({ provider: 'wecom', kind: 'truncate' });
    const cut = await wecom();
    expect(cut.status).toBe(200);
    expect(cut.json).toBeUndefined();
    const whole = await wecom();
    expect(whole.text.startsWith(cut.text)).toBe(true);
    expect(cut.text.length).toBeLessThan(whole.text.length);
  });

  it('abortBody promises the whole body and drops the connection halfway', async () => {
    await withFault({ provider: 'livecount', kind: 'abortBody' });
    await expect(livecount()).rejects.toThrow();
  });

  it('hang never answers; close() drops the waiting request', async () => {
    await withFault({ provider: 'polyv', kind: 'hang' });
    const url = new URL(POLYV, h.sandbox.url);
    for (const [k, v] of Object.entries(polyvParams(T0, { channelId: '1' }))) url.searchParams.set(k, v);
    const outcome = request(url, { dispatcher: h.agent }).then(
      () => 'answered',
      () => 'dropped',
    );
    while (h.sandbox.stats.requests.red_pack_statistics === 0) await new Promise((resolve) => setImmediate(resolve));
    await h.sandbox.close();
    expect(await outcome).toBe('dropped');
  });
});

describe('protocol faults', () => {
  it('busy speaks each provider: WeCom -1, Tencent 100001, Polyv 500 "undefined error", LiveCount 503', async () => {
    await withFault({ provider: 'wecom', kind: 'busy' });
    expect((await wecom()).json.errcode).toBe(-1);
    await h.close();
    await withFault({ provider: 'tencent', kind: 'busy' });
    expect((await tencent()).json.ErrorCode).toBe(100001);
    await h.close();
    await withFault({ provider: 'polyv', kind: 'busy' });
    const p = await polyv();
    expect(p.status).toBe(500);
    expect(p.json).toMatchObject({ code: 500, error: { desc: 'undefined error' } });
    await h.close();
    await withFault({ provider: 'livecount', kind: 'busy' });
    expect((await livecount()).status).toBe(503);
  });

  it('expireToken invalidates the WeCom token for good (42001) until a new one is fetched', async () => {
    await withFault({ provider: 'wecom', kind: 'expireToken' });
    const token = await h.token();
    expect((await h.watch(token, { livingid: 'x' })).json.errcode).toBe(42001);
    expect((await h.watch(token, { livingid: 'x' })).json.errcode).toBe(42001);
    expect((await h.watch(await h.token(), { livingid: 'x' })).json.errcode).toBe(0);
  });

  it('expireToken answers Tencent 70001', async () => {
    await withFault({ provider: 'tencent', kind: 'expireToken' });
    expect((await tencent()).json.ErrorCode).toBe(70001);
  });

  it('missingField drops a required field of each provider', async () => {
    await withFault({ provider: 'wecom', kind: 'missingField' });
    const w = await wecom();
    expect(w.json.errcode).toBe(0);
    expect(w.json).not.toHaveProperty('ending');
    await h.close();
    await withFault({ provider: 'tencent', kind: 'missingField' });
    expect((await tencent()).json.Response).not.toHaveProperty('TotalCount');
    await h.close();
    await withFault({ provider: 'polyv', kind: 'missingField' });
    expect((await polyv()).json.data).not.toHaveProperty('totalPages');
    await h.close();
    await withFault({ provider: 'livecount', kind: 'missingField' });
    expect((await livecount()).json).not.toHaveProperty('result');
  });

  it('extraFields adds undocumented fields and keeps the documented ones', async () => {
    await withFault({ provider: 'wecom', kind: 'extraFields' });
    const w = await wecom();
    expect(w.json).toHaveProperty('sandbox_extra');
    expect(w.json.ending).toBe(1);
    const rows = [...w.json.stat_info.users, ...w.json.stat_info.external_users];
    expect(rows.every((r) => r.sandbox_unknown === 1 && typeof r.watch_time === 'number')).toBe(true);
    await h.close();
    await withFault({ provider: 'polyv', kind: 'extraFields' });
    const p = await polyv();
    expect(p.json).toHaveProperty('sandboxExtra');
    expect(p.json.data.contents[0]).toHaveProperty('sandboxUnknown');
    expect(p.json.data.totalItems).toBe(25);
    await h.close();
    await withFault({ provider: 'tencent', kind: 'extraFields' });
    expect((await tencent()).json.Response).toHaveProperty('SandboxUnknown');
    await h.close();
    await withFault({ provider: 'livecount', kind: 'extraFields' });
    expect((await livecount()).json.result).toHaveProperty('sandbox_unknown');
  });

  it('repeatNextKey hands back the key that was sent, with ending 0', async () => {
    h = await Harness.start({ wecomPageSize: 2, faults: [{ provider: 'wecom', kind: 'repeatNextKey', onRequest: 2 }] });
    const token = await h.token();
    const first = await h.watch(token, { livingid: 'sandbox-5', next_key: '0' });
    const second = await h.watch(token, { livingid: 'sandbox-5', next_key: first.json.next_key });
    expect(second.json.next_key).toBe(first.json.next_key);
    expect(second.json.ending).toBe(0);
  });

  it('invalidTimestamp, qps and totalPagesChange speak Polyv', async () => {
    h = await Harness.start({
      now: () => T0,
      faults: [
        { provider: 'polyv', kind: 'invalidTimestamp', onRequest: 1 },
        { provider: 'polyv', kind: 'qps', onRequest: 2 },
        { provider: 'polyv', kind: 'totalPagesChange', onRequest: 3 },
      ],
    });
    expect((await polyv()).json).toMatchObject({ code: 400, error: { desc: 'invalid timestamp.' } });
    expect((await polyv()).json).toMatchObject({ code: 403, error: { desc: 'qps exceeds number of calls' } });
    expect((await polyv()).json.data).toMatchObject({ totalItems: 35, totalPages: 4 });
    expect((await polyv()).json.data).toMatchObject({ totalItems: 25, totalPages: 3 });
    expect(h.sandbox.stats.polyvRateLimited).toBe(0);
    expect(h.sandbox.stats.faultsInjected).toBe(3);
  });

  it('qps speaks WeCom 45009 and Tencent 60018', async () => {
    await withFault({ provider: 'wecom', kind: 'qps' });
    expect((await wecom()).json.errcode).toBe(45009);
    await h.close();
    await withFault({ provider: 'tencent', kind: 'qps' });
    expect((await tencent()).json.ErrorCode).toBe(60018);
    expect(h.sandbox.stats.tencentRateLimited).toBe(0);
  });
});

describe('fault selection', () => {
  it('counts data requests per provider: every n-th, lists of numbers, gettoken excluded', async () => {
    h = await Harness.start({
      now: () => T0,
      faults: [
        { provider: 'wecom', kind: 'busy', every: 3 },
        { provider: 'tencent', kind: 'busy', onRequest: [2, 4] },
      ],
    });
    const w: number[] = [];
    for (let i = 0; i < 6; i++) w.push((await wecom()).json.errcode);
    expect(w).toEqual([0, 0, -1, 0, 0, -1]);
    const t: number[] = [];
    for (let i = 0; i < 5; i++) t.push((await tencent()).json.ErrorCode);
    expect(t).toEqual([0, 100001, 0, 100001, 0]);
  });

  it('refuses rules that do not apply or are ambiguous', async () => {
    await expect(startSandbox({ faults: [{ provider: 'polyv', kind: 'expireToken', onRequest: 1 }] })).rejects.toThrow(/does not apply to polyv/);
    await expect(startSandbox({ faults: [{ provider: 'wecom', kind: 'busy', onRequest: 1, every: 2 }] })).rejects.toThrow(/exactly one/);
    await expect(startSandbox({ faults: [{ provider: 'wecom', kind: 'busy', onRequest: 0 }] })).rejects.toThrow(/start at 1/);
    h = await Harness.start();
  });

  it('failRate fails a seeded share of requests with retryable answers, the same ones for the same seed', async () => {
    const run = async (seed: number): Promise<string[]> => {
      h = await Harness.start({ now: () => T0, failRate: 0.3, seed });
      const outcomes: string[] = [];
      for (let i = 0; i < 60; i++) {
        const a = await polyv();
        outcomes.push(a.status === 200 ? 'ok' : `${a.status}`);
      }
      await h.close();
      return outcomes;
    };
    const a = await run(7);
    const b = await run(7);
    const c = await run(8);
    expect(b).toEqual(a);
    expect(c).not.toEqual(a);
    const failures = a.filter((o) => o !== 'ok');
    expect(failures.length).toBeGreaterThan(6);
    expect(failures.length).toBeLessThan(36);
    expect(new Set(failures)).toEqual(new Set(['500', '503']));
    h = await Harness.start();
  });
});
