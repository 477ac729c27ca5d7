// The two rate limits of `rooms`: get_room_list at 10 calls/s and get_room_stats at 100 calls/s, each shared by
// every call of the run (retries and UserSig renewals included). How a limiter works is the project's pacer's job.
import type { Context } from '../../context.js';
import type { Pacer } from '../../http/client.js';
import { createGiftLimiter } from './gift-count.js';
import { ROOM_LIST_RATE_PER_SECOND, ROOM_STATS_RATE_PER_SECOND } from './schemas.js';

type PacerContext = Pick<Context, 'now' | 'sleep' | 'signal'>;

export function createRoomListLimiter(ctx: PacerContext): Pacer {
  return createGiftLimiter(ctx, ROOM_LIST_RATE_PER_SECOND);
}

export function createRoomStatsLimiter(ctx: PacerContext): Pacer {
  return createGiftLimiter(ctx, ROOM_STATS_RATE_PER_SECOND);
}
