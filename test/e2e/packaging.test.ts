// The package as users install it: `npm pack`, then `npm install -g` of the tarball into a fresh prefix. The
// tarball carries the built dist/ and LICENSE, the install runs no script (no build, no allow-scripts warning),
// and the installed `livestats` runs. Dependencies come from the npm cache first (--prefer-offline).
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { baseEnv, ROOT } from './cli-runner.js';

const run = promisify(execFile);
const work = mkdtempSync(join(tmpdir(), 'livestats-pack-'));

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

describe('npm pack and a global install of the tarball', () => {
  it('installs with no install script or warning, and the installed livestats runs --version and demo', { timeout: 120_000 }, async () => {
    // --ignore-scripts: dist/ is already built by the test setup; rebuilding it here would race the other
    // end-to-end tests that run it (prepack builds it for a real `npm pack`).
    await run('npm', ['pack', '--ignore-scripts', '--pack-destination', work], { cwd: ROOT });
    const tarball = join(work, readdirSync(work).find((name) => name.endsWith('.tgz'))!);
    const listing = (await run('tar', ['-tzf', tarball])).stdout.split('\n');
    expect(listing).toContain('package/LICENSE');
    expect(listing).toContain('package/dist/main.js');
    expect(listing).toContain('package/bin/livestats.js');
    expect(listing.some((path) => path.startsWith('package/src/') || path.startsWith('package/test/'))).toBe(false);

    const prefix = join(work, 'prefix');
    const env = { ...baseEnv(join(work, 'config')), npm_config_update_notifier: 'false' };
    const install = await run('npm', ['install', '-g', '--prefix', prefix, '--prefer-offline', '--no-audit', '--no-fund', tarball], { cwd: work, env });
    expect(install.stdout + install.stderr).not.toMatch(/install-scripts|allow-scripts|prepare|esbuild/);

    const bin = join(prefix, process.platform === 'win32' ? 'livestats.cmd' : join('bin', 'livestats'));
    const version = await run(bin, ['--version'], { cwd: work, env });
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
    const demo = await run(bin, ['demo', '--json'], { cwd: work, env });
    expect(demo.stdout).toContain('"living_id"');
  });
});
