// One signed Polyv call: what is sent, fresh signs on every attempt, and how each documented answer ends
// (retry, re-sign once, exit 4 or exit 5).
import { afterEach, describe, expect, it } from 'vitest';
import { AuthError, ExitCode, ProviderError, type CliError } from '../../../src/errors.js';
import { REDACTED } from '../../../src/http/redact.js';
import { PolyvApi, RED_PACK_STATS } from '../../../src/providers/polyv/api.js';
import { QPS_BLOCK_WAIT_MS } from '../../../src/providers/polyv/pacing.js';
import { classifyFailure, redPackPageBodySchema } from '../../../src/providers/polyv/schemas.js';
import { polyvSign } from '../../../src/providers/polyv/sign.js';
import { recordingPacer } from '../../helpers/http.js';
import { APP_ID, APP_SECRET, fixture, polyvHarness, tickingClock, type PolyvHarness } from './harness.js';

let h: PolyvHarness;
afterEach(async () => {
  h.agent.assertNoPendingInterceptors();
  await h.close();
});

const params = { channelId: '2812610', sessionId: undefined, pageNumber: 1, pageSize: 1000 };
const get = (api: PolyvApi) => api.get(RED_PACK_STATS, params, redPackPageBodySchema);

async function failure(promise: Promise<unknown>): Promise<CliError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(Error);
  return error as CliError;
}

/** The sign a request carries must be the sign of everything else it carries. */
function expectValidSign(url: URL): void {
  const sent = Object.fromEntries([...url.searchParams].filter(([name]) => name !== 'sign'));
  expect(url.searchParams.get('sign')).toBe(polyvSign(sent, APP_SECRET));
}

describe('PolyvApi requests', () => {
  it('sends appId, a 13-digit timestamp, the business params and a matching sign; never the secret or blanks', async () => {
    h = await polyvHarness();
    h.reply('seed-success');
    const body = await PolyvApi.open(h.session).get(RED_PACK_STATS, { ...params, sessionId: ' ' }, redPackPageBodySchema);
    expect(body.data.contents[0]?.redPackId).toBe('500e6f9f47bd42369aac8a9fc259f6d4');
    const url = h.requests[0]!;
    expect(url.searchParams.get('appId')).toBe(APP_ID);
    expect(url.searchParams.get('timestamp')).toBe(String(h.ctx.clock.now()));
    expect(url.searchParams.get('timestamp')).toMatch(/^\d{13}$/);
    expect(url.searchParams.has('sessionId')).toBe(false);
    expect(url.toString()).not.toContain(APP_SECRET);
    expectValidSign(url);
    expect(h.session.redactor.text(`x ${url.searchParams.get('sign')} y`)).toBe(`x ${REDACTED} y`);
  });

  it('retries a 5xx `undefined error` with a fresh timestamp and sign', async () => {
    h = await polyvHarness({ ctx: { nowFn: tickingClock() } });
    h.reply('undefined-error');
    h.reply('seed-success');
    await get(PolyvApi.open(h.session));
    expect(h.requests).toHaveLength(2);
    const [first, second] = h.requests as [URL, URL];
    expect(first.searchParams.get('timestamp')).not.toBe(second.searchParams.get('timestamp'));
    expect(first.searchParams.get('sign')).not.toBe(second.searchParams.get('sign'));
    expectValidSign(first);
    expectValidSign(second);
    expect(h.ctx.sleeps).toHaveLength(1);
  });

  it('retries a 502 whose body is not JSON, and paces every attempt', async () => {
    h = await polyvHarness();
    h.replyRaw(502, '<html>Bad Gateway</html>');
    h.reply('seed-success');
    const pacer = recordingPacer();
    await get(PolyvApi.open(h.session, pacer));
    expect(h.requests).toHaveLength(2);
    expect(pacer.calls).toBe(2);
  });

  it('gives up on a 5xx after --retries with exit 5, naming the desc and request id', async () => {
    h = await polyvHarness({ global: { retries: '1' } });
    h.reply('undefined-error');
    h.reply('undefined-error');
    const error = await failure(get(PolyvApi.open(h.session)));
    expect(error.exitCode).toBe(ExitCode.provider);
    expect(error.message).toContain('undefined error');
    expect(error.message).toContain('7f6e5d4c301b42a3e9f5061728394051.126.16493818300000006');
  });

  it('waits out the 5-minute IP block on `qps exceeds number of calls`, then completes', async () => {
    h = await polyvHarness();
    h.reply('qps-exceeded');
    h.reply('seed-success');
    const body = await get(PolyvApi.open(h.session));
    expect(body.data.totalItems).toBe(1);
    expect(h.ctx.sleeps).toEqual([QPS_BLOCK_WAIT_MS]);
    expect(QPS_BLOCK_WAIT_MS).toBeGreaterThanOrEqual(5 * 60_000);
    expect(h.ctx.err.text).toContain('qps exceeds number of calls');
  });
});

describe('PolyvApi warnings', () => {
  it('says once that Polyv is throttling, however many requests in flight hear it', async () => {
    h = await polyvHarness();
    for (let i = 0; i < 2; i++) h.reply('qps-exceeded');
    for (let i = 0; i < 2; i++) h.reply('seed-success');
    const api = PolyvApi.open(h.session);
    await Promise.all([get(api), get(api)]);
    expect(h.ctx.err.text.match(/qps exceeds number of calls/g)).toHaveLength(1);
    expect(h.ctx.sleeps).toEqual([QPS_BLOCK_WAIT_MS, QPS_BLOCK_WAIT_MS]);
  });
});

