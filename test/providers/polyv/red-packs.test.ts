// The page walk: page 1, then pages 2..totalPages concurrently but in page order; channels one after the
// other; safety stops for empty pages and for data that changes mid-export; the shared rate limiter.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ExitCode, type CliError } from '../../../src/errors.js';
import { PolyvApi } from '../../../src/providers/polyv/api.js';
import { createPolyvLimiter, RATE_LIMIT } from '../../../src/providers/polyv/pacing.js';
import { PAGE_SIZE, walkRedPacks, type RedPackQuery } from '../../../src/providers/polyv/red-packs.js';
import { recordingPacer } from '../../helpers/http.js';
import { fixture, polyvHarness, type PolyvHarness } from './harness.js';

let h: PolyvHarness;
afterEach(async () => {
  h.agent.assertNoPendingInterceptors();
  await h.close();
});

const ALL_IDS = [0, 1, 2, 3, 4].map((n) => `2812610:a${n + 1}c0e6f0b7d54c1f9e2a3b4c5d6e7f8${n}`);

async function collect(query: RedPackQuery, concurrency = 4, api = PolyvApi.open(h.session)): Promise<string[]> {
  const ids: string[] = [];
  const warn = (line: string): void => h.session.warn(line);
  for await (const page of walkRedPacks(api, query, { concurrency, warn })) for (const { channel, pack } of page) ids.push(`${channel}:${pack.redPackId}`);
  return ids;
}

describe('walkRedPacks', () => {
  it('fetches later pages concurrently and still yields them in page order', async () => {
    h = await polyvHarness();
    const events: string[] = [];
    let page3Requested!: () => void;
    const page3 = new Promise<void>((resolve) => (page3Requested = resolve));
    // Page 2 is held until page 3 has been asked for (at most 2 s): one request at a time could not do that.
    const hold = Promise.race([page3, new Promise((resolve) => setTimeout(resolve, 2_000))]).then(() => events.push('answer 2'));
    h.reply('page-1-of-3', { page: 1 });
    h.reply('page-2-of-3', { page: 2, hold, onRequest: () => events.push('ask 2') });
    h.reply('page-3-of-3', { page: 3, onRequest: () => (events.push('ask 3'), page3Requested()) });
    expect(await collect({ channels: ['2812610'] })).toEqual(ALL_IDS);
    expect(events).toEqual(['ask 2', 'ask 3', 'answer 2']);
  });

  it('asks for pageSize 1000 and sends session and time range only when given', async () => {
    h = await polyvHarness();
    h.reply('empty');
    h.reply('empty');
    await collect({ channels: ['2812610'] });
    await collect({ channels: ['2812610'], sessionId: 'g8h352spmc', startTime: 1648867234000, endTime: 1648953633999 });
    const [bare, narrowed] = h.requests as [URL, URL];
    expect(Object.fromEntries(bare.searchParams)).toMatchObject({ channelId: '2812610', pageNumber: '1', pageSize: String(PAGE_SIZE) });
    expect([...bare.searchParams.keys()].sort()).toEqual(['appId', 'channelId', 'pageNumber', 'pageSize', 'sign', 'timestamp']);
    expect(Object.fromEntries(narrowed.searchParams)).toMatchObject({
      sessionId: 'g8h352spmc',
      startTime: '1648867234000',
      endTime: '1648953633999',
    });
  });

  it('walks channels one after the other, rows grouped by channel in input order', async () => {
    h = await polyvHarness();
    h.reply('seed-success', { channel: '2812610' });
    h.reply('empty', { channel: '100' });
    h.reply('page-3-of-3', { channel: '200', body: { ...pageOne('page-3-of-3') } });
    const ids = await collect({ channels: ['2812610', '100', '200'] });
    expect(ids).toEqual(['2812610:500e6f9f47bd42369aac8a9fc259f6d4', '200:a5c0e6f0b7d54c1f9e2a3b4c5d6e7f84']);
    expect(h.requests.map((u) => u.searchParams.get('channelId'))).toEqual(['2812610', '100', '200']);
  });

  it('an empty page before the last ends the channel with a warning', async () => {
    h = await polyvHarness();
    h.reply('page-1-of-3', { page: 1 });
    h.reply('page-2-of-3-empty', { page: 2 });
    const ids = await collect({ channels: ['2812610'] }, 1);
    expect(ids).toHaveLength(2);
    expect(h.requests).toHaveLength(2);
    expect(h.ctx.err.text).toContain('page 2 of 3 came back empty');
  });

  it('detects totals that change between pages (exit 5, asks for a re-run)', async () => {
    h = await polyvHarness();
    h.reply('page-1-of-3', { page: 1 });
    h.reply('page-2-of-3-totals-changed', { page: 2 });
    h.reply('page-3-of-3', { page: 3 });
    const ids: string[] = [];
    const error = await (async () => {
      try {
        for await (const page of walkRedPacks(PolyvApi.open(h.session), { channels: ['2812610'] }, { concurrency: 4, warn: () => undefined })) {
          ids.push(...page.map(({ pack }) => pack.redPackId));
        }
      } catch (e) {
        return e as CliError;
      }
      return undefined;
    })();
    expect(error?.exitCode).toBe(ExitCode.provider);
    expect(error?.message).toMatch(/data changed during the export.*5 red packs on 3 pages.*6 on 3/);
    expect(error?.hint).toMatch(/again/);
    expect(ids).toHaveLength(2);
  });

  it('refuses a page whose number is not the one asked for', async () => {
    h = await polyvHarness();
    h.reply('page-1-of-3', { page: 1 });
    h.reply('page-2-of-3', { page: 2, body: pageOne('page-3-of-3', 3) });
    h.reply('page-3-of-3', { page: 3 });
    await expect(collect({ channels: ['2812610'] }, 2)).rejects.toThrow(/asked for page 2 and got page 3/);
  });

  it('acquires the pacer for every request', async () => {
    h = await polyvHarness();
    h.reply('page-1-of-3', { page: 1 });
    h.reply('page-2-of-3', { page: 2 });
    h.reply('page-3-of-3', { page: 3 });
    const pacer = recordingPacer();
    await collect({ channels: ['2812610'] }, 4, PolyvApi.open(h.session, pacer));
    expect(pacer.calls).toBe(3);
  });
});

