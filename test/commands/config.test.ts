import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openConfigStore } from '../../src/config/store.js';
import { ExitCode } from '../../src/errors.js';
import { runCli } from '../helpers/cli.js';
import { testContext, useConfigFile, type TestContext, type TestContextOptions } from '../helpers/context.js';

const SECRET = 'corp-secret-5e7f9a1b2c3d';

let dir: string;
beforeEach(() => {
  dir = join(mkdtempSync(join(tmpdir(), 'livestats-config-cmd-')), 'livestats');
});
afterEach(() => {
  rmSync(join(dir, '..'), { recursive: true, force: true });
});

/** A context whose store is the real file in the temp directory (read without conf, written through it), reopened on every run. */
function ctxWith(options: TestContextOptions = {}): TestContext {
  const ctx = testContext({ configDir: dir, ...options });
  useConfigFile(ctx, dir);
  return ctx;
}

const cli = (argv: string[], options: TestContextOptions = {}) => runCli(argv, ctxWith(options));

function stored(): unknown {
  return JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8'));
}

async function seed(values: Record<string, string>, profile = 'default'): Promise<void> {
  const store = await openConfigStore(dir);
  for (const [key, value] of Object.entries(values)) store.set(profile, key, value);
}

describe('config set', () => {
  it('reads the first line of a pipe, stripping CR/LF, and confirms on stderr only', async () => {
    const { code, stdout, stderr } = await cli(['config', 'set', 'wecom.corpSecret'], { stdin: `${SECRET}\r\nsecond line\n` });
    expect(code).toBe(ExitCode.ok);
    expect(stored()).toEqual({ profiles: { default: { wecom: { corpSecret: SECRET } } } });
    expect(stdout).toBe('');
    expect(stderr).toContain('saved wecom.corpSecret in profile "default"');
    expect(stderr).not.toContain(SECRET);
    expect(stderr).not.toContain('warning');
  });

  it('reads a hidden value on a terminal: prompt on stderr, nothing echoed', async () => {
    const stdin = new PassThrough();
    const pending = cli(['config', 'set', 'polyv.appSecret', '--profile', 'staging'], { stdin, stdinIsTTY: true });
    setImmediate(() => stdin.write(`${SECRET}\r`));
    const { code, stderr } = await pending;
    expect(code).toBe(ExitCode.ok);
    expect(stderr).toContain('polyv.appSecret (');
    expect(stderr).not.toContain(SECRET);
    expect(stored()).toEqual({ profiles: { staging: { polyv: { appSecret: SECRET } } } });
  });

  it('accepts a secret on the command line but warns that it lands in shell history', async () => {
    const { code, stderr } = await cli(['config', 'set', 'tencent.secretKey', SECRET]);
    expect(code).toBe(ExitCode.ok);
    expect(stderr).toMatch(/warning: .*shell history.*printf %s "\$SECRET" \| livestats config set tencent\.secretKey/);
    expect(stderr).not.toContain(SECRET);
    expect(stored()).toEqual({ profiles: { default: { tencent: { secretKey: SECRET } } } });
  });

  it('stores the normalised value and does not warn for a non-secret key', async () => {
    const { code, stderr } = await cli(['config', 'set', 'tencent.region', ' SGP ']);
    expect(code).toBe(ExitCode.ok);
    expect(stderr).not.toContain('warning');
    expect(stored()).toEqual({ profiles: { default: { tencent: { region: 'sgp' } } } });
  });

  it('normalises livecount.headers JSON', async () => {
    await cli(['config', 'set', 'livecount.headers'], { stdin: '{ "X-Token" : "tok-3c9f1e2d7a" }\n' });
    expect(stored()).toEqual({ profiles: { default: { livecount: { headers: '{"X-Token":"tok-3c9f1e2d7a"}' } } } });
  });

  it.each([
    [['tencent.sdkAppId', 'abc'], ''],
    [['wecom.baseUrl', 'http://example.com'], ''],
    [['wecom.baseUrl', 'https://user:pw@example.com'], ''],
    [['livecount.headers'], '[1,2]\n'],
    [['wecom.corpSecret'], '\n'],
    [['wecom.corpSecret'], ''],
  ])('refuses %j (stdin %j) with exit 2 and stores nothing', async (args, stdin) => {
    const { code, stderr } = await cli(['config', 'set', ...args], { stdin });
    expect(code).toBe(ExitCode.usage);
    expect(stderr).toContain(args[0]);
    expect(statSync(join(dir, 'config.json'), { throwIfNoEntry: false })).toBeUndefined();
  });

  it('refuses an unknown key with exit 2, listing the valid keys', async () => {
    const { code, stderr } = await cli(['config', 'set', 'wecom.corpid', 'x']);
    expect(code).toBe(ExitCode.usage);
    expect(stderr).toContain('unknown config key "wecom.corpid"');
    expect(stderr).toContain('wecom.corpId, wecom.corpSecret');
    expect(stderr).toContain('livecount.headers');
  });

  it('says when an environment variable will override the stored value', async () => {
    const { stderr } = await cli(['config', 'set', 'wecom.corpId', 'ww1'], { env: { LIVESTATS_WECOM_CORP_ID: 'ww2' } });
    expect(stderr).toContain('LIVESTATS_WECOM_CORP_ID is set and takes precedence');
  });

  it.runIf(process.platform !== 'win32')('keeps the file 0600 in a 0700 directory', async () => {
    await cli(['config', 'set', 'wecom.corpSecret', SECRET]);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(statSync(join(dir, 'config.json')).mode & 0o777).toBe(0o600);
  });

  it('fails with exit 3 on a malformed config file, before reading the value', async () => {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'config.json'), '{not json');
    const stdin = new PassThrough();
    const { code, stderr } = await cli(['config', 'set', 'wecom.corpSecret'], { stdin, stdinIsTTY: true });
    expect(code).toBe(ExitCode.config);
    expect(stderr).toContain('not valid JSON');
    expect(stderr).not.toContain('wecom.corpSecret (');
  });
});

