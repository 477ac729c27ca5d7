// Options a command has no use for are usage errors, not silently ignored; the options it uses still pass.
import { describe, expect, it } from 'vitest';
import { ExitCode } from '../../src/errors.js';
import { capturingRunner, runCli } from '../helpers/cli.js';

describe('global options a command does not use', () => {
  it.each([
    [['sandbox', '--json'], 'sandbox does not use --json'],
    [['config', 'list', '--summary'], 'config list does not use --summary'],
    [['completion', 'bash', '--csv'], 'completion does not use --csv'],
    [['config', 'get', 'wecom.corpId', '--limit', '3'], 'config get does not use --limit'],
    [['config', 'path', '--dry-run'], 'config path does not use --dry-run'],
    [['sandbox', '--no-trunc'], 'sandbox does not use --no-trunc'],
    [['doctor', '--summary'], 'doctor does not use --summary'],
    [['doctor', '--dry-run'], 'doctor does not use --dry-run'],
    [['livings', '--user', 'u1', '--since', '-1d', '--summary'], 'livings does not use --summary: its rows are livings already'],
    [['report', '--living', 'lv_1', '--json'], 'report does not use --json: it writes one HTML page from every row'],
    [['report', '--living', 'lv_1', '--fields', 'a'], 'report does not use --fields'],
    [['config', 'set', 'tz', 'UTC', '--sandbox'], 'config set does not use --sandbox'],
    [['demo', '--summary'], 'demo does not use --summary'],
    [['demo', '-o', 'demo.txt'], 'demo does not use -o'],
    [['demo', '--fields', 'room_id'], 'demo does not use --fields'],
    [['completion', 'bash', '--sandbox'], 'completion does not use --sandbox'],
  ])('%j is a usage error that names the option, and nothing runs', async (argv, message) => {
    const { runner, calls } = capturingRunner();
    const { code, stderr } = await runCli(argv, {}, runner);
    expect(code).toBe(ExitCode.usage);
    expect(stderr).toContain(message);
    expect(calls).toEqual([]);
  });

  it.each([
    [['config', 'list', '--json', '--fields', 'key']],
    [['doctor', '--csv', '--timeout', '500']],
    [['sandbox', '--quiet', '--port', '0']],
    [['watch', 'lv_1', '--summary', '--limit', '2', '--dry-run']],
    [['config', 'set', 'tz', 'UTC', '--profile', 'staging', '-q']],
    [['config', 'path', '-v', '--log-format', 'json']],
    [['report', '--living', 'lv_1', '--headers', 'zh', '--tz', 'UTC', '-o', 'r.html']],
    [['demo', '--json', '--limit', '2', '--tz', 'UTC']],
    // Ambient options a wrapper may give every command: accepted where unused, only left out of the help.
    [['gifts', '--room', '1', '--from', 'a', '--tz', 'UTC']],
    [['livecount', '--room', '1', '--concurrency', '5']],
    [['config', 'profiles', '--profile', 'x', '--timeout', '500', '--retries', '1']],
    [['sandbox', '--port', '0', '--tz', 'UTC', '--profile', 'x', '-q']],
    [['demo', '--sandbox', '--profile', 'x']],
  ])('%j passes', async (argv) => {
    const { runner, calls } = capturingRunner();
    const { code, stderr } = await runCli(argv, {}, runner);
    expect(stderr).toBe('');
    expect(code).toBe(ExitCode.ok);
    expect(calls).toHaveLength(1);
  });
});

describe('a command\'s --help', () => {
  /** The long flags listed under "Global Options:" in `argv --help`. */
  async function sharedFlags(argv: string[]): Promise<string[]> {
    const { code, stdout } = await runCli([...argv, '--help']);
    expect(code).toBe(ExitCode.ok);
    const section = stdout.split('Global Options:\n')[1] ?? '';
    return [...section.split('\n\n')[0]!.matchAll(/^ {2}(?:-\w, )?(--[\w-]+)/gm)].map((m) => m[1]!);
  }

  it('lists under one heading the global options the command honours, and only those', async () => {
    const watch = await sharedFlags(['watch']);
    expect(watch).toEqual(expect.arrayContaining(['--json', '--csv', '--tz', '--profile', '--dry-run', '--concurrency', '--sandbox', '--verbose']));
    expect(watch).not.toContain('--version');
    expect(await sharedFlags(['gifts'])).not.toContain('--tz');
    const report = await sharedFlags(['report']);
    expect(report).toEqual(expect.arrayContaining(['--output', '--headers', '--tz', '--sandbox']));
    expect(report).not.toContain('--json');
    expect(report).not.toContain('--limit');
    expect(await sharedFlags(['config', 'path'])).toEqual(['--verbose', '--quiet', '--no-color', '--log-format']);
    expect(await sharedFlags(['sandbox'])).toEqual(['--verbose', '--quiet', '--no-color', '--log-format']);
    expect(await sharedFlags(['config', 'list'])).toEqual(expect.arrayContaining(['--json', '--fields', '--profile']));
    expect(await sharedFlags(['config', 'list'])).not.toContain('--summary');
  });

  it('of a command group lists its subcommands and no global options', async () => {
    const { stdout } = await runCli(['config', '--help']);
    expect(stdout).toContain('delete-profile');
    expect(stdout).not.toContain('Global Options:');
  });
});
