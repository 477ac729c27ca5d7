// --log-format json through the real binary: every stderr line is one JSON object with time, level and message;
// a failed run ends with the error object of its kind and exit code, a successful export with the done line.
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REDACTED } from '../../src/http/redact.js';
import { startSandbox, type RunningSandbox } from '../../src/sandbox/server.js';
import { baseEnv, configDirPool, runCli, sandboxedEnv, STACK_FRAME, type CliResult } from './cli-runner.js';

let sandbox: RunningSandbox;
let slow: RunningSandbox;
const { freshDir, cleanupConfigDirs } = configDirPool();
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const LEVELS = ['debug', 'info', 'warn', 'error'];

beforeAll(async () => {
  [sandbox, slow] = await Promise.all([startSandbox(), startSandbox({ latencyMs: 200, wecomPageSize: 100 })]);
});

afterAll(async () => {
  await Promise.all([sandbox?.close(), slow?.close()]);
  cleanupConfigDirs();
});

function runExternal(args: readonly string[], overrides: Record<string, string> = {}, target = sandbox): Promise<CliResult> {
  return runCli(args, { env: sandboxedEnv(freshDir(), target, overrides) });
}

/** Every stderr line parsed; each must be a JSON object with an RFC 3339 time, a level and a message. */
function logLines(result: CliResult): Array<Record<string, unknown>> {
  expect(result.stderr.endsWith('\n'), result.stderr).toBe(true);
  const lines = result.stderr.slice(0, -1).split('\n');
  return lines.map((line) => {
    const object = JSON.parse(line) as Record<string, unknown>;
    expect(object.time, line).toMatch(RFC3339);
    expect(LEVELS, line).toContain(object.level);
    expect(typeof object.message, line).toBe('string');
    return object;
  });
}

function lastError(result: CliResult, code: number): Record<string, unknown> {
  expect({ code: result.code, stderr: result.stderr }).toMatchObject({ code });
  expect(result.stderr).not.toMatch(STACK_FRAME);
  const last = logLines(result).at(-1) ?? {};
  expect(last).toMatchObject({ level: 'error', exit_code: code });
  return last;
}

describe('a failed run ends with the error object of its kind', () => {
  it('usage: an unknown option (exit 2), with the flag or the environment', async () => {
    const [flag, env] = await Promise.all([
      runCli(['watch', 'sandbox-1', '--sandbox', '--bogus-flag', '--log-format', 'json'], { env: baseEnv(freshDir()) }),
      runCli(['watch', 'sandbox-1', '--sandbox', '--bogus-flag'], { env: { ...baseEnv(freshDir()), LIVESTATS_LOG_FORMAT: 'json' } }),
    ]);
    for (const result of [flag, env]) {
      const last = lastError(result, 2);
      expect(last).toMatchObject({ error: 'usage' });
      expect(last.message).toMatch(/--bogus-flag/);
      expect(last.hint).toMatch(/--help/);
    }
  });

  it('not_set: config get of a key that is not set (exit 1, as git config), not an internal error', async () => {
    const result = await runCli(['config', 'get', 'tz', '--log-format', 'json'], { env: baseEnv(freshDir()) });
    expect(lastError(result, 1)).toMatchObject({ error: 'not_set' });
    expect(result.stdout).toBe('');
  });

  it('config: a missing setting with an empty config dir and no --sandbox (exit 3)', async () => {
    const result = await runCli(['watch', 'sandbox-1', '--log-format=json'], { env: baseEnv(freshDir()) });
    const last = lastError(result, 3);
    expect(last).toMatchObject({ error: 'config' });
    expect(`${String(last.message)} ${String(last.hint)}`).toMatch(/LIVESTATS_WECOM_CORP_ID/);
    expect(result.stdout).toBe('');
  });

  it('credentials: a wrong secret (exit 4) names provider and code, never the secret', async () => {
    const secret = 'wrong-wecom-secret-logs';
    const result = await runExternal(['watch', 'sandbox-3', '--log-format', 'json'], { LIVESTATS_WECOM_CORP_SECRET: secret });
    expect(lastError(result, 4)).toMatchObject({ error: 'credentials', provider: 'WeCom', provider_code: 40001 });
    expect(result.stderr).not.toContain(secret);
  });

  it('provider: an unknown living (exit 5) with the provider code', async () => {
    const result = await runCli(['watch', 'sandbox-missing', '--sandbox', '--log-format', 'json'], { env: baseEnv(freshDir()) });
    const last = lastError(result, 5);
    expect(last).toMatchObject({ error: 'provider', provider: 'WeCom', provider_code: 40058 });
    expect(last.hint).toMatch(/living id/);
  });

  it('network: a closed port with --retries 0 (exit 6)', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    const result = await runExternal(['watch', 'sandbox-3', '--retries', '0', '--log-format', 'json'], { LIVESTATS_WECOM_BASE_URL: `http://127.0.0.1:${port}` });
    expect(lastError(result, 6)).toMatchObject({ error: 'network', provider: 'WeCom' });
  });

  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)('interrupted: %s during an export exits %i and says so in the last line', async (signal, code) => {
    let child: ChildProcess | undefined;
    let seen = false;
    const result = await runCli(['watch', 'sandbox-100000', '--csv', '--log-format', 'json'], {
      env: sandboxedEnv(freshDir(), slow),
      onSpawn: (c) => {
        child = c;
        c.stdout!.on('data', () => {
          if (!seen) setTimeout(() => child!.kill(signal), 100);
          seen = true;
        });
      },
    });
    expect(seen).toBe(true);
    expect(lastError(result, code)).toMatchObject({ error: 'interrupted' });
  });

  // An internal error (exit 1) has no safe trigger in the real binary; test/io/log.test.ts covers its object.
});

