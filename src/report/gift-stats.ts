// Tencent gift rows folded into the report's figures: accounts, gifts and coins summed, and the top accounts by
// coins. Rows arrive one per account; none is kept beyond the top list.
import { TopN } from './top-n.js';

/** The fields of a gifts row the report reads (src/providers/tencent/rows.ts' GiftRow has them all). */
export interface GiftCount {
  from_account: string;
  total_count: number;
  total_coins: number;
  gift_sender_count: number;
}

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
  private accounts = 0;
  private gifts = 0;
  private coins = 0;
  private readonly top = new TopN<TopAccount>(TOP_ACCOUNTS, (a) => a.coins);

  constructor(private readonly room: string) {}

  add(row: GiftCount): void {
    this.accounts++;
    this.gifts += row.total_count;
    this.coins += row.total_coins;
    // An account without coins is no one's top account.
    if (row.total_coins > 0) this.top.offer(row, row.total_coins, topAccount);
  }

  summary(): GiftSummary {
    return { room: this.room, accounts: this.accounts, gifts: this.gifts, coins: this.coins, top: this.top.values() };
  }
}
