// The shared test context keeps its promises: captured streams, a clock that moves only when told or when
// the fake sleep "waits", deterministic randomness, seeded settings and a working interrupt.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InterruptedError } from '../../src/errors.js';
import { REDACTED } from '../../src/http/redact.js';
import { seededRandom, TEST_NOW, TEST_VERSION, testContext, useConfigFile } from './context.js';

describe('testContext', () => {
  it('captures stdout and stderr separately', () => {
    const ctx = testContext();
    ctx.io.stdout.write('data\n');
    ctx.io.stderr.write('message\n');
    expect(ctx.out.text).toBe('data\n');
    expect(ctx.err.lines()).toEqual(['message']);
  });

  it('has a fixed clock that the recording sleep advances', async () => {
    const ctx = testContext();
    expect(ctx.now()).toBe(TEST_NOW);
    await ctx.sleep?.(1_500);
    await ctx.sleep?.(250);
    expect(ctx.sleeps).toEqual([1_500, 250]);
    expect(ctx.now()).toBe(TEST_NOW + 1_750);
  });

  it('can keep the clock still while sleeping', async () => {
    const ctx = testContext({ now: 5, sleepAdvancesClock: false });
    await ctx.sleep?.(100);
    expect(ctx.now()).toBe(5);
    expect(ctx.sleeps).toEqual([100]);
  });

  it('gives the same random sequence for the same seed', () => {
    const a = testContext({ seed: 3 });
    const b = testContext({ seed: 3 });
    const c = testContext({ seed: 4 });
    const draw = (r: () => number) => [r(), r(), r()];
    const first = draw(a.random);
    expect(draw(b.random)).toEqual(first);
    expect(draw(c.random)).not.toEqual(first);
    for (const value of draw(seededRandom(9))) {
      expect(value).toBeGreaterThanOrEqual(0);
      expect(value).toBeLessThan(1);
    }
  });

  it('seeds the in-memory store by profile and serves it to readers and writers, recording which', async () => {
    const ctx = testContext({ settings: { default: { 'wecom.corpId': 'ww1' }, staging: { 'polyv.appId': 'app2' } } });
    const settings = await ctx.openSettings();
    expect(settings.get('default', 'wecom.corpId')).toBe('ww1');
    expect(settings.get('staging', 'polyv.appId')).toBe('app2');
    expect(settings.get('default', 'polyv.appId')).toBeUndefined();
    (await ctx.openStore()).set('default', 'polyv.appId', 'app1');
    expect((await ctx.openSettings()).get('default', 'polyv.appId')).toBe('app1');
    expect(ctx.storeOpens).toEqual(['read', 'write', 'read']);
  });

  it('useConfigFile() puts the real file behind both: written through conf, read back without it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'livestats-ctx-'));
    try {
      const ctx = testContext({ configDir: dir });
      useConfigFile(ctx);
      (await ctx.openStore()).set('default', 'wecom.corpId', 'ww-file');
      expect(JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8'))).toEqual({ profiles: { default: { wecom: { corpId: 'ww-file' } } } });
      expect((await ctx.openSettings()).get('default', 'wecom.corpId')).toBe('ww-file');
      expect(ctx.store.get('default', 'wecom.corpId')).toBeUndefined();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('registers secrets, sets the test version and env, and interrupts on demand', async () => {
    const ctx = testContext({ secrets: ['hush-hush-1'], env: { TZ: 'UTC' }, stdoutIsTTY: true });
    expect(ctx.redactor.text('x hush-hush-1')).toBe(`x ${REDACTED}`);
    expect(ctx.version).toBe(TEST_VERSION);
    expect(ctx.env).toEqual({ TZ: 'UTC' });
    expect(ctx.io).toMatchObject({ stdoutIsTTY: true, stderrIsTTY: false, columns: 100, colorEnabled: true });

    expect(ctx.signal.aborted).toBe(false);
    ctx.interrupt();
    expect(ctx.signal.aborted).toBe(true);
    await expect(ctx.sleep?.(10, ctx.signal)).rejects.toBeInstanceOf(InterruptedError);
  });

  it('reads stdin from a string', async () => {
    const ctx = testContext({ stdin: 'alice\nbob\n' });
    let text = '';
    for await (const chunk of ctx.io.stdin) text += String(chunk);
    expect(text).toBe('alice\nbob\n');
  });
});
