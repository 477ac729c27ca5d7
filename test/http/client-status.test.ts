// HttpClient classification of non-retryable HTTP statuses: credentials (exit 4), other 4xx (exit 5),
// and statuses a provider asks to classify itself through acceptStatus.
import { describe, expect, it } from 'vitest';
import { AuthError, ExitCode, ProviderError } from '../../src/errors.js';
import type { RequestOptions } from '../../src/http/client.js';
import { countingReply, testHttpClient, useMockAgent } from '../helpers/http.js';

const ORIGIN = 'https://api.example.test';

const agent = useMockAgent();

function request(extra: Partial<RequestOptions> = {}): RequestOptions {
  return { provider: 'Example', endpoint: 'stats', build: () => ({ method: 'GET', url: `${ORIGIN}/stats` }), ...extra };
}

/** Answers once with `status` and counts how often it was asked. */
function answerOnce(status: number, data: unknown): { calls: () => number } {
  return countingReply(agent(), ORIGIN, '/stats', status, typeof data === 'string' ? data : JSON.stringify(data));
}

describe('HttpClient status classification', () => {
  it.each([401, 403])('turns HTTP %i into AuthError (exit 4) without retrying', async (status) => {
    const server = answerOnce(status, { message: 'nope' });
    const { client, sleeps } = testHttpClient(agent());

    const error = (await client.requestJson(request()).catch((e: unknown) => e)) as AuthError;

    expect(error).toBeInstanceOf(AuthError);
    expect(error.exitCode).toBe(ExitCode.auth);
    expect(error.detail).toMatchObject({ provider: 'Example', endpoint: 'stats', httpStatus: status });
    expect(error.hint).toContain('livestats doctor');
    expect(server.calls()).toBe(1);
    expect(sleeps).toEqual([]);
  });

  it.each([400, 404, 409, 422])('turns HTTP %i into ProviderError (exit 5) without retrying', async (status) => {
    const server = answerOnce(status, 'not here');
    const { client, sleeps } = testHttpClient(agent());

    const error = (await client.requestJson(request()).catch((e: unknown) => e)) as ProviderError;

    expect(error).toBeInstanceOf(ProviderError);
    expect(error.exitCode).toBe(ExitCode.provider);
    expect(error.message).toContain(`HTTP ${status}`);
    expect(server.calls()).toBe(1);
    expect(sleeps).toEqual([]);
  });

  it('hands a 403 JSON body to the provider when acceptStatus accepts it', async () => {
    // Polyv answers "illegal channel id" with HTTP 403; only its body says what went wrong.
    const server = answerOnce(403, { code: 403, status: 'error', message: 'illegal channel id' });
    const { client } = testHttpClient(agent());

    const response = await client.requestJson(request({ acceptStatus: (s) => s === 403 }));

    expect(response.status).toBe(403);
    expect(response.body).toEqual({ code: 403, status: 'error', message: 'illegal channel id' });
    expect(server.calls()).toBe(1);
  });

  it('still treats a status acceptStatus declines as before', async () => {
    answerOnce(401, { code: 401 });
    const { client } = testHttpClient(agent());

    await expect(client.requestJson(request({ acceptStatus: (s) => s === 403 }))).rejects.toBeInstanceOf(AuthError);
  });

  it('treats an accepted status with a body that is not JSON by its status', async () => {
    answerOnce(403, '<html>Forbidden</html>');
    const { client } = testHttpClient(agent());

    await expect(client.requestJson(request({ acceptStatus: (s) => s === 403 }))).rejects.toBeInstanceOf(AuthError);
  });

  it('sends accept: application/json and the user agent', async () => {
    let headers: Record<string, string> = {};
    agent()
      .get(ORIGIN)
      .intercept({ path: '/stats' })
      .reply((opts) => {
        headers = opts.headers as Record<string, string>;
        return { statusCode: 200, data: '{}' };
      });
    const { client } = testHttpClient(agent(), { userAgent: 'livestats/0.0.0-test' });

    await client.requestJson(request());

    expect(headers.accept).toBe('application/json');
    expect(headers['user-agent']).toBe('livestats/0.0.0-test');
  });

  it('lets retryOn throw the provider error itself, which ends the request without a retry', async () => {
    const server = answerOnce(200, { errcode: 40014, errmsg: 'invalid access_token' });
    const { client, sleeps } = testHttpClient(agent());
    const expired = new AuthError('WeCom rejected the access token', { provider: 'WeCom', endpoint: 'stats', code: 40014 });

    await expect(
      client.requestJson(
        request({
          retryOn: () => {
            throw expired;
          },
        }),
      ),
    ).rejects.toBe(expired);
    expect(server.calls()).toBe(1);
    expect(sleeps).toEqual([]);
  });
});
