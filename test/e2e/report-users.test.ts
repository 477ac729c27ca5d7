// `report --user --since`: the WeCom section covers exactly the livings `watch --user` exports for the same window
// (reserved and cancelled ones left out), so its headline figures equal those of `report --living <those ids>`.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { baseEnv, makeConfigDir, runCli } from './cli-runner.js';

const WINDOW = ['--since', '-30d', '--tz', 'UTC'];
const config = makeConfigDir();
const work = mkdtempSync(join(tmpdir(), 'livestats-report-users-'));
afterAll(() => {
  config.cleanup();
  rmSync(work, { recursive: true, force: true });
});

/** The headline figures of the page's WeCom section, as data-metric → data-value. */
function wecomMetrics(file: string): Record<string, string> {
  const html = readFileSync(file, 'utf8');
  return Object.fromEntries([...html.matchAll(/data-metric="(wecom[^"]*)" data-value="([^"]*)"/g)].map((m) => [m[1]!, m[2]!]));
}

describe('report --user', () => {
  it('reports the livings watch --user would export, and names that command', async () => {
    const env = baseEnv(config.dir);
    const livings = await runCli(['livings', '--user', 'sandbox-anchor', ...WINDOW, '--sandbox', '--json'], { env });
    expect(livings.code, livings.stderr).toBe(0);
    const ids = (JSON.parse(livings.stdout) as Array<{ living_id: string; status: string }>)
      .filter((l) => l.status !== 'reserved' && l.status !== 'cancelled')
      .map((l) => l.living_id);
    expect(ids.length).toBeGreaterThan(1);

    const byUser = join(work, 'by-user.html');
    const byId = join(work, 'by-id.html');
    const users = await runCli(['report', '--user', 'sandbox-anchor', ...WINDOW, '--sandbox', '-o', byUser], { env, timeoutMs: 60_000 });
    expect(users.code, users.stderr).toBe(0);
    const direct = await runCli(['report', '--living', ...ids, '--tz', 'UTC', '--sandbox', '-o', byId], { env, timeoutMs: 60_000 });
    expect(direct.code, direct.stderr).toBe(0);

    const metrics = wecomMetrics(byUser);
    expect(Object.keys(metrics).length).toBeGreaterThan(3);
    expect(metrics).toEqual(wecomMetrics(byId));
    expect(readFileSync(byUser, 'utf8')).toContain('watch --user sandbox-anchor --since -30d');
  });

  it('needs --since, and takes members or living ids, not both', async () => {
    const env = baseEnv(config.dir);
    const noWindow = await runCli(['report', '--user', 'sandbox-anchor', '--sandbox', '-o', join(work, 'x.html')], { env });
    expect(noWindow.code).toBe(2);
    expect(noWindow.stderr).toMatch(/--user needs --since/);
    const both = await runCli(['report', '--user', 'a', '--living', 'b', '--since', '-1d', '--sandbox', '-o', join(work, 'x.html')], { env });
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/not both/);
  });
});
