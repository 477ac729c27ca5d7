// WeCom: cgi-bin/living/get_user_all_livingid and get_living_info as providers.md §7.1–7.2 document them: the
// token checked as for get_watch_stat, errors as errcodes in an HTTP 200, an opaque cursor, and 45009 past a
// per-second budget per API. Who has which livings, and what each is, comes from wecom-livings-data.ts.
import { FORBIDDEN_ID } from './ids.js';
import { jsonReply, parseJsonObject, type ProtocolContext, type ProtocolFault, type SandboxReply, type SandboxRequest } from './protocol.js';
import type { SlidingWindow } from './stats.js';
import { error, refuseCall, type TokenStore } from './wecom.js';
import { livingInfoFor, memberLivingIds } from './wecom-livings-data.js';

// WeCom: at most 100 ids a page, and 100 is the default (doc 93634).
const MAX_LIMIT = 100;

/** The calls of one API within the last second, counted whatever their answer; past the budget, 45009. */
function throttled(window: SlidingWindow, ctx: ProtocolContext): SandboxReply | undefined {
  if (window.tryAcquire(ctx.now())) return undefined;
  ctx.stats.wecomRateLimited++;
  return error(45009, 'api freq out of limit');
}

/** An opaque cursor: base64url of the offset and the member, so a cursor of another member is refused. */
function encodeCursor(userid: string, offset: number): string {
  return Buffer.from(`${offset}:${userid}`, 'utf8').toString('base64url');
}

function decodeCursor(userid: string, cursor: string): number | undefined {
  if (cursor === '') return 0;
  const match = /^(0|[1-9]\d{0,9}):(.*)$/s.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  return match && match[2] === userid ? Number(match[1]) : undefined;
}

type Answer = (req: SandboxRequest, ctx: ProtocolContext, fault?: ProtocolFault) => SandboxReply;

/** One livings API: faults and the token checked as for get_watch_stat, then its per-second budget, then `answer`. */
function livingsApi(answer: Answer) {
  return (req: SandboxRequest, ctx: ProtocolContext, tokens: TokenStore, window: SlidingWindow, fault?: ProtocolFault): SandboxReply =>
    refuseCall(req, ctx, tokens, fault) ?? throttled(window, ctx) ?? answer(req, ctx, fault);
}

export const handleUserLivingIds = livingsApi((req) => {
  const body = parseJsonObject(req.body);
  if (!body) return error(47001, 'data format error');
  const { userid, cursor = '', limit = MAX_LIMIT } = body;
  if (typeof userid !== 'string' || userid === '') return error(41009, 'missing userid');
  // The doc types cursor as a string; a number is refused here so that livestats is held to it.
  if (typeof cursor !== 'string') return error(40058, 'invalid cursor');
  if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) return error(40058, 'invalid limit');
  const ids = memberLivingIds(userid);
  // WeCom: the code for an unknown member is [UNCONFIRMED]; 60111 (userid not found) is the likeliest (providers.md §7.1).
  if (ids === undefined) return error(60111, 'invalid userid');
  const offset = decodeCursor(userid, cursor);
  if (offset === undefined || offset > ids.length) return error(40058, 'invalid cursor');
  const end = Math.min(ids.length, offset + limit);
  // WeCom: an empty next_cursor marks the last page (doc 93634).
  const next = end < ids.length ? encodeCursor(userid, end) : '';
  return jsonReply(200, { errcode: 0, errmsg: 'ok', next_cursor: next, livingid_list: ids.slice(offset, end) });
});

export const handleLivingInfo = livingsApi((req, ctx, fault) => {
  const livingid = req.url.searchParams.get('livingid');
  if (!livingid) return error(40058, 'livingid missing');
  if (livingid === FORBIDDEN_ID) return error(92008, 'current app has no permission to operate this living');
  // WeCom: the code for an unknown living is [UNCONFIRMED]; the sandbox answers as get_watch_stat does (40058).
  const info = livingInfoFor(livingid, ctx.now());
  if (!info) return error(40058, 'invalid livingid');
  // Every field of living_info is optional, so the fault drops the object itself.
  if (fault === 'missingField') return jsonReply(200, { errcode: 0, errmsg: 'ok' });
  return jsonReply(200, { errcode: 0, errmsg: 'ok', living_info: info });
});
