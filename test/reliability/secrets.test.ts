// No secret reaches stdout or stderr: every access token, UserSig and sign that went on the wire (recorded
// independently of livestats' own redactor), every configured secret and auth header value, in --verbose logs,
// --dry-run output, error messages and validation errors that echo what the user gave.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ExitCode } from '../../src/errors.js';
import { SANDBOX_CREDENTIALS } from '../../src/sandbox/credentials.js';
import type { FaultRule } from '../../src/sandbox/server.js';
import { runCli } from '../helpers/cli.js';
import { useConfigFile } from '../helpers/context.js';
import { recordingDispatcher, runAgainstSandbox, type SandboxRun, type SentRequest } from './helpers.js';

const CONFIGURED = [
  SANDBOX_CREDENTIALS.wecom.corpSecret,
  SANDBOX_CREDENTIALS.tencent.secretKey,
  SANDBOX_CREDENTIALS.polyv.appSecret,
  SANDBOX_CREDENTIALS.livecount.authToken,
];

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

interface Observed {
  run: SandboxRun;
  output: string;
  sent: SentRequest[];
}

async function observe(argv: string[], faults: FaultRule[] = [], env?: Record<string, string>): Promise<Observed> {
  const recorder = recordingDispatcher();
  cleanups.push(recorder.close);
  const run = await runAgainstSandbox(argv, {
    faults,
    sandbox: { wecomPageSize: 10 },
    context: { dispatcher: recorder.dispatcher },
    ...(env ? { env } : {}),
  });
  return { run, output: run.stdout + run.stderr, sent: recorder.sent };
}

/** What went on the wire that only the provider may see: tokens, signatures and auth header values. */
function wireSecrets(sent: readonly SentRequest[]): string[] {
  const found = new Set<string>();
  for (const request of sent) {
    for (const name of ['access_token', 'corpsecret', 'usersig', 'sign']) {
      const value = request.url.searchParams.get(name);
      if (value) found.add(value);
    }
    const auth = request.headers['x-sandbox-auth'];
    if (auth) found.add(auth);
  }
  return [...found];
}

/** Each secret as it could be printed: as is, and URL-encoded the two ways a query string may hold it. */
function forms(secret: string): string[] {
  return [...new Set([secret, encodeURIComponent(secret), new URLSearchParams({ s: secret }).toString().slice(2)])];
}

function expectNoneOf(output: string, secrets: readonly string[]): void {
  for (const secret of secrets) for (const form of forms(secret)) expect(output, `leaked ${form}`).not.toContain(form);
}

describe('--verbose runs of every export', () => {
  it('print every request and retry, with no token, UserSig, sign, secret or header value in them', async () => {
    const runs = await Promise.all([
      observe(['watch', 'sandbox-25', '--verbose', '--json'], [{ provider: 'wecom', kind: 'expireToken', onRequest: 2 }]),
      observe(['gifts', '--room', 'r1', '--from', 'a', 'b', 'c', '--concurrency', '1', '--verbose', '--json'], [
        { provider: 'tencent', kind: 'expireToken', onRequest: 2 },
        { provider: 'tencent', kind: 'busy', onRequest: 3 },
      ]),
      observe(['redpacks', '--channel', 'sandbox-1500', '--verbose', '--json'], [{ provider: 'polyv', kind: 'invalidTimestamp', onRequest: 1 }]),
      observe(['livecount', '--room', '12', '--verbose', '--json'], [{ provider: 'livecount', kind: 'http503', onRequest: 1 }]),
      observe(['doctor', '--verbose', '--json']),
      // The discovery calls: get_user_all_livingid and get_living_info (a GET, its token in the query), get_room_list and get_room_stats.
      observe(['livings', '--user', 'sandbox-anchor', '--verbose', '--json'], [{ provider: 'wecom', kind: 'expireToken', onRequest: 3 }]),
      observe(['rooms', '--limit', '3', '--verbose', '--json'], [{ provider: 'tencent', kind: 'expireToken', onRequest: 2 }]),
    ]);
    const seen = runs.flatMap((r) => wireSecrets(r.sent));
    // The recorder saw what the scan looks for: two tokens, UserSigs and signs, the auth header.
    expect(seen.filter((s) => s.startsWith('sbx')).length).toBeGreaterThanOrEqual(2);
    expect(seen.filter((s) => /^[0-9A-F]{32}$/.test(s)).length).toBeGreaterThanOrEqual(3);
    expect(seen).toContain(SANDBOX_CREDENTIALS.livecount.authToken);
    const [livings, rooms] = runs.slice(-2).map((r) => r.run.stderr);
    expect(livings).toMatch(/→ GET \S+\/get_living_info\?access_token=\[REDACTED\]&livingid=/);
    expect(rooms).toMatch(/→ POST \S+\/get_room_stats\?\S*usersig=\[REDACTED\]&/);
    for (const { run, output } of runs) {
      expect(run.code).toBe(ExitCode.ok);
      expect(run.stderr).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z livestats: → (GET|POST) http:\/\/127\.0\.0\.1:/m);
      expectNoneOf(output, [...seen, ...CONFIGURED]);
    }
  });
});

