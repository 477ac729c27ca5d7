// WeCom gettoken and get_watch_stat through real HTTP: tokens and their expiry, pagination, id conventions.
import { afterEach, describe, expect, it } from 'vitest';
import { SANDBOX_CREDENTIALS } from '../../src/sandbox/credentials.js';
import { encodeNextKey, livingFor } from '../../src/sandbox/wecom-data.js';
import { clock, Harness } from './helpers.js';

let h: Harness;
afterEach(() => h.close());

const { corpId, corpSecret } = SANDBOX_CREDENTIALS.wecom;

describe('WeCom gettoken', () => {
  it('issues a token with expires_in from the knob', async () => {
    h = await Harness.start({ tokenTtlSeconds: 600 });
    const answer = await h.call('GET', '/cgi-bin/gettoken', { query: { corpid: corpId, corpsecret: corpSecret } });
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({ errcode: 0, errmsg: 'ok', expires_in: 600 });
    expect(answer.json.access_token).toMatch(/^[A-Za-z0-9]{32,}$/);
    expect(h.sandbox.stats.tokensIssued).toBe(1);
    expect(h.sandbox.stats.requests.gettoken).toBe(1);
  });

  it.each([
    [{ corpid: 'ww-other', corpsecret: corpSecret }, 40013],
    [{ corpid: corpId, corpsecret: 'wrong' }, 40001],
    [{ corpsecret: corpSecret }, 41002],
    [{ corpid: corpId }, 41004],
  ])('refuses %j with errcode %i and HTTP 200', async (query, errcode) => {
    h = await Harness.start();
    const answer = await h.call('GET', '/cgi-bin/gettoken', { query });
    expect(answer.status).toBe(200);
    expect(answer.json.errcode).toBe(errcode);
    expect(answer.json.access_token).toBeUndefined();
    expect(h.sandbox.stats.tokensIssued).toBe(0);
  });
});

describe('WeCom get_watch_stat tokens', () => {
  it('answers 41001 without a token, 40014 for an unknown one', async () => {
    h = await Harness.start();
    const missing = await h.call('POST', '/cgi-bin/living/get_watch_stat', { json: { livingid: 'lv1', next_key: '0' } });
    expect(missing.json.errcode).toBe(41001);
    const unknown = await h.watch('not-a-token', { livingid: 'lv1', next_key: '0' });
    expect(unknown.json.errcode).toBe(40014);
  });

  it('expires tokens after tokenTtlSeconds on the injected clock', async () => {
    const c = clock();
    h = await Harness.start({ tokenTtlSeconds: 60, now: c.now });
    const token = await h.token();
    c.advance(59_999);
    expect((await h.watch(token, { livingid: 'lv1' })).json.errcode).toBe(0);
    c.advance(1);
    expect((await h.watch(token, { livingid: 'lv1' })).json.errcode).toBe(42001);
    const fresh = await h.token();
    expect(fresh).not.toBe(token);
    expect((await h.watch(fresh, { livingid: 'lv1' })).json.errcode).toBe(0);
  });
});

