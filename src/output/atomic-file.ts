// -o: the export goes to a hidden temp file beside the target (a symbolic link's target), and only a finished,
// fsynced file is renamed over it; a failure or an interrupt leaves no partial file and an existing target
// untouched. Formats are the sinks' business; choosing between a file and stdout is destination's.
import { randomBytes } from 'node:crypto';
import { unlinkSync } from 'node:fs';
import { lstat, open, readlink, rename, stat, unlink, type FileHandle } from 'node:fs/promises';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { UsageError } from '../errors.js';
import type { Destination } from './destination.js';

type State = 'open' | 'committing' | 'committed' | 'aborted';

const codeOf = (error: unknown): unknown => (error as { code?: unknown } | null)?.code;

/** A one-line reason for a failed stat or open, in words rather than errno names. */
export function describeFsError(error: unknown): string {
  switch (codeOf(error)) {
    case 'ENOENT':
      return 'the directory does not exist';
    case 'ENOTDIR':
      return 'a part of the path is not a directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EROFS':
      return 'the file system is read-only';
    case 'EISDIR':
      return 'it is a directory';
    default:
      return error instanceof Error ? error.message : String(error);
  }
}

function cannotWrite(path: string, reason: string, cause?: unknown): UsageError {
  return new UsageError(`--output: cannot write ${path}: ${reason}`, {
    cause,
    hint: 'Give a file in an existing directory you can write to, or leave out -o to write to stdout.',
  });
}

/** Checks the directory and the target before any work is done; returns the mode to keep, if any. */
async function inspectTarget(path: string): Promise<number | undefined> {
  const dir = dirname(path);
  try {
    if (!(await stat(dir)).isDirectory()) throw cannotWrite(path, `${dir} is not a directory`);
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw cannotWrite(path, `${describeFsError(error)} (${dir})`, error);
  }
  try {
    const existing = await stat(path);
    if (existing.isDirectory()) throw cannotWrite(path, 'it is a directory');
    return existing.mode & 0o7777;
  } catch (error) {
    if (error instanceof UsageError) throw error;
    if (codeOf(error) === 'ENOENT') return undefined;
    throw cannotWrite(path, describeFsError(error), error);
  }
}

class AtomicFile implements Destination {
  readonly isFile = true;
  readonly stream: Writable;
  private state: State = 'open';

  constructor(
    readonly path: string,
    readonly tempPath: string,
    handle: FileHandle,
  ) {
    // `flush` (Node 20.10.0 and 21.0.0 on; livestats needs 20.19) fsyncs the file after the last write, before
    // the stream closes the handle; commit renames only once the stream has closed, so what is renamed over
    // the target is on disk, not just in the page cache.
    this.stream = handle.createWriteStream({ flush: true });
    // A write error (a full disk) is kept on the stream (`errored`) and rethrown by the sink's next write
    // or by commit; without a listener it would crash the process instead.
    this.stream.on('error', () => undefined);
    // A crash that skips abort() must not leave the temp file behind either.
    process.once('exit', this.removeOnExit);
  }

  async commit(): Promise<void> {
    if (this.state === 'committed') return;
    if (this.state !== 'open') throw new Error(`${this.path}: commit after ${this.state}`);
    this.state = 'committing';
    try {
      if (this.stream.errored || this.stream.destroyed) {
        throw this.stream.errored ?? new Error(`${this.path}: the output was closed before it was complete`);
      }
      this.stream.end();
      // Settles once the stream has closed (it emits 'close'), that is after the fsync, or with its error.
      await finished(this.stream);
      // An interrupt may have aborted us while the data was being flushed: then the target stays as it was.
      if ((this.state as State) === 'aborted') return;
      await rename(this.tempPath, this.path);
      this.state = 'committed';
      process.off('exit', this.removeOnExit);
    } catch (error) {
      await this.abort();
      throw error;
    }
    await syncDirectory(dirname(this.path));
  }

  async abort(): Promise<void> {
    if (this.state === 'committed' || this.state === 'aborted') return;
    this.state = 'aborted';
    if (!this.stream.closed) {
      const closed = new Promise((resolve) => this.stream.once('close', resolve));
      this.stream.destroy();
      await closed;
    }
    await unlink(this.tempPath).catch(() => undefined);
    // Only now: a process.exit() while the stream was closing (a second Ctrl-C) must still remove the temp file.
    process.off('exit', this.removeOnExit);
  }

  private readonly removeOnExit = (): void => {
    try {
      unlinkSync(this.tempPath);
    } catch {
      // Already gone, or never to be removed by us: nothing more can be done while exiting.
    }
  };
}

/** Makes the rename itself durable; some file systems cannot fsync a directory, which is not an error. */
export async function syncDirectory(dir: string): Promise<void> {
  try {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Best effort only: the data itself was fsynced before the rename.
  }
}

/** A hidden name beside the target (rename is only atomic within one file system), unique per process and attempt. */
export function tempPathFor(path: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
}

/** Symbolic links followed before giving up (as the kernel's own limit, ELOOP). */
const MAX_LINKS = 40;

/**
 * The file that -o really replaces: a symbolic link is followed to its target (the link stays, as editors
 * keep it), a dangling one to the path it names; the temp file then goes beside the real file.
 */
async function followLinks(path: string): Promise<string> {
  let current = path;
  for (let hops = 0; hops < MAX_LINKS; hops++) {
    let isLink: boolean;
    try {
      isLink = (await lstat(current)).isSymbolicLink();
    } catch {
      return current;
    }
    if (!isLink) return current;
    current = resolve(dirname(current), await readlink(current));
  }
  throw cannotWrite(path, 'too many levels of symbolic links');
}

/**
 * Checks, before any other work, that `target` could be written: its directory exists and takes a new file
 * (a probe file is created and removed again), and it is not a directory. A problem is a UsageError (exit 2).
 */
export async function checkOutputTarget(target: string): Promise<void> {
  const path = await followLinks(resolve(target));
  await inspectTarget(path);
  const probe = tempPathFor(path);
  let handle: FileHandle;
  try {
    handle = await open(probe, 'wx', 0o600);
  } catch (error) {
    throw cannotWrite(path, `${describeFsError(error)} (${dirname(path)})`, error);
  }
  await handle.close().catch(() => undefined);
  await unlink(probe).catch(() => undefined);
}

/**
 * Opens the temp file for `target`. A missing or unwritable directory is a UsageError (exit 2) that names
 * the path, raised before anything else happens.
 */
export async function openAtomicFile(target: string): Promise<Destination> {
  const path = await followLinks(resolve(target));
  const keepMode = await inspectTarget(path);
  // 'wx' refuses to follow or reuse anything already at that name.
  const tempPath = tempPathFor(path);
  let handle: FileHandle;
  try {
    // 0o666 is narrowed by the umask, as for any new file the user creates.
    handle = await open(tempPath, 'wx', 0o666);
  } catch (error) {
    throw cannotWrite(path, `${describeFsError(error)} (${dirname(path)})`, error);
  }
  if (keepMode !== undefined) {
    try {
      // chmod is not narrowed by the umask: the replaced file keeps exactly the mode it had.
      await handle.chmod(keepMode);
    } catch (error) {
      await handle.close().catch(() => undefined);
      await unlink(tempPath).catch(() => undefined);
      throw cannotWrite(path, describeFsError(error), error);
    }
  }
  return new AtomicFile(path, tempPath, handle);
}
