// What the real binary leaves behind: after a failure, SIGINT or SIGTERM an existing -o file is byte-identical and
// no temp file remains; a reader that leaves early (`| head -1`) ends the run quietly with exit 0; zero rows
// still make well-formed output.
import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ExitCode } from '../../src/errors.js';
import { startSandbox, type FaultRule, type RunningSandbox, type SandboxOptions } from '../../src/sandbox/server.js';
import { makeConfigDir, runCli, sandboxedEnv, STACK_FRAME, type CliResult } from '../e2e/cli-runner.js';
import { listDir, runAgainstSandbox } from './helpers.js';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function sandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
  const running = await startSandbox(options);
  cleanups.push(() => running.close());
  return running;
}

async function workDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'livestats-rel-out-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/** The binary with a private config directory and the sandbox's settings. */
function env(running: RunningSandbox): Record<string, string> {
  const config = makeConfigDir();
  cleanups.push(config.cleanup);
  return sandboxedEnv(config.dir, running);
}

/** Bytes no export would write, including ones that are not valid UTF-8. */
const PREVIOUS = Buffer.from([0x5b, 0x7b, 0x22, 0x6f, 0x6c, 0x64, 0x22, 0x7d, 0x5d, 0x0a, 0xff, 0xfe, 0x00, 0x0d]);

/** Resolves once the export's hidden temp file exists beside the target: the run is mid-export. */
async function tempFileAppears(dir: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if ((await listDir(dir)).some((name) => name.endsWith('.tmp'))) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error('the export never started writing');
}

describe('-o after a failure (real binary)', () => {
  const FAILURES: ReadonlyArray<{ name: string; argv: string[]; faults: FaultRule[]; sandbox?: SandboxOptions; code: number }> = [
    {
      name: 'watch: a page missing a field',
      argv: ['watch', 'sandbox-50'],
      faults: [{ provider: 'wecom', kind: 'missingField', onRequest: 3 }],
      sandbox: { wecomPageSize: 10 },
      code: ExitCode.provider,
    },
    {
      name: 'watch: busy until the retries run out',
      argv: ['watch', 'sandbox-50', '--retries', '1'],
      faults: [{ provider: 'wecom', kind: 'busy', every: 1 }],
      code: ExitCode.provider,
    },
    {
      name: 'redpacks: totalPages changing',
      argv: ['redpacks', '--channel', 'sandbox-1500', '--concurrency', '1'],
      faults: [{ provider: 'polyv', kind: 'totalPagesChange', onRequest: 2 }],
      code: ExitCode.provider,
    },
    {
      name: 'gifts: every connection reset',
      argv: ['gifts', '--room', 'r', '--from', 'a', 'b', 'c', '--retries', '0'],
      faults: [{ provider: 'tencent', kind: 'reset', onRequest: 2 }],
      code: ExitCode.network,
    },
  ];

  it.each(FAILURES)('$name: exit $code, the old file byte for byte, no temp file', async ({ argv, faults, sandbox: options, code }) => {
    const running = await sandbox({ ...options, faults });
    const dir = await workDir();
    const target = join(dir, 'export.csv');
    await writeFile(target, PREVIOUS);
    const result = await runCli([...argv, '-o', target], { env: env(running) });
    expect(result.code).toBe(code);
    expect(result.stdout).toBe('');
    expect(result.stderr).not.toMatch(STACK_FRAME);
    expect(await readFile(target)).toEqual(PREVIOUS);
    expect(await listDir(dir)).toEqual(['export.csv']);
  });

  it('a new file is not created at all when the export fails', async () => {
    const running = await sandbox({ faults: [{ provider: 'livecount', kind: 'missingField', onRequest: 1 }] });
    const dir = await workDir();
    const result = await runCli(['livecount', '--room', '7', '-o', join(dir, 'funnel.json')], { env: env(running) });
    expect(result.code).toBe(ExitCode.provider);
    expect(await listDir(dir)).toEqual([]);
  });
});

