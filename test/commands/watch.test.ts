import { rm } from 'node:fs/promises';
import type { MockAgent } from 'undici';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { run } from '../../src/commands/watch.js';
import { ExitCode } from '../../src/errors.js';
import { capturingRunner, runCli, type CliResult } from '../helpers/cli.js';
import { createMockAgent } from '../helpers/http.js';
import { CORP_ID, CORP_SECRET, expectGettoken, expectPage, fixture, pendingUses, TOKEN_1, WECOM_ENV } from '../providers/wecom/helpers.js';

let agent: MockAgent;
/** Set by a test that proves a request was never made by leaving its interceptor unused. */
let leftUnused = false;
const dirs: string[] = [];
beforeEach(() => {
  agent = createMockAgent();
  leftUnused = false;
});
afterEach(async () => {
  if (!leftUnused) agent.assertNoPendingInterceptors();
  await agent.close();
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

/** Through commander and main's error mapping, with this command's run behind it. */
const runner = capturingRunner((_name, input, ctx) => run(ctx, input)).runner;
async function cli(argv: string[], env: Record<string, string> = WECOM_ENV): Promise<CliResult> {
  const result = await runCli(argv, { dispatcher: agent, env }, runner);
  dirs.push(result.ctx.configDir);
  return result;
}

type Row = Record<string, unknown>;

describe('livestats watch', () => {
  it('exports every viewer of every page as typed JSON rows', async () => {
    expectGettoken(agent, fixture('gettoken-ok'));
    expectPage(agent, { livingid: 'lv_1', nextKey: '0' }, fixture('page-1'));
    expectPage(agent, { livingid: 'lv_1', nextKey: 'NEXT_KEY_1' }, fixture('page-2-last'));
    const { code, stdout, stderr } = await cli(['watch', 'lv_1', '--json']);
    expect(stderr).toBe('');
    expect(code).toBe(ExitCode.ok);
    const rows = JSON.parse(stdout) as Row[];
    expect(rows).toHaveLength(6);
    expect(Object.keys(rows[0]!)).toEqual([
      'living_id', 'viewer_type', 'userid', 'external_userid', 'name', 'external_type',
      'watch_time_s', 'is_comment', 'is_mic', 'invitor_userid', 'invitor_external_userid',
    ]);
    expect(rows[2]).toMatchObject({ viewer_type: 'external', external_type: 'wechat', name: '王五', is_comment: false, userid: null });
  });

  it('writes CSV with true/false and empty cells for null', async () => {
    expectGettoken(agent, fixture('gettoken-ok'));
    expectPage(agent, { livingid: 'lv_1', nextKey: '0' }, fixture('seed-example'));
    const { code, stdout } = await cli(['watch', 'lv_1', '--csv', '--fields', 'userid,external_type,is_mic']);
    expect(code).toBe(ExitCode.ok);
    expect(stdout.split('\n').slice(0, 3)).toEqual(['userid,external_type,is_mic', 'userid,,true', ',wechat,true']);
  });

  it('prints one summary row per living given, including a living nobody watched', async () => {
    expectGettoken(agent, fixture('gettoken-ok'));
    expectPage(agent, { livingid: 'lv_1', nextKey: '0' }, fixture('seed-example'));
    expectPage(agent, { livingid: 'lv_2', nextKey: '0' }, fixture('empty-last-page'));
    const { code, stdout } = await cli(['watch', 'lv_1', 'lv_2', '--summary', '--json']);
    expect(code).toBe(ExitCode.ok);
    expect(JSON.parse(stdout)).toEqual([
      { living_id: 'lv_1', viewers: 3, members: 1, external_viewers: 2, total_watch_time_s: 90, avg_watch_time_s: 30, commenters: 3, mic_users: 3 },
      { living_id: 'lv_2', viewers: 0, members: 0, external_viewers: 0, total_watch_time_s: 0, avg_watch_time_s: 0, commenters: 0, mic_users: 0 },
    ]);
  });

  it('--limit stops fetching: no page after the one holding the last row is requested', async () => {
    expectGettoken(agent, fixture('gettoken-ok'));
    expectPage(agent, { livingid: 'lv_1', nextKey: '0' }, fixture('page-1'));
    expectPage(agent, { livingid: 'lv_1', nextKey: 'NEXT_KEY_1' }, { ...fixture('page-2-last'), ending: 0 });
    expectPage(agent, { livingid: 'lv_1', nextKey: 'NEXT_KEY_2' }, fixture('page-2-last'));
    const { code, stdout } = await cli(['watch', 'lv_1', '--limit', '3', '--json']);
    expect(code).toBe(ExitCode.ok);
    expect((JSON.parse(stdout) as Row[]).map((r) => r.userid ?? r.external_userid)).toEqual(['zhangsan', 'lisi', 'wmEXT0001']);
    expect(pendingUses(agent)).toEqual([0, 0]);
    leftUnused = true;
  });

  it('walks each living once, trimmed and in the order given', async () => {
    expectGettoken(agent, fixture('gettoken-ok'));
    expectPage(agent, { livingid: 'lv_b', nextKey: '0' }, fixture('last-page-without-next-key'));
    expectPage(agent, { livingid: 'lv_a', nextKey: '0' }, fixture('seed-example'));
    const { code, stdout } = await cli(['watch', ' lv_b', 'lv_a', 'lv_b ', 'lv_a', '--json']);
    expect(code).toBe(ExitCode.ok);
    expect((JSON.parse(stdout) as Row[]).map((r) => r.living_id)).toEqual(['lv_b', 'lv_a', 'lv_a', 'lv_a']);
  });

  it('rejects an empty living id with exit 2 before reading any setting', async () => {
    const { code, stderr } = await cli(['watch', '  ', '--json'], {});
    expect(code).toBe(ExitCode.usage);
    expect(stderr).toContain('living id');
  });

  it('rejects an unknown --fields name with exit 2 before reading any setting', async () => {
    const { code, stderr } = await cli(['watch', 'lv_1', '--fields', 'userid,bogus'], {});
    expect(code).toBe(ExitCode.usage);
    expect(stderr).toContain('bogus');
    expect(stderr).toContain('watch_time_s');
  });

  it('checks --fields against the summary columns under --summary', async () => {
    const { code } = await cli(['watch', 'lv_1', '--summary', '--fields', 'watch_time_s'], {});
    expect(code).toBe(ExitCode.usage);
  });

  it('exits 3 naming the key and the variable when the secret is missing', async () => {
    const { code, stderr } = await cli(['watch', 'lv_1'], { LIVESTATS_WECOM_CORP_ID: CORP_ID });
    expect(code).toBe(ExitCode.config);
    expect(stderr).toContain('wecom.corpSecret');
    expect(stderr).toContain('LIVESTATS_WECOM_CORP_SECRET');
  });

  it('exits 4 on a bad secret after a single gettoken, never printing the secret', async () => {
    expectGettoken(agent, fixture('gettoken-invalid-secret'));
    const { code, stderr, stdout } = await cli(['watch', 'lv_1', '--json', '--retries', '3', '--verbose']);
    expect(code).toBe(ExitCode.auth);
    expect(stderr).toContain('40001');
    expect(stderr).toContain('hint:');
    expect(stdout).toBe('');
    expect(stdout + stderr).not.toContain(CORP_SECRET);
  });

  it('--dry-run prints gettoken and each living\'s first request, redacted, and sends nothing', async () => {
    const { code, stdout } = await cli(['watch', 'lv_1', 'lv_2', '--dry-run']);
    expect(code).toBe(ExitCode.ok);
    expect(stdout).toContain(`GET https://qyapi.weixin.qq.com/cgi-bin/gettoken?corpid=${CORP_ID}&corpsecret=[REDACTED]`);
    expect(stdout.match(/POST https:\/\/qyapi\.weixin\.qq\.com\/cgi-bin\/living\/get_watch_stat\?access_token=\[REDACTED\]/g)).toHaveLength(2);
    expect(stdout).toContain('"livingid": "lv_2"');
    expect(stdout).toContain('"next_key": "0"');
    expect(stdout).not.toContain(CORP_SECRET);
    expect(stdout).not.toContain(TOKEN_1);
  });
});
