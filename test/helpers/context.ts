// testContext(): a whole Context for unit tests, with nothing reaching the real world. Streams are captured
// in memory, the clock is fixed and only moves when told (or when the fake sleep "waits"), randomness is
// seeded, and the settings store is an in-memory ObjectSettingsStore, served to readers (openSettings) and
// writers (openStore) alike. Every part can be overridden; useConfigFile() puts the real file behind both.
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import type { Dispatcher } from 'undici';
import { parseGlobalOptions, type GlobalOptions } from '../../src/cli/global-options.js';
import { ObjectSettingsStore, openConfigStore, openSettingsFile, type WritableSettingsStore } from '../../src/config/store.js';
import type { Context } from '../../src/context.js';
import { InterruptedError } from '../../src/errors.js';
import { Redactor } from '../../src/http/redact.js';
import type { IOStreams } from '../../src/io/iostreams.js';
import { Logger } from '../../src/io/log.js';
import { CaptureStream, stdinFrom } from './streams.js';

/** 2026-01-15T08:00:00Z: a fixed "now" that is a plain weekday morning in Asia/Shanghai. */
export const TEST_NOW = Date.UTC(2026, 0, 15, 8, 0, 0);
export const TEST_VERSION = '0.0.0-test';

/** A clock that only moves when told to. */
export interface FakeClock {
  now(): number;
  set(ms: number): void;
  advance(ms: number): void;
}

export function fakeClock(start = TEST_NOW): FakeClock {
  let current = start;
  return {
    now: () => current,
    set: (ms) => {
      current = ms;
    },
    advance: (ms) => {
      current += ms;
    },
  };
}

/** A small deterministic generator (mulberry32): the same seed gives the same sequence in [0, 1). */
export function seededRandom(seed = 42): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export type SleepFn = (ms: number, signal?: AbortSignal) => Promise<void>;

/**
 * A sleep that returns at once and records each delay in `delays`. It advances `clock` by the delay when
 * one is given, so code that sleeps and then reads the clock sees time pass. Like the real sleep it rejects
 * with InterruptedError when the signal is already aborted.
 */
export function recordingSleep(delays: number[], clock?: FakeClock): SleepFn {
  return (ms, signal) => {
    if (signal?.aborted) return Promise.reject(new InterruptedError());
    delays.push(ms);
    clock?.advance(ms);
    return Promise.resolve();
  };
}

/** Settings by profile, then by config key: `{ default: { 'wecom.corpId': 'ww1' } }`. */
export type TestSettings = Record<string, Record<string, string>>;

export interface TestContextOptions {
  env?: Record<string, string | undefined>;
  /** A fixed start time (ms since the epoch) for the fake clock; TEST_NOW by default. */
  now?: number;
  /** Replaces the fake clock entirely (then `clock` in the result is still the fake one, unused). */
  nowFn?: () => number;
  /** Seed for the deterministic random source; ignored when `random` is given. */
  seed?: number;
  random?: () => number;
  /** Replaces the recording sleep; undefined here keeps the recording sleep. */
  sleep?: SleepFn;
  /** Sleeps also advance the fake clock (default true). */
  sleepAdvancesClock?: boolean;
  stdoutIsTTY?: boolean;
  stderrIsTTY?: boolean;
  stdinIsTTY?: boolean;
  /** Terminal width on stdout; defaults to 100 when stdout is a TTY, else undefined. */
  columns?: number | undefined;
  /** Defaults to stdoutIsTTY. */
  colorEnabled?: boolean;
  /** Standard input: a string (read once) or any Readable. Empty by default. */
  stdin?: string | Readable;
  /** Options for the captured stdout (e.g. a tiny highWaterMark to test backpressure). */
  stdoutHighWaterMark?: number;
  /** The settings the in-memory store starts with. */
  settings?: TestSettings;
  /** Replaces the in-memory store. */
  store?: WritableSettingsStore;
  /** An undici MockAgent for HTTP tests. */
  dispatcher?: Dispatcher;
  /** Use this signal instead of the context's own AbortController. */
  signal?: AbortSignal;
  /** Defaults to a unique, not yet created path under the OS temp dir. */
  configDir?: string;
  version?: string;
  /** Secrets registered in the redactor from the start. */
  secrets?: string[];
  redactor?: Redactor;
}

