// A run that only reads settings never loads conf (a start-up cost, see src/config/store.ts); only writing does.
// conf is wrapped by a mock that counts its loads, and the openers are the real ones of createSystemContext,
// so this fails if conf comes back on the read path: imported by store.ts at the top, or opened by an export.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createSystemContext } from '../../src/context.js';
import { ExitCode } from '../../src/errors.js';
import { runCli } from '../helpers/cli.js';
import { testContext, type TestContext } from '../helpers/context.js';
import { BASE, DOMAIN, expectLiveCount, fixtureText, HEADERS, useMockAgent } from '../providers/livecount/harness.js';

const loads = vi.hoisted(() => ({ conf: 0 }));
vi.mock('conf', async (importOriginal) => {
  loads.conf++;
  return importOriginal();
});

const agent = useMockAgent();
let root: string;
let dir: string;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'livestats-read-path-'));
  dir = join(root, 'livestats');
  mkdirSync(dir, { mode: 0o700 });
  const livecount = { baseUrl: BASE, domain: DOMAIN, headers: JSON.stringify(HEADERS) };
  writeFileSync(join(dir, 'config.json'), JSON.stringify({ profiles: { default: { livecount } } }), { mode: 0o600 });
});
afterAll(() => {
  vi.unstubAllEnvs();
  rmSync(root, { recursive: true, force: true });
});

/** A test context whose store openers are the real ones (a fresh system context on LIVESTATS_CONFIG_DIR). */
function systemStores(): TestContext {
  vi.stubEnv('LIVESTATS_CONFIG_DIR', dir);
  const system = createSystemContext('0.0.0-test', new AbortController().signal);
  const ctx = testContext({ configDir: dir, dispatcher: agent() });
  ctx.openSettings = system.openSettings;
  ctx.openStore = system.openStore;
  return ctx;
}

// In order: the first tests need conf not yet loaded in this file's module registry.
describe('which runs load conf', () => {
  it('an export reads its settings from the file without loading conf', async () => {
    expectLiveCount(agent(), 200, fixtureText('snake-case'));
    const { code, stdout } = await runCli(['livecount', '--room', '42', '--json'], systemStores());
    expect(code).toBe(ExitCode.ok);
    expect(JSON.parse(stdout)).toHaveLength(1);
    expect(loads.conf).toBe(0);
  });

  it('config get and config list read without conf', async () => {
    const get = await runCli(['config', 'get', 'livecount.domain'], systemStores());
    expect(get.stdout).toBe(`${DOMAIN}\n`);
    const list = await runCli(['config', 'list'], systemStores());
    expect(list.code).toBe(ExitCode.ok);
    expect(list.stdout).toContain(BASE);
    expect(loads.conf).toBe(0);
  });

  it('the system context opens each kind once', async () => {
    const ctx = systemStores();
    expect(ctx.openSettings()).toBe(ctx.openSettings());
    await ctx.openSettings();
    expect(loads.conf).toBe(0);
  });

  it('config set loads conf (so the count above would see it)', async () => {
    const set = await runCli(['config', 'set', 'livecount.domain', 'other'], systemStores());
    expect(set.code).toBe(ExitCode.ok);
    expect(loads.conf).toBe(1);
    const get = await runCli(['config', 'get', 'livecount.domain'], systemStores());
    expect(get.stdout).toBe('other\n');
  });
});
