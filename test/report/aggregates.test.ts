// The report's streaming aggregates: every figure equals what summing the rows gives, the top lists keep the
// highest (first seen on a tie) and never grow past their size, and the time series stays bounded.
import { describe, expect, it } from 'vitest';
import { GiftAggregator, TOP_ACCOUNTS } from '../../src/report/gift-stats.js';
import { RedPackAggregator, REFUNDED_STATUS, type RedPackFact } from '../../src/report/red-pack-stats.js';
import { AmountSeries } from '../../src/report/time-series.js';
import { TopN } from '../../src/report/top-n.js';
import { binWidth, MAX_BINS, TOP_VIEWERS, WatchAggregator, type Viewer } from '../../src/report/watch-stats.js';

function viewer(i: number, seconds: number, member = i % 2 === 0): Viewer {
  return {
    living_id: 'lv1',
    viewer_type: member ? 'member' : 'external',
    userid: member ? `u${i}` : null,
    external_userid: member ? null : `wm${i}`,
    name: member ? null : `name ${i}`,
    external_type: member ? null : 'wechat',
    watch_time_s: seconds,
    is_comment: i % 3 === 0 ? true : i % 3 === 1 ? false : null,
    is_mic: i % 5 === 0,
    invitor_userid: null,
    invitor_external_userid: null,
  };
}

describe('TopN', () => {
  it('keeps the n highest, highest first, and the first seen of equal scores', () => {
    const top = new TopN<{ id: string; s: number }>(3, (x) => x.s);
    for (const [id, s] of [['a', 5], ['b', 9], ['c', 5], ['d', 1], ['e', 9], ['f', 7]] as const) top.add({ id, s });
    expect(top.values().map((x) => x.id)).toEqual(['b', 'e', 'f']);
    top.add({ id: 'g', s: 7 });
    expect(top.values().map((x) => x.id)).toEqual(['b', 'e', 'f']);
  });

  it('builds the kept copy only for items that make the cut', () => {
    const top = new TopN<number>(2, (x) => x);
    let made = 0;
    for (const n of [1, 2, 0, 0, 0, 3]) top.offer(n, n, (x) => (made++, x));
    expect(top.values()).toEqual([3, 2]);
    expect(made).toBe(3);
  });
});

describe('WatchAggregator', () => {
  it('sums what the watch summary sums, and bins every viewer once', () => {
    const rows = Array.from({ length: 1000 }, (_, i) => viewer(i, (i * 37) % 7200));
    const agg = new WatchAggregator(['lv1']);
    agg.addPage(rows.slice(0, 400));
    agg.addPage(rows.slice(400));
    const s = agg.summary();
    expect(s.viewers).toBe(1000);
    expect(s.members).toBe(rows.filter((r) => r.viewer_type === 'member').length);
    expect(s.externalViewers).toBe(1000 - s.members);
    expect(s.totalWatchSeconds).toBe(rows.reduce((t, r) => t + r.watch_time_s, 0));
    expect(s.averageWatchSeconds).toBe(Math.round((s.totalWatchSeconds / 1000) * 10) / 10);
    expect(s.commenters).toBe(rows.filter((r) => r.is_comment === true).length);
    expect(s.micUsers).toBe(rows.filter((r) => r.is_mic === true).length);
    expect(s.bins.reduce((t, b) => t + b.members, 0)).toBe(s.members);
    expect(s.bins.reduce((t, b) => t + b.external, 0)).toBe(s.externalViewers);
    expect(s.bins.length).toBeLessThanOrEqual(MAX_BINS);
    // Every viewer lands in the bin whose range holds its minute.
    const longest = rows.reduce((m, r) => Math.max(m, r.watch_time_s), 0);
    expect(s.bins.at(-1)?.to).toBeGreaterThan(Math.floor(longest / 60));
    expect(s.bins[0]?.from).toBe(0);
  });

  it('keeps the 20 longest watchers, longest first', () => {
    const agg = new WatchAggregator(['lv1']);
    for (let i = 0; i < 500; i++) agg.add(viewer(i, (i * 7919) % 10_007));
    const { top } = agg.summary();
    expect(top).toHaveLength(TOP_VIEWERS);
    const expected = Array.from({ length: 500 }, (_, i) => (i * 7919) % 10_007).sort((a, b) => b - a).slice(0, TOP_VIEWERS);
    expect(top.map((v) => v.watchSeconds)).toEqual(expected);
    expect(top[0]?.id).toMatch(/^(u|wm)\d+$/);
  });

  it('has no bins for a living nobody watched', () => {
    const s = new WatchAggregator(['lv1']).summary();
    expect(s).toMatchObject({ viewers: 0, averageWatchSeconds: 0, bins: [], top: [] });
  });

  it('chooses the narrowest round bin width that fits', () => {
    expect(binWidth(0)).toBe(1);
    expect(binWidth(23)).toBe(1);
    expect(binWidth(24)).toBe(2);
    expect(binWidth(119)).toBe(5);
    expect(binWidth(60 * 24 * 30)).toBeGreaterThanOrEqual(1440);
    expect(Math.ceil((60 * 24 * 30 + 1) / binWidth(60 * 24 * 30))).toBeLessThanOrEqual(MAX_BINS);
  });
});

