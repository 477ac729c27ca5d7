// `livestats report`'s options: which sources, half-given sources, the -o page and the global options that do
// not apply to a page, all usage errors before any request; --headers; export commands refuse an .html file.
import { describe, expect, it } from 'vitest';
import { isPageFile, parseGlobalOptions } from '../../src/cli/global-options.js';
import { checkReportGlobals } from '../../src/commands/report.js';
import { ExitCode, UsageError } from '../../src/errors.js';
import { checkExportOptions } from '../../src/export/runner.js';
import { watchCommand } from '../../src/report/commands.js';
import { parseReportOptions } from '../../src/report/options.js';

function usage(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).exitCode).toBe(ExitCode.usage);
    return (error as Error).message;
  }
  throw new Error('expected a usage error');
}

const global = (raw: Parameters<typeof parseGlobalOptions>[0], tty = false) => parseGlobalOptions(raw, {}, tty);

describe('parseReportOptions', () => {
  it('reads every source', () => {
    expect(
      parseReportOptions({
        living: ['lv1', ' lv2 ', 'lv1'],
        tencentRoom: ' r1 ',
        accounts: ['a', "O'Brien, Jr"],
        channel: ['c1,c2 c1'],
        session: 's1',
        since: '2026-11-01',
        livecountRoom: '1024',
        title: ' Launch ',
      }),
    ).toEqual({
      livings: ['lv1', 'lv2'],
      users: undefined,
      tencent: { room: 'r1', from: ['a', "O'Brien, Jr"], fromFile: undefined },
      polyv: { channels: ['c1', 'c2'], sessionId: 's1', since: '2026-11-01', until: undefined },
      livecountRoom: 1024,
      title: 'Launch',
    });
  });

  it.each<[string, Record<string, unknown>, RegExp]>([
    ['no source', {}, /at least one source/],
    ['only a title', { title: 'x' }, /at least one source/],
    ['a room without accounts', { tencentRoom: 'r1' }, /--tencent-room needs accounts/],
    ['accounts without a room', { accounts: ['a'] }, /need --tencent-room/],
    ['an accounts file without a room', { accountsFile: 'a.txt', living: ['x'] }, /need --tencent-room/],
    ['a window without a channel or a member', { living: ['x'], since: '2026-11-01' }, /give one of them/],
    ['a session without a channel', { living: ['x'], session: 's1' }, /--session .* needs --channel/],
    ['members without --since', { user: ['zhangsan'] }, /--user needs --since/],
    ['members and living ids', { user: ['zhangsan'], living: ['x'], since: '-7d' }, /not both/],
    ['a blank living id', { living: ['  '] }, /--living needs at least one/],
    ['a non-integer LiveCount room', { livecountRoom: 'abc' }, /must be an integer/],
    ['an empty title', { living: ['x'], title: '  ' }, /--title must not be empty/],
  ])('%s is a usage error', (_name, raw, message) => {
    expect(usage(() => parseReportOptions(raw))).toMatch(message);
  });

  it('reads WeCom members with their window, which Polyv shares', () => {
    const options = parseReportOptions({ user: ['zhangsan,lisi', 'zhangsan'], since: '-7d', until: 'today', channel: ['c1'] });
    expect(options.users).toEqual({ userids: ['zhangsan', 'lisi'], since: '-7d', until: 'today' });
    expect(options.livings).toBeUndefined();
    expect(options.polyv).toEqual({ channels: ['c1'], sessionId: undefined, since: '-7d', until: 'today' });
  });
});

describe('checkReportGlobals', () => {
  it('takes an .html file, or a pipe', () => {
    expect(() => checkReportGlobals(global({ output: 'r.html' }), true)).not.toThrow();
    expect(() => checkReportGlobals(global({ output: 'R.HTM' }), true)).not.toThrow();
    expect(() => checkReportGlobals(global({}), false)).not.toThrow();
  });

  it.each<[string, Parameters<typeof parseGlobalOptions>[0], boolean, RegExp]>([
    ['a terminal stdout', {}, true, /not text for a terminal/],
    ['a CSV file', { output: 'r.csv' }, false, /needs a \.html file/],
  ])('refuses %s', (_name, raw, tty, message) => {
    expect(usage(() => checkReportGlobals(global(raw, tty), tty))).toMatch(message);
  });

  it('prints a dry run on a terminal', () => {
    expect(() => checkReportGlobals(global({ dryRun: true }, true), true)).not.toThrow();
  });
});

describe('-o FILE.html and --headers', () => {
  it('names no row format', () => {
    expect(isPageFile('a/b/report.html')).toBe(true);
    expect(isPageFile('report.csv')).toBe(false);
    const parsed = global({ output: 'report.html' }, true);
    expect(parsed).toMatchObject({ output: 'report.html', formatExplicit: false, format: 'table' });
  });

  it('is refused by the exports', async () => {
    await expect(checkExportOptions({ columns: [] }, global({ output: 'watch.html' }))).rejects.toThrow(/only `livestats report` writes \.html/);
  });

  it('--headers is en by default, zh on request, anything else a usage error', () => {
    expect(global({}).headers).toBe('en');
    expect(global({ headers: 'ZH' }).headers).toBe('zh');
    expect(usage(() => global({ headers: 'fr' }))).toMatch(/--headers must be one of en, zh/);
  });
});

describe('export command lines', () => {
  it('quote what a shell would split or expand', () => {
    expect(watchCommand(['lv 1'], { sandbox: false, profile: 'staging', headers: 'zh' })).toBe(
      "livestats watch 'lv 1' --profile staging --headers zh --excel -o watch.csv",
    );
  });
});
