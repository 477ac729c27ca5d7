// Shared by the reliability tests: main() in-process against a real sandbox on 127.0.0.1 that shares the test
// context's clock (recorded sleeps move both, so a 5-minute back-off costs nothing), a dispatcher that records
// what went on the wire, and a directory listing for "no temp file left" checks.
import { readdir, rm } from 'node:fs/promises';
import { Agent, type Dispatcher } from 'undici';
import { main } from '../../src/main.js';
import { startSandbox, type FaultRule, type RunningSandbox, type SandboxOptions, type SandboxStats } from '../../src/sandbox/server.js';
import { fakeClock, recordingSleep, testContext, type TestContext, type TestContextOptions } from '../helpers/context.js';

export interface SandboxRun {
  code: number;
  stdout: string;
  stderr: string;
  /** A copy of the sandbox counters taken when the run ended. */
  stats: SandboxStats;
  /** Every delay the run slept (nothing actually waited). */
  sleeps: number[];
}

export interface SandboxRunOptions {
  faults?: FaultRule[];
  sandbox?: Omit<SandboxOptions, 'faults' | 'now'>;
  context?: TestContextOptions;
  /** Applied over the sandbox's LIVESTATS_* settings; undefined removes one. */
  env?: Record<string, string | undefined>;
  /** Runs after the sandbox is up and before main(), e.g. to swap the dispatcher or the store. */
  prepare?: (ctx: TestContext, sandbox: RunningSandbox) => void | Promise<void>;
}

/** One livestats run through main(), pointed at a fresh sandbox by its LIVESTATS_* variables. */
export async function runAgainstSandbox(argv: readonly string[], options: SandboxRunOptions = {}): Promise<SandboxRun> {
  const ctx = testContext(options.context);
  const sandbox = await startSandbox({ ...options.sandbox, faults: options.faults ?? [], now: ctx.now });
  try {
    Object.assign(ctx.env, sandbox.env, options.env);
    await options.prepare?.(ctx, sandbox);
    const code = await main(argv, ctx);
    return { code, stdout: ctx.out.text, stderr: ctx.err.text, stats: structuredClone(sandbox.stats), sleeps: ctx.sleeps };
  } finally {
    await sandbox.close();
    // A directory the caller chose is the caller's to inspect and remove.
    if (options.context?.configDir === undefined) await rm(ctx.configDir, { recursive: true, force: true });
  }
}

/** A clock that moves 1 ms at every reading (so each Polyv request gets its own timestamp) and with each sleep. */
export function tickingClock(): Pick<TestContextOptions, 'nowFn' | 'sleep'> & { sleeps: number[] } {
  const clock = fakeClock();
  const sleeps: number[] = [];
  return {
    nowFn: () => {
      clock.advance(1);
      return clock.now();
    },
    sleep: recordingSleep(sleeps, clock),
    sleeps,
  };
}

/** Rows of a --json run. */
export function jsonRows(stdout: string): Array<Record<string, unknown>> {
  return JSON.parse(stdout) as Array<Record<string, unknown>>;
}

export interface SentRequest {
  method: string;
  url: URL;
  headers: Record<string, string>;
}

/** A keep-alive agent that records every request it sends; pass `dispatcher` as the context's. */
export function recordingDispatcher(): { dispatcher: Dispatcher; sent: SentRequest[]; close(): Promise<void> } {
  const agent = new Agent();
  const sent: SentRequest[] = [];
  const dispatcher = agent.compose((dispatch) => (opts, handler) => {
    const headers: Record<string, string> = {};
    const raw = opts.headers;
    if (Array.isArray(raw)) {
      for (let i = 0; i + 1 < raw.length; i += 2) headers[String(raw[i]).toLowerCase()] = String(raw[i + 1]);
    } else if (raw && typeof raw === 'object') {
      for (const [name, value] of Object.entries(raw as Record<string, unknown>)) headers[name.toLowerCase()] = String(value);
    }
    sent.push({ method: opts.method, url: new URL(opts.path, opts.origin), headers });
    return dispatch(opts, handler);
  });
  return { dispatcher, sent, close: () => agent.close() };
}

/** The entries of a directory, sorted: what a user would see with `ls -A`. */
export async function listDir(dir: string): Promise<string[]> {
  return (await readdir(dir)).sort();
}