describe('the Polyv rate limiter', () => {
  it("stays well under Polyv's 1500 requests per 10 s and waits out the window after its limit", async () => {
    expect(RATE_LIMIT.limit).toBeLessThan(1500);
    expect(RATE_LIMIT.windowMs).toBe(10_000);
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    try {
      const limiter = createPolyvLimiter({ signal: new AbortController().signal });
      const started = Date.now();
      for (let i = 0; i < RATE_LIMIT.limit; i++) await limiter.acquire();
      expect(Date.now()).toBe(started);
      vi.advanceTimersByTime(1_000);
      let granted = false;
      const next = limiter.acquire().then(() => (granted = true));
      await vi.advanceTimersByTimeAsync(8_999);
      expect(granted).toBe(false);
      await vi.advanceTimersByTimeAsync(1);
      await next;
      expect(Date.now() - started).toBe(RATE_LIMIT.windowMs);
    } finally {
      vi.useRealTimers();
    }
  });

  it('stops a waiting start at once on the interrupt', async () => {
    const interrupt = new AbortController();
    const limiter = createPolyvLimiter({ signal: interrupt.signal });
    for (let i = 0; i < RATE_LIMIT.limit; i++) await limiter.acquire();
    const waiting = limiter.acquire();
    const at = Date.now();
    interrupt.abort();
    await expect(waiting).rejects.toBeDefined();
    expect(Date.now() - at).toBeLessThan(1_000);
  });
});

/** A fixture body re-labelled as a single page (or as page `n`), for scenarios built from existing pages. */
function pageOne(name: string, n = 1): object {
  const body = JSON.parse(JSON.stringify(fixture(name))) as { data: Record<string, unknown> };
  body.data.pageNumber = n;
  if (n === 1) Object.assign(body.data, { totalPages: 1, totalItems: (body.data.contents as unknown[]).length });
  return body;
}
