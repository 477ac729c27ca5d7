// The stderr logger: text lines exactly as before, JSON lines with an RFC 3339 time, both redacted; and main's
// error object for --log-format json (kind, exit code, provider detail), reached in-process.
import { describe, expect, it } from 'vitest';
import { AuthError, ConfigError, ProviderError, UsageError } from '../../src/errors.js';
import { REDACTED } from '../../src/http/redact.js';
import { detectLogFormat } from '../../src/io/log.js';
import { capturingRunner, runCli } from '../helpers/cli.js';
import { TEST_NOW, testContext } from '../helpers/context.js';

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const SECRET = 'sekret-value-1234';

function jsonLines(text: string): Array<Record<string, unknown>> {
  return text
    .trimEnd()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe('text mode', () => {
  it('writes the lines livestats always wrote, byte for byte', () => {
    const ctx = testContext();
    ctx.log.info('saved wecom.corpId in profile "default"');
    ctx.log.warn('room "r1" was listed but no longer exists');
    ctx.log.debug('→ GET http://127.0.0.1/x');
    ctx.log.error({ message: 'missing setting wecom.corpId', hint: 'Set LIVESTATS_WECOM_CORP_ID.' });
    ctx.log.error({ message: 'interrupted' });
    ctx.log.done({ command: 'watch', rows: 3 });
    expect(ctx.err.text).toBe(
      'livestats: saved wecom.corpId in profile "default"\n' +
        'livestats: warning: room "r1" was listed but no longer exists\n' +
        `${new Date(TEST_NOW).toISOString()} livestats: → GET http://127.0.0.1/x\n` +
        'livestats: missing setting wecom.corpId\n' +
        '  hint: Set LIVESTATS_WECOM_CORP_ID.\n' +
        'livestats: interrupted\n',
    );
  });

  it('redacts a secret in the message and the hint', () => {
    const ctx = testContext({ secrets: [SECRET] });
    ctx.log.error({ message: `bad ${SECRET}`, hint: `not ${SECRET}` });
    expect(ctx.err.text).not.toContain(SECRET);
    expect(ctx.err.text).toBe(`livestats: bad ${REDACTED}\n  hint: not ${REDACTED}\n`);
  });
});

describe('json mode', () => {
  it('writes one object per line with time (RFC 3339), level and message first, absent fields left out', () => {
    const ctx = testContext();
    ctx.log.format = 'json';
    ctx.log.info('note');
    ctx.log.warn('careful');
    ctx.log.debug('→ GET /x');
    ctx.log.done({ command: 'watch', rows: 2, output: null, skipped: undefined });
    ctx.log.error({ message: 'failed', fields: { error: 'provider', exit_code: 5, provider_code: undefined } });
    const lines = jsonLines(ctx.err.text);
    expect(lines.map((l) => Object.keys(l).slice(0, 3))).toEqual(Array(5).fill(['time', 'level', 'message']));
    for (const line of lines) expect(line.time).toMatch(RFC3339);
    expect(lines.map((l) => l.level)).toEqual(['info', 'warn', 'debug', 'info', 'error']);
    expect(lines[3]).toEqual({ time: new Date(TEST_NOW).toISOString(), level: 'info', message: 'done', command: 'watch', rows: 2, output: null });
    expect(lines[4]).toEqual({ time: new Date(TEST_NOW).toISOString(), level: 'error', message: 'failed', error: 'provider', exit_code: 5 });
  });

  it('redacts a secret in message, hint and string fields, and a field cannot replace level', () => {
    const ctx = testContext({ secrets: [SECRET] });
    ctx.log.format = 'json';
    ctx.log.error({ message: `bad ${SECRET}`, hint: `not "${SECRET}"`, fields: { request_id: SECRET, level: 'info' } });
    expect(ctx.err.text).not.toContain(SECRET);
    expect(jsonLines(ctx.err.text)).toEqual([
      { time: new Date(TEST_NOW).toISOString(), level: 'error', message: `bad ${REDACTED}`, request_id: REDACTED, hint: `not "${REDACTED}"` },
    ]);
  });

  it('puts a --verbose stack trace in a debug object before the error object', () => {
    const ctx = testContext();
    ctx.log.format = 'json';
    ctx.log.error({ message: 'internal error: boom', stack: 'Error: boom\n    at x (y.js:1:1)' });
    const lines = jsonLines(ctx.err.text);
    expect(lines.map((l) => l.level)).toEqual(['debug', 'error']);
    expect(lines[0]?.message).toContain('at x (y.js:1:1)');
  });
});

describe('detectLogFormat (before parsing)', () => {
  it.each([
    [['watch', '--log-format', 'json'], {}, 'json'],
    [['watch', '--log-format=json'], {}, 'json'],
    [['watch'], { LIVESTATS_LOG_FORMAT: 'json' }, 'json'],
    [['watch', '--log-format', 'text'], { LIVESTATS_LOG_FORMAT: 'json' }, 'text'],
    [['watch', '--log-format', 'xml'], { LIVESTATS_LOG_FORMAT: 'json' }, 'json'],
    [['watch', '--', '--log-format', 'json'], {}, 'text'],
    [['watch'], { LIVESTATS_LOG_FORMAT: 'yaml' }, 'text'],
  ] as const)('%j with %j is %s', (argv, env, expected) => {
    expect(detectLogFormat(argv, env)).toBe(expected);
  });
});

describe('main with --log-format json', () => {
  function failing(error: unknown) {
    return capturingRunner(() => {
      throw error;
    }).runner;
  }

  it('reports a usage error from parsing as one error object', async () => {
    const { code, stderr } = await runCli(['watch', 'a', '--bogus', '--log-format', 'json']);
    expect(code).toBe(2);
    const lines = jsonLines(stderr);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 'error', error: 'usage', exit_code: 2 });
    expect(String(lines[0]?.message)).toContain('--bogus');
    expect(lines[0]?.hint).toMatch(/--help/);
  });

  it('--log-format xml is a usage error; a bad LIVESTATS_LOG_FORMAT a configuration error', async () => {
    const bad = await runCli(['watch', 'a', '--log-format', 'xml'], {}, capturingRunner().runner);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^livestats: --log-format must be one of text, json, got "xml"\n/);
    const env = await runCli(['watch', 'a'], { env: { LIVESTATS_LOG_FORMAT: 'yaml' } }, capturingRunner().runner);
    expect(env.code).toBe(3);
    expect(env.stderr).toMatch(/^livestats: LIVESTATS_LOG_FORMAT must be one of text, json/);
  });

  it('hands the format to the command in the global options', async () => {
    const { runner, calls } = capturingRunner();
    await runCli(['watch', 'a', '--log-format=json'], {}, runner);
    await runCli(['watch', 'a'], { env: { LIVESTATS_LOG_FORMAT: 'JSON' } }, runner);
    await runCli(['watch', 'a'], {}, runner);
    expect(calls.map((c) => c.input.global.logFormat)).toEqual(['json', 'json', 'text']);
  });

  it.each([
    ['config', new ConfigError('missing wecom.corpId', { hint: 'set it' }), { error: 'config', exit_code: 3, hint: 'set it' }],
    ['usage', new UsageError('bad'), { error: 'usage', exit_code: 2 }],
    [
      'credentials',
      new AuthError('WeCom gettoken refused', { provider: 'WeCom', endpoint: 'gettoken', code: 40001, requestId: 'req-1' }),
      { error: 'credentials', exit_code: 4, provider: 'WeCom', provider_code: 40001, request_id: 'req-1' },
    ],
    [
      'provider',
      new ProviderError('Polyv failed', { provider: 'Polyv', endpoint: 'x', code: '20005' }),
      { error: 'provider', exit_code: 5, provider: 'Polyv', provider_code: '20005' },
    ],
    ['internal', new TypeError('boom'), { error: 'internal', exit_code: 1, message: 'internal error: boom' }],
  ] as const)('%s: the last line carries kind and exit code', async (_kind, error, expected) => {
    const { code, stderr } = await runCli(['watch', 'a'], { env: { LIVESTATS_LOG_FORMAT: 'json' } }, failing(error));
    expect(code).toBe(expected.exit_code);
    const lines = jsonLines(stderr);
    expect(lines.at(-1)).toMatchObject({ level: 'error', ...expected });
  });

  it('leaves out provider keys that are absent', async () => {
    const error = new ProviderError('LiveCount failed', { provider: 'LiveCount', endpoint: 'x' });
    const { stderr } = await runCli(['watch', 'a', '--log-format', 'json'], {}, failing(error));
    const last = jsonLines(stderr).at(-1) ?? {};
    expect(Object.keys(last).sort()).toEqual(['error', 'exit_code', 'level', 'message', 'provider', 'time']);
  });

  it('text mode still prints the two lines it always did', async () => {
    const { stderr } = await runCli(['watch', 'a'], {}, failing(new ConfigError('missing wecom.corpId', { hint: 'set it' })));
    expect(stderr).toBe('livestats: missing wecom.corpId\n  hint: set it\n');
  });
});

describe('progress in json mode', () => {
  it('is off with --log-format json even when neither --quiet nor --verbose is given', async () => {
    const { progressOff } = await import('../../src/io/progress.js');
    expect(progressOff({ quiet: false, verbose: false, logFormat: 'text' })).toBe(false);
    expect(progressOff({ quiet: false, verbose: false, logFormat: 'json' })).toBe(true);
  });
});
