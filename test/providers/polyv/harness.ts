// Set-up shared by the Polyv tests: a real ProviderSession over an undici MockAgent (no network), fixtures
// from fixtures/polyv/, and replies that record each request's URL and can be held back to answer out of order.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { MockAgent } from 'undici';
import { parseGlobalOptions, type RawGlobalOptions } from '../../../src/cli/global-options.js';
import { openSession, type ProviderSession } from '../../../src/session/provider-session.js';
import { createMockAgent, jsonHeaders } from '../../helpers/http.js';
import { testContext, type TestContext, type TestContextOptions } from '../../helpers/context.js';

export const BASE_URL = 'https://api.polyv.net';
export const PATH = '/live/v4/channel/red-pack/statistics/list';
export const APP_ID = 'frlr1zazn3';
export const APP_SECRET = 'polyv-test-app-secret-0001';

export type PolyvBody = { code: number } & Record<string, unknown>;

/** A fresh copy of fixtures/polyv/<name>.json, typed as far as the test needs. */
export function fixture<T = PolyvBody>(name: string): T {
  const file = fileURLToPath(new URL(`../../../fixtures/polyv/${name}.json`, import.meta.url));
  return JSON.parse(readFileSync(file, 'utf8')) as T;
}

export interface ReplyOptions {
  /** Only requests for this page number (any page when absent). */
  page?: number;
  channel?: string;
  /** The body is sent once this settles: lets a test answer requests out of order. */
  hold?: Promise<unknown>;
  /** Called when the request arrives, before any hold. */
  onRequest?: () => void;
  /** Replaces the fixture body. */
  body?: object;
  /** The HTTP status; Polyv's `code` from the body by default (Polyv sends them equal). */
  status?: number;
}

export interface PolyvHarness {
  ctx: TestContext;
  agent: MockAgent;
  session: ProviderSession;
  /** Every request that reached the mock, in the order it was sent. */
  requests: URL[];
  reply(fixtureName: string, options?: ReplyOptions): void;
  replyRaw(status: number, text: string): void;
  close(): Promise<void>;
}

export interface HarnessOptions {
  global?: RawGlobalOptions;
  settings?: Record<string, string>;
  ctx?: TestContextOptions;
}

export async function polyvHarness(options: HarnessOptions = {}): Promise<PolyvHarness> {
  const agent = createMockAgent();
  const ctx = testContext({
    dispatcher: agent,
    settings: { default: { 'polyv.appId': APP_ID, 'polyv.appSecret': APP_SECRET, ...options.settings } },
    ...options.ctx,
  });
  const global = parseGlobalOptions({ json: true, tz: 'Asia/Shanghai', ...options.global }, ctx.env, false);
  const session = await openSession(ctx, global);
  const pool = agent.get(BASE_URL);
  const requests: URL[] = [];
  const matches = (path: string, o: ReplyOptions): boolean => {
    const url = new URL(path, BASE_URL);
    if (url.pathname !== PATH) return false;
    if (o.page !== undefined && url.searchParams.get('pageNumber') !== String(o.page)) return false;
    return o.channel === undefined || url.searchParams.get('channelId') === o.channel;
  };
  return {
    ctx,
    agent,
    session,
    requests,
    reply(fixtureName, o = {}) {
      const body = o.body ?? fixture(fixtureName);
      const status = o.status ?? (body as PolyvBody).code;
      pool.intercept({ path: (path) => matches(path, o), method: 'GET' }).reply(
        status,
        ((req: { path: string }) => {
          requests.push(new URL(req.path, BASE_URL));
          o.onRequest?.();
          return (o.hold ? o.hold.then(() => body) : body) as object;
        }) as () => object,
        jsonHeaders(),
      );
    },
    replyRaw(status, text) {
      pool.intercept({ path: (path) => matches(path, {}), method: 'GET' }).reply(status, (req) => {
        requests.push(new URL(req.path, BASE_URL));
        return text;
      });
    },
    close: () => session.close(),
  };
}

/** A clock that moves 1 s every time it is read, so each request gets its own timestamp. */
export function tickingClock(start = Date.UTC(2026, 0, 15, 8, 0, 0)): () => number {
  let now = start;
  return () => (now += 1000);
}
