// `livestats livecount --room <id>`: one LiveCount call, one row. The row already is a room summary, so
// --summary prints the same row; on a terminal the table shows it as key/value pairs, without a totals line.
import { Command } from 'commander';
import { examples, type ActionBinder, type CommandInput } from '../cli/command.js';
import type { Context } from '../context.js';
import { UsageError } from '../errors.js';
import { checkExportOptions, pageOfEach, runExport } from '../export/runner.js';
import type { LiveCountQuery } from '../providers/livecount/live-count.js';
import { openSession } from '../session/provider-session.js';
import { printDryRun } from '../session/dry-run.js';

export function livecountCommand(bind: ActionBinder): Command {
  return new Command('livecount')
    .description('LiveCount: the subscribe / watch / order funnel of a room (one row)')
    .requiredOption('--room <id>', 'room id (an integer)')
    .option('--left-select <value>', 'left drop-down user filter')
    .option('--right-select <value>', 'right drop-down user filter')
    .addHelpText(
      'after',
      '\n--summary prints the same row: it already is a room summary.\n' +
        examples(['livestats livecount --room 1024', 'livestats livecount --room 1024 --json | jq .[0].order_total']),
    )
    .action(bind('livecount', run));
}

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
  const { buildLiveCountRequest, LIVECOUNT_COLUMNS, liveCountRows, loadLiveCountSettings, redactConfiguredHeaders } =
    await import('../providers/livecount/index.js');
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
    await runExport(ctx, input.global, { ...plan, pages: pageOfEach(liveCountRows(session, settings, query)), requestStats: session.http.stats });
  } finally {
    await session.close();
  }
}
