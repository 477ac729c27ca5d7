// Global options a command has no use for. One table serves two ends: the command's --help does not offer them,
// and given on the command line they are a usage error rather than silently ignored (`sandbox --json`,
// `config list --summary`) — except the ambient ones below. The options every command honours (-v, -q,
// --no-color, --log-format: how stderr speaks) are never in it.
import type { Command, Option } from 'commander';
import { UsageError } from '../errors.js';
import type { RawGlobalOptions } from './global-options.js';

type Key = keyof RawGlobalOptions;

interface Unused {
  readonly keys: readonly Key[];
  /** Why, when the command's purpose does not say it already (the message's second half). */
  readonly because?: string;
  readonly hint?: string;
}

/** What shapes rows: a command that writes none has no use for these. */
const ROW_OPTIONS: readonly Key[] = ['format', 'json', 'csv', 'ndjson', 'output', 'fields', 'limit', 'summary', 'excel', 'wide', 'trunc', 'headers'];
/** What shapes requests to a provider: a command that sends none has no use for these. */
const REQUEST_OPTIONS: readonly Key[] = ['dryRun', 'concurrency', 'timeout', 'retries'];
/** Where settings come from: a command that reads none, or a run on the sandbox's built-in ones. */
const SETTINGS_OPTIONS: readonly Key[] = ['profile', 'sandbox'];

/**
 * Options a wrapper script may give every command (`livestats --profile prod --tz Asia/Shanghai "$@"`), as the
 * contract's global options: accepted by a command that has no use for them, only left out of its help. What
 * would surprise if ignored (--dry-run, --sandbox, the row options) is refused instead.
 */
const AMBIENT: ReadonlySet<Key> = new Set(['tz', 'profile', 'timeout', 'retries', 'concurrency']);

/** A settings command: works on the file of one profile, sends nothing, writes no rows, shows no time. */
const SETTINGS_FILE: Unused = { keys: [...ROW_OPTIONS, ...REQUEST_OPTIONS, 'tz', 'sandbox'] };
/** A command about the file or the program, not one profile. */
const NO_PROFILE: Unused = { keys: [...SETTINGS_FILE.keys, 'profile'] };

const UNUSED: Readonly<Record<string, Unused>> = {
  livings: { keys: ['summary'], because: 'its rows are livings already' },
  // Gift counts carry no time; LiveCount answers in one call, which nothing runs beside.
  gifts: { keys: ['tz'] },
  livecount: { keys: ['tz', 'concurrency'] },
  report: {
    keys: ['format', 'json', 'csv', 'ndjson', 'excel', 'fields', 'limit', 'summary', 'wide', 'trunc'],
    because: 'it writes one HTML page from every row',
    hint: 'Example: livestats report --living lv_123 --channel 2812610 -o report.html',
  },
  'config set': SETTINGS_FILE,
  'config get': SETTINGS_FILE,
  'config unset': SETTINGS_FILE,
  // config list is a listing: format, fields and -o apply; it has one row per setting, nothing to sum or send.
  'config list': { keys: ['summary', ...REQUEST_OPTIONS, 'tz', 'sandbox'] },
  'config profiles': NO_PROFILE,
  'config delete-profile': NO_PROFILE,
  'config path': NO_PROFILE,
  // doctor sends one real probe per provider (that is its point), in turn, and shows no time.
  doctor: { keys: ['summary', 'dryRun', 'concurrency', 'tz'] },
  sandbox: { keys: [...ROW_OPTIONS, ...REQUEST_OPTIONS, ...SETTINGS_OPTIONS, 'tz'] },
  completion: { keys: [...ROW_OPTIONS, ...REQUEST_OPTIONS, ...SETTINGS_OPTIONS, 'tz'] },
  demo: { keys: ['output', 'summary', 'fields', 'profile'], because: 'it runs several exports, each with its own options, on the sandbox', hint: 'Run one export on the sandbox for these (livestats watch sandbox-1000 --sandbox --summary -o watch.csv), or redirect demo: livestats demo > demo.txt.' },
};

/** `--dry-run` for dryRun, `--no-trunc` for trunc (commander's names for the flags). */
function flagOf(key: Key): string {
  if (key === 'trunc') return '--no-trunc';
  if (key === 'output') return '-o';
  return `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}

/** Throws a usage error naming the first option given on the command line that `name` has no use for (ambient ones pass). */
export function refuseUnusedOptions(name: string, command: Command): void {
  const unused = UNUSED[name];
  for (const key of unused?.keys ?? []) {
    if (AMBIENT.has(key) || command.getOptionValueSourceWithGlobals(key) !== 'cli') continue;
    const because = unused?.because ? `: ${unused.because}` : '';
    throw new UsageError(`${name} does not use ${flagOf(key)}${because}`, {
      hint: unused?.hint ?? `Run \`livestats ${name} --help\` for the options it takes.`,
    });
  }
}

/** "config list" for the list command under config: the name the table and the messages use. */
function commandPath(command: Command): string {
  const names: string[] = [];
  for (let at: Command | null = command; at?.parent; at = at.parent) names.unshift(at.name());
  return names.join(' ');
}

/**
 * The global options a command's --help lists under one heading: those it honours. A command group (`config`)
 * lists none, its subcommands do; --version belongs to the program, not to a command.
 */
export function honouredGlobalOptions(command: Command, globalOptions: readonly Option[]): Option[] {
  if (command.commands.length > 0) return [];
  const unused = new Set<string>(UNUSED[commandPath(command)]?.keys ?? []);
  return globalOptions.filter((option) => option.long !== '--version' && !unused.has(option.attributeName()));
}
