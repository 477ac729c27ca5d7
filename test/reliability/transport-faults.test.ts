// Every provider against every transport-level fault (gateway errors, resets, cut bodies, a hung request) and
// the provider's own busy answer: each run must end with exactly the rows of a clean run, nothing lost or twice.
import { beforeAll, describe, expect, it } from 'vitest';
import { ExitCode } from '../../src/errors.js';
import type { FaultKind, SandboxOptions, SandboxProvider, SandboxStats } from '../../src/sandbox/server.js';
import { jsonRows, runAgainstSandbox, type SandboxRun } from './helpers.js';

interface Scenario {
  provider: SandboxProvider;
  argv: string[];
  sandbox?: Omit<SandboxOptions, 'faults' | 'now'>;
  /** The data request that gets the fault: one in the middle of the export where there is a middle. */
  faultOn: number;
  /** The sandbox counter of this provider's data requests. */
  endpoint: keyof SandboxStats['requests'];
  /** The field a `missingField` answer leaves out, as the error must name it. */
  missing: string;
}

const SCENARIOS: readonly Scenario[] = [
  {
    provider: 'wecom',
    argv: ['watch', 'sandbox-35', '--json'],
    sandbox: { wecomPageSize: 10 },
    faultOn: 2,
    endpoint: 'get_watch_stat',
    missing: 'ending',
  },
  {
    provider: 'tencent',
    argv: ['gifts', '--room', 'room_9', '--from', 'a1', 'a2', 'a3', 'a4', 'a5', 'a6', '--concurrency', '1', '--json'],
    faultOn: 3,
    endpoint: 'get_gift_count',
    missing: 'Response.TotalCount',
  },
  {
    provider: 'polyv',
    argv: ['redpacks', '--channel', 'sandbox-1050', '--receives', '--concurrency', '1', '--json'],
    faultOn: 2,
    endpoint: 'red_pack_statistics',
    missing: 'data.totalPages',
  },
  {
    provider: 'livecount',
    argv: ['livecount', '--room', '1024', '--json'],
    faultOn: 1,
    endpoint: 'live_count',
    missing: 'result',
  },
];

/** Faults a run must recover from with one extra request; `hang` needs a short --timeout. */
const RECOVERABLE: readonly FaultKind[] = ['http500', 'http502', 'http503', 'reset', 'truncate', 'abortBody', 'hang', 'busy'];
const HANG_TIMEOUT = ['--timeout', '600'];

describe.each(SCENARIOS)('$provider', (scenario) => {
  const run = (faults: FaultKind | undefined, extra: string[] = []): Promise<SandboxRun> =>
    runAgainstSandbox([...scenario.argv, ...extra], {
      faults: faults === undefined ? [] : [{ provider: scenario.provider, kind: faults, onRequest: scenario.faultOn }],
      ...(scenario.sandbox ? { sandbox: scenario.sandbox } : {}),
    });

  let clean: SandboxRun;
  beforeAll(async () => {
    clean = await run(undefined);
  });

  it('has a clean reference run with rows', () => {
    expect(clean.code).toBe(ExitCode.ok);
    expect(clean.stderr).toBe('');
    expect(jsonRows(clean.stdout).length).toBeGreaterThan(0);
    expect(clean.stats.requests[scenario.endpoint]).toBeGreaterThanOrEqual(scenario.faultOn);
  });

  it.each(RECOVERABLE)('recovers from %s with one extra request and the clean rows', async (kind) => {
    const faulty = await run(kind, kind === 'hang' ? HANG_TIMEOUT : []);
    expect(faulty.stderr).toBe('');
    expect(faulty.code).toBe(ExitCode.ok);
    expect(faulty.stats.faultsInjected).toBe(1);
    expect(faulty.stats.requests[scenario.endpoint]).toBe(clean.stats.requests[scenario.endpoint] + 1);
    expect(jsonRows(faulty.stdout)).toEqual(jsonRows(clean.stdout));
    expect(faulty.sleeps).toHaveLength(1);
  });

  it('accepts undocumented extra fields with no extra request and the clean rows', async () => {
    const faulty = await run('extraFields');
    expect(faulty.code).toBe(ExitCode.ok);
    expect(faulty.stats.requests[scenario.endpoint]).toBe(clean.stats.requests[scenario.endpoint]);
    expect(jsonRows(faulty.stdout)).toEqual(jsonRows(clean.stdout));
  });

  it('fails with exit 5 naming the field a response leaves out, without retrying', async () => {
    const faulty = await run('missingField');
    expect(faulty.code).toBe(ExitCode.provider);
    const lines = faulty.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toContain(`unexpected shape: field "${scenario.missing}"`);
    expect(lines[1]).toMatch(/^ {2}hint: /);
    expect(faulty.stats.requests[scenario.endpoint]).toBe(scenario.faultOn);
  });

  it('gives up after --retries with exit 6 when every attempt hangs', async () => {
    const faulty = await runAgainstSandbox([...scenario.argv, '--timeout', '300', '--retries', '1'], {
      faults: [{ provider: scenario.provider, kind: 'hang', every: 1 }],
      ...(scenario.sandbox ? { sandbox: scenario.sandbox } : {}),
    });
    expect(faulty.code).toBe(ExitCode.network);
    expect(faulty.stderr).toContain('timed out after 300 ms');
    expect(faulty.stats.requests[scenario.endpoint]).toBe(2);
  });
});
