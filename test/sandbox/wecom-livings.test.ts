// WeCom get_user_all_livingid and get_living_info in the sandbox, through real HTTP: tokens, cursor pages,
// members and their livings, start times placed on the sandbox's clock, unknown members and the 45009 budget.
import { afterEach, describe, expect, it } from 'vitest';
import { clock, Harness } from './helpers.js';

let h: Harness;
afterEach(() => h.close());

// 2026-01-15T08:00:00Z: "today" in UTC began at 2026-01-15T00:00Z.
const NOW = Date.UTC(2026, 0, 15, 8, 0, 0);
const TODAY_S = Date.UTC(2026, 0, 15) / 1000;

function list(token: string, body: unknown) {
  return h.call('POST', '/cgi-bin/living/get_user_all_livingid', { query: { access_token: token }, json: body });
}

function info(token: string, livingid: string) {
  return h.call('GET', '/cgi-bin/living/get_living_info', { query: { access_token: token, livingid } });
}

describe('get_user_all_livingid', () => {
  it('checks the token like get_watch_stat', async () => {
    h = await Harness.start();
    expect((await h.call('POST', '/cgi-bin/living/get_user_all_livingid', { json: { userid: 'sandbox-anchor' } })).json.errcode).toBe(41001);
    expect((await list('not-a-token', { userid: 'sandbox-anchor' })).json.errcode).toBe(40014);
  });

  it('pages 250 livings at limit 100 with an opaque cursor and an empty next_cursor on the last page', async () => {
    h = await Harness.start();
    const token = await h.token();
    const ids: string[] = [];
    const sizes: number[] = [];
    let cursor = '';
    for (let page = 0; page < 5; page++) {
      const answer = await list(token, { userid: 'sandbox-anchor-250', cursor, limit: 100 });
      expect(answer.json.errcode).toBe(0);
      ids.push(...(answer.json.livingid_list as string[]));
      sizes.push(answer.json.livingid_list.length);
      cursor = answer.json.next_cursor as string;
      if (cursor === '') break;
    }
    expect(sizes).toEqual([100, 100, 50]);
    expect(new Set(ids).size).toBe(250);
    expect(h.sandbox.stats.requests.get_user_all_livingid).toBe(3);
  });

  it('lists the anchor (every status), shares sandbox-12 with the cohost, and has a member with none', async () => {
    h = await Harness.start();
    const token = await h.token();
    const anchor = (await list(token, { userid: 'sandbox-anchor', cursor: '', limit: 20 })).json;
    expect(anchor.next_cursor).toBe('');
    expect(anchor.livingid_list).toContain('sandbox-12');
    expect((await list(token, { userid: 'sandbox-cohost' })).json.livingid_list).toEqual(['sandbox-12', 'sandbox-8']);
    expect((await list(token, { userid: 'sandbox-nobody' })).json).toEqual({ errcode: 0, errmsg: 'ok', next_cursor: '', livingid_list: [] });
  });

  it.each([
    [{ userid: 'zhangsan' }, 60111],
    [{ userid: '' }, 41009],
    [{ userid: 'sandbox-anchor', cursor: 0 }, 40058],
    [{ userid: 'sandbox-anchor', cursor: 'bm9wZQ' }, 40058],
    [{ userid: 'sandbox-anchor', limit: 101 }, 40058],
  ])('refuses %j with errcode %i', async (body, errcode) => {
    h = await Harness.start();
    expect((await list(await h.token(), body)).json.errcode).toBe(errcode);
  });

  it("refuses another member's cursor", async () => {
    h = await Harness.start();
    const token = await h.token();
    const first = await list(token, { userid: 'sandbox-anchor-250', cursor: '', limit: 10 });
    expect((await list(token, { userid: 'sandbox-anchor-300', cursor: first.json.next_cursor })).json.errcode).toBe(40058);
  });
});

