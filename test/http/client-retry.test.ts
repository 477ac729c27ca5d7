// HttpClient retries: which failures are retried, how long it waits between attempts, and what it throws
// once the retry budget is spent.
import { describe, expect, it } from 'vitest';
import { ExitCode, NetworkError, ProviderError } from '../../src/errors.js';
import { MAX_RETRY_AFTER_MS } from '../../src/http/backoff.js';
import type { RequestOptions } from '../../src/http/client.js';
import { seededRandom, TEST_NOW } from '../helpers/context.js';
import { jsonHeaders, recordingPacer, testHttpClient, useMockAgent } from '../helpers/http.js';

const ORIGIN = 'https://api.example.test';

const agent = useMockAgent();

function pool() {
  return agent().get(ORIGIN);
}

function get(path = '/stats', extra: Partial<RequestOptions> = {}): RequestOptions {
  return {
    provider: 'Example',
    endpoint: 'stats',
    build: () => ({ method: 'GET', url: `${ORIGIN}${path}` }),
    ...extra,
  };
}

function networkError(): Error {
  return Object.assign(new Error('connect ECONNRESET'), { code: 'ECONNRESET' });
}

describe('HttpClient success and retryable failures', () => {
  it('returns the parsed body of a first-try success without sleeping', async () => {
    pool().intercept({ path: '/stats' }).reply(200, { ok: true, rows: [1, 2] }, jsonHeaders());
    const { client, sleeps } = testHttpClient(agent());

    const response = await client.requestJson(get());

    expect(response).toMatchObject({ status: 200, body: { ok: true, rows: [1, 2] }, attempts: 1 });
    expect(sleeps).toEqual([]);
  });

  it('retries a network error and succeeds on the next attempt', async () => {
    pool().intercept({ path: '/stats' }).replyWithError(networkError());
    pool().intercept({ path: '/stats' }).reply(200, { ok: true });
    const { client, sleeps } = testHttpClient(agent());

    const response = await client.requestJson(get());

    expect(response.attempts).toBe(2);
    expect(response.body).toEqual({ ok: true });
    expect(sleeps).toHaveLength(1);
  });

  it.each([500, 502, 503, 429])('retries HTTP %i', async (status) => {
    pool().intercept({ path: '/stats' }).reply(status, 'busy');
    pool().intercept({ path: '/stats' }).reply(200, { ok: true });
    const { client, sleeps } = testHttpClient(agent());

    const response = await client.requestJson(get());

    expect(response.attempts).toBe(2);
    expect(sleeps).toHaveLength(1);
  });

  it('retries a POST and sends the same JSON body each time', async () => {
    const bodies: unknown[] = [];
    const contentTypes: unknown[] = [];
    const answer = (statusCode: number) => (opts: { body?: unknown; headers?: unknown }) => {
      bodies.push(JSON.parse(String(opts.body)));
      contentTypes.push((opts.headers as Record<string, string>)['content-type']);
      return { statusCode, data: statusCode === 200 ? { ok: true } : 'bad gateway' };
    };
    pool().intercept({ path: '/gift', method: 'POST' }).reply(answer(502));
    pool().intercept({ path: '/gift', method: 'POST' }).reply(answer(200));
    const { client } = testHttpClient(agent());

    const response = await client.requestJson({
      provider: 'Example',
      endpoint: 'gift',
      build: () => ({ method: 'POST', url: `${ORIGIN}/gift`, json: { room: 'r1', from: ['a'] } }),
    });

    expect(response.attempts).toBe(2);
    expect(bodies).toEqual([
      { room: 'r1', from: ['a'] },
      { room: 'r1', from: ['a'] },
    ]);
    expect(contentTypes).toEqual(['application/json; charset=utf-8', 'application/json; charset=utf-8']);
  });
});

