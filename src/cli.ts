// The commander program: global options, every subcommand with its own options, help and examples.
// Builders only declare flags; each action imports its command module when it runs (start-up stays light)
// and hands it the parsed arguments. Tests pass `runners` to capture what a command would receive.
import { Command, Option } from 'commander';
import { MAX_CONCURRENCY, parseGlobalOptions, type GlobalOptions, type RawGlobalOptions } from './cli/global-options.js';
import type { Context } from './context.js';

export interface CommandInput {
  /** Positional arguments, as commander collected them. */
  args: string[];
  /** The command's own options, unvalidated. */
  options: Record<string, unknown>;
  global: GlobalOptions;
}

export type CommandName = 'watch' | 'gifts' | 'redpacks' | 'livecount' | 'config' | 'doctor' | 'sandbox' | 'demo';
export type Runner = (ctx: Context, name: string, input: CommandInput) => Promise<void>;

interface CommandModule {
  run(ctx: Context, input: CommandInput, sub?: string): Promise<void>;
}

/** Each command module is loaded only when that command runs (a literal map, so bundlers and vitest see it). */
const COMMAND_MODULES: Record<CommandName, () => Promise<CommandModule>> = {
  watch: () => import('./commands/watch.js'),
  gifts: () => import('./commands/gifts.js'),
  redpacks: () => import('./commands/redpacks.js'),
  livecount: () => import('./commands/livecount.js'),
  config: () => import('./commands/config.js'),
  doctor: () => import('./commands/doctor.js'),
  sandbox: () => import('./commands/sandbox.js'),
  demo: () => import('./commands/demo.js'),
};

/** Loads src/commands/<module>.ts and calls its `run`; "config set" runs the config module with sub "set". */
const defaultRunner: Runner = async (ctx, name, input) => {
  const [module, sub] = name.split(' ') as [CommandName, string | undefined];
  const loaded = await COMMAND_MODULES[module]();
  await loaded.run(ctx, input, sub);
};

function examples(lines: string[]): string {
  return `\nExamples:\n${lines.map((l) => `  $ ${l}`).join('\n')}\n`;
}

