// Where output goes: stdout (flushed, never ended, a closed pipe reported as such) or an atomic file.
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseGlobalOptions, type GlobalOptions } from '../../src/cli/global-options.js';
import { UsageError } from '../../src/errors.js';
import { isBrokenPipe } from '../../src/io/iostreams.js';
import { pageOfEach, runExport } from '../../src/export/runner.js';
import { createSink } from '../../src/output/create-sink.js';
import { openDestination } from '../../src/output/destination.js';
import { CaptureStream } from '../helpers/streams.js';
import { testContext } from '../helpers/context.js';
import { COLUMNS, feed, ROWS } from './sample-rows.js';

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'livestats-destination-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const options = (raw: Parameters<typeof parseGlobalOptions>[0]): GlobalOptions => parseGlobalOptions(raw, {}, false);

describe('openDestination on stdout', () => {
  it('writes to stdout, commits once the data is written and never ends stdout', async () => {
    const ctx = testContext();
    const destination = await openDestination(ctx, options({ format: 'ndjson' }));
    expect(destination.isFile).toBe(false);
    expect(destination.stream).toBe(ctx.io.stdout);
    await feed(await createSink({ format: 'ndjson', stream: destination.stream }), COLUMNS, ROWS);
    await destination.commit();
    expect(ctx.out.lines()).toHaveLength(4);
    expect(ctx.out.writableEnded).toBe(false);
    await destination.abort();
    expect(ctx.out.destroyed).toBe(false);
  });

  it('waits for a slow stdout to take everything before commit resolves', async () => {
    const out = new CaptureStream({ highWaterMark: 8, slow: true });
    const ctx = testContext();
    ctx.io.stdout = out;
    const destination = await openDestination(ctx, options({ format: 'json' }));
    destination.stream.write('x'.repeat(100));
    destination.stream.write('y');
    expect(out.text.endsWith('y')).toBe(false);
    await destination.commit();
    expect(out.text).toBe(`${'x'.repeat(100)}y`);
  });

  it('treats "-o -" as stdout', async () => {
    const ctx = testContext();
    const destination = await openDestination(ctx, options({ format: 'csv', output: '-' }));
    expect(destination.isFile).toBe(false);
    expect(destination.stream).toBe(ctx.io.stdout);
  });

  it('turns a closed pipe into a broken-pipe error instead of a crash', async () => {
    const ctx = testContext();
    ctx.io.stdout = new Writable({
      write(_chunk, _encoding, callback) {
        callback(Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }));
      },
    });
    const destination = await openDestination(ctx, options({ format: 'ndjson' }));
    const sink = await createSink({ format: 'ndjson', stream: destination.stream });
    const many = Array.from({ length: 5_000 }, (_, i) => ROWS[i % ROWS.length]!);
    const failure = await feed(sink, COLUMNS, many).then(
      () => destination.commit(),
    ).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(isBrokenPipe(failure)).toBe(true);
    await destination.abort();
  });
});

describe('openDestination with -o', () => {
  it('writes the file atomically: nothing at the target until commit', async () => {
    const target = join(dir, 'rows.csv');
    await writeFile(target, 'previous\n');
    const destination = await openDestination(testContext(), options({ output: target }));
    expect(destination.isFile).toBe(true);
    await feed(await createSink({ format: 'csv', stream: destination.stream }), COLUMNS, ROWS);
    expect(await readFile(target, 'utf8')).toBe('previous\n');
    await destination.commit();
    expect((await readFile(target, 'utf8')).split('\n')[0]).toBe('id,name,count,amount,active,note');
    expect(await readdir(dir)).toEqual(['rows.csv']);
  });

  it('an abort mid-export leaves the previous file as it was', async () => {
    const target = join(dir, 'rows.json');
    await writeFile(target, '[{"old":true}]\n');
    const destination = await openDestination(testContext(), options({ output: target }));
    const sink = await createSink({ format: 'json', stream: destination.stream });
    sink.begin(COLUMNS);
    await sink.writePage([ROWS[0]!]);
    await destination.abort();
    expect(await readFile(target, 'utf8')).toBe('[{"old":true}]\n');
    expect(await readdir(dir)).toEqual(['rows.json']);
  });

  it('fails with a usage error when the directory does not exist', async () => {
    const target = join(dir, 'nope', 'rows.csv');
    await expect(openDestination(testContext(), options({ output: target }))).rejects.toSatisfy(
      (error: unknown) => error instanceof UsageError && error.exitCode === 2 && error.message.includes(target),
    );
  });
});

describe('the export runner with a destination', () => {
  it('fails on a bad -o before asking for a single row', async () => {
    let started = false;
    async function* rows(): AsyncGenerator<{ n: number }> {
      started = true;
      yield { n: 1 };
    }
    const target = join(dir, 'missing', 'out.csv');
    const run = runExport(testContext(), options({ output: target }), {
      command: 'test',
      columns: [{ key: 'n', value: (row: { n: number }) => row.n }],
      pages: pageOfEach(rows()),
    });
    await expect(run).rejects.toBeInstanceOf(UsageError);
    expect(started).toBe(false);
  });

  it('writes every row to the file and replaces it only at the end', async () => {
    const target = join(dir, 'out.ndjson');
    await writeFile(target, 'old\n');
    async function* rows(): AsyncGenerator<{ n: number }> {
      for (let n = 0; n < 3; n++) yield { n };
    }
    await runExport(testContext(), options({ output: target }), {
      command: 'test',
      columns: [{ key: 'n', value: (row: { n: number }) => row.n }],
      pages: pageOfEach(rows()),
    });
    expect(await readFile(target, 'utf8')).toBe('{"n":0}\n{"n":1}\n{"n":2}\n');
    expect(await readdir(dir)).toEqual(['out.ndjson']);
  });

  it('keeps the old file when the rows fail part way', async () => {
    const target = join(dir, 'out.json');
    await writeFile(target, '[]\n');
    async function* rows(): AsyncGenerator<{ n: number }> {
      yield { n: 1 };
      throw new Error('provider went away');
    }
    const run = runExport(testContext(), options({ output: target }), {
      command: 'test',
      columns: [{ key: 'n', value: (row: { n: number }) => row.n }],
      pages: pageOfEach(rows()),
    });
    await expect(run).rejects.toThrow('provider went away');
    expect(await readFile(target, 'utf8')).toBe('[]\n');
    expect(await readdir(dir)).toEqual(['out.json']);
  });
});
