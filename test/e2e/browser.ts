// Headless Chromium for the report's browser tests, through playwright-core and the system's own browser (no
// download). Which executable: LIVESTATS_CHROMIUM, else the first of the usual paths that exists. Without one the
// tests are skipped, except in CI (the CI variable set), where a missing browser is a failure. useReportPage
// gives a test file its report page and the browser to open it in.
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { baseEnv, makeConfigDir, ROOT } from './cli-runner.js';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];

export const CHROMIUM: string | undefined = process.env.LIVESTATS_CHROMIUM ?? CANDIDATES.find((path) => existsSync(path));

/** Skip only off CI: in CI, a missing browser must fail the run, so the tests run and report it. */
export const SKIP_BROWSER = CHROMIUM === undefined && !process.env.CI;

/** Screenshots and PDFs of the tests: kept out of git (.gitignore), for a person to look at. */
export function artifactDir(): string {
  const dir = join(ROOT, 'test-artifacts');
  mkdirSync(dir, { recursive: true });
  return dir;
}

export async function launchChromium() {
  if (CHROMIUM === undefined) throw new Error('no Chromium executable found: install chromium (apt-get install -y chromium) or set LIVESTATS_CHROMIUM');
  const { chromium } = await import('playwright-core');
  // --no-sandbox: CI containers run as root, where Chromium's own sandbox cannot start.
  return chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
}

interface Loaded {
  page: Page;
  requests: string[];
  blocked: string[];
  errors: string[];
}

/** Opens a file with every request but the page itself refused and recorded. */
export async function openPage(browser: Browser, file: string, width: number): Promise<Loaded> {
  const url = pathToFileURL(file).href;
  const page = await browser.newPage({ viewport: { width, height: 900 } });
  const loaded: Loaded = { page, requests: [], blocked: [], errors: [] };
  page.on('request', (request) => loaded.requests.push(request.url()));
  page.on('console', (message) => {
    if (message.type() === 'error') loaded.errors.push(message.text());
  });
  page.on('pageerror', (error) => loaded.errors.push(String(error)));
  await page.route('**/*', (route) => {
    if (route.request().url() === url) return route.continue();
    loaded.blocked.push(route.request().url());
    return route.abort();
  });
  await page.goto(url, { waitUntil: 'load' });
  return loaded;
}


export interface ReportPage {
  /** Where `write` puts the page. */
  file: string;
  /** Opens the page in the file's Chromium at `width` px, as openPage does. */
  open(width: number): Promise<Loaded>;
}

/**
 * A report page for the enclosing describe: before its tests, `accounts` go one a line to `accountsFile`, `write`
 * runs livestats (env: a fresh config directory) to make the page at `file`, and Chromium starts. After the last
 * test the browser is closed and both directories removed.
 */
export function useReportPage(
  prefix: string,
  accounts: readonly string[],
  write: (paths: { file: string; accountsFile: string; env: Record<string, string> }) => Promise<void>,
): ReportPage {
  const config = makeConfigDir();
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const file = join(dir, 'report.html');
  const accountsFile = join(dir, 'accounts.txt');
  let browser: Browser | undefined;

  beforeAll(async () => {
    writeFileSync(accountsFile, `${accounts.join('\n')}\n`);
    await write({ file, accountsFile, env: baseEnv(config.dir) });
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    rmSync(dir, { recursive: true, force: true });
    config.cleanup();
  });

  return {
    file,
    open: (width) => {
      if (browser === undefined) throw new Error('useReportPage: the page was not written or Chromium did not start');
      return openPage(browser, file, width);
    },
  };
}
