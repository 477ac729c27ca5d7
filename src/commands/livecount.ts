// `livestats livecount --room <id>`: one LiveCount call, one row. The row already is a room summary, so
// --summary prints the same row; on a terminal the table shows it as key/value pairs, without a totals line.
import type { CommandInput } from '../cli.js';
import type { Context } from '../context.js';
import { UsageError } from '../errors.js';
import {
  buildLiveCountRequest,
  liveCountRows,
  loadLiveCountSettings,
  redactConfiguredHeaders,
  type LiveCountQuery,
} from '../providers/livecount/live-count.js';
import { LIVECOUNT_COLUMNS } from '../providers/livecount/rows.js';
import { printDryRun } from './dry-run.js';
import { checkExportOptions, pageOfEach, runExport } from '../export/runner.js';
import { openSession } from '../session/provider-session.js';

function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** Validates the command's own options before any config or network access. */
export function parseLiveCountOptions(options: Record<string, unknown>): LiveCountQuery {
  const raw = typeof options.room === 'string' ? options.room.trim() : '';
  const roomId = Number(raw);
  // LiveCount: room_id is typed int in the seed, so anything else would be a request it cannot answer.
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(roomId)) {
    throw new UsageError(`--room must be an integer room id, got ${JSON.stringify(options.room ?? '')}`);
  }
  return { roomId, leftSelect: optionalString(options.leftSelect), rightSelect: optionalString(options.rightSelect) };
}

export async function run(ctx: Context, input: CommandInput): Promise<void> {
  const query = parseLiveCountOptions(input.options);
  // No summary spec: --summary falls back to the detail row, which is the room summary already.
  const plan = { command: 'livecount', columns: LIVECOUNT_COLUMNS, verticalSingle: true, totals: false };
  await checkExportOptions(plan, input.global);
  const session = await openSession(ctx, input.global);
  try {
    const settings = loadLiveCountSettings(session.settings);
    if (input.global.dryRun) {
      printDryRun(session, [redactConfiguredHeaders(buildLiveCountRequest(settings, query))]);
      return;
    }
    await runExport(ctx, input.global, { ...plan, pages: pageOfEach(liveCountRows(session, settings, query)) });
  } finally {
    await session.close();
  }
}
