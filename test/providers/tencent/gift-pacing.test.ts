import { afterEach, describe, expect, it } from 'vitest';
import type { Pacer } from '../../../src/http/client.js';
import { ProviderError } from '../../../src/errors.js';
import { TencentApi } from '../../../src/providers/tencent/api.js';
import { createGiftLimiter, giftRows } from '../../../src/providers/tencent/gift-count.js';
import type { GiftRow } from '../../../src/providers/tencent/rows.js';
import { CN, fixture, isGiftPath, okAnswer, seen, session, setup, type SeenRequest, type TestSetup } from './harness.js';

let t: TestSetup;
afterEach(async () => {
  t.agent.assertNoPendingInterceptors();
  await t.agent.close();
});

/** One persistent interceptor that answers every get_gift_count call through `answer`. */
function serve(answer: (request: SeenRequest) => unknown): SeenRequest[] {
  const requests: SeenRequest[] = [];
  t.agent
    .get(CN)
    .intercept({ path: isGiftPath, method: 'POST' })
    .reply(200, (opts) => {
      const request = seen(opts as { path: string; body?: unknown });
      requests.push(request);
      return answer(request) as object;
    })
    .persist();
  return requests;
}

/** The limiter of a run, wrapped to record when each start was granted (the fake clock only moves on sleeps). */
function recordingLimiter(rate: number): { pacer: Pacer; starts: number[] } {
  const limiter = createGiftLimiter(t.ctx, rate);
  const starts: number[] = [];
  return {
    starts,
    pacer: {
      async acquire(signal) {
        await limiter.acquire(signal);
        starts.push(t.clock.now());
      },
    },
  };
}

/** Every window of 1000 ms holds at most `limit` starts. */
function expectWithinRate(starts: readonly number[], limit: number): void {
  const sorted = [...starts].sort((a, b) => a - b);
  for (let i = 0; i + limit < sorted.length; i++) {
    expect((sorted[i + limit] as number) - (sorted[i] as number)).toBeGreaterThanOrEqual(1000);
  }
}

async function collect(rows: AsyncIterable<GiftRow>): Promise<GiftRow[]> {
  const out: GiftRow[] = [];
  for await (const row of rows) out.push(row);
  return out;
}

const countOf = (account: string): number => Number(account.slice(1));
const accountsOf = (n: number): string[] => Array.from({ length: n }, (_, i) => `u${i}`);

describe('pacing', () => {
  it('never starts more than 200 calls in any second for 1000 accounts, and returns each row once in order', async () => {
    t = setup();
    serve((r) => okAnswer({ TotalCount: countOf(r.body.From_Account), TotalCoins: 1 }));
    const { pacer, starts } = recordingLimiter(200);
    const api = TencentApi.open(await session(t));
    const accounts = accountsOf(1000);
    const rows = await collect(giftRows(api, { room: 'r', accounts, concurrency: 50, pacer }));
    expect(rows.map((r) => r.from_account)).toEqual(accounts);
    expect(rows.map((r) => r.total_count)).toEqual(accounts.map(countOf));
    expect(starts).toHaveLength(1000);
    expectWithinRate(starts, 200);
    // The window is filled, not trickled: the first 200 start at once and the run needs five windows.
    expect(starts[199]).toBe(starts[0]);
    expect((starts[999] as number) - (starts[0] as number)).toBeGreaterThanOrEqual(4000);
  });

  it('honours a lower --rate', async () => {
    t = setup();
    serve(() => fixture('ok'));
    const { pacer, starts } = recordingLimiter(10);
    const api = TencentApi.open(await session(t));
    await collect(giftRows(api, { room: 'r', accounts: accountsOf(35), concurrency: 50, pacer }));
    expectWithinRate(starts, 10);
    expect(starts.filter((s) => s === starts[0])).toHaveLength(10);
    expect((starts[34] as number) - (starts[0] as number)).toBeGreaterThanOrEqual(3000);
  });

  it('backs off on a 60018 burst, paces the retries, and completes with every row once', async () => {
    t = setup();
    let throttled = 0;
    const requests = serve((r) => {
      if (throttled < 10) {
        throttled++;
        return fixture('too-frequent');
      }
      return okAnswer({ TotalCount: countOf(r.body.From_Account), TotalCoins: 2 });
    });
    const { pacer, starts } = recordingLimiter(200);
    const api = TencentApi.open(await session(t));
    const accounts = accountsOf(20);
    const rows = await collect(giftRows(api, { room: 'r', accounts, concurrency: 10, pacer }));
    expect(rows.map((r) => r.from_account)).toEqual(accounts);
    expect(requests).toHaveLength(30);
    expect(starts).toHaveLength(30);
    expect(t.clock.sleeps.filter((ms) => ms >= 150)).toHaveLength(10);
  });
});

describe('ordering and failure', () => {
  it('yields rows in input order when the answers complete in reverse', async () => {
    t = setup();
    const accounts = ['a', 'b', 'c', 'd', 'e', 'f'];
    const release = new Map<string, () => void>();
    const completed: string[] = [];
    let allArrived: () => void = () => undefined;
    const arrived = new Promise<void>((resolve) => (allArrived = resolve));
    serve((r) => {
      const account = r.body.From_Account;
      const answer = new Promise<object>((resolve) =>
        release.set(account, () => {
          completed.push(account);
          resolve(okAnswer({ TotalCount: accounts.indexOf(account), TotalCoins: 0 }));
        }),
      );
      if (release.size === accounts.length) allArrived();
      return answer;
    });
    const api = TencentApi.open(await session(t));
    const rowsPromise = collect(giftRows(api, { room: 'r', accounts, concurrency: 6, pacer: createGiftLimiter(t.ctx, 200) }));
    await arrived;
    for (const account of [...accounts].reverse()) {
      release.get(account)?.();
      await new Promise((resolve) => setImmediate(resolve));
    }
    const rows = await rowsPromise;
    expect(completed).toEqual(['f', 'e', 'd', 'c', 'b', 'a']);
    expect(rows.map((r) => r.from_account)).toEqual(accounts);
    expect(rows.map((r) => r.total_count)).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('stops at the first failure: earlier rows are yielded, later accounts are not all asked', async () => {
    t = setup();
    const requests = serve((r) => (r.body.From_Account === 'u2' ? fixture('bad-parameter') : fixture('ok')));
    const api = TencentApi.open(await session(t));
    const seenRows: string[] = [];
    const run = async (): Promise<void> => {
      for await (const row of giftRows(api, { room: 'r', accounts: accountsOf(10), concurrency: 2, pacer: createGiftLimiter(t.ctx, 200) })) {
        seenRows.push(row.from_account);
      }
    };
    const error = await run().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderError);
    expect((error as ProviderError).message).toContain('account "u2"');
    expect(seenRows).toEqual(['u0', 'u1']);
    expect(requests.length).toBeLessThan(10);
  });
});
