// Every red pack of the asked channels, from Polyv's paged statistics list: channels one after the other,
// page 1 first, then pages 2..totalPages several at a time but handed on in page order, a page at a time.
// Rows are rows.ts's job.
import { ProviderError } from '../../errors.js';
import { mapInOrder } from '../../http/in-order.js';
import { RED_PACK_STATS, type PolyvApi } from './api.js';
import { PROVIDER, redPackPageBodySchema, type RedPack, type RedPackPage } from './schemas.js';
import type { ParamValue } from './sign.js';

/** Polyv's maximum page size (§3.1): the fewest calls per channel. */
export const PAGE_SIZE = 1000;

export interface RedPackQuery {
  channels: readonly string[];
  sessionId?: string | undefined;
  /** 13-digit epoch milliseconds. */
  startTime?: number | undefined;
  endTime?: number | undefined;
}

export interface WalkOptions {
  /** Pages in flight per channel. */
  concurrency: number;
  warn(line: string): void;
}

/** One red pack and the channel it was asked for (the summary groups by the input, whatever Polyv echoes). */
export interface ChannelPack {
  channel: string;
  pack: RedPack;
}

export function pageParams(channel: string, query: RedPackQuery, pageNumber: number): Record<string, ParamValue> {
  return {
    channelId: channel,
    sessionId: query.sessionId,
    startTime: query.startTime,
    endTime: query.endTime,
    // Polyv: pageNumber is 1-based [UNCONFIRMED, docs/providers.md §3.1]; a page-number echo check below catches a mismatch.
    pageNumber,
    pageSize: PAGE_SIZE,
  };
}

/** The red packs of every channel, a page at a time (an empty page is not handed on). */
export async function* walkRedPacks(api: PolyvApi, query: RedPackQuery, options: WalkOptions): AsyncGenerator<ChannelPack[]> {
  for (const channel of query.channels) yield* walkChannel(api, channel, query, options);
}

async function* walkChannel(api: PolyvApi, channel: string, query: RedPackQuery, options: WalkOptions): AsyncGenerator<ChannelPack[]> {
  const fetchPage = async (pageNumber: number): Promise<RedPackPage> => {
    const body = await api.get(RED_PACK_STATS, pageParams(channel, query, pageNumber), redPackPageBodySchema);
    if (body.data.pageNumber != null && body.data.pageNumber !== pageNumber) {
      throw walkError(channel, `asked for page ${pageNumber} and got page ${body.data.pageNumber}`);
    }
    return body.data;
  };

  const first = await fetchPage(1);
  const { totalPages, totalItems } = first;
  let received = 0;
  if (first.contents.length > 0) yield first.contents.map((pack) => ({ channel, pack }));
  received += first.contents.length;
  if (first.contents.length === 0 || totalPages <= 1) return warnShort(options, channel, 1, totalPages, received, totalItems);

  const later = mapInOrder(range(2, totalPages), options.concurrency, async (pageNumber) => {
    const page = await fetchPage(pageNumber);
    // Red packs sent (or refunded away) mid-export shift every later page: rows would be lost or repeated.
    if (page.totalPages !== totalPages || page.totalItems !== totalItems) {
      throw walkError(
        channel,
        `the data changed during the export (page 1 said ${totalItems} red packs on ${totalPages} pages, ` +
          `page ${pageNumber} says ${page.totalItems} on ${page.totalPages})`,
        'Run the export again, or narrow it with --until to a time that has passed.',
      );
    }
    return { pageNumber, page };
  });
  for await (const { pageNumber, page } of later) {
    if (page.contents.length > 0) yield page.contents.map((pack) => ({ channel, pack }));
    received += page.contents.length;
    // Safety stop: an empty page before the last one would otherwise be followed by more empty pages.
    if (page.contents.length === 0) return warnShort(options, channel, pageNumber, totalPages, received, totalItems);
  }
  warnShort(options, channel, totalPages, totalPages, received, totalItems);
}

function warnShort(options: WalkOptions, channel: string, page: number, totalPages: number, got: number, total: number): void {
  if (got === total) return;
  const where = page < totalPages ? `page ${page} of ${totalPages} came back empty; ` : '';
  options.warn(`channel ${channel}: ${where}Polyv reported ${total} red packs, ${got} were received.`);
}

function walkError(channel: string, what: string, hint?: string): ProviderError {
  return new ProviderError(
    `${PROVIDER} ${RED_PACK_STATS.name}: channel ${channel}: ${what}`,
    { provider: PROVIDER, endpoint: RED_PACK_STATS.name },
    { hint: hint ?? 'Run the export again; if it repeats, report it with --verbose output.' },
  );
}

function* range(from: number, to: number): Generator<number> {
  for (let n = from; n <= to; n++) yield n;
}
