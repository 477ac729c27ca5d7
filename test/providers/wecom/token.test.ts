import { mkdirSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ExitCode } from '../../../src/errors.js';
import { sha256, TokenCache } from '../../../src/providers/wecom/token-cache.js';
import { connectWecom } from '../../../src/providers/wecom/token.js';
import { createMockAgent } from '../../helpers/http.js';
import { caught, CORP_ID, CORP_SECRET, expectGettoken, fixture, pendingUses, TOKEN_1, useHarnesses } from './helpers.js';

const start = useHarnesses();

function cacheFiles(dir: string): string[] {
  return readdirSync(dir).filter((name) => name.startsWith('wecom-token-') && name.endsWith('.json'));
}

describe('WeCom access token', () => {
  it('fetches on a cache miss, writes a 0600 cache keyed without the secret, and hits it on the next run', async () => {
    const first = await start({ raw: { verbose: true } });
    expectGettoken(first.agent, fixture('gettoken-ok'));
    expect(await connectWecom(first.session).tokens.get()).toBe(TOKEN_1);
    first.agent.assertNoPendingInterceptors();
    expect(first.ctx.err.text).toContain('token cache miss (missing)');
    expect(first.ctx.err.text).toContain('token refreshed (expires in 7200 s)');

    const [name] = cacheFiles(first.ctx.configDir);
    expect(name).toBeDefined();
    const file = join(first.ctx.configDir, name!);
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);
    const text = readFileSync(file, 'utf8');
    expect(`${name}\n${text}`).not.toContain(CORP_SECRET);
    const stored = JSON.parse(text) as Record<string, unknown>;
    expect(stored).toMatchObject({ corp_id: CORP_ID, secret_sha256: sha256(CORP_SECRET), access_token: TOKEN_1 });
    // Cached until expires_in − 300 s, measured on the injected clock.
    expect(stored.expires_at).toBe(first.ctx.now() + (7200 - 300) * 1000);

    // A second run on the same state dir, with no gettoken expected: the MockAgent would refuse one.
    const second = await start({ agent: first.agent, configDir: first.ctx.configDir, raw: { verbose: true } });
    expect(await connectWecom(second.session).tokens.get()).toBe(TOKEN_1);
    expect(second.ctx.err.text).toContain('token cache hit');
    expect(second.ctx.err.text).not.toContain(TOKEN_1);
  });

  it('refreshes a cached token once it is within 300 s of expiry', async () => {
    const first = await start();
    expectGettoken(first.agent, fixture('gettoken-ok'));
    await connectWecom(first.session).tokens.get();

    const later = await start({ agent: first.agent, configDir: first.ctx.configDir, raw: { verbose: true } });
    later.ctx.clock.advance((7200 - 300) * 1000);
    expectGettoken(later.agent, fixture('gettoken-refreshed'));
    expect(await connectWecom(later.session).tokens.get()).toBe('accesstoken000002');
    expect(later.ctx.err.text).toContain('token cache miss (expired)');
    later.agent.assertNoPendingInterceptors();
  });

  it('coerces expires_in sent as a string ("1500")', async () => {
    const h = await start();
    expectGettoken(h.agent, fixture('gettoken-expires-in-string'));
    expect(await connectWecom(h.session).tokens.get()).toBe('accesstoken000004');
    const stored = JSON.parse(readFileSync(join(h.ctx.configDir, cacheFiles(h.ctx.configDir)[0]!), 'utf8')) as { expires_at: number };
    expect(stored.expires_at).toBe(h.ctx.now() + (1500 - 300) * 1000);
  });

  it('treats a gettoken answer without errcode as success', async () => {
    const h = await start();
    expectGettoken(h.agent, fixture('gettoken-no-errcode'));
    expect(await connectWecom(h.session).tokens.get()).toBe('accesstoken000003');
    h.agent.assertNoPendingInterceptors();
  });

  it('calls gettoken exactly once on a bad secret, even with --retries 3, and exits 4 with a hint', async () => {
    const h = await start({ raw: { retries: '3' } });
    // Two answers are on offer: a retry would consume the second and the pending check below would fail.
    expectGettoken(h.agent, fixture('gettoken-invalid-secret'), 2);
    const error = await caught(() => connectWecom(h.session).tokens.get());
    expect(error.exitCode).toBe(ExitCode.auth);
    expect(error.message).toContain('code 40001');
    expect(error.hint).toContain('wecom.corpSecret');
    expect(pendingUses(h.agent)).toEqual([1]);
    expect(h.ctx.sleeps).toEqual([]);
    expect(error.message).not.toContain(CORP_SECRET);
  });

  it('exits 4 on an invalid corp ID (40013) without retrying', async () => {
    const h = await start();
    expectGettoken(h.agent, fixture('gettoken-invalid-corpid'));
    const error = await caught(() => connectWecom(h.session).tokens.get());
    expect(error.exitCode).toBe(ExitCode.auth);
    expect(error.hint).toContain('wecom.corpId');
    h.agent.assertNoPendingInterceptors();
  });

  it('names the missing field when gettoken succeeds without expires_in (exit 5)', async () => {
    const h = await start();
    expectGettoken(h.agent, fixture('gettoken-missing-expires-in'));
    const error = await caught(() => connectWecom(h.session).tokens.get());
    expect(error.exitCode).toBe(ExitCode.provider);
    expect(error.message).toContain('gettoken');
    expect(error.message).toContain('"expires_in"');
  });

  it('ignores a corrupt cache file and rewrites it', async () => {
    const h = await start({ raw: { verbose: true } });
    const cache = new TokenCache({ dir: h.ctx.configDir, corpId: CORP_ID, corpSecret: CORP_SECRET, now: h.ctx.now, warn: () => undefined });
    mkdirSync(h.ctx.configDir, { recursive: true });
    writeFileSync(cache.file, '{"version":1,"access_tok');
    expectGettoken(h.agent, fixture('gettoken-ok'));
    expect(await connectWecom(h.session).tokens.get()).toBe(TOKEN_1);
    expect(h.ctx.err.text).toContain('token cache miss (unreadable)');
    expect(await cache.read()).toMatchObject({ state: 'fresh', token: TOKEN_1 });
  });

  it('keeps apps apart: another secret of the same corp does not reuse the cached token', async () => {
    const first = await start();
    expectGettoken(first.agent, fixture('gettoken-ok'));
    await connectWecom(first.session).tokens.get();
    const other = await start({
      agent: first.agent,
      configDir: first.ctx.configDir,
      env: { LIVESTATS_WECOM_CORP_SECRET: 'another-app-secret-9876' },
    });
    first.agent
      .get('https://qyapi.weixin.qq.com')
      .intercept({ path: '/cgi-bin/gettoken', method: 'GET', query: { corpid: CORP_ID, corpsecret: 'another-app-secret-9876' } })
      .reply(200, fixture('gettoken-refreshed'));
    expect(await connectWecom(other.session).tokens.get()).toBe('accesstoken000002');
    expect(cacheFiles(first.ctx.configDir)).toHaveLength(2);
    first.agent.assertNoPendingInterceptors();
  });

  it('lets only one of two concurrent runs call gettoken (file lock, cache re-read under the lock)', async () => {
    const agent = createMockAgent();
    const a = await start({ agent });
    const b = await start({ agent, configDir: a.ctx.configDir });
    // One answer only, and slow, so the second run is certainly waiting on the lock while the first fetches.
    agent
      .get('https://qyapi.weixin.qq.com')
      .intercept({ path: '/cgi-bin/gettoken', method: 'GET', query: { corpid: CORP_ID, corpsecret: CORP_SECRET } })
      .reply(200, fixture('gettoken-ok'))
      .delay(150);
    const tokens = await Promise.all([connectWecom(a.session).tokens.get(), connectWecom(b.session).tokens.get()]);
    expect(tokens).toEqual([TOKEN_1, TOKEN_1]);
    agent.assertNoPendingInterceptors();
    expect(readdirSync(a.ctx.configDir).filter((n) => n.endsWith('.lock') || n.endsWith('.tmp'))).toEqual([]);
  });

  it('takes over a stale lock left by a crashed run', async () => {
    const h = await start();
    const cache = new TokenCache({ dir: h.ctx.configDir, corpId: CORP_ID, corpSecret: CORP_SECRET, now: h.ctx.now, warn: () => undefined });
    mkdirSync(`${cache.file}.lock`, { recursive: true });
    const longAgo = new Date(Date.now() - 60_000);
    utimesSync(`${cache.file}.lock`, longAgo, longAgo);
    expectGettoken(h.agent, fixture('gettoken-ok'));
    expect(await connectWecom(h.session).tokens.get()).toBe(TOKEN_1);
    expect(h.ctx.err.text).not.toContain('could not lock');
    h.agent.assertNoPendingInterceptors();
  });

  it('registers every token with the redactor as soon as it is known', async () => {
    const h = await start();
    expectGettoken(h.agent, fixture('gettoken-ok'));
    await connectWecom(h.session).tokens.get();
    expect(h.session.redactor.text(`token=${TOKEN_1}`)).toBe('token=[REDACTED]');
  });
});

describe('gettoken when WeCom is busy', () => {
  it('retries errcode -1 with backoff and then uses the token', async () => {
    const h = await start();
    expectGettoken(h.agent, fixture('system-busy'));
    expectGettoken(h.agent, fixture('gettoken-ok'));
    expect(await connectWecom(h.session).tokens.get()).toBe(TOKEN_1);
    expect(h.ctx.sleeps).toHaveLength(1);
    h.agent.assertNoPendingInterceptors();
  });
});
