import { mkdirSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ExitCode } from '../../../src/errors.js';
import { checkWecom } from '../../../src/providers/wecom/check.js';
import { connectWecom } from '../../../src/providers/wecom/token.js';
import { caught, expectGettoken, fixture, useHarnesses } from './helpers.js';

const start = useHarnesses();

describe('checkWecom (doctor)', () => {
  it('really calls gettoken even when a cached token is fresh, and reports its lifetime', async () => {
    const h = await start();
    expectGettoken(h.agent, fixture('gettoken-ok'), 2);
    await connectWecom(h.session).tokens.get();
    expect(await checkWecom(h.session)).toBe('token issued, expires in 7200 s');
    h.agent.assertNoPendingInterceptors();
  });

  it('does not write the token cache', async () => {
    const h = await start();
    mkdirSync(h.ctx.configDir, { recursive: true });
    expectGettoken(h.agent, fixture('gettoken-expires-in-string'));
    expect(await checkWecom(h.session)).toBe('token issued, expires in 1500 s');
    expect(readdirSync(h.ctx.configDir).filter((name) => name.startsWith('wecom-token-'))).toEqual([]);
  });

  it('throws AuthError (exit 4) on a bad secret after one call', async () => {
    const h = await start({ raw: { retries: '3' } });
    expectGettoken(h.agent, fixture('gettoken-invalid-secret'));
    expect((await caught(() => checkWecom(h.session))).exitCode).toBe(ExitCode.auth);
    h.agent.assertNoPendingInterceptors();
  });

  it('throws ConfigError (exit 3) when the corp ID is missing, sending nothing', async () => {
    const h = await start({ env: { LIVESTATS_WECOM_CORP_ID: '' } });
    const error = await caught(() => checkWecom(h.session));
    expect(error.exitCode).toBe(ExitCode.config);
    expect(error.message).toContain('wecom.corpId');
  });
});
