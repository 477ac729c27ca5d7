// `livestats demo`: runs every export against the embedded sandbox, each under a one-line caption, so a new
// user sees real output with no credentials and no network. Tables unless a format was asked for.
import { Command } from 'commander';
import { examples, type ActionBinder, type CommandInput, type CommandRun } from '../cli/command.js';
import type { Context } from '../context.js';
import { UsageError } from '../errors.js';
import { run as runGifts } from './gifts.js';
import { run as runLivecount } from './livecount.js';
import { run as runLivings } from './livings.js';
import { run as runRedpacks } from './redpacks.js';
import { run as runRooms } from './rooms.js';
import { run as runWatch } from './watch.js';

interface DemoStep {
  caption: string;
  module: 'watch' | 'livings' | 'gifts' | 'rooms' | 'redpacks' | 'livecount';
  args: string[];
  options: Record<string, unknown>;
  summary?: boolean;
  limit?: number;
  /** Columns to show (--fields), where all of them would not fit a terminal. */
  fields?: string[];
}

/** Sandbox ids choose the data set: see the README's sandbox section. */
const STEPS: readonly DemoStep[] = [
  {
    caption: 'WeCom — the livings of member sandbox-anchor in the last 7 days',
    module: 'livings',
    args: [],
    options: { user: ['sandbox-anchor'], since: '-7d' },
    fields: ['living_id', 'theme', 'status', 'type', 'living_start', 'living_duration_s', 'viewer_num', 'replay_status'],
  },
  {
    caption: 'WeCom — who watched living sandbox-12 and for how long',
    module: 'watch',
    args: ['sandbox-12'],
    options: {},
  },
  {
    caption: 'WeCom — one summary row per living',
    module: 'watch',
    args: ['sandbox-12', 'sandbox-2500'],
    options: {},
    summary: true,
  },
  {
    caption: 'Tencent Cloud Chat — gifts per account in room sandbox-room',
    module: 'gifts',
    args: [],
    options: { room: 'sandbox-room', from: ['host_01', 'alice', 'bob', '张伟', 'viewer_1024'] },
  },
  {
    caption: 'Tencent Cloud Chat — the live rooms with their totals, the top five by views',
    module: 'rooms',
    args: [],
    options: { stats: true },
    limit: 5,
  },
  {
    caption: 'Tencent Cloud Chat — all rooms in one row (one was destroyed before its totals were read)',
    module: 'rooms',
    args: [],
    options: { stats: true },
    summary: true,
  },
  {
    caption: 'Polyv — red packs sent on channel sandbox-8',
    module: 'redpacks',
    args: [],
    options: { channel: ['sandbox-8'] },
  },
  {
    caption: 'Polyv — who received them',
    module: 'redpacks',
    args: [],
    options: { channel: ['sandbox-8'], receives: true },
  },
  {
    caption: 'LiveCount — the subscribe / watch / order funnel of room 1024',
    module: 'livecount',
    args: [],
    options: { room: '1024' },
  },
];

/** `livestats report` over the demo's own data, printed as the last hint. */
export const DEMO_REPORT =
  'livestats report --living sandbox-2000 --tencent-room sandbox-room --accounts host_01 alice bob 张伟 viewer_1024 ' +
  '--channel sandbox-8 --livecount-room 1024 --sandbox -o report.html';

const RUNS: Record<DemoStep['module'], CommandRun> = { watch: runWatch, livings: runLivings, gifts: runGifts, rooms: runRooms, redpacks: runRedpacks, livecount: runLivecount };

export function demoCommand(bind: ActionBinder): Command {
  return new Command('demo')
    .description('run every export against the embedded sandbox (no credentials, no network)')
    .addHelpText('after', examples(['livestats demo']))
    .action(bind('demo', run));
}

export async function run(ctx: Context, input: CommandInput): Promise<void> {
  // -o, --summary, --fields and --profile are refused where the command is bound (src/cli/unused-options.ts): one
  // file could hold only the last of several exports, each step chooses its own summary, and no field is in all.
  const format = input.global.formatExplicit ? input.global.format : 'table';
  if (format === 'xlsx') {
    throw new UsageError('demo prints its exports one after another, and an xlsx workbook holds only one', {
      hint: 'Use --csv, --json or --ndjson, or write one export as xlsx: livestats watch sandbox-1000 --sandbox -o watch.xlsx',
    });
  }
  const human = format === 'table';
  for (const [index, step] of STEPS.entries()) {
    if (human) ctx.io.stdout.write(`${index === 0 ? '' : '\n'}▶ ${step.caption}\n`);
    await RUNS[step.module](ctx, {
      args: step.args,
      options: step.options,
      global: { ...input.global, format, sandbox: true, output: undefined, summary: step.summary ?? false, limit: step.limit ?? input.global.limit, fields: step.fields ?? input.global.fields },
    });
  }
  if (human) {
    ctx.io.stdout.write(
      '\nThat was the embedded sandbox. Point livestats at your own accounts with `livestats config set …`,\n' +
        'check them with `livestats doctor`, and add --csv -o FILE to any export.\n' +
        `\nThe same sandbox as one HTML page with charts, to open in a browser or forward:\n  ${DEMO_REPORT}\n`,
    );
  }
}
