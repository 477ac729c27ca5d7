// Where the export goes: stdout, or with -o a file replaced atomically (atomic-file). The runner opens it
// before any network request, writes through `stream`, then commits on success or aborts on failure.
// What is written is the sinks' business.
import type { Writable } from 'node:stream';
import type { GlobalOptions } from '../cli/global-options.js';
import type { Context } from '../context.js';
import { openAtomicFile } from './atomic-file.js';

export interface Destination {
  stream: Writable;
  /** False for stdout, where a closed pipe (`| head`) ends the export quietly. */
  isFile: boolean;
  /** Makes the output final: all data written (and, for a file, in place). */
  commit(): Promise<void>;
  /** Gives up: a file's temp copy is removed and the target left as it was. Safe to call twice. */
  abort(): Promise<void>;
}

function stdoutDestination(stream: Writable): Destination {
  let failure: Error | undefined;
  // Unlistened, an EPIPE on stdout would crash the process; kept here, it is rethrown by the sink's next
  // flush (from the stream's `errored`) or by commit.
  const onError = (error: Error): void => {
    failure ??= error;
  };
  stream.on('error', onError);
  return {
    stream,
    isFile: false,
    commit: () =>
      new Promise<void>((resolve, reject) => {
        if (failure) return reject(failure);
        // An empty write completes after every earlier write has, without ending stdout.
        stream.write('', (error) => {
          const cause = failure ?? error;
          if (cause) return reject(cause);
          stream.off('error', onError);
          resolve();
        });
      }),
    // Nothing to undo on stdout; the listener stays in case writes still in flight fail.
    abort: async () => undefined,
  };
}

export async function openDestination(ctx: Context, global: GlobalOptions): Promise<Destination> {
  // "-o -" means stdout, as for most tools that take an output file.
  if (global.output === undefined || global.output === '-') return stdoutDestination(ctx.io.stdout);
  return openAtomicFile(global.output);
}
