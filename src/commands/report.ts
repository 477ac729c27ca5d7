// `livestats report`: one live event across providers as one self-contained HTML page. Declares the options and
// checks them (and -o, and a terminal stdout) before any setting is read or request sent; the walking, summing,
// drawing and writing live in src/report/, loaded only when the command runs (ECharts with it).
import { Command } from 'commander';
import { examples, type ActionBinder, type CommandInput } from '../cli/command.js';
import { isPageFile, type GlobalOptions } from '../cli/global-options.js';
import type { Context } from '../context.js';
import { UsageError } from '../errors.js';
import { parseReportOptions, REPORT_EXAMPLE } from '../report/options.js';
import { openSession } from '../session/provider-session.js';
import { printDryRun } from '../session/dry-run.js';

export function reportCommand(bind: ActionBinder): Command {
  return new Command('report')
    .description('one live event across providers as a self-contained HTML page with charts (-o report.html)')
    .option('--living <id...>', 'WeCom: living ids (viewers and watch time)')
    .option('--user <userid...>', "WeCom: instead of --living, these members' livings that started in --since/--until (as watch --user)")
    .option('--tencent-room <id>', 'Tencent Cloud Chat: live room id (gifts per account)')
    .option('--accounts <account...>', 'Tencent: accounts to query in --tencent-room')
    .option('--accounts-file <path|->', 'Tencent: accounts from a file, one per line ("-" for standard input)')
    .option('--channel <id...>', 'Polyv: channel ids (red packs and receipts)')
    .option('--session <id>', 'Polyv: only this session (场次)')
    .option('--since <time>', 'WeCom --user and Polyv: from this time (as for watch --user and redpacks)')
    .option('--until <time>', 'WeCom --user and Polyv: until this time, inclusive for a bare date')
    .option('--livecount-room <id>', 'LiveCount: room id (the subscribe / watch / order funnel)')
    .option('--title <text>', 'the page title (default: "Live event report")')
    .addHelpText(
      'after',
      '\nThe page needs no network to open: charts are drawn into it as SVG, with no script and no web font.\n' +
        'Labels follow --headers (en or zh); times follow --tz.\n' +
        examples([
          REPORT_EXAMPLE,
          'livestats report --living sandbox-2000 --tencent-room 1 --accounts alice bob --channel sandbox-8 --livecount-room 1024 --sandbox -o report.html',
          'livestats report --channel 2812610 --since 2026-11-01 --until 2026-11-01 --headers zh --title "双十一直播" > report.html',
        ]),
    )
    .action(bind('report', run));
}

/** A page goes to an .html file or a pipe. (The row options report refuses are in src/cli/unused-options.ts.) */
export function checkReportGlobals(global: GlobalOptions, stdoutIsTTY: boolean): void {
  if (global.output !== undefined && !isPageFile(global.output)) {
    throw new UsageError(`report writes an HTML page: -o needs a .html file name, got ${JSON.stringify(global.output)}`);
  }
  if (!global.dryRun && global.output === undefined && stdoutIsTTY) {
    throw new UsageError('report writes an HTML page, not text for a terminal', {
      hint: 'Give -o report.html, or redirect standard output: livestats report … > report.html',
    });
  }
}

export async function run(ctx: Context, input: CommandInput): Promise<void> {
  const { global } = input;
  const options = parseReportOptions(input.options);
  checkReportGlobals(global, ctx.io.stdoutIsTTY);
  const { checkDestination } = await import('../output/destination.js');
  await checkDestination(global);
  const { buildPage, collectReport, planReport, reportProgress, reportRequests, writePage } = await import('../report/build-report.js');
  const plan = await planReport(ctx, global, options);
  const session = await openSession(ctx, global);
  let model;
  const progress = reportProgress(ctx, global);
  try {
    if (global.dryRun) {
      printDryRun(session, await reportRequests(session, plan));
      return;
    }
    model = await collectReport(session, plan, progress);
  } finally {
    progress.stop();
    await session.close();
  }
  await writePage(ctx, global, await buildPage(model));
}
