// WeCom's public surface for commands, loaded on use (dynamic import) so start-up pays nothing for it.
export { gettokenRequest, TOKEN_PLACEHOLDER, watchStatRequest } from './requests.js';
export { WATCH_COLUMNS, watchCells, type WatchRow } from './rows.js';
export { FIRST_NEXT_KEY } from './schemas.js';
export { watchSummary } from './summary.js';
export { connectWecom } from './token.js';
export { watchPages } from './watch-stat.js';
