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

/** NO_COLOR wins over everything but FORCE_COLOR; --no-color wins over both. FORCE_COLOR=0 or false turns colour off, as in Node. */
export function decideColor({ env, isTTY, flag }: ColorChoice): boolean {
  if (flag === false) return false;
  const force = env.FORCE_COLOR;
  if (force === '0' || force === 'false') return false;
  if (force !== undefined && force !== '') return true;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.TERM === 'dumb') return false;
  return isTTY;
}

export function systemIOStreams(env: Record<string, string | undefined>): IOStreams {
  // process.stdin and process.stderr are built on first use (a pipe or a terminal loads node:net and the
  // stream machinery), so they are touched only when a command reads input or writes a message.
  const stdoutIsTTY = process.stdout.isTTY === true;
  return {
    get stdin() {
      return process.stdin;
    },
    stdout: process.stdout,
    get stderr() {
      return process.stderr;
    },
    get stdinIsTTY() {
      return process.stdin.isTTY === true;
    },
    stdoutIsTTY,
    get stderrIsTTY() {
      return process.stderr.isTTY === true;
    },
    columns: stdoutIsTTY ? terminalColumns(env, process.stdout.columns) : undefined,
    colorEnabled: decideColor({ env, isTTY: stdoutIsTTY }),
  };
}

/** The terminal's width: COLUMNS when it is set to a positive number (as `COLUMNS=100 livestats …`), else what the terminal reports; 0 or less is unknown. */
export function terminalColumns(env: Record<string, string | undefined>, reported: number | undefined): number | undefined {
  const fromEnv = env.COLUMNS?.trim();
  if (fromEnv && /^\d+$/.test(fromEnv) && Number(fromEnv) > 0) return Number(fromEnv);
  return reported !== undefined && reported > 0 ? reported : undefined;
}

/** True when a write failed because the reader went away (`livestats ... | head -1`). */
export function isBrokenPipe(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'EPIPE' || code === 'ERR_STREAM_DESTROYED';
}

/** Writes a chunk and waits for the stream to drain when its buffer is full (backpressure). */
export function writeChunk(stream: Writable, chunk: string | Uint8Array): Promise<void> | void {
  // A destroyed stream (the reader of a pipe left and the first EPIPE was already reported) never emits
  // 'drain' or 'error' again: without this check the writer would wait forever.
  if (stream.destroyed) return Promise.reject(destroyedError(stream));
  if (stream.write(chunk)) return;
  if (stream.destroyed) {
    // This very write failed and destroyed the stream: the rejection reports it, and the 'error' event
    // still to come must not crash a process that has no other listener.
    stream.once('error', () => undefined);
    return Promise.reject(destroyedError(stream));
  }
  return new Promise<void>((resolve, reject) => {
    const cleanup = (): void => {
      stream.off('drain', onDrain);
      stream.off('error', onError);
      stream.off('close', onClose);
    };
    const onDrain = (): void => {
      cleanup();
      resolve();
    };
    const onError = (error: Error): void => {
      cleanup();
      reject(error);
    };
    const onClose = (): void => {
      cleanup();
      reject(destroyedError(stream));
    };
    stream.once('drain', onDrain);
    stream.once('error', onError);
    stream.once('close', onClose);
  });
}

function destroyedError(stream: Writable): Error {
  return stream.errored ?? Object.assign(new Error('write after the stream was closed'), { code: 'ERR_STREAM_DESTROYED' });
}
