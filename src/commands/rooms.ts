// `livestats rooms`: every Tencent live room with its totals, or the totals of the rooms named with --room.
// Checks the options before touching config or the network, then hands the rows to the export runner (or
// prints the first requests for --dry-run). The provider code is imported only when the command runs.
import { Command } from 'commander';
import { examples, splitIds, type ActionBinder, type CommandInput } from '../cli/command.js';
import type { Context } from '../context.js';
import { UsageError } from '../errors.js';
import { checkExportOptions, pageOfEach, runExport } from '../export/runner.js';
import { createTimeFormatter } from '../output/time.js';
import { openSession } from '../session/provider-session.js';
import { alikeRequests, printDryRun } from '../session/dry-run.js';

/** Tencent: a RoomId is at most 48 bytes (docs/providers.md §7.4). */
const ROOM_ID_MAX_BYTES = 48;

export function roomsCommand(bind: ActionBinder): Command {
  return new Command('rooms')
    .description('Tencent Cloud Chat: every live room with its totals (viewers, gifts, likes, messages), one row per room')
    .option('--room <id...>', 'only these rooms: their totals, with the list fields empty')
    .option('--no-stats', 'list the rooms without reading their totals (one get_room_list call per 20 rooms)')
    .addHelpText(
      'after',
      "\nLists every room (get_room_list, 20 a page, at most 10 calls/s; a room listed twice while Tencent re-sorts the\n" +
        "list by views is kept once), then reads each room's totals (get_room_stats, at most 100 calls/s). A room\n" +
        'destroyed in between keeps empty totals and a warning; a --room that does not exist is an error (exit 5).\n' +
        '--summary prints one row: rooms, rooms_with_stats and the sums of the other counts.\n' +
        examples([
          'livestats rooms',
          'livestats rooms --no-stats --csv -o rooms.csv',
          'livestats rooms --room room_1 room_2 --json',
          'livestats rooms --summary',
        ]),
    )
    .action(bind('rooms', run));
}

export interface RoomsOptions {
  /** --room values, trimmed, each once, in the order given; undefined lists every room. */
  rooms: string[] | undefined;
  /** false with --no-stats. */
  stats: boolean;
}

export function parseRoomsOptions(raw: Record<string, unknown>): RoomsOptions {
  const given = raw.room === undefined ? undefined : (Array.isArray(raw.room) ? raw.room : [raw.room]).map((r) => String(r));
  // Commas and spaces separate room ids too (`--room a,b`); a room named twice is read once.
  const rooms = given === undefined ? undefined : splitIds(given);
  if (rooms !== undefined && rooms.length === 0) throw new UsageError('--room needs at least one room id');
  const long = rooms?.find((r) => Buffer.byteLength(r) > ROOM_ID_MAX_BYTES);
  if (long !== undefined) throw new UsageError(`--room: ${JSON.stringify(long)} is longer than the ${ROOM_ID_MAX_BYTES} bytes Tencent allows a room id`);
  const stats = raw.stats !== false;
  if (rooms !== undefined && !stats) {
    throw new UsageError('--no-stats with --room leaves nothing to read', { hint: 'Drop --no-stats to read those rooms, or --room to list every room.' });
  }
  return { rooms, stats };
}

export async function run(ctx: Context, input: CommandInput): Promise<void> {
  const { global } = input;
  const options = parseRoomsOptions(input.options);
  const tencent = await import('../providers/tencent/index.js');
  const summary = tencent.roomSummary({ list: options.rooms === undefined, stats: options.stats });
  await checkExportOptions({ columns: tencent.ROOM_COLUMNS, summary }, global);

  const session = await openSession(ctx, global);
  try {
    const api = tencent.TencentApi.open(session);
    if (global.dryRun) {
      const { rooms } = options;
      printDryRun(session, rooms ? [alikeRequests(rooms, 'room', (first) => tencent.roomRequests(api, first))] : tencent.roomRequests(api, undefined));
      return;
    }
    const rows = tencent.roomRows(api, {
      rooms: options.rooms,
      stats: options.stats,
      // A summary reads every room; detail rows past --limit would be calls whose rows are never written.
      limit: global.summary ? undefined : global.limit,
      concurrency: global.concurrency ?? tencent.DEFAULT_ROOM_STATS_CONCURRENCY,
      listPacer: tencent.createRoomListLimiter(ctx),
      statsPacer: tencent.createRoomStatsLimiter(ctx),
      time: createTimeFormatter(global.tz),
      warn: (line) => session.warn(line),
      log: (line) => session.log(line),
    });
    await runExport(ctx, global, { command: 'rooms', columns: tencent.ROOM_COLUMNS, pages: pageOfEach(rows), summary, requestStats: session.http.stats });
  } finally {
    await session.close();
  }
}
