// Polyv red packs folded into the report's figures: counts and money sums in whole fen, unique receivers, a
// receipts-per-pack tally, the amounts over time (time-series.ts) and the largest packs. No pack is kept.
import { AmountSeries, type SeriesResult } from './time-series.js';
import { TopN } from './top-n.js';

/** One of the largest packs, as the report lists it. */
export interface TopRedPack {
  channel: string;
  redPackId: string;
  /** Epoch ms. */
  createdMs: number;
  sender: string | null;
  type: string | null;
  status: string | null;
  amountFen: number;
  receivedFen: number;
  receipts: number;
}

/** What the report needs of one red pack; the Polyv adapter builds it from the provider's own row code. */
export interface RedPackFact extends TopRedPack {
  balanceFen: number;
  receiverIds: readonly string[];
}

export interface RedPackSummary {
  channels: readonly string[];
  redPacks: number;
  sentFen: number;
  receivedFen: number;
  refundedFen: number;
  receipts: number;
  receivers: number;
  /** [receipts per pack, packs], ascending. */
  receiptCounts: Array<[number, number]>;
  series: SeriesResult;
  top: TopRedPack[];
}

export const TOP_RED_PACKS = 10;
/** Polyv: a red pack whose balance went back to the sender carries this status name (providers.md §3.1). */
export const REFUNDED_STATUS = '已退款';

const topRedPack = (p: RedPackFact): TopRedPack => ({
  channel: p.channel,
  redPackId: p.redPackId,
  createdMs: p.createdMs,
  sender: p.sender,
  type: p.type,
  status: p.status,
  amountFen: p.amountFen,
  receivedFen: p.receivedFen,
  receipts: p.receipts,
});

export class RedPackAggregator {
  private redPacks = 0;
  private sentFen = 0;
  private receivedFen = 0;
  private refundedFen = 0;
  private receipts = 0;
  private readonly receivers = new Set<string>();
  private readonly receiptCounts = new Map<number, number>();
  private readonly series = new AmountSeries();
  private readonly top = new TopN<TopRedPack>(TOP_RED_PACKS, (p) => p.amountFen);

  /** `toWall` turns epoch ms into the report zone's wall-clock ms (see time-series.ts). */
  constructor(
    private readonly channels: readonly string[],
    private readonly toWall: (epochMs: number) => number,
  ) {}

  add(p: RedPackFact): void {
    this.redPacks++;
    this.sentFen += p.amountFen;
    this.receivedFen += p.receivedFen;
    if (p.status === REFUNDED_STATUS) this.refundedFen += p.balanceFen;
    this.receipts += p.receipts;
    for (const id of p.receiverIds) this.receivers.add(id);
    this.receiptCounts.set(p.receipts, (this.receiptCounts.get(p.receipts) ?? 0) + 1);
    this.series.add(this.toWall(p.createdMs), p.amountFen, p.receivedFen);
    this.top.offer(p, p.amountFen, topRedPack);
  }

  summary(): RedPackSummary {
    return {
      channels: this.channels,
      redPacks: this.redPacks,
      sentFen: this.sentFen,
      receivedFen: this.receivedFen,
      refundedFen: this.refundedFen,
      receipts: this.receipts,
      receivers: this.receivers.size,
      receiptCounts: [...this.receiptCounts.entries()].sort((a, b) => a[0] - b[0]),
      series: this.series.result(),
      top: this.top.values(),
    };
  }
}
