// Polyv red packs → the contract's rows: one per red pack, one per receipt (--receives), and one summary per
// channel. Money becomes whole fen once, here, and is only ever summed as integers. Nothing here knows HTTP.
import type { SummarySpec } from '../../export/runner.js';
import type { CellValue, Column } from '../../output/columns.js';
import { fenToYuan, toFen } from '../../output/money.js';
import type { TimeFormatter } from '../../output/time.js';
import type { ChannelPack } from './red-packs.js';

export interface RedPackRow {
  channel_id: string;
  session_id: string | null;
  red_pack_id: string;
  red_pack_type: string | null;
  allot_type: string | null;
  status: string | null;
  created_at: string;
  sender_userid: string | null;
  sender_nickname: string | null;
  amount: number;
  balance: number;
  receive_count: number;
  received_amount: number;
  /** Not columns: the --channel value asked for, and what the summary adds up. */
  input: string;
  amountFen: number;
  balanceFen: number;
  receivedFen: number;
  receiverIds: readonly string[];
}

export interface ReceiveRow {
  channel_id: string;
  session_id: string | null;
  red_pack_id: string;
  red_pack_type: string | null;
  receiver_userid: string | null;
  receiver_nickname: string | null;
  receiver_avatar: string | null;
  amount: number;
  received_at: string;
}

export interface RedPackSummaryRow {
  channel_id: string;
  red_packs: number;
  total_amount: number;
  total_balance: number;
  receives: number;
  unique_receivers: number;
  received_amount: number;
}

function column<Row>(key: keyof Row & string, total?: 'sum' | 'money'): Column<Row> {
  return { key, value: (row) => row[key] as CellValue, total };
}

const timeColumn = <Row>(key: keyof Row & string): Column<Row> => ({ ...column<Row>(key), kind: 'time' });

export const RED_PACK_COLUMNS: readonly Column<RedPackRow>[] = [
  column('channel_id'), column('session_id'), column('red_pack_id'), column('red_pack_type'), column('allot_type'),
  column('status'), timeColumn('created_at'), column('sender_userid'), column('sender_nickname'),
  column('amount', 'money'), column('balance', 'money'), column('receive_count', 'sum'), column('received_amount', 'money'),
];

export const RECEIVE_COLUMNS: readonly Column<ReceiveRow>[] = [
  column('channel_id'), column('session_id'), column('red_pack_id'), column('red_pack_type'), column('receiver_userid'),
  column('receiver_nickname'), column('receiver_avatar'), column('amount', 'money'), timeColumn('received_at'),
];

export const SUMMARY_COLUMNS: readonly Column<RedPackSummaryRow>[] = [
  column('channel_id'), column('red_packs', 'sum'), column('total_amount', 'money'), column('total_balance', 'money'),
  // unique_receivers has no total: one person who opened red packs on two channels would be counted twice.
  column('receives', 'sum'), column('unique_receivers'), column('received_amount', 'money'),
];

export function redPackRow({ channel, pack }: ChannelPack, time: TimeFormatter): RedPackRow {
  const amountFen = toFen(pack.amount);
  const balanceFen = toFen(pack.balance);
  let receivedFen = 0;
  const receiverIds: string[] = [];
  for (const receipt of pack.redPackReceiveList) {
    receivedFen += toFen(receipt.amount);
    if (receipt.userId !== null) receiverIds.push(receipt.userId);
  }
  return {
    channel_id: pack.channelId ?? channel,
    session_id: pack.channelSessionId,
    red_pack_id: pack.redPackId,
    red_pack_type: pack.redPackType,
    allot_type: pack.allotType,
    status: pack.status,
    created_at: time(pack.createdTime),
    sender_userid: pack.userId,
    sender_nickname: pack.nickName,
    amount: fenToYuan(amountFen),
    balance: fenToYuan(balanceFen),
    receive_count: pack.redPackReceiveList.length,
    received_amount: fenToYuan(receivedFen),
    input: channel,
    amountFen,
    balanceFen,
    receivedFen,
    receiverIds,
  };
}

export function* receiveRows({ channel, pack }: ChannelPack, time: TimeFormatter): Generator<ReceiveRow> {
  for (const receipt of pack.redPackReceiveList) {
    yield {
      channel_id: pack.channelId ?? channel,
      session_id: pack.channelSessionId,
      red_pack_id: pack.redPackId,
      red_pack_type: pack.redPackType,
      receiver_userid: receipt.userId,
      receiver_nickname: receipt.nickName,
      receiver_avatar: receipt.avatar,
      amount: fenToYuan(toFen(receipt.amount)),
      received_at: time(receipt.createdTime),
    };
  }
}

interface SummaryAcc {
  channel: string;
  packs: number;
  amountFen: number;
  balanceFen: number;
  receives: number;
  receivers: Set<string>;
  receivedFen: number;
}

/** One row per --channel, in input order, a channel without red packs included. Receipts without a userId
 *  count as receives but not as unique receivers: there is nothing to tell them apart by. */
export function redPackSummary(inputs: readonly string[]): SummarySpec<RedPackRow, SummaryAcc, RedPackSummaryRow> {
  return {
    columns: SUMMARY_COLUMNS,
    inputs,
    keyOf: (row) => row.input,
    create: (channel) => ({ channel, packs: 0, amountFen: 0, balanceFen: 0, receives: 0, receivers: new Set(), receivedFen: 0 }),
    add(acc, row) {
      acc.packs++;
      acc.amountFen += row.amountFen;
      acc.balanceFen += row.balanceFen;
      acc.receives += row.receive_count;
      acc.receivedFen += row.receivedFen;
      for (const id of row.receiverIds) acc.receivers.add(id);
    },
    finish: (acc) => ({
      channel_id: acc.channel,
      red_packs: acc.packs,
      total_amount: fenToYuan(acc.amountFen),
      total_balance: fenToYuan(acc.balanceFen),
      receives: acc.receives,
      unique_receivers: acc.receivers.size,
      received_amount: fenToYuan(acc.receivedFen),
    }),
  };
}
