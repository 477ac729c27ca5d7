// get_user_all_livingid paging (cursor as a string, empty or missing next_cursor ends it, an error answer's
// payload ignored) and get_living_info (GET, every field optional, "status " spelling, backoff on 45009/45033),
// and the discovery that joins them: members read in order, an id read once, the window, the order.
import type { MockAgent } from 'undici';
import type { Pacer, PacerSlot } from '../../../src/http/client.js';
import { describe, expect, it } from 'vitest';
import { parseTimeWindow } from '../../../src/cli/time-window.js';
import { ExitCode } from '../../../src/errors.js';
import { createTimeFormatter } from '../../../src/output/time.js';
import { LIVING_COLUMNS, livingRow } from '../../../src/providers/wecom/living-rows.js';
import { discoverLivings, readLivingInfo, userLivingIds, type FoundLiving } from '../../../src/providers/wecom/livings.js';
import { RATE_LIMIT_WAIT_MS } from '../../../src/providers/wecom/schemas.js';
import { connectWecom, type WecomApi } from '../../../src/providers/wecom/token.js';
import { BASE_URL, caught, collect, expectGettoken, fixture, TOKEN_1, TOKEN_2, useHarnesses, type Harness, type HarnessOptions } from './helpers.js';

const startHarness = useHarnesses();
async function start(options?: HarnessOptions): Promise<{ h: Harness; api: WecomApi }> {
  const h = await startHarness(options);
  expectGettoken(h.agent, fixture('gettoken-ok'));
  return { h, api: connectWecom(h.session) };
}

/** Expects one get_user_all_livingid call with exactly this body, answered with `reply`. */
function expectIds(agent: MockAgent, sent: { userid: string; cursor: string; token?: string }, reply: unknown): void {
  agent
    .get(BASE_URL)
    .intercept({
      path: '/cgi-bin/living/get_user_all_livingid',
      method: 'POST',
      query: { access_token: sent.token ?? TOKEN_1 },
      body: (body: string) => {
        const json = JSON.parse(body) as Record<string, unknown>;
        return json.userid === sent.userid && json.cursor === sent.cursor && json.limit === 100 && Object.keys(json).length === 3;
      },
    })
    .reply(200, reply as object);
}

/** Expects get_living_info as a GET with the living id in the query (no body), `times` times. */
function expectInfo(agent: MockAgent, livingid: string, reply: unknown, times = 1, token = TOKEN_1): void {
  agent
    .get(BASE_URL)
    .intercept({ path: '/cgi-bin/living/get_living_info', method: 'GET', query: { access_token: token, livingid } })
    .reply(200, reply as object)
    .times(times);
}

function info(fields: Record<string, unknown>): unknown {
  return { errcode: 0, errmsg: 'ok', living_info: fields };
}

const A = 'lvOQpQDwAAcP0yL3y2Ml4wzQ7e_b2Gsg';
const B = 'lvOQpQDwAAh0xMqG1nqK_5sYzN3lO0bQ';
const C = 'lvOQpQDwAA7mRpbmN5yQp0F2kVwS3cUw';

