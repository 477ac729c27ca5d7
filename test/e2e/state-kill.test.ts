// The --state guarantee where it can break: watch --user runs with -o killed (mostly SIGKILL, some SIGTERM) at
// random points against a sandbox slowed by latency. After every run the state may name only livings whose rows
// are in a committed output file, and each committed file holds whole livings; once a run completes, every
// living is in the committed files, exactly once outside files whose run died before it could record them.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { SANDBOX_CREDENTIALS } from '../../src/sandbox/credentials.js';
import { startSandbox, type RunningSandbox } from '../../src/sandbox/server.js';
import { seededRandom } from '../helpers/context.js';
import { makeConfigDir, runCli, sandboxedEnv, type CliResult } from './cli-runner.js';
import { parseCsv } from './output-parsers.js';

const MEMBER = 'sandbox-anchor-20';
const LIVINGS = Array.from({ length: 20 }, (_, i) => `${MEMBER}-${i}`);
// Every sandbox-anchor-<N> living has 42 viewers (see src/sandbox/wecom-livings-data.ts).
const VIEWERS = 42;
const RUNS = 30;

let sandbox: RunningSandbox;
let config: { dir: string; cleanup(): void };
let work: string;

beforeAll(async () => {
  // Each answer waits a little, so a run of 20 livings lasts long enough to be killed anywhere in it.
  sandbox = await startSandbox({ latencyMs: 8 });
  config = makeConfigDir();
  work = mkdtempSync(join(tmpdir(), 'livestats-kill-'));
});
afterAll(async () => {
  await sandbox.close();
  config.cleanup();
  rmSync(work, { recursive: true, force: true });
});

function run(state: string, output: string, kill?: { signal: NodeJS.Signals; afterMs: number }): Promise<CliResult> {
  const args = ['watch', '--user', MEMBER, '--since', '-30d', '--state', state, '-o', output, '-q'];
  return runCli(args, {
    env: sandboxedEnv(config.dir, sandbox),
    onSpawn: kill ? (child) => void setTimeout(() => child.kill(kill.signal), kill.afterMs) : undefined,
  });
}

/** The livings recorded in the state file (none when it does not exist); a file that does not parse fails the test. */
function recorded(state: string): Set<string> {
  if (!existsSync(state)) return new Set();
  const parsed = JSON.parse(readFileSync(state, 'utf8')) as { version: number; corps: Record<string, Record<string, Record<string, number>>> };
  expect(parsed.version).toBe(1);
  return new Set(Object.keys(parsed.corps[SANDBOX_CREDENTIALS.wecom.corpId]?.[MEMBER] ?? {}));
}

/** The livings of a committed output file, each checked to be whole (all its viewers, nothing cut off). */
function livingsIn(file: string): Set<string> {
  const rows = parseCsv(readFileSync(file, 'utf8')).records;
  expect(rows[0]?.[0]).toBe('living_id');
  const counts = new Map<string, number>();
  for (const row of rows.slice(1)) counts.set(row[0]!, (counts.get(row[0]!) ?? 0) + 1);
  for (const [living, count] of counts) expect(count, `${file}: ${living}`).toBe(VIEWERS);
  return new Set(counts.keys());
}

interface Cycle {
  state: string;
  /** Committed output files, and whether their run recorded them in the state (false: died in between). */
  files: Array<{ path: string; livings: Set<string>; recorded: boolean }>;
}

/** After each run: the state names only livings in committed files; a completed cycle has every living exactly once. */
function check(cycle: Cycle, complete: boolean): void {
  const state = recorded(cycle.state);
  const committed = new Set(cycle.files.flatMap((f) => [...f.livings]));
  for (const living of state) expect(committed.has(living), `${living} is in the state but in no committed file`).toBe(true);
  if (!complete) return;
  expect([...committed].sort()).toEqual([...LIVINGS].sort());
  expect([...state].sort()).toEqual([...LIVINGS].sort());
  for (const living of LIVINGS) {
    const recordedFiles = cycle.files.filter((f) => f.recorded && f.livings.has(living));
    expect(recordedFiles.length, `${living} in ${recordedFiles.map((f) => f.path).join(', ')}`).toBe(1);
  }
}

it(`keeps the state behind the committed output across ${RUNS} runs killed at random points`, { timeout: 90_000 }, async () => {
  // How long a whole run takes here (the quicker of two, against states of their own): the kills are spread over it.
  let fullMs = Infinity;
  for (const probe of ['probe-a', 'probe-b']) {
    const started = Date.now();
    const result = await run(join(work, `${probe}.json`), join(work, `${probe}.csv`));
    expect(result.code, result.stderr).toBe(0);
    fullMs = Math.min(fullMs, Date.now() - started);
    expect(livingsIn(join(work, `${probe}.csv`)).size).toBe(LIVINGS.length);
  }

  const random = seededRandom(20261203);
  let cycle: Cycle = { state: join(work, 'state-0.json'), files: [] };
  const cycles = [cycle];
  const outcomes = { completed: 0, killedBeforeCommit: 0, killedBetweenOutputAndState: 0, killedAfterState: 0 };
  for (let i = 0; i < RUNS; i++) {
    const output = join(work, `out-${cycles.length - 1}-${i}.csv`);
    const before = recorded(cycle.state);
    const signal: NodeJS.Signals = i % 5 === 4 ? 'SIGTERM' : 'SIGKILL';
    // Past the first fifth (start-up, which holds nothing of interest) and up to a little after a whole run.
    const result = await run(cycle.state, output, { signal, afterMs: Math.floor((0.2 + random() * 0.9) * fullMs) });
    const after = recorded(cycle.state);
    if (existsSync(output)) {
      const livings = livingsIn(output);
      const isRecorded = [...livings].every((l) => after.has(l));
      cycle.files.push({ path: output, livings, recorded: isRecorded });
      if (result.code === 0) outcomes.completed++;
      else if (isRecorded) outcomes.killedAfterState++;
      else outcomes.killedBetweenOutputAndState++;
    } else {
      // No output committed: the state must be exactly as it was.
      expect([...after]).toEqual([...before]);
      expect(result.code === 0, result.stderr).toBe(false);
      outcomes.killedBeforeCommit++;
    }
    // No partial or stray file under a committed name, whatever the signal.
    for (const name of readdirSync(work)) if (!name.startsWith('.')) expect(name).toMatch(/^(probe-[ab]\.(csv|json)|state-\d+\.json|out-\d+-\d+\.csv)$/);
    check(cycle, false);
    if (result.code === 0) {
      check(cycle, true);
      cycle = { state: join(work, `state-${cycles.length}.json`), files: [] };
      cycles.push(cycle);
    }
  }
  // Finish the last cycle with a run that is not killed.
  const last = join(work, `out-${cycles.length - 1}-final.csv`);
  const final = await run(cycle.state, last);
  expect(final.code, final.stderr).toBe(0);
  cycle.files.push({ path: last, livings: livingsIn(last), recorded: true });
  check(cycle, true);
  // The kills must land in runs that had not finished, or nothing was tested.
  expect(outcomes.killedBeforeCommit).toBeGreaterThanOrEqual(5);
  console.info(`state kill test: ${RUNS} runs of ~${fullMs} ms: ${JSON.stringify(outcomes)}`);
});
