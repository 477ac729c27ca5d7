// Headless Chromium for the report's browser tests, through playwright-core and the system's own browser (no
// download). Which executable: LIVESTATS_CHROMIUM, else the first of the usual paths that exists. Without one the
// tests are skipped, except in CI (the CI variable set), where a missing browser is a failure.
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { ROOT } from './cli-runner.js';

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

