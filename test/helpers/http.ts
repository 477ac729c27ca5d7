// HTTP test doubles: an undici MockAgent that refuses real connections (pass it as a dispatcher, never
// globally), a pacer that records when it was asked, and local servers on 127.0.0.1 (one that never answers).
import { createServer, type IncomingMessage, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { MockAgent } from 'undici';
import { afterEach, beforeEach } from 'vitest';
import { HttpClient, type HttpClientOptions, type Pacer } from '../../src/http/client.js';
import { Redactor } from '../../src/http/redact.js';
import { recordingSleep, TEST_NOW } from './context.js';

/** A MockAgent with real network access disabled. Check it with `assertNoPendingInterceptors()` after each test. */
export function createMockAgent(): MockAgent {
  const agent = new MockAgent();
  agent.disableNetConnect();
  return agent;
}

/**
 * A fresh MockAgent for every test in the enclosing scope (file or describe), checked for unused
 * interceptors and closed after each test. Returns a getter for the current test's agent.
 */
export function useMockAgent(): () => MockAgent {
  let agent: MockAgent | undefined;
  beforeEach(() => {
    agent = createMockAgent();
  });
  afterEach(async () => {
    const current = agent!;
    current.assertNoPendingInterceptors();
    await current.close();
  });
  return () => {
    if (agent === undefined) throw new Error('useMockAgent(): no agent outside a test');
    return agent;
  };
}

/**
 * One interceptor for `path` on `origin` that answers `statusCode` with `data` (after `delayMs`
 * when given) and counts how often it was asked.
 */
export function countingReply(
  agent: MockAgent,
  origin: string,
  path: string,
  statusCode: number,
  data: string,
  delayMs?: number,
): { calls: () => number } {
  let calls = 0;
  const scope = agent
    .get(origin)
    .intercept({ path })
    .reply(() => {
      calls++;
      return { statusCode, data };
    });
  if (delayMs !== undefined) scope.delay(delayMs);
  return { calls: () => calls };
}

/** JSON reply headers for MockAgent `.reply(status, body, jsonHeaders())`. */
export function jsonHeaders(extra: Record<string, string> = {}): { headers: Record<string, string> } {
  return { headers: { 'content-type': 'application/json', ...extra } };
}

/** An HttpClient wired to fakes, with handles on what it did. */
export interface TestHttpClient {
  client: HttpClient;
  /** Every retry delay the client slept, in order (nothing actually waits). */
  sleeps: number[];
  /** Verbose log lines, as the user would see them (already redacted). */
  logs: string[];
  redactor: Redactor;
}

/**
 * An HttpClient on `dispatcher` (usually a MockAgent) with 3 retries, a 1 s timeout, a recording sleep,
 * random fixed at 0.5 and now fixed at TEST_NOW; anything can be overridden.
 */
export function testHttpClient(dispatcher: HttpClientOptions['dispatcher'], overrides: Partial<HttpClientOptions> = {}): TestHttpClient {
  const sleeps: number[] = [];
  const logs: string[] = [];
  const redactor = overrides.redactor ?? new Redactor();
  const client = new HttpClient({
    timeoutMs: 1_000,
    retries: 3,
    redactor,
    log: (line) => logs.push(line),
    dispatcher,
    sleep: recordingSleep(sleeps),
    random: () => 0.5,
    now: () => TEST_NOW,
    ...overrides,
  });
  return { client, sleeps, logs, redactor };
}

/** A Pacer that counts acquisitions (and can be made to fail). */
export interface RecordingPacer extends Pacer {
  calls: number;
}

export function recordingPacer(onAcquire?: (call: number) => void | Promise<void>): RecordingPacer {
  const pacer: RecordingPacer = {
    calls: 0,
    async acquire() {
      pacer.calls++;
      await onAcquire?.(pacer.calls);
    },
  };
  return pacer;
}

/** A node:http server on 127.0.0.1, on a free port. */
export interface LoopbackServer {
  url: string;
  /** Cuts open connections (kept-alive ones included) and stops listening. */
  close(): Promise<void>;
}

export async function startLoopbackServer(handler: RequestListener): Promise<LoopbackServer> {
  const server: Server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A loopback server started before each test of the enclosing scope and closed after it; returns its URL getter. */
export function useLoopbackServer(handler: RequestListener): () => string {
  let server: LoopbackServer | undefined;
  beforeEach(async () => {
    server = await startLoopbackServer(handler);
  });
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });
  return () => {
    if (!server) throw new Error('useLoopbackServer: no server outside a test');
    return server.url;
  };
}

/** A server on 127.0.0.1 that reads requests and never answers them: every request to it times out. */
export interface SilentServer extends LoopbackServer {
  /** Requests received so far. */
  requests: IncomingMessage[];
}

export async function startSilentServer(): Promise<SilentServer> {
  const requests: IncomingMessage[] = [];
  const server = await startLoopbackServer((req) => {
    requests.push(req);
  });
  return { ...server, requests };
}
