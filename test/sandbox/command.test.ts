// The `livestats sandbox` command: option checks, the export lines a shell reads back, and serving until aborted.
import { execFileSync } from 'node:child_process';
import { PassThrough } from 'node:stream';
import { Agent, request } from 'undici';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { CommandInput } from '../../src/cli.js';
import type { GlobalOptions } from '../../src/cli/global-options.js';
import { exportLines, parseSandboxOptions, run } from '../../src/commands/sandbox.js';
import type { Context } from '../../src/context.js';
import { UsageError } from '../../src/errors.js';
import { Redactor } from '../../src/http/redact.js';
import { Logger } from '../../src/io/log.js';
import { main } from '../../src/main.js';
import { startSandbox, type RunningSandbox } from '../../src/sandbox/server.js';

function fakeContext(signal: AbortSignal): { ctx: Context; stdout: () => string; stderr: () => string } {
  const out = new PassThrough();
  const err = new PassThrough();
  let stdout = '';
  let stderr = '';
  out.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  err.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const redactor = new Redactor();
  const ctx: Context = {
    io: { stdin: new PassThrough(), stdout: out, stderr: err, stdinIsTTY: false, stdoutIsTTY: false, stderrIsTTY: false, columns: undefined, colorEnabled: false },
    env: {},
    now: () => 1_700_000_000_000,
    random: () => 0.5,
    sleep: undefined,
    dispatcher: undefined,
    configDir: '/nonexistent',
    openSettings: () => Promise.reject(new Error('the sandbox command must not read the settings')),
    openStore: () => Promise.reject(new Error('the sandbox command must not open the store')),
    signal,
    version: '0.0.0-test',
    redactor,
    log: new Logger(() => err, redactor, () => 1_700_000_000_000),
  };
  return { ctx, stdout: () => stdout, stderr: () => stderr };
}

function input(options: Record<string, unknown>): CommandInput {
  return { args: [], options, global: { quiet: false } as GlobalOptions };
}

const agent = new Agent();
afterAll(() => agent.close());
let other: RunningSandbox | undefined;
afterEach(async () => {
  await other?.close();
  other = undefined;
});

describe('sandbox command options', () => {
  it('defaults to a free port, no latency and no failures', () => {
    expect(parseSandboxOptions({})).toEqual({ port: 0, latencyMs: 0, failRate: 0 });
    expect(parseSandboxOptions({ port: '8080', latency: '50', failRate: '0.25' })).toEqual({ port: 8080, latencyMs: 50, failRate: 0.25 });
    expect(parseSandboxOptions({ failRate: '1' }).failRate).toBe(1);
  });

  it.each([
    [{ port: 'abc' }, '--port'],
    [{ port: '65536' }, '--port'],
    [{ port: '-1' }, '--port'],
    [{ latency: '1.5' }, '--latency'],
    [{ failRate: '1.01' }, '--fail-rate'],
    [{ failRate: 'half' }, '--fail-rate'],
    [{ failRate: '' }, '--fail-rate'],
  ])('refuses %j with a one-line usage error naming %s', (options, name) => {
    let error: unknown;
    try {
      parseSandboxOptions(options);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).exitCode).toBe(2);
    expect((error as UsageError).message).toContain(name);
    expect((error as UsageError).message).not.toContain('\n');
  });
});

describe('sandbox command', () => {
  it('prints the URL and exports, serves until aborted, then closes', async () => {
    const abort = new AbortController();
    const { ctx, stdout } = fakeContext(abort.signal);
    const running = run(ctx, input({ port: '0' }));
    while (!stdout().includes('LIVESTATS_LIVECOUNT_HEADERS')) await new Promise((resolve) => setImmediate(resolve));
    const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout())?.[1];
    expect(url).toBeDefined();
    expect(stdout()).toContain(`export LIVESTATS_WECOM_BASE_URL='${url}'`);
    const answer = await request(`${url}/`, { dispatcher: agent });
    expect(answer.statusCode).toBe(200);
    await answer.body.text();
    abort.abort();
    await expect(running).resolves.toBeUndefined();
    await expect(request(`${url}/`, { dispatcher: agent })).rejects.toThrow();
  });

  it('is wired into the program: a bad option exits 2 with one line on stderr', async () => {
    const { ctx, stdout, stderr } = fakeContext(new AbortController().signal);
    expect(await main(['sandbox', '--fail-rate', '2'], ctx)).toBe(2);
    expect(stderr()).toMatch(/^livestats: --fail-rate must be a number from 0 to 1, got "2"\n$/);
    expect(stdout()).toBe('');
  });

  it('turns a port in use into a usage error', async () => {
    other = await startSandbox({});
    const abort = new AbortController();
    abort.abort();
    await expect(run(fakeContext(abort.signal).ctx, input({ port: String(other.port) }))).rejects.toMatchObject({ exitCode: 2, message: expect.stringContaining('in use') });
  });

  it('prints exports a POSIX shell reads back unchanged', () => {
    const env = { A_URL: 'http://127.0.0.1:1', B_JSON: '{"X-Auth":"it\'s $HOME `x`"}' };
    const script = `${exportLines({ url: 'http://127.0.0.1:1', env })}printf '%s|%s' "$A_URL" "$B_JSON"`;
    expect(execFileSync('sh', ['-c', script], { encoding: 'utf8' })).toBe(`${env.A_URL}|${env.B_JSON}`);
  });
});