describe('PolyvApi `invalid timestamp.`', () => {
  it('re-signs once with a fresh timestamp and warns about the clock', async () => {
    h = await polyvHarness({ ctx: { nowFn: tickingClock() } });
    h.reply('invalid-timestamp');
    h.reply('seed-success');
    await get(PolyvApi.open(h.session));
    const [first, second] = h.requests as [URL, URL];
    expect(second.searchParams.get('sign')).not.toBe(first.searchParams.get('sign'));
    expectValidSign(second);
    expect(h.ctx.err.text).toMatch(/warning: .*clock/);
  });

  it('fails with exit 5 and a clock hint when the second attempt is refused too', async () => {
    h = await polyvHarness({ ctx: { nowFn: tickingClock() } });
    h.reply('invalid-timestamp');
    h.reply('invalid-timestamp');
    const error = await failure(get(PolyvApi.open(h.session)));
    expect(error).toBeInstanceOf(ProviderError);
    expect(error.exitCode).toBe(ExitCode.provider);
    expect(error.hint).toMatch(/clock/);
    expect(h.requests).toHaveLength(2);
  });
});

describe('PolyvApi Chinese timestamp errors (时间戳过期 and the like)', () => {
  it('re-signs once like `invalid timestamp.`, then fails with exit 5 and the clock hint', async () => {
    h = await polyvHarness({ ctx: { nowFn: tickingClock() } });
    h.reply('timestamp-expired-zh');
    h.reply('timestamp-expired-zh');
    const error = await failure(get(PolyvApi.open(h.session)));
    expect(error.exitCode).toBe(ExitCode.provider);
    expect(error.hint).toMatch(/clock/);
    expect(error.message).toContain('时间戳过期');
    const [first, second] = h.requests as [URL, URL];
    expect(second.searchParams.get('timestamp')).not.toBe(first.searchParams.get('timestamp'));
    expectValidSign(second);
  });

  it.each(['时间戳过期', '时间戳错误', '请求时间戳不能为空', 'invalid timestamp.'])('classifies %j as a timestamp failure', (desc) => {
    expect(classifyFailure(desc)).toBe('timestamp');
  });

  it('leaves other Chinese errors alone', () => {
    expect(classifyFailure('频道不存在')).toBe('other');
  });
});

describe('PolyvApi refusals', () => {
  it.each([
    ['invalid-signature', 403],
    ['application-not-found', 400],
    ['app-id-required', 400],
  ])('%s (HTTP %i) is a credential error, exit 4, with a hint about appId/appSecret', async (name, status) => {
    h = await polyvHarness();
    h.reply(name);
    const error = await failure(get(PolyvApi.open(h.session)));
    expect(error).toBeInstanceOf(AuthError);
    expect(error.exitCode).toBe(ExitCode.auth);
    expect((error as AuthError).detail.httpStatus).toBe(status);
    expect(error.hint).toContain('polyv.appSecret');
    expect(error.message).toContain(fixture<{ requestId: string }>(name).requestId);
    expect(h.requests).toHaveLength(1);
  });

  it('`illegal channel id` arrives with HTTP 403 but is a provider error (exit 5), not a credential one', async () => {
    h = await polyvHarness();
    h.reply('illegal-channel');
    const error = await failure(get(PolyvApi.open(h.session)));
    expect(error).toBeInstanceOf(ProviderError);
    expect(error.exitCode).toBe(ExitCode.provider);
    expect(error.message).toContain('illegal channel id: 2812610');
    expect(error.message).toContain('code 20004');
    expect(error.message).toContain('5d4c3b2a1e9f4081c7d3e4f506172839.128.16493818300000004');
    expect(error.hint).toContain('--channel');
  });

  it('reads an older-style top-level message when the error part is missing or malformed', async () => {
    h = await polyvHarness();
    h.reply('param-not-digit', { body: { code: 400, status: 'error', message: 'param validate error', error: 'bad', success: false } });
    const error = await failure(get(PolyvApi.open(h.session)));
    expect(error.exitCode).toBe(ExitCode.provider);
    expect(error.message).toContain('param validate error');
  });

  it('any other error is exit 5 with the desc and is not retried', async () => {
    h = await polyvHarness();
    h.reply('param-not-digit');
    const error = await failure(get(PolyvApi.open(h.session)));
    expect(error.exitCode).toBe(ExitCode.provider);
    expect(error.message).toContain('param is not digit: startTime');
    expect(h.requests).toHaveLength(1);
  });
});

describe('PolyvApi response validation', () => {
  it.each([
    ['missing-total-pages', 'data.totalPages'],
    ['missing-amount', 'data.contents.0.amount'],
  ])('%s is exit 5 naming %s', async (name, field) => {
    h = await polyvHarness();
    h.reply(name);
    const error = await failure(get(PolyvApi.open(h.session)));
    expect(error.exitCode).toBe(ExitCode.provider);
    expect(error.message).toContain(`"${field}"`);
  });

  it('accepts fields it does not know and keeps them', async () => {
    h = await polyvHarness();
    const body = fixture<{ data: { contents: Array<Record<string, unknown>> } }>('seed-success');
    body.data.contents[0]!.redPackRemark = '新年快乐';
    h.reply('seed-success', { body });
    const parsed = await get(PolyvApi.open(h.session));
    expect((parsed.data.contents[0] as Record<string, unknown>).redPackRemark).toBe('新年快乐');
  });
});
