// `report --dry-run`: the first request of each source, secrets redacted, nothing sent; a long Tencent account
// list is cut after its first 20 requests with a count of the rest, as `gifts --dry-run` cuts it.
import { describe, expect, it } from 'vitest';
import { run } from '../../src/commands/report.js';
import { ExitCode } from '../../src/errors.js';
import { useCommandCli } from '../helpers/cli.js';
import { SECRET_KEY, SETTINGS } from '../providers/tencent/harness.js';

const { cli } = useCommandCli('report', run, () => ({ settings: SETTINGS }));

const posts = (stdout: string) => stdout.split('\n').filter((l) => l.startsWith('POST '));

describe('livestats report --dry-run', () => {
  it('cuts a long account list after 20 get_gift_count requests and counts the rest', async () => {
    const accounts = Array.from({ length: 25 }, (_, i) => `u${i}`);
    const { code, stdout, stderr } = await cli(['--tencent-room', 'r', '--accounts', ...accounts, '--dry-run']);
    expect(code, stderr).toBe(ExitCode.ok);
    expect(posts(stdout)).toHaveLength(20);
    for (const post of posts(stdout)) expect(post).toMatch(/\/get_gift_count\?.*usersig=\[REDACTED\]&/);
    expect(stdout).toContain('"From_Account": "u19"');
    expect(stdout).not.toContain('"From_Account": "u20"');
    expect(stdout.trimEnd().endsWith('… and 5 more requests like these (25 in all, one per account)')).toBe(true);
    expect(stdout).not.toContain(SECRET_KEY);
  });

  it('prints every request of a short list, with no count', async () => {
    const { code, stdout } = await cli(['--tencent-room', 'r', '--accounts', 'alice', 'bob', '--dry-run']);
    expect(code).toBe(ExitCode.ok);
    expect(posts(stdout)).toHaveLength(2);
    expect(stdout).not.toMatch(/more request/);
  });
});
