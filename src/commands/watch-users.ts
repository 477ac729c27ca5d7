// `watch --user <userid...> --since T [--until T] [--state FILE]`: the viewers of every living `livings` lists
// for the window, reserved and cancelled ones excepted, exported exactly as `watch <those ids>`. With --state,
// only livings that are over and not yet exported, and the state replaced only once the output is complete.
import type { CommandInput } from '../cli/command.js';
import type { Context } from '../context.js';
import { InterruptedError, UsageError } from '../errors.js';
import { checkExportOptions, runExport } from '../export/runner.js';
import { openSession } from '../session/provider-session.js';
import type { ExportState } from '../state/export-state.js';
import { noticeNothingFound, parseUserIds, windowOf } from './discovery.js';
import { printDryRun } from '../session/dry-run.js';

// WeCom: status 2 ended and 3 expired have final statistics (doc 93635).
const OVER = new Set([2, 3]);
const STATUS_WORDS = ['reserved', 'live', 'ended', 'expired', 'cancelled'];

export async function runWatchUsers(ctx: Context, input: CommandInput): Promise<void> {
  const { global, options } = input;
  const users = parseUserIds(options.user, 'watch --user');
  if (typeof options.since !== 'string') {
    throw new UsageError('watch --user needs --since', { hint: 'Example: livestats watch --user zhangsan --since -7d (or --since yesterday --until yesterday)' });
  }
  const window = windowOf(ctx, options, global);
  const statePath = typeof options.state === 'string' ? options.state : undefined;
  if (statePath !== undefined && statePath.trim() === '') throw new UsageError('--state needs a file name');
  if (statePath !== undefined && global.limit !== undefined) {
    throw new UsageError('--state cannot be combined with --limit', { hint: 'A living cut off by --limit would be recorded as exported.' });
  }
  const { connectWecom, DEFAULT_INFO_CONCURRENCY, discoverLivings, gettokenRequest, mayHaveViewers, LIST_LIMIT, TOKEN_PLACEHOLDER, userLivingIdsRequest, WATCH_COLUMNS, watchPages, watchSummary } =
    await import('../providers/wecom/index.js');
  await checkExportOptions({ columns: WATCH_COLUMNS, summary: watchSummary([]) }, global);
  const stateFile = statePath === undefined ? undefined : await import('../state/export-state.js');
  let state: ExportState | undefined;
  if (stateFile && statePath !== undefined) {
    await stateFile.checkStatePath(statePath);
    // A bad state file stops the run here (exit 3), before anything is fetched or written.
    state = await stateFile.readState(statePath);
  }

  const session = await openSession(ctx, global);
  try {
    const wecom = connectWecom(session);
    const { settings } = wecom;
    if (global.dryRun) {
      printDryRun(session, [gettokenRequest(settings), ...users.map((user) => userLivingIdsRequest(settings.baseUrl, TOKEN_PLACEHOLDER, user, '', LIST_LIMIT))]);
      return;
    }
    await wecom.tokens.get();
    const found = await discoverLivings(wecom, users, window, { concurrency: global.concurrency ?? DEFAULT_INFO_CONCURRENCY });
    if (found.length === 0) noticeNothingFound(ctx, users);
    let chosen = found.filter(mayHaveViewers);
    if (state !== undefined) {
      const exported = state;
      const fresh = chosen.filter((living) => !stateFile!.wasExported(exported, settings.corpId, living.livingid));
      chosen = fresh.filter((living) => living.status !== undefined && OVER.has(living.status));
      const later = fresh.filter((living) => living.status === undefined || !OVER.has(living.status));
      if (later.length > 0) {
        const list = later.map((l) => `${l.livingid} (${l.status === undefined ? 'status unknown' : (STATUS_WORDS[l.status] ?? `status ${l.status}`)})`);
        ctx.log.info(`${later.length} ${later.length === 1 ? 'living is' : 'livings are'} not over yet, left for a later run: ${list.join(', ')}`);
      }
    }

    const livingIds = chosen.map((living) => living.livingid);
    const lookahead = global.limit === undefined || global.summary;
    const afterCommit =
      stateFile && statePath !== undefined
        ? async (): Promise<void> => {
            // Interrupted as the output was completed: the state stays as it was, and these livings come again.
            if (ctx.signal.aborted) throw new InterruptedError();
            // Read again, so that what another run recorded meanwhile is kept.
            const current = await stateFile.readState(statePath);
            const records = chosen.map((living) => ({ userid: living.userid, livingid: living.livingid, startS: living.startS ?? 0 }));
            const pruneBeforeS = window.since === undefined ? undefined : window.since.ms / 1000;
            await stateFile.writeState(statePath, stateFile.recordExports(current, settings.corpId, users, records, pruneBeforeS));
          }
        : undefined;
    await runExport(ctx, global, {
      command: 'watch',
      columns: WATCH_COLUMNS,
      pages: watchPages(wecom, livingIds, { lookahead }),
      summary: watchSummary(livingIds),
      afterCommit,
      requestStats: session.http.stats,
    });
  } finally {
    await session.close();
  }
}