describe('WeCom get_watch_stat pagination', () => {
  it('pages with an opaque next_key, present on the last page, and ends only with ending 1', async () => {
    h = await Harness.start({ wecomPageSize: 1000 });
    const token = await h.token();
    const keys: string[] = [];
    const endings: number[] = [];
    let viewers = 0;
    let nextKey: string | undefined = '0';
    const seen = new Set<string>();
    for (let page = 0; page < 10; page++) {
      const answer = await h.watch(token, { livingid: 'sandbox-2500', next_key: nextKey });
      expect(answer.json.errcode).toBe(0);
      const { users, external_users: external } = answer.json.stat_info;
      for (const u of users) seen.add(u.userid);
      for (const u of external) seen.add(u.external_userid);
      viewers += users.length + external.length;
      endings.push(answer.json.ending);
      expect(typeof answer.json.next_key).toBe('string');
      keys.push(answer.json.next_key);
      nextKey = answer.json.next_key;
      if (answer.json.ending === 1) break;
    }
    expect(endings).toEqual([0, 0, 1]);
    expect(viewers).toBe(2500);
    expect(seen.size).toBe(2500);
    expect(keys[2]).not.toBe('');
    // Opaque: not the page number or the offset in plain text.
    for (const key of keys) expect(key).not.toMatch(/^\d+$/);
  });

  it('accepts an absent next_key like "0" and refuses a key of another living', async () => {
    h = await Harness.start({ wecomPageSize: 10 });
    const token = await h.token();
    const absent = await h.watch(token, { livingid: 'sandbox-30' });
    const zero = await h.watch(token, { livingid: 'sandbox-30', next_key: '0' });
    expect(absent.text).toBe(zero.text);
    const foreign = await h.watch(token, { livingid: 'sandbox-31', next_key: absent.json.next_key });
    expect(foreign.json.errcode).toBe(40058);
    const garbage = await h.watch(token, { livingid: 'sandbox-30', next_key: 'page2' });
    expect(garbage.json.errcode).toBe(40058);
  });

  it('serves the last page of a million-viewer living without the pages before it', async () => {
    h = await Harness.start();
    const token = await h.token();
    const key = encodeNextKey(livingFor('sandbox-1000000'), 999_000);
    const answer = await h.watch(token, { livingid: 'sandbox-1000000', next_key: key });
    expect(answer.json.ending).toBe(1);
    expect(answer.json.stat_info.users.length + answer.json.stat_info.external_users.length).toBe(1000);
    const ids = [...answer.json.stat_info.users, ...answer.json.stat_info.external_users].map((u) => u.userid ?? u.external_userid);
    expect(ids.some((id: string) => id.endsWith('999999'))).toBe(true);
  });

  it('answers an empty last page for a living with no viewers', async () => {
    h = await Harness.start();
    const token = await h.token();
    const answer = await h.watch(token, { livingid: 'sandbox-0', next_key: '0' });
    expect(answer.json).toMatchObject({ errcode: 0, ending: 1, stat_info: { users: [], external_users: [] } });
    expect(answer.json.next_key).toEqual(expect.any(String));
  });

  it('mixes members and external users with the documented fields', async () => {
    h = await Harness.start();
    const token = await h.token();
    const { stat_info: info } = (await h.watch(token, { livingid: 'sandbox-1000' })).json;
    expect(info.users.length).toBeGreaterThan(400);
    expect(info.external_users.length).toBeGreaterThan(250);
    for (const u of info.users) expect(Object.keys(u)).toEqual(expect.arrayContaining(['userid', 'watch_time', 'is_comment', 'is_mic']));
    const types = new Set(info.external_users.map((u: { type: number }) => u.type));
    expect(types).toEqual(new Set([1, 2]));
    for (const u of info.external_users) expect(typeof u.name).toBe('string');
    const invited = [...info.users, ...info.external_users].filter((u) => 'invitor_userid' in u || 'invitor_external_userid' in u);
    expect(invited.length).toBeGreaterThan(0);
    expect(invited.length).toBeLessThan(500);
  });

  it.each([
    ['sandbox-forbidden', 92008],
    ['sandbox-missing', 40058],
    ['bad id with spaces', 40058],
    ['', 40058],
  ])('answers livingid %j with errcode %i', async (livingid, errcode) => {
    h = await Harness.start();
    const token = await h.token();
    expect((await h.watch(token, { livingid })).json.errcode).toBe(errcode);
  });

  it('answers 47001 to a body that is not JSON', async () => {
    h = await Harness.start();
    const token = await h.token();
    const answer = await h.call('POST', '/cgi-bin/living/get_watch_stat', { query: { access_token: token }, body: '{"livingid":' });
    expect(answer.json.errcode).toBe(47001);
  });
});
