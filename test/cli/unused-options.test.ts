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
    [['config', 'path', '--profile', 'staging', '-v']],
  ])('%j passes', async (argv) => {
    const { runner, calls } = capturingRunner();
    const { code, stderr } = await runCli(argv, {}, runner);
    expect(stderr).toBe('');
    expect(code).toBe(ExitCode.ok);
    expect(calls).toHaveLength(1);
  });
});
