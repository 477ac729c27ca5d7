import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openConfigStore } from '../../src/config/store.js';
import { ConfigError, ExitCode } from '../../src/errors.js';

const mode = (path: string): number => statSync(path).mode & 0o777;
const posix = process.platform !== 'win32';

let root: string;
let dir: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'livestats-store-'));
  dir = join(root, 'livestats');
});
afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

describe('openConfigStore', () => {
  it('keeps values per profile, nested by provider, across reopening', async () => {
    const store = await openConfigStore(dir);
    store.set('default', 'wecom.corpId', 'ww-default');
    store.set('staging', 'wecom.corpId', 'ww-staging');
    const again = await openConfigStore(dir);
    expect(again.get('default', 'wecom.corpId')).toBe('ww-default');
    expect(again.get('staging', 'wecom.corpId')).toBe('ww-staging');
    expect(again.profiles().sort()).toEqual(['default', 'staging']);
    const onDisk = JSON.parse(readFileSync(again.path, 'utf8')) as unknown;
    expect(onDisk).toEqual({ profiles: { default: { wecom: { corpId: 'ww-default' } }, staging: { wecom: { corpId: 'ww-staging' } } } });
  });

  it('unsets a key once', async () => {
    const store = await openConfigStore(dir);
    store.set('default', 'polyv.appId', 'app');
    expect(store.unset('default', 'polyv.appId')).toBe(true);
    expect(store.unset('default', 'polyv.appId')).toBe(false);
    expect((await openConfigStore(dir)).get('default', 'polyv.appId')).toBeUndefined();
  });

  it.runIf(posix)('creates the directory 0700 and the file 0600', async () => {
    const store = await openConfigStore(dir);
    store.set('default', 'wecom.corpSecret', 's3cret-value');
    expect(mode(dir)).toBe(0o700);
    expect(mode(store.path)).toBe(0o600);
  });

  it.runIf(posix)('tightens an existing 0755 directory and 0644 file', async () => {
    mkdirSync(dir, { mode: 0o755 });
    chmodSync(dir, 0o755);
    const file = join(dir, 'config.json');
    writeFileSync(file, '{"profiles":{"default":{"wecom":{"corpId":"ww1"}}}}');
    chmodSync(file, 0o644);
    const store = await openConfigStore(dir);
    expect(mode(dir)).toBe(0o700);
    expect(mode(file)).toBe(0o600);
    expect(store.get('default', 'wecom.corpId')).toBe('ww1');
    store.set('default', 'wecom.corpSecret', 'another-secret');
    expect(mode(file)).toBe(0o600);
  });

  it('refuses a malformed file with a configuration error (exit 3) and leaves it alone', async () => {
    mkdirSync(dir, { recursive: true });
    const file = join(dir, 'config.json');
    writeFileSync(file, '{"profiles": {');
    const error = await openConfigStore(dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).exitCode).toBe(ExitCode.config);
    expect((error as ConfigError).message).toContain(file);
    expect(readFileSync(file, 'utf8')).toBe('{"profiles": {');
  });
});

describe('a config file edited by hand', () => {
  it.each([
    ['{"profiles":{"default":{"wecom":"ww1"}}}', 'profiles.default.wecom'],
    ['{"profiles":{"default":{"wecom":{"corpId":5}}}}', 'profiles.default.wecom.corpId'],
    ['{"profiles":[]}', 'profiles'],
  ])('refuses %s with exit 3 naming where', async (text, where) => {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'config.json'), text);
    const error = await openConfigStore(dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toContain(`"${where}"`);
  });
});
