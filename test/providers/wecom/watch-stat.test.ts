import { describe, expect, it } from 'vitest';
import { ExitCode } from '../../../src/errors.js';
import { RATE_LIMIT_WAIT_MS } from '../../../src/providers/wecom/schemas.js';
import { connectWecom } from '../../../src/providers/wecom/token.js';
import type { WatchRow } from '../../../src/providers/wecom/rows.js';
import type { WecomApi } from '../../../src/providers/wecom/token.js';
import { walkLiving, watchPages } from '../../../src/providers/wecom/watch-stat.js';
import { caught, collect, expectGettoken, expectPage, fixture, pendingUses, TOKEN_1, TOKEN_2, useHarnesses, type Harness, type HarnessOptions } from './helpers.js';

const LIVING = 'lvOQpQDwAAcP0yL3y2Ml4wzQ7e_b2Gsg';
const startHarness = useHarnesses();
async function start(options?: HarnessOptions): Promise<Harness> {
  const h = await startHarness(options);
  expectGettoken(h.agent, fixture('gettoken-ok'));
  return h;
}

/** The walk's rows one by one, as the export runner takes them from the pages. */
async function* watchRows(api: WecomApi, livingIds: string[], options = { lookahead: true }): AsyncGenerator<WatchRow> {
  for await (const page of watchPages(api, livingIds, options)) yield* page;
}

const userids = (rows: Array<{ userid: string | null; external_userid: string | null }>): Array<string | null> =>
  rows.map((r) => r.userid ?? r.external_userid);

