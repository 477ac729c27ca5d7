// `livestats report`'s own options, checked before any setting is read or request sent: which sources, their ids,
// and the title. A missing source or a half-given one is a usage error (exit 2) that says what to add.
import { optionStrings, splitIds } from '../cli/command.js';
import { UsageError } from '../errors.js';

export interface ReportOptions {
  livings: string[] | undefined;
  /** WeCom members whose livings in the --since/--until window are reported (as `watch --user`). */
  users: { userids: string[]; since: string; until: string | undefined } | undefined;
  tencent: { room: string; from: string[] | undefined; fromFile: string | undefined } | undefined;
  polyv: { channels: string[]; sessionId: string | undefined; since: string | undefined; until: string | undefined } | undefined;
  livecountRoom: number | undefined;
  title: string | undefined;
}

export const REPORT_EXAMPLE = 'livestats report --living lv_123 --channel 2812610 -o report.html';

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value.trim() : undefined);

/**
 * A variadic option's values, blanks dropped, each once in the order given; `split` also splits on commas and
 * spaces (member and channel ids, as `watch --user` and `redpacks --channel` take them), while living ids and
 * accounts are taken whole (trimmed), as `watch` and `gifts --from` take them.
 */
function ids(value: unknown, split = false): string[] | undefined {
  if (value === undefined) return undefined;
  const list = optionStrings(value);
  return split ? splitIds(list) : [...new Set(list.map((v) => v.trim()).filter((v) => v !== ''))];
}

function nonEmpty(option: string, value: unknown): string | undefined {
  const trimmed = text(value);
  if (value !== undefined && !trimmed) throw new UsageError(`${option} must not be empty`);
  return trimmed;
}

export function parseReportOptions(raw: Record<string, unknown>): ReportOptions {
  const livings = ids(raw.living);
  if (livings && livings.length === 0) throw new UsageError('--living needs at least one living id');
  // Member ids split on commas and spaces too, as `watch --user` takes them.
  const userids = ids(raw.user, true);
  if (userids && userids.length === 0) throw new UsageError('--user needs at least one userid');
  if (livings && userids) throw new UsageError('give WeCom livings either by id (--living) or by member (--user), not both');

  const room = nonEmpty('--tencent-room', raw.tencentRoom);
  const from = ids(raw.accounts);
  const fromFile = nonEmpty('--accounts-file', raw.accountsFile);
  if (room === undefined && (from !== undefined || fromFile !== undefined)) {
    throw new UsageError('--accounts and --accounts-file need --tencent-room <id>');
  }
  if (room !== undefined && from === undefined && fromFile === undefined) {
    throw new UsageError('--tencent-room needs accounts: give --accounts <account...> or --accounts-file <path|->');
  }

  const channels = ids(raw.channel, true);
  if (channels && channels.length === 0) throw new UsageError('--channel needs at least one channel id');
  const sessionId = nonEmpty('--session', raw.session);
  const since = nonEmpty('--since', raw.since);
  const until = nonEmpty('--until', raw.until);
  if (!channels && sessionId !== undefined) throw new UsageError('--session chooses Polyv red packs: it needs --channel <id...>');
  if (!channels && !userids && (since !== undefined || until !== undefined)) {
    throw new UsageError('--since and --until choose WeCom livings (--user) or Polyv red packs (--channel): give one of them');
  }
  if (userids && since === undefined) {
    throw new UsageError('--user needs --since', { hint: 'Example: livestats report --user zhangsan --since yesterday --until yesterday -o report.html' });
  }

  const livecount = nonEmpty('--livecount-room', raw.livecountRoom);
  // LiveCount: room_id is an integer (providers.md §4), as `livestats livecount --room` checks.
  if (livecount !== undefined && (!/^\d+$/.test(livecount) || !Number.isSafeInteger(Number(livecount)))) {
    throw new UsageError(`--livecount-room must be an integer room id, got ${JSON.stringify(raw.livecountRoom)}`);
  }

  const options: ReportOptions = {
    livings,
    users: userids && since !== undefined ? { userids, since, until } : undefined,
    tencent: room === undefined ? undefined : { room, from, fromFile },
    polyv: channels ? { channels, sessionId, since, until } : undefined,
    livecountRoom: livecount === undefined ? undefined : Number(livecount),
    title: nonEmpty('--title', raw.title),
  };
  if (!options.livings && !options.users && !options.tencent && !options.polyv && options.livecountRoom === undefined) {
    throw new UsageError('report needs at least one source: --living, --user, --tencent-room, --channel or --livecount-room', {
      hint: `Example: ${REPORT_EXAMPLE}`,
    });
  }
  return options;
}
