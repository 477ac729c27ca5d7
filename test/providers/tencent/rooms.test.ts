// Tencent rooms against MockAgent fixtures: the §7.4/§7.5 doc samples, get_room_list's three end conditions,
// dedup across pages, 100004 for a listed room (warning, null totals) and for a named one (exit 5), one UserSig
// renewal on 70001, 100012 retried, and the get_room_statistic fallback on 60009.
import { afterEach, describe, expect, it } from 'vitest';
import { AuthError, ExitCode, ProviderError } from '../../../src/errors.js';
import { createTimeFormatter } from '../../../src/output/time.js';
import { TencentApi } from '../../../src/providers/tencent/api.js';
import { fetchRoomListPage, listRooms } from '../../../src/providers/tencent/room-list.js';
import { roomRow, roomSummary, type RoomRow } from '../../../src/providers/tencent/room-rows.js';
import { RoomStatsReader } from '../../../src/providers/tencent/room-stats.js';
import { roomRows, type RoomsQuery } from '../../../src/providers/tencent/rooms.js';
import { roomListSchema, roomStatsSchema } from '../../../src/providers/tencent/schemas.js';
import { recordingPacer } from '../../helpers/http.js';
import { CN, decodeUserSig, fixture, session, setup, type TestSetup } from './harness.js';

let t: TestSetup | undefined;
afterEach(async () => {
  if (t === undefined) return;
  const { agent } = t;
  t = undefined;
  agent.assertNoPendingInterceptors();
  await agent.close();
});

interface Seen {
  path: string;
  query: URLSearchParams;
  body: Record<string, unknown>;
}

const onPath = (command: string) => (path: string) => path.startsWith(`/v4/live_engine_http_srv/${command}?`);

/** Answers each call to `command` with the next body, in order, recording what was sent. */
function answer(command: string, ...bodies: Array<Record<string, unknown>>): Seen[] {
  const requests: Seen[] = [];
  for (const body of bodies) {
    t!.agent
      .get(CN)
      .intercept({ path: onPath(command), method: 'POST' })
      .reply(200, (opts) => {
        const url = new URL(opts.path, 'http://x');
        requests.push({ path: url.pathname, query: url.searchParams, body: JSON.parse(String(opts.body)) as Record<string, unknown> });
        return body;
      });
  }
  return requests;
}

/** Answers get_room_stats per room id. */
function statsByRoom(answers: Record<string, Record<string, unknown>>): Seen[] {
  const requests: Seen[] = [];
  t!.agent
    .get(CN)
    .intercept({ path: onPath('get_room_stats'), method: 'POST' })
    .reply(200, (opts) => {
      const body = JSON.parse(String(opts.body)) as { RoomId: string };
      requests.push({ path: 'get_room_stats', query: new URLSearchParams(), body });
      return answers[body.RoomId] ?? fixture('room-not-found');
    })
    .persist();
  return requests;
}

