// Progress on stderr: an ora spinner only when stdout and stderr are both terminals and --quiet is off;
// otherwise nothing at all (ora would still print "✔ text" off a terminal). ora is loaded only when shown.
import type { GlobalOptions } from '../cli/global-options.js';
import type { IOStreams } from './iostreams.js';

export interface Progress {
  /** Whether anything is shown at all: callers skip building progress text when it is not. */
  readonly shown: boolean;
  start(text: string): Promise<void>;
  update(text: string): void;
  /** Removes the spinner line so the table (or an error) starts on a clean line. */
  stop(): void;
}

const silent: Progress = {
  shown: false,
  start: async () => undefined,
  update: () => undefined,
  stop: () => undefined,
};

/**
 * No spinner with --quiet; none with --verbose either (verbose lines and a spinner would overwrite each other),
 * and none with --log-format json, where every stderr line must be a JSON object.
 */
export function progressOff(global: Pick<GlobalOptions, 'quiet' | 'verbose' | 'logFormat'>): boolean {
  return global.quiet || global.verbose || global.logFormat === 'json';
}

export function progressEnabled(io: IOStreams, quiet: boolean): boolean {
  // ora divides by the terminal width to clear its line: a terminal that reports 0 columns (a pseudo-terminal
  // before its size is set) would make it loop forever, so such a terminal gets no spinner.
  const stderrColumns = (io.stderr as { columns?: unknown }).columns;
  return !quiet && io.stdoutIsTTY && io.stderrIsTTY && stderrColumns !== 0;
}

/** `color` follows NO_COLOR / FORCE_COLOR / --no-color like the rest of the output. */
export function createProgress(io: IOStreams, quiet: boolean, color = io.colorEnabled): Progress {
  if (!progressEnabled(io, quiet)) return silent;
  type Spinner = { text: string; start(): unknown; stop(): unknown };
  let spinner: Spinner | undefined;
  let pending = '';
  let stopped = false;
  return {
    shown: true,
    async start(text) {
      pending = text;
      const { default: ora } = await import('ora');
      if (stopped) return;
      spinner = ora({
        text: pending,
        stream: io.stderr as NodeJS.WritableStream,
        isEnabled: true,
        discardStdin: false,
        color: color ? 'cyan' : false,
      });
      spinner.start();
    },
    update(text) {
      pending = text;
      if (spinner) spinner.text = text;
    },
    stop() {
      stopped = true;
      spinner?.stop();
      spinner = undefined;
    },
  };
}
