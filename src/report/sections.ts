// One section of the page per source: the headline figures (each with its raw value in data-value), the charts
// (charts.ts, drawn by the page's `draw`), the top rows as a table and the command that exports every row.
import { fenToYuan } from '../output/money.js';
import { funnelCharts, giftCharts, redPackCharts, VARIANTS, watchCharts, type ChartSpec } from './charts.js';
import { countText, durationText, fenText, percentText } from './format.js';
import type { FunnelSummary } from './funnel.js';
import type { GiftSummary } from './gift-stats.js';
import { html, providerText, raw, type Interpolation, type SafeHtml } from './html.js';
import type { Labels } from './labels.js';
import type { SourcePart, TimeText } from './model.js';
import type { Draw } from './page.js';
import type { RedPackSummary } from './red-pack-stats.js';
import type { WatchSummary } from './watch-stats.js';

interface Metric {
  key: string;
  label: string;
  /** The exact figure, for machines (tests, scrapers): a count, seconds, yuan or a ratio. */
  value: number | null | undefined;
  text: string;
}

function metrics(items: readonly Metric[]): SafeHtml {
  return html`<dl class="metrics">${items.map(
    (m) => html`<div class="metric" data-metric="${m.key}" data-value="${m.value ?? ''}"><dt>${m.label}</dt><dd>${m.text}</dd></div>`,
  )}</dl>`;
}

function figure(spec: ChartSpec, draw: Draw): SafeHtml {
  return html`<figure id="${spec.id}" class="chart" data-marks="${spec.marks}">
<h3 id="${spec.id}-title">${spec.title}</h3>
${VARIANTS.map((variant) => html`<div class="drawing variant-${variant}">${raw(draw(spec, variant))}</div>`)}
<figcaption id="${spec.id}-caption">${spec.caption}</figcaption>
</figure>`;
}

interface Column {
  label: string;
  num?: boolean;
  /** Left out on a phone-sized screen (still printed). */
  wideOnly?: boolean;
}

/** A table under its caption; nothing at all when there are no rows. */
function table(caption: string, columns: readonly Column[], rows: readonly Interpolation[][]): SafeHtml | '' {
  if (rows.length === 0) return '';
  const cls = (c: Column): string => [c.num ? 'num' : '', c.wideOnly ? 'wide-only' : ''].filter(Boolean).join(' ');
  return html`<div class="tables"><h3>${caption}</h3>
<div class="table-wrap"><table>
<thead><tr>${columns.map((c) => html`<th scope="col" class="${cls(c)}">${c.label}</th>`)}</tr></thead>
<tbody>${rows.map((row) => html`<tr>${row.map((cell, i) => html`<td class="${cls(columns[i] as Column)}">${cell}</td>`)}</tr>`)}</tbody>
</table></div></div>`;
}

function fullData(labels: Labels, command: string): SafeHtml {
  return html`<div class="full-data"><h3>${labels.fullData}</h3><p>${labels.fullDataNote}</p><pre class="command"><code>${command}</code></pre></div>`;
}

function section(id: string, heading: SafeHtml, body: Interpolation[]): SafeHtml {
  return html`<section class="source" id="${id}" aria-labelledby="${id}-heading">
<h2 id="${id}-heading">${heading}</h2>
${body}
</section>
`;
}

/** "Label · room id, id" with the ids as provider text. */
function heading(label: string, ids: readonly (string | number)[], what?: string): SafeHtml {
  return html`${label} · ${what ? `${what} ` : ''}${ids.map((id, i) => html`${i > 0 ? ', ' : ''}${providerText(String(id))}`)}`;
}

const flag = (value: boolean | null, labels: Labels): string => (value === null ? labels.none : value ? labels.yes : labels.no);

export function watchSection(part: SourcePart<WatchSummary>, labels: Labels, draw: Draw): SafeHtml {
  const s = part.summary;
  return section('wecom', heading(labels.wecom, s.livings), [
    metrics([
      { key: 'wecom.viewers', label: labels.viewers, value: s.viewers, text: countText(s.viewers) },
      { key: 'wecom.members', label: labels.members, value: s.members, text: countText(s.members) },
      { key: 'wecom.external_viewers', label: labels.externalViewers, value: s.externalViewers, text: countText(s.externalViewers) },
      { key: 'wecom.total_watch_time_s', label: labels.totalWatch, value: s.totalWatchSeconds, text: durationText(s.totalWatchSeconds, labels) },
      { key: 'wecom.avg_watch_time_s', label: labels.avgWatch, value: s.averageWatchSeconds, text: durationText(s.averageWatchSeconds, labels) },
      { key: 'wecom.commenters', label: labels.commenters, value: s.commenters, text: countText(s.commenters) },
      { key: 'wecom.mic_users', label: labels.micUsers, value: s.micUsers, text: countText(s.micUsers) },
    ]),
    watchCharts(s, labels).map((spec) => figure(spec, draw)),
    table(
      labels.topViewersTable,
      [
        { label: labels.rank, num: true },
        { label: labels.viewer },
        { label: labels.viewerType },
        { label: labels.viewerId, wideOnly: true },
        { label: labels.watchTime, num: true },
        { label: labels.commented, wideOnly: true },
        { label: labels.mic, wideOnly: true },
      ],
      s.top.map((v, i) => [
        i + 1,
        providerText(v.name ?? v.id),
        v.viewerType === 'member' ? labels.member : labels.external,
        providerText(v.id),
        durationText(v.watchSeconds, labels),
        flag(v.commented, labels),
        flag(v.mic, labels),
      ]),
    ),
    fullData(labels, part.command),
  ]);
}

