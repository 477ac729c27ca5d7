// get_gift_count for many accounts: concurrent calls under one shared sliding-window limiter (retries paced too),
// rows in input order, and the first failure ends the run. Also the requests a dry run prints.
import type { Context } from '../../context.js';
import { ProviderError } from '../../errors.js';
import type { HttpRequest, Pacer } from '../../http/client.js';
import { mapInOrder } from '../../http/in-order.js';
import { perSecondLimiter, type SlidingWindowLimiter } from '../../http/rate-limiter.js';
import { parseResponse } from '../../http/validate.js';
import type { TencentApi } from './api.js';
import { toGiftRow, type GiftRow } from './rows.js';
import { GIFT_COUNT_COMMAND, GIFT_COUNT_ENDPOINT as ENDPOINT, giftCountSchema, PROVIDER, ROOM_NOT_FOUND } from './schemas.js';

/**
 * Calls in flight when --concurrency is not given; the rate limiter, not this, keeps under 200/s. Every later
 * second repeats the shape of the first one (a sliding window), so the first 200 calls should leave at once:
 * at 100 in flight they take two round trips, where fewer in flight would leave part of each second unused.
 */
export const DEFAULT_GIFT_CONCURRENCY = 100;

export interface GiftQuery {
  room: string;
  accounts: readonly string[];
  concurrency: number;
  /** Shared by every call of the run, retries and UserSig renewals included. */
  pacer: Pacer;
}

/** At most `rate` starts in any one-second window, on the context clock (rate-limiter.ts says why not a library). */
export function createGiftLimiter(ctx: Pick<Context, 'now' | 'sleep' | 'signal'>, rate: number): SlidingWindowLimiter {
  // Tencent counts arrivals on its own millisecond clock; a few ms more per window absorb the rounding of both
  // clocks and what dating a start by its answer cannot see (rate-limiter.ts), at 0.5 % of the rate.
  return perSecondLimiter(ctx, rate, 5);
}

function giftBody(room: string, account: string): Record<string, unknown> {
  return { RoomId: room, From_Account: account };
}

export async function fetchGiftCount(api: TencentApi, room: string, account: string, pacer?: Pacer): Promise<GiftRow> {
  const subject = `account ${JSON.stringify(account)} in room ${JSON.stringify(room)}`;
  const { envelope, body, detail } = await api.call(GIFT_COUNT_COMMAND, giftBody(room, account), { pacer, subject });
  if (envelope.ErrorCode === ROOM_NOT_FOUND) {
    throw new ProviderError(`${PROVIDER} ${ENDPOINT}: room ${JSON.stringify(room)} does not exist`, detail, {
      hint: 'Check --room; rooms belong to one SDKAppID and region.',
    });
  }
  if (envelope.ErrorCode !== 0) {
    throw new ProviderError(`${PROVIDER} ${ENDPOINT} failed for ${subject}`, detail);
  }
  const parsed = parseResponse(giftCountSchema, body, { provider: PROVIDER, endpoint: ENDPOINT, requestId: envelope.RequestId });
  return toGiftRow(room, account, parsed);
}

/** One row per account, in the order given, whatever order the answers arrive in. */
export function giftRows(api: TencentApi, query: GiftQuery): AsyncGenerator<GiftRow, void, undefined> {
  return mapInOrder(query.accounts, query.concurrency, (account) => fetchGiftCount(api, query.room, account, query.pacer));
}

/** The request each account would send, signed with the run's UserSig (redacted when printed). */
export function giftRequests(api: TencentApi, room: string, accounts: readonly string[]): HttpRequest[] {
  return accounts.map((account) => api.request(GIFT_COUNT_COMMAND, giftBody(room, account)));
}
