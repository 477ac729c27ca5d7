// The non-export commands through the real binary: demo, doctor, config set/get/list/unset/path, the sandbox
// command served from its own process, and --dry-run of every export (redacted, and nothing sent).
import { execFile, spawn } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SANDBOX_CREDENTIALS, sandboxEnv } from '../../src/sandbox/credentials.js';
import type { RunningSandbox } from '../../src/sandbox/server.js';
import { baseEnv, BIN, useSandboxAndConfigDirs, ROOT, runCli, sandboxedEnv, STACK_FRAME } from './cli-runner.js';
import {
  GIFT_COLUMNS,
  LIVECOUNT_COLUMNS,
  RECEIVE_COLUMNS,
  RED_PACK_COLUMNS,
  ROOM_COLUMNS,
  ROOM_SUMMARY_COLUMNS,
  WATCH_COLUMNS,
  WATCH_SUMMARY_COLUMNS,
  type Row,
} from './contract.js';
import { parseTable } from './output-parsers.js';

let sandbox!: RunningSandbox;
const { freshDir } = useSandboxAndConfigDirs((started) => (sandbox = started));

const BUILT_IN_SECRETS = [
  SANDBOX_CREDENTIALS.wecom.corpSecret,
  SANDBOX_CREDENTIALS.tencent.secretKey,
  SANDBOX_CREDENTIALS.polyv.appSecret,
  SANDBOX_CREDENTIALS.livecount.authToken,
];

describe('demo', () => {
  it('runs every export against the embedded sandbox: a ▶ caption, then a table of the contract columns, nine times', async () => {
    const result = await runCli(['demo'], { env: baseEnv(freshDir()) });
    // The rooms summary reads every room, the destroyed one included: its warning is the only line on stderr.
    expect({ code: result.code, stderr: result.stderr }).toEqual({
      code: 0,
      stderr: 'livestats: warning: room "room-45" was listed but no longer exists (get_room_stats 100004); its totals are left empty\n',
    });
    const sections = result.stdout.split(/^(?=▶ )/m).filter((s) => s.startsWith('▶ '));
    const expected: Array<[RegExp, readonly string[] | 'vertical']> = [
      [/WeCom — the livings/, ['living_id', 'theme', 'status', 'type', 'living_start', 'living_duration_s', 'viewer_num', 'replay_status']],
      [/WeCom/, WATCH_COLUMNS],
      [/WeCom/, WATCH_SUMMARY_COLUMNS],
      [/Tencent/, GIFT_COLUMNS],
      [/Tencent/, ROOM_COLUMNS],
      [/Tencent/, ROOM_SUMMARY_COLUMNS],
      [/Polyv/, RED_PACK_COLUMNS],
      [/Polyv/, RECEIVE_COLUMNS],
      [/LiveCount/, 'vertical'],
    ];
    expect(sections).toHaveLength(expected.length);
    sections.forEach((section, i) => {
      const [caption, columns] = expected[i] as [RegExp, readonly string[] | 'vertical'];
      const firstLine = section.split('\n')[0] as string;
      expect(firstLine).toMatch(caption);
      const { groups } = parseTable(section);
      if (columns === 'vertical') {
        expect(groups[0]?.map((line) => line[0])).toEqual([...LIVECOUNT_COLUMNS]);
      } else {
        expect(groups[0]).toEqual([[...columns]]);
        expect(groups[1]?.length, firstLine).toBeGreaterThan(0);
      }
    });
    // The living of the watch caption is the one in its table; the livings table lists the member's livings.
    expect(sections[1]).toMatch(/sandbox-12/);
    expect(sections[0]).toMatch(/sandbox-1500/);
  });

  it('refuses --format xlsx before printing anything: nine workbooks one after another would be no file', async () => {
    const result = await runCli(['demo', '--format', 'xlsx'], { env: baseEnv(freshDir()) });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^livestats: demo prints its exports one after another, and an xlsx workbook holds only one\n/);
  });
});

