// LiveCount (vchangyi): POST {domain}/Invitation/Api/Actions/LiveCount as seed 000 shows it. Nothing about it
// is publicly confirmed (docs/providers.md §4), so the sandbox plays both documented spellings (camelCase as in the
// sample, snake_case as in the field table) and both errcode types, and checks the auth header it handed out.
import { SANDBOX_CREDENTIALS } from './credentials.js';
import { hashString, rowHash } from './prng.js';
import { jsonReply, parseJsonObject, type ProtocolContext, type ProtocolFault, type SandboxReply, type SandboxRequest } from './protocol.js';

export const LIVECOUNT_PATH = /^\/([^/]+)\/Invitation\/Api\/Actions\/LiveCount$/;

const FUNNEL = ['is_subscribe', 'un_subscribe', 'is_look', 'un_look', 'is_order', 'un_order', 'claimed', 'certified_num'] as const;
const BRANDS = ['shell', 'henghu', 'xianfeng', 'jijing'] as const;

const camel = (name: string): string => name.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

/** The result object in snake_case: a funnel whose parts add up, and order totals that are sums of the brands. */
export function liveCountResult(roomId: number, left: string, right: string): Record<string, unknown> {
  const seed = hashString(`${roomId}|${left}|${right}`, 0x1c0);
  const h = (lane: number): number => rowHash(seed, 0, lane);
  const invited = 50 + (h(0) % 2000);
  const subscribed = Math.floor((invited * (40 + (h(1) % 60))) / 100);
  const looked = Math.floor((subscribed * (30 + (h(2) % 70))) / 100);
  const ordered = Math.floor((looked * (h(3) % 60)) / 100);
  const values = [subscribed, invited - subscribed, looked, invited - looked, ordered, invited - ordered, Math.floor(ordered / 2), Math.floor(looked * 0.8)];
  const result: Record<string, unknown> = {};
  FUNNEL.forEach((name, i) => (result[name] = values[i]));
  const orders: Record<string, number> = { order_total: 0, order_target_total: 0 };
  BRANDS.forEach((brand, i) => {
    const target = 10 + (h(10 + i) % 490);
    const amount = Math.floor((target * (h(20 + i) % 121)) / 100);
    orders[`${brand}_target`] = target;
    orders[`${brand}_amount`] = amount;
    orders.order_total = (orders.order_total ?? 0) + amount;
    orders.order_target_total = (orders.order_target_total ?? 0) + target;
  });
  result.live_oders = orders;
  return result;
}

function camelCased(value: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    out[camel(key)] = inner !== null && typeof inner === 'object' ? camelCased(inner as Record<string, unknown>) : inner;
  }
  return out;
}

function error(ctx: ProtocolContext, status: number, errcode: string, errmsg: string): SandboxReply {
  return jsonReply(status, { errcode, errmsg, errsdkcode: '', requestId: ctx.nextId(32), timestamp: ctx.now(), result: [] });
}

export function handleLiveCount(req: SandboxRequest, ctx: ProtocolContext, domain: string, fault?: ProtocolFault): SandboxReply {
  const auth = SANDBOX_CREDENTIALS.livecount;
  if (domain !== auth.domain) return error(ctx, 404, '404', `unknown domain: ${domain}`);
  if (req.headers[auth.authHeader] !== auth.authToken) return error(ctx, 401, '401', 'unauthorized');
  if (fault === 'busy') return error(ctx, 503, '503', 'service busy, try again later');

  const body = parseJsonObject(req.body);
  if (!body) return error(ctx, 200, '40000', 'request body must be a JSON object');
  const roomId = body.room_id;
  if (typeof roomId !== 'number' || !Number.isSafeInteger(roomId)) return error(ctx, 200, '40001', 'room_id must be an integer');
  if (roomId <= 0) return error(ctx, 200, '40004', 'live room not found');
  const left = body.left_select ?? '';
  const right = body.right_select ?? '';
  if (typeof left !== 'string' || typeof right !== 'string') return error(ctx, 200, '40001', 'left_select and right_select must be strings');

  const choice = ctx.options.livecountCase;
  const snake = choice === 'snake' || (choice === 'alternate' && roomId % 2 === 1);
  const result = liveCountResult(roomId, left, right);
  if (fault === 'extraFields') result.sandbox_unknown = 1;
  const envelope: Record<string, unknown> = {
    // The field table types errcode as a string while the sample sends the number 0 (docs/providers.md §6).
    errcode: Math.floor(roomId / 2) % 2 === 1 ? '0' : 0,
    errmsg: 'ok',
    errsdkcode: '',
    requestId: ctx.nextId(32),
    timestamp: ctx.now(),
    result: snake ? result : camelCased(result),
  };
  if (fault === 'missingField') delete envelope.result;
  if (fault === 'extraFields') envelope.sandbox_extra = { note: 'undocumented field' };
  return jsonReply(200, envelope);
}
