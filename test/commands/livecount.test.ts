import { describe, expect, it } from 'vitest';
import { parseGlobalOptions } from '../../src/cli/global-options.js';
import { run } from '../../src/commands/livecount.js';
import { ExitCode, UsageError } from '../../src/errors.js';
import { capturingRunner, runCli } from '../helpers/cli.js';
import { testContext } from '../helpers/context.js';
import {
  expectLiveCount,
  fixtureText,
  SETTINGS,
  SHORT_SECRET,
  TOKEN,
  useMockAgent,
} from '../providers/livecount/harness.js';

const agent = useMockAgent();

/** Through commander and main's error mapping, with this command's run (not the loader) behind it. */
const runner = capturingRunner((_name, input, ctx) => run(ctx, input)).runner;
const cli = (argv: string[], settings: typeof SETTINGS | Record<string, never> = SETTINGS, stdoutIsTTY = false) =>
  runCli(argv, { dispatcher: agent(), settings, stdoutIsTTY }, runner);

describe('livestats livecount', () => {
  it('writes one JSON row with every contract column, orders flattened', async () => {
    expectLiveCount(agent(), 200, fixtureText('snake-case'));
    const { code, stdout } = await cli(['livecount', '--room', '42', '--json']);
    expect(code).toBe(ExitCode.ok);
    const rows = JSON.parse(stdout) as Array<Record<string, unknown>>;
    expect(rows).toHaveLength(1);
    expect(Object.keys(rows[0] ?? {})[0]).toBe('room_id');
    expect(rows[0]).toMatchObject({ room_id: '42', is_subscribe: 1280, order_total: 213, jijing_amount: 26 });
  });

  it('prints null for order fields the answer leaves out', async () => {
    expectLiveCount(agent(), 200, fixtureText('camel-case'));
    const { stdout } = await cli(['livecount', '--room', '42', '--json']);
    const [row] = JSON.parse(stdout) as Array<Record<string, unknown>>;
    expect(row).toMatchObject({ is_look: 0, order_total: null, shell_amount: null });
  });

  it('prints the same row for --summary', async () => {
    expectLiveCount(agent(), 200, fixtureText('snake-case'));
    expectLiveCount(agent(), 200, fixtureText('snake-case'));
    const plain = await cli(['livecount', '--room', '42', '--json']);
    const summary = await cli(['livecount', '--room', '42', '--json', '--summary']);
    expect(summary.code).toBe(ExitCode.ok);
    expect(JSON.parse(summary.stdout)).toEqual(JSON.parse(plain.stdout));
  });

  it('shows a key/value table on a terminal', async () => {
    expectLiveCount(agent(), 200, fixtureText('snake-case'));
    const { code, stdout } = await cli(['livecount', '--room', '42', '--no-color'], SETTINGS, true);
    expect(code).toBe(ExitCode.ok);
    const pairs = stdout.split('\n').filter((line) => /^│ \w+ +│/.test(line));
    expect(pairs).toHaveLength(19);
    expect(pairs[10]).toMatch(/^│ order_target_total │ 500 +│$/);
  });

  it('exits 5 on errcode 1001 with the request id, and never prints a header value', async () => {
    expectLiveCount(agent(), 200, fixtureText('error'));
    const { code, stderr, stdout } = await cli(['livecount', '--room', '42', '--json', '--verbose']);
    expect(code).toBe(ExitCode.provider);
    expect(stderr).toContain('req-7f3a9c01');
    expect(stderr).toContain('1001');
    expect(stdout + stderr).not.toContain(TOKEN);
  });

  it('prints the request for --dry-run with header values redacted, sending nothing', async () => {
    const { code, stdout } = await cli(['livecount', '--room', '42', '--right-select', 'r1', '--dry-run']);
    expect(code).toBe(ExitCode.ok);
    expect(stdout).toContain('POST https://lc.example.com/acme/Invitation/Api/Actions/LiveCount');
    expect(stdout).toMatch(/X-Token: \[REDACTED\]/);
    expect(stdout).not.toContain(TOKEN);
    expect(stdout).toMatch(/X-Tenant-Key: \[REDACTED\]/);
    expect(stdout).not.toContain(SHORT_SECRET);
    expect(JSON.parse(stdout.slice(stdout.indexOf('{')))).toEqual({ room_id: 42, right_select: 'r1' });
  });

  it('names the key and the environment variable when the domain is missing (exit 3)', async () => {
    const { code, stderr } = await cli(['livecount', '--room', '42', '--json'], {});
    expect(code).toBe(ExitCode.config);
    expect(stderr).toContain('livecount.domain');
    expect(stderr).toContain('LIVESTATS_LIVECOUNT_DOMAIN');
  });

  it.each(['abc', '4.5', '-3', '1e3', ''])('rejects --room %j with exit 2 before reading settings or sending', async (room) => {
    const ctx = testContext({ dispatcher: agent(), settings: SETTINGS });
    const input = { args: [], options: { room }, global: parseGlobalOptions({ json: true }, {}, false) };
    const error = await run(ctx, input).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).message).toContain('--room');
    expect(ctx.storeOpens).toEqual([]);
  });

  it('rejects an unknown --fields name with exit 2 before any request', async () => {
    const { code, stderr } = await cli(['livecount', '--room', '42', '--fields', 'room_id,nope']);
    expect(code).toBe(ExitCode.usage);
    expect(stderr).toContain('order_total');
  });
});