describe('get_user_all_livingid paging', () => {
  it('sends cursor "" first, then each next_cursor as a string, and stops at an empty next_cursor', async () => {
    const { h, api } = await start();
    expectIds(h.agent, { userid: 'zhangsan', cursor: '' }, fixture('livingids-page-1'));
    expectIds(h.agent, { userid: 'zhangsan', cursor: 'aFcJ8QwAAAAB' }, fixture('livingids-page-2-last'));
    expect(await collect(userLivingIds(api, 'zhangsan'))).toEqual([[A, B], [C]]);
    h.agent.assertNoPendingInterceptors();
  });

  it('takes a missing next_cursor as the last page too', async () => {
    const { h, api } = await start();
    expectIds(h.agent, { userid: 'zhangsan', cursor: '' }, fixture('livingids-missing-cursor'));
    expect(await collect(userLivingIds(api, 'zhangsan'))).toEqual([[C]]);
  });

  it('does not stop at a short page that still names a next_cursor', async () => {
    const { h, api } = await start();
    expectIds(h.agent, { userid: 'zhangsan', cursor: '' }, { errcode: 0, errmsg: 'ok', next_cursor: 'c2', livingid_list: [A] });
    expectIds(h.agent, { userid: 'zhangsan', cursor: 'c2' }, fixture('livingids-empty'));
    expect((await collect(userLivingIds(api, 'zhangsan'))).flat()).toEqual([A]);
  });

  it('refuses a next_cursor that comes back again (exit 5) instead of looping', async () => {
    const { h, api } = await start();
    expectIds(h.agent, { userid: 'zhangsan', cursor: '' }, { errcode: 0, errmsg: 'ok', next_cursor: 'c1', livingid_list: [A] });
    expectIds(h.agent, { userid: 'zhangsan', cursor: 'c1' }, { errcode: 0, errmsg: 'ok', next_cursor: 'c1', livingid_list: [B] });
    const error = await caught(() => collect(userLivingIds(api, 'zhangsan')));
    expect(error.exitCode).toBe(ExitCode.provider);
    expect(error.message).toMatch(/next_cursor "c1" again/);
  });

  it('ignores the payload of an error answer: 60020 with livingid_list is an untrusted-IP error (exit 4) showing the IP', async () => {
    const { h, api } = await start();
    expectIds(h.agent, { userid: 'zhangsan', cursor: '' }, fixture('livingids-untrusted-ip'));
    const error = await caught(() => collect(userLivingIds(api, 'zhangsan')));
    expect(error.exitCode).toBe(ExitCode.auth);
    expect(error.message).toContain('code 60020');
    expect(error.message).toContain('from ip: x.x.x.x');
    expect(error.message).toContain('member zhangsan');
  });

  it('names the member WeCom does not know (60111, exit 5)', async () => {
    const { h, api } = await start();
    expectIds(h.agent, { userid: 'Zhang San', cursor: '' }, fixture('livingids-unknown-user'));
    const error = await caught(() => collect(userLivingIds(api, 'Zhang San')));
    expect(error.exitCode).toBe(ExitCode.provider);
    expect(error.message).toMatch(/does not know member "Zhang San".*code 60111/);
    expect(error.hint).toMatch(/userid/);
  });

  it('refreshes a rejected token once and asks for the same page again', async () => {
    const { h, api } = await start();
    expectIds(h.agent, { userid: 'zhangsan', cursor: '' }, fixture('token-expired'));
    expectGettoken(h.agent, fixture('gettoken-refreshed'));
    expectIds(h.agent, { userid: 'zhangsan', cursor: '', token: TOKEN_2 }, fixture('livingids-page-2-last'));
    expect((await collect(userLivingIds(api, 'zhangsan'))).flat()).toEqual([C]);
    h.agent.assertNoPendingInterceptors();
  });
});

