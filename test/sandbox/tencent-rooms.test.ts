// Tencent get_room_list and get_room_stats through real HTTP: 47 rooms over three pages with a room rising between
// pages (one repeat), a destroyed room, 100004 for unknown rooms, Count and Next checks, and each endpoint's limit.
import { afterEach, describe, expect, it } from 'vitest';
import { DESTROYED_ROOM, REPEATED_ROOM, RISING_ROOM, ROOM_COUNT } from '../../src/sandbox/tencent-rooms-data.js';
import { startSandbox } from '../../src/sandbox/server.js';
import { clock, Harness, T0, tencentQuery } from './helpers.js';

let h: Harness;
afterEach(() => h.close());

const LIST = '/v4/live_engine_http_srv/get_room_list';
const STATS = '/v4/live_engine_http_srv/get_room_stats';

const list = (json: unknown) => h.call('POST', LIST, { query: tencentQuery(T0), json });
const stats = (json: unknown) => h.call('POST', STATS, { query: tencentQuery(T0), json });

describe('Tencent get_room_list', () => {
  it('pages 47 rooms 20 at a time; a room rises between pages, so the last of page 1 shows again on page 2', async () => {
    h = await Harness.start({ now: () => T0 });
    const pages: Array<Array<{ RoomId: string; ViewCount: number }>> = [];
    let next = '';
    for (;;) {
      const answer = await list({ Next: next, Count: 20 });
      expect(answer.json).toMatchObject({ ActionStatus: 'OK', ErrorCode: 0 });
      pages.push(answer.json.Response.RoomList);
      next = answer.json.Response.Next;
      if (next === '') break;
      expect(next).toMatch(/^\d{10}-[0-9a-f]{12}$/);
    }
    expect(pages.map((p) => p.length)).toEqual([20, 20, 7]);
    const ids = pages.flat().map((r) => r.RoomId);
    expect(ids.filter((id) => id === REPEATED_ROOM)).toHaveLength(2);
    expect(pages[0]?.at(-1)?.RoomId).toBe(REPEATED_ROOM);
    expect(pages[1]?.[0]?.RoomId).toBe(REPEATED_ROOM);
    expect(ids).not.toContain(RISING_ROOM);
    expect(new Set(ids).size).toBe(ROOM_COUNT - 1);
    expect(ids).toContain(DESTROYED_ROOM);
    // Each page is sorted by ViewCount, descending.
    for (const page of pages) expect(page.map((r) => r.ViewCount)).toEqual([...page.map((r) => r.ViewCount)].sort((a, b) => b - a));
    // The first page as Tencent's admin tool asks for it (Next "0") is the same page.
    expect((await list({ Next: '0', Count: 20 })).json.Response.RoomList).toEqual(pages[0]);
  });

  it('pages through tencentRoomCount rooms when asked for more, and refuses fewer than the named rooms need', async () => {
    h = await Harness.start({ now: () => T0, tencentRoomCount: 101 });
    let next = '';
    const ids: string[] = [];
    do {
      const answer = await list({ Next: next, Count: 20 });
      ids.push(...(answer.json.Response.RoomList as Array<{ RoomId: string }>).map((r) => r.RoomId));
      next = answer.json.Response.Next;
    } while (next !== '');
    expect(ids).toHaveLength(101);
    expect(new Set(ids).size).toBe(100);
    expect((await stats({ RoomId: 'room-101' })).json.Response.TotalViewers).toBe(0);
    await expect(startSandbox({ tencentRoomCount: 44 })).rejects.toThrow(RangeError);
  });

  it('refuses a Count above 20 and a Next it did not hand out (100002)', async () => {
    h = await Harness.start({ now: () => T0 });
    expect((await list({ Next: '', Count: 21 })).json.ErrorCode).toBe(100002);
    expect((await list({ Next: '1793491220-000000000000', Count: 20 })).json.ErrorCode).toBe(100002);
    expect((await list({ Next: 'anything', Count: 20 })).json.ErrorCode).toBe(100002);
    expect((await list({ Count: 5 })).json.Response.RoomList).toHaveLength(5);
  });

  it('allows 10 calls a second and answers the 11th with 60018', async () => {
    const c = clock();
    h = await Harness.start({ now: c.now });
    for (let i = 0; i < 10; i++) expect((await list({ Next: '', Count: 1 })).json.ErrorCode).toBe(0);
    expect((await list({ Next: '', Count: 1 })).json.ErrorCode).toBe(60018);
    expect(h.sandbox.stats.tencentRateLimited).toBe(1);
    c.advance(1000);
    expect((await list({ Next: '', Count: 1 })).json.ErrorCode).toBe(0);
    expect(h.sandbox.stats.maxPerSecond.get_room_list).toBe(11);
  });
});

describe('Tencent get_room_stats', () => {
  it('answers a listed room with its totals, the same every time', async () => {
    h = await Harness.start({ now: () => T0 });
    const first = await stats({ RoomId: 'room-01' });
    expect(first.json).toMatchObject({ ActionStatus: 'OK', ErrorCode: 0 });
    const r = first.json.Response;
    expect(Object.keys(r).sort()).toEqual(['TotalGiftCoins', 'TotalGiftsSent', 'TotalLikesReceived', 'TotalMsgCount', 'TotalUniqueGiftSenders', 'TotalViewers']);
    expect(r.TotalUniqueGiftSenders).toBeLessThanOrEqual(r.TotalViewers);
    expect((await stats({ RoomId: 'room-01' })).json.Response).toEqual(r);
    // The rising room exists, though a lister skips it.
    expect((await stats({ RoomId: RISING_ROOM })).json.ErrorCode).toBe(0);
  });

  it('answers 100004 for the destroyed room and for rooms it never had, 100002 for a bad RoomId', async () => {
    h = await Harness.start({ now: () => T0 });
    for (const room of [DESTROYED_ROOM, 'sandbox-missing', 'no-such-room']) {
      expect((await stats({ RoomId: room })).json).toMatchObject({ ActionStatus: 'FAIL', ErrorCode: 100004 });
    }
    expect((await stats({ RoomId: '' })).json.ErrorCode).toBe(100002);
    expect((await stats({ RoomId: 'x'.repeat(49) })).json.ErrorCode).toBe(100002);
  });

  it('allows 100 calls a second and answers the 101st with 100012', async () => {
    const c = clock();
    h = await Harness.start({ now: c.now });
    const answers = await Promise.all(Array.from({ length: 101 }, () => stats({ RoomId: 'room-02' })));
    const codes = answers.map((a) => a.json.ErrorCode as number);
    expect(codes.filter((code) => code === 0)).toHaveLength(100);
    expect(codes.filter((code) => code === 100012)).toHaveLength(1);
    expect(h.sandbox.stats.maxPerSecond.get_room_stats).toBe(101);
  });

  it('verifies the UserSig as get_gift_count does', async () => {
    h = await Harness.start({ now: () => T0 });
    const answer = await h.call('POST', STATS, { query: { ...tencentQuery(T0), usersig: 'not*a*sig' }, json: { RoomId: 'room-01' } });
    expect(answer.json.ErrorCode).toBe(70003);
  });
});