describe('config get', () => {
  it('masks a secret to its last 4 characters, in full with --show-secrets', async () => {
    await seed({ 'wecom.corpSecret': 'abcdefgh1234abcd' });
    expect((await cli(['config', 'get', 'wecom.corpSecret'])).stdout).toBe('****abcd\n');
    expect((await cli(['config', 'get', 'wecom.corpSecret', '--show-secrets'])).stdout).toBe('abcdefgh1234abcd\n');
  });

  it('masks a secret shorter than 8 characters entirely', async () => {
    await seed({ 'polyv.appSecret': 'abc1234' });
    expect((await cli(['config', 'get', 'polyv.appSecret'])).stdout).toBe('****\n');
  });

  it('masks each livecount header value, keeping the names', async () => {
    await seed({ 'livecount.headers': '{"X-Token":"tok-3c9f1e2d7a","X-Key":"k9Z"}' });
    const { stdout } = await cli(['config', 'get', 'livecount.headers']);
    expect(JSON.parse(stdout)).toEqual({ 'X-Token': '****2d7a', 'X-Key': '****' });
  });

  it('prints a non-secret value as is, the environment winning over the profile', async () => {
    await seed({ 'wecom.corpId': 'ww-profile' });
    expect((await cli(['config', 'get', 'wecom.corpId'])).stdout).toBe('ww-profile\n');
    const env = { LIVESTATS_WECOM_CORP_ID: 'ww-env' };
    expect((await cli(['config', 'get', 'wecom.corpId'], { env })).stdout).toBe('ww-env\n');
  });

  it('reads the chosen profile, and falls back to the default value', async () => {
    await seed({ 'tencent.region': 'kr' }, 'staging');
    expect((await cli(['config', 'get', 'tencent.region', '--profile', 'staging'])).stdout).toBe('kr\n');
    expect((await cli(['config', 'get', 'tencent.region'])).stdout).toBe('cn\n');
  });

  it('prints nothing on stdout for an unset key, with a note on stderr, exit 0', async () => {
    const { code, stdout, stderr } = await cli(['config', 'get', 'polyv.appId']);
    expect(code).toBe(ExitCode.ok);
    expect(stdout).toBe('');
    expect(stderr).toContain('polyv.appId is not set in profile "default" nor by LIVESTATS_POLYV_APP_ID');
  });

  it('fails with exit 3 on a malformed environment value', async () => {
    const { code, stderr } = await cli(['config', 'get', 'tencent.sdkAppId'], { env: { LIVESTATS_TENCENT_SDKAPPID: 'abc' } });
    expect(code).toBe(ExitCode.config);
    expect(stderr).toContain('LIVESTATS_TENCENT_SDKAPPID');
  });
});