describe('HttpClient backoff', () => {
  it('waits with exponential backoff and jitter within [ceiling/2, ceiling] of 300 ms doubling', async () => {
    pool().intercept({ path: '/stats' }).reply(503, 'busy').times(4);
    const { client, sleeps } = testHttpClient(agent(), { random: seededRandom(7) });

    await expect(client.requestJson(get())).rejects.toBeInstanceOf(ProviderError);

    expect(sleeps).toHaveLength(3);
    const ceilings = [300, 600, 1200];
    sleeps.forEach((delay, i) => {
      const ceiling = ceilings[i] as number;
      expect(delay).toBeGreaterThanOrEqual(ceiling / 2);
      expect(delay).toBeLessThanOrEqual(ceiling);
    });
  });

  it('uses the random source for the jitter: the lowest and highest draws give the bounds', async () => {
    pool().intercept({ path: '/stats' }).reply(500, 'oops').times(3);
    const low = testHttpClient(agent(), { random: () => 0, retries: 2 });
    await expect(low.client.requestJson(get())).rejects.toThrow();
    expect(low.sleeps).toEqual([150, 300]);

    pool().intercept({ path: '/stats' }).reply(500, 'oops').times(3);
    const high = testHttpClient(agent(), { random: () => 0.999_999, retries: 2 });
    await expect(high.client.requestJson(get())).rejects.toThrow();
    expect(high.sleeps).toEqual([300, 600]);
  });

  it('honours Retry-After in seconds', async () => {
    pool().intercept({ path: '/stats' }).reply(429, 'slow down', { headers: { 'retry-after': '7' } });
    pool().intercept({ path: '/stats' }).reply(200, { ok: true });
    const { client, sleeps } = testHttpClient(agent());

    await client.requestJson(get());

    expect(sleeps).toEqual([7_000]);
  });

  it('honours Retry-After as an HTTP date, measured from the injected clock', async () => {
    const at = new Date(TEST_NOW + 12_000).toUTCString();
    pool().intercept({ path: '/stats' }).reply(503, 'maintenance', { headers: { 'retry-after': at } });
    pool().intercept({ path: '/stats' }).reply(200, { ok: true });
    const { client, sleeps } = testHttpClient(agent());

    await client.requestJson(get());

    expect(sleeps).toEqual([12_000]);
  });

  it('caps a huge Retry-After', async () => {
    pool().intercept({ path: '/stats' }).reply(503, 'later', { headers: { 'retry-after': '86400' } });
    pool().intercept({ path: '/stats' }).reply(200, { ok: true });
    const { client, sleeps } = testHttpClient(agent());

    await client.requestJson(get());

    expect(sleeps).toEqual([MAX_RETRY_AFTER_MS]);
  });
});

describe('HttpClient retry budget', () => {
  it('throws NetworkError (exit 6) once network errors outlast the retries', async () => {
    pool().intercept({ path: '/stats' }).replyWithError(networkError()).times(4);
    const { client, sleeps } = testHttpClient(agent());

    const error = await client.requestJson(get()).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(NetworkError);
    expect((error as NetworkError).exitCode).toBe(ExitCode.network);
    expect((error as NetworkError).message).toContain('ECONNRESET');
    expect(sleeps).toHaveLength(3);
  });

  it('throws ProviderError (exit 5) naming the status once 5xx answers outlast the retries', async () => {
    pool().intercept({ path: '/stats' }).reply(502, 'bad gateway').times(3);
    const { client } = testHttpClient(agent(), { retries: 2 });

    const error = (await client.requestJson(get()).catch((e: unknown) => e)) as ProviderError;

    expect(error).toBeInstanceOf(ProviderError);
    expect(error.exitCode).toBe(ExitCode.provider);
    expect(error.detail.httpStatus).toBe(502);
    expect(error.message).toContain('HTTP 502');
  });

  it('makes exactly one attempt when the request sets retries: 0', async () => {
    let calls = 0;
    pool()
      .intercept({ path: '/token' })
      .reply(() => {
        calls++;
        return { statusCode: 503, data: 'busy' };
      });
    const { client, sleeps } = testHttpClient(agent(), { retries: 5 });

    await expect(client.requestJson(get('/token', { retries: 0 }))).rejects.toBeInstanceOf(ProviderError);

    expect(calls).toBe(1);
    expect(sleeps).toEqual([]);
  });

  it('lets a request raise the budget above the client default', async () => {
    pool().intercept({ path: '/stats' }).reply(503, 'busy').times(3);
    pool().intercept({ path: '/stats' }).reply(200, { ok: true });
    const { client } = testHttpClient(agent(), { retries: 1 });

    const response = await client.requestJson(get('/stats', { retries: 3 }));

    expect(response.attempts).toBe(4);
  });

  it('retries a 2xx body that is not JSON, then fails with exit 5', async () => {
    pool().intercept({ path: '/stats' }).reply(200, '{"rows": [1, 2').times(3);
    const { client, sleeps } = testHttpClient(agent(), { retries: 2 });

    const error = (await client.requestJson(get()).catch((e: unknown) => e)) as ProviderError;

    expect(error).toBeInstanceOf(ProviderError);
    expect(error.exitCode).toBe(ExitCode.provider);
    expect(error.message).toContain('not valid JSON');
    expect(sleeps).toHaveLength(2);
  });

  it('recovers when a truncated body is followed by a good one', async () => {
    pool().intercept({ path: '/stats' }).reply(200, '{"ok":');
    pool().intercept({ path: '/stats' }).reply(200, { ok: true });
    const { client } = testHttpClient(agent());

    await expect(client.requestJson(get())).resolves.toMatchObject({ body: { ok: true }, attempts: 2 });
  });
});

