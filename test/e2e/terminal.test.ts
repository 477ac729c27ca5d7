// The table through a real pseudo-terminal (util-linux `script`): the spinner shows on the terminal and is gone
// before the table, every table line has the same display width with CJK names, and hostile names carrying
// escape sequences reach the terminal with their control characters replaced.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shellQuote } from '../../src/util/shell-quote.js';
import { baseEnv, BIN, makeConfigDir, ROOT, runCli } from './cli-runner.js';
import { WATCH_COLUMNS, type Row } from './contract.js';
import { displayWidth, expectTableCell, parseTable } from './output-parsers.js';

const SCRIPT = '/usr/bin/script';
const HAS_SCRIPT = existsSync(SCRIPT);
const SKIP_REASON = `${SCRIPT} (util-linux) is not installed: no pseudo-terminal to run livestats in`;
// 330 viewers: about one row in 64 gets a hostile name (src/sandbox/names.ts), and this living's include both
// escape-sequence names, next to a hundred or so CJK names. The test re-reads them from --json to be sure.
const LIVING = 'sandbox-330';

interface PtyRun {
  output: string;
  code: number | null;
  timedOut: boolean;
  /** Bytes the terminal received, all of them (output keeps only the first 512 KiB). */
  bytes: number;
}

/** Runs a shell command on a new pseudo-terminal (stdout and stderr both the terminal), killing it after timeoutMs. */
function runInPty(setup: string, args: readonly string[], env: Record<string, string>, timeoutMs: number): Promise<PtyRun> {
  // "$$" is the shell that exec turns into node: its pid lets the test make sure nothing is left running.
  const command = `${setup}; echo "pid:$$"; exec ${[process.execPath, BIN, ...args].map(shellQuote).join(' ')}`;
  return new Promise((resolve, reject) => {
    const child = spawn(SCRIPT, ['-qec', command, '/dev/null'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    const chunks: Buffer[] = [];
    let kept = 0;
    let bytes = 0;
    let timedOut = false;
    const keep = (chunk: Buffer): void => {
      bytes += chunk.length;
      if (kept < 512 * 1024) {
        chunks.push(chunk);
        kept += chunk.length;
      }
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-(child.pid as number), 'SIGKILL');
      } catch {
        // Already gone.
      }
    }, timeoutMs);
    child.once('error', reject);
    child.once('close', (code) => {
      clearTimeout(timer);
      const output = Buffer.concat(chunks).toString('utf8');
      const inner = Number(/pid:(\d+)/.exec(output)?.[1]);
      void ensureGone(inner).then(() => resolve({ output, code, timedOut, bytes }), reject);
    });
  });
}

/** The program inside the terminal must not outlive the test: SIGKILL it by its pid if the hang-up did not end it. */
async function ensureGone(pid: number): Promise<void> {
  if (!Number.isInteger(pid) || pid <= 0) return;
  for (let i = 0; i < 10; i++) {
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // Gone in the meantime.
  }
}

