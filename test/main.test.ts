// main(argv, ctx, runner): the one place that maps errors to exit codes and short stderr messages, and
// the parsing that hands each command typed global options. Commands are captured, never run.
import type { Command } from 'commander';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  AuthError,
  CliError,
  ConfigError,
  ExitCode,
  InterruptedError,
  NetworkError,
  ProviderError,
  UsageError,
} from '../src/errors.js';
import { createProgram } from '../src/cli.js';
import { REDACTED } from '../src/http/redact.js';
import { capturingRunner, runCli } from './helpers/cli.js';
import { testContext } from './helpers/context.js';

afterEach(() => {
  vi.restoreAllMocks();
});

function failingRunner(error: unknown) {
  return capturingRunner(() => {
    throw error;
  }).runner;
}

const STACK_LINE = /^\s+at /m;

describe('usage errors from parsing', () => {
  it('exits 2 on an unknown command, with a suggestion and a hint on two lines', async () => {
    const { runner, calls } = capturingRunner();
    const { code, stderr, stdout } = await runCli(['wach', 'lv_1'], {}, runner);

    expect(code).toBe(ExitCode.usage);
    expect(calls).toHaveLength(0);
    expect(stdout).toBe('');
    const lines = stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toBe("livestats: unknown command 'wach' (Did you mean watch?)");
    expect(lines[1]).toContain('hint: Run `livestats --help`');
  });

  it('exits 2 on an unknown option', async () => {
    const { runner, calls } = capturingRunner();
    const { code, stderr } = await runCli(['watch', 'lv_1', '--bogus'], {}, runner);

    expect(code).toBe(ExitCode.usage);
    expect(calls).toHaveLength(0);
    expect(stderr).toContain("unknown option '--bogus'");
  });

  it('exits 2 when a required option is missing, and prints only through ctx', async () => {
    const realStderr = vi.spyOn(process.stderr, 'write');
    const { runner, calls } = capturingRunner();
    const { code, stderr } = await runCli(['gifts', '--from', 'alice'], {}, runner);

    expect(code).toBe(ExitCode.usage);
    expect(calls).toHaveLength(0);
    expect(stderr).toContain("required option '--room <id>' not specified");
    const leaked = realStderr.mock.calls.map((call) => String(call[0])).filter((text) => text.includes('--room'));
    expect(leaked).toEqual([]);
  });

  it('exits 2 when a required argument is missing', async () => {
    const { code, stderr } = await runCli(['config', 'get'], {}, capturingRunner().runner);

    expect(code).toBe(ExitCode.usage);
    expect(stderr).toContain("missing required argument 'key'");
  });

  it('exits 2 on a bad global option value and never calls the command', async () => {
    const { runner, calls } = capturingRunner();
    const { code, stderr } = await runCli(['watch', 'lv_1', '--limit', '0'], {}, runner);

    expect(code).toBe(ExitCode.usage);
    expect(calls).toHaveLength(0);
    expect(stderr).toBe('livestats: --limit must be a whole number at least 1, got "0"\n');
  });

  it('exits 3 when LIVESTATS_PROFILE is malformed', async () => {
    const { code, stderr } = await runCli(['watch', 'lv_1'], { env: { LIVESTATS_PROFILE: 'no/slashes' } }, capturingRunner().runner);

    expect(code).toBe(ExitCode.config);
    expect(stderr).toContain('LIVESTATS_PROFILE');
  });
});