describe('get_watch_stat pagination', () => {
  it('follows next_key from "0" until ending == 1', async () => {
    const h = await start();
    expectPage(h.agent, { livingid: LIVING, nextKey: '0' }, fixture('page-1'));
    expectPage(h.agent, { livingid: LIVING, nextKey: 'NEXT_KEY_1' }, fixture('page-2-last'));
    const rows = await collect(watchRows(connectWecom(h.session), [LIVING]));
    expect(userids(rows)).toEqual(['zhangsan', 'lisi', 'wmEXT0001', 'wmEXT0002', 'zhaoliu', 'wmEXT0003']);
    h.agent.assertNoPendingInterceptors();
  });

  it('does not stop at an empty page whose ending is 0', async () => {
    const h = await start();
    expectPage(h.agent, { livingid: LIVING, nextKey: '0' }, fixture('empty-page-not-ending'));
    expectPage(h.agent, { livingid: LIVING, nextKey: 'NEXT_KEY_EMPTY' }, fixture('page-2-last'));
    const rows = await collect(watchRows(connectWecom(h.session), [LIVING]));
    expect(userids(rows)).toEqual(['zhaoliu', 'wmEXT0003']);
    h.agent.assertNoPendingInterceptors();
  });

  it('ends at ending == 1 even when next_key is absent', async () => {
    const h = await start();
    expectPage(h.agent, { livingid: LIVING, nextKey: '0' }, fixture('last-page-without-next-key'));
    expect(userids(await collect(watchRows(connectWecom(h.session), [LIVING])))).toEqual(['sunqi']);
  });

  it('fails with exit 5 naming the living when next_key comes back again with ending 0', async () => {
    const h = await start();
    expectPage(h.agent, { livingid: LIVING, nextKey: '0' }, fixture('page-1'));
    expectPage(h.agent, { livingid: LIVING, nextKey: 'NEXT_KEY_1' }, fixture('repeated-next-key'));
    const error = await caught(() => collect(watchRows(connectWecom(h.session), [LIVING])));
    expect(error.exitCode).toBe(ExitCode.provider);
    expect(error.message).toContain(LIVING);
    expect(error.message).toContain('NEXT_KEY_1');
    h.agent.assertNoPendingInterceptors();
  });

  it('walks several livings one after another, each from next_key "0"', async () => {
    const h = await start();
    expectPage(h.agent, { livingid: 'lv_a', nextKey: '0' }, fixture('seed-example'));
    expectPage(h.agent, { livingid: 'lv_b', nextKey: '0' }, fixture('empty-last-page'));
    expectPage(h.agent, { livingid: 'lv_c', nextKey: '0' }, fixture('last-page-without-next-key'));
    const rows = await collect(watchRows(connectWecom(h.session), ['lv_a', 'lv_b', 'lv_c']));
    expect(rows.map((r) => r.living_id)).toEqual(['lv_a', 'lv_a', 'lv_a', 'lv_c']);
    h.agent.assertNoPendingInterceptors();
  });

  it('stops requesting when the consumer breaks out (--limit): only the one page asked for ahead is fetched', async () => {
    const h = await start();
    expectPage(h.agent, { livingid: LIVING, nextKey: '0' }, fixture('page-1'));
    expectPage(h.agent, { livingid: LIVING, nextKey: 'NEXT_KEY_1' }, { ...fixture('page-2-last'), ending: 0 });
    expectPage(h.agent, { livingid: LIVING, nextKey: 'NEXT_KEY_2' }, fixture('page-2-last'));
    const taken: string[] = [];
    for await (const row of watchRows(connectWecom(h.session), [LIVING])) {
      taken.push(row.userid ?? '');
      if (taken.length === 2) break;
    }
    expect(taken).toEqual(['zhangsan', 'lisi']);
    // Page 2 was fetched while page 1's rows were handed out; page 3's interceptor is still there, unused.
    expect(pendingUses(h.agent)).toEqual([0]);
    const matchesPage3 = h.agent.pendingInterceptors()[0]?.body as unknown as (body: string) => boolean;
    expect(matchesPage3(JSON.stringify({ livingid: LIVING, next_key: 'NEXT_KEY_2' }))).toBe(true);
  });

  it('asks for the next page while the rows of the current one are still being taken', async () => {
    const h = await start();
    expectPage(h.agent, { livingid: LIVING, nextKey: '0' }, fixture('page-1'));
    expectPage(h.agent, { livingid: LIVING, nextKey: 'NEXT_KEY_1' }, fixture('page-2-last'));
    const rows = watchRows(connectWecom(h.session), [LIVING]);
    expect((await rows.next()).value?.userid).toBe('zhangsan');
    // No further row is taken; page 2 is requested (and answered) all the same.
    await new Promise((resolve) => setTimeout(resolve, 50));
    h.agent.assertNoPendingInterceptors();
    const rest = await collect(rows);
    expect(userids(rest)).toEqual(['lisi', 'wmEXT0001', 'wmEXT0002', 'zhaoliu', 'wmEXT0003']);
  });

  it('reports a failure of the page asked for ahead only after the rows before it', async () => {
    const h = await start();
    expectPage(h.agent, { livingid: LIVING, nextKey: '0' }, fixture('page-1'));
    expectPage(h.agent, { livingid: LIVING, nextKey: 'NEXT_KEY_1' }, fixture('living-not-permitted'));
    const taken: string[] = [];
    const error = await (async () => {
      for await (const row of watchRows(connectWecom(h.session), [LIVING])) taken.push(row.userid ?? row.external_userid ?? '');
    })().catch((e: unknown) => e);
    expect(taken).toEqual(['zhangsan', 'lisi', 'wmEXT0001', 'wmEXT0002']);
    expect((error as { exitCode?: number }).exitCode).toBe(ExitCode.provider);
    h.agent.assertNoPendingInterceptors();
  });
});

describe('get_watch_stat lookahead', () => {
  it('without lookahead (--limit) asks for no page before its first row is wanted', async () => {
    const h = await start();
    expectPage(h.agent, { livingid: LIVING, nextKey: '0' }, fixture('page-1'));
    expectPage(h.agent, { livingid: LIVING, nextKey: 'NEXT_KEY_1' }, fixture('page-2-last'));
    const taken: string[] = [];
    for await (const row of watchRows(connectWecom(h.session), [LIVING], { lookahead: false })) {
      taken.push(row.userid ?? '');
      if (taken.length === 2) break;
    }
    expect(taken).toEqual(['zhangsan', 'lisi']);
    expect(pendingUses(h.agent)).toEqual([0]);
  });

  it('follows the parsed next_key when the raw body suggested another, dropping the page of the guess', async () => {
    const h = await start();
    // Duplicate keys: a raw-text reader sees the first next_key, JSON.parse keeps the last one.
    const page1 = JSON.stringify(fixture('page-1')).replace('{', '{"next_key":"GUESSED",');
    expectPage(h.agent, { livingid: LIVING, nextKey: '0' }, page1);
    expectPage(h.agent, { livingid: LIVING, nextKey: 'GUESSED' }, fixture('seed-example'));
    expectPage(h.agent, { livingid: LIVING, nextKey: 'NEXT_KEY_1' }, fixture('page-2-last'));
    const rows = await collect(watchRows(connectWecom(h.session), [LIVING]));
    expect(userids(rows)).toEqual(['zhangsan', 'lisi', 'wmEXT0001', 'wmEXT0002', 'zhaoliu', 'wmEXT0003']);
    h.agent.assertNoPendingInterceptors();
  });
});

