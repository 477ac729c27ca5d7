// `livestats report` end to end: the page is generated from the sandbox through bin/livestats.js, opened from a
// file:// URL in headless Chromium, and checked there: no request but the page itself, no console error, every
// chart drawn with its bars or points, headline figures equal to those of the JSON exports of the same data, no
// horizontal scroll at 375 px, and charts kept whole when printed. Screenshots go to test-artifacts/.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { artifactDir, SKIP_BROWSER, useReportPage } from './browser.js';
import { mapLimit, ROOT, runCli } from './cli-runner.js';

type Row = Record<string, unknown>;

// What the page.evaluate callbacks use of the browser's globals (the project compiles without the DOM library).
declare const document: { getElementById(id: string): { textContent: string | null } | null; scrollingElement: { scrollWidth: number } | null };
declare function getComputedStyle(element: unknown): { breakInside: string };

const ACCOUNTS = ['host_01', 'alice', 'bob', '张伟', 'viewer_1024', 'viewer_2048', 'carol'];
const fen = (yuan: unknown): number => Math.round(Number(yuan) * 100);
const sum = (rows: readonly Row[], key: string): number => rows.reduce((t, r) => t + Number(r[key] ?? 0), 0);

describe.skipIf(SKIP_BROWSER)('report in a browser', () => {
  let exports: Record<'watch' | 'gifts' | 'redpacks' | 'receives' | 'livecount', Row[]>;
  const report = useReportPage('livestats-report-', ACCOUNTS, async ({ file, accountsFile, env }) => {
    const runs: Array<readonly string[]> = [
      ['report', '--living', 'sandbox-2000', '--tencent-room', '1', '--accounts-file', accountsFile, '--channel', 'sandbox-8', '--livecount-room', '1024', '--sandbox', '-o', file],
      ['watch', 'sandbox-2000', '--sandbox', '--json'],
      ['gifts', '--room', '1', '--from-file', accountsFile, '--sandbox', '--json'],
      ['redpacks', '--channel', 'sandbox-8', '--sandbox', '--json'],
      ['redpacks', '--channel', 'sandbox-8', '--receives', '--sandbox', '--json'],
      ['livecount', '--room', '1024', '--sandbox', '--json'],
    ];
    const results = await mapLimit(runs, 2, (args) => runCli(args, { env, timeoutMs: 60_000 }));
    for (const [i, result] of results.entries()) {
      expect(result.stderr, runs[i]?.join(' ')).toBe('');
      expect(result.code, runs[i]?.join(' ')).toBe(0);
    }
    const [, watch, gifts, redpacks, receives, livecount] = results.map((r) => (r.stdout === '' ? [] : (JSON.parse(r.stdout) as Row[])));
    exports = { watch: watch!, gifts: gifts!, redpacks: redpacks!, receives: receives!, livecount: livecount! };
  });

  it('loads with no request but itself and no console error, and draws every chart', async () => {
    const { page, requests, blocked, errors } = await report.open(1000);
    expect(blocked).toEqual([]);
    expect(requests).toEqual([pathToFileURL(report.file).href]);
    expect(errors).toEqual([]);
    const charts = await page.$$eval('figure.chart', (figures) =>
      figures.map((figure) => {
        const svg = [...figure.querySelectorAll('svg')].find((s) => s.getBoundingClientRect().width > 0);
        const box = svg?.getBoundingClientRect();
        return {
          id: figure.id,
          marks: Number(figure.getAttribute('data-marks')),
          drawn: svg ? svg.querySelectorAll('[ecmeta_ssr_type="chart"]').length : -1,
          width: box?.width ?? 0,
          height: box?.height ?? 0,
          name: svg ? document.getElementById(svg.getAttribute('aria-labelledby') ?? '')?.textContent : undefined,
        };
      }),
    );
    const { watch, gifts, redpacks, receives } = exports;
    const withCoins = gifts.filter((g) => Number(g.total_coins) > 0).length;
    const receiptCounts = new Set(redpacks.map((p) => p.receive_count)).size;
    const expected: Record<string, number | undefined> = {
      'wecom-top-viewers': Math.min(20, watch.length),
      'tencent-top-accounts': Math.min(20, withCoins),
      'polyv-over-time': 2 * redpacks.length,
      'polyv-receipts': receiptCounts,
      'livecount-funnel': 3,
    };
    expect(charts.map((c) => c.id)).toEqual(['wecom-watch-time', 'wecom-top-viewers', 'tencent-top-accounts', 'polyv-over-time', 'polyv-receipts', 'livecount-funnel']);
    for (const chart of charts) {
      expect(chart.width, chart.id).toBeGreaterThan(300);
      expect(chart.height, chart.id).toBeGreaterThan(100);
      expect(chart.drawn, chart.id).toBe(chart.marks);
      if (expected[chart.id] !== undefined) expect(chart.drawn, chart.id).toBe(expected[chart.id]);
      expect(chart.name, chart.id).toBeTruthy();
      // The accessibility tree names each drawing after its heading.
      expect(await page.getByRole('img', { name: chart.name! }).count(), chart.id).toBe(1);
    }
    // The histogram stacks members and external viewers in each bin: two bars a bin, every viewer counted once.
    const histogram = await page.$eval('#wecom-watch-time .variant-wide svg', (svg) => svg.querySelectorAll('[ecmeta_ssr_type="chart"]').length);
    expect(histogram % 2).toBe(0);
    expect(receives.length).toBeGreaterThan(0);
    await page.screenshot({ path: join(artifactDir(), 'report-desktop.png'), fullPage: true });
    await page.close();
  });

  it('shows the same headline figures as the JSON exports', async () => {
    const { page } = await report.open(1000);
    const metrics = Object.fromEntries(
      await page.$$eval('[data-metric]', (els) => els.map((el) => [el.getAttribute('data-metric'), el.getAttribute('data-value')] as const)),
    ) as Record<string, string>;
    const { watch, gifts, redpacks, receives, livecount } = exports;
    const members = watch.filter((r) => r.viewer_type === 'member').length;
    const totalWatch = sum(watch, 'watch_time_s');
    const [lc] = livecount as [Row];
    const rate = (a: unknown, b: unknown): string => String(Number(a) / Number(b));
    expect(metrics).toEqual({
      'wecom.viewers': String(watch.length),
      'wecom.members': String(members),
      'wecom.external_viewers': String(watch.length - members),
      'wecom.total_watch_time_s': String(totalWatch),
      'wecom.avg_watch_time_s': String(Math.round((totalWatch / watch.length) * 10) / 10),
      'wecom.commenters': String(watch.filter((r) => r.is_comment === true).length),
      'wecom.mic_users': String(watch.filter((r) => r.is_mic === true).length),
      'tencent.accounts': String(gifts.length),
      'tencent.gifts': String(sum(gifts, 'total_count')),
      'tencent.coins': String(sum(gifts, 'total_coins')),
      'polyv.red_packs': String(redpacks.length),
      'polyv.amount_sent': String(redpacks.reduce((t, r) => t + fen(r.amount), 0) / 100),
      'polyv.amount_received': String(redpacks.reduce((t, r) => t + fen(r.received_amount), 0) / 100),
      'polyv.amount_refunded': String(redpacks.filter((r) => r.status === '已退款').reduce((t, r) => t + fen(r.balance), 0) / 100),
      'polyv.receipts': String(receives.length),
      'polyv.receivers': String(new Set(receives.map((r) => r.receiver_userid).filter((id) => id !== null)).size),
      'livecount.subscribed': String(lc.is_subscribe),
      'livecount.watched': String(lc.is_look),
      'livecount.ordered': String(lc.is_order),
      'livecount.watch_rate': rate(lc.is_look, lc.is_subscribe),
      'livecount.order_rate': rate(lc.is_order, lc.is_look),
      'livecount.overall_rate': rate(lc.is_order, lc.is_subscribe),
    });
    // What a person reads is the same number, formatted.
    expect(await page.textContent('[data-metric="wecom.viewers"] dd')).toBe(watch.length.toLocaleString('en-US'));
    await page.close();
  });

  it('fits a 375 px phone without horizontal scrolling, with the phone-sized charts', async () => {
    const { page } = await report.open(375);
    expect(await page.evaluate(() => document.scrollingElement!.scrollWidth)).toBeLessThanOrEqual(375);
    const shown = await page.$$eval('figure.chart', (figures) =>
      figures.map((f) => [...f.querySelectorAll('.drawing')].filter((d) => d.getBoundingClientRect().width > 0).map((d) => d.className)),
    );
    for (const drawings of shown) expect(drawings).toEqual(['drawing variant-narrow']);
    await page.screenshot({ path: join(artifactDir(), 'report-375.png'), fullPage: true });
    await page.close();
  });

  // LIVESTATS_UPDATE_SCREENSHOT=1 refreshes the README's picture of this very page (docs/report.png).
  it.runIf(process.env.LIVESTATS_UPDATE_SCREENSHOT === '1')('updates docs/report.png', async () => {
    const { page } = await report.open(900);
    await page.setViewportSize({ width: 900, height: 1500 });
    await page.screenshot({ path: join(ROOT, 'docs', 'report.png') });
    await page.close();
  });

  it('prints on A4 with the wide charts, each kept on one page', async () => {
    const { page } = await report.open(1000);
    await page.emulateMedia({ media: 'print' });
    const figures = await page.$$eval('figure.chart', (all) =>
      all.map((f) => ({ breakInside: getComputedStyle(f).breakInside, wide: f.querySelector('.variant-wide')!.getBoundingClientRect().width })),
    );
    for (const figure of figures) {
      expect(figure.breakInside).toBe('avoid');
      expect(figure.wide).toBeGreaterThan(0);
    }
    const pdf = await page.pdf({ format: 'A4', path: join(artifactDir(), 'report-a4.pdf') });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    await page.close();
  });
});