describe('version and help', () => {
  it('prints the version to stdout and exits 0', async () => {
    const { code, stdout, stderr } = await runCli(['--version']);

    expect(code).toBe(ExitCode.ok);
    expect(stdout).toBe('0.0.0-test\n');
    expect(stderr).toBe('');
  });

  it('--help shows the commands, the global options and examples on stdout', async () => {
    const { runner, calls } = capturingRunner();
    const { code, stdout, stderr } = await runCli(['--help'], {}, runner);

    expect(code).toBe(ExitCode.ok);
    expect(calls).toHaveLength(0);
    expect(stderr).toBe('');
    expect(stdout).toContain('Usage: livestats');
    expect(stdout).toMatch(/^ {2}watch \[options\] \[livingid\.\.\.\]/m);
    expect(stdout).toMatch(/^ {2}livings \[options\]/m);
    expect(stdout).toContain('--format <format>');
    expect(stdout).toContain('--dry-run');
    expect(stdout).toContain('Examples:');
    expect(stdout).toContain('$ livestats demo');
  });

  it('watch --help shows its own usage, the global options and examples on ctx stdout', async () => {
    const realStdout = vi.spyOn(process.stdout, 'write');
    const { runner, calls } = capturingRunner();
    const { code, stdout } = await runCli(['watch', '--help'], {}, runner);

    expect(code).toBe(ExitCode.ok);
    expect(calls).toHaveLength(0);
    expect(stdout).toContain('Usage: livestats watch [options] [livingid...]');
    expect(stdout).toContain('--user <userid...>');
    expect(stdout).toContain('--state <file>');
    expect(stdout).toContain('Only livings created by the app');
    expect(stdout).toContain('Global Options:');
    expect(stdout).toContain('--limit <n>');
    expect(stdout).toContain('--no-color');
    expect(stdout).toContain('Examples:');
    expect(stdout).toContain('$ livestats watch lv_123 lv_456 --summary');
    const leaked = realStdout.mock.calls.map((call) => String(call[0])).filter((text) => text.includes('Usage: livestats'));
    expect(leaked).toEqual([]);
  });

  it('every command that runs, each config subcommand included, has examples in its --help', async () => {
    const leaves = (command: Command, path: string[] = []): string[][] =>
      command.commands.length === 0 ? [path] : command.commands.flatMap((sub) => leaves(sub, [...path, sub.name()]));
    const commands = leaves(createProgram(testContext())).filter((path) => path.length > 0 && path[0] !== 'help');
    expect(commands).toContainEqual(['config', 'get']);
    for (const path of commands) {
      const { code, stdout } = await runCli([...path, '--help'], {}, capturingRunner().runner);
      expect(code, path.join(' ')).toBe(ExitCode.ok);
      const examples = stdout.split('Examples:\n')[1] ?? '';
      const lines = examples.split('\n').filter((line) => line.startsWith('  $ '));
      expect(lines.some((line) => line.includes(`livestats ${path.join(' ')}`)), `${path.join(' ')}:\n${stdout}`).toBe(true);
    }
  });

  it('`help gifts` shows the gifts help', async () => {
    const { code, stdout } = await runCli(['help', 'gifts'], {}, capturingRunner().runner);

    expect(code).toBe(ExitCode.ok);
    expect(stdout).toContain('Usage: livestats gifts [options]');
    expect(stdout).toContain('--room <id>');
  });

  it('config set --help reaches ctx stdout too', async () => {
    const { code, stdout } = await runCli(['config', 'set', '--help'], {}, capturingRunner().runner);

    expect(code).toBe(ExitCode.ok);
    expect(stdout).toContain('Usage: livestats config set [options] <key> [value]');
  });
});