describe('doctor', () => {
  it('--sandbox: four providers, each ok, exit 0', async () => {
    const result = await runCli(['doctor', '--sandbox', '--json'], { env: baseEnv(freshDir()) });
    expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: '' });
    const rows = JSON.parse(result.stdout) as Row[];
    expect(rows.map((r) => [r.provider, r.status])).toEqual([
      ['wecom', 'ok'],
      ['tencent', 'ok'],
      ['polyv', 'ok'],
      ['livecount', 'ok'],
    ]);
    for (const row of rows) expect(typeof row.detail).toBe('string');
  });

  it('a wrong WeCom secret against an external sandbox: wecom rejected, the others ok, exit 4, secret not shown', async () => {
    const secret = 'doctor-wrong-secret-e2e';
    const result = await runCli(['doctor', '--json'], { env: sandboxedEnv(freshDir(), sandbox, { LIVESTATS_WECOM_CORP_SECRET: secret }) });
    expect(result.code).toBe(4);
    const rows = JSON.parse(result.stdout) as Row[];
    expect(rows.map((r) => [r.provider, r.status])).toEqual([
      ['wecom', 'rejected'],
      ['tencent', 'ok'],
      ['polyv', 'ok'],
      ['livecount', 'ok'],
    ]);
    expect(result.stderr).toMatch(/wecom/);
    expect(result.stderr).not.toMatch(STACK_FRAME);
    expect(result.stdout + result.stderr).not.toContain(secret);
  });
});

describe('config', () => {
  const secret = 'e2e-config-secret-9876';

  it('set (secret from stdin) / get (masked) / --show-secrets / list / unset / path, in a 0700 dir with a 0600 file', async () => {
    const dir = join(freshDir(), 'cfg');
    const env = baseEnv(dir);
    const cli = (args: string[], input?: string, extra: Record<string, string> = {}) => runCli(['config', ...args], { env: { ...env, ...extra }, input });

    const path = await cli(['path']);
    expect(path).toMatchObject({ code: 0, stdout: `${join(dir, 'config.json')}\n` });

    const set = await cli(['set', 'wecom.corpSecret'], `${secret}\n`);
    expect(set.code, set.stderr).toBe(0);
    expect(set.stdout).toBe('');
    expect(set.stderr).not.toContain(secret);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(statSync(join(dir, 'config.json')).mode & 0o777).toBe(0o600);

    const setId = await cli(['set', 'wecom.corpId', 'ww-e2e-corp']);
    expect(setId.code, setId.stderr).toBe(0);
    expect(setId.stderr).not.toMatch(/history/);

    expect(await cli(['get', 'wecom.corpSecret'])).toMatchObject({ code: 0, stdout: '****9876\n' });
    expect(await cli(['get', 'wecom.corpSecret', '--show-secrets'])).toMatchObject({ code: 0, stdout: `${secret}\n` });
    expect(await cli(['get', 'wecom.corpId'])).toMatchObject({ code: 0, stdout: 'ww-e2e-corp\n' });

    const list = await cli(['list']);
    expect(list.code).toBe(0);
    expect(list.stdout.split('\n')).toEqual(expect.arrayContaining(['wecom.corpId=ww-e2e-corp', 'wecom.corpSecret=****9876']));
    expect(list.stdout).not.toContain(secret);

    const listJson = await cli(['list', '--json']);
    const rows = JSON.parse(listJson.stdout) as Row[];
    expect(rows.find((r) => r.key === 'wecom.corpSecret')).toEqual({ key: 'wecom.corpSecret', value: '****9876', source: 'profile' });
    expect(rows.find((r) => r.key === 'tencent.secretKey')).toMatchObject({ value: null });
    expect(listJson.stdout).not.toContain(secret);
    expect((await cli(['list', '--show-secrets'])).stdout.split('\n')).toContain(`wecom.corpSecret=${secret}`);

    // The environment wins over the file.
    expect(await cli(['get', 'wecom.corpId'], undefined, { LIVESTATS_WECOM_CORP_ID: 'ww-from-env' })).toMatchObject({ code: 0, stdout: 'ww-from-env\n' });

    const stored = JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8')) as { profiles: Record<string, Record<string, Record<string, string>>> };
    expect(stored.profiles.default?.wecom).toEqual({ corpSecret: secret, corpId: 'ww-e2e-corp' });

    expect((await cli(['unset', 'wecom.corpId'])).code).toBe(0);
    expect(await cli(['get', 'wecom.corpId'])).toMatchObject({ code: 1, stdout: '' });
    expect(statSync(join(dir, 'config.json')).mode & 0o777).toBe(0o600);
  });

  it('a secret given on the command line is stored but warns about shell history', async () => {
    const env = baseEnv(join(freshDir(), 'cfg'));
    const set = await runCli(['config', 'set', 'polyv.appSecret', 'argv-secret-value-4321'], { env });
    expect(set.code).toBe(0);
    expect(set.stderr).toMatch(/history/);
    expect(set.stderr).not.toContain('argv-secret-value-4321');
    expect((await runCli(['config', 'get', 'polyv.appSecret'], { env })).stdout).toBe('****4321\n');
  });

  it('keeps the mode of an existing config dir (livestats did not create it) and tightens a file readable by others', async () => {
    const dir = join(freshDir(), 'loose');
    mkdirSync(dir);
    chmodSync(dir, 0o755);
    writeFileSync(join(dir, 'config.json'), '{}\n');
    chmodSync(join(dir, 'config.json'), 0o644);
    const set = await runCli(['config', 'set', 'wecom.corpId', 'ww-loose'], { env: baseEnv(dir) });
    expect(set.code, set.stderr).toBe(0);
    expect(statSync(dir).mode & 0o777).toBe(0o755);
    expect(statSync(join(dir, 'config.json')).mode & 0o777).toBe(0o600);
  });
});

