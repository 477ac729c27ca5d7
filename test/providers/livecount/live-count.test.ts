import { describe, expect, it } from 'vitest';
import { AuthError, ExitCode, ProviderError } from '../../../src/errors.js';
import {
  buildLiveCountRequest,
  fetchLiveCount,
  redactConfiguredHeaders,
  type LiveCountSettings,
} from '../../../src/providers/livecount/live-count.js';
import { LIVECOUNT_COLUMNS } from '../../../src/providers/livecount/rows.js';
import { testHttpClient, useMockAgent } from '../../helpers/http.js';
import { BASE, DOMAIN, expectLiveCount, fixtureText, HEADERS, TOKEN } from './harness.js';

const settings: LiveCountSettings = { baseUrl: BASE, domain: DOMAIN, headers: { ...HEADERS } };

/** The same answer with every snake_case key spelled in camelCase. */
function camelize(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(camelize);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [k.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase()), camelize(v)]),
  );
}

const EXPECTED_SNAKE_ROW = {
  room_id: '42',
  is_subscribe: 1280, un_subscribe: 320, is_look: 954, un_look: 646, is_order: 87, un_order: 1513, claimed: 1411,
  certified_num: 1200, order_total: 213, order_target_total: 500, shell_target: 200, henghu_target: 120,
  xianfeng_target: 100, jijing_target: 80, shell_amount: 96, henghu_amount: 51, xianfeng_amount: 40, jijing_amount: 26,
};

const agent = useMockAgent();

async function fetchWith(body: string, status = 200, room = 42) {
  const seen = expectLiveCount(agent(), status, body);
  const { client, sleeps } = testHttpClient(agent());
  const row = await fetchLiveCount({ http: client }, settings, { roomId: room, leftSelect: 'u-left' });
  return { row, seen, sleeps };
}

describe('fetchLiveCount', () => {
  it('flattens a snake_case answer into the contract columns, in order', async () => {
    const { row } = await fetchWith(fixtureText('snake-case'));
    expect(row).toEqual(EXPECTED_SNAKE_ROW);
    expect(LIVECOUNT_COLUMNS.map((c) => c.key)).toEqual(Object.keys(EXPECTED_SNAKE_ROW));
    expect(LIVECOUNT_COLUMNS.map((c) => c.value(row))).toEqual(Object.values(EXPECTED_SNAKE_ROW));
  });

  it('gives the same row for the camelCase spelling of the same answer', async () => {
    const camel = JSON.stringify(camelize(JSON.parse(fixtureText('snake-case'))));
    expect(camel).toContain('"liveOders"');
    const { row } = await fetchWith(camel);
    expect(row).toEqual(EXPECTED_SNAKE_ROW);
  });

  it('accepts errcode "0" and numbers sent as strings, and yields numbers', async () => {
    const { row } = await fetchWith(fixtureText('errcode-string'));
    expect(row).toEqual(EXPECTED_SNAKE_ROW);
    expect(typeof row.order_total).toBe('number');
  });

  it('reads the seed sample (numeric errcode 0, no live_oders): counts are 0, every order field is null', async () => {
    const { row } = await fetchWith(fixtureText('camel-case'));
    expect(row.is_subscribe).toBe(0);
    expect(row.certified_num).toBe(0);
    for (const key of ['order_total', 'shell_target', 'jijing_amount'] as const) expect(row[key]).toBeNull();
  });

  it('takes the first record when result comes as an array, as the seed table types it', async () => {
    const answer = { errcode: 0, result: [{ isLook: 5, live_oders: [{ order_total: '7' }] }] };
    const { row } = await fetchWith(JSON.stringify(answer));
    expect(row.is_look).toBe(5);
    expect(row.order_total).toBe(7);
    expect(row.is_subscribe).toBeNull();
  });

  it('turns errcode 1001 into a provider error (exit 5) with the code, message and request id', async () => {
    const error = await fetchWith(fixtureText('error')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderError);
    expect((error as ProviderError).exitCode).toBe(ExitCode.provider);
    expect((error as ProviderError).message).toMatch(/code 1001.*直播不存在.*request id req-7f3a9c01/);
    expect((error as ProviderError).detail).toMatchObject({ code: 1001, requestId: 'req-7f3a9c01' });
  });

  it('names the field when a count is not a number', async () => {
    const answer = { errcode: 0, requestId: 'r-1', result: { isSubscribe: 'many' } };
    await expect(fetchWith(JSON.stringify(answer))).rejects.toThrow(/field "result\.isSubscribe"/);
  });

  it('rejects a success answer without result rather than inventing an empty row', async () => {
    await expect(fetchWith(JSON.stringify({ errcode: 0, errmsg: 'ok' }))).rejects.toThrow(/field "result"/);
  });

  it('sends the configured headers and a JSON body with an integer room_id, leaving out absent filters', async () => {
    const { seen } = await fetchWith(fixtureText('camel-case'));
    expect(seen).toHaveLength(1);
    const sent = Object.fromEntries(Object.entries(seen[0]?.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
    expect(sent).toMatchObject({ 'x-token': TOKEN, 'x-tenant-key': HEADERS['X-Tenant-Key'] });
    expect(seen[0]?.body).toEqual({ room_id: 42, left_select: 'u-left' });
  });

  it('treats HTTP 401 as rejected credentials (exit 4) without retrying', async () => {
    const error = await fetchWith('{"errcode":401}', 401).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthError);
    expect((error as AuthError).exitCode).toBe(ExitCode.auth);
    expect((error as AuthError).hint).toContain('livestats config set livecount.headers');
    // The provider is named once: "LiveCount <endpoint path> refused …".
    expect((error as AuthError).message).toMatch(/^LiveCount Invitation\/Api\/Actions\/LiveCount refused the credentials \(HTTP 401\)$/);
  });

  it('retries a 5xx answer and then succeeds', async () => {
    expectLiveCount(agent(), 502, 'bad gateway');
    const { sleeps, row } = await fetchWith(fixtureText('snake-case'));
    expect(sleeps).toHaveLength(1);
    expect(row.order_total).toBe(213);
  });
});

describe('buildLiveCountRequest', () => {
  it('POSTs to {baseUrl}/{domain}/Invitation/Api/Actions/LiveCount with both filters when given', () => {
    const request = buildLiveCountRequest(settings, { roomId: 7, leftSelect: 'a', rightSelect: 'b' });
    expect(request.method).toBe('POST');
    expect(request.url).toBe(`${BASE}/${DOMAIN}/Invitation/Api/Actions/LiveCount`);
    expect(request.json).toEqual({ room_id: 7, left_select: 'a', right_select: 'b' });
  });

  it('hides every configured header value for --dry-run, however short', () => {
    const shown = redactConfiguredHeaders(buildLiveCountRequest(settings, { roomId: 7 }));
    expect(Object.keys(shown.headers ?? {})).toEqual(Object.keys(HEADERS));
    expect(JSON.stringify(shown)).not.toContain(TOKEN);
    expect(Object.values(shown.headers ?? {})).not.toContain(HEADERS['X-Tenant-Key']);
  });
});