describe('get_watch_stat token refresh', () => {
  for (const scenario of ['token-expired', 'token-invalid', 'invalid-credential'] as const) {
    it(`refreshes the token once on ${scenario} and retries the same page, losing and repeating no rows`, async () => {
      const h = await start({ raw: { verbose: true } });
      expectPage(h.agent, { livingid: LIVING, nextKey: '0' }, fixture('page-1'));
      expectPage(h.agent, { livingid: LIVING, nextKey: 'NEXT_KEY_1' }, fixture(scenario));
      expectGettoken(h.agent, fixture('gettoken-refreshed'));
      expectPage(h.agent, { token: TOKEN_2, livingid: LIVING, nextKey: 'NEXT_KEY_1' }, fixture('page-2-last'));
      const rows = await collect(watchRows(connectWecom(h.session), [LIVING]));
      expect(userids(rows)).toEqual(['zhangsan', 'lisi', 'wmEXT0001', 'wmEXT0002', 'zhaoliu', 'wmEXT0003']);
      h.agent.assertNoPendingInterceptors();
      expect(h.ctx.err.text).toMatch(/rejected the access token \(errcode (42001|40014|40001)\); refreshing/);
      expect(h.ctx.err.text).not.toContain(TOKEN_2);
    });
  }

  it('exits 4 when the refreshed token is rejected too, without a third try', async () => {
    const h = await start();
    expectPage(h.agent, { livingid: LIVING, nextKey: '0' }, fixture('token-expired'));
    expectGettoken(h.agent, fixture('gettoken-refreshed'));
    expectPage(h.agent, { token: TOKEN_2, livingid: LIVING, nextKey: '0' }, fixture('token-invalid'), 2);
    const error = await caught(() => collect(watchRows(connectWecom(h.session), [LIVING])));
    expect(error.exitCode).toBe(ExitCode.auth);
    expect(error.message).toContain('again after a refresh');
    expect(error.message).toContain(LIVING);
    expect(pendingUses(h.agent)).toEqual([1]);
  });
});