export function giftSection(part: SourcePart<GiftSummary>, labels: Labels, draw: Draw): SafeHtml {
  const s = part.summary;
  return section('tencent', heading(labels.tencent, [s.room], labels.room), [
    metrics([
      { key: 'tencent.accounts', label: labels.accounts, value: s.accounts, text: countText(s.accounts) },
      { key: 'tencent.gifts', label: labels.gifts, value: s.gifts, text: countText(s.gifts) },
      { key: 'tencent.coins', label: labels.coins, value: s.coins, text: countText(s.coins) },
    ]),
    giftCharts(s, labels).map((spec) => figure(spec, draw)),
    table(
      labels.topAccountsTable,
      [{ label: labels.rank, num: true }, { label: labels.account }, { label: labels.gifts, num: true }, { label: labels.coins, num: true }, { label: labels.giftSenders, num: true, wideOnly: true }],
      s.top.map((a, i) => [i + 1, providerText(a.account), countText(a.gifts), countText(a.coins), countText(a.senders)]),
    ),
    fullData(labels, part.command),
  ]);
}

export function redPackSection(part: SourcePart<RedPackSummary>, labels: Labels, draw: Draw, time: TimeText, zone: string): SafeHtml {
  const s = part.summary;
  return section('polyv', heading(labels.polyv, s.channels, labels.channel), [
    metrics([
      { key: 'polyv.red_packs', label: labels.redPacks, value: s.redPacks, text: countText(s.redPacks) },
      { key: 'polyv.amount_sent', label: `${labels.amountSent} (${labels.yuan})`, value: fenToYuan(s.sentFen), text: fenText(s.sentFen) },
      { key: 'polyv.amount_received', label: `${labels.amountReceived} (${labels.yuan})`, value: fenToYuan(s.receivedFen), text: fenText(s.receivedFen) },
      { key: 'polyv.amount_refunded', label: `${labels.amountRefunded} (${labels.yuan})`, value: fenToYuan(s.refundedFen), text: fenText(s.refundedFen) },
      { key: 'polyv.receipts', label: labels.receipts, value: s.receipts, text: countText(s.receipts) },
      { key: 'polyv.receivers', label: labels.receivers, value: s.receivers, text: countText(s.receivers) },
    ]),
    redPackCharts(s, labels, zone).map((spec) => figure(spec, draw)),
    table(
      labels.topRedPacksTable,
      [
        { label: labels.rank, num: true },
        { label: labels.createdAt },
        { label: labels.sender },
        { label: labels.type, wideOnly: true },
        { label: `${labels.amount} (${labels.yuan})`, num: true },
        { label: `${labels.amountReceived} (${labels.yuan})`, num: true, wideOnly: true },
        { label: labels.receipts, num: true },
        { label: labels.status, wideOnly: true },
      ],
      s.top.map((p, i) => [
        i + 1,
        html`<span class="time">${time(p.createdMs)}</span>`,
        providerText(p.sender),
        providerText(p.type),
        fenText(p.amountFen),
        fenText(p.receivedFen),
        countText(p.receipts),
        providerText(p.status),
      ]),
    ),
    fullData(labels, part.command),
  ]);
}

export function funnelSection(part: SourcePart<FunnelSummary>, labels: Labels, draw: Draw): SafeHtml {
  const f = part.summary;
  const count = (n: number | null): string => (n === null ? labels.none : countText(n));
  return section('livecount', heading(labels.livecount, [f.room], labels.room), [
    metrics([
      { key: 'livecount.subscribed', label: labels.subscribed, value: f.subscribed, text: count(f.subscribed) },
      { key: 'livecount.watched', label: labels.watched, value: f.watched, text: count(f.watched) },
      { key: 'livecount.ordered', label: labels.ordered, value: f.ordered, text: count(f.ordered) },
      { key: 'livecount.watch_rate', label: labels.watchRate, value: f.watchRate, text: percentText(f.watchRate, labels) },
      { key: 'livecount.order_rate', label: labels.orderRate, value: f.orderRate, text: percentText(f.orderRate, labels) },
      { key: 'livecount.overall_rate', label: labels.overallRate, value: f.overallRate, text: percentText(f.overallRate, labels) },
    ]),
    funnelCharts(f, labels).map((spec) => figure(spec, draw)),
    table(
      labels.funnelTable,
      [{ label: labels.field }, { label: labels.value, num: true }],
      f.fields.map(([key, value]) => [html`<code>${key}</code>`, count(value)]),
    ),
    fullData(labels, part.command),
  ]);
}
