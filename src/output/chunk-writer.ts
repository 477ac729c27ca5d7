// Gathers the small strings a streaming sink produces (one per row) into chunks of about 64 KiB: one
// stream.write per chunk instead of per row is most of the speed of a large export. What to write is the
// sinks' business; this only batches, honours backpressure and reports a stream that has failed.
import type { Writable } from 'node:stream';
import { writeChunk } from '../io/iostreams.js';

const DEFAULT_CHUNK_CHARS = 64 * 1024;

/** The error a write to a closed output reports; its code makes the runner treat it like a closed pipe. */
function closedStreamError(): Error {
  return Object.assign(new Error('the output stream was closed'), { code: 'ERR_STREAM_DESTROYED' });
}

export interface ChunkWriterOptions {
  /** Buffered text is written once it reaches this many UTF-16 units. */
  chunkChars?: number;
  /** Text the sink holds back (rows batched for a faster encoder), collected whenever the writer flushes. */
  takePending?: () => string;
}

export class ChunkWriter {
  private buffer = '';
  private idleFlushScheduled = false;
  private readonly chunkChars: number;
  private readonly takePending: (() => string) | undefined;

  constructor(
    private readonly stream: Writable,
    options: ChunkWriterOptions = {},
  ) {
    this.chunkChars = options.chunkChars ?? DEFAULT_CHUNK_CHARS;
    this.takePending = options.takePending;
  }

  /** Adds text; returns a promise only when a full chunk went out and the stream asked to wait. */
  push(text: string): void | Promise<void> {
    this.buffer += text;
    if (this.buffer.length >= this.chunkChars) return this.flush();
    this.markPending();
  }

  /** Has the buffer (and any pending text) written once the producer stops to wait for something. */
  markPending(): void {
    if (this.idleFlushScheduled) return;
    // Rows of one page arrive back to back; the check phase comes round only when the producer waits for
    // the network. Writing then shows a slow export's rows page by page instead of 64 KiB at a time.
    this.idleFlushScheduled = true;
    setImmediate(this.flushWhenIdle);
  }

  /** Writes whatever is buffered; throws if the stream already failed or was closed. */
  flush(): void | Promise<void> {
    this.throwIfUnwritable();
    if (this.takePending) this.buffer += this.takePending();
    if (this.buffer === '') return;
    const chunk = this.buffer;
    this.buffer = '';
    return writeChunk(this.stream, chunk);
  }

  private readonly flushWhenIdle = (): void => {
    this.idleFlushScheduled = false;
    if (this.stream.destroyed || this.stream.writableEnded) return;
    if (this.takePending) this.buffer += this.takePending();
    if (this.buffer === '') return;
    const chunk = this.buffer;
    this.buffer = '';
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
