// Set-up shared by the WeCom tests: fixtures by scenario name, a real ProviderSession on an undici MockAgent
// (never the global dispatcher) with a fake clock and sleep, and interceptors that check what was sent.
import { readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import type { MockAgent } from 'undici';
import { afterEach } from 'vitest';
import { parseGlobalOptions, type RawGlobalOptions } from '../../../src/cli/global-options.js';
import { openSession, type ProviderSession } from '../../../src/session/provider-session.js';
import { testContext, type TestContext } from '../../helpers/context.js';
import { createMockAgent } from '../../helpers/http.js';

export const BASE_URL = 'https://qyapi.weixin.qq.com';
export const CORP_ID = 'ww-test-corp';
export const CORP_SECRET = 'test-corp-secret-0123456789';
export const TOKEN_1 = 'accesstoken000001';
export const TOKEN_2 = 'accesstoken000002';

export const WECOM_ENV = { LIVESTATS_WECOM_CORP_ID: CORP_ID, LIVESTATS_WECOM_CORP_SECRET: CORP_SECRET };

export function fixture(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(new URL(`../../../fixtures/wecom/${name}.json`, import.meta.url), 'utf8')) as Record<string, unknown>;
}

export interface Harness {
  agent: MockAgent;
  ctx: TestContext;
  session: ProviderSession;
  done(): Promise<void>;
}

export interface HarnessOptions {
  raw?: RawGlobalOptions;
  env?: Record<string, string>;
  /** Share one MockAgent (and one state dir) between two "runs". */
  agent?: MockAgent;
  configDir?: string;
}

export async function harness(options: HarnessOptions = {}): Promise<Harness> {
  const agent = options.agent ?? createMockAgent();
  const env = { ...WECOM_ENV, ...options.env };
  const ctx = testContext({ env, dispatcher: agent, ...(options.configDir === undefined ? {} : { configDir: options.configDir }) });
  const session = await openSession(ctx, parseGlobalOptions(options.raw ?? {}, env, false));
  return {
    agent,
    ctx,
    session,
    async done() {
      await session.close();
      await rm(ctx.configDir, { recursive: true, force: true });
    },
  };
}

/**
 * Starts harnesses that are all ended (session closed, state dir removed) after each test in the enclosing
 * scope. Returns the starter.
 */
export function useHarnesses(): (options?: HarnessOptions) => Promise<Harness> {
  const open: Harness[] = [];
  afterEach(async () => {
    for (const h of open.splice(0)) await h.done();
  });
  return async (options) => {
    const h = await harness(options);
    open.push(h);
    return h;
  };
}

/** Expects `times` gettoken calls with the test credentials, each answered with `reply`. */
export function expectGettoken(agent: MockAgent, reply: unknown, times = 1): void {
  agent
    .get(BASE_URL)
    .intercept({ path: '/cgi-bin/gettoken', method: 'GET', query: { corpid: CORP_ID, corpsecret: CORP_SECRET } })
    .reply(200, reply as object)
    .times(times);
}

/** Expects one get_watch_stat call with exactly this token, living and next_key. */
export function expectPage(
  agent: MockAgent,
  sent: { token?: string; livingid: string; nextKey: string },
  reply: unknown,
  times = 1,
): void {
  agent
    .get(BASE_URL)
    .intercept({
      path: '/cgi-bin/living/get_watch_stat',
      method: 'POST',
      query: { access_token: sent.token ?? TOKEN_1 },
      body: (body: string) => {
        const json = JSON.parse(body) as { livingid?: unknown; next_key?: unknown };
        return json.livingid === sent.livingid && json.next_key === sent.nextKey;
      },
    })
    .reply(200, reply as object)
    .times(times);
}

export async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

/** Runs `fn` and returns what it threw (failing the test when it did not throw). */
export async function caught(fn: () => Promise<unknown>): Promise<Error & { exitCode?: number; hint?: string }> {
  try {
    await fn();
  } catch (error) {
    return error as Error & { exitCode?: number; hint?: string };
  }
  throw new Error('expected an error, but none was thrown');
}

/** How often each still-pending interceptor was used (undici tracks it; its types leave it out). */
export function pendingUses(agent: MockAgent): number[] {
  return agent.pendingInterceptors().map((p) => (p as typeof p & { timesInvoked: number }).timesInvoked);
}
