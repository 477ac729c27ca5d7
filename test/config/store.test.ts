import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openConfigStore, openSettingsFile, type WritableSettingsStore } from '../../src/config/store.js';
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

  it.runIf(posix)('keeps the mode of an existing 0777 directory, with a warning, and tightens a 0644 file', async () => {
    mkdirSync(dir);
    chmodSync(dir, 0o777);
    const file = join(dir, 'config.json');
    writeFileSync(file, '{"profiles":{"default":{"wecom":{"corpId":"ww1"}}}}');
    chmodSync(file, 0o644);
    const warnings: string[] = [];
    const store = await openConfigStore(dir, (line) => warnings.push(line));
    expect(mode(dir)).toBe(0o777);
    expect(warnings).toEqual([`the config directory ${dir} is writable by others (mode 0777); livestats leaves its mode as it is`]);
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

describe('openSettingsFile (the read path, without conf)', () => {
  const SECRET = 'corp-secret-9f8e7d6c5b4a';
  const file = (): string => join(dir, 'config.json');
  const write = (text: string): void => {
    mkdirSync(dir, { recursive: true });
    writeFileSync(file(), text);
  };
  const failure = (): ConfigError => {
    const error = (() => {
      try {
        openSettingsFile(dir);
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).exitCode).toBe(ExitCode.config);
    return error as ConfigError;
  };

  it('reads what conf wrote, value for value', async () => {
    const writer = await openConfigStore(dir);
    writer.set('default', 'wecom.corpId', 'ww-default');
    writer.set('default', 'wecom.corpSecret', SECRET);
    writer.set('staging', 'polyv.appId', 'app-staging');
    writer.set('staging', 'tencent.headers', '{"X-A":"1"}');
    const reader = openSettingsFile(dir);
    const conf = await openConfigStore(dir);
    expect(reader.path).toBe(conf.path);
    expect(reader.profiles()).toEqual(conf.profiles());
    for (const profile of ['default', 'staging', 'missing']) expect(reader.entries(profile)).toEqual(conf.entries(profile));
    expect(reader.get('default', 'wecom.corpSecret')).toBe(SECRET);
    expect(reader.get('staging', 'tencent.headers')).toBe('{"X-A":"1"}');
    expect(reader.get('staging', 'wecom.corpId')).toBeUndefined();
  });

  it('reads a missing file as an empty store, creating neither the directory nor the file', () => {
    const store = openSettingsFile(dir);
    expect(store.profiles()).toEqual([]);
    expect(store.get('default', 'wecom.corpId')).toBeUndefined();
    expect(() => statSync(dir)).toThrow(/ENOENT/);
  });

  it('reads a directory under a regular file (ENOTDIR) as an empty store', () => {
    writeFileSync(join(root, 'plain'), '');
    expect(openSettingsFile(join(root, 'plain', 'livestats')).profiles()).toEqual([]);
  });

  it('refuses to write under a regular file with exit 3 naming the directory', async () => {
    writeFileSync(join(root, 'plain'), '');
    const error = await openConfigStore(join(root, 'plain', 'livestats')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toMatch(/^cannot create the config directory .*plain\/livestats: ENOTDIR/);
  });

  it('refuses a file that is not JSON with exit 3, giving the position but none of its text', async () => {
    const text = `{"profiles":{"default":{"wecom":{"corpSecret":"${SECRET}",}}}}`;
    write(text);
    const error = failure();
    expect(error.message).toBe(`the config file ${file()} is not valid JSON (at character ${text.indexOf(',}') + 1})`);
    expect(error.hint).toContain('Fix or remove');
    expect(`${error.message} ${error.hint ?? ''} ${String(error.cause ?? '')}`).not.toContain(SECRET.slice(0, 12));
    // The same message as the write path gives for the same file, which is left alone.
    const viaConf = await openConfigStore(dir).catch((e: unknown) => e);
    expect((viaConf as ConfigError).message).toBe(error.message);
    expect(readFileSync(file(), 'utf8')).toBe(text);
  });

  it('never quotes the text around an unexpected token (JSON.parse does), e.g. an unquoted secret', () => {
    write(`{"profiles":{"default":{"wecom":{"corpSecret":${SECRET}}}}}`);
    const error = failure();
    expect(error.message).toMatch(/ is not valid JSON( \(at character \d+\))?$/);
    expect(`${error.message} ${error.hint ?? ''} ${String(error.cause ?? '')}`).not.toContain(SECRET.slice(0, 12));
  });

  it('refuses an empty file as conf does', () => {
    write('');
    expect(failure().message).toBe(`the config file ${file()} is not valid JSON`);
  });

  it.each([
    ['{"profiles":{"default":{"wecom":"ww1"}}}', 'profiles.default.wecom'],
    ['{"profiles":{"default":{"wecom":{"corpId":5}}}}', 'profiles.default.wecom.corpId'],
    ['{"profiles":[]}', 'profiles'],
  ])('refuses %s with exit 3 naming where, as conf does', async (text, where) => {
    write(text);
    const error = failure();
    expect(error.message).toBe(`the config file ${file()} has an unexpected shape at "${where}"`);
    expect(((await openConfigStore(dir).catch((e: unknown) => e)) as ConfigError).message).toBe(error.message);
  });

  it('reads a file that starts with a UTF-8 byte-order mark, and so does the write path', async () => {
    write('\uFEFF{"profiles":{"default":{"wecom":{"corpId":"ww-bom"}}}}');
    expect(openSettingsFile(dir).get('default', 'wecom.corpId')).toBe('ww-bom');
    const writer = await openConfigStore(dir);
    expect(writer.get('default', 'wecom.corpId')).toBe('ww-bom');
    writer.set('default', 'polyv.appId', 'app');
    expect(openSettingsFile(dir).entries('default')).toEqual([
      ['wecom.corpId', 'ww-bom'],
      ['polyv.appId', 'app'],
    ]);
  });

  it('counts a byte-order mark in the position of a syntax error', () => {
    write('\uFEFF{"profiles":{"default":{},}}');
    expect(failure().message).toContain('(at character 27)');
  });

  it.runIf(posix)('keeps the mode of an existing 0755 directory silently and tightens a 0644 file', () => {
    mkdirSync(dir, { mode: 0o755 });
    chmodSync(dir, 0o755);
    writeFileSync(file(), '{"profiles":{"default":{"wecom":{"corpId":"ww1"}}}}');
    chmodSync(file(), 0o644);
    const warnings: string[] = [];
    expect(openSettingsFile(dir, (line) => warnings.push(line)).get('default', 'wecom.corpId')).toBe('ww1');
    expect(mode(dir)).toBe(0o755);
    expect(mode(file())).toBe(0o600);
    expect(warnings).toEqual([]);
  });

  it.runIf(posix)('creates a missing directory 0700 when writing', async () => {
    (await openConfigStore(dir)).set('default', 'wecom.corpId', 'ww1');
    expect(mode(dir)).toBe(0o700);
  });

  it('throws a plain Error from set() and unset(), which its type does not offer, and changes nothing', async () => {
    (await openConfigStore(dir)).set('default', 'wecom.corpId', 'ww1');
    const before = readFileSync(file(), 'utf8');
    const store = openSettingsFile(dir) as WritableSettingsStore;
    for (const change of [() => store.set('default', 'wecom.corpId', 'ww2'), () => store.unset('default', 'wecom.corpId')]) {
      const error = (() => {
        try {
          change();
        } catch (e) {
          return e;
        }
        return undefined;
      })();
      // A programming error, not a user's configuration error.
      expect((error as Error).constructor).toBe(Error);
      expect((error as Error).message).toMatch(/opened read-only/);
    }
    expect(store.get('default', 'wecom.corpId')).toBe('ww1');
    expect(readFileSync(file(), 'utf8')).toBe(before);
  });
});
