// `livestats rooms` end to end through bin/livestats.js: every page of the sandbox's room list with the repeated
// room dropped, --room, --no-stats, the destroyed room's warning, --summary, exit 5 for a missing --room, --limit,
// both rate limits as the sandbox counted the arrivals, and --dry-run with the UserSig redacted.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '../../src/sandbox/server.js';
import { DESTROYED_ROOM, REPEATED_ROOM, RISING_ROOM, ROOM_COUNT } from '../../src/sandbox/tencent-rooms-data.js';
import { baseEnv, runCli, sandboxedEnv, STACK_FRAME, useSandboxAndConfigDirs } from './cli-runner.js';
import { ROOM_COLUMNS, type Row } from './contract.js';
import { parseCsv } from './output-parsers.js';

let sandbox!: RunningSandbox;
const { freshDir } = useSandboxAndConfigDirs((started) => (sandbox = started));

/** With --sandbox: the binary starts its own simulator. */
const own = (args: readonly string[]) => runCli(['rooms', '--sandbox', '-q', ...args], { env: baseEnv(freshDir()) });
/** Against the sandbox started here, whose counters the test reads. */
const external = (args: readonly string[], server: RunningSandbox = sandbox) => runCli(['rooms', '-q', ...args], { env: sandboxedEnv(freshDir(), server) });
const json = (text: string) => JSON.parse(text) as Row[];
const STATS_COLUMNS = ['total_viewers', 'total_gifts_sent', 'total_gift_coins', 'unique_gift_senders', 'likes_received', 'msg_count'] as const;
const LIST_COLUMNS = ['room_name', 'owner_account', 'created_at', 'category', 'activity_status', 'view_count'] as const;

describe('rooms: every room', () => {
  it('lists every page, drops the room seen twice, and reads each room once; the destroyed room keeps null totals and one warning', async () => {
    const result = await own(['--json']);
    expect(result.code, result.stderr).toBe(0);
    const rows = json(result.stdout);
    const ids = rows.map((r) => r.room_id);
    // 47 rooms, one of which rose to page 1 after it was served: listed by no page, as on the real service.
    expect(rows).toHaveLength(ROOM_COUNT - 1);
    expect(new Set(ids).size).toBe(rows.length);
    expect(ids.filter((id) => id === REPEATED_ROOM)).toHaveLength(1);
    expect(ids).not.toContain(RISING_ROOM);
    expect(Object.keys(rows[0] as Row)).toEqual([...ROOM_COLUMNS]);
    // List order: ViewCount descending.
    const views = rows.map((r) => r.view_count as number);
    expect(views).toEqual([...views].sort((a, b) => b - a));
    const destroyed = rows.find((r) => r.room_id === DESTROYED_ROOM) as Row;
    for (const column of STATS_COLUMNS) expect(destroyed[column], column).toBeNull();
    expect(destroyed.view_count).toEqual(expect.any(Number));
    for (const row of rows.filter((r) => r !== destroyed)) for (const column of STATS_COLUMNS) expect(row[column], column).toEqual(expect.any(Number));
    expect(rows.every((r) => Array.isArray(r.category))).toBe(true);
    expect(rows[0]?.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00$/);
    const warnings = result.stderr.trimEnd().split('\n');
    expect(warnings).toEqual([`livestats: warning: room "${DESTROYED_ROOM}" was listed but no longer exists (get_room_stats 100004); its totals are left empty`]);
  });

  it('writes the same rows as CSV, categories joined by "," and null as an empty cell', async () => {
    const [asJson, asCsv] = await Promise.all([own(['--json']), own(['--csv'])]);
    expect(asCsv.code, asCsv.stderr).toBe(0);
    const { records } = parseCsv(asCsv.stdout);
    expect(records[0]).toEqual([...ROOM_COLUMNS]);
    const rows = json(asJson.stdout);
    expect(records).toHaveLength(rows.length + 1);
    rows.forEach((row, i) => {
      const record = records[i + 1] as string[];
      ROOM_COLUMNS.forEach((column, c) => {
        const value = row[column];
        const text = value === null ? '' : Array.isArray(value) ? value.join(',') : String(value);
        expect(record[c], `${row.room_id as string} ${column}`).toBe(text);
      });
    });
    expect(asCsv.stdout).toMatch(/,"\d+,\d+(,\d+)?",/);
  });

  it('--no-stats lists only: stats fields null, no get_room_stats call', async () => {
    const before = sandbox.stats.requests.get_room_stats;
    const result = await external(['--no-stats', '--ndjson']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toBe('');
    const rows = result.stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as Row);
    expect(rows).toHaveLength(ROOM_COUNT - 1);
    for (const row of rows) for (const column of STATS_COLUMNS) expect(row[column]).toBeNull();
    expect(sandbox.stats.requests.get_room_stats).toBe(before);
  });

  it('--summary prints one row whose sums are those of the detail rows', async () => {
    const [detail, summary] = await Promise.all([own(['--json']), own(['--summary', '--json'])]);
    expect(summary.code, summary.stderr).toBe(0);
    const rows = json(detail.stdout);
    const sum = (column: string) => rows.reduce((acc, r) => acc + ((r[column] as number | null) ?? 0), 0);
    expect(json(summary.stdout)).toEqual([
      {
        rooms: ROOM_COUNT - 1,
        rooms_with_stats: ROOM_COUNT - 2,
        view_count: sum('view_count'),
        total_viewers: sum('total_viewers'),
        total_gifts_sent: sum('total_gifts_sent'),
        total_gift_coins: sum('total_gift_coins'),
        likes_received: sum('likes_received'),
        msg_count: sum('msg_count'),
      },
    ]);
  });

  it('--limit 3 asks for one list page and three rooms\' totals', async () => {
    const list = sandbox.stats.requests.get_room_list;
    const stats = sandbox.stats.requests.get_room_stats;
    const result = await external(['--limit', '3', '--json', '--fields', 'room_id,category']);
    expect(result.code, result.stderr).toBe(0);
    const rows = json(result.stdout);
    expect(rows.map((r) => Object.keys(r))).toEqual([['room_id', 'category'], ['room_id', 'category'], ['room_id', 'category']]);
    expect(sandbox.stats.requests.get_room_list - list).toBe(1);
    expect(sandbox.stats.requests.get_room_stats - stats).toBe(3);
  });
});