describe('error messages', () => {
  const WRONG = 'wrong-but-real-looking-secret-9f8e7d';

  it.each<[string, string[], Record<string, string>, number]>([
    ['a refused WeCom secret', ['watch', 'lv1', '--verbose'], { LIVESTATS_WECOM_CORP_SECRET: WRONG }, ExitCode.auth],
    ['a refused Tencent key', ['gifts', '--room', 'r', '--from', 'a', '--verbose'], { LIVESTATS_TENCENT_SECRET_KEY: WRONG }, ExitCode.auth],
    ['a refused Polyv secret', ['redpacks', '--channel', '2812610', '--verbose'], { LIVESTATS_POLYV_APP_SECRET: WRONG }, ExitCode.auth],
    ['a refused LiveCount header', ['livecount', '--room', '3', '--verbose'], { LIVESTATS_LIVECOUNT_HEADERS: JSON.stringify({ 'X-Sandbox-Auth': WRONG }) }, ExitCode.auth],
  ])('%s: exit %#, and neither the secret nor what was signed with it is printed', async (_name, argv, env, code) => {
    const { run, output, sent } = await observe(argv, [], env);
    expect(run.code).toBe(code);
    expect(run.stderr).toMatch(/^livestats: .*(refused|rejected)/m);
    expectNoneOf(output, [WRONG, ...wireSecrets(sent), ...CONFIGURED]);
  });

  it('retries that run out (busy, then timeouts) name the failure but no token or UserSig', async () => {
    const busy = await observe(['watch', 'sandbox-25', '--verbose', '--retries', '1'], [{ provider: 'wecom', kind: 'busy', every: 1 }]);
    const hung = await observe(['gifts', '--room', 'r', '--from', 'a', '--verbose', '--retries', '1', '--timeout', '100'], [
      { provider: 'tencent', kind: 'hang', every: 1 },
    ]);
    expect(busy.run.code).toBe(ExitCode.provider);
    expect(hung.run.code).toBe(ExitCode.network);
    for (const { output, sent } of [busy, hung]) expectNoneOf(output, [...wireSecrets(sent), ...CONFIGURED]);
  });
});

describe('--dry-run', () => {
  it.each<[string, string[], RegExp]>([
    ['watch', ['watch', 'lv1'], /corpsecret=\[REDACTED\]/],
    ['gifts', ['gifts', '--room', 'r', '--from', 'a', 'b'], /usersig=\[REDACTED\]&/],
    ['redpacks', ['redpacks', '--channel', '2812610'], /&sign=\[REDACTED\]$/m],
    ['livecount', ['livecount', '--room', '3'], /^X-Sandbox-Auth: \[REDACTED\]$/m],
  ])('%s prints the requests with every secret replaced, and sends nothing', async (_name, argv, redacted) => {
    const { run, output, sent } = await observe([...argv, '--dry-run']);
    expect(run.code).toBe(ExitCode.ok);
    expect(sent).toEqual([]);
    expect(run.stdout).toMatch(redacted);
    expectNoneOf(output, CONFIGURED);
    // No signature-like value is left next to a secret parameter name.
    expect(run.stdout).not.toMatch(/(access_token|corpsecret|usersig|sign)=(?!\[REDACTED\])[^&\s]/);
  });
});

describe('validation errors that would echo the input', () => {
  const SECRET = 'hunter2-secret-value';

  it.each<[string, string[], Record<string, string>, number]>([
    ['LIVESTATS_LIVECOUNT_HEADERS that is not JSON', ['livecount', '--room', '3'], { LIVESTATS_LIVECOUNT_HEADERS: `{"Authorization": Bearer ${SECRET}}` }, ExitCode.config],
    ['LIVESTATS_LIVECOUNT_HEADERS with a bad header name', ['livecount', '--room', '3'], { LIVESTATS_LIVECOUNT_HEADERS: JSON.stringify({ Authorization: SECRET, 'bad name': 'x' }) }, ExitCode.config],
    ['LIVESTATS_LIVECOUNT_HEADERS with a line break in a value', ['livecount', '--room', '3'], { LIVESTATS_LIVECOUNT_HEADERS: JSON.stringify({ Authorization: `${SECRET}\r\nX: y` }) }, ExitCode.config],
    ['a base URL with a password in it', ['redpacks', '--channel', '1'], { LIVESTATS_POLYV_BASE_URL: `https://user:${SECRET}@api.example.com` }, ExitCode.config],
    ['a plain-http base URL with a token in its query', ['watch', 'lv1'], { LIVESTATS_WECOM_BASE_URL: `http://example.com/?token=${SECRET}` }, ExitCode.config],
  ])('%s: exit %#, names the setting, never prints the value', async (_name, argv, env, code) => {
    const run = await runAgainstSandbox([...argv, '--verbose'], { env });
    expect(run.code).toBe(code);
    expect(run.stderr).toMatch(/LIVESTATS_[A-Z_]+/);
    expect(run.stderr).not.toContain(SECRET);
  });

  it('config set of a malformed secret value on the command line does not print it back', async () => {
    const run = await runCli(['config', 'set', 'livecount.headers', JSON.stringify({ 'X-Token': SECRET, 'bad name': 'v' })]);
    expect(run.code).toBe(ExitCode.usage);
    expect(run.stderr).toContain('"bad name"');
    expect(run.stderr).not.toContain(SECRET);
  });

  it('config set of a base URL with a password does not print it back', async () => {
    const run = await runCli(['config', 'set', 'polyv.baseUrl', `https://me:${SECRET}@api.polyv.net`]);
    expect(run.code).toBe(ExitCode.usage);
    expect(run.stderr).not.toContain(SECRET);
  });

  it('a config file that is not JSON is reported without quoting its text, even with --verbose', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'livestats-rel-secrets-'));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    // A hand edit that forgot the quotes around the secret.
    await writeFile(join(dir, 'config.json'), `{"profiles":{"default":{"wecom":{"corpSecret":${SECRET}}}}}`);
    const run = await runAgainstSandbox(['watch', 'lv1', '--verbose'], {
      prepare: (ctx) => {
        useConfigFile(ctx, dir);
      },
    });
    expect(run.code).toBe(ExitCode.config);
    expect(run.stderr).toContain('is not valid JSON');
    expect(run.stderr).not.toContain(SECRET);
    expect(run.stderr).not.toContain('hunter2');
  });
});
