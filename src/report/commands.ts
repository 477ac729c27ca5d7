// The export command line that gives every row behind each part of the report, for the page's "full data" notes.
// Arguments are quoted for a POSIX shell; the page escapes them as text.
import type { GlobalOptions } from '../cli/global-options.js';
import { shellArg } from '../util/shell-quote.js';

function line(args: readonly string[], global: Pick<GlobalOptions, 'sandbox' | 'profile' | 'headers'>, file: string): string {
  const extra: string[] = [];
  if (global.sandbox) extra.push('--sandbox');
  else if (global.profile !== 'default') extra.push('--profile', global.profile);
  if (global.headers !== 'en') extra.push('--headers', global.headers);
  // --excel: these files are for people, who open them in a spreadsheet (BOM for Chinese, formulas defused).
  return ['livestats', ...args, ...extra, '--excel', '-o', file].map(shellArg).join(' ');
}

type Global = Pick<GlobalOptions, 'sandbox' | 'profile' | 'headers'>;

export function watchCommand(livings: readonly string[], global: Global): string {
  return line(['watch', ...livings], global, 'watch.csv');
}

export function watchUsersCommand(userids: readonly string[], since: string, until: string | undefined, global: Global): string {
  const args = ['watch', '--user', ...userids, '--since', since];
  if (until !== undefined) args.push('--until', until);
  return line(args, global, 'watch.csv');
}

export function giftsCommand(room: string, from: readonly string[] | undefined, fromFile: string | undefined, global: Global): string {
  const args = ['gifts', '--room', room];
  if (from && from.length > 0) args.push('--from', ...from);
  if (fromFile !== undefined) args.push('--from-file', fromFile);
  return line(args, global, 'gifts.csv');
}

export function redpacksCommands(
  query: { channels: readonly string[]; sessionId: string | undefined; since: string | undefined; until: string | undefined },
  global: Global,
): string {
  const args = ['redpacks', '--channel', ...query.channels];
  if (query.sessionId !== undefined) args.push('--session', query.sessionId);
  if (query.since !== undefined) args.push('--since', query.since);
  if (query.until !== undefined) args.push('--until', query.until);
  return `${line(args, global, 'redpacks.csv')}\n${line([...args, '--receives'], global, 'receipts.csv')}`;
}

export function livecountCommand(room: number, global: Global): string {
  return line(['livecount', '--room', String(room)], global, 'livecount.csv');
}
