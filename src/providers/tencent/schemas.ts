// Tencent Cloud Chat REST: response shapes (zod) and every provider quirk livestats relies on — which
// ErrorCode is retried, which means bad credentials, which ends the run. Callers branch on these tables only.
import * as z from '../../util/zod.js';

export const PROVIDER = 'Tencent';

export { MAX_RATE_PER_SECOND } from './limits.js';

/** The UserSig lifetime; Tencent's error-code doc recommends at least 24 h (docs/providers.md §2.2). */
export const USERSIG_LIFETIME_SECONDS = 86_400;

export const GIFT_COUNT_ENDPOINT = 'get_gift_count';
export const GIFT_COUNT_COMMAND = `live_engine_http_srv/${GIFT_COUNT_ENDPOINT}`;

/**
 * Tencent: success is ErrorCode 0 even on HTTP 200; ActionStatus is informative only (doc 1047/34620).
 * RequestId exists only on newer APIs, so it is optional. Unknown fields pass through.
 */
export const envelopeSchema = z.looseObject({
  ActionStatus: z.optional(z.string()),
  ErrorCode: z.int(),
  ErrorInfo: z.optional(z.string()),
  RequestId: z.optional(z.string()),
});
export type TencentEnvelope = z.infer<typeof envelopeSchema>;

/**
 * Tencent get_gift_count (doc 647/72557). The doc's own sample has trailing commas, so fixtures use the valid-JSON
 * form. `Sequence` is listed but never described, so it may be absent (null in the row).
 */
export const giftCountSchema = z.extend(envelopeSchema, {
  Response: z.looseObject({
    Sequence: z.nullish(z.int()),
    TotalCount: z.int(),
    TotalCoins: z.int(),
    GiftSenderCount: z.int(),
  }),
});
export type GiftCountBody = z.infer<typeof giftCountSchema>;

/** Tencent get_room_list: 10 calls per second, at most 20 rooms a page (docs/providers.md §7.4). */
export const ROOM_LIST_ENDPOINT = 'get_room_list';
export const ROOM_LIST_COMMAND = `live_engine_http_srv/${ROOM_LIST_ENDPOINT}`;
export const ROOM_LIST_RATE_PER_SECOND = 10;
export const ROOM_LIST_PAGE_SIZE = 20;

/** Tencent get_room_stats: 100 calls per second (doc 647/132566, docs/providers.md §7.5). */
export const ROOM_STATS_ENDPOINT = 'get_room_stats';
export const ROOM_STATS_COMMAND = `live_engine_http_srv/${ROOM_STATS_ENDPOINT}`;
export const ROOM_STATS_RATE_PER_SECOND = 100;
/** Tencent's own admin tool reads the same body at this path; which one is canonical is [UNCONFIRMED]. */
export const ROOM_STATISTIC_COMMAND = 'live_engine_http_srv/get_room_statistic';
/** Tencent REST: the resource URL is wrong (docs/providers.md §2.5); the cue to try ROOM_STATISTIC_COMMAND. */
export const BAD_RESOURCE_URL = 60009;

/**
 * Tencent get_room_list (docs/providers.md §7.4). The last page has an empty `Next`; a missing `Next` or an empty
 * `RoomList` is taken as the end too. `Next` is opaque. Every room field but RoomId may be absent or empty
 * (null in the row); OwnerName, OnlineCount and other extras pass through unread.
 */
export const roomListSchema = z.extend(envelopeSchema, {
  Response: z.looseObject({
    Next: z.nullish(z.string()),
    RoomList: z.nullish(
      z.array(
        z.looseObject({
          RoomId: z.string().check(z.minLength(1)),
          RoomName: z.nullish(z.string()),
          Owner_Account: z.nullish(z.string()),
          CoverURL: z.nullish(z.string()),
          Category: z.nullish(z.array(z.int())),
          CreateTime: z.nullish(z.int()),
          ActivityStatus: z.nullish(z.int()),
          ViewCount: z.nullish(z.int()),
        }),
      ),
    ),
  }),
});
export type RoomListBody = z.infer<typeof roomListSchema>;
export type ListedRoom = NonNullable<RoomListBody['Response']['RoomList']>[number];