export function createProgram(ctx: Context, runner: Runner = defaultRunner): Command {
  const program = new Command('livestats');
  program
    .description('Export live-streaming stats from WeCom, Tencent Cloud Chat, Polyv and LiveCount')
    .version(ctx.version, '--version', 'print the livestats version')
    .helpOption('-h, --help', 'show help')
    .addOption(new Option('-f, --format <format>', 'output format: table, csv, json, ndjson (default: table on a terminal, else json)'))
    .option('--json', 'shorthand for --format json')
    .option('--csv', 'shorthand for --format csv')
    .option('--ndjson', 'shorthand for --format ndjson')
    .option('-o, --output <file>', 'write to a file atomically; format from the extension (.csv .json .ndjson .jsonl)')
    .option('--fields <a,b,...>', 'choose and order columns')
    .option('--limit <n>', 'stop after n rows, fetching no further pages')
    .option('--summary', 'one aggregate row per input (living, room, channel)')
    .option('--excel', 'CSV for spreadsheets: BOM, CRLF, formula-like text cells neutralised (implies --format csv)')
    .option('--headers <en|zh>', 'language of column headers and report labels: en or zh (default: en)')
    .option('--tz <zone>', 'IANA time zone for timestamps (default: TZ or the system zone)')
    .option('-p, --profile <name>', 'credential profile (default: LIVESTATS_PROFILE, else "default")')
    .option('--timeout <ms>', 'per-request timeout in milliseconds (default: 15000)')
    .option('--retries <n>', 'retries for a retryable failure (default: 3)')
    .option('--concurrency <n>', `requests in flight where the provider allows parallel calls, 1-${MAX_CONCURRENCY} (gifts 100, redpacks 4 pages per channel)`)
    .option('--dry-run', 'print the requests that would be sent (secrets redacted) and send nothing')
    .option('-v, --verbose', 'log requests, statuses, retries and token refreshes to stderr (redacted)')
    .option('-q, --quiet', 'no spinner or progress on stderr')
    .option('--sandbox', 'run against the embedded simulator with its built-in credentials')
    .option('--no-color', 'no colour (also NO_COLOR)')
    .showSuggestionAfterError(true)
    .configureHelp({ showGlobalOptions: true, sortSubcommands: false })
    .addHelpText(
      'after',
      examples([
        'livestats demo',
        'livestats watch lv_123 lv_456 --csv -o watchers.csv',
        'livestats redpacks --channel 2812610 --since 2026-11-01 --json | jq \'.[] | .amount\'',
      ]),
    );

  // commander calls an action with (...arguments, options, command); variadic arguments arrive as arrays.
  const action =
    (name: string) =>
    async (...params: unknown[]): Promise<void> => {
      const command = params[params.length - 1] as Command;
      const args = params
        .slice(0, -2)
        .flat()
        .filter((a): a is string => typeof a === 'string');
      const global = parseGlobalOptions(command.optsWithGlobals<RawGlobalOptions>(), ctx.env, ctx.io.stdoutIsTTY);
      await runner(ctx, name, { args, options: command.opts(), global });
    };

  program
    .command('watch')
    .description('WeCom: who watched a living and for how long (one row per viewer)')
    .argument('<livingid...>', 'one or more living ids')
    .addHelpText(
      'after',
      examples([
        'livestats watch lv_123',
        'livestats watch lv_123 lv_456 --summary',
        'livestats watch lv_123 --csv -o watchers.csv',
        'livestats watch sandbox-1000 --sandbox --json | jq ".[0]"',
      ]),
    )
    .action(action('watch'));

  program
    .command('gifts')
    .description('Tencent Cloud Chat: gift counts per account in a live room (one call per account)')
    .requiredOption('--room <id>', 'live room id')
    .option('--from <account...>', 'accounts to query (From_Account); may be combined with --from-file')
    .option('--from-file <path|->', 'read accounts from a file, one per line ("-" for standard input); added after --from, duplicates dropped, order kept')
    .option('--rate <n>', "requests per second, 1–200 (default 200, Tencent's documented limit)")
    .addHelpText(
      'after',
      `\nNote: Tencent's documents disagree on From_Account. One copy calls it the gift sender, another the gift\nreceiver (anchor); GiftSenderCount suggests the receiver. livestats passes each account through unchanged;\ncheck against a real room before relying on either reading.\n` +
        examples([
          'livestats gifts --room room_1 --from alice bob',
          'livestats gifts --room room_1 --from-file accounts.txt --csv -o gifts.csv',
          'cut -d, -f1 viewers.csv | livestats gifts --room room_1 --from-file - --summary',
        ]),
    )
    .action(action('gifts'));

  program
    .command('redpacks')
    .description('Polyv: red packs sent on channels (one row per red pack, or per receipt with --receives)')
    .requiredOption('--channel <id...>', 'one or more channel ids')
    .option('--session <id>', 'only this session (场次)')
    .option('--since <time>', 'from this time: ISO date (start of day) or date-time in --tz, with an offset, or epoch ms/s')
    .option('--until <time>', 'until this time, inclusive: a bare date means the end of that day; date-time in --tz, with an offset, or epoch ms/s')
    .option('--receives', 'one row per receipt instead of per red pack')
    .addHelpText(
      'after',
      examples([
        'livestats redpacks --channel 2812610',
        'livestats redpacks --channel 2812610 --since 2026-11-01 --until 2026-11-02 --receives --csv -o receipts.csv',
        'livestats redpacks --channel 2812610 2812611 --summary',
      ]),
    )
    .action(action('redpacks'));

  program
    .command('livecount')
    .description('LiveCount: the subscribe / watch / order funnel of a room (one row)')
    .requiredOption('--room <id>', 'room id (an integer)')
    .option('--left-select <value>', 'left drop-down user filter')
    .option('--right-select <value>', 'right drop-down user filter')
    .addHelpText(
      'after',
      '\n--summary prints the same row: it already is a room summary.\n' +
        examples(['livestats livecount --room 1024', 'livestats livecount --room 1024 --json | jq .[0].order_total']),
    )
    .action(action('livecount'));

  const config = program
    .command('config')
    .description('manage stored credentials and settings (per profile)')
    .addHelpText(
      'after',
      examples([
        'livestats config set wecom.corpId ww1234567890',
        'livestats config set wecom.corpSecret            # prompts, hidden',
        'printf %s "$SECRET" | livestats config set polyv.appSecret',
        'livestats config list --profile staging',
        'livestats config list --json',
      ]),
    );
  config
    .command('set')
    .description('set a value; without one it is read from standard input (hidden prompt on a terminal)')
    .argument('<key>', 'config key, e.g. wecom.corpId')
    .argument('[value]', 'the value (omit it for secrets)')
    .action(action('config set'));
  config
    .command('get')
    .description('print a value (secrets masked)')
    .argument('<key>', 'config key')
    .option('--show-secrets', 'print secrets in full')
    .action(action('config get'));
  config.command('unset').description('remove a value').argument('<key>', 'config key').action(action('config unset'));
  config
    .command('list')
    .description('list every setting with where its value comes from (secrets masked): key=value lines on a pipe, a table on a terminal, --json/--csv with a source column')
    .option('--show-secrets', 'print secrets in full')
    .action(action('config list'));
  config.command('path').description('print the config file path').action(action('config path'));

  program
    .command('doctor')
    .description('check each configured provider with one harmless authenticated call')
    .argument('[provider...]', 'only these: wecom, tencent, polyv, livecount')
    .addHelpText('after', examples(['livestats doctor', 'livestats doctor wecom --verbose']))
    .action(action('doctor'));

  program
    .command('sandbox')
    .description('serve the embedded provider simulator on 127.0.0.1 until stopped')
    .option('--port <n>', 'port to listen on (default: any free port)')
    .option('--latency <ms>', 'added latency per response')
    .option('--fail-rate <p>', 'share of requests answered with a retryable failure, 0 to 1')
    .addHelpText('after', examples(['livestats sandbox --port 8080', 'livestats sandbox --latency 50 --fail-rate 0.1']))
    .action(action('sandbox'));

  program
    .command('demo')
    .description('run every export against the embedded sandbox (no credentials, no network)')
    .addHelpText('after', examples(['livestats demo']))
    .action(action('demo'));

  return program;
}
