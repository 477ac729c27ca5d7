// Gathers what a streaming sink produces (a record per row) into chunks of about 64 KiB: one stream.write
// per chunk instead of per row is most of the speed of a large export. A record comes as a string (push) or
// is encoded straight into the chunk cell by cell (reserve, then the put methods), which builds no string at
// all. What to write is the sinks' business; this batches, encodes, honours backpressure and reports a
// stream that has failed.
import type { Writable } from 'node:stream';
import { writeChunk } from '../io/iostreams.js';
import type { CellValue } from './columns.js';

const DEFAULT_CHUNK_BYTES = 64 * 1024;
/** UTF-8 needs at most 3 bytes for one UTF-16 unit (a surrogate pair, 2 units, needs 4). */
const MAX_BYTES_PER_UNIT = 3;
/** The longest text of a number, "-1.7976931348623157e+308", and of a boolean, "false". */
const MAX_NUMBER_CHARS = 24;
const ZERO = 0x30;
const FIRST_NON_ASCII = 0x80;
const FIRST_SURROGATE = 0xd800;
const LAST_SURROGATE = 0xdfff;

/** The characters a format cannot write as they are (see putText). */
export interface SpecialCharacters {
  /** 1 for each special ASCII character. */
  ascii: Uint8Array;
  /** Whether UTF-16 surrogates (as in an emoji) are special too. */
  surrogates: boolean;
}

export function specialCharacters(ascii: string, options: { controls?: boolean; surrogates?: boolean } = {}): SpecialCharacters {
  const table = new Uint8Array(FIRST_NON_ASCII);
  for (const c of ascii) table[c.charCodeAt(0)] = 1;
  if (options.controls) table.fill(1, 0, 0x20);
  return { ascii: table, surrogates: options.surrogates === true };
}

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

  /**
   * The most bytes the put methods may need for these cells, besides `overhead` bytes of the format's own:
   * each text at `bytesPerUnit` bytes a UTF-16 unit (its longest UTF-8 unless the format escapes more), each
   * list at the longest number per item, each other cell at the longest number, plus a separator each.
   */
  maxRecordBytes(values: readonly CellValue[], overhead: number, bytesPerUnit = MAX_BYTES_PER_UNIT): number {
    let bytes = overhead;
    for (let i = 0; i < values.length; i++) {
      const value = values[i];
      if (typeof value === 'string') bytes += value.length * bytesPerUnit + 1;
      // A list of numbers (CellList) as JSON: brackets, and each number with its comma.
      else if (typeof value === 'object' && value !== null) bytes += value.length * (MAX_NUMBER_CHARS + 1) + 3;
      else bytes += MAX_NUMBER_CHARS + 1;
    }
    return bytes;
  }

  /**
   * Makes room for a record of at most `maxBytes` (no more than a chunk) that the sink then encodes with
   * the put methods: the filled chunk goes out first when the record might not fit. Returns the wait the
   * stream asked for, if any; the record is encoded after it.
   */
  reserve(maxBytes: number): void | Promise<void> {
    this.markPending();
    if (maxBytes <= this.chunkBytes - this.used) return;
    this.throwIfUnwritable();
    const full = this.take();
    return full === undefined ? undefined : writeChunk(this.stream, full);
  }

  /**
   * Writes one record of at most `maxBytes`: put straight into the chunk by `put`, once there is room for it
   * (and the stream's wait is over, if it asked for one); a record larger than a chunk as the text `asText`
   * gives. A promise only when the stream asked to wait: the caller must not change `record` until it settles.
   */
  writeRecord<R>(record: R, maxBytes: number, put: (record: R) => void, asText: (record: R) => string): void | Promise<void> {
    if (maxBytes > this.chunkBytes) return this.push(asText(record));
    const wait = this.reserve(maxBytes);
    if (wait) return wait.then(() => put(record));
    put(record);
  }

  /** Where the next byte goes: a sink notes it to drop a record it cannot finish (`discardFrom`). */
  get position(): number {
    return this.used;
  }

  /** Drops what was put since `position` was read. */
  discardFrom(position: number): void {
    this.used = position;
  }

  putByte(byte: number): void {
    this.chunk[this.used++] = byte;
  }

  /** Text known to be ASCII: a constant, a number's text. */
  putAscii(text: string): void {
    const chunk = this.chunk;
    const at = this.used;
    for (let i = 0; i < text.length; i++) chunk[at + i] = text.charCodeAt(i);
    this.used = at + text.length;
  }

  /** A number as `${value}` spells it; whole numbers that fit 31 bits digit by digit, without the string. */
  putNumber(value: number): void {
    if (!(value >= 0 && value <= 0x7fffffff && (value | 0) === value)) return this.putAscii(`${value}`);
    let digits = 1;
    for (let rest = value; rest >= 10; rest = (rest / 10) | 0) digits++;
    const chunk = this.chunk;
    let rest = value;
    for (let i = this.used + digits - 1; i >= this.used; i--) {
      chunk[i] = ZERO + (rest % 10);
      rest = (rest / 10) | 0;
    }
    this.used += digits;
  }

  /**
   * Text as UTF-8, ASCII copied a character at a time. Returns false, having put nothing, when the text holds
   * a character in `special`: the sink then writes that cell (or record) another way.
   */
  putText(text: string, special: SpecialCharacters): boolean {
    const chunk = this.chunk;
    const at = this.used;
    const length = text.length;
    for (let i = 0; i < length; i++) {
      const c = text.charCodeAt(i);
      if (c >= FIRST_NON_ASCII) return this.putNonAsciiText(text, i, special);
      if (special.ascii[c] === 1) return false;
      chunk[at + i] = c;
    }
    this.used = at + length;
    return true;
  }

  /** The rest of a text with a character beyond ASCII: checked here, then encoded whole by Buffer#write. */
  private putNonAsciiText(text: string, from: number, special: SpecialCharacters): boolean {
    for (let i = from; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c < FIRST_NON_ASCII ? special.ascii[c] === 1 : special.surrogates && c >= FIRST_SURROGATE && c <= LAST_SURROGATE) return false;
    }
    this.used += this.chunk.write(text, this.used);
    return true;
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
