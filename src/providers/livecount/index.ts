// LiveCount's public surface for commands, loaded on use (dynamic import) so start-up pays nothing for it.
export { buildLiveCountRequest, liveCountRows, loadLiveCountSettings, redactConfiguredHeaders, type LiveCountQuery } from './live-count.js';
export { LIVECOUNT_COLUMNS } from './rows.js';
