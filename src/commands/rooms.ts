// `livestats rooms`: every Tencent live room with its totals, or the totals of the rooms named with --room.
// Checks the options before touching config or the network, then hands the rows to the export runner (or
// prints the first requests for --dry-run). The provider code is imported only when the command runs.
import type { CommandInput } from '../cli.js';
import type { Context } from '../context.js';
import { UsageError } from '../errors.js';

/** A dry run over many --room values shows this many requests, then a count of the rest. */
const DRY_RUN_SHOWN = 20;

export interface RoomsOptions {
  /** --room values, trimmed, each once, in the order given; undefined lists every room. */
  rooms: string[] | undefined;
  /** false with --no-stats. */
  stats: boolean;
}

const ROOM_ID_MAX_BYTES = 48;

export function parseRoomsOptions(raw: Record<string, unknown>): RoomsOptions {
  const given = raw.room === undefined ? undefined : (Array.isArray(raw.room) ? raw.room : [raw.room]).map((r) => String(r));
  // Commas and spaces separate room ids too (`--room a,b`); a room named twice is read once.
  const rooms = given === undefined ? undefined : [...new Set(given.flatMap((r) => r.split(/[\s,]+/)).filter((r) => r !== ''))];
  if (rooms !== undefined && rooms.length === 0) throw new UsageError('--room needs at least one room id');
  const long = rooms?.find((r) => Buffer.byteLength(r) > ROOM_ID_MAX_BYTES);
  if (long !== undefined) throw new UsageError(`--room: ${JSON.stringify(long)} is longer than Tencent's 48 bytes for a room id`);
  const stats = raw.stats !== false;
  if (rooms !== undefined && !stats) {
    throw new UsageError('--no-stats with --room leaves nothing to read', { hint: 'Drop --no-stats to read those rooms, or --room to list every room.' });
  }
  return { rooms, stats };
}

export async function run(ctx: Context, input: CommandInput): Promise<void> {
  const { global } = input;
  const options = parseRoomsOptions(input.options);
  const { ROOM_COLUMNS, roomSummary } = await import('../providers/tencent/room-rows.js');
  const { checkExportOptions, pageOfEach, runExport } = await import('../export/runner.js');
  const summary = roomSummary({ list: options.rooms === undefined, stats: options.stats });
  await checkExportOptions({ columns: ROOM_COLUMNS, summary }, global);

  const { openSession } = await import('../session/provider-session.js');
  const session = await openSession(ctx, global);
  try {
    const { TencentApi } = await import('../providers/tencent/api.js');
    const { DEFAULT_ROOM_STATS_CONCURRENCY, roomRequests, roomRows } = await import('../providers/tencent/rooms.js');
    const api = TencentApi.open(session);
    if (global.dryRun) {
      const { printDryRun } = await import('./dry-run.js');
      printDryRun(session, roomRequests(api, options.rooms?.slice(0, DRY_RUN_SHOWN)));
      const rest = (options.rooms?.length ?? 0) - DRY_RUN_SHOWN;
      if (rest > 0) ctx.io.stdout.write(`\n… and ${rest} more request${rest === 1 ? '' : 's'} like these (one per room)\n`);
      return;
    }
    const { createRoomListLimiter, createRoomStatsLimiter } = await import('../providers/tencent/room-pacing.js');
    const { createTimeFormatter } = await import('../output/time.js');
    const concurrency = global.concurrency ?? DEFAULT_ROOM_STATS_CONCURRENCY;
    const rows = roomRows(api, {
      rooms: options.rooms,
      stats: options.stats,
      // A summary reads every room; detail rows past --limit would be calls whose rows are never written.
      limit: global.summary ? undefined : global.limit,
      concurrency,
      listPacer: createRoomListLimiter(ctx),
      statsPacer: createRoomStatsLimiter(ctx),
      time: createTimeFormatter(global.tz),
      warn: (line) => session.warn(line),
      log: (line) => session.log(line),
    });
    await runExport(ctx, global, { command: 'rooms', columns: ROOM_COLUMNS, pages: pageOfEach(rows), summary });
  } finally {
    await session.close();
  }
}
