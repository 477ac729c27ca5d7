// Red packs → contract rows: field mapping, times in --tz, money summed in fen, receipts and the summary.
import { describe, expect, it } from 'vitest';
import { createTimeFormatter } from '../../../src/output/time.js';
import type { ChannelPack } from '../../../src/providers/polyv/red-packs.js';
import {
  RECEIVE_COLUMNS,
  RED_PACK_COLUMNS,
  receiveRows,
  redPackRow,
  redPackSummary,
  SUMMARY_COLUMNS,
  type RedPackRow,
} from '../../../src/providers/polyv/rows.js';
import { redPackPageBodySchema } from '../../../src/providers/polyv/schemas.js';
import { fixture } from './harness.js';

const shanghai = createTimeFormatter('Asia/Shanghai');

function packs(name: string, channel = '2812610'): ChannelPack[] {
  return redPackPageBodySchema.parse(fixture(name)).data.contents.map((pack) => ({ channel, pack }));
}

function summarise(inputs: string[], rows: RedPackRow[]) {
  const spec = redPackSummary(inputs);
  const accs = new Map(inputs.map((i) => [i, spec.create(i)]));
  for (const row of rows) spec.add(accs.get(spec.keyOf(row))!, row);
  return [...accs.values()].map((acc) => spec.finish(acc));
}

describe('redPackRow', () => {
  it('maps the seed red pack, with the numeric channelId as text and created_at in Asia/Shanghai', () => {
    const row = redPackRow(packs('seed-success')[0]!, shanghai);
    const values = Object.fromEntries(RED_PACK_COLUMNS.map((c) => [c.key, c.value(row)]));
    expect(values).toEqual({
      channel_id: '2812610',
      session_id: 'g8h352spmc',
      red_pack_id: '500e6f9f47bd42369aac8a9fc259f6d4',
      red_pack_type: '普通红包',
      allot_type: '随机分配红包',
      status: '已结束',
      created_at: '2022-04-02T10:40:34+08:00',
      sender_userid: 'ovtl9t44bqXDfubCAAAAAB5ImaeQ',
      sender_nickname: '讲师',
      amount: 0.98,
      balance: 0,
      receive_count: 2,
      received_amount: 0.98,
    });
  });

  it('writes created_at with the offset of the chosen zone', () => {
    expect(redPackRow(packs('seed-success')[0]!, createTimeFormatter('UTC')).created_at).toBe('2022-04-02T02:40:34+00:00');
  });

  it('turns an empty session id and nickname into null', () => {
    const row = redPackRow(packs('page-3-of-3')[0]!, shanghai);
    expect(row.session_id).toBeNull();
    expect(row.sender_nickname).toBeNull();
  });

  it('sums receipts in fen: 0.1 + 0.2 is 0.3 and a hundred 0.01 receipts are exactly 1', () => {
    const [small, rain] = packs('money-cents').map((p) => redPackRow(p, shanghai)) as [RedPackRow, RedPackRow];
    expect(0.1 + 0.2).not.toBe(0.3);
    expect(small.received_amount).toBe(0.3);
    expect(rain.receive_count).toBe(100);
    expect(rain.received_amount).toBe(1);
  });

  it('marks money and count columns for the table totals', () => {
    const totals = Object.fromEntries(RED_PACK_COLUMNS.filter((c) => c.total).map((c) => [c.key, c.total]));
    expect(totals).toEqual({ amount: 'money', balance: 'money', receive_count: 'sum', received_amount: 'money' });
    expect(RECEIVE_COLUMNS.find((c) => c.key === 'amount')?.total).toBe('money');
  });
});

describe('receiveRows', () => {
  it('makes one row per receipt with the red pack it came from', () => {
    const rows = [...receiveRows(packs('seed-success')[0]!, shanghai)];
    expect(rows.map((r) => Object.fromEntries(RECEIVE_COLUMNS.map((c) => [c.key, c.value(r)])))).toEqual([
      expect.objectContaining({
        channel_id: '2812610',
        session_id: 'g8h352spmc',
        red_pack_id: '500e6f9f47bd42369aac8a9fc259f6d4',
        red_pack_type: '普通红包',
        receiver_userid: 'ovtl9tAAAAAHBBA8QUNVjjM4WIs',
        receiver_nickname: '神经蛙',
        amount: 0.41,
        received_at: '2022-04-02T10:40:52+08:00',
      }),
      expect.objectContaining({ receiver_nickname: 'xxx', amount: 0.57, received_at: '2022-04-02T10:41:07+08:00' }),
    ]);
    expect(rows[0]?.receiver_avatar).toMatch(/^https:\/\/thirdwx\.qlogo\.cn\//);
  });

  it('yields nothing for a red pack nobody opened', () => {
    expect([...receiveRows(packs('page-1-of-3')[1]!, shanghai)]).toEqual([]);
  });
});

describe('redPackSummary', () => {
  it('totals each channel in fen and counts each receiver once', () => {
    const rows = ['page-1-of-3', 'page-2-of-3', 'page-3-of-3'].flatMap((n) => packs(n).map((p) => redPackRow(p, shanghai)));
    expect(summarise(['2812610', '999'], rows)).toEqual([
      {
        channel_id: '2812610',
        red_packs: 5,
        total_amount: 18.3,
        total_balance: 6.5,
        receives: 7,
        unique_receivers: 4,
        received_amount: 11.8,
      },
      { channel_id: '999', red_packs: 0, total_amount: 0, total_balance: 0, receives: 0, unique_receivers: 0, received_amount: 0 },
    ]);
  });

  it('stays exact over many cent receipts from repeated receivers', () => {
    const rows = packs('money-cents').map((p) => redPackRow(p, shanghai));
    const [summary] = summarise(['2812610'], rows);
    expect(summary).toMatchObject({ total_amount: 1.3, receives: 102, received_amount: 1.3, unique_receivers: 39 });
  });

  it('has the contract columns in order, money and counts marked', () => {
    expect(SUMMARY_COLUMNS.map((c) => c.key)).toEqual([
      'channel_id', 'red_packs', 'total_amount', 'total_balance', 'receives', 'unique_receivers', 'received_amount',
    ]);
    expect(SUMMARY_COLUMNS.filter((c) => c.total === 'money').map((c) => c.key)).toEqual(['total_amount', 'total_balance', 'received_amount']);
  });
});
