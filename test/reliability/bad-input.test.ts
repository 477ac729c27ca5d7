// Bad invocations, one table: each gets the contract's exit code and one or two lines on stderr that name what
// is wrong (the second a hint), no stack trace and nothing on stdout. In-process through main(); a handful
// again through the real binary, which must say exactly the same.
import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { testContext, useConfigFile } from '../helpers/context.js';
import { baseEnv, makeConfigDir, runCli as runBinary, STACK_FRAME } from '../e2e/cli-runner.js';

let work: string;
let unwritable: string;
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'livestats-rel-bad-'));
  await mkdir(join(work, 'a-directory'));
  await writeFile(join(work, 'bad-config.json'), '{"profiles": {"default": {"wecom": ');
  unwritable = await findUnwritableDir();
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

/** A directory this process cannot create files in: a 0500 one, or (for root, who ignores modes) /sys. */
async function findUnwritableDir(): Promise<string> {
  const locked = join(work, 'locked');
  await mkdir(locked, { mode: 0o500 });
  for (const candidate of [locked, '/sys']) {
    try {
      await writeFile(join(candidate, '.probe'), '');
      await rm(join(candidate, '.probe'), { force: true });
    } catch {
      return candidate;
    }
  }
  throw new Error('no unwritable directory found for the -o test');
}

/** Valid WeCom settings that point at a closed port: any request would end in exit 6, never 2 or 3. */
const WECOM = {
  LIVESTATS_WECOM_CORP_ID: 'ww1',
  LIVESTATS_WECOM_CORP_SECRET: 'secret-1234567890',
  LIVESTATS_WECOM_BASE_URL: 'http://127.0.0.1:9',
};
const LIVECOUNT = { LIVESTATS_LIVECOUNT_DOMAIN: 'acme', LIVESTATS_LIVECOUNT_BASE_URL: 'http://127.0.0.1:9' };
const TENCENT = { LIVESTATS_TENCENT_SDKAPPID: '1400000000', LIVESTATS_TENCENT_SECRET_KEY: 'key-1234567890', LIVESTATS_TENCENT_BASE_URL: 'http://127.0.0.1:9' };

interface BadCase {
  name: string;
  argv: (dirs: { work: string; unwritable: string }) => string[];
  env?: Record<string, string>;
  stdin?: string;
  /** Use the real config file (read without conf, written through it) with this file's contents. */
  configFile?: string;
  code: number;
  /** What the first line must name. */
  names: string | RegExp;
  /** The second line, when the message alone does not say how to fix it. */
  hint?: RegExp;
}

