// Settings and everyday flags through the real binary: env-only runs where the config directory cannot be made,
// the mode of a directory livestats did not create, profiles, `config get` of an unset key, TZ, -o checks,
// the csv header's timing and per-command options.
import { chmodSync, lstatSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../../src/sandbox/server.js';
import { baseEnv, useSandboxAndConfigDirs, runCli, sandboxedEnv } from './cli-runner.js';

let sandbox!: RunningSandbox;
const { freshDir } = useSandboxAndConfigDirs((started) => (sandbox = started));

describe('a config directory that cannot be created', () => {
  // Tests run as root, where a 0500 directory is still writable; a path under a regular file fails with
  // ENOTDIR for every user, root included, so it stands in for HOME=/nonexistent or a read-only directory.
  const unwritable = (): string => {
    const plain = join(freshDir(), 'plain-file');
    writeFileSync(plain, '');
    return join(plain, 'livestats');
  };

  it('exports with settings from the environment, the token cache skipped with one warning', async () => {
    const env = sandboxedEnv(freshDir(), sandbox, { LIVESTATS_CONFIG_DIR: unwritable() });
    const result = await runCli(['watch', 'sandbox-5', '--json'], { env });
    expect(result.stderr).not.toMatch(/internal error/);
    expect(result.code).toBe(0);
    expect((JSON.parse(result.stdout) as unknown[]).length).toBeGreaterThan(0);
    const warnings = result.stderr.split('\n').filter((line) => line.includes('warning'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^livestats: warning: no WeCom token cache in this run: cannot create .*plain-file\/livestats/);
  });

  it('--dry-run works, and `config set` is a configuration error (exit 3) naming the directory', async () => {
    const dir = unwritable();
    const env = sandboxedEnv(freshDir(), sandbox, { LIVESTATS_CONFIG_DIR: dir });
    const [dry, set] = await Promise.all([
      runCli(['watch', 'sandbox-5', '--dry-run'], { env }),
      runCli(['config', 'set', 'wecom.corpId', 'ww1'], { env: { ...baseEnv(dir) } }),
    ]);
    expect({ code: dry.code, stderr: dry.stderr }).toEqual({ code: 0, stderr: '' });
    expect(dry.stdout).toContain('gettoken');
    expect(set.code).toBe(3);
    expect(set.stderr).toMatch(/^livestats: cannot create the config directory .*plain-file\/livestats: ENOTDIR/);
  });
});

describe('the mode of the config directory', () => {
  it('creates a missing directory 0700, and leaves an existing 0777 one as it is, with a warning', async () => {
    const fresh = join(freshDir(), 'new', 'livestats');
    const shared = join(freshDir(), 'shared');
    mkdirSync(shared);
    chmodSync(shared, 0o777);
    const [made, kept] = await Promise.all([
      runCli(['config', 'set', 'wecom.corpId', 'ww1'], { env: baseEnv(fresh) }),
      runCli(['config', 'set', 'wecom.corpId', 'ww1'], { env: baseEnv(shared) }),
    ]);
    expect(made.code).toBe(0);
    expect(statSync(fresh).mode & 0o777).toBe(0o700);
    expect(kept.code).toBe(0);
    expect(statSync(shared).mode & 0o777).toBe(0o777);
    expect(kept.stderr).toContain(`livestats: warning: the config directory ${shared} is writable by others (mode 0777)`);
  });
});

describe('profiles', () => {
  it('a profile missing from the file is exit 3 listing the stored ones, for exports, doctor and config alike', async () => {
    const dir = freshDir();
    const setup = await runCli(['config', 'set', 'polyv.appId', 'app1', '--profile', 'staging'], { env: baseEnv(dir) });
    expect(setup.code).toBe(0);
    const env = sandboxedEnv(dir, sandbox);
    const results = await Promise.all([
      runCli(['watch', 'sandbox-5', '--json', '--profile', 'stagin'], { env }),
      runCli(['doctor', '--profile', 'stagin'], { env }),
      runCli(['config', 'list', '--profile', 'stagin'], { env }),
      runCli(['config', 'get', 'polyv.appId', '--profile', 'stagin'], { env }),
      runCli(['config', 'unset', 'polyv.appId', '--profile', 'stagin'], { env }),
    ]);
    for (const result of results) {
      expect(result.code).toBe(3);
      expect(result.stdout).toBe('');
      expect(result.stderr).toMatch(/^livestats: profile "stagin" does not exist in .*config\.json\n {2}hint: Existing profiles: staging; /);
    }
  });

  it('the default profile may be absent (settings from the environment), and --sandbox never reads the file', async () => {
    const dir = freshDir();
    await runCli(['config', 'set', 'polyv.appId', 'app1', '--profile', 'staging'], { env: baseEnv(dir) });
    const [envOnly, sandboxed] = await Promise.all([
      runCli(['watch', 'sandbox-5', '--json', '--limit', '1'], { env: sandboxedEnv(dir, sandbox) }),
      runCli(['watch', 'sandbox-5', '--json', '--limit', '1', '--sandbox', '--profile', 'nosuch'], { env: baseEnv(dir) }),
    ]);
    expect(envOnly.code).toBe(0);
    expect(sandboxed.code).toBe(0);
  });

  it('config set creates a profile, config profiles lists them, unset --all and delete-profile remove one', async () => {
    const env = baseEnv(freshDir());
    for (const profile of ['a', 'b', 'c']) {
      expect((await runCli(['config', 'set', 'polyv.appId', `app-${profile}`, '--profile', profile], { env })).code).toBe(0);
    }
    expect((await runCli(['config', 'profiles'], { env })).stdout).toBe('a\nb\nc\n');
    const all = await runCli(['config', 'unset', '--all', '--profile', 'a'], { env });
    expect(all.code).toBe(0);
    const deleted = await runCli(['config', 'delete-profile', 'c'], { env });
    expect(deleted.code).toBe(0);
    expect(deleted.stderr).toMatch(/^livestats: removed profile "c"/);
    expect((await runCli(['config', 'profiles'], { env })).stdout).toBe('b\n');
    const again = await runCli(['config', 'delete-profile', 'c'], { env });
    expect(again.code).toBe(3);
    expect(again.stderr).toContain('Existing profiles: b;');
  });
});

describe('config get', () => {
  it('exits 1 with nothing on stdout for an unset key, as git config does', async () => {
    const result = await runCli(['config', 'get', 'wecom.corpId'], { env: baseEnv(freshDir()) });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe('livestats: wecom.corpId is not set in profile "default" nor by LIVESTATS_WECOM_CORP_ID\n');
  });
});

describe('time zones', () => {
  const createdAt = (stdout: string): string => (JSON.parse(stdout) as Array<{ created_at: string }>)[0]!.created_at;
  const redpacks = ['redpacks', '--channel', 'sandbox-5', '--json', '--limit', '1'];

  it('honours a POSIX TZ with a fixed offset (CST-8 is UTC+8) and refuses one with daylight rules (exit 3)', async () => {
    const dir = freshDir();
    const [posix, rules] = await Promise.all([
      runCli([...redpacks, '--sandbox'], { env: { ...baseEnv(dir), TZ: 'CST-8' } }),
      runCli([...redpacks, '--sandbox'], { env: { ...baseEnv(dir), TZ: 'EST5EDT,M3.2.0,M11.1.0' } }),
    ]);
    expect(posix.code).toBe(0);
    expect(createdAt(posix.stdout)).toMatch(/\+08:00$/);
    expect(rules.code).toBe(3);
    expect(rules.stdout).toBe('');
    expect(rules.stderr).toMatch(/^livestats: TZ="EST5EDT,M3\.2\.0,M11\.1\.0" is not a time zone livestats can use\n/);
  });

  it('takes config tz over TZ, LIVESTATS_TZ over config tz, --tz over both; --sandbox ignores the file', async () => {
    const dir = freshDir();
    const refused = await runCli(['config', 'set', 'tz', 'Mars/Olympus'], { env: baseEnv(dir) });
    expect(refused.code).toBe(2);
    expect((await runCli(['config', 'set', 'tz', 'Asia/Tokyo'], { env: baseEnv(dir) })).code).toBe(0);
    const env = sandboxedEnv(dir, sandbox, { TZ: 'UTC' });
    const [stored, fromEnv, flag, sandboxed] = await Promise.all([
      runCli(redpacks, { env }),
      runCli(redpacks, { env: { ...env, LIVESTATS_TZ: 'Asia/Kolkata' } }),
      runCli([...redpacks, '--tz', 'Asia/Shanghai'], { env: { ...env, LIVESTATS_TZ: 'Asia/Kolkata' } }),
      runCli([...redpacks, '--sandbox'], { env: { ...baseEnv(dir), TZ: 'UTC' } }),
    ]);
    expect(createdAt(stored.stdout)).toMatch(/\+09:00$/);
    expect(createdAt(fromEnv.stdout)).toMatch(/\+05:30$/);
    expect(createdAt(flag.stdout)).toMatch(/\+08:00$/);
    expect(createdAt(sandboxed.stdout)).toMatch(/(Z|\+00:00)$/);
  });
});

describe('output flags', () => {
  it('an -o extension that contradicts the format, and -o with a format name, are usage errors (exit 2)', async () => {
    const env = baseEnv(freshDir());
    const [conflict, word] = await Promise.all([
      runCli(['watch', 'sandbox-5', '--sandbox', '--json', '-o', 'x.csv'], { env }),
      runCli(['watch', 'sandbox-5', '--sandbox', '-o', 'json'], { env }),
    ]);
    expect(conflict.code).toBe(2);
    expect(conflict.stderr).toMatch(/^livestats: conflicting output formats: json and a csv file \(-o x\.csv\)\n/);
    expect(word.code).toBe(2);
    expect(word.stderr).toMatch(/^livestats: -o takes a file name, not a format: "json"\n {2}hint: For the format give --json or --format <format>/);
  });

  it('--csv on stdout prints nothing when the run fails before any row, and the header alone for zero rows', async () => {
    const env = baseEnv(freshDir());
    const [missing, rows] = await Promise.all([
      runCli(['watch', 'sandbox-missing', '--sandbox', '--csv'], { env }),
      runCli(['watch', 'sandbox-5', '--sandbox', '--csv', '--limit', '1'], { env }),
    ]);
    expect(missing.code).not.toBe(0);
    expect(missing.stdout).toBe('');
    expect(rows.code).toBe(0);
    expect(rows.stdout.split('\n')[0]).toMatch(/^living_id,/);
  });
});

describe('-o onto a symbolic link', () => {
  it('replaces the target and keeps the link; a dangling link gets the file it names', async () => {
    const dir = freshDir();
    const real = join(dir, 'data', 'watchers.json');
    mkdirSync(join(dir, 'data'));
    writeFileSync(real, 'old\n');
    symlinkSync(join('data', 'watchers.json'), join(dir, 'link.json'));
    symlinkSync(join('data', 'later.json'), join(dir, 'dangling.json'));
    const env = baseEnv(dir);
    const [linked, dangling] = await Promise.all([
      runCli(['watch', 'sandbox-5', '--sandbox', '--limit', '1', '-o', 'link.json'], { env, cwd: dir }),
      runCli(['watch', 'sandbox-5', '--sandbox', '--limit', '1', '-o', 'dangling.json'], { env, cwd: dir }),
    ]);
    expect(linked.code).toBe(0);
    expect(dangling.code).toBe(0);
    expect(lstatSync(join(dir, 'link.json')).isSymbolicLink()).toBe(true);
    expect(lstatSync(join(dir, 'dangling.json')).isSymbolicLink()).toBe(true);
    expect(JSON.parse(readFileSync(real, 'utf8'))).toHaveLength(1);
    expect(JSON.parse(readFileSync(join(dir, 'data', 'later.json'), 'utf8'))).toHaveLength(1);
    expect(readdirSync(dir).sort()).toEqual(['dangling.json', 'data', 'link.json']);
  });
});

describe('demo', () => {
  it('refuses -o as a usage error (it prints several exports) and writes no file', async () => {
    const dir = freshDir();
    const result = await runCli(['demo', '-o', 'demo.json'], { env: baseEnv(dir), cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^livestats: demo does not use -o: it runs several exports/);
    expect(readdirSync(dir)).toEqual([]);
  });
});
