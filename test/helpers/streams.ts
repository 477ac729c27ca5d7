// In-memory streams for tests: a Writable that collects what was written as text, and stdin from a string.
import { Readable, Writable } from 'node:stream';

export interface CaptureStreamOptions {
  /** Small values make write() return false early, to exercise backpressure. */
  highWaterMark?: number;
  /** Delays each write's completion by one macrotask, so a full buffer stays full for a while. */
  slow?: boolean;
}

/** A Writable that keeps everything written to it; `text` is the whole output so far. */
export class CaptureStream extends Writable {
  private readonly chunks: string[] = [];

  constructor(private readonly captureOptions: CaptureStreamOptions = {}) {
    super({ decodeStrings: false, highWaterMark: captureOptions.highWaterMark ?? 16_384 });
  }

  override _write(chunk: unknown, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8'));
    if (this.captureOptions.slow) setImmediate(callback);
    else callback();
  }

  /** Everything written so far. */
  get text(): string {
    return this.chunks.join('');
  }

  /** The output split into lines, without a trailing empty line. */
  lines(): string[] {
    const text = this.text;
    if (text === '') return [];
    return text.replace(/\n$/, '').split('\n');
  }

  /** Parses the output as JSON (for `--json` runs). */
  json(): unknown {
    return JSON.parse(this.text);
  }

  /** Forgets what was written so far. */
  clear(): void {
    this.chunks.length = 0;
  }
}

/** A stdin that yields `text` and ends. */
export function stdinFrom(text: string): Readable {
  return Readable.from([text]);
}
