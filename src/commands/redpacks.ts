// `livestats redpacks`: validates the options, then wires Polyv's red-pack walk to the export runner (or to
// --dry-run). Options are checked before any setting is read or request sent; the protocol lives in providers/polyv.
import { Command } from 'commander';
import { examples, optionStrings, splitIds, type ActionBinder, type CommandInput } from '../cli/command.js';
import type { WindowClock } from '../cli/time-window.js';
import type { Context } from '../context.js';
import { UsageError } from '../errors.js';
import { checkExportOptions, runExport, type ExportPlan } from '../export/runner.js';
import { createTimeFormatter } from '../output/time.js';
import type { ChannelPack, RedPackQuery } from '../providers/polyv/red-packs.js';
import { parseTimeRange } from '../providers/polyv/time-range.js';
import { openSession } from '../session/provider-session.js';
import { printDryRun } from '../session/dry-run.js';

export function redpacksCommand(bind: ActionBinder): Command {
  return new Command('redpacks')
    .description('Polyv: red packs sent on channels (one row per red pack, or per receipt with --receives)')
    .requiredOption('--channel <id...>', 'one or more channel ids')
    .option('--session <id>', 'only this session (场次)')
    .option('--since <time>', 'from this time: a day (2026-11-01, today, yesterday: its start) or an instant (date-time in --tz or with an offset, epoch s/ms, now, -12h, -7d)')
    .option('--until <time>', 'until this time: a day means its end (included); an instant (date-time, epoch s/ms, now, -30m) is excluded')
    .option('--receives', 'one row per receipt instead of per red pack')
    .addHelpText(
      'after',
      examples([
        'livestats redpacks --channel 2812610',
        'livestats redpacks --channel 2812610 --since 2026-11-01 --until 2026-11-02 --receives --csv -o receipts.csv',
        'livestats redpacks --channel 2812610 2812611 --summary',
      ]),
    )
    .action(bind('redpacks', run));
}

export interface RedpacksOptions extends RedPackQuery {
  receives: boolean;
}

/** Commas and spaces separate channel ids too (`--channel 1,2`); a repeated id is walked once. */
export function parseRedpacksOptions(raw: Record<string, unknown>, clock: WindowClock): RedpacksOptions {
  const given = optionStrings(raw.channel);
  if (given.length === 0) throw new UsageError('redpacks needs --channel <id...>', { hint: 'e.g. livestats redpacks --channel 2812610' });
  const channels = splitIds(given);
  if (channels.length === 0) throw new UsageError('--channel needs at least one channel id');
  const sessionId = typeof raw.session === 'string' ? raw.session.trim() : undefined;
  if (sessionId === '') throw new UsageError('--session needs a session id');
  const since = typeof raw.since === 'string' ? raw.since : undefined;
  const until = typeof raw.until === 'string' ? raw.until : undefined;
  return { channels, sessionId, ...parseTimeRange(since, until, clock), receives: raw.receives === true };
}

export async function run(ctx: Context, input: CommandInput): Promise<void> {
  const { global } = input;
  const options = parseRedpacksOptions(input.options, { zone: global.tz, now: ctx.now() });
  const { DEFAULT_CONCURRENCY, pageParams, PolyvApi, RECEIVE_COLUMNS, RED_PACK_COLUMNS, RED_PACK_STATS, receiveRows, redPackRow, redPackSummary, walkRedPacks } =
    await import('../providers/polyv/index.js');
  // The summary is per channel and always over red packs, so --receives changes nothing under --summary.
  const perReceipt = options.receives && !global.summary;
  const summary = redPackSummary(options.channels);
  await checkExportOptions<unknown>({ columns: perReceipt ? RECEIVE_COLUMNS : RED_PACK_COLUMNS, summary }, global);

  const session = await openSession(ctx, global);
  try {
    const api = PolyvApi.open(session);
    if (global.dryRun) {
      printDryRun(session, options.channels.map((channel) => api.request(RED_PACK_STATS, pageParams(channel, options, 1))));
      return;
    }
    const packs = walkRedPacks(api, options, {
      concurrency: global.concurrency ?? DEFAULT_CONCURRENCY,
      warn: (line) => session.warn(line),
    });
    const time = createTimeFormatter(global.tz);
    const plan: ExportPlan<unknown> = perReceipt
      ? { command: 'redpacks', columns: RECEIVE_COLUMNS, pages: mapPages(packs, (page) => page.flatMap((p) => Array.from(receiveRows(p, time)))) }
      : { command: 'redpacks', columns: RED_PACK_COLUMNS, pages: mapPages(packs, (page) => page.map((p) => redPackRow(p, time))), summary };
    await runExport(ctx, global, { ...plan, requestStats: session.http.stats });
  } finally {
    await session.close();
  }
}

/** Each page of red packs becomes a page of rows: one per red pack, or one per receipt with --receives. */
async function* mapPages<R>(
  pages: AsyncIterable<readonly ChannelPack[]>,
  toRows: (page: readonly ChannelPack[]) => R[],
): AsyncGenerator<readonly R[], void, undefined> {
  for await (const page of pages) yield toRows(page);
}
