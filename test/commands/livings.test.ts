// `livings` and `watch --user` in-process on an undici MockAgent: options checked before any request, the
// visibility line on a terminal's stderr for an empty result, rows in start order, and --state's choices.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MockAgent } from 'undici';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ExitCode } from '../../src/errors.js';
import { runCli, type CliResult } from '../helpers/cli.js';
import { TEST_NOW } from '../helpers/context.js';
import { createMockAgent } from '../helpers/http.js';
import { BASE_URL, CORP_ID, expectGettoken, expectPage, fixture, WECOM_ENV } from '../providers/wecom/helpers.js';

let agent: MockAgent;
let work: string;
const dirs: string[] = [];
beforeEach(() => {
  agent = createMockAgent();
  work = mkdtempSync(join(tmpdir(), 'livestats-livings-'));
});
afterEach(async () => {
  agent.assertNoPendingInterceptors();
  await agent.close();
  rmSync(work, { recursive: true, force: true });
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function cli(argv: string[], options: { stderrIsTTY?: boolean } = {}): Promise<CliResult> {
  const result = await runCli([...argv, '--tz', 'Asia/Shanghai'], { dispatcher: agent, env: WECOM_ENV, ...options });
  dirs.push(result.ctx.configDir);
  return result;
}

function expectIds(userid: string, ids: string[]): void {
  agent
    .get(BASE_URL)
    .intercept({ path: '/cgi-bin/living/get_user_all_livingid', method: 'POST', query: { access_token: 'accesstoken000001' }, body: (b: string) => JSON.parse(b).userid === userid })
    .reply(200, { errcode: 0, errmsg: 'ok', next_cursor: '', livingid_list: ids });
}

function expectInfo(livingid: string, info: Record<string, unknown>): void {
  agent
    .get(BASE_URL)
    .intercept({ path: '/cgi-bin/living/get_living_info', method: 'GET', query: { access_token: 'accesstoken000001', livingid } })
    .reply(200, { errcode: 0, errmsg: 'ok', living_info: info });
}

const DAY_S = 86_400;
const NOW_S = TEST_NOW / 1000;

describe('livestats livings', () => {
  it.each([
    [['livings'], /required option '--user <userid\.\.\.>'/],
    [['livings', '--user', ' , '], /livings needs --user/],
    [['livings', '--user', 'zhangsan', '--since', 'last week'], /--since: cannot read "last week"/],
    [['livings', '--user', 'zhangsan', '--since', 'today', '--until', '-1d'], /is after --until/],
    [['livings', '--user', 'zhangsan', '--fields', 'living_id,nope'], /unknown field "nope"/],
  ])('%j is a usage error (exit 2) before any request', async (argv, message) => {
    const { code, stderr } = await cli(argv);
    expect(code).toBe(ExitCode.usage);
    expect(stderr).toMatch(message);
  });

  it('says on a terminal, in one line, why a listing may be empty; prints [] and nothing else on a pipe', async () => {
    for (const stderrIsTTY of [true, false]) {
      expectGettoken(agent, fixture('gettoken-ok'));
      expectIds('zhangsan', []);
      const { code, stdout, stderr } = await cli(['livings', '--user', 'zhangsan'], { stderrIsTTY });
      expect(code).toBe(ExitCode.ok);
      expect(JSON.parse(stdout)).toEqual([]);
      if (stderrIsTTY) {
        expect(stderr.split('\n')).toEqual(['livestats: no livings found for member zhangsan; WeCom lists only livings created by the app whose secret livestats uses (wecom.corpSecret).', '']);
      } else {
        expect(stderr).toBe('');
      }
    }
  });

  it('orders rows by start then id, a never-started living by its booked start, and reads both spellings of status', async () => {
    expectGettoken(agent, fixture('gettoken-ok'));
    expectIds('zhangsan', ['lv_c', 'lv_b', 'lv_a', 'lv_r']);
    expectInfo('lv_a', { living_start: NOW_S - 2 * DAY_S, status: 2 });
    expectInfo('lv_b', { living_start: NOW_S - 2 * DAY_S, 'status ': 3 });
    expectInfo('lv_c', { living_start: NOW_S - 3 * DAY_S, status: 2 });
    expectInfo('lv_r', { living_start: 0, reserve_start: NOW_S - 2.5 * DAY_S, status: 4 });
    const { code, stdout } = await cli(['livings', '--user', 'zhangsan', '--fields', 'living_id,status,living_start,reserve_start']);
    expect(code).toBe(ExitCode.ok);
    expect(JSON.parse(stdout)).toEqual([
      { living_id: 'lv_c', status: 'ended', living_start: '2026-01-12T16:00:00+08:00', reserve_start: null },
      { living_id: 'lv_r', status: 'cancelled', living_start: null, reserve_start: '2026-01-13T04:00:00+08:00' },
      { living_id: 'lv_a', status: 'ended', living_start: '2026-01-13T16:00:00+08:00', reserve_start: null },
      { living_id: 'lv_b', status: 'expired', living_start: '2026-01-13T16:00:00+08:00', reserve_start: null },
    ]);
  });
});

describe('livestats watch --user', () => {
  it.each([
    [['watch', '--user', 'zhangsan'], /watch --user needs --since/],
    [['watch', 'lv_1', '--user', 'zhangsan', '--since', '-1d'], /living ids or --user, not both/],
    [['watch', 'lv_1', '--until', '-1d', '--state', 'x.json'], /--until, --state go with --user/],
    [['watch'], /watch needs living ids or --user/],
    [['watch', '--user', 'zhangsan', '--since', '-1d', '--state', ''], /--state needs a file name/],
  ])('%j is a usage error (exit 2) before any request', async (argv, message) => {
    const { code, stderr } = await cli(argv);
    expect(code).toBe(ExitCode.usage);
    expect(stderr).toMatch(message);
  });

  it('with --summary has one row per living found, reserved and cancelled ones left out', async () => {
    expectGettoken(agent, fixture('gettoken-ok'));
    expectIds('zhangsan', ['lv_ended', 'lv_reserved', 'lv_cancelled', 'lv_live']);
    expectInfo('lv_ended', { living_start: NOW_S - DAY_S, status: 2 });
    expectInfo('lv_reserved', { living_start: 0, reserve_start: NOW_S + DAY_S, status: 0 });
    expectInfo('lv_cancelled', { reserve_start: NOW_S - DAY_S, status: 4 });
    expectInfo('lv_live', { living_start: NOW_S - 60, status: 1 });
    expectPage(agent, { livingid: 'lv_ended', nextKey: '0' }, fixture('seed-example'));
    expectPage(agent, { livingid: 'lv_live', nextKey: '0' }, fixture('empty-last-page'));
    const { code, stdout } = await cli(['watch', '--user', 'zhangsan', '--since', '-7d', '--summary', '--fields', 'living_id,viewers']);
    expect(code).toBe(ExitCode.ok);
    expect(JSON.parse(stdout)).toEqual([
      { living_id: 'lv_ended', viewers: 3 },
      { living_id: 'lv_live', viewers: 0 },
    ]);
  });

  it('with --state skips what the file names and what is not over, says so in one line, and records what it exported', async () => {
    const state = join(work, 'state.json');
    writeFileSync(state, JSON.stringify({ version: 1, corps: { [CORP_ID]: { lisi: { lv_done: NOW_S - DAY_S } } } }));
    expectGettoken(agent, fixture('gettoken-ok'));
    expectIds('zhangsan', ['lv_done', 'lv_new', 'lv_live', 'lv_odd']);
    expectInfo('lv_done', { living_start: NOW_S - DAY_S, status: 2 });
    expectInfo('lv_new', { living_start: NOW_S - 2 * DAY_S, status: 3 });
    expectInfo('lv_live', { living_start: NOW_S - 60, status: 1 });
    expectInfo('lv_odd', { living_start: NOW_S - 120 });
    expectPage(agent, { livingid: 'lv_new', nextKey: '0' }, fixture('seed-example'));
    const { code, stdout, stderr } = await cli(['watch', '--user', 'zhangsan', '--since', '-7d', '--state', state, '--fields', 'living_id']);
    expect(code).toBe(ExitCode.ok);
    expect(new Set((JSON.parse(stdout) as Array<{ living_id: string }>).map((r) => r.living_id))).toEqual(new Set(['lv_new']));
    expect(stderr).toBe('livestats: 2 livings are not over yet, left for a later run: lv_odd (status unknown), lv_live (live)\n');
    expect(JSON.parse(readFileSync(state, 'utf8'))).toEqual({
      version: 1,
      corps: { [CORP_ID]: { lisi: { lv_done: NOW_S - DAY_S }, zhangsan: { lv_new: NOW_S - 2 * DAY_S } } },
    });
  });
});
