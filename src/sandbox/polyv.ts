// Polyv: GET live/v4/channel/red-pack/statistics/list as docs/providers.md §3 documents it: uppercase MD5 sign,
// 13-digit timestamps valid for 3 minutes, HTTP status equal to `code`, 1-based pages of at most 1000, the
// domain-wide rate limit. The red packs come from polyv-data.ts; signature checking from polyv-sign.ts.
import { SANDBOX_CREDENTIALS } from './credentials.js';
import { channelFor, firstIndexAtOrAfter, redPackAt, sessionRange } from './polyv-data.js';
import { verifyPolyvSign } from './polyv-sign.js';
import { jsonReply, type ProtocolContext, type ProtocolFault, type SandboxReply, type SandboxRequest } from './protocol.js';
import type { SlidingWindow } from './stats.js';

const TIMESTAMP_WINDOW_MS = 3 * 60 * 1000;
export const POLYV_MAX_PAGE_SIZE = 1000;

function requestId(ctx: ProtocolContext): string {
  return `${ctx.nextId(32)}.62.${ctx.now()}0000`;
}

// Polyv's numeric error.code values are inconsistent across its own docs (docs/providers.md §3.3); these are the sandbox's.
function failure(ctx: ProtocolContext, status: number, code: number, desc: string): SandboxReply {
  return jsonReply(status, { code: status, status: 'error', requestId: requestId(ctx), error: { code, desc }, success: false });
}

export function handleRedPackStats(req: SandboxRequest, ctx: ProtocolContext, limit: SlidingWindow, fault?: ProtocolFault): SandboxReply {
  const now = ctx.now();
  if (fault === 'qps') return failure(ctx, 403, 20010, 'qps exceeds number of calls');
  if (!limit.tryAcquire(now)) {
    ctx.stats.polyvRateLimited++;
    return failure(ctx, 403, 20010, 'qps exceeds number of calls');
  }
  if (fault === 'busy') return failure(ctx, 500, 50001, 'undefined error');

  const entries = [...req.url.searchParams.entries()];
  const params = new Map<string, string>();
  for (const [key, value] of entries) {
    if (params.has(key)) return failure(ctx, 400, 20004, 'param validate error');
    // Polyv's SDKs disagree on signing empty values, so the sandbox refuses them outright (docs/providers.md §6).
    if (value.trim() === '') return failure(ctx, 400, 20004, `param should not be empty: ${key}`);
    params.set(key, value);
  }
  const appId = params.get('appId');
  if (appId === undefined) return failure(ctx, 400, 20001, 'appId is required.');
  if (appId !== SANDBOX_CREDENTIALS.polyv.appId) return failure(ctx, 400, 20001, 'application not found.');
  const timestamp = params.get('timestamp') ?? '';
  if (fault === 'invalidTimestamp' || !/^\d{13}$/.test(timestamp) || Math.abs(now - Number(timestamp)) > TIMESTAMP_WINDOW_MS) {
    return failure(ctx, 400, 20003, 'invalid timestamp.');
  }
  if (!verifyPolyvSign(entries, SANDBOX_CREDENTIALS.polyv.appSecret)) return failure(ctx, 403, 20002, 'invalid signature.');

  const channelId = params.get('channelId');
  if (channelId === undefined) return failure(ctx, 400, 20004, 'param should not be empty: channelId');
  const channel = channelFor(channelId);
  if (!channel) return failure(ctx, 403, 20005, `illegal channel id: ${channelId}`);
  const numbers: Record<string, number> = {};
  for (const key of ['pageNumber', 'pageSize', 'startTime', 'endTime']) {
    const raw = params.get(key);
    if (raw === undefined) continue;
    if (!/^\d{1,15}$/.test(raw)) return failure(ctx, 400, 20004, `param is not digit: ${key}`);
    numbers[key] = Number(raw);
  }
  const pageNumber = numbers.pageNumber ?? 1;
  const pageSize = numbers.pageSize ?? 10;
  if (pageNumber < 1 || pageSize < 1 || pageSize > POLYV_MAX_PAGE_SIZE) return failure(ctx, 400, 20004, 'param validate error');

  // Every filter narrows an index range: creation time grows with the index (polyv-data.ts).
  let from = numbers.startTime === undefined ? 0 : firstIndexAtOrAfter(channel, numbers.startTime);
  let to = numbers.endTime === undefined ? channel.size : firstIndexAtOrAfter(channel, numbers.endTime + 1);
  const sessionId = params.get('sessionId');
  if (sessionId !== undefined) {
    const [start, end] = sessionRange(channel, sessionId) ?? [0, 0];
    from = Math.max(from, start);
    to = Math.min(to, end);
  }
  const totalItems = Math.max(0, to - from);
  const contents: Record<string, unknown>[] = [];
  const first = from + (pageNumber - 1) * pageSize;
  for (let i = first; i < Math.min(to, first + pageSize); i++) contents.push(redPackAt(channel, i, fault === 'extraFields'));

  const data: Record<string, unknown> = { pageNumber, pageSize, totalPages: Math.ceil(totalItems / pageSize), totalItems, contents };
  if (fault === 'totalPagesChange') {
    // New red packs arrived between two page requests.
    data.totalItems = totalItems + pageSize;
    data.totalPages = Math.ceil((totalItems + pageSize) / pageSize);
  }
  if (fault === 'missingField') delete data.totalPages;
  const envelope: Record<string, unknown> = { code: 200, status: 'success', requestId: requestId(ctx), data, success: true };
  if (fault === 'extraFields') envelope.sandboxExtra = { note: 'undocumented field' };
  return jsonReply(200, envelope);
}

