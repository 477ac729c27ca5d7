// The --state file: a missing file is a first run, a bad one is exit 3 naming it (and is left alone), writes
// replace it atomically with mode 0600, and recording prunes the run's members' livings that started too early.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError, ExitCode, UsageError } from '../../src/errors.js';
import { checkStatePath, emptyState, readState, recordExports, wasExported, writeState, type ExportState } from '../../src/state/export-state.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'livestats-state-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const SAMPLE: ExportState = {
  version: 1,
  corps: { ww1: { zhangsan: { lv_a: 1_768_000_000, lv_b: 1_768_100_000 }, lisi: { lv_c: 1_767_000_000 } }, ww2: { wangwu: { lv_d: 1 } } },
};

async function caught(fn: () => Promise<unknown>): Promise<Error & { exitCode?: number }> {
  try {
    await fn();
  } catch (error) {
    return error as Error & { exitCode?: number };
  }
  throw new Error('expected an error');
}

describe('readState', () => {
  it('takes a missing file as a first run', async () => {
    expect(await readState(join(dir, 'none.json'))).toEqual(emptyState());
  });

  it('reads what writeState wrote', async () => {
    const path = join(dir, 'state.json');
    await writeState(path, SAMPLE);
    expect(await readState(path)).toEqual(SAMPLE);
  });

  it.each([
    ['not JSON', '{"version":1,', /not valid JSON/],
    ['empty', '', /not valid JSON/],
    ['another version', '{"version":2,"corps":{}}', /version 1\) at version/],
    ['a start that is not a number', '{"version":1,"corps":{"ww1":{"zhangsan":{"lv_a":"yesterday"}}}}', /at corps\.ww1\.zhangsan\.lv_a/],
    ['an array', '[]', /not a livestats state file/],
  ])('refuses a file that is %s with exit 3 naming it, and leaves it as it was', async (_name, text, reason) => {
    const path = join(dir, 'state.json');
    writeFileSync(path, text);
    const error = await caught(() => readState(path));
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.exitCode).toBe(ExitCode.config);
    expect(error.message).toContain(path);
    expect(error.message).toMatch(reason);
    expect(readFileSync(path, 'utf8')).toBe(text);
  });

  it('refuses a state path that cannot be read (a directory) with exit 3', async () => {
    const path = join(dir, 'state.json');
    mkdirSync(path);
    const error = await caught(() => readState(path));
    expect(error.exitCode).toBe(ExitCode.config);
    expect(error.message).toContain(path);
  });
});

describe('checkStatePath', () => {
  it('accepts a new file in an existing directory and refuses one in a missing directory (exit 2)', async () => {
    await expect(checkStatePath(join(dir, 'new.json'))).resolves.toBeUndefined();
    const error = await caught(() => checkStatePath(join(dir, 'missing', 'state.json')));
    expect(error).toBeInstanceOf(UsageError);
    expect(error.message).toContain('missing');
  });
});

describe('writeState', () => {
  it('replaces the file with mode 0600 and leaves no temporary file beside it', async () => {
    const path = join(dir, 'state.json');
    writeFileSync(path, 'old', { mode: 0o644 });
    await writeState(path, SAMPLE);
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual(SAMPLE);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir)).toEqual(['state.json']);
  });

  it('leaves the old target alone and removes its temporary file when the rename fails (exit 3)', async () => {
    const path = join(dir, 'state.json');
    mkdirSync(path);
    writeFileSync(join(path, 'keep'), 'x');
    const error = await caught(() => writeState(path, SAMPLE));
    expect(error.exitCode).toBe(ExitCode.config);
    expect(readdirSync(dir)).toEqual(['state.json']);
    expect(readdirSync(path)).toEqual(['keep']);
  });
});

describe('recordExports and wasExported', () => {
  it('adds livings under their members and knows a living recorded under any member of the corp', () => {
    const next = recordExports(SAMPLE, 'ww1', ['zhangsan'], [{ userid: 'zhangsan', livingid: 'lv_e', startS: 1_768_200_000 }], undefined);
    expect(next.corps.ww1!.zhangsan).toEqual({ lv_a: 1_768_000_000, lv_b: 1_768_100_000, lv_e: 1_768_200_000 });
    expect(wasExported(next, 'ww1', 'lv_c')).toBe(true);
    expect(wasExported(next, 'ww1', 'lv_d')).toBe(false);
    expect(wasExported(next, 'ww3', 'lv_a')).toBe(false);
    // The input is not changed.
    expect(SAMPLE.corps.ww1!.zhangsan).not.toHaveProperty('lv_e');
  });

  it("prunes the run's members' livings that started before the window, and no one else's", () => {
    const next = recordExports(SAMPLE, 'ww1', ['zhangsan', 'lisi'], [{ userid: 'lisi', livingid: 'lv_f', startS: 1_768_100_000 }], 1_768_050_000);
    expect(next.corps).toEqual({
      ww1: { zhangsan: { lv_b: 1_768_100_000 }, lisi: { lv_f: 1_768_100_000 } },
      ww2: { wangwu: { lv_d: 1 } },
    });
    const onlyZhangsan = recordExports(SAMPLE, 'ww1', ['zhangsan'], [], 1_768_050_000);
    expect(onlyZhangsan.corps.ww1!.lisi).toEqual({ lv_c: 1_767_000_000 });
  });

  it('starts a corp and a member that were not there, and keeps odd ids as plain keys', () => {
    const next = recordExports(emptyState(), 'ww9', ['__proto__'], [{ userid: '__proto__', livingid: 'constructor', startS: 5 }], 1);
    expect(Object.keys(next.corps.ww9!)).toEqual(['__proto__']);
    expect(JSON.parse(JSON.stringify(next)).corps.ww9.__proto__).toEqual({ constructor: 5 });
    expect(wasExported(next, 'ww9', 'constructor')).toBe(true);
  });
});
