// The data generators without HTTP: sizes by id, determinism, random access, hostile names, speed, amounts.
import { describe, expect, it } from 'vitest';
import { HOSTILE_NAMES, nameText } from '../../src/sandbox/names.js';
import { channelFor, createdTimeOf, firstIndexAtOrAfter, redPackAt, sessionCount, sessionIdOf, sessionRange } from '../../src/sandbox/polyv-data.js';
import { Prng, rowHash } from '../../src/sandbox/prng.js';
import { DEFAULT_RED_PACKS, DEFAULT_VIEWERS, sizeFromId } from '../../src/sandbox/ids.js';
import { decodeNextKey, encodeNextKey, livingFor, viewerPage } from '../../src/sandbox/wecom-data.js';

interface Viewer {
  userid?: string;
  external_userid?: string;
  name?: string;
}

function rows(page: { users: string; externalUsers: string }): Viewer[] {
  return [...(JSON.parse(page.users) as Viewer[]), ...(JSON.parse(page.externalUsers) as Viewer[])];
}

describe('sizes by id', () => {
  it.each([
    ['sandbox-0', 0],
    ['sandbox-7', 7],
    ['sandbox-1000000', 1_000_000],
    ['sandbox-1000000000', 1_000_000_000],
    ['sandbox-1000000001', undefined],
    ['sandbox-007', undefined],
    ['sandbox-', undefined],
    ['lv_123', undefined],
  ])('%s → %s', (id, size) => {
    expect(sizeFromId(id)).toBe(size);
  });

  it('gives other livings and numeric channels the default sizes', () => {
    expect(DEFAULT_VIEWERS).toBe(42);
    expect(DEFAULT_RED_PACKS).toBe(12);
    expect(livingFor('lv_123').size).toBe(DEFAULT_VIEWERS);
    expect(channelFor('2812610')?.size).toBe(DEFAULT_RED_PACKS);
    expect(channelFor('sandbox-5')?.size).toBe(5);
    expect(channelFor('abc')).toBeUndefined();
  });
});

describe('WeCom viewers', () => {
  it('are deterministic and differ between livings', () => {
    const a = viewerPage(livingFor('sandbox-100'), 0, 100);
    expect(viewerPage(livingFor('sandbox-100'), 0, 100)).toEqual(a);
    expect(viewerPage(livingFor('sandbox-101'), 0, 100)).not.toEqual(a);
  });

  it('can be generated from any offset: a page equals the same slice of a larger page', () => {
    const living = livingFor('sandbox-1000000');
    const json = (page: { users: string; externalUsers: string }): string[] => rows(page).map((v) => JSON.stringify(v)).sort();
    const whole = json(viewerPage(living, 999_000, 1000));
    const firstHalf = json(viewerPage(living, 999_000, 500));
    const secondHalf = json(viewerPage(living, 999_500, 1000));
    expect(secondHalf).toHaveLength(500);
    expect([...firstHalf, ...secondHalf].sort()).toEqual(whole);
  });

  it('include CJK names and, on a few rows, every kind of hostile text', () => {
    const living = livingFor('sandbox-1000000');
    const names = new Set<string>();
    for (let offset = 0; offset < 20_000; offset += 1000) for (const v of rows(viewerPage(living, offset, 1000))) if (v.name) names.add(v.name);
    expect(names.has('张伟') || names.has('王芳')).toBe(true);
    for (const hostile of HOSTILE_NAMES) expect(names.has(hostile)).toBe(true);
    expect([...names].some((n) => n.includes('\u001b[31m'))).toBe(true);
    expect([...names].some((n) => n.includes('\u001b]0;pwn\u0007'))).toBe(true);
  });

  it('keep hostile names to about one row in 64', () => {
    let hostile = 0;
    for (let i = 0; i < 64_000; i++) if (HOSTILE_NAMES.includes(nameText(rowHash(1, i)))) hostile++;
    expect(hostile).toBeGreaterThan(700);
    expect(hostile).toBeLessThan(1300);
  });

  it('round-trip next_key and refuse keys of other livings or past the end', () => {
    const living = livingFor('sandbox-5000');
    expect(decodeNextKey(living, encodeNextKey(living, 3000))).toBe(3000);
    expect(decodeNextKey(living, encodeNextKey(living, 5000))).toBe(5000);
    expect(decodeNextKey(living, encodeNextKey(livingFor('sandbox-6000'), 3000))).toBeUndefined();
    expect(decodeNextKey(living, encodeNextKey(livingFor('sandbox-9000'), 0).replace(/./, 'A'))).toBeUndefined();
    expect(decodeNextKey(livingFor('sandbox-10'), encodeNextKey(livingFor('sandbox-10'), 11))).toBeUndefined();
    expect(decodeNextKey(living, '0')).toBe(0);
    expect(decodeNextKey(living, undefined)).toBe(0);
  });

  it('generate at least a million rows per second of CPU time', () => {
    const living = livingFor('sandbox-1000000');
    let best = Infinity;
    for (let run = 0; run < 3; run++) {
      const before = process.cpuUsage();
      for (let offset = 0; offset < 200_000; offset += 1000) viewerPage(living, offset, 1000);
      const used = process.cpuUsage(before);
      best = Math.min(best, (used.user + used.system) / 1000);
    }
    expect(best).toBeLessThan(200);
  });
});

describe('Polyv red packs', () => {
  const ch = channelFor('sandbox-10000')!;

  it('find the first pack at or after any time', () => {
    const dice = new Prng(3);
    for (let n = 0; n < 500; n++) {
      const i = Math.floor(dice.next() * ch.size);
      const t = createdTimeOf(ch, i);
      expect(firstIndexAtOrAfter(ch, t)).toBe(i);
      expect(firstIndexAtOrAfter(ch, t + 1)).toBe(i + 1);
    }
    expect(firstIndexAtOrAfter(ch, 0)).toBe(0);
    expect(firstIndexAtOrAfter(ch, createdTimeOf(ch, ch.size - 1) + 1)).toBe(ch.size);
  });

  it('map session ids to their index ranges and refuse unknown ones', () => {
    expect(sessionCount(ch)).toBe(100);
    const range = sessionRange(ch, sessionIdOf(ch, 42));
    expect(range).toEqual([4200, 4300]);
    expect(redPackAt(ch, 4200).channelSessionId).toBe(sessionIdOf(ch, 42));
    expect(sessionRange(ch, sessionIdOf(ch, 100))).toBeUndefined();
    expect(sessionRange(ch, 'g8h352spmc')).toBeUndefined();
  });

  it('keep amount = balance + receipts on every pack', () => {
    for (let i = 0; i < 2000; i++) {
      const pack = redPackAt(ch, i) as { amount: number; balance: number; status: string; redPackReceiveList: Array<{ amount: number }> };
      const receipts = pack.redPackReceiveList.reduce((sum, r) => sum + Math.round(r.amount * 100), 0);
      expect(Math.round(pack.amount * 100)).toBe(Math.round(pack.balance * 100) + receipts);
      if (pack.status === '已结束') expect(pack.balance).toBe(0);
    }
  });
});
