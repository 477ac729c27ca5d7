import { afterEach, describe, expect, it } from 'vitest';
import { AuthError, ProviderError } from '../../../src/errors.js';
import { checkTencent, PROBE_ROOM } from '../../../src/providers/tencent/check.js';
import { CN, fixture, isGiftPath, seen, session, setup, type SeenRequest, type TestSetup } from './harness.js';

let t: TestSetup;
afterEach(async () => {
  t.agent.assertNoPendingInterceptors();
  await t.agent.close();
});

function answer(...fixtures: string[]): SeenRequest[] {
  const requests: SeenRequest[] = [];
  for (const name of fixtures) {
    t.agent
      .get(CN)
      .intercept({ path: isGiftPath, method: 'POST' })
      .reply(200, (opts) => {
        requests.push(seen(opts as { path: string; body?: unknown }));
        return fixture(name);
      });
  }
  return requests;
}

describe('checkTencent', () => {
  it.each(['room-not-found', 'bad-parameter', 'ok'])('counts %s as an accepted UserSig', async (name) => {
    t = setup();
    const requests = answer(name);
    const detail = await checkTencent(await session(t));
    expect(detail).toBe('SDKAppID 1400000000 as administrator on console.tim.qq.com: UserSig accepted');
    expect(requests[0]?.body).toEqual({ RoomId: PROBE_ROOM, From_Account: 'administrator' });
  });

  it('is exit 4 with the region hint when the key is not found (70016)', async () => {
    t = setup();
    answer('key-not-found');
    const error = (await checkTencent(await session(t)).catch((e: unknown) => e)) as AuthError;
    expect(error).toBeInstanceOf(AuthError);
    expect(error.exitCode).toBe(4);
    expect(error.hint).toMatch(/tencent\.region/);
  });

  it('renews an expired UserSig once before judging', async () => {
    t = setup();
    const requests = answer('usersig-expired', 'room-not-found');
    await expect(checkTencent(await session(t))).resolves.toContain('UserSig accepted');
    expect(requests).toHaveLength(2);
  });

  it('is exit 5 for an answer that says nothing about the signature', async () => {
    t = setup();
    answer('package-expired');
    const error = (await checkTencent(await session(t)).catch((e: unknown) => e)) as ProviderError;
    expect(error).toBeInstanceOf(ProviderError);
    expect(error.exitCode).toBe(5);
    expect(error.message).toContain('code 60020');
    expect(t.clock.sleeps).toEqual([]);
  });
});