describe('get_living_info', () => {
  it('is a GET: a POST is refused', async () => {
    h = await Harness.start();
    expect((await h.call('POST', '/cgi-bin/living/get_living_info', { query: { access_token: await h.token(), livingid: 'sandbox-12' } })).status).toBe(405);
  });

  it('places starts on whole UTC days before the sandbox clock, with every status and type among the anchor livings', async () => {
    h = await Harness.start({ now: () => NOW });
    const token = await h.token();
    const ids = (await list(token, { userid: 'sandbox-anchor' })).json.livingid_list as string[];
    const infos = await Promise.all(ids.map(async (id) => (await info(token, id)).json.living_info as Record<string, number | string>));
    const byId = Object.fromEntries(ids.map((id, i) => [id, infos[i]!]));
    expect(byId['sandbox-12']).toMatchObject({ living_start: TODAY_S - 86_400 + 12 * 3600, status: 2, viewer_num: 12, anchor_userid: 'sandbox-anchor' });
    expect(byId['sandbox-20']).toMatchObject({ living_start: NOW / 1000 - 1800, status: 1 });
    expect(byId['sandbox-3']).toMatchObject({ living_start: 0, status: 0, reserve_start: TODAY_S + 86_400 + 12 * 3600 });
    expect(byId['sandbox-5']!['status ']).toBe(3);
    expect(byId['sandbox-5']!.status).toBeUndefined();
    expect(Object.keys(byId['sandbox-2']!).sort()).toEqual(['living_start', 'status']);
    const statuses = new Set(infos.map((i) => i.status ?? i['status ']));
    expect([...statuses].sort()).toEqual([0, 1, 2, 3, 4]);
    expect([...new Set(infos.map((i) => i.type).filter((t) => t !== undefined))].sort()).toEqual([0, 1, 2, 3, 4]);
    // replay_status only where open_replay is 1.
    for (const i of infos) expect(i.replay_status !== undefined).toBe(i.open_replay === 1);
    expect(infos.some((i) => i.open_replay === 0)).toBe(true);
  });

  it('answers the same for the same clock, and the livings of sandbox-anchor-<N> skip the seventh day back', async () => {
    h = await Harness.start({ now: () => NOW });
    const token = await h.token();
    const first = (await info(token, 'sandbox-anchor-40-0')).json;
    expect((await info(token, 'sandbox-anchor-40-0')).json).toEqual(first);
    expect(first.living_info).toMatchObject({ living_start: TODAY_S - 86_400 + 2 * 3600, anchor_userid: 'sandbox-anchor-40', viewer_num: 42 });
    const days = await Promise.all(
      Array.from({ length: 40 }, async (_, i) => Math.ceil((TODAY_S - ((await info(token, `sandbox-anchor-40-${i}`)).json.living_info.living_start as number)) / 86_400)),
    );
    expect(days).not.toContain(7);
    expect(Math.max(...days)).toBe(11);
  });

  it.each([
    ['sandbox-forbidden', 92008],
    ['sandbox-missing', 40058],
    ['sandbox-anchor-40-40', 40058],
  ])('answers %s with errcode %i', async (livingid, errcode) => {
    h = await Harness.start();
    expect((await info(await h.token(), livingid)).json.errcode).toBe(errcode);
  });

  it('answers 45009 past its per-second budget, and again after a second has passed', async () => {
    const c = clock(NOW);
    h = await Harness.start({ now: c.now, wecomLivingRateLimit: 5 });
    const token = await h.token();
    const codes: number[] = [];
    for (let i = 0; i < 7; i++) codes.push((await info(token, 'sandbox-12')).json.errcode as number);
    expect(codes).toEqual([0, 0, 0, 0, 0, 45009, 45009]);
    expect(h.sandbox.stats.wecomRateLimited).toBe(2);
    // The list has a budget of its own.
    expect((await list(token, { userid: 'sandbox-anchor' })).json.errcode).toBe(0);
    c.advance(1000);
    expect((await info(token, 'sandbox-12')).json.errcode).toBe(0);
  });
});
