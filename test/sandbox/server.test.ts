// The server as a whole: its env, request counters, latency, body limit, closing and start-up failures.
import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startSandbox } from '../../src/sandbox/server.js';
import { Harness, T0, tencentQuery } from './helpers.js';

let h: Harness;
afterEach(() => h.close());

const ENV_NAMES = [
  'LIVESTATS_WECOM_CORP_ID',
  'LIVESTATS_WECOM_CORP_SECRET',
  'LIVESTATS_WECOM_BASE_URL',
  'LIVESTATS_TENCENT_SDKAPPID',
  'LIVESTATS_TENCENT_SECRET_KEY',
  'LIVESTATS_TENCENT_IDENTIFIER',
  'LIVESTATS_TENCENT_BASE_URL',
  'LIVESTATS_POLYV_APP_ID',
  'LIVESTATS_POLYV_APP_SECRET',
  'LIVESTATS_POLYV_BASE_URL',
  'LIVESTATS_LIVECOUNT_BASE_URL',
  'LIVESTATS_LIVECOUNT_DOMAIN',
  'LIVESTATS_LIVECOUNT_HEADERS',
];

function portIsClosed(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(true));
  });
}

describe('startSandbox', () => {
  it('listens on 127.0.0.1 and hands out an env that works against it', async () => {
    h = await Harness.start({ now: () => T0 });
    const { url, port, env } = h.sandbox;
    expect(url).toBe(`http://127.0.0.1:${port}`);
    expect(port).toBeGreaterThan(0);
    expect(Object.keys(env).sort()).toEqual([...ENV_NAMES].sort());
    for (const name of ENV_NAMES.filter((n) => n.endsWith('_BASE_URL'))) expect(env[name]).toBe(url);

    const token = await h.call('GET', '/cgi-bin/gettoken', { query: { corpid: env.LIVESTATS_WECOM_CORP_ID!, corpsecret: env.LIVESTATS_WECOM_CORP_SECRET! } });
    expect(token.json.errcode).toBe(0);
    const headers = JSON.parse(env.LIVESTATS_LIVECOUNT_HEADERS!) as Record<string, string>;
    const livecount = await h.call('POST', `/${env.LIVESTATS_LIVECOUNT_DOMAIN}/Invitation/Api/Actions/LiveCount`, { json: { room_id: 1 }, headers });
    expect(livecount.status).toBe(200);
    expect(Number(env.LIVESTATS_TENCENT_SDKAPPID)).toBeGreaterThan(0);
  });

  it('counts requests per endpoint, with unknown paths and wrong methods as other', async () => {
    h = await Harness.start({ now: () => T0 });
    await h.token();
    await h.watch('x', { livingid: 'a' });
    await h.call('POST', '/v4/live_engine_http_srv/get_gift_count', { query: tencentQuery(T0), json: { RoomId: 'r', From_Account: 'a' } });
    const missing = await h.call('GET', '/no/such/endpoint');
    expect(missing.status).toBe(404);
    const wrongMethod = await h.call('GET', '/cgi-bin/living/get_watch_stat');
    expect(wrongMethod.status).toBe(405);
    expect(h.sandbox.stats.requests).toEqual({
      gettoken: 1,
      get_watch_stat: 1,
      get_user_all_livingid: 0,
      get_living_info: 0,
      get_gift_count: 1,
      get_room_list: 0,
      get_room_stats: 0,
      red_pack_statistics: 0,
      live_count: 0,
      other: 2,
    });
    expect(h.sandbox.stats.tokensIssued).toBe(1);
  });

  it('describes itself at /', async () => {
    h = await Harness.start();
    const answer = await h.call('GET', '/');
    expect(answer.json.endpoints).toContain('POST /cgi-bin/living/get_watch_stat');
  });

  it('refuses a body over 1 MiB with 413', async () => {
    h = await Harness.start();
    const answer = await h.call('POST', '/cgi-bin/living/get_watch_stat', { body: 'x'.repeat(1024 * 1024 + 1) });
    expect(answer.status).toBe(413);
  });

  it('adds latencyMs before every answer', async () => {
    h = await Harness.start({ latencyMs: 120 });
    const started = performance.now();
    await h.call('GET', '/');
    expect(performance.now() - started).toBeGreaterThanOrEqual(110);
  });

  it('closes keep-alive connections promptly and frees the port; close() twice is fine', async () => {
    h = await Harness.start();
    await h.call('GET', '/');
    const started = performance.now();
    await h.sandbox.close();
    await h.sandbox.close();
    expect(performance.now() - started).toBeLessThan(1000);
    expect(await portIsClosed(h.sandbox.port)).toBe(true);
  });

  it('fails to start on a port in use, and on bad knobs', async () => {
    h = await Harness.start();
    await expect(startSandbox({ port: h.sandbox.port })).rejects.toMatchObject({ code: 'EADDRINUSE' });
    await expect(startSandbox({ failRate: 1.5 })).rejects.toThrow(RangeError);
    await expect(startSandbox({ wecomPageSize: 0 })).rejects.toThrow(/wecomPageSize/);
    await expect(startSandbox({ livecountCase: 'kebab' as never })).rejects.toThrow(/livecountCase/);
  });
});