describe('rooms --room', () => {
  it('reads only the named rooms, list fields null, in the order given', async () => {
    const result = await own(['--room', 'room-47', 'room-02', '--json']);
    expect(result.code, result.stderr).toBe(0);
    const rows = json(result.stdout);
    expect(rows.map((r) => r.room_id)).toEqual(['room-47', 'room-02']);
    for (const row of rows) for (const column of LIST_COLUMNS) expect(row[column]).toBeNull();
    expect(rows[0]?.total_viewers).toBe(0);
    expect(rows[1]?.total_viewers).toEqual(expect.any(Number));
  });

  it('a room that does not exist is exit 5 naming it, and no partial file is left', async () => {
    const output = join(freshDir(), 'rooms.csv');
    const result = await own(['--room', 'room-02', 'no-such-room', '-o', output]);
    expect(result.code).toBe(5);
    expect(result.stderr).toContain('room "no-such-room" does not exist');
    expect(result.stderr).toContain('100004');
    expect(result.stderr).not.toMatch(STACK_FRAME);
    expect(existsSync(output)).toBe(false);
    // The destroyed room, named: the same error.
    const destroyed = await own(['--room', DESTROYED_ROOM, '--json']);
    expect(destroyed.code).toBe(5);
    expect(destroyed.stderr).toContain(`room "${DESTROYED_ROOM}" does not exist`);
  });

  it('--no-stats with --room is a usage error', async () => {
    const result = await own(['--room', 'room-02', '--no-stats']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--no-stats with --room');
  });
});

describe('rooms --dry-run', () => {
  it('prints the first get_room_list request with the UserSig redacted and sends nothing', async () => {
    const before = { ...sandbox.stats.requests };
    const result = await external(['--dry-run']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^POST http:\/\/127\.0\.0\.1:\d+\/v4\/live_engine_http_srv\/get_room_list\?sdkappid=\d+&identifier=\w+&usersig=\[REDACTED\]&random=\d+&contenttype=json\n/);
    expect(JSON.parse(result.stdout.slice(result.stdout.indexOf('{')))).toEqual({ Next: '', Count: 20 });
    expect(result.stdout.match(/^POST /gm)).toHaveLength(1);
    expect(sandbox.stats.requests).toEqual(before);
  });

  it('with --room prints each room\'s get_room_stats request', async () => {
    const result = await own(['--room', 'room-01', 'room-02', '--dry-run']);
    expect(result.code, result.stderr).toBe(0);
    const posts = result.stdout.split('\n').filter((l) => l.startsWith('POST '));
    expect(posts).toHaveLength(2);
    for (const post of posts) expect(post).toMatch(/\/get_room_stats\?.*usersig=\[REDACTED\]&/);
    expect(result.stdout).toContain('"RoomId": "room-02"');
  });

  it('cuts a long --room list after 20 requests and counts the rest', async () => {
    const rooms = Array.from({ length: 23 }, (_, i) => `room-${String(i + 1).padStart(2, '0')}`);
    const result = await own(['--room', ...rooms, '--dry-run']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout.split('\n').filter((l) => l.startsWith('POST '))).toHaveLength(20);
    expect(result.stdout).not.toContain('"RoomId": "room-21"');
    expect(result.stdout.trimEnd().endsWith('… and 3 more requests like these (23 in all, one per room)')).toBe(true);
  });
});

describe('rooms rate limits', () => {
  it('keeps get_room_list under 10 calls/s and get_room_stats under 100 calls/s, with nothing refused', async () => {
    const big = await startSandbox({ tencentRoomCount: 260 });
    try {
      const result = await external(['--ndjson'], big);
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout.trimEnd().split('\n')).toHaveLength(259);
      expect(big.stats.requests.get_room_list).toBe(13);
      expect(big.stats.requests.get_room_stats).toBe(259);
      expect(big.stats.maxPerSecond.get_room_list).toBeLessThanOrEqual(10);
      expect(big.stats.maxPerSecond.get_room_stats).toBeLessThanOrEqual(100);
      // The stats limit was reached, so the pacing (not a slow client) kept it under.
      expect(big.stats.maxPerSecond.get_room_stats).toBeGreaterThanOrEqual(90);
      expect(big.stats.tencentRateLimited).toBe(0);
    } finally {
      await big.close();
    }
  });
});
