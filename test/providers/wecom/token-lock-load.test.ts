// A run whose cached token is fresh, the usual cron run, never loads proper-lockfile (nor the signal-exit
// hooks it installs on every signal); only a run that has to call gettoken does. proper-lockfile is wrapped by
// a mock that counts its loads, so this fails if it comes back to the top of token-cache.ts.
import { describe, expect, it, vi } from 'vitest';
import { TokenCache } from '../../../src/providers/wecom/token-cache.js';
import { connectWecom } from '../../../src/providers/wecom/token.js';
import { CORP_ID, CORP_SECRET, expectGettoken, fixture, TOKEN_1, TOKEN_2, useHarnesses } from './helpers.js';

const loads = vi.hoisted(() => ({ lockfile: 0 }));
vi.mock('proper-lockfile', async (importOriginal) => {
  loads.lockfile++;
  return importOriginal();
});

const start = useHarnesses();

// In order: the first test needs proper-lockfile not yet loaded in this file's module registry.
describe('which runs load the token cache lock', () => {
  it('a fresh cached token is used without loading the lock', async () => {
    const run = await start();
    // The file an earlier run left (written directly: writing needs no lock, only fetching does).
    const cache = new TokenCache({ dir: run.ctx.configDir, corpId: CORP_ID, corpSecret: CORP_SECRET, now: run.ctx.now, warn: () => {} });
    await cache.write(TOKEN_2, run.ctx.now() + 3_600_000);
    expect(await connectWecom(run.session).tokens.get()).toBe(TOKEN_2);
    expect(loads.lockfile).toBe(0);
  });

  it('a cache miss loads the lock and fetches under it', async () => {
    const run = await start();
    expectGettoken(run.agent, fixture('gettoken-ok'));
    expect(await connectWecom(run.session).tokens.get()).toBe(TOKEN_1);
    expect(loads.lockfile).toBe(1);
  });
});
