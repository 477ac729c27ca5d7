// The -o writer against a real temp directory: replace on commit, untouched target on abort or failure,
// usage errors (exit 2) for a directory that is missing or not writable.
import { chmod, mkdir, mkdtemp, open, readdir, readFile, rm, stat, writeFile, type FileHandle } from 'node:fs/promises';
import { existsSync, fstatSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ExitCode, UsageError } from '../../src/errors.js';
import { openAtomicFile } from '../../src/output/atomic-file.js';
import type { Destination } from '../../src/output/destination.js';

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'livestats-atomic-'));
});

afterEach(async () => {
  vi.restoreAllMocks();
  await chmod(dir, 0o700).catch(() => undefined);
  await rm(dir, { recursive: true, force: true });
});

function write(destination: Destination, text: string): Promise<void> {
  return new Promise((resolve, reject) => destination.stream.write(text, (error) => (error ? reject(error) : resolve())));
}

/** FileHandle's prototype, whose sync() the -o stream calls (through its flush option) before closing. */
async function fileHandlePrototype(): Promise<FileHandle> {
  const handle = await open(join(dir, '.probe'), 'w');
  await handle.close();
  await rm(join(dir, '.probe'));
  return Object.getPrototypeOf(handle) as FileHandle;
}

async function openError(target: string): Promise<UsageError> {
  const error: unknown = await openAtomicFile(target).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UsageError);
  return error as UsageError;
}