async function api(): Promise<TencentApi> {
  return TencentApi.open(await session(t!));
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

const UTC = createTimeFormatter('UTC');

function query(overrides: Partial<RoomsQuery> = {}): RoomsQuery & { warnings: string[] } {
  const warnings: string[] = [];
  return {
    stats: true,
    concurrency: 4,
    listPacer: recordingPacer(),
    statsPacer: recordingPacer(),
    time: UTC,
    warn: (line) => warnings.push(line),
    log: () => undefined,
    ...overrides,
    warnings,
  };
}

describe('room schemas: the doc samples', () => {
  it('get_room_list (§7.4) and get_room_stats (§7.5) parse as documented', () => {
    const list = roomListSchema.parse(fixture('room-list-sample'));
    expect(list.Response.Next).toBe('1693271355-123123123123');
    expect(list.Response.RoomList?.[0]).toMatchObject({ RoomId: 'room_id0', Category: [1, 2, 3], CreateTime: 1693271354, ViewCount: 1000 });
    expect(roomStatsSchema.parse(fixture('room-stats-sample')).Response).toEqual({
      TotalViewers: 1024,
      TotalGiftsSent: 56,
      TotalGiftCoins: 8800,
      TotalUniqueGiftSenders: 12,
      TotalLikesReceived: 3200,
      TotalMsgCount: 450,
    });
  });

  it('a room without RoomId, or totals without a field, is exit 5 naming the field', async () => {
    t = setup();
    answer('get_room_list', fixture('room-list-missing-room-id'));
    answer('get_room_stats', fixture('room-stats-missing-likes'));
    const a = await api();
    const listError = await fetchRoomListPage(a, '').catch((e: unknown) => e);
    expect(listError).toBeInstanceOf(ProviderError);
    expect((listError as ProviderError).message).toContain('Response.RoomList.0.RoomId');
    const statsError = await new RoomStatsReader(a).read('room_id0').catch((e: unknown) => e);
    expect((statsError as ProviderError).exitCode).toBe(ExitCode.provider);
    expect((statsError as ProviderError).message).toContain('Response.TotalLikesReceived');
  });
});

describe('get_room_list paging', () => {
  it('sends {Next: "", Count: 20} first, follows Next, stops at an empty Next and drops the repeated room', async () => {
    t = setup();
    const requests = answer('get_room_list', fixture('room-list-sample'), fixture('room-list-page-2-last'));
    const duplicates: string[] = [];
    const rooms = await collect(listRooms(await api(), { onDuplicate: (id) => duplicates.push(id) }));
    expect(rooms.map((r) => r.RoomId)).toEqual(['room_id0', 'room_id1']);
    // The first sighting is kept (ViewCount 1000, not the 990 of the later page).
    expect(rooms[0]?.ViewCount).toBe(1000);
    expect(duplicates).toEqual(['room_id0']);
    expect(requests.map((r) => r.body)).toEqual([
      { Next: '', Count: 20 },
      { Next: '1693271355-123123123123', Count: 20 },
    ]);
    expect(decodeUserSig(requests[0]?.query.get('usersig') ?? '')).toMatchObject({ 'TLS.identifier': 'administrator', 'TLS.sdkappid': 1400000000 });
  });

  it('stops when Next is missing', async () => {
    t = setup();
    const requests = answer('get_room_list', fixture('room-list-no-next'));
    expect((await collect(listRooms(await api()))).map((r) => r.RoomId)).toEqual(['room_id2']);
    expect(requests).toHaveLength(1);
  });

  it('stops at an empty RoomList even when Next is not empty', async () => {
    t = setup();
    const requests = answer('get_room_list', fixture('room-list-sample'), fixture('room-list-empty'));
    expect((await collect(listRooms(await api()))).map((r) => r.RoomId)).toEqual(['room_id0']);
    expect(requests).toHaveLength(2);
  });

  it('fails (exit 5) when Next comes back a second time', async () => {
    t = setup();
    answer('get_room_list', fixture('room-list-sample'), fixture('room-list-sample'));
    const error = await collect(listRooms(await api())).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderError);
    expect((error as ProviderError).message).toContain('"1693271355-123123123123" a second time');
  });

  it('with a limit asks for no page past the one that reaches it', async () => {
    t = setup();
    const requests = answer('get_room_list', fixture('room-list-sample'));
    expect(await collect(listRooms(await api(), { limit: 1 }))).toHaveLength(1);
    expect(requests).toHaveLength(1);
  });

  it('paces every page through the list pacer', async () => {
    t = setup();
    answer('get_room_list', fixture('room-list-sample'), fixture('room-list-page-2-last'));
    const pacer = recordingPacer();
    await collect(listRooms(await api(), { pacer }));
    expect(pacer.calls).toBe(2);
  });
});

