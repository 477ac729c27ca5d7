// The embedded provider simulator: one node:http server on 127.0.0.1 that routes each request to its protocol
// module, applies latency and injected faults, and counts what it saw. The protocols live in wecom.ts,
// tencent.ts, polyv.ts and livecount.ts; the knobs in options.ts; fault selection in faults.ts.
import { setMaxListeners } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import { sandboxEnv } from './credentials.js';
import { FaultPlan, isTransportFault, type FaultKind, type SandboxProvider } from './faults.js';
import { handleLiveCount, LIVECOUNT_PATH } from './livecount.js';
import { resolveOptions, type SandboxOptions } from './options.js';
import { handleRedPackStats } from './polyv.js';
import { idSource, jsonReply, type ProtocolContext, type ProtocolFault, type SandboxReply, type SandboxRequest } from './protocol.js';
import { createStats, PeakMeter, SlidingWindow, type SandboxEndpoint, type SandboxStats } from './stats.js';
import { handleGiftCount } from './tencent.js';
import { handleRoomList, handleRoomStats, ROOM_LIST_PATH, ROOM_LIST_RATE, ROOM_STATS_PATH, ROOM_STATS_RATE } from './tencent-rooms.js';
import { gatewayReply, readBody, send, sendDamaged } from './transport.js';
import { handleGetToken, handleWatchStat, TokenStore } from './wecom.js';
import { handleLivingInfo, handleUserLivingIds } from './wecom-livings.js';

export type { FaultKind, FaultRule, SandboxProvider } from './faults.js';
export type { LiveCountCase, SandboxOptions } from './options.js';
export type { SandboxStats } from './stats.js';

export interface RunningSandbox {
  /** http://127.0.0.1:PORT, without a trailing slash. */
  url: string;
  port: number;
  /** The LIVESTATS_* settings that point livestats at this server with its built-in credentials. */
  env: Record<string, string>;
  /** Live counters; read them after the requests of interest have been answered. */
  stats: SandboxStats;
  /**
   * Starts the counters afresh, so that one server can measure several runs one by one; tokens, data and the
   * rate limits' windows carry on as they were.
   */
  resetStats(): void;
  /** Stops listening and drops every connection, keep-alive and hanging ones included. */
  close(): Promise<void>;
}

interface Route {
  endpoint: SandboxEndpoint;
  method: 'GET' | 'POST';
  /** The provider whose data-request count and faults apply; gettoken has none. */
  provider?: SandboxProvider;
  run(req: SandboxRequest, fault: ProtocolFault | undefined): SandboxReply;
}