/** A Context plus handles on its fakes. Pass it wherever a Context is expected. */
export interface TestContext extends Context {
  /** The captured stdout (same object as io.stdout). */
  out: CaptureStream;
  /** The captured stderr (same object as io.stderr). */
  err: CaptureStream;
  clock: FakeClock;
  /** Every delay passed to the recording sleep, in order. */
  sleeps: number[];
  /** The in-memory store behind openSettings() and openStore() (when `store` was not overridden). */
  store: WritableSettingsStore;
  /** Each call of openSettings() ('read') and openStore() ('write'), in order, until either is replaced. */
  storeOpens: Array<'read' | 'write'>;
  /** Aborts the context's signal, as SIGINT does. */
  interrupt(): void;
  controller: AbortController;
}

let dirCounter = 0;

export function testContext(options: TestContextOptions = {}): TestContext {
  const clock = fakeClock(options.now ?? TEST_NOW);
  const sleeps: number[] = [];
  const out = new CaptureStream(options.stdoutHighWaterMark === undefined ? {} : { highWaterMark: options.stdoutHighWaterMark });
  const err = new CaptureStream();
  const stdoutIsTTY = options.stdoutIsTTY ?? false;
  const stdin = typeof options.stdin === 'string' ? stdinFrom(options.stdin) : (options.stdin ?? stdinFrom(''));
  const io: IOStreams = {
    stdin,
    stdout: out,
    stderr: err,
    stdinIsTTY: options.stdinIsTTY ?? false,
    stdoutIsTTY,
    stderrIsTTY: options.stderrIsTTY ?? false,
    columns: 'columns' in options ? options.columns : stdoutIsTTY ? 100 : undefined,
    colorEnabled: options.colorEnabled ?? stdoutIsTTY,
  };
  const configDir = options.configDir ?? join(tmpdir(), `livestats-test-${process.pid}-${++dirCounter}`);
  const store = options.store ?? new ObjectSettingsStore(join(configDir, 'config.json'));
  for (const [profile, values] of Object.entries(options.settings ?? {})) {
    for (const [key, value] of Object.entries(values)) store.set(profile, key, value);
  }
  const storeOpens: Array<'read' | 'write'> = [];
  const controller = new AbortController();
  const redactor = options.redactor ?? new Redactor();
  for (const secret of options.secrets ?? []) redactor.add(secret);
  const advance = options.sleepAdvancesClock ?? true;
  const now = options.nowFn ?? clock.now;
  return {
    io,
    env: { ...options.env },
    now,
    random: options.random ?? seededRandom(options.seed ?? 42),
    sleep: options.sleep ?? recordingSleep(sleeps, advance ? clock : undefined),
    dispatcher: options.dispatcher,
    configDir,
    openSettings: () => {
      storeOpens.push('read');
      return Promise.resolve(store);
    },
    openStore: () => {
      storeOpens.push('write');
      return Promise.resolve(store);
    },
    signal: options.signal ?? controller.signal,
    version: options.version ?? TEST_VERSION,
    redactor,
    log: new Logger(() => io.stderr, redactor, now),
    out,
    err,
    clock,
    sleeps,
    store,
    storeOpens,
    interrupt: () => controller.abort(),
    controller,
  };
}

/**
 * Puts the real config file in `dir` behind `ctx`, opened afresh on every call the way a run opens it: reads
 * without conf (openSettingsFile), writes through conf (openConfigStore).
 */
export function useConfigFile(ctx: Context, dir: string = ctx.configDir): void {
  ctx.openSettings = async () => openSettingsFile(dir);
  ctx.openStore = () => openConfigStore(dir);
}

/**
 * GlobalOptions as a run with no flags on a pipe would get them (json, 3 retries, 15 s timeout, profile
 * "default"), except that the zone is fixed to Asia/Shanghai so timestamps do not depend on the machine.
 */
export function testGlobalOptions(overrides: Partial<GlobalOptions> = {}): GlobalOptions {
  return { ...parseGlobalOptions({ tz: 'Asia/Shanghai' }, {}, false), ...overrides };
}