describe('rooms: list and totals', () => {
  it('reads each listed room once, keeps list order, and a room gone since (100004) keeps null totals with one warning', async () => {
    t = setup();
    answer('get_room_list', fixture('room-list-sample'), fixture('room-list-page-2-last'));
    const stats = statsByRoom({ room_id0: fixture('room-stats-sample') });
    const q = query();
    const rows = await collect(roomRows(await api(), q));
    expect(rows.map((r) => r.room_id)).toEqual(['room_id0', 'room_id1']);
    expect(rows[0]).toEqual({
      room_id: 'room_id0',
      room_name: 'name',
      owner_account: 'bren',
      created_at: '2023-08-29T01:09:14+00:00',
      category: [1, 2, 3],
      activity_status: 1,
      view_count: 1000,
      total_viewers: 1024,
      total_gifts_sent: 56,
      total_gift_coins: 8800,
      unique_gift_senders: 12,
      likes_received: 3200,
      msg_count: 450,
    });
    // Empty name, absent owner and CreateTime 0 are null; an empty category list stays a list.
    expect(rows[1]).toMatchObject({ room_name: null, owner_account: null, created_at: null, category: [], view_count: 12, total_viewers: null, msg_count: null });
    expect(q.warnings).toHaveLength(1);
    expect(q.warnings[0]).toMatch(/room "room_id1" was listed but no longer exists \(get_room_stats 100004\)/);
    expect(stats.map((s) => s.body.RoomId)).toEqual(['room_id0', 'room_id1']);
    expect((q.statsPacer as ReturnType<typeof recordingPacer>).calls).toBe(2);
  });

  it('--no-stats lists only', async () => {
    t = setup();
    answer('get_room_list', fixture('room-list-no-next'));
    const rows = await collect(roomRows(await api(), query({ stats: false })));
    expect(rows).toEqual([expect.objectContaining({ room_id: 'room_id2', category: [7], total_viewers: null, likes_received: null })]);
  });

  it('--room reads only those rooms, list fields null, in the order given', async () => {
    t = setup();
    statsByRoom({ b: fixture('room-stats-sample'), a: fixture('room-stats-sample') });
    const rows = await collect(roomRows(await api(), query({ rooms: ['b', 'a'] })));
    expect(rows.map((r) => r.room_id)).toEqual(['b', 'a']);
    expect(rows[0]).toMatchObject({ room_name: null, owner_account: null, created_at: null, category: null, view_count: null, total_viewers: 1024 });
  });

  it('--room naming a room that does not exist is exit 5 naming it', async () => {
    t = setup();
    statsByRoom({ a: fixture('room-stats-sample') });
    const q = query({ rooms: ['a', 'ghost'] });
    const error = await collect(roomRows(await api(), q)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderError);
    expect((error as ProviderError).exitCode).toBe(ExitCode.provider);
    expect((error as ProviderError).message).toMatch(/^Tencent get_room_stats: room "ghost" does not exist \(code 100004/);
    expect(q.warnings).toEqual([]);
  });
});

describe('get_room_stats answers', () => {
  it('70001 renews the UserSig once and retries; a second 70001 is exit 4', async () => {
    t = setup();
    const requests = answer('get_room_stats', fixture('usersig-expired'), fixture('room-stats-sample'));
    const a = await api();
    const reader = new RoomStatsReader(a);
    a.userSigs.current();
    t!.clock.ms += 5_000;
    expect((await reader.read('r')).found).toBe(true);
    const [first, second] = requests.map((r) => decodeUserSig(r.query.get('usersig') ?? ''));
    expect(first?.['TLS.time']).toBe(1_700_000_000);
    expect(second?.['TLS.time']).toBe(1_700_000_005);

    // The run's one renewal is spent: a later 70001 is not retried.
    const again = answer('get_room_stats', fixture('usersig-expired'));
    const error = await reader.read('r').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthError);
    expect((error as AuthError).exitCode).toBe(ExitCode.auth);
    expect(again).toHaveLength(1);
  });

  it('100012 (too frequent) is retried after a wait', async () => {
    t = setup();
    const requests = answer('get_room_stats', fixture('room-stats-too-frequent'), fixture('room-stats-sample'));
    const result = await new RoomStatsReader(await api()).read('r');
    expect(result.found).toBe(true);
    expect(requests).toHaveLength(2);
    expect(t!.clock.sleeps.length).toBeGreaterThan(0);
  });

  it('60009 moves the run to get_room_statistic', async () => {
    t = setup();
    const stats = answer('get_room_stats', fixture('bad-resource-url'));
    const statistic = answer('get_room_statistic', fixture('room-stats-sample'), fixture('room-stats-sample'));
    const reader = new RoomStatsReader(await api());
    expect((await reader.read('a')).found).toBe(true);
    expect((await reader.read('b')).found).toBe(true);
    expect(stats).toHaveLength(1);
    expect(statistic.map((r) => r.body)).toEqual([{ RoomId: 'a' }, { RoomId: 'b' }]);
  });

  it('another business error is exit 5 naming the room', async () => {
    t = setup();
    answer('get_room_stats', fixture('bad-parameter'));
    const error = await new RoomStatsReader(await api()).read('r1').catch((e: unknown) => e);
    expect((error as ProviderError).exitCode).toBe(ExitCode.provider);
    expect((error as ProviderError).message).toContain('room "r1"');
  });
});

describe('rooms summary', () => {
  const row = (id: string, views: number | null, viewers: number | null): RoomRow => ({
    ...roomRow(undefined, id, undefined, UTC),
    view_count: views,
    total_viewers: viewers,
    total_gifts_sent: viewers === null ? null : 2,
    total_gift_coins: viewers === null ? null : 30,
    likes_received: viewers === null ? null : 4,
    msg_count: viewers === null ? null : 5,
  });

  it('sums known values only and counts the rooms with totals', () => {
    const spec = roomSummary({ list: true, stats: true });
    const acc = spec.create('all rooms');
    for (const r of [row('a', 10, 100), row('b', 5, null), row('c', 1, 7)]) spec.add(acc, r);
    expect(spec.finish(acc)).toEqual({
      rooms: 3,
      rooms_with_stats: 2,
      view_count: 16,
      total_viewers: 107,
      total_gifts_sent: 4,
      total_gift_coins: 60,
      likes_received: 8,
      msg_count: 10,
    });
  });

  it('leaves what the run did not read null, and zero rooms as zeros', () => {
    expect(roomSummary({ list: true, stats: false }).create('all rooms')).toEqual({
      rooms: 0,
      rooms_with_stats: 0,
      view_count: 0,
      total_viewers: null,
      total_gifts_sent: null,
      total_gift_coins: null,
      likes_received: null,
      msg_count: null,
    });
    expect(roomSummary({ list: false, stats: true }).create('all rooms')).toMatchObject({ view_count: null, total_viewers: 0 });
  });
});
