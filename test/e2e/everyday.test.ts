// Everyday use through the real binary: help for a bare command, `help nosuch`, doctor's last line naming every
// failing provider, -q on config set, timestamps on -v lines, the provider hints of WeCom 92008 and LiveCount
// 401/403, and the `gifts --help` pipeline from a watch CSV.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../../src/sandbox/server.js';
import { baseEnv, BIN, runCli, sandboxedEnv, STACK_FRAME, useSandboxAndConfigDirs } from './cli-runner.js';

let sandbox!: RunningSandbox;
const { freshDir } = useSandboxAndConfigDirs((started) => (sandbox = started));
const run = promisify(execFile);

describe('help', () => {
  it('bare `livestats` and `livestats config` print help on stdout and exit 0', async () => {
    const [bare, config] = await Promise.all([runCli([], { env: baseEnv(freshDir()) }), runCli(['config'], { env: baseEnv(freshDir()) })]);
    expect({ code: bare.code, stderr: bare.stderr }).toEqual({ code: 0, stderr: '' });
    expect(bare.stdout).toMatch(/^Usage: livestats \[options\] \[command\]\n/);
    expect(bare.stdout).toContain('completion');
    expect({ code: config.code, stderr: config.stderr }).toEqual({ code: 0, stderr: '' });
    expect(config.stdout).toMatch(/^Usage: livestats config \[options\] \[command\]\n/);
  });

  it('`livestats help nosuch` is a usage error (exit 2) that names it, with nothing on stdout', async () => {
    const result = await runCli(['help', 'nosuch'], { env: baseEnv(freshDir()) });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^livestats: help: unknown command "nosuch"\n {2}hint: Commands of livestats: watch, /);
  });
});

describe('doctor', () => {
  it('names every provider that is not working and why, exits with the worst code, and prints one JSON object per provider', async () => {
    const env = sandboxedEnv(freshDir(), sandbox, {
      LIVESTATS_TENCENT_SECRET_KEY: 'doctor-wrong-key-e2e',
      LIVESTATS_POLYV_BASE_URL: 'http://127.0.0.1:9',
    });
    const result = await runCli(['doctor', '--json', '--retries', '0'], { env });
    expect(result.code).toBe(4);
    const rows = JSON.parse(result.stdout) as Array<Record<string, unknown>>;
    expect(rows.map((r) => [r.provider, r.status])).toEqual([
      ['wecom', 'ok'],
      ['tencent', 'rejected'],
      ['polyv', 'unreachable'],
      ['livecount', 'ok'],
    ]);
    const lines = result.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toBe('livestats: doctor: tencent rejected the credentials, polyv is unreachable');
    expect(lines[1]).toMatch(/^ {2}hint: Fix the rejected credentials .*Check the network/);
    expect(result.stdout + result.stderr).not.toContain('doctor-wrong-key-e2e');
  });
});

describe('-q and -v', () => {
  it('-q silences config set\'s confirmation line; without it the line names key and profile', async () => {
    const env = baseEnv(freshDir());
    const loud = await runCli(['config', 'set', 'wecom.corpId', 'ww-loud'], { env });
    expect(loud.code).toBe(0);
    expect(loud.stderr).toMatch(/^livestats: saved wecom\.corpId in profile "default" \(/);
    const quiet = await runCli(['config', 'set', 'wecom.corpId', 'ww-quiet', '-q'], { env });
    expect(quiet).toMatchObject({ code: 0, stdout: '', stderr: '' });
    expect((await runCli(['config', 'get', 'wecom.corpId'], { env })).stdout).toBe('ww-quiet\n');
  });

  it('every -v line starts with an ISO time', async () => {
    const result = await runCli(['watch', 'sandbox-12', '-v', '--json', '--limit', '2'], { env: sandboxedEnv(freshDir(), sandbox) });
    expect(result.code).toBe(0);
    const lines = result.stderr.trimEnd().split('\n');
    expect(lines.length).toBeGreaterThanOrEqual(3);
    for (const line of lines) expect(line).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z livestats: /);
    expect(result.stderr).toMatch(/Z livestats: → POST http:\/\/127\.0\.0\.1:\d+\/cgi-bin\/living\/get_watch_stat/);
  });
});

describe('provider hints', () => {
  it('WeCom 92008 exits 5 and the hint says an app sees only its own livings, naming the living', async () => {
    const result = await runCli(['watch', 'sandbox-forbidden', '--json'], { env: sandboxedEnv(freshDir(), sandbox) });
    expect(result.code).toBe(5);
    expect(result.stdout).toBe('');
    expect(result.stderr).not.toMatch(STACK_FRAME);
    const lines = result.stderr.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^livestats: WeCom get_watch_stat for living sandbox-forbidden: .*code 92008/);
    expect(lines[1]).toMatch(/^ {2}hint: An app sees only the livings it created, and living sandbox-forbidden was not created/);
  });

  it('LiveCount refusing the headers exits 4, names LiveCount once and points to livecount.headers', async () => {
    const env = sandboxedEnv(freshDir(), sandbox, { LIVESTATS_LIVECOUNT_HEADERS: JSON.stringify({ 'X-Sandbox-Auth': 'wrong-livecount-token' }) });
    const result = await runCli(['livecount', '--room', '1', '--json'], { env });
    expect(result.code).toBe(4);
    expect(result.stderr).not.toContain('LiveCount LiveCount');
    expect(result.stderr).toMatch(/^livestats: LiveCount Invitation\/Api\/Actions\/LiveCount refused the credentials \(HTTP 40[13]\)\n/);
    expect(result.stderr).toMatch(/\n {2}hint: .*livestats config set livecount\.headers/);
    expect(result.stderr).not.toContain('wrong-livecount-token');
  });
});

describe('gifts --help', () => {
  it('shows a watch-to-gifts pipeline that sends only real account ids', async () => {
    const help = await runCli(['gifts', '--help'], { env: baseEnv(freshDir()) });
    const example = help.stdout.split('\n').find((line) => line.includes('| livestats gifts'));
    expect(example?.trim()).toBe('$ livestats watch lv_1 --csv --fields userid | tail -n +2 | livestats gifts --room room_1 --from-file -');

    // The same pipeline against the sandbox: watch's CSV has blank cells for external viewers and a header.
    const env = sandboxedEnv(freshDir(), sandbox);
    const livestats = `${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)}`;
    const watch = await run('bash', ['-c', `${livestats} watch sandbox-12 --csv --fields userid`], { env });
    const ids = watch.stdout.split('\n').slice(1).filter((id) => id !== '');
    expect(watch.stdout.split('\n').slice(1)).toContain('');
    const pipeline = example!.trim().slice(2).replaceAll('livestats ', `${livestats} `).replace('lv_1', 'sandbox-12');
    const gifts = await run('bash', ['-o', 'pipefail', '-c', `${pipeline} --json`], { env });
    const rows = JSON.parse(gifts.stdout) as Array<{ from_account: string }>;
    expect(rows.map((r) => r.from_account)).toEqual(ids);
    expect(ids.length).toBeGreaterThan(0);
    expect(ids).not.toContain('userid');
  });
});
