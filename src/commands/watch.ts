// `livestats watch <livingid...>`: its options and help, then a run that checks the living ids and wires the
// WeCom provider's rows (or its --dry-run requests) to the export runner; `watch --user` is watch-users.ts's.
// The protocol lives in src/providers/wecom/, output in src/export/runner.ts.
import { Command } from 'commander';
import { examples, type ActionBinder, type CommandInput } from '../cli/command.js';
import type { Context } from '../context.js';
import { UsageError } from '../errors.js';
import { checkExportOptions, runExport } from '../export/runner.js';
import { openSession } from '../session/provider-session.js';
import { VISIBILITY_NOTE, WINDOW_HELP } from './discovery.js';
import { printDryRun } from '../session/dry-run.js';

export function watchCommand(bind: ActionBinder): Command {
  return new Command('watch')
    .description('WeCom: who watched a living and for how long (one row per viewer)')
    .argument('[livingid...]', 'one or more living ids (or --user instead)')
    .option('--user <userid...>', "instead of living ids: every living of these members that started in the window (see `livestats livings`), reserved and cancelled ones excepted")
    .option('--since <time>', `with --user, required: ${WINDOW_HELP.since}`)
    .option('--until <time>', `with --user: ${WINDOW_HELP.until}`)
    .option('--state <file>', 'with --user: export only livings that are over and that no earlier successful run with this file exported; the file is updated once the output is complete')
    .addHelpText(
      'after',
      VISIBILITY_NOTE +
        examples([
          'livestats watch lv_123',
          'livestats watch lv_123 lv_456 --summary',
          'livestats watch lv_123 --csv -o watchers.csv',
          'livestats watch sandbox-1000 --sandbox --json | jq ".[0]"',
          'livestats watch --user zhangsan --since yesterday --until yesterday --csv -o watch.csv',
          'livestats watch --user zhangsan --since -7d --state zhangsan.state.json --csv -o "watch-$(date +%F).csv"',
        ]),
    )
    .action(bind('watch', run));
}

/** Trimmed, non-empty, each once, in the order given. */
export function parseLivingIds(args: readonly string[]): string[] {
  const ids: string[] = [];
  for (const raw of args) {
    const id = raw.trim();
    if (id === '') throw new UsageError('watch: a living id must not be empty', { hint: 'Example: livestats watch lv_123 lv_456' });
    if (!ids.includes(id)) ids.push(id);
  }
  if (ids.length === 0) throw new UsageError('watch needs at least one living id', { hint: 'Example: livestats watch lv_123' });
  return ids;
}

export async function run(ctx: Context, input: CommandInput): Promise<void> {
  const { user, since, until, state } = input.options;
  if (user !== undefined) {
    if (input.args.length > 0) {
      throw new UsageError('watch takes living ids or --user, not both', { hint: 'Example: livestats watch --user zhangsan --since -7d' });
    }
    const { runWatchUsers } = await import('./watch-users.js');
    return runWatchUsers(ctx, input);
  }
  const stray = [since === undefined ? undefined : '--since', until === undefined ? undefined : '--until', state === undefined ? undefined : '--state'].filter(Boolean);
  if (stray.length > 0) {
    throw new UsageError(`watch: ${stray.join(', ')} ${stray.length === 1 ? 'goes' : 'go'} with --user`, { hint: 'Example: livestats watch --user zhangsan --since -7d' });
  }
  if (input.args.length === 0) {
    throw new UsageError('watch needs living ids or --user', { hint: 'Example: livestats watch lv_123, or livestats watch --user zhangsan --since -7d' });
  }
  const livingIds = parseLivingIds(input.args);
  // The provider (zod schemas, the token cache) loads only when the command runs.
  const { connectWecom, FIRST_NEXT_KEY, gettokenRequest, TOKEN_PLACEHOLDER, WATCH_COLUMNS, watchPages, watchStatRequest, watchSummary } =
    await import('../providers/wecom/index.js');
  const summary = watchSummary(livingIds);
  // --fields and -o mistakes are usage errors, reported before any config or network access.
  await checkExportOptions({ columns: WATCH_COLUMNS, summary }, input.global);
  const session = await openSession(ctx, input.global);
  try {
    const wecom = connectWecom(session);
    if (input.global.dryRun) {
      const { settings } = wecom;
      printDryRun(session, [
        gettokenRequest(settings),
        ...livingIds.map((id) => watchStatRequest(settings.baseUrl, TOKEN_PLACEHOLDER, id, FIRST_NEXT_KEY)),
      ]);
      return;
    }
    // A bad secret or IP fails here, before the output is begun: no stray "[" on stdout.
    await wecom.tokens.get();
    // --limit must fetch no page past its last row, so it walks without lookahead (a summary reads every page).
    const lookahead = input.global.limit === undefined || input.global.summary;
    const pages = watchPages(wecom, livingIds, { lookahead });
    await runExport(ctx, input.global, { command: 'watch', columns: WATCH_COLUMNS, pages, summary, requestStats: session.http.stats });
  } finally {
    await session.close();
  }
}