describe('get_watch_stat errors', () => {
  it('retries errcode -1 at most 3 times, even with --retries 5, then exits 5 with errcode and living', async () => {
    const h = await start({ raw: { retries: '5' } });
    expectPage(h.agent, { livingid: LIVING, nextKey: '0' }, fixture('system-busy'), 5);
    const error = await caught(() => collect(watchRows(connectWecom(h.session), [LIVING])));
    expect(error.exitCode).toBe(ExitCode.provider);
    expect(error.message).toContain('code -1');
    expect(error.message).toContain(LIVING);
    // The cap, not --retries, is what stopped it: the hint says so instead of suggesting more retries.
    expect(error.hint).toContain('at most 3 retries');
    expect(error.hint).not.toContain('--retries to');
    expect(h.ctx.sleeps).toHaveLength(3);
    expect(pendingUses(h.agent)).toEqual([4]);
  });

  it('recovers when -1 clears on a retry', async () => {
    const h = await start();
    expectPage(h.agent, { livingid: LIVING, nextKey: '0' }, fixture('system-busy'));
    expectPage(h.agent, { livingid: LIVING, nextKey: '0' }, fixture('seed-example'));
    expect(await collect(watchRows(connectWecom(h.session), [LIVING]))).toHaveLength(3);
    expect(h.ctx.sleeps).toHaveLength(1);
    h.agent.assertNoPendingInterceptors();
  });

  it('waits out a 45009 frequency block before retrying', async () => {
    const h = await start();
    expectPage(h.agent, { livingid: LIVING, nextKey: '0' }, fixture('rate-limited'));
    expectPage(h.agent, { livingid: LIVING, nextKey: '0' }, fixture('seed-example'));
    await collect(watchRows(connectWecom(h.session), [LIVING]));
    expect(h.ctx.sleeps).toEqual([RATE_LIMIT_WAIT_MS]);
    h.agent.assertNoPendingInterceptors();
  });

  it('does not wait on 45009 when no retries are left (--retries 0)', async () => {
    const h = await start({ raw: { retries: '0' } });
    expectPage(h.agent, { livingid: LIVING, nextKey: '0' }, fixture('rate-limited'));
    const error = await caught(() => collect(watchRows(connectWecom(h.session), [LIVING])));
    expect(error.exitCode).toBe(ExitCode.provider);
    expect(error.message).toContain('code 45009');
    expect(h.ctx.sleeps).toEqual([]);
  });

  it('backs off on 45033 and retries', async () => {
    const h = await start();
    expectPage(h.agent, { livingid: LIVING, nextKey: '0' }, fixture('concurrency-limited'));
    expectPage(h.agent, { livingid: LIVING, nextKey: '0' }, fixture('empty-last-page'));
    await collect(watchRows(connectWecom(h.session), [LIVING]));
    expect(h.ctx.sleeps).toHaveLength(1);
    h.agent.assertNoPendingInterceptors();
  });

  const failures = [
    { scenario: 'no-permission', exit: ExitCode.auth, hint: '可调用接口的应用' },
    { scenario: 'untrusted-ip', exit: ExitCode.auth, hint: "add 203.0.113.7 to the app's trusted IPs (企业可信IP)" },
    { scenario: 'living-not-permitted', exit: ExitCode.provider, hint: `An app sees only the livings it created, and living ${LIVING} was not created` },
  ] as const;
  for (const { scenario, exit, hint } of failures) {
    it(`fails ${scenario} at once with exit ${exit}, the errcode, errmsg, living and a hint`, async () => {
      const h = await start({ raw: { retries: '3' } });
      expectPage(h.agent, { livingid: LIVING, nextKey: '0' }, fixture(scenario));
      const error = await caught(() => collect(watchRows(connectWecom(h.session), [LIVING])));
      const body = fixture(scenario) as { errcode: number; errmsg: string };
      expect(error.exitCode).toBe(exit);
      expect(error.message).toContain(`code ${body.errcode}`);
      expect(error.message).toContain(body.errmsg.slice(0, 20));
      expect(error.message).toContain(LIVING);
      expect(error.hint).toContain(hint);
      expect(h.ctx.sleeps).toEqual([]);
      h.agent.assertNoPendingInterceptors();
    });
  }

  it('60020 names the calling IP from errmsg in the message', async () => {
    const h = await start();
    expectPage(h.agent, { livingid: LIVING, nextKey: '0' }, fixture('untrusted-ip'));
    const error = await caught(() => collect(watchRows(connectWecom(h.session), [LIVING])));
    expect(error.exitCode).toBe(ExitCode.auth);
    expect(error.message.split(' (code')[0]).toBe(`WeCom get_watch_stat for living ${LIVING}: the IP 203.0.113.7 is not among the app's trusted IPs`);
  });

  it('names the missing required field and the endpoint (exit 5)', async () => {
    const h = await start();
    expectPage(h.agent, { livingid: LIVING, nextKey: '0' }, fixture('missing-ending'));
    const error = await caught(() => collect(walkLiving(connectWecom(h.session), LIVING, true)));
    expect(error.exitCode).toBe(ExitCode.provider);
    expect(error.message).toContain('get_watch_stat');
    expect(error.message).toContain('field "ending"');
  });

  it('names a viewer field missing deep in the page', async () => {
    const h = await start();
    expectPage(h.agent, { livingid: LIVING, nextKey: '0' }, fixture('missing-watch-time'));
    const error = await caught(() => collect(watchRows(connectWecom(h.session), [LIVING])));
    expect(error.exitCode).toBe(ExitCode.provider);
    expect(error.message).toContain('field "stat_info.users.1.watch_time"');
  });

  it('accepts fields it does not know at every level', async () => {
    const h = await start();
    expectPage(h.agent, { livingid: LIVING, nextKey: '0' }, fixture('extra-fields'));
    const rows = await collect(watchRows(connectWecom(h.session), [LIVING]));
    expect(userids(rows)).toEqual(['zhangsan', 'wmEXT0001']);
  });

  it('sends the token only in the query string and never prints it in verbose logs', async () => {
    const h = await start({ raw: { verbose: true } });
    expectPage(h.agent, { livingid: LIVING, nextKey: '0' }, fixture('seed-example'));
    await collect(watchRows(connectWecom(h.session), [LIVING]));
    expect(h.ctx.err.text).toContain('get_watch_stat?access_token=[REDACTED]');
    expect(h.ctx.err.text).not.toContain(TOKEN_1);
    expect(h.ctx.err.text).not.toContain('test-corp-secret');
  });
});
