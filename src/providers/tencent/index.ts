// Tencent Cloud Chat's public surface for commands, loaded on use (dynamic import) so start-up pays nothing for it.
export { collectAccounts } from './accounts.js';
export { TencentApi } from './api.js';
export { createGiftLimiter, DEFAULT_GIFT_CONCURRENCY, giftRequests, giftRows } from './gift-count.js';
export { GIFT_COLUMNS, giftSummary } from './rows.js';
export { createRoomListLimiter, createRoomStatsLimiter } from './room-pacing.js';
export { ROOM_COLUMNS, roomSummary } from './room-rows.js';
export { DEFAULT_ROOM_STATS_CONCURRENCY, roomRequests, roomRows } from './rooms.js';
