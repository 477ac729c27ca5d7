// Where the export goes: stdout, or with -o a file replaced atomically (atomic-file). The runner opens it
// before any network request, writes through `stream`, then commits on success or aborts on failure.
// What is written is the sinks' business.
import type { Writable } from 'node:stream';
import type { GlobalOptions } from '../cli/global-options.js';
import type { Context } from '../context.js';
import { checkOutputTarget, openAtomicFile } from './atomic-file.js';

export interface Destination {
  stream: Writable;
  /** False for stdout, where a closed pipe (`| head`) ends the export quietly. */
  isFile: boolean;
  /** Makes the output final: all data written (and, for a file, in place). */
  commit(): Promise<void>;
  /** Gives up: a file's temp copy is removed and the target left as it was. Safe to call twice. */
  abort(): Promise<void>;
  /**
   * The first write error seen on stdout (the reader of a pipe left). process.stdout is neither destroyed nor
   * marked `errored` by one, so a writer that only checks the stream would never notice: the runner checks this.
   */
  readonly failure?: Error | undefined;
}

function stdoutDestination(stream: Writable): Destination {
  const destination: Destination & { failure: Error | undefined } = {
    stream,
    isFile: false,
    failure: undefined,
    commit: () =>
      new Promise<void>((resolve, reject) => {
        if (destination.failure) return reject(destination.failure);
        // An empty write completes after every earlier write has, without ending stdout.
        stream.write('', (error) => {
          const cause = destination.failure ?? error;
          if (cause) return reject(cause);
          stream.off('error', onError);
          resolve();
        });
      }),
    // Nothing to undo on stdout; the listener stays in case writes still in flight fail.
    abort: async () => undefined,
  };
  // Unlistened, an EPIPE on stdout would crash the process; kept here, it stops the export at its next row
  // (see `failure`) and is rethrown by commit.
  const onError = (error: Error): void => {
    destination.failure ??= error;
  };
  stream.on('error', onError);
  return destination;
}

/** Fails early, before settings are read or requests sent, when -o names a file that cannot be written. */
export async function checkDestination(global: Pick<GlobalOptions, 'output'>): Promise<void> {
  if (global.output === undefined || global.output === '-') return;
  await checkOutputTarget(global.output);
}

export async function openDestination(ctx: Context, global: GlobalOptions): Promise<Destination> {
  // "-o -" means stdout, as for most tools that take an output file.
  if (global.output === undefined || global.output === '-') return stdoutDestination(ctx.io.stdout);
  return openAtomicFile(global.output);
}