describe('a successful export ends with the done line', () => {
  it('on stdout: rows, pages, requests, retries, duration and output null; nothing else on stderr', async () => {
    const result = await runCli(['watch', 'sandbox-3', '--sandbox', '--json', '--log-format', 'json'], { env: baseEnv(freshDir()) });
    expect(result.code).toBe(0);
    const lines = logLines(result);
    expect(lines).toHaveLength(1);
    const done = lines[0] ?? {};
    expect(done).toMatchObject({ level: 'info', message: 'done', command: 'watch', rows: 3, pages: 1, retries: 0, output: null });
    // gettoken and one page of viewers.
    expect(done.requests).toBe(2);
    expect(done.duration_ms).toEqual(expect.any(Number));
    expect(JSON.parse(result.stdout)).toHaveLength(3);
  });

  it('with -o: the path; text mode prints nothing new', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'livestats-logs-'));
    try {
      const target = join(dir, 'gifts.csv');
      const [json, text] = await Promise.all([
        runCli(['gifts', '--room', 'room-logs', '--from', 'alice', 'bob', '--sandbox', '-o', target, '--log-format', 'json'], { env: baseEnv(freshDir()) }),
        runCli(['gifts', '--room', 'room-logs', '--from', 'alice', 'bob', '--sandbox', '-o', join(dir, 'text.csv')], { env: baseEnv(freshDir()) }),
      ]);
      expect(json.code).toBe(0);
      expect(logLines(json).at(-1)).toMatchObject({ message: 'done', command: 'gifts', rows: 2, pages: 2, requests: 2, output: target });
      expect(readFileSync(target, 'utf8')).toMatch(/^room_id,/);
      expect(text).toMatchObject({ code: 0, stderr: '' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the discovery exports end with the done line too, counting the whole run', () => {
  // pages: every answer taken as data (list pages and per-living or per-room calls, not the token), as the
  // sandbox counted them; duration: from the start of the run, so at least the span of the sandbox's arrivals.
  it.each([
    ['livings', ['livings', '--user', 'sandbox-anchor'], ['get_user_all_livingid', 'get_living_info']],
    ['watch', ['watch', '--user', 'sandbox-anchor', '--since', '-30d'], ['get_user_all_livingid', 'get_living_info', 'get_watch_stat']],
    ['rooms', ['rooms', '--no-stats'], ['get_room_list']],
  ] as const)('%s', async (command, args, dataEndpoints) => {
    sandbox.resetStats();
    const result = await runExternal([...args, '--json', '--log-format', 'json']);
    expect(result.code, result.stderr).toBe(0);
    const last = logLines(result).at(-1) ?? {};
    expect(last).toMatchObject({ level: 'info', message: 'done', command, output: null });
    expect(last.rows).toBe((JSON.parse(result.stdout) as unknown[]).length);
    const { requests, firstArrivalMs, lastArrivalMs } = sandbox.stats;
    const dataRequests = dataEndpoints.reduce((sum, endpoint) => sum + requests[endpoint], 0);
    expect(dataRequests).toBeGreaterThan(1);
    expect(last.pages).toBe(dataRequests - (last.retries as number));
    expect(last.requests).toBe(dataRequests + requests.gettoken);
    const arrivals = dataEndpoints.flatMap((endpoint) => [firstArrivalMs[endpoint], lastArrivalMs[endpoint]]).filter((t) => t !== undefined);
    expect(last.duration_ms).toBeGreaterThanOrEqual(Math.max(...arrivals) - Math.min(...arrivals));
  });
});

describe('-v in json mode', () => {
  it('gives debug objects for each request, with the access token redacted', async () => {
    const result = await runExternal(['watch', 'sandbox-3', '--json', '-v', '--log-format', 'json']);
    expect(result.code).toBe(0);
    const lines = logLines(result);
    const debug = lines.filter((l) => l.level === 'debug').map((l) => String(l.message));
    expect(debug.some((m) => m.includes('gettoken'))).toBe(true);
    expect(debug.some((m) => m.includes(`access_token=${REDACTED}`))).toBe(true);
    expect(result.stderr).not.toMatch(/access_token=(?!\[REDACTED\])/);
    expect(result.stderr).not.toContain(sandbox.env.LIVESTATS_WECOM_CORP_SECRET);
    expect(lines.at(-1)).toMatchObject({ message: 'done', requests: 2 });
  });
});
