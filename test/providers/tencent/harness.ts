// Test scaffolding for the Tencent provider and the gifts command: a context with a fake clock, captured
// streams, an in-memory settings store and an undici MockAgent as the dispatcher (never the global one).
import { setMaxListeners } from 'node:events';
import { readFileSync } from 'node:fs';
import { inflateSync } from 'node:zlib';
import { PassThrough, Readable } from 'node:stream';
import { MockAgent } from 'undici';
import { parseGlobalOptions, type GlobalOptions } from '../../../src/cli/global-options.js';
import { openSession, type ProviderSession } from '../../../src/session/provider-session.js';
import type { Context } from '../../../src/context.js';
import { ObjectSettingsStore } from '../../../src/config/store.js';
import { Redactor } from '../../../src/http/redact.js';
import { Logger } from '../../../src/io/log.js';

export const SDKAPPID = '1400000000';
/** The key from Tencent's own READMEs (docs/providers.md §6). */
export const SECRET_KEY = '5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e';
export const CN = 'https://console.tim.qq.com';
export const GIFT_PATH = '/v4/live_engine_http_srv/get_gift_count';
/** Settings (default profile) with the test credentials, for runs through the CLI. */
export const SETTINGS = { default: { 'tencent.sdkAppId': SDKAPPID, 'tencent.secretKey': SECRET_KEY } };

export function fixture(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(new URL(`../../../fixtures/tencent/${name}.json`, import.meta.url), 'utf8')) as Record<string, unknown>;
}

/** Undoes the URL-safe substitutes, base64 and zlib (RFC 1950) of a UserSig. */
export function decodeUserSig(userSig: string): Record<string, unknown> {
  const b64 = userSig.replace(/\*/g, '+').replace(/-/g, '/').replace(/_/g, '=');
  return JSON.parse(inflateSync(Buffer.from(b64, 'base64')).toString('utf8')) as Record<string, unknown>;
}

/** A clock that only moves when something sleeps; sleeps settle after pending I/O so callers see a stable `now`. */
export class FakeClock {
  sleeps: number[] = [];
  constructor(public ms = 1_700_000_000_000) {}
  now = (): number => this.ms;
  sleep = (ms: number): Promise<void> => {
    this.sleeps.push(ms);
    return new Promise((resolve) =>
      setImmediate(() => {
        this.ms += ms;
        resolve();
      }),
    );
  };
}

export function captureStream(): PassThrough & { text(): string } {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  return Object.assign(stream, { text: () => Buffer.concat(chunks).toString('utf8') });
}

export interface TestSetup {
  ctx: Context;
  agent: MockAgent;
  clock: FakeClock;
  stdout: ReturnType<typeof captureStream>;
  stderr: ReturnType<typeof captureStream>;
  /** How often the credential store was opened (commands must not open it for a usage error). */
  storeOpens: () => number;
}

export interface SetupOptions {
  env?: Record<string, string>;
  random?: () => number;
  stdin?: string;
}

export function setup(options: SetupOptions = {}): TestSetup {
  const agent = new MockAgent();
  agent.disableNetConnect();
  const clock = new FakeClock();
  const stdout = captureStream();
  const stderr = captureStream();
  let opens = 0;
  let counter = 0;
  // Every in-flight request listens on the interrupt signal; 50 at once is expected, not a leak.
  const interrupt = new AbortController();
  setMaxListeners(0, interrupt.signal);
  const redactor = new Redactor();
  const ctx: Context = {
    io: {
      stdin: Readable.from(options.stdin === undefined ? [] : [Buffer.from(options.stdin, 'utf8')]),
      stdout,
      stderr,
      stdinIsTTY: false,
      stdoutIsTTY: false,
      stderrIsTTY: false,
      columns: undefined,
      colorEnabled: false,
    },
    env: {
      LIVESTATS_TENCENT_SDKAPPID: SDKAPPID,
      LIVESTATS_TENCENT_SECRET_KEY: SECRET_KEY,
      ...options.env,
    },
    now: clock.now,
    random: options.random ?? (() => ((counter++ * 0.618033988749895) % 1)),
    sleep: clock.sleep,
    dispatcher: agent,
    configDir: '/nonexistent/livestats-test',
    openSettings: async () => {
      opens++;
      return new ObjectSettingsStore('/nonexistent/livestats-test/config.json');
    },
    openStore: () => Promise.reject(new Error('an export must not open the settings for writing')),
    signal: interrupt.signal,
    version: '0.0.0-test',
    redactor,
    log: new Logger(() => stderr, redactor, clock.now),
  };
  return { ctx, agent, clock, stdout, stderr, storeOpens: () => opens };
}

/** Global options as the CLI would parse them for `--json --quiet --tz UTC`, then overridden. */
export function globalOptions(overrides: Partial<GlobalOptions> = {}): GlobalOptions {
  return { ...parseGlobalOptions({ format: 'json', quiet: true, tz: 'UTC' }, {}, false), ...overrides };
}

export function session(t: TestSetup, overrides: Partial<GlobalOptions> = {}): Promise<ProviderSession> {
  return openSession(t.ctx, globalOptions(overrides));
}

/** What a mocked get_gift_count request carried. */
export interface SeenRequest {
  query: URLSearchParams;
  body: { RoomId: string; From_Account: string };
}

export function seen(opts: { path: string; body?: unknown }): SeenRequest {
  const url = new URL(opts.path, 'http://x');
  return { query: url.searchParams, body: JSON.parse(String(opts.body)) as SeenRequest['body'] };
}

export const isGiftPath = (path: string): boolean => path.startsWith(`${GIFT_PATH}?`);

/** The ok fixture with its counts replaced, for answers that differ per account. */
export function okAnswer(counts: { TotalCount: number; TotalCoins: number; GiftSenderCount?: number; Sequence?: number }): Record<string, unknown> {
  const base = fixture('ok');
  return { ...base, Response: { Sequence: 1, GiftSenderCount: 1, ...counts } };
}