describe('GiftAggregator', () => {
  it('sums accounts, gifts and coins, and ranks only accounts with coins', () => {
    const agg = new GiftAggregator('room');
    const rows = Array.from({ length: 50 }, (_, i) => ({
      room_id: 'room',
      from_account: `a${i}`,
      total_count: i,
      total_coins: i % 4 === 0 ? 0 : i * 10,
      gift_sender_count: 1,
      sequence: null,
    }));
    for (const r of rows) agg.add(r);
    const s = agg.summary();
    expect(s).toMatchObject({ room: 'room', accounts: 50, gifts: 1225, coins: rows.reduce((t, r) => t + r.total_coins, 0) });
    expect(s.top).toHaveLength(TOP_ACCOUNTS);
    expect(s.top[0]).toEqual({ account: 'a49', gifts: 49, coins: 490, senders: 1 });
    expect(s.top.every((a) => a.coins > 0)).toBe(true);
  });
});

function pack(i: number, extra: Partial<RedPackFact> = {}): RedPackFact {
  return {
    channel: 'c1',
    redPackId: `rp${i}`,
    createdMs: Date.UTC(2026, 0, 5, 2) + i * 45_000,
    sender: 's',
    type: '红包雨',
    status: '已结束',
    amountFen: 100 + i,
    balanceFen: 0,
    receivedFen: 100 + i,
    receipts: i % 3,
    receiverIds: Array.from({ length: i % 3 }, (_, j) => `open${(i + j) % 7}`),
    ...extra,
  };
}

describe('RedPackAggregator', () => {
  it('sums money in fen, counts refunds by status and receivers once each', () => {
    const agg = new RedPackAggregator(['c1'], (ms) => ms);
    const packs = Array.from({ length: 30 }, (_, i) => pack(i, i % 10 === 0 ? { status: REFUNDED_STATUS, balanceFen: 33, receivedFen: 67 + i } : {}));
    for (const p of packs) agg.add(p);
    const s = agg.summary();
    expect(s.redPacks).toBe(30);
    expect(s.sentFen).toBe(packs.reduce((t, p) => t + p.amountFen, 0));
    expect(s.receivedFen).toBe(packs.reduce((t, p) => t + p.receivedFen, 0));
    expect(s.refundedFen).toBe(3 * 33);
    expect(s.receipts).toBe(packs.reduce((t, p) => t + p.receipts, 0));
    expect(s.receivers).toBe(new Set(packs.flatMap((p) => p.receiverIds)).size);
    expect(s.receiptCounts).toEqual([[0, 10], [1, 10], [2, 10]]);
    expect(s.series.intervalMs).toBe(0);
    expect(s.series.points).toHaveLength(30);
    expect(s.top[0]?.redPackId).toBe('rp29');
  });

  it('puts each point at the wall-clock time it is given', () => {
    const agg = new RedPackAggregator(['c1'], (ms) => ms + 8 * 3_600_000);
    agg.add(pack(0));
    expect(agg.summary().series.points[0]?.at).toBe(Date.UTC(2026, 0, 5, 10));
  });
});

describe('AmountSeries', () => {
  it('turns many events into at most maxPoints intervals that keep every fen', () => {
    const series = new AmountSeries(50);
    let sent = 0;
    let received = 0;
    // Out of time order on purpose: packs of several channels interleave.
    for (let i = 0; i < 5000; i++) {
      const at = ((i * 7919) % 5000) * 60_000;
      series.add(at, i, i % 7);
      sent += i;
      received += i % 7;
    }
    const { points, intervalMs } = series.result();
    expect(points.length).toBeLessThanOrEqual(50);
    expect(intervalMs).toBeGreaterThan(0);
    expect(points.reduce((t, p) => t + p.sentFen, 0)).toBe(sent);
    expect(points.reduce((t, p) => t + p.receivedFen, 0)).toBe(received);
    expect(points.reduce((t, p) => t + p.count, 0)).toBe(5000);
    for (const p of points) expect(p.at % intervalMs).toBe(0);
    expect(points.map((p) => p.at)).toEqual([...points.map((p) => p.at)].sort((a, b) => a - b));
  });

  it('keeps one point per event while there are few', () => {
    const series = new AmountSeries(10);
    for (let i = 10; i > 0; i--) series.add(i * 1000, i, 0);
    const { points, intervalMs } = series.result();
    expect(intervalMs).toBe(0);
    expect(points.map((p) => p.at)).toEqual(Array.from({ length: 10 }, (_, i) => (i + 1) * 1000));
  });
});