const CASES: readonly BadCase[] = [
  // Commands, options and arguments.
  { name: 'unknown command', argv: () => ['wach', 'lv1'], code: 2, names: "unknown command 'wach' (Did you mean watch?)", hint: /--help/ },
  { name: 'unknown option', argv: () => ['watch', 'lv1', '--bogus'], code: 2, names: "unknown option '--bogus'", hint: /--help/ },
  { name: 'missing living id', argv: () => ['watch'], code: 2, names: 'watch needs living ids or --user', hint: /livestats watch lv_123/ },
  { name: 'empty living id', argv: () => ['watch', '  '], code: 2, names: 'a living id must not be empty', hint: /Example/ },
  { name: 'gifts without --room', argv: () => ['gifts', '--from', 'a'], code: 2, names: "required option '--room <id>' not specified", hint: /--help/ },
  { name: 'gifts with an empty --room', argv: () => ['gifts', '--room', ' ', '--from', 'a'], code: 2, names: '--room must not be empty' },
  { name: 'gifts without accounts', argv: () => ['gifts', '--room', 'r1'], code: 2, names: 'give --from <account...> or --from-file' },
  { name: 'gifts with no account on stdin', argv: () => ['gifts', '--room', 'r1', '--from-file', '-'], stdin: '\n  \n', code: 2, names: 'none found in standard input', hint: /one account per line/ },
  { name: 'redpacks without --channel', argv: () => ['redpacks'], code: 2, names: "required option '--channel <id...>' not specified", hint: /--help/ },
  { name: 'redpacks with an empty --session', argv: () => ['redpacks', '--channel', '1', '--session', ''], code: 2, names: '--session needs a session id' },
  { name: 'livecount without --room', argv: () => ['livecount'], code: 2, names: "required option '--room <id>' not specified", hint: /--help/ },
  { name: 'non-integer room', argv: () => ['livecount', '--room', 'abc'], code: 2, names: '--room must be an integer room id, got "abc"' },
  { name: 'fractional room', argv: () => ['livecount', '--room', '1.5'], code: 2, names: '--room must be an integer room id, got "1.5"' },
  { name: 'negative room', argv: () => ['livecount', '--room', '-3'], code: 2, names: '--room must be an integer room id' },
  { name: 'unknown provider for doctor', argv: () => ['doctor', 'wechat'], code: 2, names: 'unknown provider "wechat"', hint: /wecom, tencent, polyv, livecount/ },
  { name: 'unknown config subcommand', argv: () => ['config', 'show'], code: 2, names: "unknown command 'show'", hint: /--help/ },
  // Global option values.
  { name: 'unknown field', argv: () => ['watch', 'lv1', '--fields', 'userid,nope'], code: 2, names: '--fields: unknown field "nope"', hint: /Valid fields: living_id, viewer_type/ },
  { name: 'detail field under --summary', argv: () => ['watch', 'lv1', '--summary', '--fields', 'userid'], code: 2, names: 'unknown field "userid"', hint: /viewers/ },
  { name: 'empty --fields', argv: () => ['watch', 'lv1', '--fields', ','], code: 2, names: '--fields needs at least one column name' },
  { name: 'unknown format', argv: () => ['watch', 'lv1', '--format', 'xml'], code: 2, names: '--format must be one of table, csv, json, ndjson, xlsx, got "xml"' },
  { name: 'conflicting --json --csv', argv: () => ['watch', 'lv1', '--json', '--csv'], code: 2, names: 'conflicting output formats: json and csv', hint: /one of --format/ },
  { name: '--excel with --format json', argv: () => ['watch', 'lv1', '--excel', '--format', 'json'], code: 2, names: 'conflicting output formats' },
  { name: '--limit 0', argv: () => ['watch', 'lv1', '--limit', '0'], code: 2, names: '--limit must be a whole number at least 1, got "0"' },
  { name: '--limit not a number', argv: () => ['watch', 'lv1', '--limit', 'ten'], code: 2, names: '--limit must be a whole number' },
  { name: '--concurrency 999', argv: () => ['watch', 'lv1', '--concurrency', '999'], code: 2, names: '--concurrency must be a whole number from 1 to 100, got "999"' },
  { name: '--timeout 0', argv: () => ['watch', 'lv1', '--timeout', '0'], code: 2, names: '--timeout must be a whole number from 1 to 600000' },
  { name: '--retries 99', argv: () => ['watch', 'lv1', '--retries', '99'], code: 2, names: '--retries must be a whole number from 0 to 20' },
  { name: '--rate 500', argv: () => ['gifts', '--room', 'r', '--from', 'a', '--rate', '500'], code: 2, names: '--rate must be a whole number from 1 to 200, got "500"' },
  { name: 'unknown time zone', argv: () => ['watch', 'lv1', '--tz', 'Mars/Olympus'], code: 2, names: '--tz: unknown time zone "Mars/Olympus"', hint: /IANA/ },
  { name: 'bad profile name', argv: () => ['watch', 'lv1', '--profile', 'my profile'], code: 2, names: 'profile name "my profile"' },
  // Dates.
  { name: 'unreadable --since', argv: () => ['redpacks', '--channel', '1', '--since', 'last tuesday'], code: 2, names: '--since: cannot read "last tuesday" as a time', hint: /2026-11-01/ },
  { name: 'impossible date', argv: () => ['redpacks', '--channel', '1', '--until', '2026-02-30'], code: 2, names: '--until: cannot read "2026-02-30"', hint: /epoch/ },
  { name: 'impossible hour', argv: () => ['redpacks', '--channel', '1', '--since', '2026-11-01T25:00'], code: 2, names: '--since: cannot read', hint: /offset/ },
  { name: '--since after --until', argv: () => ['redpacks', '--channel', '1', '--since', '2026-11-02', '--until', '2026-11-01'], code: 2, names: '--since (2026-11-02) is after --until (2026-11-01)', hint: /Swap them/ },
  // Files.
  { name: '-o with an unknown extension', argv: () => ['watch', 'lv1', '-o', 'viewers.txt'], code: 2, names: 'cannot tell the format of "viewers.txt"', hint: /\.csv, \.json/ },
  { name: '-o in a missing directory (before any request)', argv: ({ work: w }) => ['watch', 'lv1', '-o', join(w, 'nope', 'x.csv')], env: WECOM, code: 2, names: 'the directory does not exist', hint: /existing directory/ },
  { name: '-o in an unwritable directory (before any request)', argv: ({ unwritable: u }) => ['watch', 'lv1', '-o', join(u, 'x.csv')], env: WECOM, code: 2, names: /--output: cannot write .*x\.csv: (permission denied|the file system is read-only)/, hint: /existing directory/ },
  { name: '-o naming a directory', argv: ({ work: w }) => ['watch', 'lv1', '--csv', '-o', join(w, 'a-directory')], env: WECOM, code: 2, names: 'it is a directory', hint: /existing directory/ },
  { name: '--from-file that does not exist', argv: ({ work: w }) => ['gifts', '--room', 'r', '--from-file', join(w, 'accounts.txt')], code: 2, names: 'cannot read', hint: /readable text file/ },
  { name: '--from-file that is a directory', argv: ({ work: w }) => ['gifts', '--room', 'r', '--from-file', join(w, 'a-directory')], code: 2, names: 'it is a directory', hint: /readable text file/ },
  // Settings and config.
  { name: 'config get of an unknown key', argv: () => ['config', 'get', 'unknown.key'], code: 2, names: 'unknown config key "unknown.key"', hint: /Valid keys: wecom\.corpId/ },
  { name: 'config set of an unknown key', argv: () => ['config', 'set', 'wecom.secret', 'x'], code: 2, names: 'unknown config key "wecom.secret"', hint: /wecom\.corpSecret/ },
  { name: 'config set of an unknown region', argv: () => ['config', 'set', 'tencent.region', 'mars'], code: 2, names: 'tencent.region must be one of cn, sgp' },
  { name: 'config set of a non-numeric SDKAppID', argv: () => ['config', 'set', 'tencent.sdkAppId', '14e8'], code: 2, names: 'tencent.sdkAppId must be the numeric SDKAppID' },
  { name: 'config set of malformed headers JSON', argv: () => ['config', 'set', 'livecount.headers', '{Authorization: x}'], code: 2, names: 'livecount.headers must be a JSON object', hint: /standard input/ },
  { name: 'config set of an http base URL', argv: () => ['config', 'set', 'wecom.baseUrl', 'http://example.com'], code: 2, names: 'wecom.baseUrl must use https://' },
  { name: 'missing setting', argv: () => ['watch', 'lv1'], code: 3, names: 'missing setting wecom.corpId', hint: /LIVESTATS_WECOM_CORP_ID/ },
  { name: 'unknown region in the environment', argv: () => ['gifts', '--room', 'r', '--from', 'a'], env: { ...TENCENT, LIVESTATS_TENCENT_REGION: 'mars' }, code: 3, names: 'LIVESTATS_TENCENT_REGION (environment) must be one of', hint: /Fix or unset LIVESTATS_TENCENT_REGION/ },
  { name: 'malformed LIVESTATS_LIVECOUNT_HEADERS', argv: () => ['livecount', '--room', '1'], env: { ...LIVECOUNT, LIVESTATS_LIVECOUNT_HEADERS: '{"Authorization":' }, code: 3, names: 'LIVESTATS_LIVECOUNT_HEADERS (environment) must be a JSON object', hint: /Fix or unset/ },
  { name: 'LIVESTATS_LIVECOUNT_HEADERS not an object', argv: () => ['livecount', '--room', '1'], env: { ...LIVECOUNT, LIVESTATS_LIVECOUNT_HEADERS: '["x"]' }, code: 3, names: 'must be a JSON object', hint: /Fix or unset/ },
  { name: 'http base URL in the environment', argv: () => ['watch', 'lv1'], env: { ...WECOM, LIVESTATS_WECOM_BASE_URL: 'http://example.com' }, code: 3, names: 'LIVESTATS_WECOM_BASE_URL (environment) must use https://', hint: /Fix or unset/ },
  { name: 'bad LIVESTATS_PROFILE', argv: () => ['watch', 'lv1'], env: { LIVESTATS_PROFILE: 'a b' }, code: 3, names: 'LIVESTATS_PROFILE: profile name "a b"', hint: /Fix or unset LIVESTATS_PROFILE/ },
  { name: 'config file that is not JSON', argv: () => ['config', 'list'], configFile: 'bad-config.json', code: 3, names: 'is not valid JSON', hint: /Fix or remove/ },
];