/** Shell single quoting as `sandbox` prints it: '…' with each ' written as '\''. */
function unquote(quoted: string): string {
  return quoted.replace(/'\\''/g, "'");
}

function portIsClosed(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(true));
  });
}

describe('sandbox command', () => {
  // Every variable the in-process sandbox hands livestats (the exact list is checked in test/sandbox/server.test.ts).
  const NEEDED = Object.keys(sandboxEnv('http://127.0.0.1:0'));

  it('--port 0 prints export lines a shell accepts, serves watch from another process, and stops on SIGINT', async () => {
    const dir = freshDir();
    const child = spawn(process.execPath, [BIN, 'sandbox', '--port', '0'], { cwd: ROOT, env: baseEnv(dir), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      child.once('exit', (code, signal) => resolve({ code, signal })),
    );
    try {
      const exports = new Map<string, string>();
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no export lines within 10 s:\n${stdout}\n${stderr}`)), 10_000);
        child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
          stdout += chunk;
          for (const line of stdout.split('\n').slice(0, -1)) {
            const match = /^export (LIVESTATS_[A-Z0-9_]+)='((?:[^']|'\\'')*)'$/.exec(line);
            if (match) exports.set(match[1] as string, unquote(match[2] as string));
          }
          if (NEEDED.every((name) => exports.has(name))) {
            clearTimeout(timer);
            resolve();
          }
        });
        child.once('exit', () => reject(new Error(`sandbox exited early:\n${stdout}\n${stderr}`)));
      });
      for (const line of stdout.trimEnd().split('\n')) expect(line).toMatch(/^(#|export LIVESTATS_[A-Z0-9_]+=')/);
      const url = exports.get('LIVESTATS_WECOM_BASE_URL') as string;
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      for (const name of ['LIVESTATS_TENCENT_BASE_URL', 'LIVESTATS_POLYV_BASE_URL', 'LIVESTATS_LIVECOUNT_BASE_URL']) expect(exports.get(name)).toBe(url);

      // sh reads the lines back to the same values.
      const shell = await new Promise<string>((resolve, reject) =>
        execFile('sh', ['-c', `${stdout}\nprintf '%s' "$LIVESTATS_LIVECOUNT_HEADERS"`], { env: {} }, (error, out) => (error ? reject(error) : resolve(out))),
      );
      expect(shell).toBe(exports.get('LIVESTATS_LIVECOUNT_HEADERS'));

      const env = { ...baseEnv(freshDir()), ...Object.fromEntries(exports) };
      const [served, embedded] = await Promise.all([
        runCli(['watch', 'sandbox-5', '--json'], { env }),
        runCli(['watch', 'sandbox-5', '--json', '--sandbox'], { env: baseEnv(freshDir()) }),
      ]);
      expect(served.code, served.stderr).toBe(0);
      const rows = JSON.parse(served.stdout) as Row[];
      expect(rows).toHaveLength(5);
      expect(rows.every((r) => r.living_id === 'sandbox-5')).toBe(true);
      expect(served.stdout).toBe(embedded.stdout);

      child.kill('SIGINT');
      const timeout = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), 5_000));
      const end = await Promise.race([exited, timeout]);
      // Ctrl-C is how the sandbox is meant to be stopped: it ends by itself, not killed by the signal.
      expect(end).not.toBe('timeout');
      expect(end).toMatchObject({ signal: null });
      expect([0, 130]).toContain((end as { code: number | null }).code);
      expect(stderr).toBe('');
      expect(await portIsClosed(Number(new URL(url).port))).toBe(true);
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
  });
});

describe('--dry-run', () => {
  const CASES: Array<[string, string[], RegExp, number]> = [
    ['watch', ['watch', 'sandbox-3', 'sandbox-4'], /\/cgi-bin\/(gettoken|living\/get_watch_stat)\?/, 3],
    ['gifts', ['gifts', '--room', 'room-e2e', '--from', 'alice', 'bob'], /\/v4\/live_engine_http_srv\/get_gift_count\?/, 2],
    ['redpacks', ['redpacks', '--channel', 'sandbox-5', 'sandbox-6'], /\/live\/v4\/channel\/red-pack\/statistics\/list\?/, 2],
    ['redpacks --receives', ['redpacks', '--channel', 'sandbox-5', '--receives'], /\/live\/v4\/channel\/red-pack\/statistics\/list\?/, 1],
    ['livecount', ['livecount', '--room', '1024'], /\/sandbox\/Invitation\/Api\/Actions\/LiveCount$/, 1],
  ];

  it.each(CASES)('%s prints its requests with every secret redacted, and sends nothing', async (_name, args, path, count) => {
    const before = JSON.stringify(sandbox.stats);
    const result = await runCli([...args, '--dry-run'], { env: sandboxedEnv(freshDir(), sandbox) });
    expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: '' });
    const requests = result.stdout.split('\n').filter((line) => /^(GET|POST) /.test(line));
    expect(requests).toHaveLength(count);
    for (const line of requests) {
      expect(line.startsWith(`GET ${sandbox.url}/`) || line.startsWith(`POST ${sandbox.url}/`), line).toBe(true);
      expect(line).toMatch(path);
    }
    for (const secret of BUILT_IN_SECRETS) expect(result.stdout).not.toContain(secret);
    // Query parameters that carry a credential show a placeholder, never a value.
    for (const match of result.stdout.matchAll(/[?&](access_token|usersig|sign|corpsecret)=([^&\s]*)/gi)) {
      expect(decodeURIComponent(match[2] as string), match[0]).toMatch(/^\[?REDACTED\]?$/i);
    }
    expect(JSON.stringify(sandbox.stats)).toBe(before);
  });

  it('the requests carry the ids asked for', async () => {
    const env = sandboxedEnv(freshDir(), sandbox);
    const [watch, gifts, redpacks, livecount] = await Promise.all([
      runCli(['watch', 'sandbox-3', 'sandbox-4', '--dry-run'], { env }),
      runCli(['gifts', '--room', 'room-e2e', '--from', 'alice', 'bob', '--dry-run'], { env }),
      runCli(['redpacks', '--channel', 'sandbox-5', 'sandbox-6', '--dry-run'], { env }),
      runCli(['livecount', '--room', '1024', '--dry-run'], { env }),
    ]);
    expect(watch.stdout).toMatch(/"livingid": "sandbox-3"[\s\S]*"livingid": "sandbox-4"/);
    expect(gifts.stdout).toMatch(/"From_Account": "alice"[\s\S]*"From_Account": "bob"/);
    expect(gifts.stdout.match(/"RoomId": "room-e2e"/g)).toHaveLength(2);
    expect(redpacks.stdout).toMatch(/channelId=sandbox-5[\s\S]*channelId=sandbox-6/);
    expect(livecount.stdout).toMatch(/"room_id": 1024/);
    // The auth header is named, its value is not shown.
    expect(livecount.stdout).toMatch(/^x-sandbox-auth: \S+/im);
    expect(livecount.stdout).not.toContain(SANDBOX_CREDENTIALS.livecount.authToken);
  });
});