export async function startSandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
  const opts = resolveOptions(options);
  const stats = createStats();
  const plan = new FaultPlan(opts.faults, opts.failRate, opts.seed);
  const ctx: ProtocolContext = { options: opts, stats, now: opts.now, nextId: idSource(opts.seed) };
  const tokens = new TokenStore();
  const tencentWindow = new SlidingWindow(opts.tencentRateLimit, 1000);
  // Tencent limits each live-room API on its own (docs/providers.md §7.4–7.5).
  const roomListWindow = new SlidingWindow(ROOM_LIST_RATE, 1000);
  const roomStatsWindow = new SlidingWindow(ROOM_STATS_RATE, 1000);
  let peaks = new Map<SandboxEndpoint, PeakMeter>();
  const polyvWindow = new SlidingWindow(opts.polyvRateLimit, opts.polyvRateWindowMs);
  const livingIdsWindow = new SlidingWindow(opts.wecomLivingRateLimit, 1000);
  const livingInfoWindow = new SlidingWindow(opts.wecomLivingRateLimit, 1000);
  const closing = new AbortController();
  // Every answer delayed by `latencyMs` listens for the close: hundreds at once are expected, not a leak.
  setMaxListeners(0, closing.signal);

  const route = (pathname: string): Route | undefined => {
    switch (pathname) {
      case '/cgi-bin/gettoken':
        return { endpoint: 'gettoken', method: 'GET', run: (req) => handleGetToken(req, ctx, tokens) };
      case '/cgi-bin/living/get_watch_stat':
        return { endpoint: 'get_watch_stat', method: 'POST', provider: 'wecom', run: (req, f) => handleWatchStat(req, ctx, tokens, f) };
      case '/cgi-bin/living/get_user_all_livingid':
        return { endpoint: 'get_user_all_livingid', method: 'POST', provider: 'wecom', run: (req, f) => handleUserLivingIds(req, ctx, tokens, livingIdsWindow, f) };
      case '/cgi-bin/living/get_living_info':
        return { endpoint: 'get_living_info', method: 'GET', provider: 'wecom', run: (req, f) => handleLivingInfo(req, ctx, tokens, livingInfoWindow, f) };
      case '/v4/live_engine_http_srv/get_gift_count':
        return { endpoint: 'get_gift_count', method: 'POST', provider: 'tencent', run: (req, f) => handleGiftCount(req, ctx, tencentWindow, f) };
      case ROOM_LIST_PATH:
        return { endpoint: 'get_room_list', method: 'POST', provider: 'tencent', run: (req, f) => handleRoomList(req, ctx, roomListWindow, f) };
      case ROOM_STATS_PATH:
        return { endpoint: 'get_room_stats', method: 'POST', provider: 'tencent', run: (req, f) => handleRoomStats(req, ctx, roomStatsWindow, f) };
      case '/live/v4/channel/red-pack/statistics/list':
        return { endpoint: 'red_pack_statistics', method: 'GET', provider: 'polyv', run: (req, f) => handleRedPackStats(req, ctx, polyvWindow, f) };
    }
    const domain = LIVECOUNT_PATH.exec(pathname)?.[1];
    if (domain === undefined) return undefined;
    return { endpoint: 'live_count', method: 'POST', provider: 'livecount', run: (req, f) => handleLiveCount(req, ctx, domain, f) };
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const found = route(url.pathname);
    const matched = found !== undefined && found.method === req.method;
    const endpoint = matched ? found.endpoint : 'other';
    stats.requests[endpoint]++;
    const now = opts.now();
    stats.firstArrivalMs[endpoint] ??= now;
    stats.lastArrivalMs[endpoint] = now;
    // Every arrival counts towards its endpoint's busiest second, faulted ones included: it measures the client.
    let peak = peaks.get(endpoint);
    if (peak === undefined) peaks.set(endpoint, (peak = new PeakMeter(1000)));
    stats.maxPerSecond[endpoint] = peak.record(now);
    const body = await readBody(req);
    let reply: SandboxReply;
    let fault: FaultKind | undefined;
    if (body === undefined) {
      reply = jsonReply(413, { error: 'request body too large' });
    } else if (!found) {
      reply = url.pathname === '/' ? jsonReply(200, endpointList()) : jsonReply(404, { error: `no sandbox endpoint at ${url.pathname}` });
    } else if (!matched) {
      reply = jsonReply(405, { error: `${url.pathname} takes ${found.method}` });
    } else {
      fault = found.provider ? plan.next(found.provider) : undefined;
      if (fault) stats.faultsInjected++;
      if (fault === 'reset') {
        req.socket.destroy();
        return;
      }
      if (fault === 'hang') return;
      const request: SandboxRequest = { method: req.method ?? 'GET', url, headers: req.headers, body };
      reply = fault === 'http500' || fault === 'http502' || fault === 'http503' ? gatewayReply(fault) : found.run(request, isTransportFault(fault) ? undefined : fault);
    }
    if (opts.latencyMs > 0) await delay(opts.latencyMs, undefined, { signal: closing.signal });
    if (fault === 'truncate' || fault === 'abortBody') sendDamaged(res, reply, fault);
    else send(res, reply);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (closing.signal.aborted || res.headersSent) return void res.destroy();
      send(res, jsonReply(500, { error: `sandbox bug: ${error instanceof Error ? error.message : String(error)}` }));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ port: opts.port, host: '127.0.0.1' }, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}`;

  let closed: Promise<void> | undefined;
  return {
    url,
    port,
    env: sandboxEnv(url),
    stats,
    resetStats: () => {
      Object.assign(stats, createStats());
      peaks = new Map();
    },
    close: () =>
      (closed ??= new Promise<void>((resolve) => {
        closing.abort();
        server.close(() => resolve());
        server.closeAllConnections();
      })),
  };
}

function endpointList(): Record<string, unknown> {
  return {
    name: 'livestats sandbox',
    endpoints: [
      'GET /cgi-bin/gettoken',
      'POST /cgi-bin/living/get_watch_stat',
      'POST /cgi-bin/living/get_user_all_livingid',
      'GET /cgi-bin/living/get_living_info',
      'POST /v4/live_engine_http_srv/get_gift_count',
      `POST ${ROOM_LIST_PATH}`,
      `POST ${ROOM_STATS_PATH}`,
      'GET /live/v4/channel/red-pack/statistics/list',
      'POST /{domain}/Invitation/Api/Actions/LiveCount',
    ],
  };
}