describe('errors thrown by a command', () => {
  const detail = { provider: 'WeCom', endpoint: 'get_watch_stat', code: 40001, providerMessage: 'invalid credential' };

  it.each<[string, CliError, number]>([
    ['UsageError', new UsageError('--since is after --until', { hint: 'Swap them.' }), 2],
    ['ConfigError', new ConfigError('wecom.corpId is not set', { hint: 'Set LIVESTATS_WECOM_CORP_ID.' }), 3],
    ['AuthError', new AuthError('WeCom refused the secret', detail, { hint: 'Check wecom.corpSecret.' }), 4],
    ['ProviderError', new ProviderError('WeCom get_watch_stat failed', { ...detail, code: 301 }, { hint: 'Try later.' }), 5],
    ['NetworkError', new NetworkError('WeCom get_watch_stat: ECONNRESET', { hint: 'Check the network.' }), 6],
    ['InterruptedError', new InterruptedError(), 130],
  ])('%s → its exit code and a short message with the hint', async (_name, error, exitCode) => {
    const { code, stderr, stdout } = await runCli(['watch', 'lv_1'], {}, failingRunner(error));

    expect(code).toBe(exitCode);
    expect(stdout).toBe('');
    const lines = stderr.trimEnd().split('\n');
    expect(lines.length).toBeGreaterThanOrEqual(1);
    expect(lines.length).toBeLessThanOrEqual(2);
    expect(lines[0]).toBe(`livestats: ${error.message}`);
    if (error.hint) expect(lines[1]).toBe(`  hint: ${error.hint}`);
    expect(stderr).not.toMatch(STACK_LINE);
  });

  it('includes the provider code and message in the line', async () => {
    const { stderr } = await runCli(['watch', 'lv_1'], {}, failingRunner(new AuthError('WeCom refused the secret', detail)));

    expect(stderr).toBe('livestats: WeCom refused the secret (code 40001, "invalid credential")\n');
  });

  it('shows the cause of a CliError only with --verbose', async () => {
    const cause = new Error('socket hang up');
    const quiet = await runCli(['watch', 'lv_1'], {}, failingRunner(new NetworkError('failed', { cause })));
    const verbose = await runCli(['watch', 'lv_1', '--verbose'], {}, failingRunner(new NetworkError('failed', { cause })));

    expect(quiet.stderr).not.toMatch(STACK_LINE);
    expect(verbose.code).toBe(ExitCode.network);
    expect(verbose.stderr).toContain('socket hang up');
    expect(verbose.stderr).toMatch(STACK_LINE);
  });

  it('turns a plain Error into exit 1 "internal error" without a stack trace', async () => {
    const { code, stderr } = await runCli(['watch', 'lv_1'], {}, failingRunner(new TypeError('x is undefined')));

    expect(code).toBe(ExitCode.internal);
    const lines = stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toBe('livestats: internal error: x is undefined');
    expect(lines[1]).toContain('--verbose');
    expect(stderr).not.toMatch(STACK_LINE);
  });

  it('prints the stack trace of an internal error with --verbose or -v, before or after the command', async () => {
    for (const argv of [['watch', 'lv_1', '--verbose'], ['-v', 'watch', 'lv_1'], ['-qv', 'watch', 'lv_1']]) {
      const { code, stderr } = await runCli(argv, {}, failingRunner(new TypeError('x is undefined')));
      expect(code).toBe(ExitCode.internal);
      expect(stderr).toContain('livestats: internal error: x is undefined');
      expect(stderr).toMatch(STACK_LINE);
    }
  });

  it('reports a thrown non-Error value as an internal error', async () => {
    const { code, stderr } = await runCli(['watch', 'lv_1'], {}, failingRunner('just a string'));

    expect(code).toBe(ExitCode.internal);
    expect(stderr).toContain('internal error: just a string');
  });

  it('treats a broken pipe as success and prints nothing', async () => {
    const epipe = Object.assign(new Error('write EPIPE'), { code: 'EPIPE' });
    const { code, stderr } = await runCli(['watch', 'lv_1'], {}, failingRunner(epipe));

    expect(code).toBe(ExitCode.ok);
    expect(stderr).toBe('');
  });

  it('never prints a registered secret, in messages, hints or verbose stacks', async () => {
    const secret = 'corp-secret-0123456789';
    const ctx = testContext({ secrets: [secret] });
    const error = new ProviderError(`call failed with ${secret}`, { provider: 'WeCom', endpoint: 'gettoken', providerMessage: secret }, {
      hint: `check ${secret}`,
    });
    const first = await runCli(['watch', 'lv_1'], ctx, failingRunner(error));

    const verboseCtx = testContext({ secrets: [secret] });
    const second = await runCli(['watch', 'lv_1', '-v'], verboseCtx, failingRunner(new Error(`boom ${secret}`)));

    for (const stderr of [first.stderr, second.stderr]) {
      expect(stderr).not.toContain(secret);
      expect(stderr).toContain(REDACTED);
    }
    expect(second.stderr).toMatch(STACK_LINE);
  });
});