describe('HttpClient per-attempt hooks', () => {
  it('calls build() for every attempt so each one carries fresh values', async () => {
    const paths: string[] = [];
    const record = (statusCode: number) => (opts: { path: string }) => {
      paths.push(opts.path);
      return { statusCode, data: statusCode === 200 ? { ok: true } : 'busy' };
    };
    pool().intercept({ path: (p) => p.startsWith('/signed') }).reply(record(503));
    pool().intercept({ path: (p) => p.startsWith('/signed') }).reply(record(503));
    pool().intercept({ path: (p) => p.startsWith('/signed') }).reply(record(200));
    const { client } = testHttpClient(agent());
    let builds = 0;

    await client.requestJson({
      provider: 'Example',
      endpoint: 'signed',
      build: () => {
        builds++;
        return { method: 'GET', url: `${ORIGIN}/signed?timestamp=${1000 + builds}&sign=s${builds}` };
      },
    });

    expect(builds).toBe(3);
    expect(paths).toEqual(['/signed?timestamp=1001&sign=s1', '/signed?timestamp=1002&sign=s2', '/signed?timestamp=1003&sign=s3']);
  });

  it('acquires the pacer before every attempt, retries included', async () => {
    const events: string[] = [];
    const reply = (statusCode: number) => () => {
      events.push('request');
      return { statusCode, data: statusCode === 200 ? { ok: true } : 'busy' };
    };
    pool().intercept({ path: '/stats' }).reply(reply(503));
    pool().intercept({ path: '/stats' }).reply(reply(500));
    pool().intercept({ path: '/stats' }).reply(reply(200));
    const pacer = recordingPacer(() => {
      events.push('acquire');
    });
    const { client } = testHttpClient(agent());

    await client.requestJson(get('/stats', { pacer }));

    expect(pacer.calls).toBe(3);
    expect(events).toEqual(['acquire', 'request', 'acquire', 'request', 'acquire', 'request']);
  });
});

describe('HttpClient retryOn verdicts', () => {
  const busy = (response: { body: unknown }) =>
    (response.body as { errcode?: number }).errcode === -1
      ? { retry: true as const, reason: 'system busy (errcode -1)', delayMs: 1_234 }
      : undefined;

  it('retries a provider "busy" answer after the delay it asks for, then returns the success', async () => {
    pool().intercept({ path: '/stats' }).reply(200, { errcode: -1, errmsg: 'system busy' });
    pool().intercept({ path: '/stats' }).reply(200, { errcode: 0, rows: ['x'] });
    const { client, sleeps } = testHttpClient(agent());

    const response = await client.requestJson(get('/stats', { retryOn: busy }));

    expect(response.body).toEqual({ errcode: 0, rows: ['x'] });
    expect(response.attempts).toBe(2);
    expect(sleeps).toEqual([1_234]);
  });

  it('uses backoff when the verdict gives no delay', async () => {
    pool().intercept({ path: '/stats' }).reply(200, { errcode: -1 });
    pool().intercept({ path: '/stats' }).reply(200, { errcode: 0 });
    const { client, sleeps } = testHttpClient(agent(), { random: () => 0 });

    const verdict = (response: { body: unknown }) =>
      (response.body as { errcode: number }).errcode === -1 ? ({ retry: true, reason: 'busy' } as const) : undefined;
    await client.requestJson(get('/stats', { retryOn: verdict }));

    expect(sleeps).toEqual([150]);
  });

  it('fails with exit 5 and the reason once the verdict keeps saying retry', async () => {
    pool().intercept({ path: '/stats' }).reply(200, { errcode: -1 }).times(3);
    const { client, sleeps } = testHttpClient(agent(), { retries: 2 });

    const error = (await client.requestJson(get('/stats', { retryOn: busy })).catch((e: unknown) => e)) as ProviderError;

    expect(error).toBeInstanceOf(ProviderError);
    expect(error.exitCode).toBe(ExitCode.provider);
    expect(error.message).toContain('system busy (errcode -1)');
    expect(sleeps).toEqual([1_234, 1_234]);
  });
});
