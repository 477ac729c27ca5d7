// Tencent gift rows folded into the report's figures: accounts, gifts and coins summed, and the top accounts by
// coins. Rows arrive one per account; none is kept beyond the top list.
import { giftSummary, type GiftRow, type GiftSummaryRow } from '../providers/tencent/rows.js';
import { TopN } from './top-n.js';

/** An account's row as `gifts` exports it: the report's sums are `gifts --summary`'s, from the same rows. */
export type GiftCount = GiftRow;

export interface TopAccount {
  account: string;
  gifts: number;
  coins: number;
  senders: number;
}

export interface GiftSummary {
  room: string;
  accounts: number;
  gifts: number;
  coins: number;
  top: TopAccount[];
}

export const TOP_ACCOUNTS = 20;

const topAccount = (row: GiftCount): TopAccount => ({
  account: row.from_account,
  gifts: row.total_count,
  coins: row.total_coins,
  senders: row.gift_sender_count,
});

export class GiftAggregator {
  /** `gifts --summary`'s sums for the room. */
  private readonly totals = giftSummary([]);
  private readonly acc: GiftSummaryRow;
  private readonly top = new TopN<TopAccount>(TOP_ACCOUNTS, (a) => a.coins);

  constructor(private readonly room: string) {
    this.acc = this.totals.create(room);
  }

  add(row: GiftCount): void {
    this.totals.add(this.acc, row);
    // An account without coins is no one's top account.
    if (row.total_coins > 0) this.top.offer(row, row.total_coins, topAccount);
  }

  summary(): GiftSummary {
    const totals = this.totals.finish(this.acc);
    return { room: this.room, accounts: totals.accounts, gifts: totals.total_count, coins: totals.total_coins, top: this.top.values() };
  }
}
