// HttpClient and RequestOptions.parseBody: a quicker parser sees the undecoded body and its value is used;
// when it declines (undefined), JSON.parse of the decoded text decides, with the usual retry on bad JSON.
import { describe, expect, it } from 'vitest';
import type { RequestOptions } from '../../src/http/client.js';
import { jsonHeaders, testHttpClient, useMockAgent } from '../helpers/http.js';

const ORIGIN = 'https://api.example.test';

const agent = useMockAgent();

function get(extra: Partial<RequestOptions>): RequestOptions {
  return { provider: 'Example', endpoint: 'stats', build: () => ({ method: 'GET', url: `${ORIGIN}/stats` }), ...extra };
}

describe('HttpClient parseBody', () => {
  it('hands the undecoded body to parseBody and answers with its value', async () => {
    agent().get(ORIGIN).intercept({ path: '/stats' }).reply(200, '{"n":"直播"}', jsonHeaders());
    const { client } = testHttpClient(agent());
    const seen: Buffer[] = [];

    const response = await client.requestJson(get({ parseBody: (body) => (seen.push(body), { quick: true }) }));

    expect(response.body).toEqual({ quick: true });
    expect(Buffer.isBuffer(seen[0])).toBe(true);
    expect(seen[0]?.toString('utf8')).toBe('{"n":"直播"}');
  });

  it('falls back to JSON.parse of the decoded text, byte order mark removed, when parseBody declines', async () => {
    agent().get(ORIGIN).intercept({ path: '/stats' }).reply(200, '\uFEFF{"n":"直播"}', jsonHeaders());
    const { client } = testHttpClient(agent());

    const response = await client.requestJson(get({ parseBody: () => undefined }));

    expect(response.body).toEqual({ n: '直播' });
  });

  it('retries a body that neither parser can read, as without parseBody', async () => {
    const pool = agent().get(ORIGIN);
    pool.intercept({ path: '/stats' }).reply(200, '{"n":', jsonHeaders());
    pool.intercept({ path: '/stats' }).reply(200, '{"n":1}', jsonHeaders());
    const { client, sleeps } = testHttpClient(agent());

    const response = await client.requestJson(get({ parseBody: () => undefined }));

    expect(response.body).toEqual({ n: 1 });
    expect(response.attempts).toBe(2);
    expect(sleeps).toHaveLength(1);
  });
});