/** Tencent get_room_stats (docs/providers.md §7.5): cumulative totals of one room, all integers. */
export const roomStatsSchema = z.extend(envelopeSchema, {
  Response: z.looseObject({
    TotalViewers: z.int(),
    TotalGiftsSent: z.int(),
    TotalGiftCoins: z.int(),
    TotalUniqueGiftSenders: z.int(),
    TotalLikesReceived: z.int(),
    TotalMsgCount: z.int(),
  }),
});
export type RoomStatsBody = z.infer<typeof roomStatsSchema>;

/** Tencent: "UserSig expired" — make a new one and retry once (docs/providers.md §2.5). */
export const USERSIG_EXPIRED = 70001;

/** Live APIs: the room does not exist, or was destroyed (get_room_stats doc 647/132566; assumed for get_gift_count [UNCONFIRMED]). */
export const ROOM_NOT_FOUND = 100004;
/** Live APIs: invalid parameter (doc 647/72557). */
export const BAD_PARAMETER = 100002;

/** Tencent: busy or throttled answers worth retrying with backoff (common codes doc 679/131708, docs/providers.md §2.5). */
const RETRYABLE: ReadonlyMap<number, string> = new Map([
  [60007, 'REST call frequency over the limit'],
  [60008, 'service timeout or malformed HTTP request'],
  [60011, 'SDKAppID request frequency over the limit'],
  [60018, 'requests too frequent'],
  [60019, 'requests too frequent'],
  [70050, 'too many UserSig failures, temporarily throttled'],
  [100001, 'server internal error'],
  // get_room_stats and sibling gift APIs document 100012 "called too frequently"; not listed for get_gift_count [UNCONFIRMED].
  [100012, 'called too frequently'],
]);

/** Tencent: 70050 blocks further calls for a while; the doc says to wait at least a minute. */
const MIN_WAIT_MS: ReadonlyMap<number, number> = new Map([[70050, 60_000]]);

export function retryableCode(code: number): { reason: string; delayMs: number | undefined } | undefined {
  const reason = RETRYABLE.get(code);
  return reason === undefined ? undefined : { reason, delayMs: MIN_WAIT_MS.get(code) };
}

const REGION_HINT = 'Check tencent.region — the SDKAppID may live in another region (or set tencent.baseUrl).';
const KEY_HINT = 'Check tencent.sdkAppId, tencent.secretKey and tencent.identifier, then run `livestats doctor tencent`.';

/** Codes meaning the credentials or the admin account were refused (exit 4), each with what to check. */
const AUTH_HINTS: ReadonlyMap<number, string> = new Map([
  [60004, 'The account or signature in the request was refused. ' + KEY_HINT],
  [60005, 'The account or signature in the request was refused. ' + KEY_HINT],
  [60006, 'The SDKAppID is not valid: check tencent.sdkAppId. ' + REGION_HINT],
  [60010, 'tencent.identifier must be an app administrator account (Chat console → App admin).'],
  [60021, "This machine's IP address is not on the app's allowed list in the Chat console."],
  [USERSIG_EXPIRED, 'A freshly made UserSig was still called expired: check that the system clock is right.'],
  [70003, 'The UserSig could not be parsed. ' + KEY_HINT],
  [70009, 'The UserSig was signed with another app\'s key: tencent.secretKey must belong to tencent.sdkAppId.'],
  [70013, 'The UserSig was made for another account: check tencent.identifier.'],
  [70014, 'The UserSig was made for another SDKAppID: check tencent.sdkAppId.'],
  [70016, REGION_HINT],
  [70020, REGION_HINT],
  [70107, 'tencent.identifier is not an imported account: use an app administrator account.'],
]);

/** The hint for a credential refusal, or undefined when the code is not about credentials. 700xx are UserSig errors. */
export function authHint(code: number): string | undefined {
  const known = AUTH_HINTS.get(code);
  if (known !== undefined) return known;
  if (code >= 70000 && code <= 70099 && !RETRYABLE.has(code)) return 'The UserSig was refused. ' + KEY_HINT;
  return undefined;
}
