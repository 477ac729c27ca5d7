// The -o temp file's stream: every byte written in order, fsynced after the last write and before the
// handle is closed, errors kept on the stream, and the handle closed whichever way the stream ends.
import { closeSync, fstatSync, openSync, readFileSync } from 'node:fs';
import { mkdtemp, open, rm, type FileHandle } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BACKGROUND_SYNC_BYTES, syncFileStream } from '../../src/output/file-stream.js';

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'livestats-file-stream-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/**
 * A handle on a real file that records each fsync (with the file's size then) and the close. A background
 * sync (datasync) finishes only when the test lets it, through `finishSync`.
 */
function recordingHandle(path: string, options: { failSync?: Error } = {}) {
  const fd = openSync(path, 'w');
  const events: string[] = [];
  const waiting: Array<() => void> = [];
  const handle = {
    fd,
    datasync: () => {
      events.push(`datasync at ${fstatSync(fd).size} bytes`);
      return new Promise<void>((resolve, reject) =>
        waiting.push(() => {
          events.push('datasync done');
          if (options.failSync) reject(options.failSync);
          else resolve();
        }),
      );
    },
    sync: async () => {
      events.push(`sync at ${fstatSync(fd).size} bytes`);
    },
    close: async () => {
      events.push('close');
      closeSync(fd);
    },
  } as unknown as FileHandle;
  const finishSync = (): void => waiting.shift()?.();
  return { handle, events, finishSync };
}

describe('syncFileStream', () => {
  it('writes every chunk in order, single and batched, then fsyncs and only then closes', async () => {
    const path = join(dir, 'out.csv');
    const { handle, events } = recordingHandle(path);
    const stream = syncFileStream(handle, { highWaterMark: 1024 });
    stream.write('a,b\n');
    stream.cork();
    stream.write(Buffer.from('1,2\n'));
    stream.write('3,4\n');
    stream.uncork();
    stream.write(Buffer.alloc(5000, 0x78));
    stream.end('\n');
    await finished(stream);
    const content = readFileSync(path, 'utf8');
    expect(content).toBe(`a,b\n1,2\n3,4\n${'x'.repeat(5000)}\n`);
    expect(events).toEqual([`sync at ${content.length} bytes`, 'close']);
  });

  it('never asks the writer to wait for a chunk below its high-water mark: each is written at once', async () => {
    const path = join(dir, 'out.csv');
    const { handle } = recordingHandle(path);
    const stream = syncFileStream(handle, { highWaterMark: 1024 * 1024 });
    for (let i = 0; i < 40; i++) {
      expect(stream.write(Buffer.alloc(64 * 1024, 0x61 + (i % 26)))).toBe(true);
      // Synchronous: the bytes are in the file before write() returns.
      expect(fstatSync(handle.fd).size).toBe((i + 1) * 64 * 1024);
    }
    stream.end();
    await finished(stream);
  });

  it('keeps a failed write on the stream and closes the file', async () => {
    const path = join(dir, 'read-only.csv');
    await (await open(path, 'w')).close();
    // Opened for reading: write(2) fails with EBADF, as a full disk fails with ENOSPC.
    const handle = await open(path, 'r');
    const stream = syncFileStream(handle, { highWaterMark: 1024 });
    stream.on('error', () => undefined);
    const error = await new Promise<Error | null | undefined>((resolve) => stream.write('row\n', resolve));
    expect(error).toMatchObject({ code: 'EBADF' });
    await finished(stream).catch(() => undefined);
    expect(stream.errored).toMatchObject({ code: 'EBADF' });
    expect(handle.fd).toBe(-1);
  });

  it('closes the file when destroyed before it was ended, without fsyncing it', async () => {
    const { handle, events } = recordingHandle(join(dir, 'out.csv'));
    const stream = syncFileStream(handle, { highWaterMark: 1024 });
    stream.write('half');
    const closed = new Promise((resolve) => stream.once('close', resolve));
    stream.destroy();
    await closed;
    expect(events).toEqual(['close']);
  });

  it('flushes the file to disk in the background as it grows, one sync at a time, and waits for it at the end', async () => {
    const { handle, events, finishSync } = recordingHandle(join(dir, 'big.csv'));
    const stream = syncFileStream(handle, { highWaterMark: 1024 * 1024 });
    const chunk = Buffer.alloc(BACKGROUND_SYNC_BYTES / 2, 0x61);
    stream.write(chunk);
    expect(events).toEqual([]);
    stream.write(chunk);
    expect(events).toEqual([`datasync at ${BACKGROUND_SYNC_BYTES} bytes`]);
    // Still running: the next 4 MiB start no second sync.
    stream.write(chunk);
    stream.write(chunk);
    expect(events).toHaveLength(1);
    stream.end();
    await new Promise((resolve) => setImmediate(resolve));
    // The final fsync waits for the background one.
    expect(events).toHaveLength(1);
    finishSync();
    await finished(stream);
    expect(events).toEqual([`datasync at ${BACKGROUND_SYNC_BYTES} bytes`, 'datasync done', `sync at ${2 * BACKGROUND_SYNC_BYTES} bytes`, 'close']);
  });

  it('reports a failed background sync when the stream ends, and closes the file only after it', async () => {
    const failure = Object.assign(new Error('i/o error'), { code: 'EIO' });
    const { handle, events, finishSync } = recordingHandle(join(dir, 'big.csv'), { failSync: failure });
    const stream = syncFileStream(handle, { highWaterMark: 1024 * 1024 });
    stream.on('error', () => undefined);
    stream.write(Buffer.alloc(BACKGROUND_SYNC_BYTES));
    stream.end();
    finishSync();
    await expect(finished(stream)).rejects.toMatchObject({ code: 'EIO' });
    expect(events).toEqual([`datasync at ${BACKGROUND_SYNC_BYTES} bytes`, 'datasync done', 'close']);
  });

  it('closes the file only once a background sync is over when destroyed meanwhile', async () => {
    const { handle, events, finishSync } = recordingHandle(join(dir, 'big.csv'));
    const stream = syncFileStream(handle, { highWaterMark: 1024 * 1024 });
    stream.write(Buffer.alloc(BACKGROUND_SYNC_BYTES));
    const closed = new Promise((resolve) => stream.once('close', resolve));
    stream.destroy();
    await new Promise((resolve) => setImmediate(resolve));
    expect(events).toEqual([`datasync at ${BACKGROUND_SYNC_BYTES} bytes`]);
    finishSync();
    await closed;
    expect(events).toEqual([`datasync at ${BACKGROUND_SYNC_BYTES} bytes`, 'datasync done', 'close']);
  });
});
