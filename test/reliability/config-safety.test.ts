// The credential store on disk: the config file and the WeCom token cache stay 0600 in a 0700 directory even
// when they existed with looser modes; a secret given on argv is stored with a warning; base URLs are https
// only (loopback excepted), refused with exit 2 from the command line and 3 from the environment or file.
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ExitCode } from '../../src/errors.js';
import { main } from '../../src/main.js';
import { startSandbox } from '../../src/sandbox/server.js';
import { runCli } from '../helpers/cli.js';
import { fakeClock, testContext, useConfigFile, type TestContext } from '../helpers/context.js';
import { runAgainstSandbox } from './helpers.js';

let root: string;
let dir: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'livestats-rel-config-'));
  dir = join(root, 'livestats');
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

const mode = async (path: string): Promise<number> => (await stat(path)).mode & 0o777;

/** Every file of the config directory with its mode, and the directory's own. */
async function modes(): Promise<Record<string, number>> {
  const out: Record<string, number> = { '.': await mode(dir) };
  for (const name of await readdir(dir)) out[name] = await mode(join(dir, name));
  return out;
}

/** A context whose store is the real file in `dir` (read without conf, written through it), which is also where the token cache goes. */
function fileContext(env: Record<string, string> = {}, stdin?: string): TestContext {
  const ctx = testContext({ env, configDir: dir, ...(stdin === undefined ? {} : { stdin }) });
  useConfigFile(ctx, dir);
  return ctx;
}

describe('file modes (POSIX)', () => {
  it.skipIf(process.platform === 'win32')('tightens a loose config file and token cache, on a cache miss and on a cache hit, and keeps the mode of the directory', async () => {
    await mkdir(dir, { mode: 0o755 });
    await chmod(dir, 0o755);
    await writeFile(join(dir, 'config.json'), '{"profiles":{"default":{"wecom":{"corpId":"ww-sandbox"}}}}\n', { mode: 0o644 });
    await chmod(join(dir, 'config.json'), 0o644);
    // One sandbox for both runs, so the token cached by the first is still good for the second.
    const clock = fakeClock();
    const sandbox = await startSandbox({ now: clock.now });
    const watch = async (): Promise<number> => {
      const ctx = fileContext({ ...sandbox.env, LIVESTATS_WECOM_CORP_ID: '' });
      ctx.now = clock.now;
      return main(['watch', 'sandbox-3', '--json'], ctx);
    };
    try {
      expect(await watch()).toBe(ExitCode.ok);
      expect(sandbox.stats.requests.gettoken).toBe(1);
      const first = await modes();
      const cacheFile = Object.keys(first).find((name) => name.startsWith('wecom-token-'));
      expect(cacheFile).toBeDefined();
      expect(first).toEqual({ '.': 0o755, 'config.json': 0o600, [cacheFile!]: 0o600 });

      // Someone loosens everything (a restore from a backup); the next run is a token cache hit.
      await chmod(dir, 0o755);
      for (const name of ['config.json', cacheFile!]) await chmod(join(dir, name), 0o644);
      expect(await watch()).toBe(ExitCode.ok);
      expect(sandbox.stats.requests.gettoken).toBe(1);
      expect(await modes()).toEqual({ '.': 0o755, 'config.json': 0o600, [cacheFile!]: 0o600 });
    } finally {
      await sandbox.close();
    }
  });

  it.skipIf(process.platform === 'win32')('creates the directory 0700 and the file 0600 on the first config set', async () => {
    const ctx = fileContext();
    expect((await runCli(['config', 'set', 'polyv.appId', 'app1'], ctx)).code).toBe(ExitCode.ok);
    expect(await modes()).toEqual({ '.': 0o700, 'config.json': 0o600 });
  });

  it('never writes the corp secret into the token cache', async () => {
    const run = await runAgainstSandbox(['watch', 'sandbox-3', '--json'], { context: { configDir: dir } });
    expect(run.code).toBe(ExitCode.ok);
    const names = await readdir(dir);
    for (const name of names) expect(await readFile(join(dir, name), 'utf8')).not.toContain('sandbox-wecom-secret');
    expect(names.some((n) => n.startsWith('wecom-token-'))).toBe(true);
  });
});

