// The report's Tencent source: get_gift_count for each account of one room, with the same UserSig, limiter
// (200 calls/s), concurrency and retries as `livestats gifts`. The only place the report touches that code.
import { collectAccounts } from '../../providers/tencent/accounts.js';
import { TencentApi } from '../../providers/tencent/api.js';
import { createGiftLimiter, DEFAULT_GIFT_CONCURRENCY, giftRequests, giftRows } from '../../providers/tencent/gift-count.js';
import { MAX_RATE_PER_SECOND } from '../../providers/tencent/schemas.js';
import { alikeRequests, type AlikeRequests } from '../../session/dry-run.js';
import type { ProviderSession } from '../../session/provider-session.js';
import type { Readable } from 'node:stream';
import type { GiftCount } from '../gift-stats.js';

export interface AccountOptions {
  from: readonly string[] | undefined;
  fromFile: string | undefined;
}

/** The account list, read as `gifts` reads --from and --from-file (trimmed, de-duplicated, order kept). */
export function readAccounts(options: AccountOptions, stdin: Readable): Promise<string[]> {
  return collectAccounts(options, { stdin });
}

export function giftCounts(session: ProviderSession, room: string, accounts: readonly string[]): AsyncIterable<GiftCount> {
  const api = TencentApi.open(session);
  return giftRows(api, {
    room,
    accounts,
    concurrency: session.global.concurrency ?? DEFAULT_GIFT_CONCURRENCY,
    pacer: createGiftLimiter(session.ctx, MAX_RATE_PER_SECOND),
  });
}

/** --dry-run: the first requests, as `gifts --dry-run` shows them, and how many there are in all. */
export function tencentRequests(session: ProviderSession, room: string, accounts: readonly string[]): AlikeRequests {
  const api = TencentApi.open(session);
  return alikeRequests(accounts, 'account', (first) => giftRequests(api, room, first));
}
