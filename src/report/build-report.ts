// The report run: walks each asked source once through its adapter (sources/, each loaded only when asked for),
// folds the rows into summaries as they stream, then draws the charts and writes the page to -o (atomically) or
// stdout. Options are options.ts' business and the command's wiring src/commands/report.ts'; no row outlives its page.
import type { GlobalOptions } from '../cli/global-options.js';
import { parseTimeWindow, type TimeWindow } from '../cli/time-window.js';
import type { Context } from '../context.js';
import { InterruptedError } from '../errors.js';
import type { HttpRequest } from '../http/client.js';
import { createProgress, progressOff, type Progress } from '../io/progress.js';
import { isBrokenPipe, writeChunk } from '../io/iostreams.js';
import { openDestination } from '../output/destination.js';
import { createTimeFormatter, zoneOffsetLookup } from '../output/time.js';
import type { AlikeRequests } from '../session/dry-run.js';
import type { ProviderSession } from '../session/provider-session.js';
import { formatCount } from '../util/count.js';
import { giftsCommand, livecountCommand, redpacksCommands, watchCommand, watchUsersCommand } from './commands.js';
import { funnelOf } from './funnel.js';
import { GiftAggregator } from './gift-stats.js';
import { labelsFor } from './labels.js';
import type { ReportModel, TimeText } from './model.js';
import type { ReportOptions } from './options.js';
import { renderPage } from './page.js';
import { RedPackAggregator } from './red-pack-stats.js';
import type { RedPackQuery } from './sources/polyv-source.js';
import { WatchAggregator } from './watch-stats.js';

/** The options with everything read that can be read before the first request: accounts and time windows. */
export interface ReportPlan {
  options: ReportOptions;
  accounts: string[] | undefined;
  redPacks: RedPackQuery | undefined;
  /** With --user: the window in which the members' livings started. */
  livingWindow: TimeWindow | undefined;
}

/** Each source's adapter, loaded on first use: a report over one provider loads no other provider's code. */
const source = {
  wecom: () => import('./sources/wecom-source.js'),
  tencent: () => import('./sources/tencent-source.js'),
  polyv: () => import('./sources/polyv-source.js'),
  livecount: () => import('./sources/livecount-source.js'),
};

export async function planReport(ctx: Context, global: GlobalOptions, options: ReportOptions): Promise<ReportPlan> {
  const accounts = options.tencent ? await (await source.tencent()).readAccounts(options.tencent, ctx.io.stdin) : undefined;
  const { polyv } = options;
  const redPacks = polyv ? (await source.polyv()).redPackQuery(polyv.channels, polyv.sessionId, polyv.since, polyv.until, { zone: global.tz, now: ctx.now() }) : undefined;
  const { users } = options;
  const livingWindow = users ? parseTimeWindow(users.since, users.until, { zone: global.tz, now: ctx.now() }) : undefined;
  return { options, accounts, redPacks, livingWindow };
}

/** What --dry-run prints: the first request of each source, in page order (Tencent's first few, then a count). */
export async function reportRequests(session: ProviderSession, plan: ReportPlan): Promise<(HttpRequest | AlikeRequests)[]> {
  const { options } = plan;
  return [
    ...(options.livings ? (await source.wecom()).wecomRequests(session, options.livings) : []),
    ...(options.users ? (await source.wecom()).wecomUserRequests(session, options.users.userids) : []),
    ...(options.tencent && plan.accounts ? [(await source.tencent()).tencentRequests(session, options.tencent.room, plan.accounts)] : []),
    ...(plan.redPacks ? (await source.polyv()).polyvRequests(session, plan.redPacks) : []),
    ...(options.livecountRoom !== undefined ? (await source.livecount()).liveCountRequests(session, options.livecountRoom) : []),
  ];
}

/** Epoch ms → the zone's wall clock as UTC ms. */
export function wallClock(zone: string): (epochMs: number) => number {
  const offsetAt = zoneOffsetLookup(zone);
  return (epochMs) => epochMs + offsetAt(epochMs) * 60_000;
}