describe('signals (real binary, slow sandbox)', () => {
  // 200 ms per answer and 100 viewers a page: a 100 000-viewer living would take minutes.
  const SLOW = { latencyMs: 200, wecomPageSize: 100 };

  async function interruptMidExport(signal: NodeJS.Signals): Promise<{ result: CliResult; dir: string; target: string }> {
    const running = await sandbox(SLOW);
    const dir = await workDir();
    const target = join(dir, 'viewers.ndjson');
    await writeFile(target, PREVIOUS);
    let child: ChildProcess | undefined;
    const pending = runCli(['watch', 'sandbox-100000', '-o', target], { env: env(running), onSpawn: (c) => (child = c) });
    await tempFileAppears(dir);
    // A couple of pages in, so rows have gone to the temp file.
    await new Promise((resolve) => setTimeout(resolve, 300));
    child!.kill(signal);
    return { result: await pending, dir, target };
  }

  it('SIGINT during a -o export: exit 130, the old file as it was, no temp file, a one-line message', async () => {
    const { result, dir, target } = await interruptMidExport('SIGINT');
    expect(result.code).toBe(ExitCode.interrupted);
    expect(await readFile(target)).toEqual(PREVIOUS);
    expect(await listDir(dir)).toEqual(['viewers.ndjson']);
    expect(result.stderr).toBe('livestats: interrupted\n');
  });

  it('SIGTERM during a -o export: exit 143 and no temp file either', async () => {
    const { result, dir, target } = await interruptMidExport('SIGTERM');
    expect(result.code).toBe(143);
    expect(await readFile(target)).toEqual(PREVIOUS);
    expect(await listDir(dir)).toEqual(['viewers.ndjson']);
  });

  it('SIGINT after the first rows reached stdout: exit 130 and no stack trace', async () => {
    const running = await sandbox(SLOW);
    let child: ChildProcess | undefined;
    let seen = '';
    const pending = runCli(['watch', 'sandbox-100000', '--csv'], {
      env: env(running),
      onSpawn: (c) => {
        child = c;
        c.stdout!.on('data', (chunk: Buffer) => {
          if (seen === '') setTimeout(() => child!.kill('SIGINT'), 100);
          seen += chunk.toString('utf8');
        });
      },
    });
    const result = await pending;
    expect(seen.startsWith('living_id,viewer_type,')).toBe(true);
    expect(result.code).toBe(ExitCode.interrupted);
    expect(result.stderr).not.toMatch(STACK_FRAME);
  });
});

describe('a reader that leaves early: `| head -1` (real binary)', () => {
  // 200 pages of 1000 viewers; the run must stop soon after the reader has gone, not fetch them all.
  it.each([
    ['--json', '['],
    ['--csv', 'living_id,viewer_type,userid,external_userid,name,external_type,watch_time_s,is_comment,is_mic,invitor_userid,invitor_external_userid'],
    ['--format=ndjson', '{"living_id":"sandbox-200000","viewer_type":'],
  ])('%s: exit 0, nothing on stderr, and it stops fetching', async (format, firstLine) => {
    const running = await sandbox();
    let first: string | undefined;
    let buffered = '';
    const result = await runCli(['watch', 'sandbox-200000', format], {
      env: env(running),
      onSpawn: (child) => {
        child.stdout!.on('data', (chunk: Buffer) => {
          if (first !== undefined) return;
          buffered += chunk.toString('utf8');
          const newline = buffered.indexOf('\n');
          if (newline === -1) return;
          first = buffered.slice(0, newline);
          child.stdout!.destroy();
        });
      },
    });
    expect(result.code).toBe(ExitCode.ok);
    expect(result.stderr).toBe('');
    expect(first!.startsWith(firstLine)).toBe(true);
    expect(running.stats.requests.get_watch_stat).toBeLessThan(20);
  });
});

describe('zero rows', () => {
  it.each([
    ['--json', '[]\n'],
    ['--csv', 'living_id,viewer_type,userid,external_userid,name,external_type,watch_time_s,is_comment,is_mic,invitor_userid,invitor_external_userid\n'],
    ['--format=ndjson', ''],
    ['--excel', '\uFEFFliving_id,viewer_type,userid,external_userid,name,external_type,watch_time_s,is_comment,is_mic,invitor_userid,invitor_external_userid\r\n'],
  ])('watch of a living nobody watched with %s: exit 0 and %j', async (format, expected) => {
    const run = await runAgainstSandbox(['watch', 'sandbox-0', format]);
    expect(run.code).toBe(ExitCode.ok);
    expect(run.stdout).toBe(expected);
    expect(run.stderr).toBe('');
  });

  it('redpacks of an empty channel: the CSV header alone', async () => {
    const run = await runAgainstSandbox(['redpacks', '--channel', 'sandbox-0', '--receives', '--csv']);
    expect(run.code).toBe(ExitCode.ok);
    expect(run.stdout).toBe('channel_id,session_id,red_pack_id,red_pack_type,receiver_userid,receiver_nickname,receiver_avatar,amount,received_at\n');
  });

  it('-o with zero rows replaces the file with `[]` (a successful empty export is still an export)', async () => {
    const dir = await workDir();
    const target = join(dir, 'empty.json');
    await writeFile(target, PREVIOUS);
    const run = await runAgainstSandbox(['watch', 'sandbox-0', '-o', target]);
    expect(run.code).toBe(ExitCode.ok);
    expect(await readFile(target, 'utf8')).toBe('[]\n');
    expect(existsSync(target)).toBe(true);
    expect(await listDir(dir)).toEqual(['empty.json']);
  });
});
