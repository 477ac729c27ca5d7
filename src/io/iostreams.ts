// Terminal I/O state: where data and messages go, whether each is a terminal, whether to colour.
// Tests build one with fake streams; nothing else looks at process.stdout directly.
import type { Readable, Writable } from 'node:stream';

export interface IOStreams {
  stdin: Readable;
  stdout: Writable;
  stderr: Writable;
  stdinIsTTY: boolean;
  stdoutIsTTY: boolean;
  stderrIsTTY: boolean;
  /** Columns of the terminal on stdout, when it is one. */
  columns: number | undefined;
  /** Colour on stderr/stdout terminal output (decided apart from TTY: NO_COLOR, FORCE_COLOR, --no-color). */
  colorEnabled: boolean;
}

export interface ColorChoice {
  env: Record<string, string | undefined>;
  isTTY: boolean;
  flag?: boolean | undefined;
}

/** NO_COLOR wins over everything but FORCE_COLOR; --no-color wins over both. */
export function decideColor({ env, isTTY, flag }: ColorChoice): boolean {
  if (flag === false) return false;
  const force = env.FORCE_COLOR;
  if (force !== undefined && force !== '' && force !== '0' && force !== 'false') return true;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.TERM === 'dumb') return false;
  return isTTY;
}

export function systemIOStreams(env: Record<string, string | undefined>): IOStreams {
  const stdoutIsTTY = process.stdout.isTTY === true;
  return {
    stdin: process.stdin,
    stdout: process.stdout,
    stderr: process.stderr,
    stdinIsTTY: process.stdin.isTTY === true,
    stdoutIsTTY,
    stderrIsTTY: process.stderr.isTTY === true,
    columns: stdoutIsTTY ? process.stdout.columns : undefined,
    colorEnabled: decideColor({ env, isTTY: stdoutIsTTY }),
  };
}

/** True when a write failed because the reader went away (`livestats ... | head -1`). */
export function isBrokenPipe(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'EPIPE' || code === 'ERR_STREAM_DESTROYED';
}

/** Writes a chunk and waits for the stream to drain when its buffer is full (backpressure). */
export function writeChunk(stream: Writable, chunk: string): Promise<void> | void {
  if (stream.write(chunk)) return;
  return new Promise<void>((resolve, reject) => {
    const onDrain = (): void => {
      stream.off('error', onError);
      resolve();
    };
    const onError = (error: Error): void => {
      stream.off('drain', onDrain);
      reject(error);
    };
    stream.once('drain', onDrain);
    stream.once('error', onError);
  });
}
