// Polyv's public surface for commands, loaded on use (dynamic import) so start-up pays nothing for it.
export { PolyvApi, RED_PACK_STATS } from './api.js';
export { DEFAULT_CONCURRENCY } from './pacing.js';
export { pageParams, walkRedPacks, type ChannelPack, type RedPackQuery } from './red-packs.js';
export { RECEIVE_COLUMNS, RED_PACK_COLUMNS, receiveRows, redPackRow, redPackSummary } from './rows.js';
