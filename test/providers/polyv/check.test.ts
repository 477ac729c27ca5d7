// `livestats doctor` for Polyv: one signed probe; a refused probe channel passes, refused credentials do not.
import { afterEach, describe, expect, it } from 'vitest';
import { AuthError, ExitCode, ProviderError } from '../../../src/errors.js';
import { checkPolyv, PROBE_CHANNEL_ID } from '../../../src/providers/polyv/check.js';
import { APP_ID, fixture, polyvHarness, type PolyvHarness } from './harness.js';

let h: PolyvHarness;
afterEach(async () => {
  h.agent.assertNoPendingInterceptors();
  await h.close();
});

describe('checkPolyv', () => {
  it('sends one small signed request for the probe channel', async () => {
    h = await polyvHarness();
    h.reply('empty');
    expect(await checkPolyv(h.session)).toContain(`appId ${APP_ID}: signed request accepted`);
    expect(h.requests).toHaveLength(1);
    expect(h.requests[0]?.searchParams.get('channelId')).toBe(PROBE_CHANNEL_ID);
    expect(h.requests[0]?.searchParams.get('pageSize')).toBe('1');
    expect(h.requests[0]?.searchParams.get('sign')).toMatch(/^[0-9A-F]{32}$/);
  });

  it('passes on `illegal channel id`: the sign was accepted', async () => {
    h = await polyvHarness();
    h.reply('illegal-channel', { body: { ...fixture('illegal-channel'), error: { code: 20004, desc: 'illegal channel id: 0' } } });
    expect(await checkPolyv(h.session)).toMatch(/signed request accepted/);
  });

  it.each(['invalid-signature', 'application-not-found'])('fails with exit 4 on %s', async (name) => {
    h = await polyvHarness();
    h.reply(name);
    const error = await checkPolyv(h.session).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthError);
    expect((error as AuthError).exitCode).toBe(ExitCode.auth);
  });

  it('passes any other provider error on', async () => {
    h = await polyvHarness();
    h.reply('param-not-digit');
    await expect(checkPolyv(h.session)).rejects.toBeInstanceOf(ProviderError);
  });

  it('is a configuration error (exit 3) without polyv.appSecret, before any request', async () => {
    h = await polyvHarness({ settings: { 'polyv.appSecret': '' } });
    const error = await checkPolyv(h.session).catch((e: unknown) => e);
    expect((error as { exitCode?: number }).exitCode).toBe(ExitCode.config);
    expect(String(error)).toContain('polyv.appSecret');
    expect(h.requests).toHaveLength(0);
  });
});
