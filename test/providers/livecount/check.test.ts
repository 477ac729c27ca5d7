import { describe, expect, it } from 'vitest';
import { parseGlobalOptions } from '../../../src/cli/global-options.js';
import { openSession } from '../../../src/session/provider-session.js';
import { AuthError, ProviderError } from '../../../src/errors.js';
import { checkLivecount } from '../../../src/providers/livecount/check.js';
import { testContext } from '../../helpers/context.js';
import { DOMAIN, expectLiveCount, fixtureText, SETTINGS, TOKEN, useMockAgent } from './harness.js';

const agent = useMockAgent();

async function check(): Promise<string> {
  const ctx = testContext({ dispatcher: agent(), settings: SETTINGS });
  const session = await openSession(ctx, parseGlobalOptions({ retries: '0' }, {}, false));
  try {
    return await checkLivecount(session);
  } finally {
    await session.close();
  }
}

describe('checkLivecount', () => {
  it('probes room 0 with the configured headers and reports the answer', async () => {
    const seen = expectLiveCount(agent(), 200, fixtureText('camel-case'));
    const detail = await check();
    expect(detail).toBe(`${DOMAIN} answered errcode 0 for probe room 0`);
    expect(seen[0]?.body).toEqual({ room_id: 0 });
    expect(JSON.stringify(seen[0]?.headers)).toContain(TOKEN);
  });

  it('counts an error envelope as a working endpoint, naming the code', async () => {
    expectLiveCount(agent(), 200, fixtureText('error'));
    await expect(check()).resolves.toMatch(/errcode 1001 \(直播不存在\)/);
  });

  it('reports HTTP 403 as rejected credentials', async () => {
    expectLiveCount(agent(), 403, '{"message":"forbidden"}');
    await expect(check()).rejects.toBeInstanceOf(AuthError);
  });

  it('fails on an answer that is not a LiveCount envelope', async () => {
    expectLiveCount(agent(), 200, '{"code":"SUCCESS","data":{}}');
    await expect(check()).rejects.toThrow(ProviderError);
  });
});
