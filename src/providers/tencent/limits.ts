// Tencent's documented call rates, apart from the schemas so that option parsing can use them at start-up.

/** Tencent: get_gift_count allows 200 calls per second (doc 647/72557, docs/providers.md §2.3). */
export const MAX_RATE_PER_SECOND = 200;
