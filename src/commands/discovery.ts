// What `livings` and `watch --user` share on the command side: the --user list, the --since/--until window in
// --tz, the WeCom visibility rule for help and for an empty result, and the requests --dry-run shows.
// Finding the livings is src/providers/wecom/livings.ts's job.
import { optionStrings, splitIds } from '../cli/command.js';
import type { GlobalOptions } from '../cli/global-options.js';
import { parseTimeWindow, type TimeWindow } from '../cli/time-window.js';
import type { Context } from '../context.js';
import { UsageError } from '../errors.js';

/** For --help and the README: WeCom's rule that decides which livings any listing can see. */
export const VISIBILITY_NOTE =
  '\nOnly livings created by the app whose secret livestats uses (wecom.corpSecret) are listed: WeCom shows an app\n' +
  'only its own livings, not those a member started from the WeCom client or through another app.\n';

export const WINDOW_HELP = {
  since: 'livings that started at or after this: a day (2026-11-01, today, yesterday: its start) or an instant (date-time in --tz or with an offset, epoch s/ms, now, -12h, -7d)',
  until: 'livings that started before this: a day means its end (included); an instant is exclusive',
} as const;

/** --user as commander gives it (a string, or an array for a variadic option); commas and spaces separate too. */
export function parseUserIds(raw: unknown, command: string): string[] {
  const users = splitIds(optionStrings(raw));
  if (users.length === 0) throw new UsageError(`${command} needs --user <userid...>`, { hint: `Example: livestats ${command} --user zhangsan lisi` });
  return users;
}

/** --since/--until of the command's options, read in --tz at ctx.now. */
export function windowOf(ctx: Context, options: Record<string, unknown>, global: GlobalOptions): TimeWindow {
  const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
  return parseTimeWindow(text(options.since), text(options.until), { zone: global.tz, now: ctx.now() });
}

/** One line on a terminal's stderr when nothing was found: the usual reason is WeCom's visibility rule. */
export function noticeNothingFound(ctx: Context, users: readonly string[]): void {
  if (!ctx.io.stderrIsTTY) return;
  const who = users.length === 1 ? `member ${users[0]}` : `members ${users.join(', ')}`;
  ctx.log.info(`no livings found for ${who}; WeCom lists only livings created by the app whose secret livestats uses (wecom.corpSecret).`);
}