async function runCase(c: BadCase): Promise<{ code: number; stdout: string; stderr: string }> {
  const ctx = testContext({ env: c.env ?? {}, ...(c.stdin === undefined ? {} : { stdin: c.stdin }) });
  if (c.configFile) {
    const dir = join(work, `config-${c.configFile}`);
    await mkdir(dir, { recursive: true });
    await copyFile(join(work, c.configFile), join(dir, 'config.json'));
    useConfigFile(ctx, dir);
  }
  try {
    return await runCli(c.argv({ work, unwritable }), ctx);
  } finally {
    await rm(ctx.configDir, { recursive: true, force: true });
  }
}

function expectWellFormed(c: BadCase, result: { code: number | null; stdout: string; stderr: string }): void {
  expect(result.code).toBe(c.code);
  expect(result.stdout).toBe('');
  expect(result.stderr).not.toMatch(STACK_FRAME);
  expect(result.stderr.endsWith('\n')).toBe(true);
  const lines = result.stderr.slice(0, -1).split('\n');
  expect(lines.length).toBeGreaterThanOrEqual(1);
  expect(lines.length).toBeLessThanOrEqual(2);
  expect(lines[0]).toMatch(/^livestats: /);
  if (typeof c.names === 'string') expect(lines[0]).toContain(c.names);
  else expect(lines[0]).toMatch(c.names);
  if (lines.length === 2) expect(lines[1]).toMatch(/^ {2}hint: \S/);
  if (c.hint) expect(lines[1]).toMatch(c.hint);
}

describe('bad invocations', () => {
  it('has a table of at least 30 cases', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(30);
  });

  it.each(CASES)('$name → exit $code', async (c) => {
    expectWellFormed(c, await runCase(c));
  });
});

describe('bad invocations through the real binary', () => {
  const THROUGH_BINARY = [
    'unknown command',
    '--limit 0',
    '-o in a missing directory (before any request)',
    'malformed LIVESTATS_LIVECOUNT_HEADERS',
    'config get of an unknown key',
    '--since after --until',
  ];

  it.each(THROUGH_BINARY)('%s: the same exit code and the same words as in-process', async (name) => {
    const c = CASES.find((x) => x.name === name)!;
    const config = makeConfigDir();
    try {
      const result = await runBinary(c.argv({ work, unwritable }), { env: { ...baseEnv(config.dir), ...c.env } });
      expectWellFormed(c, result);
      expect(result.stderr).toBe((await runCase(c)).stderr);
    } finally {
      config.cleanup();
    }
  });
});