describe('config set of a secret', () => {
  it('stores a value given on argv, warning about shell history and pointing to stdin', async () => {
    const value = 'argv-secret-0123456789';
    const set = await runCli(['config', 'set', 'polyv.appSecret', value], fileContext());
    expect(set.code).toBe(ExitCode.ok);
    expect(set.stderr).toMatch(/warning: .*shell history/);
    expect(set.stderr).toContain('printf %s "$SECRET" | livestats config set polyv.appSecret');
    expect(set.stderr).not.toContain(value);
    const shown = await runCli(['config', 'get', 'polyv.appSecret', '--show-secrets'], fileContext());
    expect(shown.stdout).toBe(`${value}\n`);
  });

  it('stores a value piped on stdin without the warning', async () => {
    const set = await runCli(['config', 'set', 'polyv.appSecret'], fileContext({}, 'piped-secret-value\n'));
    expect(set.code).toBe(ExitCode.ok);
    expect(set.stderr).not.toContain('shell history');
    expect((await runCli(['config', 'get', 'polyv.appSecret'], fileContext())).stdout).toBe('****alue\n');
  });

  it('does not warn for a value that is not secret', async () => {
    const set = await runCli(['config', 'set', 'polyv.appId', 'app1'], fileContext());
    expect(set.stderr).not.toContain('shell history');
  });
});

describe('base URLs: https only, loopback excepted', () => {
  it.each(['http://127.0.0.1:8080', 'http://localhost:9000/', 'http://[::1]:7000', 'https://api.example.com'])('config set accepts %s', async (url) => {
    const set = await runCli(['config', 'set', 'wecom.baseUrl', url], fileContext());
    expect(set.code).toBe(ExitCode.ok);
  });

  it.each(['http://example.com', 'http://127.0.0.1.example.com', 'ftp://127.0.0.1', 'not a url'])('config set refuses %s with exit 2', async (url) => {
    const set = await runCli(['config', 'set', 'polyv.baseUrl', url], fileContext());
    expect(set.code).toBe(ExitCode.usage);
    expect(set.stderr.split('\n')[0]).toMatch(/^livestats: polyv\.baseUrl must/);
    // Nothing was stored: the default still applies.
    expect((await runCli(['config', 'get', 'polyv.baseUrl'], fileContext())).stdout).toBe('https://api.polyv.net\n');
  });

  it('refuses http://example.com from the environment with exit 3 naming the variable', async () => {
    const run = await runAgainstSandbox(['watch', 'lv1'], { env: { LIVESTATS_WECOM_BASE_URL: 'http://example.com' } });
    expect(run.code).toBe(ExitCode.config);
    expect(run.stderr).toMatch(/^livestats: LIVESTATS_WECOM_BASE_URL \(environment\) must use https:\/\//);
    expect(run.stats.requests.gettoken).toBe(0);
  });

  it('refuses http://example.com from the config file with exit 3 naming the key and profile', async () => {
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'config.json'), JSON.stringify({ profiles: { default: { polyv: { baseUrl: 'http://example.com' } } } }));
    const run = await runAgainstSandbox(['redpacks', '--channel', '1'], {
      env: { LIVESTATS_POLYV_BASE_URL: undefined },
      prepare: (ctx) => {
        useConfigFile(ctx, dir);
      },
    });
    expect(run.code).toBe(ExitCode.config);
    expect(run.stderr).toMatch(/^livestats: polyv\.baseUrl in profile "default" must use https:\/\//);
    expect(run.stats.requests.red_pack_statistics).toBe(0);
  });
});