describe('what a command receives', () => {
  it('gets positional args and typed global options given after the command', async () => {
    const { runner, calls } = capturingRunner();
    const { code } = await runCli(['watch', 'a', 'b', '--csv', '--limit', '5'], {}, runner);

    expect(code).toBe(ExitCode.ok);
    expect(calls).toHaveLength(1);
    const [call] = calls;
    expect(call?.name).toBe('watch');
    expect(call?.input.args).toEqual(['a', 'b']);
    expect(call?.input.global).toMatchObject({ format: 'csv', limit: 5, retries: 3, timeoutMs: 15_000, profile: 'default' });
  });

  it('gets the same global options when they come before the command', async () => {
    const { runner, calls } = capturingRunner();
    await runCli(['--csv', '--limit', '5', 'watch', 'a', 'b'], {}, runner);

    expect(calls[0]?.input.args).toEqual(['a', 'b']);
    expect(calls[0]?.input.global).toMatchObject({ format: 'csv', limit: 5 });
  });

  it('mixes options on both sides of the command', async () => {
    const { runner, calls } = capturingRunner();
    await runCli(['-p', 'staging', '--retries', '0', 'redpacks', '--channel', '1', '2', '--since', '2026-01-01', '--tz', 'UTC', '-q'], {}, runner);

    expect(calls[0]?.name).toBe('redpacks');
    expect(calls[0]?.input.options).toMatchObject({ channel: ['1', '2'], since: '2026-01-01' });
    expect(calls[0]?.input.global).toMatchObject({ profile: 'staging', retries: 0, tz: 'UTC', quiet: true });
  });

  it('defaults the format from the terminal state in ctx', async () => {
    const tty = capturingRunner();
    await runCli(['watch', 'a'], { stdoutIsTTY: true }, tty.runner);
    const pipe = capturingRunner();
    await runCli(['watch', 'a'], { stdoutIsTTY: false }, pipe.runner);

    expect(tty.calls[0]?.input.global.format).toBe('table');
    expect(pipe.calls[0]?.input.global.format).toBe('json');
  });

  it('takes the profile from LIVESTATS_PROFILE in ctx.env', async () => {
    const { runner, calls } = capturingRunner();
    await runCli(['livecount', '--room', '7'], { env: { LIVESTATS_PROFILE: 'prod' } }, runner);

    expect(calls[0]?.input.options).toMatchObject({ room: '7' });
    expect(calls[0]?.input.global.profile).toBe('prod');
  });

  it('passes a command its own options, variadic ones as arrays', async () => {
    const { runner, calls } = capturingRunner();
    await runCli(['gifts', '--room', 'r1', '--from', 'alice', 'bob', '--json', '-o', 'gifts.json'], {}, runner);

    expect(calls[0]?.name).toBe('gifts');
    expect(calls[0]?.input.options).toMatchObject({ room: 'r1', from: ['alice', 'bob'] });
    expect(calls[0]?.input.global).toMatchObject({ format: 'json', output: 'gifts.json' });
  });

  it('names nested commands "config <sub>" and passes their arguments', async () => {
    const { runner, calls } = capturingRunner();
    await runCli(['config', 'set', 'wecom.corpId', 'ww123', '--profile', 'staging'], {}, runner);

    expect(calls[0]?.name).toBe('config set');
    expect(calls[0]?.input.args).toEqual(['wecom.corpId', 'ww123']);
    expect(calls[0]?.input.global.profile).toBe('staging');
  });

  it('reads --no-color, --dry-run and --sandbox', async () => {
    const { runner, calls } = capturingRunner();
    await runCli(['--no-color', 'watch', 'a', '--dry-run', '--sandbox'], {}, runner);

    expect(calls[0]?.input.global).toMatchObject({ color: false, dryRun: true, sandbox: true, verbose: false });
  });

  it('exits 0 when the command succeeds and leaves its output alone', async () => {
    const { runner } = capturingRunner((_name, _input, ctx) => {
      ctx.io.stdout.write('[]\n');
    });
    const { code, stdout, stderr } = await runCli(['watch', 'a'], {}, runner);

    expect(code).toBe(ExitCode.ok);
    expect(stdout).toBe('[]\n');
    expect(stderr).toBe('');
  });
});

describe('no command', () => {
  it('prints the usage through ctx, not the real terminal, and runs nothing', async () => {
    const realStderr = vi.spyOn(process.stderr, 'write');
    const { runner, calls } = capturingRunner();
    const { stderr, stdout } = await runCli([], {}, runner);

    expect(calls).toHaveLength(0);
    expect(stderr).toBe('');
    expect(stdout).toContain('Usage: livestats [options] [command]');
    expect(realStderr.mock.calls.filter((call) => String(call[0]).includes('Usage: livestats'))).toEqual([]);
  });

  it('bare `livestats` and `livestats config` are requests for help: stdout, exit 0', async () => {
    for (const [argv, usage] of [[[], 'Usage: livestats [options] [command]'], [['config'], 'Usage: livestats config [options] [command]']] as const) {
      const { code, stdout, stderr } = await runCli(argv);
      expect({ code, stderr }).toEqual({ code: ExitCode.ok, stderr: '' });
      expect(stdout.startsWith(usage)).toBe(true);
    }
  });

  it('`help nosuch` is a usage error naming it and listing the commands (exit 2); `help watch` is help', async () => {
    const unknown = await runCli(['help', 'nosuch']);
    expect(unknown.code).toBe(ExitCode.usage);
    expect(unknown.stdout).toBe('');
    expect(unknown.stderr).toMatch(/^livestats: help: unknown command "nosuch"\n {2}hint: Commands of livestats: watch, livings, gifts, .*completion.*\.\n$/);
    const sub = await runCli(['config', 'help', 'nosuch']);
    expect(sub.code).toBe(ExitCode.usage);
    expect(sub.stderr).toMatch(/hint: Commands of livestats config: set, get, unset, list, profiles, delete-profile, path/);
    const known = await runCli(['help', 'watch']);
    expect({ code: known.code, stderr: known.stderr }).toEqual({ code: ExitCode.ok, stderr: '' });
    expect(known.stdout.startsWith('Usage: livestats watch')).toBe(true);
  });
});