describe('openAtomicFile', () => {
  it('creates the target only on commit, from a hidden temp file beside it', async () => {
    const target = join(dir, 'out.csv');
    const file = await openAtomicFile(target);
    await write(file, 'a,b\n1,2\n');
    expect(existsSync(target)).toBe(false);
    const during = await readdir(dir);
    expect(during).toHaveLength(1);
    expect(during[0]).toMatch(new RegExp(`^\\.out\\.csv\\.${process.pid}\\.[0-9a-f]+\\.tmp$`));
    await file.commit();
    expect(await readFile(target, 'utf8')).toBe('a,b\n1,2\n');
    expect(await readdir(dir)).toEqual(['out.csv']);
    expect(file.isFile).toBe(true);
  });

  it('replaces an existing file and keeps its mode', async () => {
    const target = join(dir, 'out.json');
    await writeFile(target, 'old');
    await chmod(target, 0o640);
    const file = await openAtomicFile(target);
    await write(file, '[]\n');
    await file.commit();
    expect(await readFile(target, 'utf8')).toBe('[]\n');
    expect((await stat(target)).mode & 0o777).toBe(0o640);
  });

  it('creates a new file with 0666 less the umask', async () => {
    const target = join(dir, 'new.ndjson');
    const file = await openAtomicFile(target);
    await file.commit();
    expect((await stat(target)).mode & 0o777).toBe(0o666 & ~process.umask());
    expect(await readFile(target, 'utf8')).toBe('');
  });

  it('abort leaves an existing file byte-identical and no temp file behind', async () => {
    const target = join(dir, 'out.csv');
    const original = Buffer.from('id\n1\n2\n\u00e9\n');
    await writeFile(target, original);
    const file = await openAtomicFile(target);
    await write(file, 'partial,row\n');
    await file.abort();
    expect(await readFile(target)).toEqual(original);
    expect(await readdir(dir)).toEqual(['out.csv']);
    await file.abort();
    expect(await readdir(dir)).toEqual(['out.csv']);
  });

  it('abort after a successful commit changes nothing', async () => {
    const target = join(dir, 'out.csv');
    const file = await openAtomicFile(target);
    await write(file, 'done\n');
    await file.commit();
    await file.abort();
    expect(await readFile(target, 'utf8')).toBe('done\n');
    await file.commit();
    expect(await readdir(dir)).toEqual(['out.csv']);
  });

  it('a write failure makes commit fail and leaves the target untouched', async () => {
    const target = join(dir, 'out.csv');
    await writeFile(target, 'keep me');
    const file = await openAtomicFile(target);
    await write(file, 'half');
    file.stream.destroy(Object.assign(new Error('no space left on device'), { code: 'ENOSPC' }));
    await expect(file.commit()).rejects.toMatchObject({ code: 'ENOSPC' });
    expect(await readFile(target, 'utf8')).toBe('keep me');
    expect(await readdir(dir)).toEqual(['out.csv']);
  });

  it('fsyncs the whole temp file before it is renamed over the target', async () => {
    const target = join(dir, 'out.csv');
    await writeFile(target, 'old\n');
    const proto = await fileHandlePrototype();
    const sync = proto.sync;
    const seen: string[] = [];
    vi.spyOn(proto, 'sync').mockImplementation(function (this: FileHandle) {
      seen.push(`target ${JSON.stringify(readFileSync(target, 'utf8'))}, ${fstatSync(this.fd).size} bytes synced`);
      return sync.call(this);
    });
    const file = await openAtomicFile(target);
    await write(file, 'a,b\n');
    await write(file, '1,2\n');
    await file.commit();
    // The first sync is the temp file's, while the target is still the old file; later ones are the directory's.
    expect(seen[0]).toBe('target "old\\n", 8 bytes synced');
    expect(await readFile(target, 'utf8')).toBe('a,b\n1,2\n');
  });

  it('a failed fsync makes commit fail, leaves the target untouched and removes the temp file', async () => {
    const target = join(dir, 'out.csv');
    await writeFile(target, 'keep me');
    const proto = await fileHandlePrototype();
    vi.spyOn(proto, 'sync').mockRejectedValue(Object.assign(new Error('i/o error'), { code: 'EIO' }));
    const file = await openAtomicFile(target);
    await write(file, 'new data\n');
    await expect(file.commit()).rejects.toMatchObject({ code: 'EIO' });
    expect(await readFile(target, 'utf8')).toBe('keep me');
    expect(await readdir(dir)).toEqual(['out.csv']);
  });

  it('removes its exit hook once finished either way', async () => {
    const before = process.listenerCount('exit');
    const committed = await openAtomicFile(join(dir, 'a.csv'));
    expect(process.listenerCount('exit')).toBe(before + 1);
    await committed.commit();
    const aborted = await openAtomicFile(join(dir, 'b.csv'));
    await aborted.abort();
    expect(process.listenerCount('exit')).toBe(before);
  });

  it('a missing directory is a usage error naming the path', async () => {
    const target = join(dir, 'missing', 'out.csv');
    const error = await openError(target);
    expect(error.exitCode).toBe(ExitCode.usage);
    expect(error.message).toBe(`--output: cannot write ${target}: the directory does not exist (${join(dir, 'missing')})`);
    expect(error.message).not.toContain('\n');
  });

  it('a file where a directory should be is a usage error', async () => {
    await writeFile(join(dir, 'plain'), 'x');
    const target = join(dir, 'plain', 'out.csv');
    const error = await openError(target);
    expect(error.exitCode).toBe(2);
    expect(error.message).toContain(target);
    expect(error.message).toMatch(/not a directory/);
  });

  it('a target that is a directory is a usage error', async () => {
    await mkdir(join(dir, 'out.csv'));
    const error = await openError(join(dir, 'out.csv'));
    expect(error.exitCode).toBe(2);
    expect(error.message).toMatch(/it is a directory$/);
  });

  // root ignores directory permissions, but not those of sysfs.
  const asRoot = process.getuid?.() === 0;
  it.skipIf(asRoot && !existsSync('/sys/kernel'))('an unwritable directory is a usage error and leaves nothing behind', async () => {
    const locked = asRoot ? '/sys' : join(dir, 'locked');
    if (!asRoot) {
      await mkdir(locked);
      await chmod(locked, 0o555);
    }
    const target = join(locked, 'out.csv');
    const error = await openError(target);
    expect(error.exitCode).toBe(2);
    expect(error.message).toBe(`--output: cannot write ${target}: permission denied (${locked})`);
    expect(existsSync(target)).toBe(false);
  });
});
