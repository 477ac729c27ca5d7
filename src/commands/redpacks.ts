// `livestats redpacks`: validates the options, then wires Polyv's red-pack walk to the export runner (or to
// --dry-run). Options are checked before any setting is read or request sent; the protocol lives in providers/polyv.
import type { CommandInput } from '../cli.js';
import type { WindowClock } from '../cli/time-window.js';
import type { Context } from '../context.js';
import { UsageError } from '../errors.js';
import { createTimeFormatter } from '../output/time.js';
import { PolyvApi, RED_PACK_STATS } from '../providers/polyv/api.js';
import { DEFAULT_CONCURRENCY } from '../providers/polyv/pacing.js';
import { pageParams, walkRedPacks, type ChannelPack, type RedPackQuery } from '../providers/polyv/red-packs.js';
import { RECEIVE_COLUMNS, RED_PACK_COLUMNS, receiveRows, redPackRow, redPackSummary } from '../providers/polyv/rows.js';
import { parseTimeRange } from '../providers/polyv/time-range.js';
import * as z from '../util/zod.js';
import { printDryRun } from './dry-run.js';
import { checkExportOptions, runExport, type ExportPlan } from '../export/runner.js';
import { openSession } from '../session/provider-session.js';

const optionsSchema = z.object({
  channel: z.union([z.pipe(z.string(), z.transform((c) => [c])), z.array(z.string()).check(z.minLength(1))]),
  session: z.optional(z.string()),
  since: z.optional(z.string()),
  until: z.optional(z.string()),
  receives: z.optional(z.boolean()),
});

export interface RedpacksOptions extends RedPackQuery {
  receives: boolean;
}

/** Commas and spaces separate channel ids too (`--channel 1,2`); a repeated id is walked once. */
export function parseRedpacksOptions(raw: Record<string, unknown>, clock: WindowClock): RedpacksOptions {
  const parsed = optionsSchema.safeParse(raw);
  if (!parsed.success) throw new UsageError('redpacks needs --channel <id...>', { hint: 'e.g. livestats redpacks --channel 2812610' });
  const channels = [...new Set(parsed.data.channel.flatMap((c) => c.split(/[\s,]+/)).filter((c) => c !== ''))];
  if (channels.length === 0) throw new UsageError('--channel needs at least one channel id');
  const sessionId = parsed.data.session?.trim();
  if (sessionId === '') throw new UsageError('--session needs a session id');
  return { channels, sessionId, ...parseTimeRange(parsed.data.since, parsed.data.until, clock), receives: parsed.data.receives === true };
}

export async function run(ctx: Context, input: CommandInput): Promise<void> {
  const { global } = input;
  const options = parseRedpacksOptions(input.options, { zone: global.tz, now: ctx.now() });
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
    await runExport(ctx, global, plan);
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