/** "2026-01-05 10:00:45 +08:00": the exports' ISO time, spaced for reading. */
export function timeText(zone: string): TimeText {
  const iso = createTimeFormatter(zone);
  return (epochMs) => iso(epochMs).replace('T', ' ').replace(/(\.\d+)?([+-]\d\d:\d\d)$/, ' $2');
}

function checkInterrupt(ctx: Context): void {
  if (ctx.signal.aborted) throw new InterruptedError();
}

/** Reads every asked source in turn and returns the page's model. */
export async function collectReport(session: ProviderSession, plan: ReportPlan, progress: Progress): Promise<ReportModel> {
  const { ctx, global } = session;
  const { options } = plan;
  const model: Omit<ReportModel, 'zone'> = {
    title: options.title,
    labels: labelsFor(global.headers),
    generatedAt: ctx.now(),
    sandbox: global.sandbox,
  };
  // One spinner for the whole run (only on a terminal); each source updates its text.
  await progress.start('report: reading…');
  if (options.livings || (options.users && plan.livingWindow)) {
    const wecom = await source.wecom();
    progress.update('report: WeCom livings…');
    const livings = options.livings ?? (await wecom.livingIdsOf(session, options.users!.userids, plan.livingWindow!));
    const watch = new WatchAggregator(livings);
    let rows = 0;
    progress.update('report: WeCom viewers…');
    for await (const page of wecom.viewerPages(session, livings)) {
      checkInterrupt(ctx);
      watch.addPage(page);
      rows += page.length;
      if (progress.shown) progress.update(`report: WeCom ${formatCount(rows)} viewers`);
    }
    const command = options.users
      ? watchUsersCommand(options.users.userids, options.users.since, options.users.until, global)
      : watchCommand(livings, global);
    model.wecom = { summary: watch.summary(), command };
  }
  if (options.tencent && plan.accounts) {
    const { room, from, fromFile } = options.tencent;
    const gifts = new GiftAggregator(room);
    progress.update('report: Tencent gifts…');
    const { giftCounts } = await source.tencent();
    for await (const row of giftCounts(session, room, plan.accounts)) {
      checkInterrupt(ctx);
      gifts.add(row);
    }
    model.tencent = { summary: gifts.summary(), command: giftsCommand(room, from, fromFile, global) };
  }
  if (options.polyv && plan.redPacks) {
    const packs = new RedPackAggregator(plan.redPacks.channels, wallClock(global.tz));
    progress.update('report: Polyv red packs…');
    const { redPackFacts } = await source.polyv();
    for await (const page of redPackFacts(session, plan.redPacks)) {
      checkInterrupt(ctx);
      for (const fact of page) packs.add(fact);
    }
    model.polyv = { summary: packs.summary(), command: redpacksCommands(options.polyv, global) };
  }
  if (options.livecountRoom !== undefined) {
    progress.update('report: LiveCount…');
    const row = await (await source.livecount()).liveCountRow(session, options.livecountRoom);
    model.livecount = { summary: funnelOf(row), command: livecountCommand(options.livecountRoom, global) };
  }
  // The zone is looked up only now: without --tz its first lookup is the run's first Intl date format, which brings
  // in ICU's code and data (several MB that stay resident), and a walk that needs no time need not carry them.
  return { ...model, zone: global.tz };
}

/** Draws the charts (ECharts is loaded only now) and returns the page. */
export async function buildPage(model: ReportModel): Promise<string> {
  const { renderChart } = await import('./render-charts.js');
  return renderPage(model, renderChart, timeText(model.zone));
}

/** -o: a temp file renamed into place once complete; else stdout (the command refuses a terminal). */
export async function writePage(ctx: Context, global: GlobalOptions, page: string): Promise<void> {
  const destination = await openDestination(ctx, global);
  try {
    const pending = writeChunk(destination.stream, page);
    if (pending) await pending;
    if (destination.failure) throw destination.failure;
    await destination.commit();
  } catch (error) {
    await destination.abort();
    if (isBrokenPipe(error) && !destination.isFile) return;
    throw error;
  }
}

export function reportProgress(ctx: Context, global: GlobalOptions): Progress {
  return createProgress(ctx.io, progressOff(global), ctx.io.colorEnabled && global.color);
}
