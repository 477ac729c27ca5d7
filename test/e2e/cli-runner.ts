// Spawns the real bin/livestats.js with a clean environment: no inherited LIVESTATS_* variables, a private
// temporary config directory, no colour, and a fixed time zone. Returns exit code, stdout and stderr.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { startSandbox, type RunningSandbox } from '../../src/sandbox/server.js';

export const ROOT = join(import.meta.dirname, '..', '..');
export const BIN = join(ROOT, 'bin', 'livestats.js');

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  env?: Record<string, string>;
  input?: string;
  cwd?: string;
  timeoutMs?: number;
  /** Called with the child as soon as it starts (to send signals). */
  onSpawn?: (child: import('node:child_process').ChildProcess) => void;
}

export function makeConfigDir(): { dir: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'livestats-e2e-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export function baseEnv(configDir: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value === undefined || key.startsWith('LIVESTATS_') || key === 'FORCE_COLOR' || key === 'NO_COLOR') continue;
    env[key] = value;
  }
  return { ...env, LIVESTATS_CONFIG_DIR: configDir, TZ: 'Asia/Shanghai', NO_COLOR: '1' };
}

export function runCli(args: readonly string[], options: CliOptions = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: options.cwd ?? ROOT,
      env: options.env,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    options.onSpawn?.(child);
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 30_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
    child.stdin.end(options.input ?? '');
  });
}

/** The environment for a run against a sandbox started in the test process: baseEnv plus its LIVESTATS_* settings. */
export function sandboxedEnv(configDir: string, sandbox: { env: Record<string, string> }, extra: Record<string, string> = {}): Record<string, string> {
  return { ...baseEnv(configDir), ...sandbox.env, ...extra };
}

/** Maps `items` through `run` with at most `limit` in flight, results in input order (spawning is the slow part). */
export async function mapLimit<T, R>(items: readonly T[], limit: number, run: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await run(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** Stderr must never carry a stack trace unless --verbose: no "    at " frame line anywhere. */
export const STACK_FRAME = / {4}at /;

/** A fresh private config directory per call, all removed by `cleanupConfigDirs` (call it in afterAll). */
export function configDirPool(): { freshDir(): string; cleanupConfigDirs(): void } {
  const made: Array<{ dir: string; cleanup(): void }> = [];
  return {
    freshDir() {
      const dir = makeConfigDir();
      made.push(dir);
      return dir.dir;
    },
    cleanupConfigDirs() {
      for (const dir of made.splice(0)) dir.cleanup();
    },
  };
}

/**
 * A sandbox started before the file's tests and fresh config directories, both cleaned up after them; `onStart`
 * receives the running sandbox.
 */
export function useSandboxAndConfigDirs(onStart: (sandbox: RunningSandbox) => void): { freshDir(): string } {
  let running: RunningSandbox | undefined;
  const { freshDir, cleanupConfigDirs } = configDirPool();
  beforeAll(async () => {
    running = await startSandbox();
    onStart(running);
  });
  afterAll(async () => {
    await running?.close();
    cleanupConfigDirs();
  });
  return { freshDir };
}