describe('config unset, list and path', () => {
  it('unsets a key and says so when it was not set', async () => {
    await seed({ 'wecom.corpId': 'ww1', 'wecom.corpSecret': SECRET });
    expect((await cli(['config', 'unset', 'wecom.corpId'])).stderr).toContain('removed wecom.corpId');
    expect(stored()).toEqual({ profiles: { default: { wecom: { corpSecret: SECRET } } } });
    expect((await cli(['config', 'unset', 'wecom.corpId'])).stderr).toContain('wecom.corpId was not set');
  });

  it('lists every key as key=value lines on a pipe, secrets masked', async () => {
    await seed({ 'wecom.corpId': 'ww1', 'wecom.corpSecret': SECRET });
    const { code, stdout } = await cli(['config', 'list']);
    expect(code).toBe(ExitCode.ok);
    const lines = stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(14);
    expect(lines.slice(0, 3)).toEqual(['wecom.corpId=ww1', 'wecom.corpSecret=****2c3d', 'wecom.baseUrl=https://qyapi.weixin.qq.com']);
    expect(lines).toContain('polyv.appId=');
    expect(stdout).not.toContain(SECRET);
  });

  it('lists key, value and source as JSON with --json, in full with --show-secrets', async () => {
    await seed({ 'wecom.corpSecret': SECRET });
    const env = { LIVESTATS_POLYV_APP_ID: 'app-env' };
    const { stdout } = await cli(['config', 'list', '--json', '--show-secrets'], { env });
    const rows = JSON.parse(stdout) as Array<{ key: string; value: string | null; source: string }>;
    const byKey = new Map(rows.map((row) => [row.key, row]));
    expect(byKey.get('wecom.corpSecret')).toEqual({ key: 'wecom.corpSecret', value: SECRET, source: 'profile' });
    expect(byKey.get('polyv.appId')).toEqual({ key: 'polyv.appId', value: 'app-env', source: 'env' });
    expect(byKey.get('polyv.baseUrl')?.source).toBe('default');
    expect(byKey.get('wecom.corpId')).toEqual({ key: 'wecom.corpId', value: null, source: 'unset' });
  });

  it('shows a key/value/source table on a terminal', async () => {
    await seed({ 'wecom.corpSecret': SECRET });
    const { stdout } = await cli(['config', 'list', '--no-color'], { stdoutIsTTY: true });
    expect(stdout).toMatch(/│ key +│ value +│ source +│/);
    expect(stdout).toMatch(/│ wecom\.corpSecret +│ \*\*\*\*2c3d +│ profile +│/);
    expect(stdout).not.toContain(SECRET);
  });

  it('still lists everything when one value is malformed, then exits 3', async () => {
    const { code, stdout, stderr } = await cli(['config', 'list'], { env: { LIVESTATS_TENCENT_REGION: 'mars' } });
    expect(code).toBe(ExitCode.config);
    expect(stdout.trimEnd().split('\n')).toHaveLength(14);
    expect(stdout).toContain('tencent.region=\n');
    expect(stderr).toContain('LIVESTATS_TENCENT_REGION');
  });

  it('prints the config file path', async () => {
    const { code, stdout } = await cli(['config', 'path']);
    expect(code).toBe(ExitCode.ok);
    expect(stdout).toBe(`${join(dir, 'config.json')}\n`);
  });
});
