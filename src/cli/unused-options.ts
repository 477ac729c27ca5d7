// Global options a command has no use for: given to it on the command line, they are a usage error rather than
// silently ignored (`sandbox --json`, `config list --summary`). One table, checked where every command is bound.
import type { Command } from 'commander';
import { UsageError } from '../errors.js';
import type { RawGlobalOptions } from './global-options.js';

type Key = keyof RawGlobalOptions;

/** What shapes rows: a command that writes none has no use for these. */
const ROW_OPTIONS: readonly Key[] = ['format', 'json', 'csv', 'ndjson', 'output', 'fields', 'limit', 'summary', 'excel', 'wide', 'trunc', 'headers'];
/** What shapes requests to a provider: a command that sends none has no use for these. */
const REQUEST_OPTIONS: readonly Key[] = ['dryRun', 'concurrency', 'timeout', 'retries'];
const NEITHER = [...ROW_OPTIONS, ...REQUEST_OPTIONS];

const UNUSED: Readonly<Record<string, readonly Key[]>> = {
  sandbox: NEITHER,
  completion: NEITHER,
  'config set': NEITHER,
  'config get': NEITHER,
  'config unset': NEITHER,
  'config path': NEITHER,
  'config profiles': NEITHER,
  'config delete-profile': NEITHER,
  // config list is a listing: format, fields and -o apply; it has one row per setting, nothing to sum or send.
  'config list': ['summary', ...REQUEST_OPTIONS],
  doctor: ['summary'],
};

/** `--dry-run` for dryRun, `--no-trunc` for trunc (commander's names for the flags). */
function flagOf(key: Key): string {
  if (key === 'trunc') return '--no-trunc';
  return `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}

/** Throws a usage error naming the first option given on the command line that `name` has no use for. */
export function refuseUnusedOptions(name: string, command: Command): void {
  for (const key of UNUSED[name] ?? []) {
    if (command.getOptionValueSourceWithGlobals(key) !== 'cli') continue;
    throw new UsageError(`${name} does not use ${flagOf(key)}`, { hint: `Run \`livestats ${name} --help\` for the options it takes.` });
  }
}
