// HttpClient under SIGINT and timeouts: an interrupt stops the request and every later attempt (exit 130);
// a provider that never answers is a network failure (exit 6) that names the timeout.
import { Agent } from 'undici';
import { describe, expect, it } from 'vitest';
import { ExitCode, InterruptedError, NetworkError } from '../../src/errors.js';
import { abortableSleep, type Pacer, type RequestOptions } from '../../src/http/client.js';
import { countingReply, recordingPacer, startSilentServer, testHttpClient, useMockAgent } from '../helpers/http.js';

const ORIGIN = 'https://api.example.test';

function request(url = `${ORIGIN}/stats`, extra: Partial<RequestOptions> = {}): RequestOptions {
  return { provider: 'Example', endpoint: 'stats', build: () => ({ method: 'GET', url }), ...extra };
}

/** The default request through `pacer`, counting in `counter.builds` how often it was built. */
function countedRequest(counter: { builds: number }, pacer: Pacer): RequestOptions {
  return request(undefined, {
    pacer,
    build: () => {
      counter.builds++;
      return { method: 'GET', url: `${ORIGIN}/stats` };
    },
  });
}

describe('HttpClient and SIGINT', () => {
  const agent = useMockAgent();

  it('sends nothing when the signal is already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    const pacer = recordingPacer();
    const counter = { builds: 0 };
    const { client } = testHttpClient(agent(), { signal: controller.signal });

    const error = await client.requestJson(countedRequest(counter, pacer)).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(InterruptedError);
    expect((error as InterruptedError).exitCode).toBe(ExitCode.interrupted);
    expect(pacer.calls).toBe(0);
    expect(counter.builds).toBe(0);
  });

  it('aborts the request in flight and starts no further attempt', async () => {
    const controller = new AbortController();
    const server = countingReply(agent(), ORIGIN, '/stats', 200, '{"ok":true}', 5_000);
    const { client, sleeps } = testHttpClient(agent(), { signal: controller.signal, timeoutMs: 10_000 });
    setTimeout(() => controller.abort(), 20);

    const started = Date.now();
    const error = await client.requestJson(request()).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(InterruptedError);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(server.calls()).toBeLessThanOrEqual(1);
    expect(sleeps).toEqual([]);
  });

  it('stops during the wait before a retry without another attempt', async () => {
    const controller = new AbortController();
    const server = countingReply(agent(), ORIGIN, '/stats', 503, 'busy');
    // Ctrl-C arrives while the client waits; this sleep ignores the signal, so the client must check it itself.
    const { client } = testHttpClient(agent(), {
      signal: controller.signal,
      sleep: async () => {
        controller.abort();
      },
    });

    await expect(client.requestJson(request())).rejects.toBeInstanceOf(InterruptedError);
    expect(server.calls()).toBe(1);
  });

  it('does not build or send the request when the interrupt arrives while waiting for the pacer', async () => {
    const controller = new AbortController();
    const counter = { builds: 0 };
    // A pacer that ignores the signal it is given: the client must still notice the interrupt.
    const pacer = recordingPacer(() => {
      controller.abort();
    });
    const { client } = testHttpClient(agent(), { signal: controller.signal });

    const error = await client.requestJson(countedRequest(counter, pacer)).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(InterruptedError);
    expect(pacer.calls).toBe(1);
    expect(counter.builds).toBe(0);
  });

  it('reports an interrupt as InterruptedError when the pacer rejects with the signal\'s own reason', async () => {
    const controller = new AbortController();
    const counter = { builds: 0 };
    // p-throttle rejects its waiting starts with signal.reason, a DOMException, not an InterruptedError.
    const pacer = recordingPacer(() => {
      controller.abort();
      throw controller.signal.reason;
    });
    const { client } = testHttpClient(agent(), { signal: controller.signal });

    const error = await client.requestJson(countedRequest(counter, pacer)).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(InterruptedError);
    expect(counter.builds).toBe(0);
  });

  it('abortableSleep rejects with InterruptedError at once when aborted', async () => {
    const controller = new AbortController();
    const started = Date.now();
    const sleeping = abortableSleep(60_000, controller.signal);
    controller.abort();

    await expect(sleeping).rejects.toBeInstanceOf(InterruptedError);
    expect(Date.now() - started).toBeLessThan(1_000);
    await expect(abortableSleep(1, controller.signal)).rejects.toBeInstanceOf(InterruptedError);
    await expect(abortableSleep(1)).resolves.toBeUndefined();
  });
});

describe('HttpClient timeouts', () => {
  it('gives up on a silent server after the timeout and every retry, with exit 6 naming the timeout', async () => {
    const server = await startSilentServer();
    const dispatcher = new Agent({ keepAliveTimeout: 10 });
    try {
      const { client, sleeps, logs } = testHttpClient(dispatcher, { timeoutMs: 150, retries: 1 });

      const error = (await client.requestJson(request(`${server.url}/slow`)).catch((e: unknown) => e)) as NetworkError;

      expect(error).toBeInstanceOf(NetworkError);
      expect(error.exitCode).toBe(ExitCode.network);
      expect(error.message).toContain('timed out after 150 ms');
      expect(error.hint).toContain('--timeout');
      expect(server.requests).toHaveLength(2);
      expect(sleeps).toHaveLength(1);
      expect(logs.some((line) => line.includes('timed out after 150 ms'))).toBe(true);
    } finally {
      await dispatcher.destroy();
      await server.close();
    }
  });

  it('sends nothing when the interrupt arrives while the request is being built', async () => {
    // build() may refresh a token first; Ctrl-C during that must not let the request go out afterwards.
    const server = await startSilentServer();
    const dispatcher = new Agent({ keepAliveTimeout: 10 });
    const controller = new AbortController();
    try {
      const { client } = testHttpClient(dispatcher, { signal: controller.signal, timeoutMs: 300 });

      const error = await client
        .requestJson(
          request(undefined, {
            build: async () => {
              controller.abort();
              return { method: 'GET', url: `${server.url}/stats` };
            },
          }),
        )
        .catch((e: unknown) => e);

      expect(error).toBeInstanceOf(InterruptedError);
      expect(server.requests).toHaveLength(0);
    } finally {
      await dispatcher.destroy();
      await server.close();
    }
  });
});
