// Tencent Cloud Chat: v4/live_engine_http_srv/get_gift_count as docs/providers.md §2 documents it, and the checks
// every live_engine_http_srv call passes first: the common REST query (sdkappid, identifier, usersig, random,
// contenttype), UserSig verification, a per-endpoint rate limit, and HTTP 200 with ActionStatus/ErrorCode for
// every answer the service itself gives. The room endpoints are in tencent-rooms.ts.
import { SANDBOX_CREDENTIALS } from './credentials.js';
import { MISSING_ID } from './ids.js';
import { hashString, rowHash } from './prng.js';
import { jsonReply, parseJsonObject, type ProtocolContext, type ProtocolFault, type SandboxReply, type SandboxRequest } from './protocol.js';
import type { SlidingWindow } from './stats.js';
import { verifyUserSig } from './usersig.js';

function requestId(ctx: ProtocolContext): string {
  return `Id-${ctx.nextId(32)}-O-Seq-${parseInt(ctx.nextId(5), 16) % 100000}`;
}

export function fail(ctx: ProtocolContext, code: number, info: string): SandboxReply {
  return jsonReply(200, { ActionStatus: 'FAIL', ErrorInfo: info, ErrorCode: code, RequestId: requestId(ctx) });
}

/** A success answer around `response`; the extraFields fault adds an undocumented field to both levels. */
export function succeed(ctx: ProtocolContext, response: Record<string, unknown>, fault: ProtocolFault | undefined): SandboxReply {
  const envelope: Record<string, unknown> = { ActionStatus: 'OK', ErrorInfo: '', ErrorCode: 0, RequestId: requestId(ctx), Response: response };
  if (fault === 'extraFields') {
    response.SandboxUnknown = 1;
    envelope.SandboxExtra = { note: 'undocumented field' };
  }
  return jsonReply(200, envelope);
}

/** Gift totals of one account in one room: deterministic, with about one account in eight at zero. */
export function giftCounts(roomId: string, account: string): { Sequence: number; TotalCount: number; TotalCoins: number; GiftSenderCount: number } {
  const seed = hashString(`${roomId}\u0000${account}`, 0x91f7);
  const h = rowHash(seed, 0);
  if (((h >>> 7) & 7) === 0) return { Sequence: 1 + (h % 50), TotalCount: 0, TotalCoins: 0, GiftSenderCount: 0 };
  const count = 1 + (h % 300);
  return { Sequence: 1 + (h % 5000), TotalCount: count, TotalCoins: count * (1 + ((h >>> 9) % 99)), GiftSenderCount: 1 + ((h >>> 17) % count) };
}

/** The answer an endpoint gives when its rate limit is exceeded. */
export interface Throttle {
  code: number;
  info: string;
}

/** get_gift_count's limit answer: the common REST code (docs/providers.md §2.5). */
const GIFT_THROTTLE: Throttle = { code: 60018, info: 'requests too frequent' };

/**
 * The checks before an endpoint reads its body, in the order the service applies them; a failure reply, or
 * undefined when the call may go on. `limit` is the endpoint's window per SDKAppID (the sandbox knows one app).
 */
function admitCall(req: SandboxRequest, ctx: ProtocolContext, limit: SlidingWindow, throttle: Throttle, fault?: ProtocolFault): SandboxReply | undefined {
  const now = ctx.now();
  const q = req.url.searchParams;
  const sdkAppId = q.get('sdkappid');
  if (!sdkAppId) return fail(ctx, 60012, 'sdkappid missing');
  if (!/^[1-9]\d{0,11}$/.test(sdkAppId)) return fail(ctx, 60006, 'SDKAppID invalid');
  const identifier = q.get('identifier');
  if (!identifier) return fail(ctx, 60004, 'identifier missing in url');
  const userSig = q.get('usersig');
  if (!userSig) return fail(ctx, 60005, 'usersig missing in url');
  const random = q.get('random') ?? '';
  if (!/^\d{1,10}$/.test(random) || Number(random) > 0xffffffff) return fail(ctx, 60002, 'HTTP parse error: random must be a 32-bit unsigned integer');
  if (q.get('contenttype') !== 'json') return fail(ctx, 60002, 'HTTP parse error: contenttype must be json');

  const app = SANDBOX_CREDENTIALS.tencent;
  if (Number(sdkAppId) !== app.sdkAppId) return fail(ctx, 70016, 'SDKAppID not found: check the region domain');
  if (fault === 'qps') return fail(ctx, throttle.code, throttle.info);
  if (!limit.tryAcquire(now)) {
    ctx.stats.tencentRateLimited++;
    return fail(ctx, throttle.code, throttle.info);
  }
  const verdict = verifyUserSig(userSig, { sdkAppId: app.sdkAppId, key: app.secretKey, identifier, nowSeconds: Math.floor(now / 1000) });
  if (!verdict.ok) return fail(ctx, verdict.code, verdict.info);
  if (fault === 'expireToken') return fail(ctx, 70001, 'usersig expired, generate a new one');
  if (identifier !== app.identifier) return fail(ctx, 60010, 'this request requires the app admin account');
  if (fault === 'busy') return fail(ctx, 100001, 'server internal error, please try again');
  return undefined;
}

type Answer = (body: Record<string, unknown>, ctx: ProtocolContext, fault?: ProtocolFault) => SandboxReply;

/** One live_engine_http_srv endpoint: admitCall's checks with its own limit answer, a JSON body, then `answer`. */
export function liveApi(throttle: Throttle, answer: Answer) {
  return (req: SandboxRequest, ctx: ProtocolContext, limit: SlidingWindow, fault?: ProtocolFault): SandboxReply => {
    const refused = admitCall(req, ctx, limit, throttle, fault);
    if (refused) return refused;
    const body = parseJsonObject(req.body);
    return body ? answer(body, ctx, fault) : fail(ctx, 60003, 'JSON parse error');
  };
}

/** Its `limit` is the per-SDKAppID window of get_gift_count. */
export const handleGiftCount = liveApi(GIFT_THROTTLE, (body, ctx, fault) => {
  const { RoomId: roomId, From_Account: account } = body;
  if (typeof roomId !== 'string' || roomId === '') return fail(ctx, 100002, 'invalid parameter: RoomId is required');
  if (typeof account !== 'string' || account === '') return fail(ctx, 100002, 'invalid parameter: From_Account is required');
  if (roomId === MISSING_ID) return fail(ctx, 100004, 'room does not exist');

  const response: Record<string, unknown> = giftCounts(roomId, account);
  if (fault === 'missingField') delete response.TotalCount;
  return succeed(ctx, response, fault);
});
