// WeCom's public surface for commands, loaded on use (dynamic import) so start-up pays nothing for it.
export { gettokenRequest, TOKEN_PLACEHOLDER, watchStatRequest } from './requests.js';
export { WATCH_COLUMNS, type WatchRow } from './rows.js';
export { FIRST_NEXT_KEY } from './schemas.js';
export { watchSummary } from './summary.js';
export { connectWecom } from './token.js';
export { watchPages } from './watch-stat.js';
export { LIVING_COLUMNS, livingRow, type LivingRow } from './living-rows.js';
export { DEFAULT_INFO_CONCURRENCY, discoverLivings, mayHaveViewers, type FoundLiving } from './livings.js';
export { userLivingIdsRequest } from './requests.js';
export { LIST_LIMIT } from './schemas.js';
