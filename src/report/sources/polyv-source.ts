// The report's Polyv source: every red pack of the channels, through the same signed, paced, paged walk as
// `livestats redpacks`, and the same row code for money in fen. The only place the report touches that code.
import type { WindowClock } from '../../cli/time-window.js';
import type { HttpRequest } from '../../http/client.js';
import { createTimeFormatter } from '../../output/time.js';
import { PolyvApi, RED_PACK_STATS } from '../../providers/polyv/api.js';
import { DEFAULT_CONCURRENCY } from '../../providers/polyv/pacing.js';
import { pageParams, walkRedPacks, type ChannelPack, type RedPackQuery } from '../../providers/polyv/red-packs.js';
import { redPackRow } from '../../providers/polyv/rows.js';
import { parseTimeRange } from '../../providers/polyv/time-range.js';
import type { ProviderSession } from '../../session/provider-session.js';
import type { RedPackFact } from '../red-pack-stats.js';

export type { RedPackQuery };

/** --since/--until read as `redpacks` reads them (a bare --until date includes that day). */
export function redPackQuery(channels: readonly string[], sessionId: string | undefined, since: string | undefined, until: string | undefined, clock: WindowClock): RedPackQuery {
  return { channels, sessionId, ...parseTimeRange(since, until, clock) };
}

function fact(channelPack: ChannelPack, time: (ms: number) => string): RedPackFact {
  const row = redPackRow(channelPack, time);
  return {
    channel: row.input,
    redPackId: row.red_pack_id,
    createdMs: channelPack.pack.createdTime,
    sender: row.sender_nickname ?? row.sender_userid,
    type: row.red_pack_type,
    status: row.status,
    amountFen: row.amountFen,
    balanceFen: row.balanceFen,
    receivedFen: row.receivedFen,
    receipts: row.receive_count,
    receiverIds: row.receiverIds,
  };
}

export async function* redPackFacts(session: ProviderSession, query: RedPackQuery): AsyncGenerator<readonly RedPackFact[], void, undefined> {
  const api = PolyvApi.open(session);
  const time = createTimeFormatter(session.global.tz);
  const pages = walkRedPacks(api, query, {
    concurrency: session.global.concurrency ?? DEFAULT_CONCURRENCY,
    warn: (line) => session.warn(line),
  });
  for await (const page of pages) yield page.map((p) => fact(p, time));
}

export function polyvRequests(session: ProviderSession, query: RedPackQuery): HttpRequest[] {
  const api = PolyvApi.open(session);
  return query.channels.map((channel) => api.request(RED_PACK_STATS, pageParams(channel, query, 1)));
}
