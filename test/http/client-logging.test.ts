// HttpClient --verbose lines: each request, status and retry is logged, and no secret ever is, whether it
// travels as a well-known query parameter or was registered with the redactor.
import { describe, expect, it } from 'vitest';
import { NetworkError } from '../../src/errors.js';
import { REDACTED } from '../../src/http/redact.js';
import { testHttpClient, useMockAgent } from '../helpers/http.js';

const ORIGIN = 'https://qyapi.example.test';
const ACCESS_TOKEN = 'tok_9f8e7d6c5b4a';
const CORP_SECRET = 'corp-secret-XYZ-0123';
const USERSIG = 'eJwtzF1PgzAUgOH-cq6-bHnGgnuQr-sig';
const SIGN = 'A1B2C3D4E5F60718';
// Sent in a parameter with no secret-sounding name; URLSearchParams writes its space as "+".
const REGISTERED = 'registered secret+value/x';
const SECRETS = [ACCESS_TOKEN, CORP_SECRET, USERSIG, SIGN, REGISTERED, encodeURIComponent(REGISTERED), 'registered+secret%2Bvalue%2Fx'];

const agent = useMockAgent();

function secretUrl(): string {
  const url = new URL(`${ORIGIN}/cgi-bin/living/get_watch_stat`);
  url.searchParams.set('access_token', ACCESS_TOKEN);
  url.searchParams.set('corpsecret', CORP_SECRET);
  url.searchParams.set('UserSig', USERSIG);
  url.searchParams.set('sign', SIGN);
  url.searchParams.set('extra', REGISTERED);
  url.searchParams.set('livingid', 'lv_1');
  return url.toString();
}

describe('HttpClient verbose logging', () => {
  it('logs method, URL, status and retry with every secret redacted', async () => {
    const path = (p: string) => p.startsWith('/cgi-bin/living/get_watch_stat');
    agent().get(ORIGIN).intercept({ path }).reply(503, 'busy');
    agent().get(ORIGIN).intercept({ path }).reply(200, { errcode: 0 });
    const { client, logs, redactor } = testHttpClient(agent(), { random: () => 0 });
    redactor.add(REGISTERED);

    await client.requestJson({ provider: 'WeCom', endpoint: 'get_watch_stat', build: () => ({ method: 'GET', url: secretUrl() }) });

    const text = logs.join('\n');
    expect(logs[0]).toMatch(/^→ GET https:\/\/qyapi\.example\.test\/cgi-bin\/living\/get_watch_stat\?/);
    expect(text).toContain('livingid=lv_1');
    expect(text).toContain('← 503 WeCom get_watch_stat');
    expect(text).toContain('retry 1/3 WeCom get_watch_stat in 150 ms: HTTP 503');
    expect(text).toContain('(attempt 2)');
    expect(text).toContain('← 200 WeCom get_watch_stat');
    expect(text).toContain(`access_token=${REDACTED}`);
    expect(text).toContain(`corpsecret=${REDACTED}`);
    expect(text).toContain(`UserSig=${REDACTED}`);
    expect(text).toContain(`sign=${REDACTED}`);
    for (const secret of SECRETS) expect(text).not.toContain(secret);
  });

  it('keeps secrets out of the log and the message of a network failure', async () => {
    const cause = new Error(`connect ECONNREFUSED while fetching ${secretUrl()}`);
    agent()
      .get(ORIGIN)
      .intercept({ path: (p) => p.startsWith('/cgi-bin') })
      .replyWithError(Object.assign(cause, { code: 'ECONNREFUSED' }));
    const { client, logs, redactor } = testHttpClient(agent(), { retries: 0 });
    redactor.add(REGISTERED);

    const error = (await client
      .requestJson({ provider: 'WeCom', endpoint: 'get_watch_stat', build: () => ({ method: 'GET', url: secretUrl() }) })
      .catch((e: unknown) => e)) as NetworkError;

    expect(error).toBeInstanceOf(NetworkError);
    expect(error.message).toContain('ECONNREFUSED');
    const everything = `${logs.join('\n')}\n${error.message}`;
    expect(logs.some((line) => line.startsWith('✗ WeCom get_watch_stat'))).toBe(true);
    for (const secret of SECRETS) expect(everything).not.toContain(secret);
  });

  it('log() redacts lines written by providers too', () => {
    const { client, logs, redactor } = testHttpClient(agent());
    redactor.add(ACCESS_TOKEN);

    client.log(`refreshed token ${ACCESS_TOKEN}`);

    expect(logs).toEqual([`refreshed token ${REDACTED}`]);
  });
});
