// zod schemas for every WeCom response livestats reads, and the WeCom quirks they encode (docs/providers.md §1).
// Parsing only: what an errcode means for retries and exit codes is decided in errcodes.ts.
import * as z from '../../util/zod.js';

export const PROVIDER = 'WeCom';
export const GETTOKEN = 'gettoken';
export const WATCH_STAT = 'get_watch_stat';
export const LIST_LIVINGS = 'get_user_all_livingid';
export const LIVING_INFO = 'get_living_info';

// WeCom: the first get_watch_stat call sends next_key "0" (doc 93636).
export const FIRST_NEXT_KEY = '0';

/** The errcodes livestats treats specially; every other non-zero code fails the living (doc 90313). */
export const WecomCode = {
  ok: 0,
  // WeCom: "系统繁忙"; the doc allows at most 3 retries (doc 90313).
  busy: -1,
  // WeCom: bad secret, corpid/secret mismatch or disabled app; repeated on gettoken it gets the IP banned for an hour.
  invalidSecret: 40001,
  invalidCorpId: 40013,
  // WeCom: an expired token can also show up as 40014, so it is refreshed like 42001 (doc 90313).
  invalidToken: 40014,
  // WeCom: the token belongs in the URL, never the body; seeing this is a livestats bug.
  missingToken: 41001,
  tokenExpired: 42001,
  // WeCom: a frequency block lasts as long as the window exceeded, 60 s for a per-minute limit (doc 90454).
  rateLimited: 45009,
  concurrencyLimited: 45033,
  // WeCom: the app is not among the apps allowed to call the living APIs.
  noPermission: 48002,
  // WeCom: the caller's IP is not in the app's trusted IPs (企业可信IP); new entries apply after about a minute.
  untrustedIp: 60020,
  // WeCom: an app can only read livings it created itself (doc 93636).
  livingNotPermitted: 92008,
  // WeCom: "userid not found"; what get_user_all_livingid answers for an unknown member [UNCONFIRMED] (providers.md §7.1).
  unknownUser: 60111,
} as const;

/** At most this many retries on errcode -1 (doc 90313), whatever --retries says. */
export const MAX_BUSY_RETRIES = 3;
/** How long to wait out a 45009 frequency block: the per-minute window (doc 90454). */
export const RATE_LIMIT_WAIT_MS = 60_000;
/** The cached token is dropped this long before WeCom says it expires (docs/providers.md §1.6). */
export const TOKEN_EXPIRY_MARGIN_S = 300;

// WeCom: wechatpy's gettoken fixture has no errcode at all, so a missing errcode means success (docs/providers.md §6).
const errcode = z._default(z.int(), WecomCode.ok);

/** The part every WeCom answer shares; read before anything else so an error answer is not a shape error. */
export const envelopeSchema = z.looseObject({ errcode, errmsg: z.optional(z.string()) });

// WeCom: EasyWeChat's tests send expires_in as the string "1500" (docs/providers.md §6).
const seconds = z.pipe(
  z.pipe(z.union([z.number(), z.string().check(z.regex(/^\d+$/, 'expected a whole number of seconds'))]), z.transform(Number)),
  z.int().check(z.nonnegative()),
);

export const tokenSchema = z.looseObject({
  // WeCom: reserve at least 512 bytes for the token; its format is not promised (doc 91039).
  access_token: z.string().check(z.minLength(1)),
  expires_in: seconds,
});

// An optional id or name may be absent, null or "" in the wild; rows.ts turns all three into null.
const optionalText = z.nullish(z.string());
// WeCom: is_comment and is_mic are 0/1 flags (doc 93636); kept optional so one odd viewer does not sink a run.
const flag = z.optional(z.int());

const viewerFields = {
  watch_time: z.number().check(z.nonnegative()),
  is_comment: flag,
  is_mic: flag,
  // WeCom: invitor_* are filled only for 「推广产品」 livings (docs/providers.md §1.1); members may also carry a name.
  invitor_userid: optionalText,
  invitor_external_userid: optionalText,
  name: optionalText,
};

export const memberSchema = z.looseObject({ userid: z.string(), ...viewerFields });
// WeCom: type 1 is a WeChat user, 2 a WeCom user (doc 93636); invitor_* here rest on the seed only [UNCONFIRMED].
export const externalSchema = z.looseObject({ external_userid: z.string(), type: z.optional(z.int()), ...viewerFields });

export const watchStatSchema = z.looseObject({
  // WeCom: ending is the only end signal; an empty page or a repeated next_key is not one (doc 93636).
  ending: z.int(),
  // WeCom: WxJava omits next_key when blank (docs/providers.md §6), so it is optional on the last page.
  next_key: z.optional(z.string()),
  // WeCom: the doc gives no page size and no empty-page shape [UNCONFIRMED]; absent lists mean no viewers.
  stat_info: z.optional(
    z.looseObject({ users: z.optional(z.array(memberSchema)), external_users: z.optional(z.array(externalSchema)) }),
  ),
});

export type Member = z.output<typeof memberSchema>;
export type External = z.output<typeof externalSchema>;
export type WatchStatPage = z.output<typeof watchStatSchema>;

// WeCom: get_user_all_livingid takes at most 100 ids a page, its default (doc 93634).
export const LIST_LIMIT = 100;

export const livingIdListSchema = z.looseObject({
  // WeCom: an empty next_cursor ends the list (doc 93634); a missing one was never seen and ends it too (providers.md §7.1).
  next_cursor: z.nullish(z.string()),
  // WeCom: the list of a success page; its absence is read as no ids [UNCONFIRMED].
  livingid_list: z.nullish(z.array(z.string())),
});

// WeCom: every living_info field may be missing (providers.md §7.2): each is optional, absent and null alike.
const count = z.nullish(z.number());
const words = z.nullish(z.string());

export const livingInfoSchema = z.looseObject({
  living_info: z.looseObject({
    theme: words,
    // WeCom: Unix seconds; 0 for a living that never started (providers.md §7.2).
    living_start: count,
    living_duration: count,
    status: count,
    // WeCom: the doc sample spells the key "status " with a trailing space; the real server sends "status" (doc 93635, obs).
    'status ': count,
    reserve_start: count,
    reserve_living_duration: count,
    description: words,
    anchor_userid: words,
    main_department: count,
    viewer_num: count,
    comment_num: count,
    mic_num: count,
    open_replay: count,
    // WeCom: sent only when open_replay == 1 (doc 93635).
    replay_status: count,
    // WeCom: type 3 was seen coming back as 0 [UNCONFIRMED why] (providers.md §7.2).
    type: count,
    online_count: count,
    subscribe_count: count,
  }),
});

export type LivingInfo = z.output<typeof livingInfoSchema>['living_info'];
