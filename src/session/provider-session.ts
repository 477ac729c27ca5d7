// What an export command needs for one run against one provider: settings by precedence, an HTTP client,
// the redactor every printed line goes through, and the place for the token cache. With --sandbox the
// embedded simulator is started in-process and its built-in credentials replace every stored profile.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { GlobalOptions } from '../cli/global-options.js';
import { findSetting, secretValuesOf } from '../config/keys.js';
import { settingsReader, type ProviderSettingsReader, type SettingSources } from '../config/resolve.js';
import type { Context } from '../context.js';
import type { HttpClient } from '../http/client.js';
import type { Redactor } from '../http/redact.js';

export interface ProviderSession {
  ctx: Context;
  global: GlobalOptions;
  http: HttpClient;
  redactor: Redactor;
  settings: ProviderSettingsReader;
  /** Directory for caches that outlive a run (the WeCom token cache); private to the user. */
  stateDir: string;
  /** True when running against the embedded sandbox. */
  sandbox: boolean;
  /** Writes one line to stderr when --verbose is on; redacted. */
  log(line: string): void;
  /** Writes one warning line to stderr (always), redacted. */
  warn(line: string): void;
  close(): Promise<void>;
}

export async function openSession(ctx: Context, global: GlobalOptions): Promise<ProviderSession> {
  const redactor = ctx.redactor;
  const cleanups: Array<() => Promise<void>> = [];
  let sources: SettingSources;
  let stateDir = ctx.configDir;

  if (global.sandbox) {
    const { startSandbox } = await import('../sandbox/server.js');
    const sandbox = await startSandbox({ now: ctx.now });
    cleanups.push(() => sandbox.close());
    stateDir = await mkdtemp(join(tmpdir(), 'livestats-sandbox-'));
    const dir = stateDir;
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    sources = { env: sandbox.env, profile: 'sandbox', store: undefined };
  } else {
    const store = await ctx.openSettings();
    sources = { env: ctx.env, profile: global.profile, store };
  }

  const settings = settingsReader(sources, (key, value) => registerSecret(redactor, key, value));

  // Verbose lines are debug lines of the log: timestamped text, or debug objects with --log-format json.
  const log = global.verbose ? (line: string) => ctx.log.debug(line) : () => undefined;
  // Loaded here, not at start-up: the HTTP stack is the heaviest thing an export loads.
  const { HttpClient } = await import('../http/client.js');
  const http = new HttpClient({
    timeoutMs: global.timeoutMs,
    retries: global.retries,
    redactor,
    // Without --verbose the client builds and redacts no log lines at all.
    log: global.verbose ? log : undefined,
    dispatcher: ctx.dispatcher,
    sleep: ctx.sleep,
    random: ctx.random,
    now: ctx.now,
    signal: ctx.signal,
    userAgent: `livestats/${ctx.version}`,
  });
  cleanups.push(() => http.close());

  return {
    ctx,
    global,
    http,
    redactor,
    settings,
    stateDir,
    sandbox: global.sandbox,
    log,
    warn: (line) => ctx.log.warn(line),
    async close() {
      for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
    },
  };
}

/** Secret settings reach the redactor as soon as they are read; header JSON is registered value by value. */
function registerSecret(redactor: Redactor, key: string, value: string | undefined): void {
  const spec = findSetting(key);
  if (value === undefined || !spec) return;
  for (const part of secretValuesOf(spec, value)) redactor.add(part);
}