describe('get_living_info', () => {
  const time = createTimeFormatter('Asia/Shanghai');
  const row = (livingid: string, i: Awaited<ReturnType<typeof readLivingInfo>>) =>
    livingRow({ livingid, userid: 'zhangsan', info: i, startS: undefined, status: undefined }, time);

  it('reads the doc sample: "status " with a trailing space, words for codes, times in --tz, replay status', async () => {
    const { h, api } = await start();
    expectInfo(h.agent, A, fixture('living-info-doc-sample'));
    expect(row(A, await readLivingInfo(api, A))).toEqual({
      living_id: A,
      anchor_userid: 'zhangsan',
      theme: '直角三角形讲解',
      status: 'expired',
      type: 'general',
      living_start: '2020-04-09T12:07:09+08:00',
      living_duration_s: 1800,
      reserve_start: '2020-04-09T12:07:19+08:00',
      reserve_duration_s: 1600,
      viewer_num: 100,
      comment_num: 110,
      mic_num: 120,
      online_count: 1,
      subscribe_count: 1,
      open_replay: true,
      replay_status: 'deleted',
      main_department: 1,
      description: '小学数学精选课程',
    });
  });

  it('reads the observed answer: "status", replay off so no replay status', async () => {
    const { h, api } = await start();
    expectInfo(h.agent, B, fixture('living-info-observed'));
    const r = row(B, await readLivingInfo(api, B));
    expect(r).toMatchObject({ status: 'ended', type: 'general', living_start: '2025-03-13T12:16:10+08:00', open_replay: false, replay_status: null });
    expect(r.anchor_userid).toBe('WangDeSheng');
    expect(Object.keys(r)).toEqual(LIVING_COLUMNS.map((c) => c.key));
  });

  it('makes every missing field null, and a start of 0 null', async () => {
    const { h, api } = await start();
    expectInfo(h.agent, A, fixture('living-info-bare'));
    expectInfo(h.agent, B, fixture('living-info-never-started'));
    const bare = row(A, await readLivingInfo(api, A));
    expect(Object.entries(bare).filter(([key]) => key !== 'living_id').every(([, value]) => value === null)).toBe(true);
    expect(row(B, await readLivingInfo(api, B))).toMatchObject({ status: 'reserved', type: 'event', living_start: null, reserve_start: '2026-01-16T19:00:00+08:00', open_replay: false });
  });

  it('refuses an answer without living_info (exit 5, naming the field and the living)', async () => {
    const { h, api } = await start();
    expectInfo(h.agent, A, fixture('living-info-missing-info'));
    const error = await caught(() => readLivingInfo(api, A));
    expect(error.exitCode).toBe(ExitCode.provider);
    expect(error.message).toContain('living_info');
    expect(error.message).toContain(A);
  });

  it('waits out 45009 (the per-minute block) and backs off on 45033, then reads the living', async () => {
    const { h, api } = await start();
    expectInfo(h.agent, A, fixture('rate-limited'));
    expectInfo(h.agent, A, fixture('concurrency-limited'));
    expectInfo(h.agent, A, fixture('living-info-observed'));
    expect((await readLivingInfo(api, A)).theme).toBe('预约直播-企业->推广2');
    expect(h.ctx.sleeps[0]).toBe(RATE_LIMIT_WAIT_MS);
    expect(h.ctx.sleeps).toHaveLength(2);
    expect(h.ctx.sleeps[1]).toBeLessThan(RATE_LIMIT_WAIT_MS);
  });

  it('fails the run naming the living after the retries (45009 with --retries 0: no wait)', async () => {
    const { h, api } = await start({ raw: { retries: '0' } });
    expectInfo(h.agent, A, fixture('rate-limited'));
    const error = await caught(() => readLivingInfo(api, A));
    expect(error.exitCode).toBe(ExitCode.provider);
    expect(error.message).toMatch(new RegExp(`living ${A}.*code 45009`));
    expect(h.ctx.sleeps).toEqual([]);
  });
});