const ESC = '\u001b';
const SGR = /\u001b\[[0-9;]*m/;
const SPINNER_FRAME = /[\u2800-\u28ff]/;
const ERASE_LINE = /\u001b\[[0-2]?K/;
const CJK = /[\u4e00-\u9fff]/;

let configDir: { dir: string; cleanup(): void };
let terminal: PtyRun | undefined;
let rows: Row[] = [];

function ptyEnv(): Record<string, string> {
  const env = { ...baseEnv(configDir.dir), NO_COLOR: '1', COLUMNS: '250', TERM: 'xterm-256color' };
  delete (env as Record<string, string | undefined>).FORCE_COLOR;
  return env;
}

beforeAll(async () => {
  configDir = makeConfigDir();
  const json = await runCli(['watch', LIVING, '--sandbox', '--json'], { env: baseEnv(configDir.dir) });
  expect(json.code, json.stderr).toBe(0);
  rows = JSON.parse(json.stdout) as Row[];
  // The terminal reports 250 columns; a pseudo-terminal made from a pipe would otherwise report none.
  if (HAS_SCRIPT) terminal = await runInPty('stty cols 250 rows 60', ['watch', LIVING, '--sandbox', '--format', 'table'], ptyEnv(), 15_000);
}, 30_000);

afterAll(() => configDir?.cleanup());

/** The captured terminal stream cut into what came before the table, the table, and what came after. */
function split(output: string): { before: string; table: string; after: string } {
  const top = output.indexOf('┌');
  const bottom = output.lastIndexOf('└');
  expect(top, 'a table frame on the terminal').toBeGreaterThanOrEqual(0);
  expect(bottom).toBeGreaterThan(top);
  const lineEnd = output.indexOf('\n', bottom);
  const end = lineEnd < 0 ? output.length : lineEnd + 1;
  return { before: output.slice(0, top), table: output.slice(top, end), after: output.slice(end) };
}

describe('on a real terminal', () => {
  it('the data set has what this test is about: escape-sequence names and CJK names', () => {
    expect(rows).toHaveLength(330);
    expect(rows.filter((r) => typeof r.name === 'string' && r.name.includes(ESC)).length).toBeGreaterThanOrEqual(2);
    expect(rows.filter((r) => typeof r.name === 'string' && CJK.test(r.name)).length).toBeGreaterThan(20);
  });

  it('the spinner runs on stderr and is erased before the table starts; nothing else is drawn over the table', (ctx) => {
    ctx.skip(!HAS_SCRIPT, SKIP_REASON);
    const run = terminal as PtyRun;
    expect({ timedOut: run.timedOut, code: run.code }).toEqual({ timedOut: false, code: 0 });
    const { before, table, after } = split(run.output);
    // The spinner was shown: its frames are in the stream before the table…
    expect(before).toMatch(SPINNER_FRAME);
    expect(before).toContain(ESC);
    // …and the last frame was erased before the first border line was written.
    const lastFrame = Math.max(...[...before.matchAll(/[\u2800-\u28ff]/g)].map((m) => m.index));
    expect(before.slice(lastFrame)).toMatch(ERASE_LINE);
    expect(table).not.toContain(ESC);
    expect(table).not.toMatch(SPINNER_FRAME);
    // At most the cursor is shown again when the program exits.
    expect(after.replace(/\u001b\[\?25h/g, '').trim()).toBe('');
  });

  it('every line of the table, frame included, has the same display width (CJK counted as two columns)', (ctx) => {
    ctx.skip(!HAS_SCRIPT, SKIP_REASON);
    const { table } = split((terminal as PtyRun).output);
    const lines = table.split(/\r?\n/).filter((line) => line !== '');
    // Header, 330 rows and a totals line, between the borders and separators.
    expect(lines.filter((line) => line.startsWith('│'))).toHaveLength(1 + 330 + 1);
    const widths = new Set(lines.map(displayWidth));
    expect(widths.size, `widths seen: ${[...widths].join(', ')}`).toBe(1);
    expect(lines.filter((line) => CJK.test(line)).length).toBeGreaterThan(20);
  });

  it('hostile names with escape sequences are shown with their control characters replaced', (ctx) => {
    ctx.skip(!HAS_SCRIPT, SKIP_REASON);
    const { groups } = parseTable(split((terminal as PtyRun).output).table);
    const [head, body] = groups as [string[][], string[][]];
    expect(head).toEqual([[...WATCH_COLUMNS]]);
    const nameAt = WATCH_COLUMNS.indexOf('name');
    const idAt = WATCH_COLUMNS.indexOf('external_userid');
    const hostile = rows.filter((r) => typeof r.name === 'string' && r.name.includes(ESC));
    for (const row of hostile) {
      const line = body.find((cells) => cells[idAt] === row.external_userid);
      expect(line, String(row.external_userid)).toBeDefined();
      expectTableCell((line as string[])[nameAt] as string, row.name, false, String(row.external_userid));
    }
  });

  it('NO_COLOR=1: the spinner draws no colour on the terminal either', (ctx) => {
    ctx.skip(!HAS_SCRIPT, SKIP_REASON);
    expect((terminal as PtyRun).output).not.toMatch(SGR);
  });

  it(
    'a terminal that reports 0 columns still gets the table and the program ends',
    async (ctx) => {
      ctx.skip(!HAS_SCRIPT, SKIP_REASON);
      const run = await runInPty('stty cols 0 rows 0', ['watch', 'sandbox-12', '--sandbox', '--format', 'table'], ptyEnv(), 4_000);
      expect(run.timedOut, `still running after 4 s, ${run.bytes} bytes written to the terminal`).toBe(false);
      expect(run.code).toBe(0);
      expect(split(run.output).table).toContain('sandbox-12');
    },
    15_000,
  );
});

/** The lines a run printed, escape sequences and carriage returns taken out. */
function screenLines(output: string): string[] {
  return output
    .replace(/\u001b\[[0-9;?]*[A-Za-z]/g, '')
    .split(/\r?\n/)
    .map((line) => line.replace(/\r/g, ''))
    .filter((line) => line !== '' && !line.startsWith('pid:'));
}

function fittingEnv(): Record<string, string> {
  // No COLUMNS: the width comes from the terminal itself.
  const env: Record<string, string> = { ...ptyEnv() };
  delete env.COLUMNS;
  return env;
}

describe('tables that fit the terminal', () => {
  const RECEIPTS = ['redpacks', '--channel', 'sandbox-12', '--receives', '--sandbox', '--format', 'table', '--quiet'];

  it(
    'at 80 columns a wide export switches to one key/value block per record, no line wider than the terminal',
    async (ctx) => {
      ctx.skip(!HAS_SCRIPT, SKIP_REASON);
      const run = await runInPty('stty cols 80 rows 40', ['watch', LIVING, '--sandbox', '--format', 'table', '--quiet'], fittingEnv(), 15_000);
      expect({ code: run.code, timedOut: run.timedOut }).toEqual({ code: 0, timedOut: false });
      const lines = screenLines(run.output);
      const tooWide = lines.filter((line) => displayWidth(line) > 80);
      expect(tooWide, 'lines wider than 80 columns').toEqual([]);
      expect(lines.filter((line) => /^-\[ RECORD \d+ \]-*$/.test(line))).toHaveLength(330);
      expect(lines.some((line) => /^-\[ TOTAL \]-*$/.test(line))).toBe(true);
      // Every record names every column, and a record's id is shown whole.
      const first = rows[0] as Row;
      expect(lines).toContain(`living_id${' '.repeat('invitor_external_userid'.length - 'living_id'.length)} │ ${String(first.living_id)}`);
    },
    30_000,
  );

  it(
    'at 200 columns the receipts table is cut to fit with "…", and the ids stay whole',
    async (ctx) => {
      ctx.skip(!HAS_SCRIPT, SKIP_REASON);
      const json = await runCli(['redpacks', '--channel', 'sandbox-12', '--receives', '--sandbox', '--json'], { env: baseEnv(configDir.dir) });
      const receipts = JSON.parse(json.stdout) as Row[];
      const run = await runInPty('stty cols 200 rows 40', RECEIPTS, fittingEnv(), 15_000);
      expect(run.code).toBe(0);
      const lines = screenLines(run.output);
      expect(lines.filter((line) => displayWidth(line) > 200)).toEqual([]);
      const table = lines.filter((line) => line.startsWith('│'));
      expect(table.length).toBeGreaterThan(2);
      expect(table.some((line) => line.includes('…'))).toBe(true);
      // The avatar URLs are the long text: cut, while every receipt's red_pack_id is there whole.
      for (const receipt of receipts.slice(0, 20)) expect(run.output).toContain(String(receipt.red_pack_id));
      expect(receipts.some((r) => typeof r.receiver_avatar === 'string' && !run.output.includes(r.receiver_avatar))).toBe(true);
      // Money with two decimals in the table.
      expect(table.some((line) => /│\s+\d+\.\d\d │/.test(line))).toBe(true);
    },
    30_000,
  );

  it(
    '--wide prints full values whatever the width; --no-trunc is the same',
    async (ctx) => {
      ctx.skip(!HAS_SCRIPT, SKIP_REASON);
      const json = await runCli(['redpacks', '--channel', 'sandbox-12', '--receives', '--sandbox', '--json'], { env: baseEnv(configDir.dir) });
      const avatars = (JSON.parse(json.stdout) as Row[]).map((r) => r.receiver_avatar).filter((a): a is string => typeof a === 'string');
      expect(avatars.length).toBeGreaterThan(0);
      for (const flag of ['--wide', '--no-trunc']) {
        const run = await runInPty('stty cols 80 rows 40', [...RECEIPTS, flag], fittingEnv(), 15_000);
        expect(run.code).toBe(0);
        const lines = screenLines(run.output);
        expect(Math.max(...lines.map(displayWidth)), flag).toBeGreaterThan(80);
        for (const avatar of avatars.slice(0, 10)) expect(run.output, flag).toContain(avatar);
        expect(run.output).not.toContain('-[ RECORD');
      }
    },
    30_000,
  );

  it(
    'COLUMNS wins over the width the terminal reports; --headers zh prints Chinese headers within it',
    async (ctx) => {
      ctx.skip(!HAS_SCRIPT, SKIP_REASON);
      // Set after stty: the shell itself resets COLUMNS to the terminal's width once a command has run.
      const run = await runInPty('stty cols 250 rows 40; export COLUMNS=150', [...RECEIPTS, '--headers', 'zh'], fittingEnv(), 15_000);
      expect(run.code).toBe(0);
      const lines = screenLines(run.output);
      expect(lines.filter((line) => displayWidth(line) > 150)).toEqual([]);
      const header = lines.find((line) => line.includes('频道ID'));
      expect(header, 'a header line in Chinese').toBeDefined();
      expect(header).toContain('红包ID');
      expect(header).not.toContain('channel_id');
    },
    30_000,
  );
});
