// The commander program: the global options and the list of commands. Each command declares its own options,
// help and run in src/commands/<name>.ts; this file only adds them. Tests pass a `runner` to capture what a
// command would receive instead of running it.
import { Command, Help, Option } from 'commander';
import type { ActionBinder, CommandInput, CommandRun } from './cli/command.js';
import { examples } from './cli/command.js';
import { honouredGlobalOptions, refuseUnusedOptions } from './cli/unused-options.js';
import { MAX_CONCURRENCY, parseGlobalOptions, type RawGlobalOptions, type StoredZone } from './cli/global-options.js';
import { completionCommand } from './commands/completion.js';
import { configCommand } from './commands/config.js';
import { demoCommand } from './commands/demo.js';
import { doctorCommand } from './commands/doctor.js';
import { giftsCommand } from './commands/gifts.js';
import { livecountCommand } from './commands/livecount.js';
import { livingsCommand } from './commands/livings.js';
import { redpacksCommand } from './commands/redpacks.js';
import { reportCommand } from './commands/report.js';
import { roomsCommand } from './commands/rooms.js';
import { sandboxCommand } from './commands/sandbox.js';
import { watchCommand } from './commands/watch.js';
import type { Context } from './context.js';

export type { CommandInput } from './cli/command.js';

/** Runs a command; the default calls its run, tests record the call instead. */
export type Runner = (ctx: Context, name: string, input: CommandInput, run: CommandRun) => Promise<void>;

const defaultRunner: Runner = (ctx, _name, input, run) => run(ctx, input);

export function createProgram(ctx: Context, runner: Runner = defaultRunner): Command {
  const program = new Command('livestats');
  program
    .description('Export live-streaming stats from WeCom, Tencent Cloud Chat, Polyv and LiveCount')
    .version(ctx.version, '--version', 'print the livestats version')
    .helpOption('-h, --help', 'show help')
    .addOption(new Option('-f, --format <format>', 'output format: table, csv, json, ndjson, xlsx (default: table on a terminal, else json)'))
    .option('--json', 'shorthand for --format json')
    .option('--csv', 'shorthand for --format csv')
    .option('--ndjson', 'shorthand for --format ndjson')
    .option('-o, --output <file>', 'write to a file atomically; format from the extension (.csv .json .ndjson .jsonl .xlsx)')
    .option('--fields <a,b,...>', 'choose and order columns')
    .option('--limit <n>', 'stop after n rows, fetching no further pages')
    .option('--summary', 'one aggregate row per input (living, room, channel)')
    .option('--excel', 'CSV for spreadsheets: BOM, CRLF, formula-like text cells neutralised (implies --format csv)')
    .option('--wide', 'tables: print every value whole instead of fitting the terminal (alias --no-trunc)')
    .option('--no-trunc', 'the same as --wide')
    .option('--headers <en|zh>', 'language of column headers and report labels: en or zh (default: en)')
    .option('--tz <zone>', 'IANA time zone for timestamps and the days of --since/--until (default: LIVESTATS_TZ, config tz, TZ, else the system zone)')
    .option('-p, --profile <name>', 'credential profile (default: LIVESTATS_PROFILE, else "default")')
    .option('--timeout <ms>', 'per-request timeout in milliseconds (default: 15000)')
    .option('--retries <n>', 'retries for a retryable failure (default: 3)')
    .option('--concurrency <n>', `requests in flight where the provider allows parallel calls, 1-${MAX_CONCURRENCY} (gifts 100, rooms 100 totals, redpacks 4 pages per channel, livings 10)`)
    .option('--dry-run', 'print the requests that would be sent (secrets redacted) and send nothing')
    .option('-v, --verbose', 'log requests, statuses, retries and token refreshes to stderr (redacted)')
    .option('-q, --quiet', 'no spinner or progress on stderr')
    .option('--sandbox', 'run against the embedded simulator with its built-in credentials')
    .option('--no-color', 'no colour (also NO_COLOR)')
    .option('--log-format <text|json>', 'stderr as text lines or one JSON object per line (default: LIVESTATS_LOG_FORMAT, else text)')
    .showSuggestionAfterError(true)
    .configureHelp({
      showGlobalOptions: true,
      sortSubcommands: false,
      visibleGlobalOptions(this: Help, command: Command) {
        return honouredGlobalOptions(command, Help.prototype.visibleGlobalOptions.call(this, command));
      },
    })
    .addHelpText(
      'after',
      examples([
        'livestats demo',
        'livestats watch lv_123 lv_456 --csv -o watchers.csv',
        'livestats redpacks --channel 2812610 --since 2026-11-01 --json | jq \'.[] | .amount\'',
      ]),
    );

  // commander calls an action with (...arguments, options, command); variadic arguments arrive as arrays.
  const bind: ActionBinder =
    (name, run) =>
    async (...params) => {
      const command = params[params.length - 1] as Command;
      const args = params
        .slice(0, -2)
        .flat()
        .filter((a): a is string => typeof a === 'string');
      refuseUnusedOptions(name, command);
      const raw = command.optsWithGlobals<RawGlobalOptions>();
      const global = parseGlobalOptions(raw, ctx.env, ctx.io.stdoutIsTTY, await storedZone(ctx, raw));
      await runner(ctx, name, { args, options: command.opts(), global }, run);
    };

  for (const build of [watchCommand, livingsCommand, giftsCommand, roomsCommand, redpacksCommand, livecountCommand, reportCommand, configCommand, doctorCommand, sandboxCommand, demoCommand, completionCommand]) {
    program.addCommand(adopt(program, build(bind)));
  }
  return program;
}

/**
 * The profile's `tz` when it could matter (no --tz, no LIVESTATS_TZ, no --sandbox). The file is read once per run
 * anyway; a file that cannot be read is left for the command to report, if it reads settings at all.
 */
async function storedZone(ctx: Context, raw: RawGlobalOptions): Promise<StoredZone | undefined> {
  if (raw.tz !== undefined || ctx.env.LIVESTATS_TZ || raw.sandbox) return undefined;
  const profile = raw.profile ?? (ctx.env.LIVESTATS_PROFILE || 'default');
  const zone = await ctx.openSettings().then(
    (store) => store.get(profile, 'tz'),
    () => undefined,
  );
  return zone === undefined ? undefined : { profile, zone };
}

/** A command built on its own takes the program's settings (help option, suggestions), as `.command()` would. */
function adopt(parent: Command, child: Command): Command {
  child.copyInheritedSettings(parent);
  for (const grandchild of child.commands) adopt(child, grandchild);
  return child;
}
