// The two rate limits of `rooms`: get_room_list at 10 calls/s and get_room_stats at 100 calls/s, each shared by
// every call of the run (retries and UserSig renewals included). How a limiter works is the project's pacer's job.
import type { Context } from '../../context.js';
import type { Pacer } from '../../http/client.js';
import { perSecondLimiter } from '../../http/rate-limiter.js';
import { ROOM_LIST_RATE_PER_SECOND, ROOM_STATS_RATE_PER_SECOND } from './schemas.js';

type PacerContext = Pick<Context, 'now' | 'sleep' | 'signal'>;

/**
 * Extra time each start stays in the one-second window. The server counts arrivals on its own clock, and a
 * request held up on the way (a busy host) shortens the gap it sees; rooms is a short discovery run, so it
 * gives up a little of the rate for never being refused, where gifts (createGiftLimiter) keeps a smaller margin.
 */
const ROOM_MARGIN_MS = 50;

export function createRoomListLimiter(ctx: PacerContext): Pacer {
  return perSecondLimiter(ctx, ROOM_LIST_RATE_PER_SECOND, ROOM_MARGIN_MS);
}

export function createRoomStatsLimiter(ctx: PacerContext): Pacer {
  return perSecondLimiter(ctx, ROOM_STATS_RATE_PER_SECOND, ROOM_MARGIN_MS);
}