describe('discoverLivings', () => {
  const utc = (iso: string): number => Date.parse(iso) / 1000;

  it('reads an id listed by two members once, keeps the first member, and orders by start then id', async () => {
    const { h, api } = await start();
    expectIds(h.agent, { userid: 'zhangsan', cursor: '' }, { errcode: 0, errmsg: 'ok', next_cursor: '', livingid_list: [C, A] });
    expectIds(h.agent, { userid: 'lisi', cursor: '' }, { errcode: 0, errmsg: 'ok', next_cursor: '', livingid_list: [A, B] });
    const start1 = utc('2026-01-10T02:00:00Z');
    expectInfo(h.agent, A, info({ living_start: start1, status: 2 }));
    expectInfo(h.agent, B, info({ living_start: start1, status: 3 }));
    expectInfo(h.agent, C, info({ living_start: utc('2026-01-09T02:00:00Z'), 'status ': 1 }));
    const found = await discoverLivings(api, ['zhangsan', 'lisi'], { since: undefined, until: undefined }, { concurrency: 3 });
    expect(found.map((l) => [l.livingid, l.userid, l.status])).toEqual([
      [C, 'zhangsan', 1],
      [A, 'zhangsan', 2],
      [B, 'lisi', 3],
    ]);
    h.agent.assertNoPendingInterceptors();
  });

  it('keeps a living whose start is in [since, until), and filters one that never started by reserve_start', async () => {
    const { h, api } = await start();
    const ids = ['in-start', 'at-until', 'before', 'reserved-in', 'reserved-out', 'no-start'];
    expectIds(h.agent, { userid: 'zhangsan', cursor: '' }, { errcode: 0, errmsg: 'ok', next_cursor: '', livingid_list: ids });
    expectInfo(h.agent, 'in-start', info({ living_start: utc('2026-01-14T00:00:00Z'), status: 2 }));
    expectInfo(h.agent, 'at-until', info({ living_start: utc('2026-01-15T00:00:00Z'), status: 2 }));
    expectInfo(h.agent, 'before', info({ living_start: utc('2026-01-13T23:59:59Z'), status: 2 }));
    expectInfo(h.agent, 'reserved-in', info({ living_start: 0, reserve_start: utc('2026-01-14T12:00:00Z'), status: 0 }));
    expectInfo(h.agent, 'reserved-out', info({ reserve_start: utc('2026-01-16T12:00:00Z'), status: 4 }));
    expectInfo(h.agent, 'no-start', info({ status: 3 }));
    const window = parseTimeWindow('2026-01-14', '2026-01-14', { zone: 'UTC', now: Date.parse('2026-01-15T08:00:00Z') });
    const found: FoundLiving[] = await discoverLivings(api, ['zhangsan'], window, { concurrency: 2 });
    expect(found.map((l) => l.livingid)).toEqual(['in-start', 'reserved-in']);
    h.agent.assertNoPendingInterceptors();
  });

  it('sends fewer get_living_info calls at once after a 45033, halving the limit each time, and says so with -v', async () => {
    const { h, api } = await start({ raw: { verbose: true } });
    const ids = Array.from({ length: 16 }, (_, i) => `lv_${i}`);
    expectIds(h.agent, { userid: 'zhangsan', cursor: '' }, { errcode: 0, errmsg: 'ok', next_cursor: '', livingid_list: ids });
    // lv_0 is refused once; every answer takes a little while, so calls overlap as they would on a network.
    h.agent
      .get(BASE_URL)
      .intercept({ path: '/cgi-bin/living/get_living_info', method: 'GET', query: { access_token: TOKEN_1, livingid: 'lv_0' } })
      .reply(200, fixture('concurrency-limited'))
      .delay(5);
    for (const id of ids) {
      h.agent
        .get(BASE_URL)
        .intercept({ path: '/cgi-bin/living/get_living_info', method: 'GET', query: { access_token: TOKEN_1, livingid: id } })
        .reply(200, info({ living_start: 1_700_000_000, status: 2 }) as object)
        .delay(20);
    }
    // Counts the attempts in flight when each one starts, and whether a 45033 had come back by then.
    let inFlight = 0;
    const starts: Array<{ inFlight: number; after45033: boolean }> = [];
    const countingPacer: Pacer = {
      acquire: () => Promise.resolve(),
      acquireSlot(): Promise<PacerSlot> {
        inFlight++;
        starts.push({ inFlight, after45033: h.ctx.err.text.includes('45033') });
        return Promise.resolve({ sent: () => undefined, release: () => void inFlight-- });
      },
    };
    const found = await discoverLivings(api, ['zhangsan'], { since: undefined, until: undefined }, { concurrency: 8, infoPacer: countingPacer });
    expect(found).toHaveLength(16);
    expect(Math.max(...starts.filter((s) => !s.after45033).map((s) => s.inFlight))).toBe(8);
    // After the 45033: lv_0 is retried in its own place; a new living starts only below 4 in flight.
    const later = starts.filter((s) => s.after45033).slice(1);
    expect(later.length).toBeGreaterThan(0);
    expect(Math.max(...later.map((s) => s.inFlight))).toBeLessThanOrEqual(4);
    expect(h.ctx.err.text).toContain('get_living_info: concurrency limit (45033), at most 4 in flight from now on');
    h.agent.assertNoPendingInterceptors();
  });
});
