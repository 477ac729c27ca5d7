// `livestats livings --user <userid...>`: its options and help, then a run that finds the members' livings in
// the window (src/providers/wecom/livings.ts) and hands one row per living to the export runner, or prints
// the first discovery requests for --dry-run.
import { Command } from 'commander';
import { examples, type ActionBinder, type CommandInput } from '../cli/command.js';
import type { Context } from '../context.js';
import { checkExportOptions, runExport } from '../export/runner.js';
import { createTimeFormatter } from '../output/time.js';
import { openSession } from '../session/provider-session.js';
import { noticeNothingFound, parseUserIds, VISIBILITY_NOTE, WINDOW_HELP, windowOf } from './discovery.js';
import { printDryRun } from '../session/dry-run.js';

export function livingsCommand(bind: ActionBinder): Command {
  return new Command('livings')
    .description("WeCom: every living of one or more members, with its details (one row per living)")
    .requiredOption('--user <userid...>', 'members (userids) whose livings to list')
    .option('--since <time>', WINDOW_HELP.since)
    .option('--until <time>', WINDOW_HELP.until)
    .addHelpText(
      'after',
      VISIBILITY_NOTE +
        'Rows are ordered by start; a living that never started (reserved, cancelled) is placed and filtered by its booked start.\n' +
        examples([
          'livestats livings --user zhangsan',
          'livestats livings --user zhangsan lisi --since yesterday --until yesterday --csv -o livings.csv',
          'livestats livings --user sandbox-anchor --since -7d --sandbox',
        ]),
    )
    .action(bind('livings', run));
}

export async function run(ctx: Context, input: CommandInput): Promise<void> {
  const { global } = input;
  const users = parseUserIds(input.options.user, 'livings');
  const window = windowOf(ctx, input.options, global);
  // The provider (zod schemas, the token cache) loads only when the command runs.
  const { connectWecom, DEFAULT_INFO_CONCURRENCY, discoverLivings, gettokenRequest, LIST_LIMIT, LIVING_COLUMNS, livingRow, TOKEN_PLACEHOLDER, userLivingIdsRequest } =
    await import('../providers/wecom/index.js');
  await checkExportOptions({ columns: LIVING_COLUMNS }, global);
  const session = await openSession(ctx, global);
  try {
    const wecom = connectWecom(session);
    if (global.dryRun) {
      const { settings } = wecom;
      printDryRun(session, [gettokenRequest(settings), ...users.map((user) => userLivingIdsRequest(settings.baseUrl, TOKEN_PLACEHOLDER, user, '', LIST_LIMIT))]);
      return;
    }
    await wecom.tokens.get();
    const found = await discoverLivings(wecom, users, window, { concurrency: global.concurrency ?? DEFAULT_INFO_CONCURRENCY });
    if (found.length === 0) noticeNothingFound(ctx, users);
    const time = createTimeFormatter(global.tz);
    const rows = found.map((living) => livingRow(living, time));
    await runExport(ctx, global, { command: 'livings', columns: LIVING_COLUMNS, pages: onePage(rows), requestStats: session.http.stats });
  } finally {
    await session.close();
  }
}

async function* onePage<R>(rows: readonly R[]): AsyncGenerator<readonly R[], void, undefined> {
  if (rows.length > 0) yield rows;
}
