// Gathers the small strings a streaming sink produces (one per row) into chunks of about 64 KiB: one
// stream.write per chunk instead of per row is most of the speed of a large export. What to write is the
// sinks' business; this only batches, honours backpressure and reports a stream that has failed.
import type { Writable } from 'node:stream';
import { writeChunk } from '../io/iostreams.js';

const DEFAULT_CHUNK_BYTES = 64 * 1024;
/** UTF-8 needs at most 3 bytes for one UTF-16 unit (a surrogate pair, 2 units, needs 4). */
const MAX_BYTES_PER_UNIT = 3;

/** The error a write to a closed output reports; its code makes the runner treat it like a closed pipe. */
function closedStreamError(): Error {
  return Object.assign(new Error('the output stream was closed'), { code: 'ERR_STREAM_DESTROYED' });
}

export interface ChunkWriterOptions {
  /** Buffered text is written once it reaches about this many bytes of UTF-8. */
  chunkChars?: number;
}

/**
 * Each piece of text is encoded into a chunk buffer as it arrives: the text of a row is short, and UTF-8 of
 * many short strings costs far less than joining them into one long string and encoding that. A chunk always
 * ends between two pieces, so a character is never split across two writes.
 */
export class ChunkWriter {
  private chunk: Buffer;
  private used = 0;
  private idleFlushScheduled = false;
  private readonly chunkBytes: number;

  constructor(
    private readonly stream: Writable,
    options: ChunkWriterOptions = {},
  ) {
    this.chunkBytes = Math.max(1, options.chunkChars ?? DEFAULT_CHUNK_BYTES);
    this.chunk = Buffer.allocUnsafe(this.chunkBytes);
  }

  /** Adds text; returns a promise only when a full chunk went out and the stream asked to wait. */
  push(text: string): void | Promise<void> {
    if (text.length * MAX_BYTES_PER_UNIT <= this.chunkBytes - this.used) {
      this.used += this.chunk.write(text, this.used);
      this.markPending();
      return;
    }
    return this.place(text);
  }

  /** Has the buffer written once the producer stops to wait for something. */
  private markPending(): void {
    if (this.idleFlushScheduled) return;
    // Rows of one page arrive back to back; the check phase comes round only when the producer waits for
    // the network. Writing then shows a slow export's rows page by page instead of 64 KiB at a time.
    this.idleFlushScheduled = true;
    setImmediate(this.flushWhenIdle);
  }

  /** Writes whatever is buffered; throws if the stream already failed or was closed. */
  flush(): void | Promise<void> {
    this.throwIfUnwritable();
    const chunk = this.take();
    if (chunk === undefined) return;
    return writeChunk(this.stream, chunk);
  }

  /**
   * Text that may not fit in what is left of the chunk: the chunk goes out first, then the text starts the
   * next one (or, longer than a chunk, is written on its own). Returns the wait the stream asked for, if any.
   */
  private place(text: string): void | Promise<void> {
    this.throwIfUnwritable();
    const full = this.take();
    const wait = full === undefined ? undefined : writeChunk(this.stream, full);
    if (text.length * MAX_BYTES_PER_UNIT <= this.chunkBytes) {
      this.used = this.chunk.write(text, 0);
      this.markPending();
      return wait;
    }
    // Written after the chunk, so in order; if the stream is full, this write waits for the same 'drain'.
    return writeChunk(this.stream, text);
  }

  /** The filled part of the chunk, handed over for writing; a fresh chunk takes its place. */
  private take(): Buffer | undefined {
    if (this.used === 0) return undefined;
    const full = this.chunk.subarray(0, this.used);
    this.chunk = Buffer.allocUnsafe(this.chunkBytes);
    this.used = 0;
    return full;
  }

  private readonly flushWhenIdle = (): void => {
    this.idleFlushScheduled = false;
    if (this.stream.destroyed || this.stream.writableEnded) return;
    const chunk = this.take();
    if (chunk === undefined) return;
    // The return value is not ignored for long: if this filled the stream's buffer, the next full chunk's
    // writeChunk sees write() return false and waits for 'drain'. A failure is emitted as 'error', which
    // the destination listens for, and shows up in the next flush().
    this.stream.write(chunk);
  };

  private throwIfUnwritable(): void {
    // Checked before writing because a write to a destroyed stream neither emits 'drain' nor 'error', so
    // waiting for either would never end.
    if (this.stream.destroyed || this.stream.writableEnded) throw this.stream.errored ?? closedStreamError();
  }
}
