// `livestats rooms` in-process: how its options are parsed, usage errors before any config or network, and a
// small run on MockAgent through the CLI (--room in the given order, a table with joined categories).
import { describe, expect, it } from 'vitest';
import { parseRoomsOptions, run } from '../../src/commands/rooms.js';
import { ExitCode } from '../../src/errors.js';
import { useCommandCli } from '../helpers/cli.js';
import { CN, fixture, SETTINGS } from '../providers/tencent/harness.js';

const { agent, cli } = useCommandCli('rooms', run, () => ({ settings: SETTINGS }));

describe('rooms options', () => {
  it('reads --room values split on commas and spaces, each once, in order; --no-stats as stats false', () => {
    expect(parseRoomsOptions({ room: ['b,a', ' c ', 'a'] })).toEqual({ rooms: ['b', 'a', 'c'], stats: true });
    expect(parseRoomsOptions({ stats: false })).toEqual({ rooms: undefined, stats: false });
    expect(parseRoomsOptions({})).toEqual({ rooms: undefined, stats: true });
  });

  // No settings at all: reaching config would be exit 3, reaching the network would find no interceptor.
  it.each([
    [['--room', ' , '], /--room needs at least one room id/],
    [['--room', 'x'.repeat(49)], /longer than the 48 bytes/],
    [['--room', 'a', '--no-stats'], /--no-stats with --room leaves nothing to read/],
    [['--fields', 'room_id,coins'], /unknown field "coins"/],
    [['--summary', '--fields', 'room_name'], /unknown field "room_name"/],
  ])('rooms %j is exit 2', async (argv, message) => {
    const { code, stderr } = await cli(argv, { settings: {} });
    expect(code).toBe(ExitCode.usage);
    expect(stderr).toMatch(message);
  });
});

describe('livestats rooms', () => {
  it('--room reads those rooms in the order given', async () => {
    const asked: string[] = [];
    agent()
      .get(CN)
      .intercept({ path: (p) => p.startsWith('/v4/live_engine_http_srv/get_room_stats?'), method: 'POST' })
      .reply(200, (opts) => {
        asked.push((JSON.parse(String(opts.body)) as { RoomId: string }).RoomId);
        return fixture('room-stats-sample');
      })
      .times(2);
    const { code, stdout } = await cli(['--room', 'z', 'a', '--json']);
    expect(code).toBe(ExitCode.ok);
    expect((JSON.parse(stdout) as Array<{ room_id: string }>).map((r) => r.room_id)).toEqual(['z', 'a']);
    expect(asked.sort()).toEqual(['a', 'z']);
  });

  it('prints a table with the categories joined', async () => {
    agent().get(CN).intercept({ path: (p) => p.includes('/get_room_list?'), method: 'POST' }).reply(200, fixture('room-list-page-2-last'));
    const { code, stdout } = await cli(['--no-stats', '--format', 'table', '--fields', 'room_id,category', '--tz', 'UTC']);
    expect(code).toBe(ExitCode.ok);
    expect(stdout).toMatch(/│ room_id0 │ 1,2,3\s+│/);
  });
});
